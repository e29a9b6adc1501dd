"""The exports as bytes, for the app and the command line: a PPTX deck or a PDF handout."""

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from pgdash.briefing import Slide, build_slides
from pgdash.briefing.ledger_slide import ledger_slide, with_ledger
from pgdash.errors import PgdashError
from pgdash.export.cache import cached_file, content_key
from pgdash.supervision import clock, summary
from pgdash.tables import build_stamp, district_named, load_tables

FORMATS = ("pptx", "pdf")


def render(fmt: str, slides: Sequence[Slide], lang: str) -> bytes:
    """The slides as a PPTX deck or a one-page PDF handout; from the export cache when the
    same slides were written by the same code before (a deck of an unchanged build and
    ledger is the same file)."""
    return rendered_file(fmt, slides, lang).read_bytes()


def rendered_file(fmt: str, slides: Sequence[Slide], lang: str) -> Path:
    """The export cache's file of :func:`render`, written when it is not there yet."""
    if fmt not in FORMATS:
        raise PgdashError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    font = os.environ.get("PGDASH_CJK_FONT", "")
    name = f"{fmt}-{content_key(list(slides), fmt, lang, font)}.{fmt}"
    return cached_file(name, lambda path: path.write_bytes(write(fmt, slides, lang)))


def write(fmt: str, slides: Sequence[Slide], lang: str) -> bytes:
    """The slides written anew as a PPTX deck or a one-page PDF handout."""
    if fmt == "pptx":  # each format imports only its own writer
        from pgdash.export.pptx import deck_bytes

        return deck_bytes(slides, lang)
    if fmt == "pdf":
        from pgdash.export.handout import handout_bytes

        return handout_bytes(slides, lang)
    raise PgdashError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def export_bytes(
    fmt: str, sector: str | None, data_dir: Path, lang: str = "zh", district: str | None = None
) -> bytes:
    """The export of ``sector`` (``None``: every sector) in ``lang``, from ``data_dir``, of
    one district (its name or slug; ``None``: the district of the latest report)."""
    return export_file(fmt, sector, data_dir, lang, district).read_bytes()


def export_file(
    fmt: str, sector: str | None, data_dir: Path, lang: str = "zh", district: str | None = None
) -> Path:
    """The export cache's file of :func:`export_bytes` (made from the tables every time;
    written only when those slides were not written before)."""
    if fmt not in FORMATS:
        raise PgdashError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return rendered_file(fmt, briefing(sector, data_dir, lang, district), lang)


def briefing(
    sector: str | None, data_dir: Path, lang: str = "zh", district: str | None = None
) -> list[Slide]:
    """The slides of the export of ``sector`` in ``lang`` from ``data_dir``, with the 督办
    page when the ledger has lights."""
    whole = load_tables(Path(data_dir))
    tables = whole.for_district(district_named(whole.documents, district))
    slides = build_slides(tables, sector, lang)
    return with_ledger(slides, ledger_slide(tables, sector, lang))


@functools.lru_cache(maxsize=8)
def _remembered(
    fmt: str,
    sector: str | None,
    folder: str,
    lang: str,
    district: str | None,
    stamp: int,
    ledger: tuple,
) -> bytes:
    return export_bytes(fmt, sector, Path(folder), lang, district)


def _ledger_mark() -> tuple:
    """The ledger's last change and today (the lights move with the day); ``()`` when the
    ledger cannot be used."""
    try:
        return (summary.last_change(), clock.today().isoformat())
    except PgdashError:
        return ()


def cached_export_bytes(
    fmt: str, sector: str | None, data_dir: Path, lang: str = "zh", district: str | None = None
) -> bytes:
    """:func:`export_bytes`, remembered until the tables in ``data_dir`` are rebuilt or the
    ledger changes."""
    folder = Path(data_dir)
    stamp = build_stamp(folder)
    return _remembered(fmt, sector, str(folder.resolve()), lang, district, stamp, _ledger_mark())
