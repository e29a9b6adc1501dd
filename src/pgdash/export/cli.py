"""``python -m pgdash export``: write the briefing as a PPTX deck or a one-page PDF handout."""

import os
import tempfile
from pathlib import Path

from pgdash.errors import PgdashError


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


def export(
    fmt: str,
    sector: str | None,
    out: Path,
    data_dir: Path,
    lang: str = "zh",
    district: str | None = None,
) -> Path:
    """Write the PPTX deck or PDF handout of ``sector`` of one district (default: the
    latest report's) to ``out``; the path written. An export of unchanged inputs is read
    back from the export cache without loading the tables (:mod:`pgdash.export.quick`)."""
    from pgdash.export.quick import export_bytes

    return write_atomically(export_bytes(fmt, sector, data_dir, lang, district), out)


def bulletin(data_dir: Path, out: Path, on=None, number: int | None = None) -> Path:
    """Write the 督办通报 of the ledger (as of ``on``) to ``out`` (.docx or .pdf), of the
    district of the latest report (a build of several districts never mixes two)."""
    from pgdash.export.bulletin import bulletin_bytes
    from pgdash.schema import read_table
    from pgdash.supervision import bulletin as content
    from pgdash.supervision import ledger
    from pgdash.tables import district_named

    district = district_named(read_table("documents", Path(data_dir)), None)
    plan = ledger.load_plan(data_dir, district)
    ledger.sync(plan)
    gathered = content.gather(plan, on, number, district)
    return write_atomically(bulletin_bytes(gathered, out), out)
