"""pgdash: the executive dashboard of Pinggu District (``streamlit run app.py``).

Draws the shared sidebar (language, sector filter, data date) so it survives page
changes, then runs the page chosen in the navigation. Pages live in ``pages/``. The wall
screen (``/wall`` or ``?screen=wall`` on any page) is drawn without the sidebar and with
the navigation hidden.
"""

from pathlib import Path

import streamlit as st

from pgdash.app import components, filters, heap, navigation, signin, views
from pgdash.app.data import load_dataset
from pgdash.app.pages import wall
from pgdash.display.i18n import t
from pgdash.errors import PgdashError

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# (file in pages/, title key, icon); a file that does not exist is left out.
PAGES = (
    ("overview.py", "page_overview", ":material/dashboard:"),
    ("targets.py", "page_targets", ":material/flag:"),
    ("map.py", "page_map", ":material/map:"),
    ("sectors.py", "page_sectors", ":material/category:"),
    ("tasks.py", "page_tasks", ":material/checklist:"),
    ("supervision.py", "page_supervision", ":material/fact_check:"),
    ("sources.py", "page_sources", ":material/database:"),
    ("presentation.py", "page_presentation", ":material/slideshow:"),
    ("wall.py", "page_wall", ":material/tv:"),
)

# 1/ SETTINGS AND SIDEBAR (none on the wall screen)
on_wall = wall.requested()
st.set_page_config(
    page_title=t("app_short"),
    page_icon="🏛️",
    layout="wide",
    initial_sidebar_state="collapsed" if on_wall else "auto",
)
components.inject_css()
if on_wall:
    lang = wall.language()
else:
    with st.sidebar:
        lang, unknown_langs = filters.language_switch()
        sector, unknown = filters.sector_filter(lang)

# 2/ DATA (a friendly page instead of a traceback when data/ is unusable)
try:
    data = load_dataset()
except PgdashError as error:
    problem = error

    def rebuild() -> None:
        """Shown for every address while data/ is missing or damaged."""
        components.rebuild_page(problem, lang)

    st.navigation([st.Page(rebuild, title=t("data_missing_title", lang))], position="hidden").run()
    st.stop()

if on_wall:  # the district in the address, else the latest report's
    year = views.latest_year(views.district_data(data, st.query_params.get("district")))
else:
    with st.sidebar:
        unknown_districts = filters.district_filter(views.district_options(data, lang), lang)
        own = views.district_data(data, filters.current_district())  # that district alone
        unknown_years = filters.year_filter(views.report_years(own), lang)
        year = filters.current_year() or views.latest_year(own)
        components.sidebar_status(own, lang)
    filters.notify_unknown(unknown_langs, lang, "unknown_lang")
    filters.notify_unknown(unknown, lang)
    filters.notify_unknown(unknown_districts, lang, "unknown_district")
    filters.notify_unknown(unknown_years, lang, "unknown_year")
signin.require(lang)  # with PGDASH_REQUIRE_LOGIN=1 every page asks for a sign-in first

# 3/ NAVIGATION (hidden on the wall; ?screen=wall on another page switches to the wall)
pages = navigation.pages(PAGES_DIR, PAGES, lang, year)
page = st.navigation(pages, position="hidden" if on_wall else "top")
if on_wall and page.url_path != wall.URL_PATH:
    st.switch_page(
        next(p for p in pages if p.url_path == wall.URL_PATH),
        query_params=st.query_params.to_dict(),
    )
page.run()
heap.settle((data.stamp, page.url_path))  # what this page keeps, out of the collector's way
