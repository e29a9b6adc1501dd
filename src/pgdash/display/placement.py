"""Place map labels so that they do not overlap each other or the dots.

deck.gl's own collision filter hides labels unpredictably, so labels are placed once, in
Python, for the initial view: each label tries spots around its dot (above, below, right,
left, the diagonals, then further out) and takes the first free one; a label with no
free spot is left out (its dot keeps its tooltip).
"""

import math
from dataclasses import dataclass

from pgdash.cjk import display_width

WORLD = 512  # deck.gl measures zoom in 512-pixel world tiles
DOT_RADIUS = 8
GAP = 6


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


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at ``zoom``."""
    scale = WORLD * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def _candidates(width: float, height: float) -> list[tuple[float, float]]:
    """Offsets of the label's centre from its dot: above, below, right, left, the four
    diagonals, then the same again a step further out."""
    vertical = DOT_RADIUS + GAP / 2 + height / 2
    horizontal = DOT_RADIUS + GAP / 2 + width / 2
    spots = []
    for step in (0, height + GAP):
        up, down = -vertical - step, vertical + step
        right, left = horizontal + step, -horizontal - step
        spots += [(0, up), (0, down), (right, 0), (left, 0)]
        spots += [(right, up), (right, down), (left, up), (left, down)]
    return spots


def place_labels(
    groups: list[tuple[list[dict], int]], zoom: float, keep_all: bool = False
) -> list[list[dict]]:
    """For each group of records (with ``lon``, ``lat``, ``name``) and its font size, the
    records that get a label, each with an ``offset`` [dx, dy] in pixels. Earlier groups
    and earlier records win a contested spot; with ``keep_all`` a label that finds no free
    spot still goes above its dot (numbers that a list refers to must all show)."""
    points = [
        (record, project(record["lon"], record["lat"], zoom), size)
        for records, size in groups
        for record in records
    ]
    taken = [
        Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS)
        for _, (x, y), _ in points
    ]
    placed: dict[int, list[float]] = {}
    for record, (x, y), size in points:
        width = display_width(record["name"]) * size + 4
        height = size * 1.3
        spots = _candidates(width, height)
        for dx, dy in spots:
            cx, cy = x + dx, y + dy
            box = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not any(box.overlaps(other) for other in taken):
                taken.append(box)
                placed[id(record)] = [round(dx, 1), round(dy, 1)]
                break
        else:
            if keep_all:
                placed[id(record)] = [round(spots[0][0], 1), round(spots[0][1], 1)]
    return [
        [{**r, "offset": placed[id(r)]} for r in records if id(r) in placed]
        for records, _ in groups
    ]
