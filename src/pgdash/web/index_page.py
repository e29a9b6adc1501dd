"""The page a browser loads first: Streamlit's ``index.html``, told where the server is and
which code the page's elements need.

Streamlit's own page cannot know either:

- Opened at a page's own address (``/map``), its frontend first asks ``/map/_stcore/health``
  in case the whole app were served under ``/map``, gets a 404 and waits 0.1 s before asking
  at the root (streamlit/streamlit#7074). ``window.__streamlit.BACKEND_BASE_URL``, the hook
  Streamlit reads for hosts that embed it, names the root at once.
- The code of most elements (the data grid, deck.gl, the date field …) is a module of its own
  that the frontend imports only when the first such element arrives. Listed as
  ``modulepreload`` links, the modules a page draws are fetched and compiled while the server
  runs its script.
- The app's stylesheet (:data:`pgdash.display.stylesheet.APP_CSS`) is the same for every
  page and session: in the page, no run sends it (16 KB and a scan of it per session).

The module names come from the frontend bundle's own table of what each lazily imported
element needs (Vite's ``__vite__mapDeps``), so they follow the installed Streamlit.
"""

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import streamlit

from pgdash.display import stylesheet
from pgdash.web.root import prefix, served_prefix

STATIC = Path(streamlit.__file__).resolve().parent / "static"

# One lazily imported element: ``import(`./DataFrame.-f9-1zS0.js`)`` followed by the indices
# of every file it needs in the bundle's file table.
_LAZY_IMPORT = re.compile(
    r"import\(`\./(?P<file>[\w.-]+\.js)`\)(?:\.then\([^()]*\))?,"
    r"__vite__mapDeps\(\[(?P<deps>[\d,]+)\]\)"
)
_FILE_TABLE = re.compile(r"__vite__mapDeps=\(.*?m\.f=\[(?P<files>[^\]]*)\]")
_ENTRY_SCRIPT = re.compile(r'<script type="module"[^>]*src="\./static/js/(?P<file>[^"]+)"')
_LISTED = re.compile(r'href="\./static/(?P<file>(?:js|css)/[^"]+)"')

_SIDEBAR = ("ButtonGroup", "Html")  # the language and sector pills, the status card
# The elements each page draws whose code Streamlit loads lazily, by page (its file's stem).
# tests/test_browser.py checks them against what Chromium fetches for each page.
PAGE_ELEMENTS: dict[str, tuple[str, ...]] = {
    "overview": (*_SIDEBAR, "PageLink"),
    "targets": _SIDEBAR,
    "map": (*_SIDEBAR, "DeckGlJsonChart", "Checkbox"),
    "sectors": (*_SIDEBAR, "PageLink"),
    "tasks": (*_SIDEBAR, "TextInput", "Checkbox"),
    "supervision": (*_SIDEBAR, "DataFrame", "DateInput", "Selectbox", "DownloadButton"),
    "sources": (*_SIDEBAR, "DataFrame", "TextInput", "DownloadButton"),
    "presentation": (
        *_SIDEBAR,
        *("Button", "Checkbox", "NumberInput", "TextInput", "DownloadButton", "PageLink"),
    ),
    "wall": ("Html",),
}
DEFAULT_PAGE = "overview"  # served at the root


def _template(static: Path) -> str:
    """Streamlit's own ``index.html``."""
    return (static / "index.html").read_text(encoding="utf-8")


@cache
def lazy_elements(static: Path = STATIC) -> dict[str, tuple[str, ...]]:
    """Element name (``DataFrame``) → its module and the files its import needs, relative to
    ``static/static`` (``js/DataFrame.-f9-1zS0.js``, …, ``css/DataFrame.DUkanX9_.css``)."""
    entry = _ENTRY_SCRIPT.search(_template(static))
    if entry is None:
        return {}
    bundle = (static / "static" / "js" / entry["file"]).read_text(encoding="utf-8")
    table = _FILE_TABLE.search(bundle)
    if table is None:
        return {}
    files = [_relative(name) for name in json.loads(f"[{table['files']}]")]
    elements = {}
    for found in _LAZY_IMPORT.finditer(bundle):
        own = f"js/{found['file']}"
        needs = [files[int(i)] for i in found["deps"].split(",") if int(i) < len(files)]
        elements[found["file"].split(".", 1)[0]] = tuple(dict.fromkeys([own, *needs]))
    return elements


def _relative(name: str) -> str:
    """``./x.js`` → ``js/x.js``, ``../css/y.css`` → ``css/y.css``: paths in ``static/static``."""
    return name.removeprefix("../") if name.startswith("../") else f"js/{name.removeprefix('./')}"


def page_files(elements: Iterable[str], static: Path = STATIC) -> list[str]:
    """The files to announce for a page drawing ``elements``, minus what the template lists."""
    listed = set(_LISTED.findall(_template(static)))
    known = lazy_elements(static)
    files = [f for name in elements for f in known.get(name, ())]
    return [f for f in dict.fromkeys(files) if f not in listed]


def index_html(template: str, base_path: str, files: Iterable[str], style: str = "") -> bytes:
    """``template`` with the server's root (``base_path`` under the page's origin) and a
    link for each file, at the top of its head; and the app's ``style`` at the end of its
    body, after every stylesheet Streamlit adds to the head (so it wins as a rule the app
    sends does)."""
    root = json.dumps(prefix(base_path))
    head = [f"<script>window.__streamlit={{BACKEND_BASE_URL:location.origin+{root}}}</script>"]
    for file in files:
        rel = "stylesheet" if file.endswith(".css") else "modulepreload"
        head.append(f'<link rel="{rel}" crossorigin href="./static/{file}">')
    page = template.replace("<head>", "<head>" + "".join(head), 1)
    if style:
        page = page.replace("</body>", f"<style>{style}</style></body>", 1)
    return page.encode("utf-8")


def page_bodies(pages: Iterable[str], base_path: str, static: Path = STATIC) -> dict[str, bytes]:
    """URL path → the index page to serve there: the root (``/``, or ``/base/``, where
    Streamlit redirects ``/base``) and ``/page`` for every page in ``pages``."""
    template = _template(static)
    root = prefix(base_path)

    def body(page: str) -> bytes:
        files = page_files(PAGE_ELEMENTS.get(page, ()), static)
        return index_html(template, base_path, files, stylesheet.APP_CSS)

    bodies = {f"{root}/{page}": body(page) for page in pages}
    bodies[f"{root}/"] = body(DEFAULT_PAGE)
    return bodies


class IndexPage:
    """ASGI middleware: answers ``GET``/``HEAD`` of the root and of each page with its index
    page; everything else goes to Streamlit."""

    def __init__(self, app, pages_dir: Path) -> None:
        self.app = app
        self.pages_dir = pages_dir
        self._bodies: Mapping[str, bytes] | None = None

    def bodies(self) -> Mapping[str, bytes]:
        """Built at the first request, when Streamlit's configuration is loaded."""
        if self._bodies is None:
            pages = sorted(p.stem for p in self.pages_dir.glob("*.py"))
            self._bodies = page_bodies(pages, served_prefix())
        return self._bodies

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            body = self.bodies().get(scope["path"])
            if body is not None:
                await _send_html(send, body, scope["method"] == "HEAD")
                return
        await self.app(scope, receive, send)


async def _send_html(send, body: bytes, head_only: bool) -> None:
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-cache"),  # as Streamlit serves its page
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else body})
