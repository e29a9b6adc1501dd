"""The map's legend, beside the map: every mark it draws, in the colours it draws them.

Inert HTML (names are escaped); only marks that the map shows are listed: the sectors that
have a site, towns (and approximate towns), the boundary, neighbours, rivers, the lake, road
classes, rail and the routes under construction, then the caption 示意图，非测绘成果 and the
credits of the sources.
"""

import pandas as pd

from pgdash.display import maps
from pgdash.display.formatting import hex_colour
from pgdash.display.i18n import sector_name, t
from pgdash.display.safe import escape_text
from pgdash.sectors import BY_ID

SWATCH = "display:inline-block;vertical-align:middle;margin-right:.45rem;flex:none;"


def _css(rgb: list[int]) -> str:
    return hex_colour(rgb[:3])


def dot(rgb: list[int]) -> str:
    """A filled dot (a site of a sector)."""
    size = "width:.8rem;height:.8rem;border-radius:50%"
    return f'<span style="{SWATCH}{size};background:{_css(rgb)}"></span>'


def ring(rgb: list[int]) -> str:
    """A white dot with a coloured ring (a town seat)."""
    return (
        f'<span style="{SWATCH}width:.6rem;height:.6rem;border-radius:50%;background:#fff;'
        f'border:2px solid {_css(rgb)}"></span>'
    )


def area(fill: list[int], line: list[int]) -> str:
    """A filled square with an outline (the district, a neighbour, the lake)."""
    return (
        f'<span style="{SWATCH}width:1.1rem;height:.75rem;background:{_css(fill)};'
        f'border:1.5px solid {_css(line)}"></span>'
    )


def line(rgb: list[int], width: float, dashed: bool = False) -> str:
    """A short line (a river, road, railway; dashed: under construction)."""
    style = "dashed" if dashed else "solid"
    return (
        f'<span style="{SWATCH}width:1.6rem;height:0;'
        f'border-top:{max(width, 1.5):.1f}px {style} {_css(rgb)}"></span>'
    )


def legend_entries(
    sites: pd.DataFrame, context: dict | None, lang: str
) -> list[tuple[str, str, str]]:
    """(group, swatch HTML, label) of every mark the map draws, in the order of the legend."""
    present = set(sites.loc[sites["kind"] == "site", "sector"])
    entries = [
        ("sectors", dot(maps.sector_rgb(sid)), sector_name(sid, lang))
        for sid in BY_ID
        if sid in present
    ]
    towns = sites[sites["kind"] == "town"]
    if not towns.empty:
        entries.append(("places", ring(maps.TOWN_COLOUR), t("legend_towns", lang)))
        if any(maps.is_approximate(s) for s in towns.itertuples()):
            entries.append(
                ("places", ring(maps.TOWN_APPROX_COLOUR), t("legend_towns_approx", lang))
            )
    entries.append(("places", area(maps.BOUNDARY_FILL, maps.NAVY), t("legend_boundary", lang)))
    kinds = {
        (f.get("properties") or {}).get("kind"): f for f in (context or {}).get("features", [])
    }
    roads = {
        (f.get("properties") or {}).get("road_class")
        for f in maps.context_features(context, "road")
    }
    if "neighbour" in kinds:
        entries.append(
            ("places", area(maps.NEIGHBOUR_FILL, maps.NEIGHBOUR_LINE), t("legend_neighbours", lang))
        )
    if "river" in kinds:
        entries.append(("lines", line(maps.RIVER_COLOUR, 2), t("legend_river", lang)))
    if "lake" in kinds:
        entries.append(("lines", area(maps.LAKE_FILL, maps.RIVER_COLOUR), t("legend_lake", lang)))
    for road_class, key in (("expressway", "legend_expressway"), ("main", "legend_road")):
        if road_class in roads:
            width = maps.ROAD_WIDTHS[road_class]
            entries.append(("lines", line(maps.ROAD_COLOURS[road_class], width), t(key, lang)))
    if "rail" in kinds:
        entries.append(("lines", line(maps.RAIL_COLOUR, 2), t("legend_rail", lang)))
    if (sites["kind"] == "route").any():
        entries.append(
            ("lines", line(maps.ROUTE_COLOUR, 3.5, dashed=True), t("legend_planned", lang))
        )
    return entries


def credits(context: dict | None, lang: str) -> str:
    """Where the map's geometry comes from: the generated boundary with its context, or
    (no context: another district's map) the outline a user added."""
    return t("map_credits" if (context or {}).get("features") else "map_credits_added", lang)


def legend_html(sites: pd.DataFrame, context: dict | None, lang: str) -> str:
    """The legend as inert HTML: one mark a line, grouped, then caption and credits."""
    rows, group = [], None
    for entry_group, swatch, label in legend_entries(sites, context, lang):
        gap = "margin-top:.45rem;" if group is not None and entry_group != group else ""
        group = entry_group
        rows.append(
            f'<div style="display:flex;align-items:center;{gap}">{swatch}'
            f"<span>{escape_text(label)}</span></div>"
        )
    return (
        f'<div class="pg-meta">{escape_text(t("legend", lang))}</div>'
        f'<div class="pg-map-legend" style="font-size:.95rem;line-height:1.5">{"".join(rows)}</div>'
        f'<div class="pg-meta" style="margin-top:.5rem">'
        f"<b>{escape_text(t('schematic_caption', lang))}</b></div>"
        f'<div class="pg-meta" style="font-size:.85rem">{escape_text(credits(context, lang))}</div>'
    )


def sector_strip_html(sites: pd.DataFrame, lang: str, context: dict | None = None) -> str:
    """Under a slide's map: the sectors of its dots in one wrapping row, then the caption
    and the sources' line (inert HTML)."""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:1rem">{swatch}'
        f"<span>{escape_text(label)}</span></span>"
        for group, swatch, label in legend_entries(sites, None, lang)
        if group == "sectors"
    )
    return (
        f'<div class="pg-map-legend" style="font-size:.95rem;line-height:1.7">{items}</div>'
        f'<div class="pg-meta" style="font-size:.85rem">'
        f"{escape_text(t('schematic_caption', lang))} · {escape_text(credits(context, lang))}</div>"
    )
