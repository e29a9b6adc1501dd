"""Whether ``data/`` is current: a hash of the seeds and the pipeline code, kept in the
build's manifest. Standard library only, so a command that only checks (``pgdash export``
of a current build) does not import the pipeline.
"""

import hashlib
import json
from pathlib import Path

from pgdash.paths import PACKAGE

MANIFEST = "manifest.json"
# What the tables depend on besides the seeds: the pipeline, the curated files and the
# loose modules beside them. Changing the display, briefing, export or app does not
# make data/ stale.
PIPELINE_FOLDERS = ("pipeline", "curated")


def fingerprint(seeds: Path) -> str:
    """A hash of the seeds and the pipeline code: data/ is stale when it changes."""
    digest = hashlib.sha256()
    pipeline = [
        p
        for p in sorted(PACKAGE.rglob("*"))
        if p.is_file()
        and p.suffix in (".py", ".toml", ".csv", ".geojson", ".json")
        and (p.parent == PACKAGE or p.relative_to(PACKAGE).parts[0] in PIPELINE_FOLDERS)
    ]
    for path in [*sorted(p for p in seeds.rglob("*") if p.is_file()), *pipeline]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_stale(seeds: Path, data: Path) -> bool:
    """Whether ``data/`` is missing or was built from other seeds or code."""
    try:
        manifest = json.loads((data / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return manifest.get("fingerprint") != fingerprint(seeds)
