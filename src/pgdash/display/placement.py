"""Place map labels so that they stay on the map and overlap neither each other nor the dots.

deck.gl's own collision filter hides labels unpredictably, so labels are placed once, in
Python, for the initial view. A :class:`Placer` holds the boxes already taken (every dot
first, then each label as it is placed) and the frame of the view: a label is placed only
where it overlaps nothing and lies wholly inside the frame, so it is never cut off.

- a point's label tries spots around its dot (above, below, right, left, the diagonals,
  then further out) and takes the first free one;
- a line's label sits on the line, at its middle or further along, where there is room;
- an area's label sits at its label point, or is nudged a little.

A label with no free spot is left out (its dot keeps its tooltip), unless ``keep_all``.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from shapely.geometry import LineString

WORLD = 512  # deck.gl measures zoom in 512-pixel world tiles
DOT_RADIUS = 8
GAP = 6
EDGE = 4  # pixels kept free along the frame
HALO = 2  # the white outline around the glyphs, in pixels
LINE_EM = 1.35  # the height of a line of text, in ems
# Width of a character in ems, for the sans-serif fonts of the labels (bold-ish, 600).
CJK_EM, UPPER_EM, LOWER_EM, SPACE_EM = 1.0, 0.68, 0.56, 0.3
# where along a line its name may sit: the middle first, then outwards
LINE_SPOTS = tuple(sorted((i / 20 for i in range(2, 19)), key=lambda f: abs(f - 0.5)))
NUDGES = ((0, 0), (0, -1), (0, 1), (1, 0), (-1, 0))  # of an area label, in label heights


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


def _along(path: list[list[float]], fraction: float) -> tuple[float, float]:
    """The point ``fraction`` of the way along a path (lengths in degrees; fine here)."""
    point = LineString(path).interpolate(fraction, normalized=True)
    return point.x, point.y


class Placer:
    """Labels placed one after another; earlier ones win a contested spot."""

    def __init__(
        self, zoom: float, dots: Iterable[tuple[float, float]] = (), frame: Box | None = None
    ) -> None:
        self.zoom, self.frame = zoom, frame
        self.taken: list[Box] = []
        for lon, lat in dots:
            x, y = project(lon, lat, zoom)
            self.taken.append(Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS))

    def _box(self, x: float, y: float, width: float, height: float) -> Box:
        return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def _take(self, box: Box) -> bool:
        """Take ``box`` if it is free and inside the frame."""
        if self.frame is not None and not box.within(self.frame):
            return False
        if any(box.overlaps(other) for other in self.taken):
            return False
        self.taken.append(box)
        return True

    def around_dots(self, records: list[dict], size: int, keep_all: bool = False) -> list[dict]:
        """Records (``lon``, ``lat``, ``name``) that get a label beside their dot, each with
        its ``offset`` [dx, dy] in pixels; with ``keep_all`` every one, above its dot when
        there is no free spot (numbers that a list refers to must all show)."""
        out = []
        for record in records:
            x, y = project(record["lon"], record["lat"], self.zoom)
            width, height = label_size(record["name"], size)
            spots = _candidates(width, height)
            offset = next(
                (s for s in spots if self._take(self._box(x + s[0], y + s[1], width, height))),
                spots[0] if keep_all else None,
            )
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
            for nx, ny in NUDGES:
                dx, dy = nx * width / 2, ny * height
                if self._take(self._box(x + dx, y + dy, width, height)):
                    out.append({**record, "offset": [round(dx, 1), round(dy, 1)]})
                    break
        return out


def place_labels(
    groups: list[tuple[list[dict], int]],
    zoom: float,
    keep_all: bool = False,
    frame: Box | None = None,
) -> list[list[dict]]:
    """For each group of records (with ``lon``, ``lat``, ``name``) and its font size, the
    records that get a label beside their dot, each with an ``offset`` [dx, dy] in pixels.
    Every dot is reserved first; earlier groups and records win a contested spot."""
    placer = Placer(zoom, ((r["lon"], r["lat"]) for records, _ in groups for r in records), frame)
    return [placer.around_dots(records, size, keep_all) for records, size in groups]
