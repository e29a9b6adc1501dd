"""The Excel 台账, both ways: a printable sheet out, a checked all-or-nothing import in.

The sheet has one header row (任务编号 … 亮灯), a frozen header, set column widths, a
drop-down for 状态, dates as dates, and prints landscape on A4, one page wide, the header
repeated. On import every row is checked before anything is written; the first problem is
raised as one line naming the file, the row, the column and the fix, and the ledger stays
as it was. A row whose fields were changed in the ledger after the 更新时间 it carries is
refused too (someone changed it after the sheet was exported): nothing is overwritten.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from pgdash.errors import PgdashError
from pgdash.sectors import BY_ID
from pgdash.supervision import auth, clock, db, fields, ledger
from pgdash.supervision.ledger import PlanTask, Row
from pgdash.supervision.models import Record
from pgdash.supervision.pace import Light

SHEET = "督办台账"
# (key, header, width); the header words are what an import looks for
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("task_id", "任务编号", 11),
    ("seq", "序号", 6),
    ("sector", "板块", 11),
    ("task", "任务", 46),
    ("lead_unit", "牵头单位", 14),
    ("partner_units", "配合单位", 16),
    ("responsible", "责任人", 9),
    ("deadline", "完成时限", 11),
    ("progress", "进度(%)", 8),
    ("status", "状态", 8),
    ("note", "进展情况", 34),
    ("updated", "更新时间", 16),
    ("light", "亮灯", 9),
)
HEADERS = {key: header for key, header, _ in COLUMNS}
REQUIRED = ("task_id", "lead_unit", "partner_units", "responsible", "deadline", "progress")
REQUIRED += ("status", "note")
ALIASES = {"进度（%）": "进度(%)", "进度": "进度(%)", "进度%": "进度(%)"}
LIGHT_ZH = {Light.RED: "红灯", Light.YELLOW: "黄灯", Light.GREEN: "绿灯", Light.NONE: "未设时限"}
LIGHT_FILL = {
    Light.RED: "F4C7C3",
    Light.YELLOW: "FCE8B2",
    Light.GREEN: "B7E1CD",
    Light.NONE: "E8EAED",
}
SLACK = timedelta(seconds=1)  # Excel keeps times to the millisecond, not the microsecond


# --- export -------------------------------------------------------------------------------


def _cell_value(key: str, row: Row) -> object:
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


def workbook(rows: list[Row], on: date) -> Workbook:
    """The ledger as a workbook of one printable sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="B0B7C3")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([header for _, header, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3A60")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for row in rows:
        ws.append([_cell_value(key, row) for key, _, _ in COLUMNS])
        excel_row = ws.max_row
        for i, (key, _, _) in enumerate(COLUMNS, start=1):
            cell = ws.cell(excel_row, i)
            cell.border = border
            cell.alignment = wrap if key in ("task", "note", "partner_units", "lead_unit") else top
            if key == "deadline":
                cell.number_format = "yyyy-mm-dd"
            elif key == "updated":
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif key == "light":
                cell.fill = PatternFill("solid", fgColor=LIGHT_FILL[row.light])
                cell.alignment = Alignment(horizontal="center", vertical="top")
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = 22
    ws.freeze_panes = "B2"
    last = max(ws.max_row, 2)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    col = {key: get_column_letter(i) for i, (key, _, _) in enumerate(COLUMNS, start=1)}
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(fields.STATUS_ZH.values()) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="状态",
        error="请从列表中选择：" + " / ".join(fields.STATUS_ZH.values()),
    )
    statuses.add(f"{col['status']}2:{col['status']}{last + 200}")
    percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        showErrorMessage=True,
        errorTitle="进度(%)",
        error="请填写0到100之间的数字",
    )
    percent.add(f"{col['progress']}2:{col['progress']}{last + 200}")
    deadlines = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 2000-01-01
        showErrorMessage=True,
        errorTitle="完成时限",
        error="请填写日期，如 2026-06-30",
    )
    deadlines.add(f"{col['deadline']}2:{col['deadline']}{last + 200}")
    for validation in (statuses, percent, deadlines):
        ws.add_data_validation(validation)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = False
    ws.oddHeader.center.text = f"平谷区重点任务督办台账（截至 {on.isoformat()}）"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return wb


def export_bytes(plan: list[PlanTask], on: date | None = None, url: str | None = None) -> bytes:
    """The ledger on ``on`` (default today) as the bytes of an .xlsx file."""
    on = on or clock.today()
    buffer = io.BytesIO()
    workbook(ledger.rows(plan, on, url), on).save(buffer)
    return buffer.getvalue()


def export(plan: list[PlanTask], out: Path, on: date | None = None, url: str | None = None) -> Path:
    """Write the ledger to ``out`` (.xlsx)."""
    if out.suffix.lower() != ".xlsx":
        raise PgdashError(f"{out}: the ledger is written as Excel; name the file *.xlsx")
    data = export_bytes(plan, on, url)
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


def read_sheet(source: Path | BinaryIO, name: str, known: set[str]) -> list[SheetRow]:
    """Every row of a sheet, checked; ``PgdashError`` naming the row, column and fix."""
    try:
        wb = load_workbook(source, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise PgdashError(
            f"{name} cannot be read as an Excel workbook ({type(exc).__name__}); "
            "save it as .xlsx and try again"
        ) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    lines = ws.iter_rows(values_only=True)
    header = next(lines, None) or ()
    names = [ALIASES.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in header]
    where: dict[str, int] = {}
    for key, title, _ in COLUMNS:
        if title in names:
            where[key] = names.index(title)
    missing = [HEADERS[k] for k in REQUIRED if k not in where]
    if missing:
        raise PgdashError(
            f"{name}: the first row lacks the column(s) {', '.join(missing)}; "
            "start from the sheet that pgdash supervise export (or the page's download) writes"
        )
    out: list[SheetRow] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=2):
        cells = {key: (line[i] if i < len(line) else None) for key, i in where.items()}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue  # an empty line

        def fail(key: str, problem: str, number: int = number) -> PgdashError:
            column = get_column_letter(where[key] + 1)
            return PgdashError(f"{name} row {number}, column {HEADERS[key]} ({column}): {problem}")

        task_id = str(cells["task_id"] or "").strip()
        if not task_id:
            raise fail("task_id", "is empty; copy the task id from the exported sheet")
        if task_id not in known:
            raise fail(
                "task_id", f"{task_id} is not a task of the ledger; use the ids of the export"
            )
        if task_id in seen:
            raise fail(
                "task_id", f"{task_id} is also on row {seen[task_id]}; keep one row per task"
            )
        seen[task_id] = number
        values: dict[str, object] = {}
        for key in ("lead_unit", "partner_units", "responsible", "deadline", "progress", "status"):
            try:
                values[key] = fields.parse(key, cells[key])
            except ValueError as exc:
                raise fail(key, str(exc)) from None
        note = "" if cells["note"] is None else str(cells["note"]).strip()
        if len(note) > fields.NOTE_LIMIT:
            raise fail("note", f"is {len(note)} characters long; shorten it to {fields.NOTE_LIMIT}")
        updated = cells.get("updated")
        if updated is not None and not isinstance(updated, datetime):
            if isinstance(updated, str) and not updated.strip():
                updated = None
            else:
                try:
                    updated = datetime.fromisoformat(str(updated).strip())
                except ValueError:
                    raise fail(
                        "updated", f"“{updated}” is not a time; leave it as exported"
                    ) from None
        out.append(SheetRow(number, task_id, values, note, updated, "updated" in where))
    return out


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
