"""A bare Streamlit app shaped like pgdash's frame, with no data and no pgdash code.

The same number of pages in a top navigation and the same sidebar widgets (a segmented
control for the language, thirteen pills for the sector), each page the hello-world page.
Under load it shows what Streamlit itself charges per run for that shape, before pgdash
adds anything: the floor any page of this design can reach against hello-world.
"""

from pathlib import Path

FLOOR = "floor"  # its name among the load and browser results
# In the browser also its second page, opened by its own address: Streamlit's frontend first
# asks for /p1/_stcore/health, gets a 404 and waits before it asks at the root (Streamlit
# issue 7074), which every page but the default pays when opened from a link.
FLOOR_PAGE = "floor, second page"
# In the browser also the hello-world page with one element whose code Streamlit loads
# lazily and that some pgdash pages cannot do without: what that element alone costs.
DECK_FLOOR = "hello-world and one deck.gl map"
GRID_FLOOR = "hello-world and one data grid"
ELEMENTS = {
    DECK_FLOOR: (
        "import pydeck as pdk\n"
        "point = [{'at': [117.12, 40.14]}]\n"
        "dot = pdk.Layer('ScatterplotLayer', data=point, get_position='at', get_radius=500)\n"
        "view = pdk.ViewState(longitude=117.12, latitude=40.14, zoom=9)\n"
        "st.pydeck_chart(pdk.Deck(layers=[dot], initial_view_state=view, map_style=None))\n"
    ),
    GRID_FLOOR: (
        "import pandas as pd\n"
        "st.dataframe(pd.DataFrame({'n': range(10), 'text': [str(i) for i in range(10)]}))\n"
    ),
}

APP = """import streamlit as st
from pathlib import Path

st.set_page_config(page_title="floor", layout="wide")
with st.sidebar:
    st.segmented_control("语言 / Language", ["zh", "en"], default="zh", required=True, key="lang")
    sectors = ["all", *[f"sector{i}" for i in range(12)]]
    st.pills("板块筛选", sectors, default="all", key="sector", required=True)
pages = Path(__file__).parent / "pages"
st.navigation(
    [st.Page(pages / f"p{i}.py", title=f"页面 {i}", default=i == 0) for i in range({n})],
    position="top",
).run()
"""


def floor_app(folder: Path, hello: Path, pages: int) -> Path:
    """Write the floor app into ``folder`` with ``pages`` hello-world pages; its path."""
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    lines = hello.read_text(encoding="utf-8").splitlines()
    body = "\n".join(line for line in lines if "set_page_config" not in line) + "\n"
    for i in range(pages):
        (folder / "pages" / f"p{i}.py").write_text(body, encoding="utf-8")
    (folder / "app.py").write_text(APP.replace("{n}", str(pages)), encoding="utf-8")
    return folder / "app.py"


def element_floors(folder: Path, hello: Path) -> dict[str, Path]:
    """Write the hello-world page with each element of :data:`ELEMENTS` into ``folder``;
    name → its script."""
    page, scripts = hello.read_text(encoding="utf-8"), {}
    for i, (name, code) in enumerate(ELEMENTS.items()):
        path = folder / f"element{i}.py"
        path.write_text(page + code, encoding="utf-8")
        scripts[name] = path
    return scripts
