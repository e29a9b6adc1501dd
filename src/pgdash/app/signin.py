"""Signing in to the app with a local account, and the optional gate on every page.

The signed-in account lives in the Streamlit session (``sv-user``) and is checked on every
run: it ends when it expires or when its account is disabled. A reload keeps it for the
browser session: at sign-in the browser gets a random token in a session cookie (never in
the address; only the token's digest is stored), and a new session resumes from it. The
server sets that cookie ``HttpOnly`` (``pgdash.web.sign_in_cookie``): the page only
posts a one-time code for it, so no script on the page ever reads the token.
A sign-in that ends while a form is open is kept as *lapsed*: the forms stay on screen with
what was typed, and a save asks to sign in again instead of dropping the entries.
``PGDASH_REQUIRE_LOGIN=1`` makes :func:`require` ask for a sign-in before a page is shown.
"""

import ipaddress
import json
import os

import streamlit as st

from pgdash.display.safe import escape_markdown
from pgdash.errors import PgdashError
from pgdash.supervision import auth, handoff
from pgdash.supervision.labels import t

USER = "sv-user"
LAPSED = "sv-lapsed"  # a sign-in that ended while this page was open
PENDING_COOKIE = "sv-cookie"  # a handoff code to post (or "" to clear the cookie) this run
TOKEN = "sv-token"  # the token issued in this session (the page's cookies predate it)
RESUMED = "sv-resumed"  # this session has looked for the browser's token once
COOKIE = handoff.COOKIE


def required() -> bool:
    """Whether every page asks for a sign-in (``PGDASH_REQUIRE_LOGIN=1``)."""
    return os.environ.get("PGDASH_REQUIRE_LOGIN", "").lower() in ("1", "true", "yes")


def client_address() -> str:
    """The browser's address; behind a proxy on this machine, the one the proxy forwards.

    Empty when it cannot be told (the counters by name and by pair still apply).
    """
    peer = st.context.ip_address
    peer = peer if isinstance(peer, str) else "127.0.0.1"  # Streamlit gives None for loopback
    try:
        loopback = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        return ""
    if not loopback:
        return peer
    values = st.context.headers.get_all("X-Forwarded-For")
    values = values if isinstance(values, list) else []
    forwarded = ",".join(v for v in values if isinstance(v, str))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else peer  # the hop our proxy appended


def refused_message(exc: auth.SignInError, lang: str) -> str:
    """Why a sign-in was refused, in the page's language."""
    if not exc.wait:
        return t("wrong_password", lang)
    if exc.wait >= 120:
        return t("wait_minutes", lang, n=-(-exc.wait // 60))
    return t("wait_seconds", lang, n=exc.wait)


def _sync_cookie() -> None:
    """Have the server set the browser's cookie (or clear it): the page posts the handoff
    code to the server's root, which ``index.html`` names (else the page's origin)."""
    code = st.session_state.pop(PENDING_COOKIE, None)
    if code is None:
        return
    route = handoff.SIGN_IN if code else handoff.SIGN_OUT
    script = (
        "fetch(((window.__streamlit || {}).BACKEND_BASE_URL || location.origin)"
        f".replace(/\\/$/, '') + {json.dumps(route)}, "
        f"{{method: 'POST', body: {json.dumps(code)}, credentials: 'same-origin', "
        "cache: 'no-store'});"
    )
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True, width=1)


def signed_in(lang: str) -> auth.SignedIn | None:
    """Who is signed in (an expired or disabled sign-in ends here, with a notice)."""
    _sync_cookie()
    held = st.session_state.get(USER)
    if held is None and not st.session_state.get(RESUMED):
        st.session_state[RESUMED] = True  # once per session: a reload of this browser
        held = auth.resume(st.context.cookies.get(COOKIE, ""))
    signed = auth.still_signed_in(held)
    if held is not None and signed is None:
        st.session_state.pop(USER, None)
        st.session_state[LAPSED] = held
        st.warning(t("session_expired", lang), icon=":material/lock_clock:")
    elif signed is not None:
        st.session_state[USER] = signed
        st.session_state.pop(LAPSED, None)
    return signed


def lapsed() -> auth.SignedIn | None:
    """The sign-in that ended while the page was open: its forms stay, saves wait."""
    return st.session_state.get(LAPSED)


def current() -> auth.SignedIn | None:
    """The sign-in as it stands at this moment (for a save: re-checked, not remembered)."""
    signed = auth.still_signed_in(st.session_state.get(USER))
    if signed is None and USER in st.session_state:
        st.session_state[LAPSED] = st.session_state.pop(USER)
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
                signed = auth.sign_in(name, password, client=client_address())
                token = auth.issue_token(signed)
                signed = auth.holding(signed, token)  # signing out elsewhere ends it too
            except auth.SignInError as exc:
                st.error(refused_message(exc, lang), icon=":material/block:")
            except PgdashError as exc:
                st.error(escape_markdown(str(exc)), icon=":material/database:")
            else:
                st.session_state[USER] = signed
                st.session_state[PENDING_COOKIE] = handoff.HANDOFFS.put(token)
                st.session_state[TOKEN] = token
                st.session_state.pop(LAPSED, None)
                st.session_state.pop("sv-password", None)
                st.rerun()


def sign_out() -> None:
    """End the sign-in of this session and of this browser.

    ``st.context.cookies`` are those the page was opened with: a token issued since (this
    session's own) is revoked from the session, not from them."""
    auth.revoke(st.context.cookies.get(COOKIE, ""))
    auth.revoke(st.session_state.get(TOKEN, ""))  # forgotten only once it is revoked
    st.session_state.pop(TOKEN, None)
    st.session_state.pop(USER, None)
    st.session_state.pop(LAPSED, None)
    st.session_state[PENDING_COOKIE] = ""
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
