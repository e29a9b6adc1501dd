"""The index page pgdash serves in front of Streamlit's (pgdash.web.index_page).

It names the server's root, so a page opened at its own address does not probe
``/<page>/_stcore/health`` first, and announces the modules of the elements each page draws.
What Chromium then fetches is checked in tests/test_browser.py.
"""

import pytest
from asgi_request import call
from streamlit.web.server.app_discovery import discover_asgi_app

from pgdash.display.stylesheet import APP_CSS
from pgdash.paths import ROOT, SERVER
from pgdash.web import index_page
from pgdash.web.index_page import PAGE_ELEMENTS, IndexPage, index_html, lazy_elements, page_bodies

TEMPLATE = (
    '<!DOCTYPE html><html><head><meta charset="UTF-8" />'
    '<script type="module" crossorigin src="./static/js/index.AAA.js"></script>'
    '<link rel="modulepreload" crossorigin href="./static/js/core.BBB.js">'
    "</head><body></body></html>"
)
# The shape of Vite's table and of two lazily imported elements in Streamlit's bundle.
BUNDLE = (
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./Grid.CCC.js","./core.BBB.js",'
    '"./helper.DDD.js","../css/Grid.EEE.css","./Dial.FFF.js"])))=>i.map(i=>d[i]);'
    "a=lazy(()=>H(()=>import(`./Grid.CCC.js`).then(e=>e.n),__vite__mapDeps([0,1,2,3]),"
    "import.meta.url)),b=lazy(()=>H(()=>import(`./Dial.FFF.js`),__vite__mapDeps([4,2]),"
    "import.meta.url));"
)


@pytest.fixture
def static(tmp_path):
    """A Streamlit static folder with the template and the bundle above."""
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "static" / "js" / "index.AAA.js").write_text(BUNDLE, encoding="utf-8")
    yield tmp_path
    lazy_elements.cache_clear()


def test_each_lazy_element_maps_to_its_module_first_then_what_it_needs(static) -> None:
    assert lazy_elements(static) == {
        "Grid": ("js/Grid.CCC.js", "js/core.BBB.js", "js/helper.DDD.js", "css/Grid.EEE.css"),
        "Dial": ("js/Dial.FFF.js", "js/helper.DDD.js"),
    }


def test_a_bundle_without_vites_table_announces_nothing(static) -> None:
    (static / "static" / "js" / "index.AAA.js").write_text("import('./x.js')", encoding="utf-8")
    assert lazy_elements(static) == {}
    assert index_page.page_files(["Grid"], static) == []


def test_a_page_announces_its_elements_files_once_and_not_the_templates(static) -> None:
    files = index_page.page_files(["Grid", "Dial", "Unknown"], static)
    assert files == ["js/Grid.CCC.js", "js/helper.DDD.js", "css/Grid.EEE.css", "js/Dial.FFF.js"]


@pytest.mark.parametrize(
    ("base", "root"), [("", '""'), ("pgdash", '"/pgdash"'), ("/a/b/", '"/a/b"')]
)
def test_the_root_is_named_before_any_script_runs(base, root) -> None:
    html = index_html(TEMPLATE, base, ["js/Grid.CCC.js", "css/Grid.EEE.css"]).decode()
    config = html.index(f"window.__streamlit={{BACKEND_BASE_URL:location.origin+{root}}}")
    assert config < html.index('<script type="module"')
    assert '<link rel="modulepreload" crossorigin href="./static/js/Grid.CCC.js">' in html
    assert '<link rel="stylesheet" crossorigin href="./static/css/Grid.EEE.css">' in html
    assert html.replace(html[html.index("<head>") + 6 : html.index("<meta")], "") == TEMPLATE


def test_the_app_stylesheet_ends_the_body_of_every_page(static) -> None:
    """After every stylesheet Streamlit adds to the head, as the app's own element was."""
    for page, body in page_bodies(["map", "sources"], "", static).items():
        html = body.decode("utf-8")
        assert html.endswith(f"<style>{APP_CSS}</style></body></html>"), page
        assert html.count(APP_CSS) == 1


@pytest.mark.parametrize(
    ("base", "paths"),
    [("", {"/", "/map", "/sources"}), ("/pg/", {"/pg/", "/pg/map", "/pg/sources"})],
)
def test_the_root_and_every_page_have_their_index(static, base, paths) -> None:
    bodies = page_bodies(["map", "sources"], base, static)
    assert set(bodies) == paths
    assert bodies[f"{base.rstrip('/')}/"] == index_html(
        TEMPLATE, base, index_page.page_files(PAGE_ELEMENTS["overview"], static), APP_CSS
    )


def test_every_element_a_page_names_is_in_the_installed_streamlit() -> None:
    known = lazy_elements()
    pages = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert set(PAGE_ELEMENTS) == pages
    for page, elements in PAGE_ELEMENTS.items():
        for element in elements:
            assert element in known, f"{page}: Streamlit has no lazily loaded {element}"
            for file in known[element]:
                assert (index_page.STATIC / "static" / file).is_file(), file
    assert any(f.endswith(".css") for f in known["DataFrame"])  # the grid's own styles


@pytest.fixture
def middleware(tmp_path):
    (tmp_path / "map.py").write_text("", encoding="utf-8")
    (tmp_path / "sources.py").write_text("", encoding="utf-8")
    return IndexPage(None, tmp_path)


@pytest.mark.parametrize("path", ["/", "/map", "/sources"])
def test_a_page_is_answered_with_its_index(middleware, path) -> None:
    sent, passed = call(middleware, {"type": "http", "method": "GET", "path": path})
    assert not passed
    start, body = sent
    assert start["status"] == 200
    headers = dict(start["headers"])
    assert headers[b"content-type"].startswith(b"text/html")
    assert headers[b"cache-control"] == b"no-cache"
    assert int(headers[b"content-length"]) == len(body["body"])
    assert b"BACKEND_BASE_URL" in body["body"]
    assert (b"DeckGlJsonChart" in body["body"]) == (path == "/map")


def test_head_gets_the_headers_only(middleware) -> None:
    sent, _ = call(middleware, {"type": "http", "method": "HEAD", "path": "/map"})
    assert sent[1]["body"] == b""
    assert int(dict(sent[0]["headers"])[b"content-length"]) > 0


@pytest.mark.parametrize(
    "scope",
    [
        {"type": "http", "method": "POST", "path": "/map"},
        {"type": "http", "method": "GET", "path": "/map/_stcore/health"},
        {"type": "http", "method": "GET", "path": "/_stcore/health"},
        {"type": "http", "method": "GET", "path": "/static/js/index.DormvYxC.js"},
        {"type": "http", "method": "GET", "path": "/no-such-page"},
        {"type": "websocket", "path": "/_stcore/stream"},
        {"type": "lifespan"},
    ],
)
def test_everything_else_goes_to_streamlit(middleware, scope) -> None:
    sent, passed = call(middleware, scope)
    assert passed == [scope] and not sent


def test_streamlit_run_finds_the_asgi_app_in_the_server_entry() -> None:
    """``pgdash run`` passes SERVER to ``streamlit run``, which serves the App it finds there
    (the browser tests see the index page it puts in front)."""
    found = discover_asgi_app(SERVER)
    assert found.is_asgi_app and found.import_string == "asgi:app"
