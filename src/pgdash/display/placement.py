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
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

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
LINE_SPOTS = tuple(sorted((i / 40 for i in range(2, 39)), key=lambda f: abs(f - 0.5)))
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
FAR_REACH = (84, 104, 126, 150, 176)  # further out: costlier, for a crowded dot
CALLOUT_DIRECTIONS = (
    (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1),
    (2, -1), (-2, -1), (2, 1), (-2, 1), (1, -2), (-1, -2), (1, 2), (-1, 2),
)  # fmt: skip


SHAPE_COST = 20  # a name's second shape (two lines) costs this much more
CALLOUT_COST = 40  # a label set out with a leader costs this plus its reach in pixels
CROSSED_COST = 1000  # a spot a line runs through loses to every clear one
LEADER_CROSS_COST = 30  # a leader across a road or river: a little harder to follow
FEW_CLEAR = 12  # a label with fewer clear spots than this looks further, on open ground
GRID_STEP, GRID_REACH = 12, 200  # the open ground's grid and how far it reaches, in pixels
GRID_SPOTS = 60  # the nearest this many clear spots of the grid are enough
GRID_COST = 30  # a spot off the grid of directions: a little less tidy
AWAY = 12  # pixels a label set out with a leader keeps from any other dot
RETRIES = 10  # other orders tried on a desk's map while a label is left crossed
BEHIND_FIRST = 3  # of them, the crossed ones moved to the front; the rest shuffled
EJECT = 3  # at most this many labels moved to make room for one left without a clear spot


@dataclass(frozen=True)
class Callout:
    """A label set further out from its dot: its box, offset, leader and reach."""

    box: Box
    offset: tuple[float, float]
    leader: LineString
    reach: float


@dataclass(frozen=True)
class Spot:
    """Where a label may go: its box, offset from its dot, leader (or none) and cost;
    ``clear`` when no line runs through it."""

    box: Box
    offset: tuple[float, float]
    leader: LineString | None
    cost: float
    clear: bool = True
    text: str = ""  # the label's shape here ("" for the record's name)

    @cached_property
    def ends(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """The leader's two ends in pixels, or ``None``."""
        return None if self.leader is None else _segment(self.leader)


def _apart(a: Box, b: Box) -> bool:
    """Whether two labels keep :data:`APART` pixels between them."""
    return (
        a.right + APART <= b.left
        or b.right + APART <= a.left
        or a.bottom + APART <= b.top
        or b.bottom + APART <= a.top
    )


def _segment(leader: LineString) -> tuple[tuple[float, float], tuple[float, float]]:
    (x0, y0), (x1, y1) = leader.coords[0], leader.coords[-1]
    return (x0, y0), (x1, y1)


def _through(ends: tuple | None, box: Box) -> bool:
    """Whether a leader (a straight segment) runs through ``box`` (Liang–Barsky)."""
    if ends is None:
        return False
    (x0, y0), (x1, y1) = ends
    if max(x0, x1) < box.left or min(x0, x1) > box.right:
        return False
    if max(y0, y1) < box.top or min(y0, y1) > box.bottom:
        return False
    low, high = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for step, room in ((-dx, x0 - box.left), (dx, box.right - x0),
                       (-dy, y0 - box.top), (dy, box.bottom - y0)):  # fmt: skip
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _cross(a: tuple, b: tuple) -> bool:
    """Whether two leaders (straight segments) meet."""
    (ax, ay), (bx, by) = a
    (cx, cy), (dx, dy) = b

    def side(px: float, py: float, qx: float, qy: float, rx: float, ry: float) -> float:
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1, d2 = side(cx, cy, dx, dy, ax, ay), side(cx, cy, dx, dy, bx, by)
    d3, d4 = side(ax, ay, bx, by, cx, cy), side(ax, ay, bx, by, dx, dy)
    return d1 * d2 <= 0 and d3 * d4 <= 0 and not (d1 == d2 == d3 == d4 == 0)


def clash(a: Spot, b: Spot) -> bool:
    """Whether two labels' spots cannot both be taken: their boxes come too close, a leader
    runs through the other's label, or the leaders cross."""
    if not _apart(a.box, b.box):
        return True
    if a.leader is None and b.leader is None:
        return False
    if _through(a.ends, b.box) or _through(b.ends, a.box):
        return True
    return a.ends is not None and b.ends is not None and _cross(a.ends, b.ends)


def solve(options: list[list[Spot]], crossed: bool) -> dict[int, Spot]:
    """A spot for as many labels as can have one (``options`` of each, cheapest first, the
    most important label first): greedily the cheapest clear spot that clashes with no
    label placed; then each label left out takes a clear spot held by at most
    :data:`EJECT` others that can each move to another clear spot; then, with
    ``crossed``, a label still left out does the same with its spots crossed or not."""
    chosen: dict[int, Spot] = {}
    for i, spots in enumerate(options):
        spot = next((s for s in spots if s.clear and _fits(s, chosen, i)), None)
        if spot is not None:
            chosen[i] = spot
    chosen = _make_room(options, chosen, lambda s: s.clear)
    if crossed:
        chosen = _make_room(options, chosen, lambda s: True)
    return chosen


def _score(chosen: dict[int, Spot], n: int) -> tuple[int, int, int, float]:
    """How good a placement is: of the first ``n`` labels (the ones that must be named)
    those placed, then those clear; then all placed, then the cheaper."""
    first = [spot for i, spot in chosen.items() if i < n]
    cost = -sum(spot.cost for spot in chosen.values())
    return len(first), sum(spot.clear for spot in first), len(chosen), cost


def _fits(spot: Spot, placed: dict[int, Spot], own: int) -> bool:
    return not any(clash(spot, other) for k, other in placed.items() if k != own)


def _make_room(
    options: list[list[Spot]], chosen: dict[int, Spot], allowed: Callable[[Spot], bool]
) -> dict[int, Spot]:
    """Each label left out takes its cheapest ``allowed`` spot that is free or held by at
    most :data:`EJECT` labels that can move to other clear spots (they keep clear)."""
    for i, spots in enumerate(options):
        if i in chosen:
            continue
        for spot in (s for s in spots if allowed(s)):
            held = [k for k, other in chosen.items() if clash(spot, other)]
            if len(held) > EJECT:
                continue
            trial = {k: s for k, s in chosen.items() if k not in held}
            trial[i] = spot
            for k in held:
                keep = chosen[k].clear  # a clear label stays clear
                moved = next(
                    (s for s in options[k] if (s.clear or not keep) and _fits(s, trial, k)),
                    None,
                )
                if moved is None:
                    break
                trial[k] = moved
            else:
                chosen = trial
                break
    return chosen


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

    def keep_off(self, labels: Iterable[dict], size: int) -> None:
        """Keep labels off ``labels`` placed before (``lon``, ``lat``, ``offset``, ``name``,
        set at ``size`` px) by another placer: a map's numbers, its neighbours' names."""
        for r in labels:
            x, y = project(float(r["lon"]), float(r["lat"]), self.zoom)
            dx, dy = r.get("offset") or (0, 0)
            self.taken.append(self._box(x + dx, y + dy, *label_size(str(r["name"]), size)))

    def _box(self, x: float, y: float, width: float, height: float) -> Box:
        return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def _free(self, box: Box) -> bool:
        """Whether ``box`` is inside the frame and overlaps no box taken, nor comes within
        :data:`APART` pixels of one (two names side by side would read as one), and no
        leader placed runs through it."""
        if self.frame is not None and not box.within(self.frame):
            return False
        spaced = Box(box.left - APART, box.top - APART, box.right + APART, box.bottom + APART)
        if any(spaced.overlaps(other) for other in self.taken):
            return False
        return not any(_through(_segment(leader), box) for leader in self.leaders)

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
        far: bool = True,
    ) -> list[dict]:
        """Records (``lon``, ``lat``, ``name``) that get a label beside their dot, each with
        its ``offset`` [dx, dy] in pixels; with ``keep_all`` every one, above its dot when
        there is no free spot (numbers that a list refers to must all show); with
        ``crossed`` a label that finds no spot clear of lines takes the least crossed one;
        with ``callouts`` it may also be set further out, with a ``leader`` to its dot
        ([[lon, lat], [lon, lat]]), up to :data:`CALLOUT_REACH` pixels from it, and with
        ``far`` further, on open ground (:meth:`_open_ground`).

        The records come most important first. Each takes the cheapest spot clear of lines
        that no earlier one holds; a record left without one then takes a clear spot held
        by one or two others when those can move to other clear spots (so a crowded dot is
        named without unnaming anyone); only then, with ``crossed``, does a record still
        left take the free spot lines cross least."""
        if keep_all:
            return self._around_dots(records, size, keep_all, crossed, callouts)
        return self.around_dots_then(records, size, [], size, crossed, callouts, far)[0]

    def around_dots_then(
        self,
        records: list[dict],
        size: int,
        others: list[dict],
        others_size: int,
        crossed: bool = False,
        callouts: bool = False,
        far: bool = True,
    ) -> tuple[list[dict], list[dict]]:
        """:meth:`around_dots` for ``records``, then in the same search ``others`` (town
        names: beside their dots, clear of lines or left out). An other takes a spot a
        record holds only when that record can move to another clear spot, so the records
        keep every label and every clear spot they would have alone, and as many others as
        can be are named."""
        options = [self._options(r, size, callouts, far) for r in records]
        options += [[o for o in self._options(r, others_size) if o.clear] for r in others]
        n = len(records)
        chosen = solve(options, crossed)
        order, shuffle = list(range(len(options))), random.Random(0)
        for attempt in range(RETRIES if crossed else 0):
            # a desk: the records left crossed placed first; then, if that is not enough,
            # shuffled orders of the records (seeded: the same map every time); the
            # others always after the records
            behind = [i for i in order if i < n and (i not in chosen or not chosen[i].clear)]
            if not behind:
                break
            rest = [i for i in order if i < n and i not in behind]
            if attempt >= BEHIND_FIRST:
                rest = shuffle.sample(rest, len(rest))
            order = behind + rest + list(range(n, len(options)))
            again = solve([options[i] for i in order], crossed)
            again = {order[k]: spot for k, spot in again.items()}
            if _score(again, n) > _score(chosen, n):
                chosen = again
        out: tuple[list[dict], list[dict]] = ([], [])
        for i, record in enumerate([*records, *others]):
            spot = chosen.get(i)
            if spot is None:
                continue
            self.taken.append(spot.box)
            placed = {**record, "offset": [round(spot.offset[0], 1), round(spot.offset[1], 1)]}
            placed.pop("shapes", None)
            if spot.text:
                placed["name"] = spot.text
            if spot.leader is not None:
                self.leaders.append(spot.leader)
                ends = [list(unproject(px, py, self.zoom)) for px, py in spot.leader.coords]
                placed["leader"] = ends
            out[i >= n].append(placed)
        return out

    def _options(
        self, record: dict, size: int, callouts: bool = False, far: bool = True
    ) -> list["Spot"]:
        """Every spot for ``record``'s label that is free now (inside the frame, off the
        dots and the labels taken, its leader through none of them), cheapest first: beside
        the dot, then (``callouts``) further out with a leader. A spot a line runs through
        costs that many pixels more, plus :data:`CROSSED_COST`; a leader across a line
        costs :data:`LEADER_CROSS_COST` a line. A record may offer other ``shapes`` of its
        name (a Latin name in two lines): each is tried, costing :data:`SHAPE_COST` more
        than the one before."""
        x, y = project(record["lon"], record["lat"], self.zoom)
        out: list[Spot] = []
        for n, text in enumerate(record.get("shapes") or [record["name"]]):
            extra = n * SHAPE_COST
            width, height = label_size(text, size)
            spots = _candidates(width, height)
            if callouts:  # a leader ties a label set further out to its dot: no far spots
                spots = spots[:-2]
            found = [
                Spot(self._box(x + dx, y + dy, width, height), (dx, dy), None,
                     SPOT_COSTS[i] + extra, text=text)
                for i, (dx, dy) in enumerate(spots)
            ]  # fmt: skip
            if callouts:
                found += [
                    Spot(c.box, c.offset, c.leader,
                         CALLOUT_COST + c.reach + self._cut(c.leader) + extra, text=text)
                    for c in self._callouts(
                        x, y, width, height, CALLOUT_REACH + FAR_REACH * far
                    )
                ]  # fmt: skip
            shaped = self._scored(spot for spot in found if spot.leader or self._free(spot.box))
            if far and callouts and sum(spot.clear for spot in shaped) < FEW_CLEAR:
                ground = self._open_ground(x, y, width, height)
                shaped += self._scored(replace(s, cost=s.cost + extra, text=text) for s in ground)
            out += shaped
        return sorted(out, key=lambda s: s.cost)

    def _scored(self, spots: Iterable["Spot"]) -> list["Spot"]:
        """``spots`` with the lines running through each added to its cost."""
        out = []
        for spot in spots:
            crossing = self.crossing(spot.box)
            clear = crossing <= CLEAR_PX
            cost = spot.cost + (0.0 if clear else crossing + CROSSED_COST)
            out.append(replace(spot, cost=cost, clear=clear))
        return out

    def _open_ground(self, x: float, y: float, width: float, height: float) -> Iterator["Spot"]:
        """For a dot in a crowd of dots and lines: every free spot on a grid of
        :data:`GRID_STEP` pixels within :data:`GRID_REACH` of the dot, clear of lines, its
        leader running from the dot to the label's nearest side through no dot or label."""
        found = 0
        for cx, cy, box, (ex, ey), reach in self._ground(x, y, width, height):
            if found >= GRID_SPOTS:
                return
            if not self._free(box) or not self._away(box, x, y) or not self.clear(box):
                continue
            start = (x + (ex - x) / reach * DOT_RADIUS, y + (ey - y) / reach * DOT_RADIUS)
            leader = LineString([start, (ex, ey)])
            if self._leader_free(leader):
                found += 1
                cost = CALLOUT_COST + GRID_COST + reach + self._cut(leader)
                yield Spot(box, (cx - x, cy - y), leader, cost)

    def _ground(self, x: float, y: float, width: float, height: float) -> list[tuple]:
        """The grid's spots round (x, y), nearest first: centre, box, the leader's end (the
        point of the box nearest the dot) and its distance from the dot."""
        steps = int(GRID_REACH // GRID_STEP)
        out = []
        for i in range(-steps, steps + 1):
            for j in range(-steps, steps + 1):
                cx, cy = x + i * GRID_STEP, y + j * GRID_STEP
                box = self._box(cx, cy, width, height)
                ex, ey = min(max(x, box.left), box.right), min(max(y, box.top), box.bottom)
                reach = math.hypot(ex - x, ey - y)
                if CALLOUT_REACH[0] <= reach <= GRID_REACH:
                    out.append((cx, cy, box, (ex, ey), reach))
        return sorted(out, key=lambda spot: spot[4])

    def _cut(self, leader: LineString) -> float:
        """What a leader costs for the lines it crosses."""
        if self.tree is None:
            return 0.0
        hits = [i for i in self.tree.query(leader) if self.lines[i].intersects(leader)]
        return LEADER_CROSS_COST * len(hits)

    def _around_dots(
        self, records: list[dict], size: int, keep_all: bool, crossed: bool, callouts: bool
    ) -> list[dict]:
        """Every record labelled, in the given order: the first free spot clear of lines,
        else the least crossed free one, else above its dot (numbers a list refers to)."""
        out = []
        for record in records:
            x, y = project(record["lon"], record["lat"], self.zoom)
            width, height = label_size(record["name"], size)
            spots = _candidates(width, height)
            boxes = [self._box(x + dx, y + dy, width, height) for dx, dy in spots]
            best = self._best(boxes, SPOT_COSTS)
            if best is None:
                best = self._best(boxes, SPOT_COSTS, crossed=True)
            offset = spots[best] if best is not None else spots[0]
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
                if self._free(box) and self._away(box, x, y) and self._leader_free(leader):
                    yield Callout(box, (cx - x, cy - y), leader, reach)

    def _away(self, box: Box, x: float, y: float) -> bool:
        """Whether a label set out from its dot at (x, y) keeps :data:`AWAY` pixels from
        every other dot: a name beside another dot reads as that dot's, leader or not."""
        near = Box(box.left - AWAY, box.top - AWAY, box.right + AWAY, box.bottom + AWAY)
        return not any(
            near.overlaps(dot) and not (dot.left < x < dot.right and dot.top < y < dot.bottom)
            for dot in self.dots
            if dot.right - dot.left >= 2 * DOT_RADIUS  # a site's dot, not a town's ring
        )

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
        """Records with a ``path`` whose name fits on the line, just above or below it, or
        (a steep line, a long name) just left or right of it, on one line or else in two
        (a long Latin name): each gets the ``lon``, ``lat`` of the point of the line it
        names, an ``offset`` and the ``name`` as drawn."""
        out = []
        for record in records:
            path = [project(float(p[0]), float(p[1]), self.zoom) for p in record["path"]]
            own = LineString(path) if len(path) >= 2 else None
            for name in dict.fromkeys([record["name"], wrap(record["name"], 0)]):
                spot = self._on_line(record["path"], own, name, size)
                if spot is not None:
                    lon, lat, offset = spot
                    out.append({**record, "name": name, "lon": lon, "lat": lat, "offset": offset})
                    break
        return out

    def _on_line(
        self, path: Sequence[Sequence[float]], own: LineString | None, name: str, size: int
    ) -> tuple[float, float, list[float]] | None:
        """The first clear, free spot for ``name`` on or beside the line ``path``, taken:
        the line's point and the label's offset from it."""
        width, height = label_size(name, size)
        aside = width / 2 + GAP
        shifts = [(0, 0), (0, -height), (0, height), (aside, 0), (-aside, 0)]
        for dx, dy in shifts:
            for fraction in LINE_SPOTS:
                lon, lat = _along(path, fraction)
                x, y = project(lon, lat, self.zoom)
                box = self._box(x + dx, y + dy, width, height)
                if self.clear(box, own) and self._take(box):
                    return lon, lat, [round(dx, 1), round(dy, 1)]
        return None

    def at_points(
        self,
        records: list[dict],
        size: int,
        outside: Sequence[Sequence[tuple[float, float]]] = (),
    ) -> list[dict]:
        """Records (``lon``, ``lat``, ``name``) labelled at their point, or nudged by a
        label height when that is taken; never nudged so far that the label's middle falls
        within one of the ``outside`` rings ([(lon, lat)], a neighbour's name inside the
        district would read as a place of it)."""
        areas = [
            Polygon([project(lon, lat, self.zoom) for lon, lat in ring])
            for ring in outside
            if len(ring) >= 3
        ]
        out = []
        for record in records:
            x, y = project(record["lon"], record["lat"], self.zoom)
            width, height = label_size(record["name"], size)
            shifts = [
                (dx, dy)
                for nx, ny in NUDGES
                for dx, dy in [(nx * (width + GAP) / 2, ny * height)]
                if not any(area.contains(Point(x + dx, y + dy)) for area in areas)
            ]
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
