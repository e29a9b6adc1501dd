"""What ``pgdash run`` and the replicas serve: ``app.py`` in Streamlit's own ASGI app, with
pgdash's index page and sign-in cookie routes in front, and the network address printed
at start (``streamlit run`` finds ``app`` here and starts it)."""

import os

import streamlit as st
from starlette.middleware import Middleware

from pgdash.display.stylesheet import STYLED_INDEX
from pgdash.paths import ROOT
from pgdash.web.banner import announce
from pgdash.web.index_page import IndexPage
from pgdash.web.sign_in_cookie import SignInCookie

os.environ[STYLED_INDEX] = "1"  # the index page carries the stylesheet: runs need not send it
app = st.App(
    ROOT / "app.py",
    middleware=[Middleware(IndexPage, pages_dir=ROOT / "pages"), Middleware(SignInCookie)],
    lifespan=announce,
)
