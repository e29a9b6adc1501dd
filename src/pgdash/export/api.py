"""The exports as bytes, for the app and the command line: a PPTX deck or a PDF handout."""

import functools
from collections.abc import Sequence
from pathlib import Path

from pgdash.briefing import Slide, build_slides
from pgdash.errors import PgdashError
from pgdash.export.handout import handout_bytes
from pgdash.export.pptx import deck_bytes
from pgdash.tables import build_stamp, load_tables

FORMATS = ("pptx", "pdf")


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
    return render(fmt, build_slides(load_tables(Path(data_dir)), sector, lang), lang)


@functools.lru_cache(maxsize=8)
def _remembered(fmt: str, sector: str | None, folder: str, lang: str, stamp: int) -> bytes:
    return export_bytes(fmt, sector, Path(folder), lang)


def cached_export_bytes(fmt: str, sector: str | None, data_dir: Path, lang: str = "zh") -> bytes:
    """:func:`export_bytes`, remembered until the tables in ``data_dir`` are rebuilt."""
    folder = Path(data_dir)
    return _remembered(fmt, sector, str(folder.resolve()), lang, build_stamp(folder))
