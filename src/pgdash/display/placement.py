"""Place map labels so that they stay on the map, overlap neither each other nor the dots,
and cross as few lines as they can.

deck.gl's own collision filter hides labels unpredictably, so labels are placed once, in
Python, for the initial view. A :class:`Placer` holds the boxes already taken (every dot
first, then each label as it is placed), the frame of the view and the drawn lines (roads,
rivers, rail, routes, the district boundary): a label is placed only where it overlaps no
box and lies wholly inside the frame, so it is never cut off; among such spots it takes the
one whose box the lines cross least, the earlier spot winning unless a later one is clearly
clearer (:data:`ORDER_COST`).

- a point's label tries spots around its dot (above, below, right, left, the diagonals,
  then further out) and takes the best free one;
- a line's label sits on the line, at its middle or further along, where there is room;
- an area's label sits at its label point, or is nudged a little.

A label with no free spot is left out (its dot keeps its tooltip), unless ``keep_all``.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shapely import STRtree
from shapely.geometry import LineString
from shapely.geometry import box as shapely_box

WORLD = 512  # deck.gl measures zoom in 512-pixel world tiles
DOT_RADIUS = 10  # a site's dot (7 px, its white ring and a margin): no label covers it
GAP = 6
EDGE = 6  # pixels kept free along the frame
# A later spot must spare this many pixels of crossed line per step down the list of spots
# to win over an earlier one: a label keeps to its dot's top unless a road runs through it.
ORDER_COST = 4.0
CROWD_PX = 80  # dots closer than this compete for the same spots
HALO = 2  # the white outline around the glyphs, in pixels
LINE_EM = 1.35  # the height of a line of text, in ems
# Width of a character in ems, for the sans-serif fonts of the labels (bold-ish, 600).
CJK_EM, UPPER_EM, LOWER_EM, SPACE_EM = 1.0, 0.68, 0.56, 0.3
# where along a line its name may sit: the middle first, then outwards
LINE_SPOTS = tuple(sorted((i / 20 for i in range(2, 19)), key=lambda f: abs(f - 0.5)))
# of an area label: in half widths across and label heights down
NUDGES = ((0, 0), (0, -1), (0, 1), (1, 0), (-1, 0), (0, -2), (0, 2), (2, 0), (-2, 0),
          (1, -1), (-1, -1), (1, 1), (-1, 1))  # fmt: skip


@dataclass(frozen=True)
class Box:
    """A screen rectangle in pixels."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def within(self, other: "Box") -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at ``zoom``."""
    scale = WORLD * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def view_frame(lon: float, lat: float, zoom: float, width: float, height: float) -> Box:
    """The pixel box a ``width`` × ``height`` map centred on (lon, lat) shows, less an edge."""
    x, y = project(lon, lat, zoom)
    return Box(
        x - width / 2 + EDGE, y - height / 2 + EDGE, x + width / 2 - EDGE, y + height / 2 - EDGE
    )


def label_size(text: str, size: float) -> tuple[float, float]:
    """The drawn (width, height) of a label in pixels, with its white halo; a label may
    have several lines (``\n``)."""
    lines = text.split("\n")
    return max(text_width(line, size) for line in lines), size * LINE_EM * len(lines) + 2 * HALO


def wrap(text: str, limit: float = 11) -> str:
    """A long Latin label in two lines, broken at the space nearest its middle; Chinese
    and short labels stay on one line. ``limit`` is in ems."""
    if " " not in text or text_width(text, 1) - 4 <= limit:
        return text
    middle = len(text) / 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def text_width(text: str, size: float) -> float:
    """The drawn width of a label in pixels (CJK one em; Latin narrower, capitals wider)."""
    ems = sum(
        CJK_EM if ord(ch) >= 0x2E80
        else SPACE_EM if ch == " "
        else UPPER_EM if ch.isupper() or ch.isdigit()
        else LOWER_EM
        for ch in text
    )  # fmt: skip
    return ems * size + 2 * HALO


def _candidates(width: float, height: float) -> list[tuple[float, float]]:
    """Offsets of the label's centre from its dot: above, below, right, left, the four
    diagonals, then a line further up or down (still centred on the dot, so it reads as
    the dot's label; further out sideways it would read as another's)."""
    vertical = DOT_RADIUS + GAP / 2 + height / 2
    horizontal = DOT_RADIUS + GAP / 2 + width / 2
    up, down, right, left = -vertical, vertical, horizontal, -horizontal
    step = height + GAP / 2
    return [
        (0, up), (0, down), (right, 0), (left, 0),
        (right, up), (right, down), (left, up), (left, down),
        (0, up - step), (0, down + step),
    ]  # fmt: skip


# What each spot of :func:`_candidates` costs, in pixels of crossed line: the four beside
# the dot cheapest, the diagonals a little more, a line further out only to avoid a road
# running right through the label and its dot (a label off its dot reads as another dot's).
SPOT_COSTS = (0, 4, 8, 12, 16, 20, 24, 28, 120, 124)


def _along(path: list[list[float]], fraction: float) -> tuple[float, float]:
    """The point ``fraction`` of the way along a path (lengths in degrees; fine here)."""
    point = LineString(path).interpolate(fraction, normalized=True)
    return point.x, point.y


class Placer:
    """Labels placed one after another; earlier ones win a contested spot."""

    def __init__(
        self,
        zoom: float,
        dots: Iterable[tuple[float, float]] = (),
        frame: Box | None = None,
        lines: Iterable[Sequence[Sequence[float]]] = (),
    ) -> None:
        self.zoom, self.frame = zoom, frame
        self.taken: list[Box] = []
        for lon, lat in dots:
            x, y = project(lon, lat, zoom)
            self.taken.append(Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS))
        self.lines = [
            LineString([project(float(p[0]), float(p[1]), zoom) for p in path])
            for path in lines
            if len(path) >= 2
        ]
        self.tree = STRtree(self.lines) if self.lines else None

    def _box(self, x: float, y: float, width: float, height: float) -> Box:
        return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def _free(self, box: Box) -> bool:
        """Whether ``box`` is inside the frame and overlaps no box taken."""
        if self.frame is not None and not box.within(self.frame):
            return False
        return not any(box.overlaps(other) for other in self.taken)

    def crossing(self, box: Box) -> float:
        """How many pixels of drawn line run through ``box``."""
        if self.tree is None:
            return 0.0
        area = shapely_box(box.left, box.top, box.right, box.bottom)
        return sum(self.lines[i].intersection(area).length for i in self.tree.query(area))

    def _take(self, box: Box) -> bool:
        """Take ``box`` if it is free and inside the frame."""
        if not self._free(box):
            return False
        self.taken.append(box)
        return True

    def _best(self, boxes: list[Box], costs: Sequence[float] = ()) -> int | None:
        """The index of the free box lines cross least, each box's own cost added
        (``costs``; else :data:`ORDER_COST` a step, earlier ones winning), taken; ``None``
        when none is free. ``costs`` rise with the index."""
        best, best_cost = None, math.inf
        for i, box in enumerate(boxes):
            spot_cost = costs[i] if i < len(costs) else i * ORDER_COST
            if spot_cost >= best_cost:
                break  # no later spot can win
            if not self._free(box):
                continue
            cost = self.crossing(box) + spot_cost
            if cost < best_cost:
                best, best_cost = i, cost
        if best is not None:
            self.taken.append(boxes[best])
        return best

    def around_dots(self, records: list[dict], size: int, keep_all: bool = False) -> list[dict]:
        """Records (``lon``, ``lat``, ``name``) that get a label beside their dot, each with
        its ``offset`` [dx, dy] in pixels; with ``keep_all`` every one, above its dot when
        there is no free spot (numbers that a list refers to must all show).

        Greedy placement in the given order can leave a crowded dot without a spot that a
        different order would have given it: the crowded dots first is tried too, and the
        order that labels more dots wins (the given one on a tie)."""
        start = list(self.taken)
        placed = self._around_dots(records, size, keep_all)
        if keep_all or len(placed) == len(records):
            return placed
        first_try = list(self.taken)
        self.taken = list(start)
        order = sorted(range(len(records)), key=lambda i: -self._crowding(records[i], records))
        again = self._around_dots([records[i] for i in order], size, keep_all)
        if len(again) <= len(placed):
            self.taken = first_try
            return placed
        rank = {records[i]["name"] + repr((records[i]["lon"], records[i]["lat"])): k
                for k, i in enumerate(range(len(records)))}  # fmt: skip
        return sorted(again, key=lambda r: rank.get(r["name"] + repr((r["lon"], r["lat"])), 0))

    def _crowding(self, record: dict, records: list[dict]) -> int:
        """How many of ``records`` have their dot within :data:`CROWD_PX` of this one."""
        x, y = project(record["lon"], record["lat"], self.zoom)
        near = 0
        for other in records:
            ox, oy = project(other["lon"], other["lat"], self.zoom)
            near += (ox - x) ** 2 + (oy - y) ** 2 < CROWD_PX**2
        return near

    def _around_dots(self, records: list[dict], size: int, keep_all: bool) -> list[dict]:
        out = []
        for record in records:
            x, y = project(record["lon"], record["lat"], self.zoom)
            width, height = label_size(record["name"], size)
            spots = _candidates(width, height)
            boxes = [self._box(x + dx, y + dy, width, height) for dx, dy in spots]
            best = self._best(boxes, SPOT_COSTS)
            offset = spots[best] if best is not None else spots[0] if keep_all else None
            if offset is not None:
                out.append({**record, "offset": [round(offset[0], 1), round(offset[1], 1)]})
        return out

    def on_lines(self, records: list[dict], size: int) -> list[dict]:
        """Records with a ``path`` whose name fits on the line or just beside it: each
        gets the ``lon``, ``lat`` of the point of the line it names and an ``offset``."""
        out = []
        for record in records:
            width, height = label_size(record["name"], size)
            spots = [(f, dy) for dy in (0, -height, height) for f in LINE_SPOTS]
            for fraction, dy in spots:
                lon, lat = _along(record["path"], fraction)
                x, y = project(lon, lat, self.zoom)
                if self._take(self._box(x, y + dy, width, height)):
                    out.append({**record, "lon": lon, "lat": lat, "offset": [0, dy]})
                    break
        return out

    def at_points(self, records: list[dict], size: int) -> list[dict]:
        """Records (``lon``, ``lat``, ``name``) labelled at their point, or nudged by a
        label height when that is taken."""
        out = []
        for record in records:
            x, y = project(record["lon"], record["lat"], self.zoom)
            width, height = label_size(record["name"], size)
            shifts = [(nx * (width + GAP) / 2, ny * height) for nx, ny in NUDGES]
            best = self._best([self._box(x + dx, y + dy, width, height) for dx, dy in shifts])
            if best is not None:
                dx, dy = shifts[best]
                out.append({**record, "offset": [round(dx, 1), round(dy, 1)]})
        return out


def place_labels(
    groups: list[tuple[list[dict], int]],
    zoom: float,
    keep_all: bool = False,
    frame: Box | None = None,
    lines: Iterable[Sequence[Sequence[float]]] = (),
) -> list[list[dict]]:
    """For each group of records (with ``lon``, ``lat``, ``name``) and its font size, the
    records that get a label beside their dot, each with an ``offset`` [dx, dy] in pixels.
    Every dot is reserved first; earlier groups and records win a contested spot; ``lines``
    (paths of [lon, lat]) are kept clear where a free spot allows."""
    dots = ((r["lon"], r["lat"]) for records, _ in groups for r in records)
    placer = Placer(zoom, dots, frame, lines)
    return [placer.around_dots(records, size, keep_all) for records, size in groups]


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The (lon, lat) of Web Mercator pixel (x, y) at ``zoom``: the inverse of :func:`project`."""
    scale = WORLD * 2**zoom
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))
    return x / scale * 360 - 180, lat


def spread(
    points: Sequence[tuple[float, float]], zoom: float, apart: float = 2 * DOT_RADIUS - 2
) -> list[tuple[float, float]]:
    """``points`` (lon, lat) moved apart, as little as needed, until no two dots drawn at
    ``zoom`` are closer than ``apart`` pixels: two sites a few hundred metres apart (the
    district government and 府前街) show as two dots side by side, not one over the other.
    Each move is at most half of ``apart`` per pair, well within the curated coordinates'
    stated uncertainty at district scale; points already apart do not move."""
    xy = [list(project(lon, lat, zoom)) for lon, lat in points]
    for _ in range(50):
        moved = False
        for i in range(len(xy)):
            for j in range(i + 1, len(xy)):
                dx, dy = xy[j][0] - xy[i][0], xy[j][1] - xy[i][1]
                distance = math.hypot(dx, dy)
                if distance >= apart - 1e-6:
                    continue
                if distance < 1e-9:
                    dx, dy, distance = 1.0, 0.0, 1.0  # the same spot: side by side
                push = (apart - distance) / 2 + 1e-6
                ux, uy = dx / distance, dy / distance
                xy[i][0], xy[i][1] = xy[i][0] - push * ux, xy[i][1] - push * uy
                xy[j][0], xy[j][1] = xy[j][0] + push * ux, xy[j][1] + push * uy
                moved = True
        if not moved:
            break
    return [
        (lon, lat) if moved_xy == list(project(lon, lat, zoom)) else unproject(*moved_xy, zoom)
        for (lon, lat), moved_xy in zip(points, xy, strict=True)
    ]
