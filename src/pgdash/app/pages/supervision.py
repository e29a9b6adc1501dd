"""督办 page: the ledger's lights, the red and overdue tasks, each task's record and history.

Viewers read without signing in; editors sign in here to change a record or add a progress
note; admins also import sheets and manage accounts. Everything typed by people (units,
names, notes) and every task text is shown inertly (escaped HTML, dataframes). When the
ledger database cannot be used, the page says what is wrong and how to fix it; the other
pages do not touch the database.
"""

import io
import re
from datetime import date

import pandas as pd
import streamlit as st

from pgdash.app import signin
from pgdash.app.context import page_context
from pgdash.display.safe import escape_markdown, escape_text
from pgdash.errors import PgdashError
from pgdash.sectors import BY_ID
from pgdash.supervision import auth, clock, db, excel, fields, ledger, summary
from pgdash.supervision.labels import t
from pgdash.supervision.ledger import Conflict, PlanTask, Row
from pgdash.supervision.pace import LIGHTS, Light
from pgdash.tables import ALL, Dataset

TASK = "sv-task"
TABLE = "sv-table"
TABLE_IDS = "sv-table-ids"
FLASH = "sv-flash"
ANY = "__any__"
_MARKUP = re.compile(r"[<>\[\]()$:*_`\\!|~#{}=]")
_synced: set[tuple[int, str]] = set()

CSS = """<style>
.sv-tiles {display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: .6rem; margin: .2rem 0 .6rem 0;}
.sv-tile {border: 1px solid #dde2ea; border-left: 6px solid var(--c); border-radius: .45rem;
  padding: .45rem .8rem; background: #fff;}
.sv-tile .n {font-size: 1.9rem; font-weight: 700; color: #1f2a44; line-height: 1.15;}
.sv-tile .l {font-size: .9rem; color: #3c4658;}
.sv-list {display: flex; flex-direction: column; gap: .45rem;}
.sv-item {border: 1px solid #dde2ea; border-left: 6px solid var(--c); border-radius: .45rem;
  padding: .5rem .8rem; background: #fff;}
.sv-item .t {font-size: .98rem; line-height: 1.6; color: #1f2a44;}
.sv-meta {font-size: .83rem; color: #5b6473; line-height: 1.6;}
.sv-flag {display: inline-block; font-size: .75rem; border-radius: .6rem; padding: 0 .5rem;
  color: #fff; background: var(--c); margin-right: .35rem; vertical-align: 1px;}
.sv-chip {display: inline-block; font-size: .75rem; border: 1px solid #c9ced8;
  border-radius: .6rem; padding: 0 .45rem; margin: .15rem .3rem 0 0; color: #1f3a60;}
.sv-bar {position: relative; height: .55rem; background: #eceff4; border-radius: .3rem;
  margin: .35rem 0 .2rem 0; max-width: 34rem;}
.sv-bar .p {position: absolute; left: 0; top: 0; bottom: 0; background: var(--c);
  border-radius: .3rem;}
.sv-bar .m {position: absolute; top: -.25rem; bottom: -.25rem; width: 2px; background: #1f2a44;}
.sv-grid {display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  font-size: .92rem; margin-top: .4rem;}
.sv-grid .k {color: #5b6473;}
.sv-note {border-left: 3px solid #c9ced8; padding: .1rem .7rem; margin: .3rem 0;
  font-size: .92rem; line-height: 1.6;}
.sv-warn {background: #fff4e5; border-radius: .3rem; padding: .2rem .6rem; font-size: .85rem;
  margin-top: .3rem;}
</style>"""
COLOUR = {
    Light.RED: "#c5221f",
    Light.YELLOW: "#e3a008",
    Light.GREEN: "#188038",
    Light.NONE: "#9aa0a6",
}


# --- small helpers ------------------------------------------------------------------------


def _sector(sector_id: str, lang: str) -> str:
    s = BY_ID.get(sector_id)
    return (s.en if lang == "en" else s.zh) if s else sector_id


def _status(code: str, lang: str) -> str:
    return t(f"status_{code}", lang) if code in fields.STATUSES else code


def _light(light: Light, lang: str) -> str:
    return t(f"light_{light.value}", lang)


def _gap(row: Row, lang: str) -> str:
    if row.status == "done" or row.progress >= 100:
        return t("status_done", lang)
    if row.behind is None:
        return t("no_pace", lang)
    if row.behind >= 0.5:
        return t("behind_by", lang, n=f"{row.behind:.0f}")
    if row.behind <= -0.5:
        return t("ahead_by", lang, n=f"{-row.behind:.0f}")
    return t("on_pace", lang)


def _preview(text: str, limit: int = 40) -> str:
    """A short plain preview for option lists: characters markup gives a meaning to become
    spaces (the full text is shown inertly in the record)."""
    plain = " ".join(_MARKUP.sub(" ", text).split())
    return plain if len(plain) <= limit else plain[:limit] + "…"


def _flag(text: str, colour: str) -> str:
    return f'<span class="sv-flag" style="--c:{colour}">{escape_text(text)}</span>'


# --- the parts of the page ----------------------------------------------------------------


def _plan(data: Dataset) -> list[PlanTask]:
    plan = ledger.plan_from_tables(data.tasks, data.facts)
    key = (data.stamp, db.db_url())
    if key not in _synced:  # once per build and database per process
        ledger.sync(plan)
        _synced.add(key)
    return plan


def _account_bar(signed: auth.SignedIn | None, lang: str) -> None:
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        if signed is None:
            st.caption(t("sign_in_help", lang))
            with st.popover(t("sign_in", lang), icon=":material/login:"):
                signin.sign_in_form(lang)
        else:
            role = t(f"role_{signed.role}", lang)
            st.caption(t("signed_in_as", lang, name=escape_markdown(signed.name), role=role))
            if st.button(t("sign_out", lang), icon=":material/logout:", key="sv-sign-out"):
                signin.sign_out()


def _tiles(rows: list[Row], lang: str) -> None:
    counts = summary.light_counts(rows)
    tiles = [
        (COLOUR[light], counts.total[light.value], _light(light, lang)) for light in LIGHTS
    ] + [("#7a1f1a", counts.overdue, t("overdue", lang))]
    body = "".join(
        f'<div class="sv-tile" style="--c:{c}"><div class="n">{n}</div>'
        f'<div class="l">{escape_text(label)}</div></div>'
        for c, n, label in tiles
    )
    st.html(f'<div class="sv-tiles">{body}</div>')
    st.caption(t("n_tasks", lang, n=counts.tasks))


def _item_html(row: Row, lang: str) -> str:
    flags = _flag(_light(row.light, lang), COLOUR[row.light])
    if row.overdue:
        flags += _flag(t("overdue", lang), "#7a1f1a")
    lead = row.lead_unit or t("no_lead", lang)
    deadline = row.deadline.isoformat() if row.deadline else "—"
    meta = (
        f"{escape_text(row.task_id)} · {escape_text(_sector(row.sector, lang))} · "
        f"{escape_text(t('kv', lang, k=t('col_lead_unit', lang), v=lead))} · "
        f"{escape_text(t('kv', lang, k=t('col_deadline', lang), v=deadline))} · "
        + escape_text(
            t("pace_line", lang, progress=row.progress, pace=_pct(row.pace), gap=_gap(row, lang))
        )
    )
    return (
        f'<div class="sv-item" style="--c:{COLOUR[row.light]}">{flags}'
        f'<span class="t">{escape_text(row.text)}</span><div class="sv-meta">{meta}</div></div>'
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _red_list(rows: list[Row], lang: str) -> None:
    st.subheader(t("red_list", lang), anchor=False)
    raised = summary.attention(rows)
    if not raised:
        st.success(t("red_none", lang), icon=":material/check_circle:")
        return
    st.html('<div class="sv-list">' + "".join(_item_html(r, lang) for r in raised) + "</div>")


def _group_table(rows: list[Row], key: str, lang: str) -> None:
    table = summary.group_counts(rows, key)
    if not table:
        st.info(t("no_tasks", lang))
        return
    frame = pd.DataFrame(table)
    if key == "sector":
        frame["group"] = [_sector(g, lang) for g in frame["group"]]
    else:
        frame["group"] = [g or t("no_lead", lang) for g in frame["group"]]
    names = {
        "group": t("col_sector" if key == "sector" else "col_lead_unit", lang),
        "tasks": t("total", lang),
        **{light.value: _light(light, lang) for light in LIGHTS},
        **{s: _status(s, lang) for s in fields.STATUSES},
        "overdue": t("overdue", lang),
    }
    st.dataframe(frame.rename(columns=names), hide_index=True, width="stretch")


def _select_from_table() -> None:
    """The table's selected row becomes the task shown below it."""
    ids = st.session_state.get(TABLE_IDS, [])
    event = st.session_state.get(TABLE)
    picked = event.get("selection", {}).get("rows", []) if event else []
    if picked and picked[0] < len(ids):
        st.session_state[TASK] = ids[picked[0]]


def _task_table(rows: list[Row], lang: str) -> None:
    frame = pd.DataFrame(
        {
            t("col_light", lang): [_light(r.light, lang) for r in rows],
            t("col_task_id", lang): [r.task_id for r in rows],
            t("col_seq", lang): [r.seq if r.seq else t("left_plan", lang) for r in rows],
            t("col_sector", lang): [_sector(r.sector, lang) for r in rows],
            t("col_task", lang): [r.text for r in rows],
            t("col_lead_unit", lang): [r.lead_unit for r in rows],
            t("col_deadline", lang): [r.deadline.isoformat() if r.deadline else "—" for r in rows],
            t("col_progress", lang): [r.progress for r in rows],
            t("col_pace", lang): [_pct(r.pace) for r in rows],
            t("col_status", lang): [_status(r.status, lang) for r in rows],
            t("col_updated", lang): [clock.shown(r.updated_at) for r in rows],
        }
    ).astype({t("col_seq", lang): str})
    st.session_state[TABLE_IDS] = [r.task_id for r in rows]
    by_word = {_light(light, lang): COLOUR[light] for light in LIGHTS}
    styled = frame.style.map(
        lambda word: f"color: {by_word.get(word, '#1f2a44')}; font-weight: 700",
        subset=[t("col_light", lang)],
    )
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(rows), 420),
        key=TABLE,
        on_select=_select_from_table,
        selection_mode="single-row",
        column_config={
            t("col_task", lang): st.column_config.TextColumn(width="large"),
            t("col_progress", lang): st.column_config.ProgressColumn(
                min_value=0, max_value=100, format="%d%%"
            ),
        },
    )


def _record_html(row: Row, lang: str) -> str:
    colour = COLOUR[row.light]
    flags = _flag(_light(row.light, lang), colour)
    if row.overdue:
        flags += _flag(t("overdue", lang), "#7a1f1a")
    head = (
        f"{flags}<b>{escape_text(row.task_id)}</b> · "
        f"{escape_text(t('col_seq', lang))} {row.seq or '—'} · "
        f"{escape_text(_sector(row.sector, lang))}"
    )
    chips = "".join(
        f'<span class="sv-chip">{escape_text(t("target", lang))} {escape_text(x)}</span>'
        for x in row.targets
    )
    warn = ""
    if not row.in_plan:
        warn += f'<div class="sv-warn">{escape_text(t("not_in_plan", lang))}</div>'
    if row.text_changed_at:
        changed = t("text_changed", lang, when=clock.shown(row.text_changed_at))
        warn += f'<div class="sv-warn">{escape_text(changed)}</div>'
    pace = t("pace_line", lang, progress=row.progress, pace=_pct(row.pace), gap=_gap(row, lang))
    marker = "" if row.pace is None else f'<div class="m" style="left:{row.pace:.1f}%"></div>'
    bar = (
        f'<div class="sv-bar"><div class="p" style="width:{row.progress}%;--c:{colour}"></div>'
        f"{marker}</div>"
    )
    updated = (
        t("updated", lang, who=row.updated_by, when=clock.shown(row.updated_at))
        if row.updated_at
        else t("never_updated", lang)
    )
    pairs = [
        ("col_lead_unit", row.lead_unit or t("no_lead", lang)),
        ("col_partner_units", row.partner_units or "—"),
        ("col_responsible", row.responsible or "—"),
        ("col_start_date", row.start_date.isoformat() if row.start_date else "—"),
        ("col_deadline", row.deadline.isoformat() if row.deadline else "—"),
        ("col_status", _status(row.status, lang)),
        ("col_updated", updated),
    ]
    grid = "".join(
        f'<div class="k">{escape_text(t(k, lang))}</div><div>{escape_text(v)}</div>'
        for k, v in pairs
    )
    return (
        f'<div class="sv-item" style="--c:{colour}"><div class="sv-meta">{head}</div>'
        f'<div class="t">{escape_text(row.text)}</div>{chips}{warn}'
        f'<div class="sv-meta">{escape_text(pace)}</div>{bar}'
        f'<div class="sv-grid">{grid}</div></div>'
    )


def _notes(task_id: str, lang: str) -> None:
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


def _edit_form(row: Row, signed: auth.SignedIn, lang: str) -> None:
    """A form on the version the editor opened; a save on an older version is refused."""
    version_key = f"sv-ver-{row.task_id}"
    seen = st.session_state.setdefault(version_key, row.version)
    k = f"{row.task_id}-{seen}"
    with st.form(f"sv-edit-{k}"):
        c1, c2, c3 = st.columns(3)
        values = {
            "lead_unit": c1.text_input(t("col_lead_unit", lang), row.lead_unit, key=f"sv-l-{k}"),
            "partner_units": c2.text_input(
                t("col_partner_units", lang), row.partner_units, key=f"sv-p-{k}"
            ),
            "responsible": c3.text_input(
                t("col_responsible", lang), row.responsible, key=f"sv-r-{k}"
            ),
            "start_date": c1.date_input(
                t("col_start_date", lang), row.start_date, key=f"sv-s-{k}", format="YYYY-MM-DD"
            ),
            "deadline": c2.date_input(
                t("col_deadline", lang), row.deadline, key=f"sv-d-{k}", format="YYYY-MM-DD"
            ),
            "progress": c3.number_input(
                t("col_progress", lang), 0, 100, row.progress, step=5, key=f"sv-g-{k}"
            ),
            "status": c1.selectbox(
                t("col_status", lang),
                fields.STATUSES,
                index=fields.STATUSES.index(row.status),
                format_func=lambda s: _status(s, lang),
                key=f"sv-t-{k}",
            ),
        }
        submitted = st.form_submit_button(t("save", lang), type="primary", icon=":material/save:")
    if not submitted:
        return
    try:
        changed = ledger.save(row.task_id, seen, values, signed.name)
    except Conflict as exc:
        st.error(
            t("conflict", lang, who=escape_markdown(exc.who), when=clock.shown(exc.when)),
            icon=":material/sync_problem:",
        )
        st.caption(t("your_entries", lang))
        shown = {t(f"col_{f}", lang): fields.shown_value(f, v) for f, v in values.items()}
        st.dataframe(pd.DataFrame([shown]), hide_index=True)
        return
    except PgdashError as exc:
        st.error(escape_markdown(str(exc)), icon=":material/error:")
        return
    st.session_state.pop(version_key, None)
    st.session_state[FLASH] = t("saved", lang) if changed else t("unchanged", lang)
    st.rerun()


def _reload_button(row: Row, lang: str) -> None:
    version_key = f"sv-ver-{row.task_id}"
    if st.session_state.get(version_key, row.version) != row.version and st.button(
        t("reload", lang), icon=":material/refresh:", key=f"sv-reload-{row.task_id}"
    ):
        st.session_state[version_key] = row.version
        st.rerun()


def _note_form(row: Row, signed: auth.SignedIn, lang: str) -> None:
    with st.form(f"sv-note-{row.task_id}", clear_on_submit=True):
        st.markdown(f"**{t('note_new', lang)}**")
        day = st.date_input(t("note_date", lang), clock.today(), format="YYYY-MM-DD")
        text = st.text_area(t("col_note", lang), max_chars=fields.NOTE_LIMIT, height=90)
        submitted = st.form_submit_button(t("add_note", lang), icon=":material/note_add:")
    if submitted:
        try:
            ledger.add_note(row.task_id, day, text, signed.name)
        except PgdashError as exc:
            st.error(escape_markdown(str(exc)), icon=":material/error:")
            return
        st.session_state[FLASH] = t("note_added", lang)
        st.rerun()


def _detail(rows: list[Row], signed: auth.SignedIn | None, lang: str) -> None:
    ids = [r.task_id for r in rows]
    by_id = {r.task_id: r for r in rows}
    if st.session_state.get(TASK) not in by_id:
        st.session_state[TASK] = ids[0]
    task_id = st.selectbox(
        t("choose_task", lang),
        ids,
        key=TASK,
        format_func=lambda i: f"{i} · {_preview(by_id[i].text)}",
        help=t("choose_task_help", lang),
    )
    row = by_id[task_id]
    st.html(_record_html(row, lang))
    if signed is not None and signed.can(auth.EDIT_ROLES):
        _reload_button(row, lang)
        with st.expander(t("edit", lang), expanded=True, icon=":material/edit:"):
            _edit_form(row, signed, lang)
            _note_form(row, signed, lang)
    else:
        st.caption(t("read_only", lang))
    notes_tab, history_tab = st.tabs([t("notes", lang), t("history", lang)])
    with notes_tab:
        _notes(row.task_id, lang)
    with history_tab:
        _history(row.task_id, lang)


def _excel(plan: list[PlanTask], on: date, signed: auth.SignedIn | None, lang: str) -> None:
    st.subheader(t("excel", lang), anchor=False)
    st.download_button(
        t("download", lang),
        data=lambda: excel.export_bytes(plan, on),
        file_name=f"pinggu-supervision-{on.isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="sv-download",
    )
    if signed is None or not signed.can(auth.IMPORT_ROLES):
        return
    upload = st.file_uploader(t("upload", lang), type=["xlsx"], key="sv-upload")
    if upload is not None and st.button(t("upload_apply", lang), key="sv-import", type="primary"):
        try:
            n = excel.import_file(io.BytesIO(upload.getvalue()), signed.name, plan, upload.name)
        except PgdashError as exc:
            st.error(t("import_refused", lang, error=escape_markdown(str(exc))))
        else:
            st.session_state[FLASH] = t("imported", lang, n=n)
            st.rerun()


def _accounts(lang: str) -> None:
    with st.expander(t("accounts", lang), icon=":material/manage_accounts:"):
        with st.form("sv-account", clear_on_submit=True):
            st.markdown(f"**{t('account_add', lang)}**")
            c1, c2, c3 = st.columns(3)
            name = c1.text_input(t("user_name", lang))
            role = c2.selectbox(
                t("account_role", lang),
                auth.ROLES,
                index=1,
                format_func=lambda r: t(f"role_{r}", lang),
            )
            password = c3.text_input(t("password", lang), type="password")
            if st.form_submit_button(t("save", lang)):
                try:
                    auth.add_user(name, role, password)
                except PgdashError as exc:
                    st.error(escape_markdown(str(exc)))
                else:
                    st.success(t("account_saved", lang, name=escape_markdown(name.strip())))
        accounts = auth.list_users()
        st.caption(t("accounts_list", lang))
        st.dataframe(
            pd.DataFrame(
                {
                    t("user_name", lang): [a.name for a in accounts],
                    t("account_role", lang): [t(f"role_{a.role}", lang) for a in accounts],
                    "✓": [a.active for a in accounts],
                }
            ),
            hide_index=True,
        )
        active = [a.name for a in accounts if a.active]
        if active:
            with st.container(horizontal=True, vertical_alignment="bottom"):
                who = st.selectbox(t("user_name", lang), active, key="sv-disable-who")
                if st.button(t("account_disable", lang), key="sv-disable"):
                    auth.disable_user(who)
                    name = escape_markdown(who)
                    st.session_state[FLASH] = t("account_disabled", lang, name=name)
                    st.rerun()


def _db_problem(error: PgdashError, lang: str) -> None:
    st.error(f"**{t('db_problem', lang)}**", icon=":material/database:")
    st.write(t("db_problem_body", lang))
    st.code(str(error), language=None, wrap_lines=True)


# --- the page -----------------------------------------------------------------------------


def render() -> None:
    """Draw the 督办 page."""
    ctx = page_context()
    lang = ctx.lang
    st.html(CSS)
    st.title(t("title", lang), anchor=False)
    sub = t("sub", lang)
    if ctx.sector != ALL:
        sub += "　·　" + _sector(ctx.sector, lang)
    st.caption(sub)
    try:
        signed = signin.signed_in(lang)
        _account_bar(signed, lang)
        if signin.required() and signed is None:
            st.info(t("sign_in_required", lang), icon=":material/lock:")
            return
        if FLASH in st.session_state:
            st.toast(st.session_state.pop(FLASH), icon=":material/check:")
        plan = _plan(ctx.everything)
        _body(plan, ctx.sector, signed, lang)
    except PgdashError as exc:
        _db_problem(exc, lang)


def _body(plan: list[PlanTask], sector: str, signed: auth.SignedIn | None, lang: str) -> None:
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
            format_func=lambda u: t("filter_all", lang) if u == ANY else _preview(u),
            key="sv-lead",
            width=240,
        )
        light = st.pills(
            t("filter_light", lang),
            [ANY, *(x.value for x in LIGHTS)],
            format_func=lambda v: t("filter_all", lang) if v == ANY else _light(Light(v), lang),
            key="sv-light",
            default=ANY,
        )
    shown = [
        r
        for r in in_sector
        if (lead in (None, ANY) or r.lead_unit == lead)
        and (light in (None, ANY) or r.light.value == light)
    ]
    _tiles(planned if lead in (None, ANY) else [r for r in planned if r.lead_unit == lead], lang)
    _red_list([r for r in shown if r.in_plan], lang)
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
    _excel(plan, on, signed, lang)
    if signed is not None and signed.can(("admin",)):
        _accounts(lang)
