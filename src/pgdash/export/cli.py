"""``python -m pgdash export``: write the briefing as a PPTX deck or a one-page PDF handout."""

import os
import tempfile
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.export.api import export_bytes


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


def bulletin(data_dir: Path, out: Path, on=None, number: int | None = None) -> Path:
    """Write the 督办通报 of the ledger (as of ``on``) to ``out`` (.docx or .pdf)."""
    from pgdash.display.queries import district_of
    from pgdash.export.bulletin import bulletin_bytes
    from pgdash.schema import read_table
    from pgdash.supervision import bulletin as content
    from pgdash.supervision import ledger

    plan = ledger.load_plan(data_dir)
    ledger.sync(plan)
    district = district_of(read_table("documents", data_dir))
    gathered = content.gather(plan, on, number, district)
    return write_atomically(bulletin_bytes(gathered, out), out)
