"""Signing in to the app with a local account, and the optional gate on every page.

The signed-in account lives in the Streamlit session (``sv-user``) and is checked on every
run: it ends when it expires or when its account is disabled. ``PGDASH_REQUIRE_LOGIN=1``
makes :func:`require` ask for a sign-in before a page is shown.
"""

import os

import streamlit as st

from pgdash.display.safe import escape_markdown
from pgdash.errors import PgdashError
from pgdash.supervision import auth
from pgdash.supervision.labels import t

USER = "sv-user"


def required() -> bool:
    """Whether every page asks for a sign-in (``PGDASH_REQUIRE_LOGIN=1``)."""
    return os.environ.get("PGDASH_REQUIRE_LOGIN", "").lower() in ("1", "true", "yes")


def signed_in(lang: str) -> auth.SignedIn | None:
    """Who is signed in (an expired or disabled sign-in ends here, with a notice)."""
    held = st.session_state.get(USER)
    signed = auth.still_signed_in(held)
    if held is not None and signed is None:
        st.session_state.pop(USER, None)
        st.warning(t("session_expired", lang), icon=":material/lock_clock:")
    elif signed is not None:
        st.session_state[USER] = signed
    return signed


def sign_in_form(lang: str) -> None:
    """User name and password; a refused sign-in says why (and how long to wait)."""
    with st.form("sv-sign-in", border=False):
        name = st.text_input(t("user_name", lang), key="sv-name", autocomplete="username")
        password = st.text_input(
            t("password", lang), type="password", key="sv-password", autocomplete="current-password"
        )
        if st.form_submit_button(t("sign_in", lang), type="primary"):
            try:
                st.session_state[USER] = auth.sign_in(name, password)
            except auth.SignInError as exc:
                st.error(escape_markdown(str(exc)), icon=":material/block:")
            else:
                st.session_state.pop("sv-password", None)
                st.rerun()


def sign_out() -> None:
    """End the sign-in of this session."""
    st.session_state.pop(USER, None)
    st.rerun()


def require(lang: str) -> None:
    """With ``PGDASH_REQUIRE_LOGIN=1``: stop the page with a sign-in form until signed in.

    For ``app.py``, after the sidebar and before the navigation runs the page.
    """
    if not required():
        return
    try:
        if signed_in(lang) is not None:
            return
    except PgdashError as exc:
        st.error(escape_markdown(str(exc)), icon=":material/database:")
        st.stop()
    st.info(t("sign_in_required", lang), icon=":material/lock:")
    sign_in_form(lang)
    st.stop()
