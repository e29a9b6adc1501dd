"""What ``pgdash run`` and the replicas serve: ``app.py`` in Streamlit's own ASGI app, with
pgdash's index page and sign-in cookie routes in front, and the network address printed
at start (``streamlit run`` finds ``app`` here and starts it)."""

import streamlit as st
from starlette.middleware import Middleware

from pgdash.paths import ROOT
from pgdash.web.banner import announce
from pgdash.web.index_page import IndexPage
from pgdash.web.sign_in_cookie import SignInCookie

app = st.App(
    ROOT / "app.py",
    middleware=[Middleware(IndexPage, pages_dir=ROOT / "pages"), Middleware(SignInCookie)],
    lifespan=announce,
)
