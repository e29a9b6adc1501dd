"""Place map labels so that they stay on the map, overlap neither each other nor the dots,
and cross as few lines as they can.

deck.gl's own collision filter hides labels unpredictably, so labels are placed once, in
Python, for the initial view. A :class:`Placer` holds the boxes already taken (every dot
first, then each label as it is placed), the frame of the view and the drawn lines (roads,
rivers, rail, routes, the district boundary): a label is placed only where it overlaps no
box and lies wholly inside the frame, so it is never cut off, and where no line runs through
it (a name under a rail line reads as the rail's, across the boundary as the neighbour's);
among such spots the earlier one wins. Only when no clear spot is left does a label that
must stay (a site's, ``crossed``) take the spot lines cross least (:data:`ORDER_COST`).

- a point's label tries spots around its dot (above, below, right, left, the diagonals,
  then further out) and takes the best free one;
- a line's label sits on the line, at its middle or further along, where there is room
  and no other line crosses it;
- an area's label sits at its label point, or is nudged a little.

A label with no free spot is left out (its dot keeps its tooltip), unless ``keep_all``.
"""

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from shapely import STRtree
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry import box as shapely_box

WORLD = 512  # deck.gl measures zoom in 512-pixel world tiles
DOT_RADIUS = 10  # a site's dot (7 px, its white ring and a margin): no label covers it
TOWN_RADIUS = 6  # a town's seat (4 px, its ring and a margin)
DRAWN = 2  # a dot's margin, within its radius above, that a leader may cross
GAP = 6
APART = 3  # pixels kept between a label and any other label or dot
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
    and short labels stay on one line (a Chinese name broken mid-word misreads).
    ``limit`` is in ems."""
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
    diagonals, beside the dot a little up or down, then a line further up or down (still
    centred on the dot, so it reads as the dot's label; further out sideways it would read
    as another's)."""
    vertical = DOT_RADIUS + GAP / 2 + height / 2
    horizontal = DOT_RADIUS + GAP / 2 + width / 2
    up, down, right, left = -vertical, vertical, horizontal, -horizontal
    step = height + GAP / 2
    half = height / 2
    return [
        (0, up), (0, down), (right, 0), (left, 0),
        (right, up), (right, down), (left, up), (left, down),
        (right, -half), (right, half), (left, -half), (left, half),
        (0, up - step), (0, down + step),
    ]  # fmt: skip


# What each spot of :func:`_candidates` costs, in pixels of crossed line, when no spot is
# clear: the four beside the dot cheapest, the diagonals a little more, a line further out
# only to avoid a road running right through the label and its dot (a label off its dot
# reads as another dot's).
SPOT_COSTS = (0, 4, 8, 12, 16, 20, 24, 28, 30, 32, 34, 36, 120, 124)
CLEAR_PX = 1.5  # a line may graze a label's halo by this much and still leave it clear
# A callout: a label set further out, joined to its dot by a leader, when no spot beside
# the dot is clear; tried at these distances (pixels from the dot's centre to the label's
# near side) in these directions (right and left first: the label reads along its leader).
CALLOUT_REACH = (24, 36, 50, 66)
FAR_REACH = (84, 104, 126)  # only for a label that would otherwise be left out
CALLOUT_DIRECTIONS = (
    (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1),
    (2, -1), (-2, -1), (2, 1), (-2, 1), (1, -2), (-1, -2), (1, 2), (-1, 2),
)  # fmt: skip


RETRIES = 3  # other orders tried when a greedy placement leaves a dot unnamed


def _key(record: dict) -> str:
    return record["name"] + repr((record["lon"], record["lat"]))


@dataclass(frozen=True)
class Callout:
    """A label set further out from its dot: its box, offset, leader and reach."""

    box: Box
    offset: tuple[float, float]
    leader: LineString
    reach: float


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
        self.dots: dict[Box, Polygon] = {}  # a dot's box taken → the dot as drawn
        self.leaders: list[LineString] = []  # of the callouts placed so far
        self.reserve(dots)
        self.lines = [
            LineString([project(float(p[0]), float(p[1]), zoom) for p in path])
            for path in lines
            if len(path) >= 2
        ]
        self.tree = STRtree(self.lines) if self.lines else None

    def reserve(self, dots: Iterable[tuple[float, float]], radius: float = DOT_RADIUS) -> None:
        """Keep labels off these dots (lon, lat), each ``radius`` pixels round (a leader
        keeps off the dot as drawn, :data:`DRAWN` pixels less)."""
        for lon, lat in dots:
            x, y = project(lon, lat, self.zoom)
            box = Box(x - radius, y - radius, x + radius, y + radius)
            self.taken.append(box)
            self.dots[box] = Point(x, y).buffer(radius - DRAWN)

    def _box(self, x: float, y: float, width: float, height: float) -> Box:
        return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def _free(self, box: Box) -> bool:
        """Whether ``box`` is inside the frame and overlaps no box taken, nor comes within
        :data:`APART` pixels of one (two names side by side would read as one)."""
        if self.frame is not None and not box.within(self.frame):
            return False
        spaced = Box(box.left - APART, box.top - APART, box.right + APART, box.bottom + APART)
        return not any(spaced.overlaps(other) for other in self.taken)

    def crossing(self, box: Box, own: LineString | None = None) -> float:
        """How many pixels of drawn line run through ``box`` (``own``, the line a label
        names, not counted)."""
        if self.tree is None:
            return 0.0
        area = shapely_box(box.left, box.top, box.right, box.bottom)
        crossed = sum(self.lines[i].intersection(area).length for i in self.tree.query(area))
        return crossed - (own.intersection(area).length if own is not None else 0.0)

    def clear(self, box: Box, own: LineString | None = None) -> bool:
        """Whether no line (but ``own``) runs through ``box``."""
        return self.crossing(box, own) <= CLEAR_PX

    def _take(self, box: Box) -> bool:
        """Take ``box`` if it is free and inside the frame."""
        if not self._free(box):
            return False
        self.taken.append(box)
        return True

    def _best(
        self, boxes: list[Box], costs: Sequence[float] = (), crossed: bool = False
    ) -> int | None:
        """The index of the first free box no line runs through, taken; with ``crossed``,
        when there is none, the free box lines cross least, each box's own cost added
        (``costs``; else :data:`ORDER_COST` a step, earlier ones winning). ``None`` when
        none is free. ``costs`` rise with the index."""
        for i, box in enumerate(boxes):
            if self._free(box) and self.clear(box):
                self.taken.append(box)
                return i
        if not crossed:
            return None
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

    def around_dots(
        self,
        records: list[dict],
        size: int,
        keep_all: bool = False,
        crossed: bool = False,
        callouts: bool = False,
    ) -> list[dict]:
        """Records (``lon``, ``lat``, ``name``) that get a label beside their dot, each with
        its ``offset`` [dx, dy] in pixels; with ``keep_all`` every one, above its dot when
        there is no free spot (numbers that a list refers to must all show); with
        ``crossed`` a label that finds no spot clear of lines takes the least crossed one;
        with ``callouts`` it is first tried further out, with a ``leader`` to its dot
        ([[lon, lat], [lon, lat]]).

        Greedy placement in the given order can leave a crowded dot without a spot that a
        different order would have given it: the crowded dots first is tried too, then the
        dots left out moved to the front, and the order that labels more dots wins (the
        given one on a tie). With ``callouts`` but not ``crossed`` (a phone's map) the
        given order, most important first, is kept: those are the ones to name."""
        start, start_leaders = list(self.taken), list(self.leaders)
        best = self._around_dots(records, size, keep_all, crossed, callouts)
        best_state = list(self.taken), list(self.leaders)
        if keep_all or len(best) == len(records) or (callouts and not crossed):
            return best
        crowded = sorted(range(len(records)), key=lambda i: -self._crowding(records[i], records))
        orders = [crowded]
        for _ in range(RETRIES):
            if len(best) == len(records) or not orders:
                break
            order = orders.pop(0)
            self.taken, self.leaders = list(start), list(start_leaders)
            again = self._around_dots(
                [records[i] for i in order], size, keep_all, crossed, callouts
            )
            if len(again) > len(best):
                best, best_state = again, (list(self.taken), list(self.leaders))
            named = {_key(r) for r in again}
            left_out = [i for i in order if _key(records[i]) not in named]
            orders.append(left_out + [i for i in order if i not in left_out])
        self.taken, self.leaders = best_state
        rank = {_key(r): k for k, r in enumerate(records)}
        return sorted(best, key=lambda r: rank.get(_key(r), 0))

    def _crowding(self, record: dict, records: list[dict]) -> int:
        """How many of ``records`` have their dot within :data:`CROWD_PX` of this one."""
        x, y = project(record["lon"], record["lat"], self.zoom)
        near = 0
        for other in records:
            ox, oy = project(other["lon"], other["lat"], self.zoom)
            near += (ox - x) ** 2 + (oy - y) ** 2 < CROWD_PX**2
        return near

    def _around_dots(
        self, records: list[dict], size: int, keep_all: bool, crossed: bool, callouts: bool
    ) -> list[dict]:
        out = []
        for record in records:
            x, y = project(record["lon"], record["lat"], self.zoom)
            width, height = label_size(record["name"], size)
            spots = _candidates(width, height)
            if callouts:  # a leader ties a label set further out to its dot: no far spots
                spots = spots[:-2]
            boxes = [self._box(x + dx, y + dy, width, height) for dx, dy in spots]
            best = self._best(boxes, SPOT_COSTS)
            if best is None and callouts:
                callout = self._callout(x, y, width, height)
                if callout is not None:
                    (dx, dy), leader = callout
                    ends = [list(unproject(px, py, self.zoom)) for px, py in leader]
                    out.append({**record, "offset": [round(dx, 1), round(dy, 1)], "leader": ends})
                    continue
            if best is None and crossed and callouts:  # no clear spot: the least crossed
                best = self._least_crossed(x, y, width, height, boxes)
                if isinstance(best, tuple):
                    (dx, dy), leader = best
                    ends = [list(unproject(px, py, self.zoom)) for px, py in leader]
                    out.append({**record, "offset": [round(dx, 1), round(dy, 1)], "leader": ends})
                    continue
            if best is None and (crossed or keep_all):
                best = self._best(boxes, SPOT_COSTS, crossed=True)
            offset = spots[best] if best is not None else spots[0] if keep_all else None
            if offset is not None:
                out.append({**record, "offset": [round(offset[0], 1), round(offset[1], 1)]})
        return out

    def _callouts(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        reaches: Sequence[float] = CALLOUT_REACH,
    ) -> Iterator[Callout]:
        """The spots further out for the label of the dot at (x, y), nearest first, that
        are free and inside the frame, each joined to its dot by a short leader that runs
        through no other label or dot."""
        for reach in reaches:
            for ux, uy in CALLOUT_DIRECTIONS:
                norm = math.hypot(ux, uy)
                ex, ey = x + ux / norm * reach, y + uy / norm * reach  # the label's near side
                cx = ex + (width / 2 if ux > 0 else -width / 2 if ux < 0 else 0)
                cy = ey + (height / 2 if uy > 0 else -height / 2 if uy < 0 else 0)
                box = self._box(cx, cy, width, height)
                start = (x + ux / norm * DOT_RADIUS, y + uy / norm * DOT_RADIUS)
                leader = LineString([start, (ex, ey)])
                if self._free(box) and self._leader_free(leader):
                    yield Callout(box, (cx - x, cy - y), leader, reach)

    def _take_callout(self, callout: "Callout") -> tuple[tuple[float, float], list]:
        self.taken.append(callout.box)
        self.leaders.append(callout.leader)
        return callout.offset, list(callout.leader.coords)

    def _callout(
        self, x: float, y: float, width: float, height: float
    ) -> tuple[tuple[float, float], list] | None:
        """The nearest callout clear of lines, taken: its offset and its leader's two ends
        (pixels); ``None`` when there is none within :data:`CALLOUT_REACH`."""
        for callout in self._callouts(x, y, width, height):
            if self.clear(callout.box):
                return self._take_callout(callout)
        return None

    def _least_crossed(
        self, x: float, y: float, width: float, height: float, boxes: list[Box]
    ) -> int | tuple[tuple[float, float], list] | None:
        """When no spot is clear: the spot beside the dot (its index in ``boxes``) or the
        callout that lines cross least, a callout's leader counted as crossed, taken."""
        best: tuple[float, object] | None = None
        for i, box in enumerate(boxes):
            if self._free(box):
                cost = self.crossing(box) + SPOT_COSTS[i]
                best = min(best, (cost, i), key=lambda b: b[0]) if best else (cost, i)
        for callout in self._callouts(x, y, width, height):
            cost = self.crossing(callout.box) + callout.reach
            if best is None or cost < best[0]:
                best = (cost, callout)
        if best is None:  # a crowded spot: the nearest callout further out
            far = next(self._callouts(x, y, width, height, FAR_REACH), None)
            return None if far is None else self._take_callout(far)
        if isinstance(best[1], Callout):
            return self._take_callout(best[1])
        self.taken.append(boxes[best[1]])
        return best[1]

    def _leader_free(self, leader: LineString) -> bool:
        """Whether a leader runs through no label taken and no dot (it starts beyond its own)
        and crosses no other leader."""
        for box in self.taken:
            dot = self.dots.get(box)
            if dot is not None:  # a dot: the leader may pass its margin, not the dot
                if leader.intersects(dot):
                    return False
            elif leader.intersects(shapely_box(box.left, box.top, box.right, box.bottom)):
                return False
        return not any(leader.intersects(other) for other in self.leaders)

    def on_lines(self, records: list[dict], size: int) -> list[dict]:
        """Records with a ``path`` whose name fits on the line or just beside it: each
        gets the ``lon``, ``lat`` of the point of the line it names and an ``offset``."""
        out = []
        for record in records:
            width, height = label_size(record["name"], size)
            path = [project(float(p[0]), float(p[1]), self.zoom) for p in record["path"]]
            own = LineString(path) if len(path) >= 2 else None
            spots = [(f, dy) for dy in (0, -height, height) for f in LINE_SPOTS]
            for fraction, dy in spots:
                lon, lat = _along(record["path"], fraction)
                x, y = project(lon, lat, self.zoom)
                box = self._box(x, y + dy, width, height)
                if self.clear(box, own) and self._take(box):
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
