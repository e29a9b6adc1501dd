"""What pgdash puts in a spreadsheet cell: text or a number, never a formula.

Every sheet and CSV file pgdash writes (the 督办 台账, the data downloads) goes through
here, and every imported sheet is read through :func:`formula_in`. The rule is OWASP's for
CSV injection (and ASVS 1.2.10's): text that starts with ``= + - @``, a tab, a carriage
return or a NUL could be taken for a formula; so could one that starts so after spaces or in
full-width form (``＝``), as some spreadsheets read it. In CSV such text is written behind a
``'`` (and a field holding a line break is quoted, so it never starts a row of its own); in
.xlsx it is stored as a string (never evaluated) with Excel's quote prefix, so editing the
cell keeps it text. Control characters a workbook cannot hold (Word's manual line break, say)
never stop a download: a vertical tab or form feed becomes a line break, the rest are dropped.
"""

import re
import unicodedata

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
_UNFIT = re.compile(r"[\x00-\x08\x0e-\x1f]")  # what an .xlsx cannot hold, besides \v and \f
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet could take ``value`` (text) for a formula."""
    if not isinstance(value, str):
        return False
    folded = unicodedata.normalize("NFKC", value[:64]).lstrip()  # "＝", "  =" read as "="
    return value.startswith(FORMULA_START) or folded.startswith(FORMULA_START)


def text(value: object) -> object:
    """``value`` with the control characters a workbook cannot hold taken out."""
    return _UNFIT.sub("", value.translate(_BREAKS)) if isinstance(value, str) else value


def csv_value(value: object) -> object:
    """``value`` for a CSV cell: formula-like text behind a ``'``, anything else as it is."""
    return "'" + value if looks_like_formula(value) else value


def put(cell: Cell, value: object) -> Cell:
    """Write ``value`` into an openpyxl cell as a value: text stays text whatever it starts with."""
    value = text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl takes "=…" for a formula; a string type is never one
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def neutralise(cell: Cell) -> None:
    """Make a cell already written (by pandas, say) hold its text as text."""
    if cell.data_type == "f" and isinstance(cell.value, str):
        put(cell, cell.value)


def formula_in(cell: object) -> bool:
    """Whether a cell read from a workbook (``data_only=False``) holds a formula."""
    value = getattr(cell, "value", None)
    return getattr(cell, "data_type", None) == "f" or isinstance(
        value, ArrayFormula | DataTableFormula
    )
