"""The 督办 page's 填报 parts: a unit reporter's own tasks and report form; the 督查室's
round, the board of who has and has not reported, and the reports waiting for review.

Whatever the page shows or hides, the ledger layer (``supervision.reports``) checks again
who may report on which task and who may review.
"""

from datetime import date

import pandas as pd
import streamlit as st

from pgdash.app.pages.supervision.cards import preview
from pgdash.app.pages.supervision.keys import FLASH
from pgdash.display.safe import escape_markdown
from pgdash.errors import PgdashError
from pgdash.supervision import auth, clock, fields, ledger, reports
from pgdash.supervision.labels import t
from pgdash.supervision.ledger import Row


def round_caption(found: reports.RoundView, lang: str) -> None:
    line = t("round_line", lang, label=found.label, due=found.due_on.isoformat())
    st.caption(line + (t("round_default", lang) if found.auto else ""))


def unit_tasks(rows: list[Row], signed: auth.SignedIn, on: date, lang: str) -> None:
    """A reporter's tasks (led, then supported), this round's state of each, and the form."""
    st.subheader(t("my_tasks", lang, unit=signed.unit), anchor=False)
    found = reports.current(on)
    round_caption(found, lang)
    mine = reports.unit_rows(rows, signed.unit)
    if not mine:
        st.info(t("my_tasks_none", lang, unit=signed.unit), icon=":material/info:")
        return
    filed = reports.reports(found.id) if found.id is not None else []
    latest = {r.task_id: r for r in filed if r.unit == signed.unit and r.state != "superseded"}
    frame = pd.DataFrame(
        {
            t("col_task", lang): [preview(r.text, 30) for r in mine],
            t("col_report", lang): [
                t(
                    "my_role_lead" if ledger.leads(signed.unit, r.lead_unit) else "my_role_partner",
                    lang,
                )
                for r in mine
            ],
            t("col_progress", lang): [r.progress if r.is_reported else None for r in mine],
            t("col_round_state", lang): [
                t(f"state_{latest[r.task_id].state}", lang)
                if r.task_id in latest
                else t("state_none", lang)
                for r in mine
            ],
            t("col_task_id", lang): [r.task_id for r in mine],
        }
    ).astype({t("col_progress", lang): "Int64"})
    st.dataframe(frame, hide_index=True, width="stretch")
    by_id = {r.task_id: r for r in mine}
    task_id = st.selectbox(
        t("report_task", lang),
        list(by_id),
        format_func=lambda i: f"{i} · {preview(by_id[i].text)}",
        key="sv-report-task",
    )
    last = latest.get(task_id)
    if last is not None and last.state == "returned":
        st.warning(
            t("report_returned", lang, reason=escape_markdown(last.reason)), icon=":material/undo:"
        )
    row = by_id[task_id]
    with st.form(f"sv-report-{task_id}", clear_on_submit=False):
        st.markdown(f"**{t('report_new', lang)}**")
        progress = st.number_input(t("col_progress", lang), 0, 100, row.progress, step=5)
        done = st.text_area(t("col_notes", lang), max_chars=fields.NOTE_LIMIT, height=90)
        problems = st.text_area(t("col_problems", lang), max_chars=fields.NOTE_LIMIT, height=70)
        plans = st.text_area(t("col_next_steps", lang), max_chars=fields.NOTE_LIMIT, height=70)
        sent = st.form_submit_button(
            t("report_submit", lang), type="primary", icon=":material/send:"
        )
    if sent:
        try:
            reports.submit(task_id, progress, done, problems, plans, signed.name, on=on)
        except PgdashError as exc:
            st.error(escape_markdown(said(exc, lang)), icon=":material/error:")
            return
        st.session_state[FLASH] = t("report_sent", lang)
        st.rerun()


def _state(u: reports.UnitStatus, lang: str) -> str:
    if u.overdue:
        return t("unit_overdue", lang)
    return t("unit_missing", lang) if u.missing else t("unit_done", lang)


def office(rows: list[Row], signed: auth.SignedIn, on: date, lang: str) -> None:
    """The 督查室's round, the per-unit board and the reports waiting for review."""
    st.subheader(t("round", lang), anchor=False)
    found = reports.current(on)
    round_caption(found, lang)
    with (
        st.popover(t("round_open", lang), icon=":material/event:"),
        st.form("sv-round", border=False),
    ):
        name = st.text_input(t("round_name", lang), max_chars=64)
        due = st.date_input(t("round_due", lang), found.due_on, format="YYYY-MM-DD")
        if st.form_submit_button(t("round_save", lang), type="primary"):
            try:
                opened = reports.open_round(signed.name, due, name)
            except PgdashError as exc:
                st.error(escape_markdown(said(exc, lang)), icon=":material/error:")
            else:
                st.session_state[FLASH] = t("round_opened", lang, label=opened.label)
                st.rerun()
    filed = reports.reports(found.id) if found.id is not None else []
    board = reports.board(rows, found, filed, on)
    st.markdown(f"**{t('board', lang)}**")
    if not any(u.unit for u in board):
        st.info(t("board_none", lang), icon=":material/info:")
    frame = pd.DataFrame(
        {
            t("col_unit", lang): [u.unit or t("no_unit", lang) for u in board],
            t("col_round_state", lang): [_state(u, lang) for u in board],
            t("col_tasks", lang): [u.tasks for u in board],
            t("col_reported", lang): [u.reported for u in board],
            t("col_waiting", lang): [u.waiting for u in board],
            t("col_returned", lang): [u.returned for u in board],
            t("col_missing", lang): [len(u.missing) for u in board],
            t("col_reporters", lang): ["、".join(u.reporters) for u in board],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    _review([r for r in filed if r.state == reports.SUBMITTED], rows, signed, lang)


def _review(
    waiting: list[reports.ReportView], rows: list[Row], signed: auth.SignedIn, lang: str
) -> None:
    st.markdown(f"**{t('review', lang)}**")
    if not waiting:
        st.caption(t("review_none", lang))
        return
    texts = {r.task_id: r.text for r in rows}
    for r in waiting:
        with st.container(border=True):
            st.caption(
                f"{r.task_id} · {preview(texts.get(r.task_id, ''))} · {r.unit} · {r.author} · "
                f"{clock.shown(r.submitted_at)}"
            )
            st.text(
                f"{t('col_progress', lang)}: {r.progress}\n"
                f"{t('col_notes', lang)}: {r.progress_text}"
                + (f"\n{t('col_problems', lang)}: {r.problems}" if r.problems else "")
                + (f"\n{t('col_next_steps', lang)}: {r.next_steps}" if r.next_steps else "")
            )
            with st.container(horizontal=True, vertical_alignment="bottom"):
                if st.button(t("accept", lang), key=f"sv-accept-{r.id}", type="primary"):
                    _act(lambda r=r: reports.accept(r.id, signed.name), t("accepted", lang), lang)
                reason = st.text_input(t("return_reason", lang), key=f"sv-reason-{r.id}")
                if st.button(t("return", lang), key=f"sv-return-{r.id}"):
                    _act(
                        lambda r=r, why=reason: reports.return_report(r.id, why, signed.name),
                        t("returned", lang),
                        lang,
                    )


def said(exc: PgdashError, lang: str) -> str:
    """A refusal in the page's language when the ledger words it so, else its message."""
    return exc.say(lang) if isinstance(exc, reports.Refused) else str(exc)


def _act(action, done: str, lang: str) -> None:
    try:
        action()
    except PgdashError as exc:
        st.error(escape_markdown(said(exc, lang)), icon=":material/error:")
        return
    st.session_state[FLASH] = done
    st.rerun()
