"""Cards as inert HTML: KPI tiles, target, rank and honour cards, laid out in a CSS grid.

A grid of cards is one ``st.html`` element rather than dozens of Streamlit widgets, so a
page of sixty figures draws in a fraction of the time. Every document string goes through
:func:`escape_text`; the source passage of a figure sits in a native ``<details>``
disclosure ("原文"), one click away and without a server round trip.
"""

import base64
import re
from collections.abc import Iterable
from urllib.parse import unquote

import pandas as pd

from pgdash.display.colours import KIND_ROLE
from pgdash.display.kpi import Tile
from pgdash.display.safe import escape_text
from pgdash.display.wrapping import unbroken

# Delta colours follow the sense of the measure: up is good unless lower is better.
GOOD, BAD, NEUTRAL = "good", "bad", "neutral"


def tag(text: str, tone: str = "grey") -> str:
    """A small rounded label: period, kind, rank, sector."""
    tone_class = "" if tone == "grey" else f" pg-tag-{tone}"  # grey is the tag's own colour
    return f'<span class="pg-tag{tone_class}">{escape_text(text)}</span>'


def source_details(label: str, passage_html: str) -> str:
    """The "原文" disclosure holding a figure's source passage (already inert HTML)."""
    return (
        f'<details class="pg-src" name="pg-src"><summary>{escape_text(label)}</summary>'
        f'<div class="pg-pop">{passage_html}</div></details>'
    )


def delta_tone(tile: Tile) -> str:
    """good / bad / neutral for a tile's delta, from its sign and the measure's sense."""
    if not tile.delta or tile.delta_color == "off" or tile.delta[0] not in "+-":
        return NEUTRAL
    rising = tile.delta[0] == "+"
    return GOOD if rising == (tile.delta_color == "normal") else BAD


def _delta_html(tile: Tile) -> str:
    if not tile.delta:
        return ""
    tone = delta_tone(tile)
    arrow = {"+": "↑ ", "-": "↓ "}.get(tile.delta[0], "") if tile.delta_arrow != "off" else ""
    note = tile.delta_description
    note_html = f' <span class="pg-note">{escape_text(note)}</span>' if note else ""
    return f'<div class="pg-delta pg-{tone}">{arrow}{escape_text(tile.delta)}{note_html}</div>'


def _extra_html(tile: Tile) -> str:
    return f'<div class="pg-delta pg-neutral">{escape_text(tile.extra)}</div>' if tile.extra else ""


def kpi_card(tile: Tile, source_html: str, source_label: str, is_actual: bool) -> str:
    """One headline figure: name, value (with the growth its sentence states), comparison,
    period / kind / rank tags, source."""
    role = KIND_ROLE.get(tile.fact_kind, "result")
    tags = [tag(tile.period)]
    if tile.kind and not is_actual:
        tags.append(tag(tile.kind, "orange" if tile.is_estimate else "violet"))
    tags.extend(tag(badge, "rank") for badge in tile.badges)
    return (
        f'<div class="pg-card pg-kind-{role} pg-kpi" data-fact-id="{escape_text(tile.fact_id)}">'
        f'<div class="pg-label">{escape_text(tile.label)}</div>'
        f'<div class="pg-value">{escape_text(unbroken(tile.value))}</div>'
        f"{_extra_html(tile)}{_delta_html(tile)}"
        f'<div class="pg-tags">{"".join(tags)}</div>'
        f"{source_details(source_label, source_html)}</div>"
    )


def figure_card(
    fact_id: str, value: str, label: str, tags: Iterable[str], source: str, big: str = "rank"
) -> str:
    """A card led by one large value (a target, a rank), its name, tags and source;
    ``big`` colours the value: ``rank`` (gold) or ``target`` (the targets' violet), never
    the alarm red of a judged status."""
    return (
        f'<div class="pg-card" data-fact-id="{escape_text(fact_id)}">'
        f'<div class="pg-big pg-{big}">{escape_text(value)}</div>'
        f'<div class="pg-name">{escape_text(label)}</div>'
        f'<div class="pg-tags">{"".join(tags)}</div>{source}</div>'
    )


def text_card(title: str, text: str, tags: Iterable[str] = (), note: str = "") -> str:
    """A card of words: an honour, a target stated without a number."""
    note_html = f'<div class="pg-meta">{escape_text(note)}</div>' if note else ""
    tags_html = "".join(tags)
    tags_html = f'<div class="pg-tags pg-tags-top">{tags_html}</div>' if tags_html else ""
    return (
        f'<div class="pg-card">{tags_html}'
        f'<div class="pg-name">{escape_text(title)}</div>'
        f'<div class="pg-text">{escape_text(text)}</div>{note_html}</div>'
    )


# What a data URI of SVG must not hold raw inside a double-quoted attribute: the quotes, the
# characters URLs and HTML give a meaning to, the whitespace a URL parser drops, and ``<`` and
# ``>`` (the sanitiser drops an attribute holding ``</title`` or ``-->``).
_URI_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in "%#\"'&<>\n\r\t"})
SVG_TEXT = "data:image/svg+xml;charset=utf-8,"
SVG_BASE64 = "data:image/svg+xml;base64,"
_PATH_DATA = re.compile(r'( d=")([^"]*)(")')
_FINE = re.compile(r"(\d\.\d)\d+")  # a coordinate with more than one decimal


def _coarse_paths(svg: str) -> str:
    """Path coordinates cut to a tenth of a pixel (renderers write thousandths); text and
    every other number are left as they are."""
    return _PATH_DATA.sub(lambda m: m[1] + _FINE.sub(r"\1", m[2]) + m[3], svg)


def svg_uri(svg: str) -> str:
    """An SVG drawing (its paths to a tenth of a pixel) as a data URI: as text with the few
    characters above percent-encoded, or base64 when that is shorter (a drawing of many
    small tags). A drawing without ``'`` goes with its ``"`` written as ``'`` (one byte, not
    three): a raw ``'`` in the URI says so (:func:`image_svg`)."""
    svg = _coarse_paths(svg)
    text = svg.translate(_URI_ESCAPES)
    if "'" not in svg:
        text = text.replace("%22", "'")
    as_text = SVG_TEXT + text
    as_base64 = SVG_BASE64 + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return min(as_text, as_base64, key=lambda uri: len(uri.encode("utf-8")))


def svg_image(svg: str, alt: str, css_class: str = "") -> str:
    """An SVG drawing as an ``<img>`` (the app's HTML sanitiser keeps images, not inline
    SVG); ``alt`` names it for screen readers."""
    attrs = f' class="{css_class}"' if css_class else ""
    return f'<img{attrs} alt="{escape_text(alt)}" src="{svg_uri(svg)}">'


def image_svg(src: str) -> str:
    """The SVG drawing of an ``<img>`` source made by :func:`svg_image`."""
    if src.startswith(SVG_BASE64):
        return base64.b64decode(src.removeprefix(SVG_BASE64)).decode("utf-8")
    return unquote(src.removeprefix(SVG_TEXT).replace("'", "%22"))


def images_svg(html: str) -> list[str]:
    """The SVG drawings of every ``<img>`` of ``html`` made by :func:`svg_image`."""
    return [image_svg(src) for src in re.findall(r'src="(data:image/svg\+xml[^"]*)"', html)]


def grid(cards: Iterable[str], columns: int) -> str:
    """Cards in a grid of ``columns`` equal columns (fewer on a narrow screen).

    Cards in the right half open their source passage leftwards, so it stays on screen.
    """
    html = [
        card.replace('class="pg-card', 'class="pg-right pg-card', 1)
        if columns > 1 and i % columns >= columns / 2
        else card
        for i, card in enumerate(cards)
    ]
    return f'<div class="pg-grid" style="--cols:{int(columns)}">{"".join(html)}</div>'


def table_html(frame: pd.DataFrame, original: Iterable[str] = ()) -> str:
    """A small table (a handful of rows) as inert HTML, headers from the columns.

    Cells of the ``original`` columns hold text in the documents' Chinese and say so.
    """
    head = "".join(f"<th>{escape_text(str(c))}</th>" for c in frame.columns)
    marks = [
        f' data-label="{escape_text(str(c))}"' + (' lang="zh-CN"' if c in set(original) else "")
        for c in frame.columns
    ]  # the label lets a phone show each row as a small card
    rows = "".join(
        "<tr>"
        + "".join(f"<td{m}>{escape_text(str(v))}</td>" for m, v in zip(marks, row, strict=True))
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="pg-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def bars_html(title: str, bars: Iterable[tuple[str, int, str]]) -> str:
    """Horizontal bars of (label, count, colour), each labelled with its count."""
    bars = list(bars)
    top = max((count for _, count, _ in bars), default=0) or 1
    rows = "".join(
        f'<div class="pg-bar-label">{escape_text(label)}</div>'
        f'<div class="pg-bar-track"><span class="pg-bar" style="width:{100 * count / top:.1f}%;'
        f'background:{colour}"></span><span class="pg-bar-n">{count}</span></div>'
        for label, count, colour in bars
    )
    return f'<div class="pg-name">{escape_text(title)}</div><div class="pg-bars">{rows}</div>'
