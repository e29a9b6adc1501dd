"""``python -m pgdash export``: the briefing as a PPTX deck or a one-page PDF handout."""

import functools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pgdash.briefing import Slide, build_slides
from pgdash.errors import PgdashError
from pgdash.export.handout import handout_bytes
from pgdash.export.pptx import deck_bytes
from pgdash.schema import TABLES, read_boundary, read_table

FORMATS = ("pptx", "pdf")


def load_tables(folder: Path) -> tuple[dict[str, pd.DataFrame], dict]:
    """Every built table (schema-checked) and the district boundary from ``folder``."""
    return {name: read_table(name, folder) for name in TABLES}, read_boundary(folder)


def render(fmt: str, slides: Sequence[Slide], lang: str) -> bytes:
    """The slides as a PPTX deck or a one-page PDF handout."""
    if fmt == "pptx":
        return deck_bytes(slides, lang)
    if fmt == "pdf":
        return handout_bytes(slides, lang)
    raise PgdashError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def export_bytes(fmt: str, sector: str | None, data_dir: Path, lang: str = "zh") -> bytes:
    """The export of ``sector`` (``None``: every sector) in ``lang``, from ``data_dir``."""
    if fmt not in FORMATS:
        raise PgdashError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    tables, boundary = load_tables(Path(data_dir))
    return render(fmt, build_slides(tables, sector, lang, boundary), lang)


def write_atomically(data: bytes, out: Path) -> Path:
    """Write ``data`` to ``out`` through a temporary file, so no half-written file is left."""
    out = Path(out)
    if out.is_dir():
        raise PgdashError(f"{out} is a folder; give a file name such as {out / 'briefing.pptx'}")
    if not out.parent.is_dir():
        raise PgdashError(f"folder {out.parent} does not exist; create it or choose another --out")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}-", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def export(fmt: str, sector: str | None, out: Path, data_dir: Path, lang: str = "zh") -> Path:
    """Write the PPTX deck or PDF handout of ``sector`` to ``out``; the path written."""
    return write_atomically(export_bytes(fmt, sector, data_dir, lang), out)


@functools.lru_cache(maxsize=8)
def _remembered(fmt: str, sector: str | None, folder: str, lang: str, stamp: int) -> bytes:
    return export_bytes(fmt, sector, Path(folder), lang)


def cached_export_bytes(fmt: str, sector: str | None, data_dir: Path, lang: str = "zh") -> bytes:
    """:func:`export_bytes`, remembered until the tables in ``data_dir`` are rebuilt."""
    manifest = Path(data_dir) / "manifest.json"
    stamp = manifest.stat().st_mtime_ns if manifest.exists() else 0
    return _remembered(fmt, sector, str(Path(data_dir).resolve()), lang, stamp)
