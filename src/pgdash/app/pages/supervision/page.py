"""督办 page: the ledger's lights, the red and overdue tasks, each task's record and history.

Viewers read without signing in; editors sign in here to change a record or add a progress
note; admins also import sheets and manage accounts. Everything typed by people (units,
names, notes) and every task text is shown inertly (escaped HTML, dataframes). When the
ledger database cannot be used, the page says what is wrong and how to fix it; the other
pages do not touch the database.
"""

import pandas as pd
import streamlit as st

from pgdash.app import components, signin
from pgdash.app.context import page_context
from pgdash.app.data import per_build
from pgdash.app.pages.supervision.cards import (
    COLOUR,
    NOT_REPORTED_COLOUR,
    OVERDUE_COLOUR,
    item_html,
    light_label,
    preview,
    record_html,
    row_status,
    sector_label,
    status_label,
)
from pgdash.app.pages.supervision.forms import (
    account_bar,
    accounts,
    edit_form,
    excel_section,
    note_form,
    reload_button,
)
from pgdash.app.pages.supervision.keys import ANY, FLASH, TABLE, TABLE_IDS, TASK
from pgdash.app.pages.supervision.reporting import office, unit_tasks
from pgdash.display.formatting import fact_value
from pgdash.display.i18n import metric_name
from pgdash.display.safe import escape_text
from pgdash.errors import PgdashError
from pgdash.supervision import auth, clock, db, excel, fields, ledger, reports, summary
from pgdash.supervision.labels import pct, t
from pgdash.supervision.ledger import PlanTask, Row
from pgdash.supervision.pace import LIGHTS, Light
from pgdash.tables import ALL, Dataset

_synced: set[tuple[int, str]] = set()
TABLE_TEXT = 26  # characters of a task shown in the table (the record below has it all)


def target_figure(fact: dict, lang: str) -> str:
    """A target figure as every page writes it: "地区生产总值增速 5%左右", "GDP growth
    about 5%"."""
    return f"{metric_name(fact, lang)} {fact_value(fact, lang)}"


@per_build
def plan_of(data: Dataset) -> list[PlanTask]:
    """The plan of the build (a quarter of the page's run when made on every run)."""
    return ledger.plan_from_tables(data.tasks, data.facts, target_figure)


def _plan(data: Dataset) -> list[PlanTask]:
    plan = plan_of(data)
    key = (data.stamp, db.db_url())
    if key not in _synced:  # once per build and database per process
        ledger.sync(plan)
        _synced.add(key)
    return plan


def tiles(rows: list[Row], lang: str) -> None:
    counts = summary.light_counts(rows)
    tiles = [
        (COLOUR[light], counts.total[light.value], light_label(light, lang)) for light in LIGHTS
    ] + [
        (OVERDUE_COLOUR, counts.overdue, t("overdue", lang)),
        (NOT_REPORTED_COLOUR, counts.tasks - counts.reported, t("not_reported", lang)),
    ]
    body = "".join(
        f'<div class="sv-tile" style="--c:{c}"><div class="n">{n}</div>'
        f'<div class="l">{escape_text(label)}</div></div>'
        for c, n, label in tiles
    )
    st.html(f'<div class="sv-tiles">{body}</div>')
    missing = counts.tasks - counts.reported
    st.caption(t("n_reported", lang, n=counts.tasks, reported=counts.reported, missing=missing))


def _red_list(rows: list[Row], lang: str) -> None:
    st.subheader(t("red_list", lang), anchor=False)
    st.caption(t("light_rule", lang))
    raised = summary.attention(rows)
    if not raised:
        counts = summary.light_counts(rows)
        line = summary.quiet_line(counts, lang)
        if summary.reportable(counts):
            st.success(line, icon=":material/check_circle:")
        else:  # nothing can be judged yet: never an all-clear
            st.warning(line, icon=":material/pending_actions:")
        return
    st.html('<div class="sv-list">' + "".join(item_html(r, lang) for r in raised) + "</div>")


def counts_html(table: list[dict[str, object]], key: str, lang: str) -> str:
    """The counts per sector or lead unit as a plain HTML table (names escaped, numbers
    right-aligned): a static table of counts needs no data grid in the browser."""
    names = {
        "group": t("col_sector" if key == "sector" else "col_lead_unit", lang),
        "tasks": t("total", lang),
        **{light.value: light_label(light, lang) for light in LIGHTS},
        "reported": t("reported", lang),
        **{s: status_label(s, lang) for s in fields.STATUSES},
        "not_reported": t("not_reported", lang),
        "overdue": t("overdue", lang),
    }
    head = "".join(f"<th>{escape_text(label)}</th>" for label in names.values())
    rows = []
    for entry in table:
        group = str(entry["group"])
        group = sector_label(group, lang) if key == "sector" else group or t("no_lead", lang)
        cells = "".join(f"<td>{int(entry[k])}</td>" for k in list(names)[1:])
        rows.append(f'<tr><th scope="row">{escape_text(group)}</th>{cells}</tr>')
    return (
        '<div class="sv-counts"><table><thead><tr>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _group_table(rows: list[Row], key: str, lang: str) -> None:
    table = summary.group_counts(rows, key)
    if not table:
        st.info(t("no_tasks", lang))
        return
    st.html(counts_html(table, key, lang))


def _select_from_table() -> None:
    """The table's selected row becomes the task shown below it."""
    ids = st.session_state.get(TABLE_IDS, [])
    event = st.session_state.get(TABLE)
    picked = event.get("selection", {}).get("rows", []) if event else []
    if picked and picked[0] < len(ids):
        st.session_state[TASK] = ids[picked[0]]


def clipped(text: str, limit: int = TABLE_TEXT) -> str:
    """A task cut for the table, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def task_frame(rows: list[Row], lang: str) -> pd.DataFrame:
    """The task table: light, task, lead unit and progress first (what a phone shows), then
    status, pace and the rest; an unreported record has no progress, no pace and the
    status 未填报."""
    task = t("col_task", lang) + (f" ({t('col_original', lang)})" if lang == "en" else "")
    return pd.DataFrame(
        {
            t("col_light", lang): [light_label(r.light, lang) for r in rows],
            task: [clipped(r.text) for r in rows],
            t("col_lead_unit", lang): [r.lead_unit or "—" for r in rows],
            t("col_progress", lang): [r.progress if r.is_reported else None for r in rows],
            t("col_status", lang): [row_status(r, lang) for r in rows],
            t("col_pace", lang): [pct(r.pace) if r.is_reported else "" for r in rows],
            t("col_deadline", lang): [r.deadline.isoformat() if r.deadline else "—" for r in rows],
            t("col_sector", lang): [sector_label(r.sector, lang) for r in rows],
            t("col_task_id", lang): [r.task_id for r in rows],
            t("col_seq", lang): [r.seq if r.seq else t("left_plan", lang) for r in rows],
            t("col_updated", lang): [clock.shown(r.updated_at) for r in rows],
        }
    ).astype({t("col_seq", lang): str, t("col_progress", lang): "Int64"})


def _task_table(rows: list[Row], lang: str) -> None:
    frame = task_frame(rows, lang)
    st.session_state[TABLE_IDS] = [r.task_id for r in rows]
    light_column = t("col_light", lang)
    frame[light_column] = [[word] for word in frame[light_column]]  # a chip per cell
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(rows), 420),
        key=TABLE,
        on_select=_select_from_table,
        selection_mode="single-row",
        column_config={
            # the light as a chip in its colour (no per-cell styles to send and apply)
            light_column: st.column_config.MultiselectColumn(
                options=[light_label(light, lang) for light in LIGHTS],
                color=[COLOUR[light] for light in LIGHTS],
            ),
            frame.columns[1]: st.column_config.TextColumn(width="large"),  # 26 characters
            t("col_progress", lang): st.column_config.ProgressColumn(
                min_value=0, max_value=100, format="%d%%"
            ),
        },
    )


def notes(task_id: str, lang: str) -> None:
    found = ledger.notes(task_id)
    if not found:
        st.caption(t("notes_none", lang))
        return
    st.html(
        "".join(
            f'<div class="sv-note"><div class="sv-meta">{n.note_date.isoformat()} · '
            f"{escape_text(n.author)}</div>{escape_text(n.text)}</div>"
            for n in found
        )
    )


def _history(task_id: str, lang: str) -> None:
    changes = ledger.history(task_id)
    if not changes:
        st.caption(t("history_none", lang))
        return
    field_names = {f: t(f"col_{f}", lang) for f in (*fields.EDITABLE, "note", "task_text")}
    field_names["in_plan"] = t("col_in_plan", lang)
    field_names["report"] = t("col_report", lang)
    frame = pd.DataFrame(
        {
            t("col_when", lang): [clock.shown(c.changed_at) for c in reversed(changes)],
            t("col_who", lang): [c.user_name for c in reversed(changes)],
            t("col_field", lang): [field_names.get(c.field, c.field) for c in reversed(changes)],
            t("col_old", lang): [c.old_value for c in reversed(changes)],
            t("col_new", lang): [c.new_value for c in reversed(changes)],
            t("col_via", lang): [t(f"via_{c.via}", lang) for c in reversed(changes)],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _detail(rows: list[Row], signed: auth.SignedIn | None, lang: str) -> None:
    ids = [r.task_id for r in rows]
    by_id = {r.task_id: r for r in rows}
    if st.session_state.get(TASK) not in by_id:
        st.session_state[TASK] = ids[0]
    task_id = st.selectbox(
        t("choose_task", lang),
        ids,
        key=TASK,
        format_func=lambda i: f"{i} · {preview(by_id[i].text)}",
        help=t("choose_task_help", lang),
    )
    row = by_id[task_id]
    st.html(record_html(row, lang))
    editor = signed or signin.lapsed()  # a sign-in that just ended keeps its forms and entries
    if editor is not None and editor.can(auth.EDIT_ROLES):
        reload_button(row, lang)
        with st.expander(t("edit", lang), expanded=True, icon=":material/edit:"):
            edit_form(row, lang)
            note_form(row, lang)
    else:
        st.caption(t("read_only", lang))
    notes_tab, history_tab = st.tabs([t("notes", lang), t("history", lang)])
    with notes_tab:
        notes(row.task_id, lang)
    with history_tab:
        _history(row.task_id, lang)


def _db_problem(error: PgdashError, lang: str) -> None:
    st.error(f"**{t('db_problem', lang)}**", icon=":material/database:")
    st.write(t("db_problem_body", lang))
    st.code(str(error), language=None, wrap_lines=True)


def render() -> None:
    """Draw the 督办 page."""
    ctx = page_context()
    lang = ctx.lang
    st.title(t("title", lang), anchor=False)
    sub = t("sub", lang)
    if ctx.sector != ALL:
        sub += "　·　" + sector_label(ctx.sector, lang)
    st.caption(sub)
    try:
        signed = signin.signed_in(lang)
        account_bar(signed, lang)
        if signin.required() and signed is None:
            st.info(t("sign_in_required", lang), icon=":material/lock:")
            return
        if FLASH in st.session_state:
            st.toast(st.session_state.pop(FLASH), icon=":material/check:")
        plan = _plan(ctx.everything)
        _body(plan, ctx.sector, signed, lang, excel.heading_from(ctx.everything.documents))
    except PgdashError as exc:
        _db_problem(exc, lang)


def _body(
    plan: list[PlanTask],
    sector: str,
    signed: auth.SignedIn | None,
    lang: str,
    heading: excel.Heading,
) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        on = (
            st.date_input(
                t("as_of", lang),
                clock.today(),
                key="sv-on",
                format="YYYY-MM-DD",
                help=t("as_of_help", lang),
                width=170,
            )
            or clock.today()
        )  # a cleared date means today
        every = ledger.rows(plan, on)
        in_sector = [
            r for r in every if sector == ALL or r.sector == sector
        ]  # planned and left-plan records
        planned = summary.in_scope(in_sector)
        leads = sorted({r.lead_unit for r in in_sector if r.lead_unit})
        lead = st.selectbox(
            t("filter_lead", lang),
            [ANY, *leads],
            format_func=lambda u: t("filter_all", lang) if u == ANY else preview(u),
            key=components.per_language("sv-lead", lang),
            width=240,
        )
        light = st.pills(
            t("filter_light", lang),
            [ANY, *(x.value for x in LIGHTS)],
            format_func=lambda v: (
                t("filter_all", lang) if v == ANY else light_label(Light(v), lang)
            ),
            key="sv-light",
            default=ANY,
        )
    shown = [
        r
        for r in in_sector
        if (lead in (None, ANY) or r.lead_unit == lead)
        and (light in (None, ANY) or r.light.value == light)
    ]
    tiles(planned if lead in (None, ANY) else [r for r in planned if r.lead_unit == lead], lang)
    if signed is not None and signed.role == auth.REPORTER:
        unit_tasks(summary.in_scope(every), signed, on, lang)
    _red_list([r for r in shown if r.in_plan], lang)
    if signed is not None and signed.can(reports.REVIEW_ROLES):
        office(summary.in_scope(every), signed, on, lang)
    st.subheader(t("all_tasks", lang, n=len(shown)), anchor=False)
    left = sum(not r.in_plan for r in in_sector)
    if left:
        st.caption(t("left_plan_n", lang, n=left))
    if not shown:
        st.info(t("no_tasks", lang), icon=":material/info:")
    else:
        tasks_tab, sector_tab, lead_tab = st.tabs(
            [t("detail", lang), t("counts_by_sector", lang), t("counts_by_lead", lang)]
        )
        with tasks_tab:
            _task_table(shown, lang)
            _detail(shown, signed, lang)
        with sector_tab:
            _group_table(planned, "sector", lang)
        with lead_tab:
            _group_table(planned, "lead_unit", lang)
    excel_section(plan, on, signed, lang, heading)
    if signed is not None and signed.can(("admin",)):
        accounts(lang)
