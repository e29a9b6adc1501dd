"""The 督办 page's forms: sign-in bar, editing a record, progress notes, Excel, accounts."""

import io
from datetime import date

import pandas as pd
import streamlit as st

from pgdash.app import signin
from pgdash.app.pages.supervision.cards import status_label
from pgdash.app.pages.supervision.keys import FLASH
from pgdash.display.safe import escape_markdown
from pgdash.errors import PgdashError
from pgdash.supervision import auth, clock, excel, fields, ledger
from pgdash.supervision.labels import t
from pgdash.supervision.ledger import Conflict, PlanTask, Row


def account_bar(signed: auth.SignedIn | None, lang: str) -> None:
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


def _signed_for_saving(lang: str) -> auth.SignedIn | None:
    """Who saves, checked at the moment of saving; else a word to sign in again (the form
    keeps the entries, and the sign-in button is at the top of the page)."""
    signed = signin.current()
    if signed is None:
        st.warning(t("sign_in_again_to_save", lang), icon=":material/lock_clock:")
    return signed


def edit_form(row: Row, lang: str) -> None:
    """A form on the version the editor opened; a save on an older version is refused.

    A save after the sign-in ended saves nothing and keeps the entries in the form.
    """
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
                format_func=lambda s: status_label(s, lang),
                key=f"sv-t-{k}",
            ),
            "remarks": c2.text_area(
                t("col_remarks", lang),
                row.remarks,
                max_chars=fields.REMARKS_LIMIT,
                height=68,
                key=f"sv-m-{k}",
            ),
        }
        submitted = st.form_submit_button(t("save", lang), type="primary", icon=":material/save:")
    if not submitted:
        return
    signed = _signed_for_saving(lang)
    if signed is None:
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


def reload_button(row: Row, lang: str) -> None:
    version_key = f"sv-ver-{row.task_id}"
    if st.session_state.get(version_key, row.version) != row.version and st.button(
        t("reload", lang), icon=":material/refresh:", key=f"sv-reload-{row.task_id}"
    ):
        st.session_state[version_key] = row.version
        st.rerun()


def note_form(row: Row, lang: str) -> None:
    """A new progress note; one refused (sign-in ended, bad text) comes back in the form."""
    draft_key = f"sv-note-draft-{row.task_id}"
    with st.form(f"sv-note-{row.task_id}", clear_on_submit=True):
        st.markdown(f"**{t('note_new', lang)}**")
        day = st.date_input(t("note_date", lang), clock.today(), format="YYYY-MM-DD")
        text = st.text_area(
            t("col_note", lang),
            st.session_state.get(draft_key, ""),
            max_chars=fields.NOTE_LIMIT,
            height=90,
        )
        submitted = st.form_submit_button(t("add_note", lang), icon=":material/note_add:")
    if not submitted:
        return
    st.session_state[draft_key] = text  # the form clears itself: keep the text until saved
    signed = _signed_for_saving(lang)
    if signed is None:
        return
    try:
        ledger.add_note(row.task_id, day, text, signed.name)
    except PgdashError as exc:
        st.error(escape_markdown(str(exc)), icon=":material/error:")
        return
    st.session_state.pop(draft_key, None)
    st.session_state[FLASH] = t("note_added", lang)
    st.rerun()


def excel_section(
    plan: list[PlanTask],
    on: date,
    signed: auth.SignedIn | None,
    lang: str,
    heading: excel.Heading | None = None,
) -> None:
    st.subheader(t("excel", lang), anchor=False)
    st.download_button(
        t("download", lang),
        data=lambda: excel.export_bytes(plan, on, heading=heading),
        file_name=f"督办台账-{on.isoformat()}.xlsx",
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


def accounts(lang: str) -> None:
    with st.expander(t("accounts", lang), icon=":material/manage_accounts:"):
        with st.form("sv-account", clear_on_submit=True):
            st.markdown(f"**{t('account_add', lang)}**")
            c1, c2, c3, c4 = st.columns(4)
            name = c1.text_input(t("user_name", lang))
            role = c2.selectbox(
                t("account_role", lang),
                auth.ROLES,
                index=auth.ROLES.index("editor"),
                format_func=lambda r: t(f"role_{r}", lang),
            )
            unit = c3.text_input(t("account_unit", lang), max_chars=200)
            password = c4.text_input(t("password", lang), type="password")
            if st.form_submit_button(t("save", lang)):
                try:
                    auth.add_user(name, role, password, unit=unit)
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
