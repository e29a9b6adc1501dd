"""Placeholder until the boundary lands."""

import json
from pathlib import Path


def write_boundary(path: Path) -> None:
    """Write the district boundary GeoJSON."""
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
