"""What every page draws alike: stylesheet, headers, notes, card grids, the work plan."""

import os

import pandas as pd
import pyarrow as pa
import streamlit as st

from pgdash.app.data import per_build, shared
from pgdash.display import fragments, stylesheet
from pgdash.display.i18n import LANGS, sector_name, t
from pgdash.errors import PgdashError
from pgdash.schema import BUILD_COMMAND
from pgdash.tables import ALL, Dataset

STYLE = fragments.Html(f"<style>{stylesheet.APP_CSS}</style>")


def html(body: str) -> None:
    """``body`` (inert HTML, made by ``pgdash.display``) as one element, sent as it is;
    nothing for an empty body."""
    if body:
        st.html(fragments.Html(body))


def joined(*bodies: str) -> str:
    """HTML bodies to draw as one element (every element is a message of every run),
    joined once for every session: the bodies are the memoised strings of one view."""
    return _joined(bodies)


@shared(max_entries=64)
def _joined(bodies: tuple[str, ...]) -> str:
    return "".join(bodies)


def inject_css() -> None:
    """Add the app's stylesheet (takes no space on the page), unless the server's index
    page carries it already (``pgdash run``, the replicas): then no run sends it."""
    if os.environ.get(stylesheet.STYLED_INDEX) != "1":
        st.html(STYLE)


def per_language(key: str, lang: str) -> str:
    """The key of a select box whose option labels are in ``lang``: one per language, so a
    language switch draws it afresh (its field would go on showing the label it was drawn
    with, 全部 in English); the choice made in the other language carries over. Streamlit
    drops a widget's state once a run does not draw it, so the other language's key holds
    the latest choice only in the run that switches."""
    own = f"{key}-{lang}"
    if own not in st.session_state:
        for other in (f"{key}-{code}" for code in LANGS if code != lang):
            if other in st.session_state:
                st.session_state[own] = st.session_state[other]
                break
    return own


PHONE_AGENT = "Mobi"  # what phone browsers put in their User-Agent (MDN's advice)


def on_phone() -> bool:
    """Whether the page is read in a phone's browser (by its User-Agent)."""
    return PHONE_AGENT in (st.context.headers.get("User-Agent", "") or "")


def page_header(title: str, subtitle: str, sector: str, lang: str) -> None:
    """Page title, one-line subtitle and, when filtered, the sector in force."""
    st.title(title, anchor=False)
    line = subtitle
    if sector != ALL:
        line += t("sep", lang) + t("filtered_by", lang, sector=sector_name(sector, lang))
    st.caption(line)


def empty_note(sector: str, lang: str) -> None:
    """An info line for an empty view."""
    st.info(t("no_data_sector" if sector != ALL else "no_data", lang), icon=":material/info:")


def rebuild_page(error: PgdashError, lang: str) -> None:
    """The friendly page shown instead of the app when data/ is missing or unusable."""
    st.title(t("data_missing_title", lang), anchor=False)
    st.error(t("data_missing_body", lang), icon=":material/database:")
    st.code(BUILD_COMMAND, language="bash")
    with st.expander(t("data_missing_detail", lang)):
        st.text(str(error))


def sidebar_status(data: Dataset, lang: str) -> None:
    """The data date and sources under the sidebar controls, in one element."""
    html(_status_block(data, lang))


@per_build
def _status_block(data: Dataset, lang: str) -> str:
    return fragments.status_block_html(data, lang)


def folded(title: str, count: int, body_html: str) -> None:
    """``body_html`` folded under a "title · count" disclosure, closed at first."""
    html(fragments.section_html(title, str(count), body_html))


def dataframe(frame: pd.DataFrame | pa.Table, key: str, **kwargs) -> object:
    """A full-width dataframe without the index (cell text is shown literally)."""
    return st.dataframe(frame, hide_index=True, width="stretch", key=key, **kwargs)
