"""What pgdash puts in a spreadsheet cell: text or a number, never a formula.

Every sheet and CSV file pgdash writes (the 督办 台账, the data downloads) goes through
here, and every imported sheet is read through :func:`formula_in`. The rule is OWASP's for
CSV injection: text that starts with ``= + - @``, a tab or a carriage return could be taken
for a formula. In CSV such text is written behind a ``'``; in .xlsx it is stored as a string
(never evaluated) with Excel's quote prefix, so editing the cell keeps it text.
"""

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet could take ``value`` (text) for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_value(value: object) -> object:
    """``value`` for a CSV cell: formula-like text behind a ``'``, anything else as it is."""
    return "'" + value if looks_like_formula(value) else value


def put(cell: Cell, value: object) -> Cell:
    """Write ``value`` into an openpyxl cell as a value: text stays text whatever it starts with."""
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
