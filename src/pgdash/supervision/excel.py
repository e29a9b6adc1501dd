"""The Excel 台账, both ways: a printable sheet out, a checked all-or-nothing import in.

The sheet opens with a title (district, year, 截至日期, issuing office) and the light rule,
then one header row (任务编号 … 亮灯), frozen and repeated on every printed page; a
drop-down for 状态, dates as dates; it prints landscape on A4 in a Chinese office font at
10 pt, rows tall enough for the wrapped task sentence, with page numbers. Every cell is
text or a number, never a formula (:mod:`pgdash.cells`).

On import every row is checked before anything is written; the first problem is raised as
one line naming the file, the row, the column and the fix, and the ledger stays as it was.
A clerk's habits are understood: title rows above the header, a blank cell (which means
"unchanged", never 0), a percentage cell. A cell holding a formula is refused, and so is a
file over 10 MB or a sheet of more than 2,000 rows, before it is read whole. A row whose
fields were changed in the ledger after the 更新时间 it carries is refused too (someone
changed it after the sheet was exported): nothing is overwritten.
"""

import io
import math
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from pgdash import cells
from pgdash.cjk import display_width
from pgdash.errors import PgdashError
from pgdash.schema import read_table
from pgdash.sectors import BY_ID
from pgdash.supervision import auth, clock, db, fields, ledger
from pgdash.supervision.ledger import PlanTask, Row
from pgdash.supervision.models import Record
from pgdash.supervision.pace import Light

SHEET = "督办台账"
# (key, header, width in Excel's character units); the header words are what an import
# looks for. The widths add up to what fits across landscape A4 at about 90 %, so the
# 10 pt body prints at 9 pt or more.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("task_id", "任务编号", 8),
    ("seq", "序号", 4),
    ("sector", "板块", 7),
    ("task", "任务", 30),
    ("lead_unit", "牵头单位", 10),
    ("partner_units", "配合单位", 10),
    ("responsible", "责任人", 6),
    ("deadline", "完成时限", 11),
    ("progress", "进度(%)", 5),
    ("status", "状态", 6),
    ("note", "进展情况", 19),
    ("remarks", "备注", 10),
    ("updated", "更新时间", 11),
    ("light", "亮灯", 7),
)
HEADERS = {key: header for key, header, _ in COLUMNS}
REQUIRED = ("task_id", "lead_unit", "partner_units", "responsible", "deadline", "progress")
REQUIRED += ("status", "note")
ALIASES = {"进度（%）": "进度(%)", "进度": "进度(%)", "进度%": "进度(%)", "编号": "任务编号"}
LIGHT_ZH = {Light.RED: "红灯", Light.YELLOW: "黄灯", Light.GREEN: "绿灯", Light.NONE: "未设时限"}
LIGHT_FILL = {
    Light.RED: "F4C7C3",
    Light.YELLOW: "FCE8B2",
    Light.GREEN: "B7E1CD",
    Light.NONE: "E8EAED",
}
LIGHT_RULE = (
    "亮灯规则：落后序时进度不足10个百分点为绿灯，10—30个百分点为黄灯，"
    "超过30个百分点或逾期未完成为红灯；未设完成时限的任务不亮灯。"
)
BODY_FONT = "宋体"  # an office's Windows font; LibreOffice falls back to Noto CJK
TITLE_FONT = "黑体"
BODY_PT = 10
LINE_PT = 14.5  # the height of one wrapped line of the 10 pt body
WRAPPED = ("task", "note", "remarks", "partner_units", "lead_unit", "responsible")
# what an import writes from a sheet (备注 may be missing from an older sheet)
IMPORTED = ("lead_unit", "partner_units", "responsible", "deadline", "progress", "status")
IMPORTED += ("remarks",)
SLACK = timedelta(seconds=1)  # Excel keeps times to the millisecond, not the microsecond
MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # a 2,000-row 台账 unpacks to a few MB; a zip bomb to GBs
MAX_ROWS = 2000
HEADER_SEARCH = 10  # how many rows above the header a clerk may add


@dataclass(frozen=True)
class Heading:
    """What the title rows say: whose tasks, which year, and who issues the sheet."""

    district: str = ""
    year: int | None = None
    office: str = ""

    @property
    def title(self) -> str:
        year = f"{self.year}年" if self.year else ""
        return f"{self.district}{year}重点任务督办台账"


def issuing_office(district: str = "") -> str:
    """The office that issues the 台账 and the 通报: ``PGDASH_OFFICE``, else the district's
    人民政府督查室 (督查室 when no district is known)."""
    named = os.environ.get("PGDASH_OFFICE", "").strip()
    return named or (f"{district}人民政府督查室" if district else "督查室")


def heading_of(data: Path) -> Heading:
    """The heading of the build in ``data``: the latest work report's district and year."""
    return heading_from(read_table("documents", data))


def heading_from(docs: pd.DataFrame) -> Heading:
    """The heading for the documents in view: the latest work report's district and year."""
    reports = docs[docs["kind"] == "work_report"].sort_values("targets_year")
    if reports.empty:
        return Heading(office=issuing_office())
    latest = reports.iloc[-1]
    year = latest["targets_year"]
    district = str(latest["district"])
    return Heading(district, int(year) if year == year else None, issuing_office(district))


# --- export -------------------------------------------------------------------------------


def _cell_value(key: str, row: Row) -> object:
    if key in ("progress", "status") and not row.is_reported:
        return None  # nobody has reported: blank, not a 0 % nobody wrote
    if key == "task":
        return row.text if row.in_plan else f"{row.text}（已不在当前计划中）"
    if key == "sector":
        s = BY_ID.get(row.sector)
        return s.zh if s else row.sector
    if key == "status":
        return fields.STATUS_ZH.get(row.status, row.status)
    if key == "note":
        return row.note.text if row.note else ""
    if key == "updated":
        return clock.local(row.updated_at)
    if key == "light":
        return LIGHT_ZH[row.light]
    return getattr(row, key)


def _lines(text: object, width: int) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    if not isinstance(text, str) or not text:
        return 1
    usable = max(1, width - 1)  # a CJK character of the body takes about 1.8 width units
    return sum(max(1, math.ceil(1.8 * display_width(part) / usable)) for part in text.splitlines())


def _title_rows(ws: Worksheet, heading: Heading, on: date) -> None:
    last = get_column_letter(len(COLUMNS))
    cells.put(ws["A1"], heading.title)  # the district's name comes from a document: text
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(name=TITLE_FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    office = f"　　制表：{heading.office}" if heading.office else ""
    cells.put(ws["A2"], f"截至日期：{on.isoformat()}{office}　　{LIGHT_RULE}")
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].font = Font(name=BODY_FONT, size=BODY_PT)
    ws["A2"].alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = 2 * LINE_PT + 4


def workbook(rows: list[Row], on: date, heading: Heading | None = None) -> Workbook:
    """The ledger as a workbook of one printable sheet."""
    heading = heading or Heading(office=issuing_office())
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _title_rows(ws, heading, on)
    header_row = ws.max_row + 1
    thin = Side(style="thin", color="7F8896")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, (_, header, _) in enumerate(COLUMNS, start=1):
        cell = cells.put(ws.cell(header_row, i), header)
        cell.font = Font(name=BODY_FONT, size=BODY_PT, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3A60")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    ws.row_dimensions[header_row].height = LINE_PT + 8
    body = Font(name=BODY_FONT, size=BODY_PT)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for number, row in enumerate(rows, start=header_row + 1):
        lines = 1
        for i, (key, _, width) in enumerate(COLUMNS, start=1):
            value = _cell_value(key, row)
            cell = cells.put(ws.cell(number, i), value)
            cell.font = body
            cell.border = border
            cell.alignment = wrap if key in WRAPPED else top
            if key in WRAPPED:
                lines = max(lines, _lines(value, width))
            if key == "deadline":
                cell.number_format = "yyyy-mm-dd"
            elif key == "updated":
                cell.number_format = "yyyy-mm-dd"  # the time is kept in the value
            elif key == "light":
                cell.fill = PatternFill("solid", fgColor=LIGHT_FILL[row.light])
                cell.alignment = Alignment(horizontal="center", vertical="top")
        ws.row_dimensions[number].height = lines * LINE_PT + 4
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"B{header_row + 1}"
    last = max(ws.max_row, header_row + 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{last}"
    _validations(ws, header_row + 1, last + 200)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, ~90 %
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = BODY_FONT
    ws.oddFooter.center.size = 9
    return wb


def _validations(ws: Worksheet, first: int, last: int) -> None:
    """Drop-down and range checks Excel applies while a clerk types."""
    col = {key: get_column_letter(i) for i, (key, _, _) in enumerate(COLUMNS, start=1)}
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(fields.STATUS_ZH.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从列表中选择：" + " / ".join(fields.STATUS_ZH.values()),
    )
    statuses.add(f"{col['status']}{first}:{col['status']}{last}")
    percent = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        showErrorMessage=True,
        errorTitle="进度(%)",
        error="请填写0到100之间的整数",
    )
    percent.add(f"{col['progress']}{first}:{col['progress']}{last}")
    deadlines = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 2000-01-01
        showErrorMessage=True,
        errorTitle="完成时限",
        error="请填写日期，如 2026-06-30",
    )
    deadlines.add(f"{col['deadline']}{first}:{col['deadline']}{last}")
    for validation in (statuses, percent, deadlines):
        ws.add_data_validation(validation)


def export_bytes(
    plan: list[PlanTask],
    on: date | None = None,
    url: str | None = None,
    heading: Heading | None = None,
) -> bytes:
    """The ledger on ``on`` (default today) as the bytes of an .xlsx file."""
    on = on or clock.today()
    buffer = io.BytesIO()
    workbook(ledger.rows(plan, on, url), on, heading).save(buffer)
    return buffer.getvalue()


def export(
    plan: list[PlanTask],
    out: Path,
    on: date | None = None,
    url: str | None = None,
    heading: Heading | None = None,
) -> Path:
    """Write the ledger to ``out`` (.xlsx)."""
    if out.suffix.lower() != ".xlsx":
        raise PgdashError(f"{out}: the ledger is written as Excel; name the file *.xlsx")
    data = export_bytes(plan, on, url, heading)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise PgdashError(f"cannot write {out} ({exc.strerror}); choose a writable path") from None
    return out


# --- import -------------------------------------------------------------------------------


@dataclass
class SheetRow:
    """One checked row of an imported sheet."""

    number: int  # the row number Excel shows
    task_id: str
    values: dict[str, object]
    note: str
    updated: datetime | None  # the row's 更新时间 (Beijing), None when blank
    has_updated_column: bool = field(default=True)


def _size(source: Path | BinaryIO) -> int:
    if isinstance(source, Path):
        return source.stat().st_size
    here = source.tell()
    size = source.seek(0, io.SEEK_END)
    source.seek(here)
    return size


def _unpacked(source: Path | BinaryIO) -> int:
    """How many bytes the parts of an .xlsx (a zip) say they unpack to; 0 if not a zip.

    Python's zip reader never unpacks a part beyond the size its directory gives."""
    here = None if isinstance(source, Path) else source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            return sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # not a workbook: load_workbook says so below
    finally:
        if here is not None:
            source.seek(here)


def _open_sheet(source: Path | BinaryIO, name: str) -> Worksheet:
    """The 台账 sheet of a workbook that is not too large, or a one-line ``PgdashError``."""
    if _size(source) > MAX_BYTES or _unpacked(source) > MAX_UNPACKED:
        raise PgdashError(
            f"{name} is larger than {MAX_BYTES // 2**20} MB (or unpacks to more than "
            f"{MAX_UNPACKED // 2**20} MB); keep only the 台账 sheet (no pictures) and try again"
        )
    try:
        wb = load_workbook(source, data_only=False, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise PgdashError(
            f"{name} cannot be read as an Excel workbook ({type(exc).__name__}); "
            "save it as .xlsx and try again"
        ) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    if (ws.max_row or 0) > MAX_ROWS + HEADER_SEARCH:
        raise PgdashError(
            f"{name} has {ws.max_row} rows; a 台账 has one row per task "
            f"(at most {MAX_ROWS}): delete the empty or extra rows and try again"
        )
    return ws


def _header(names: list[str]) -> dict[str, int] | None:
    """Where each known column is, when ``names`` is the header row."""
    names = [ALIASES.get(n, n) for n in names]
    where = {key: names.index(title) for key, title, _ in COLUMNS if title in names}
    return where if "task_id" in where else None


def read_sheet(source: Path | BinaryIO, name: str, known: set[str]) -> list[SheetRow]:
    """Every row of a sheet, checked; ``PgdashError`` naming the row, column and fix.

    A blank cell leaves its field as it is; a formula anywhere is refused.
    """
    ws = _open_sheet(source, name)
    lines = ws.iter_rows()
    where: dict[str, int] | None = None
    header_at = 0
    for header_at, line in enumerate(lines, start=1):
        _refuse_formulas(line, name, header_at)
        texts = ["" if c.value is None else str(c.value).strip() for c in line]
        where = _header(texts)
        if where is not None or header_at >= HEADER_SEARCH:
            break
    missing = [HEADERS[k] for k in REQUIRED if where is None or k not in where]
    if where is None or missing:
        raise PgdashError(
            f"{name}: no header row with the column(s) {', '.join(missing)} in the first "
            f"{HEADER_SEARCH} rows; start from the sheet that pgdash supervise export "
            "(or the page's download) writes"
        )
    out: list[SheetRow] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=header_at + 1):
        if number > MAX_ROWS + HEADER_SEARCH:
            raise PgdashError(f"{name} has more than {MAX_ROWS} task rows; keep one row per task")
        _refuse_formulas(line, name, number)
        row = _sheet_row(line, where, name, number, known, seen)
        if row is not None:
            out.append(row)
    return out


def _refuse_formulas(line: tuple, name: str, number: int) -> None:
    for i, cell in enumerate(line):
        if cells.formula_in(cell):
            raise PgdashError(
                f"{name} row {number}, column {get_column_letter(i + 1)}: holds a formula; "
                "pgdash takes values only: type the value itself (or paste as values) and "
                "try again"
            )
        if getattr(cell, "data_type", None) == "e":  # #REF!, #N/A …: never a unit's name
            raise PgdashError(
                f"{name} row {number}, column {get_column_letter(i + 1)}: holds the error "
                f"{cell.value}; type the value itself and try again"
            )


def _sheet_row(
    line: tuple,
    where: dict[str, int],
    name: str,
    number: int,
    known: set[str],
    seen: dict[str, int],
) -> SheetRow | None:
    """One checked row, or ``None`` for an empty line."""
    cells_of = {key: (line[i] if i < len(line) else None) for key, i in where.items()}
    values_of = {key: getattr(cell, "value", None) for key, cell in cells_of.items()}
    if all(v is None or str(v).strip() == "" for v in values_of.values()):
        return None

    def fail(key: str, problem: str) -> PgdashError:
        column = get_column_letter(where[key] + 1)
        return PgdashError(f"{name} row {number}, column {HEADERS[key]} ({column}): {problem}")

    task_id = str(values_of["task_id"] or "").strip()
    if not task_id:
        raise fail("task_id", "is empty; copy the task id from the exported sheet")
    if task_id not in known:
        raise fail("task_id", f"{task_id} is not a task of the ledger; use the ids of the export")
    if task_id in seen:
        raise fail("task_id", f"{task_id} is also on row {seen[task_id]}; keep one row per task")
    seen[task_id] = number
    values: dict[str, object] = {}
    for key in IMPORTED:
        raw = values_of.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # a blank leaves the field as it is: never 0, never cleared
        try:
            if key == "progress":
                percent = "%" in (getattr(cells_of[key], "number_format", "") or "")
                values[key] = fields.parse_progress(raw, fraction=percent)
            else:
                values[key] = fields.parse(key, raw)
        except ValueError as exc:
            raise fail(key, str(exc)) from None
    note = "" if values_of["note"] is None else str(values_of["note"]).strip()
    if len(note) > fields.NOTE_LIMIT:
        raise fail("note", f"is {len(note)} characters long; shorten it to {fields.NOTE_LIMIT}")
    updated = values_of.get("updated")
    if updated is not None and not isinstance(updated, datetime):
        if isinstance(updated, str) and not updated.strip():
            updated = None
        else:
            try:
                updated = datetime.fromisoformat(str(updated).strip())
            except ValueError:
                raise fail("updated", f"“{updated}” is not a time; leave it as exported") from None
    return SheetRow(number, task_id, values, note, updated, "updated" in where)


def apply(rows: list[SheetRow], name: str, user: str, url: str | None = None) -> int:
    """Apply checked rows in one transaction as ``user``; returns how many tasks changed.

    Refused as a whole (``PgdashError``) if a row would overwrite a field that was changed
    in the ledger after the row's 更新时间.
    """
    try:
        return _apply(rows, name, user, url)
    except StaleDataError:
        raise PgdashError(
            f"{name}: a task was saved by someone else while the sheet was being imported; "
            "nothing was imported: import the sheet again"
        ) from None


def _apply(rows: list[SheetRow], name: str, user: str, url: str | None) -> int:
    auth.account(user, auth.IMPORT_ROLES, url)
    now = clock.now_utc()
    today = clock.today()
    changed_tasks = 0
    with db.session(url) as s:
        records = {r.task_id: r for r in s.scalars(select(Record))}
        notes = ledger.latest_notes(s)
        for row in rows:
            record = records[row.task_id]
            differing = [k for k, v in row.values.items() if getattr(record, k) != v]
            if differing and row.has_updated_column:
                since = clock.to_stored(row.updated) + SLACK if row.updated else datetime.min
                later = ledger.changed_since(s, row.task_id, since, differing)
                if later is not None:
                    raise PgdashError(
                        f"{name} row {row.number} ({row.task_id}): "
                        f"{HEADERS.get(later.field, later.field)} was changed by "
                        f"{later.user_name} at {clock.shown(later.changed_at)} after this sheet "
                        "was exported; export the ledger again and redo this row"
                    )
            values = {k: row.values[k] for k in differing}
            changed = ledger.change_in(s, row.task_id, None, values, user, "import", now)
            latest = notes.get(row.task_id)
            if row.note and (latest is None or latest.text != row.note):
                ledger.add_note_in(s, row.task_id, today, row.note, user, "import", now)
                changed.append("note")
            changed_tasks += bool(changed)
    return changed_tasks


def import_file(
    source: Path | BinaryIO,
    user: str,
    plan: list[PlanTask],
    name: str | None = None,
    url: str | None = None,
) -> int:
    """Check a sheet whole, then apply it all or nothing as ``user``; tasks changed."""
    name = name or (str(source) if isinstance(source, Path) else "the uploaded file")
    if isinstance(source, Path) and not source.is_file():
        raise PgdashError(f"{source} does not exist; give the path of an .xlsx file")
    ledger.sync(plan, url)
    auth.account(user, auth.IMPORT_ROLES, url)
    with db.session(url) as s:
        known = set(s.scalars(select(Record.task_id)))
    return apply(read_sheet(source, name, known), name, user, url)
