"""Hostile input: oversized and binary seeds, damaged tables, markup in the text, odd URLs.

Whatever arrives, the build fails fast with one line or handles it, the app shows its
rebuild page or ignores what it does not know, and document text reaches the page inert.
"""

import asyncio
import contextlib
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import websockets
from google.protobuf.message import Message
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench import browser_bench
from bench.apptest import APP, app_test, run
from bench.server import serve
from bench.ws_client import STREAM_PATH, SUBPROTOCOL, RunResult, StreamlitSession
from pgdash import cells
from pgdash.app.pages import wall as wall_page
from pgdash.display.i18n import t
from pgdash.errors import PgdashError
from pgdash.export import data_files as downloads
from pgdash.paths import seeds_dir
from pgdash.pipeline.extract import facts
from pgdash.pipeline.relate import sites, tasks
from pgdash.pipeline.write.build import build
from pgdash.schema import TABLES, empty_frame, read_table, write_table

BUILD_TIMEOUT_S = 120
REPORT = "pinggu-gwr-2023"


# Runs ``python -m pgdash`` and records its own memory high-water mark on exit. The
# kernel's VmHWM belongs to the new process image, unlike ru_maxrss, which a child keeps
# from the (large) pytest process it was forked from.
PEAK_WRAPPER = """
import atexit, os, runpy, sys
def record_peak():
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    with open(os.environ["PGDASH_PEAK_FILE"], "w") as out:
        out.write(hwm.split()[1])
atexit.register(record_peak)
runpy.run_module("pgdash", run_name="__main__", alter_sys=True)
"""


def run_build(seeds: Path, data: Path) -> tuple[int, str, float]:
    """Run ``python -m pgdash build``: exit status, stderr and peak memory in MB.

    A build that hangs is killed after ``BUILD_TIMEOUT_S`` and fails the test.
    """
    peak_file = data.parent / "peak-kb.txt"
    arguments = ["--seeds", str(seeds), "--data", str(data), "build"]
    command = [sys.executable, "-c", PEAK_WRAPPER, *arguments]
    env = {**os.environ, "PGDASH_PEAK_FILE": str(peak_file)}
    try:
        process = subprocess.run(command, capture_output=True, timeout=BUILD_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build hung for {BUILD_TIMEOUT_S} s on {seeds}")
    peak_mb = int(peak_file.read_text()) / 1024
    return process.returncode, process.stderr.decode("utf-8", errors="replace"), peak_mb


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), folder)
    return folder


@pytest.fixture
def previous_data(tmp_path: Path) -> Path:
    """A data/ folder from an earlier build, which a failed build must leave alone."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "manifest.json").write_text('{"fingerprint": "earlier"}', encoding="utf-8")
    return data


# --- seeds: oversized and binary documents -------------------------------------------------


def test_fifty_megabyte_seed_fails_fast_in_bounded_memory(seeds: Path, previous_data: Path) -> None:
    report = seeds / f"{REPORT}.txt"
    text = report.read_bytes()
    report.write_bytes(text * (50 * 2**20 // len(text) + 1))
    before = snapshot(previous_data)
    status, stderr, peak_mb = run_build(seeds, previous_data)
    assert status == 2
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert f"{REPORT}.txt is 50 MiB, over the 20 MiB limit" in stderr
    assert peak_mb < 50 + 200  # never read whole: far below the file plus the interpreter
    assert snapshot(previous_data) == before


def _random(n: int, low: int, high: int) -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(low, high) for _ in range(n))


JUNK = {
    "random bytes": _random(300_000, 0, 256),
    # High bytes only: every pair decodes as GB18030, much of it to CJK ideographs.
    "random high bytes": _random(300_000, 0x81, 0xFF),
    "png image": b"\x89PNG\r\n\x1a\n" + _random(100_000, 0, 256),
    "zip archive": b"PK\x03\x04" + _random(100_000, 0x20, 0x7F),
    "utf-16 text": "地区生产总值预计同比增长7%左右，增速全市第一。".encode("utf-16") * 1000,
    "latin text": b"Lorem ipsum dolor sit amet, 7% more. " * 5000,
}


@pytest.mark.parametrize("kind", list(JUNK))
def test_binary_junk_named_txt_fails_with_one_line(
    kind: str, seeds: Path, previous_data: Path
) -> None:
    (seeds / f"{REPORT}.txt").write_bytes(JUNK[kind])
    before = snapshot(previous_data)
    status, stderr, _ = run_build(seeds, previous_data)
    assert status == 2, stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert f"{REPORT}.txt" in stderr and ("not text" in stderr or "UTF-8" in stderr)
    assert snapshot(previous_data) == before


# --- tables: damaged Parquet files are refused with the rebuild command ---------------------


def _good_tables(folder: Path) -> Path:
    folder.mkdir()
    for name in TABLES:
        write_table(empty_frame(name), name, folder)
    return folder


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _scramble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(3)
    for i in range(8, len(data) - 8):  # keep the PAR1 magic at both ends
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


def _drop_column(path: Path) -> None:
    table = pq.read_table(path)
    pq.write_table(table.drop_columns([table.schema.names[1]]), path)


def _retype_column(path: Path) -> None:
    table = pq.read_table(path)
    name = table.schema.names[0]
    column = pa.array([1] * table.num_rows, type=pa.int64())
    pq.write_table(table.set_column(0, name, column), path)


def _not_parquet(path: Path) -> None:
    path.write_text("<html>proxy error</html>", encoding="utf-8")


DAMAGE = {
    "truncated": _truncate,
    "scrambled": _scramble,
    "missing column": _drop_column,
    "wrong type": _retype_column,
    "not parquet": _not_parquet,
    "empty file": lambda p: p.write_bytes(b""),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("table", list(TABLES))
def test_damaged_table_is_refused_naming_file_and_fix(
    damage: str, table: str, tmp_path: Path
) -> None:
    folder = _good_tables(tmp_path / "data")
    DAMAGE[damage](folder / f"{table}.parquet")
    with pytest.raises(PgdashError) as caught:
        read_table(table, folder)
    message = str(caught.value)
    assert f"{table}.parquet" in message and "python -m pgdash build" in message
    assert "\n" not in message


def test_table_with_a_missing_column_is_never_written(tmp_path: Path) -> None:
    frame = empty_frame("facts").drop(columns=["quote"])
    with pytest.raises(PgdashError, match="table facts: missing column"):
        write_table(frame, "facts", tmp_path)
    assert not (tmp_path / "facts.parquet").exists()


def test_reading_keeps_the_schema_order_whatever_the_file_order(tmp_path: Path) -> None:
    folder = _good_tables(tmp_path / "data")
    path = folder / "facts.parquet"
    table = pq.read_table(path)
    pq.write_table(table.select(list(reversed(table.schema.names))), path)
    assert list(read_table("facts", folder).columns) == TABLES["facts"].names
    assert isinstance(read_table("facts", folder), pd.DataFrame)


# --- the app on damaged data: the friendly rebuild page, never a traceback ------------------


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables built from the real seeds."""
    data = tmp_path_factory.mktemp("built") / "data"
    build(seeds_dir(), data)
    return data


def _empty_rows(path: Path) -> None:
    table = pq.read_table(path)
    pq.write_table(table.slice(0, 0), path)


APP_DAMAGE = {
    **DAMAGE,
    "no rows": _empty_rows,
    "deleted": lambda p: p.unlink(),
}


@pytest.mark.parametrize("damage", list(APP_DAMAGE))
@pytest.mark.parametrize("table", ["facts", "documents"])
def test_app_shows_the_rebuild_page_on_damaged_data(
    damage: str, table: str, seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_build, data)
    APP_DAMAGE[damage](data / f"{table}.parquet")
    monkeypatch.setenv("PGDASH_DATA", str(data))
    for page in ("pages/overview.py", "pages/map.py"):
        at = run(app_test(data, page))
        assert not at.exception, at.exception[0].message
        assert [c.value for c in at.code] == ["python -m pgdash build"]
        assert f"{table}.parquet" in " ".join(t.value for t in at.text)
        assert not at.get("deck_gl_json_chart") and not at.dataframe


def test_app_shows_the_rebuild_page_when_the_boundary_is_damaged(
    seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_build, data)
    (data / "boundary.geojson").write_text('{"type": "Feat', encoding="utf-8")
    monkeypatch.setenv("PGDASH_DATA", str(data))
    at = run(app_test(data, "pages/map.py"))
    assert not at.exception
    assert [c.value for c in at.code] == ["python -m pgdash build"]


@pytest.mark.parametrize("stage", ["facts", "tasks", "sites"])
@pytest.mark.parametrize("fault", ["missing column", "no rows"])
def test_build_refuses_a_broken_table_and_leaves_data_unchanged(
    stage: str, fault: str, seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_build, data)
    before = snapshot(data)
    module = {"facts": facts, "tasks": tasks, "sites": sites}[stage]
    name = f"build_{stage}"
    real = getattr(module, name)

    def broken(*args: object) -> object:
        result = real(*args)
        frame, *rest = result if isinstance(result, tuple) else (result,)
        frame = frame.drop(columns=[frame.columns[-1]]) if fault == "missing column" else frame[:0]
        return (frame, *rest) if rest else frame

    monkeypatch.setattr(module, name, broken)
    with pytest.raises(PgdashError):
        build(seeds_dir(), data)
    assert snapshot(data) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


# --- markup in the document text is shown literally, never interpreted ----------------------

# Two sentences with a number each (so each becomes a fact, a task and a site quote) carrying
# HTML, script, Markdown links and images, javascript: URLs, colour directives and formulas.
PAYLOAD = (
    '金海湖<script>window.__pgPwned=1</script>，<img src=x onerror="window.__pgPwned=2">，'
    "新建示范点37个。"
    "金海湖[点我](javascript:window.__pgPwned=3)，![图](javascript:window.__pgPwned=4)，"
    ":red[红字]，$x^2$，改造<b>步道</b>12公里。"
    '=HYPERLINK("http://evil.invalid","点此")新增金海湖停车位300个。'
)
ANCHOR = "加快建设金海湖文旅小镇。"
# Each of these in a Markdown or HTML string would be live markup.
# The payload's own tags (the app's numbered sector map is an <img> of its own).
LIVE = ("<script", "<img src=x", "<b>步道", "](javascript:", ":red[红字]", "$x^2$")
# Elements whose text is shown as plain text whatever it holds.
PLAIN = ("Text", "Code")
# The app's own static scripts (the wall's clock and rotation): no document text in them.
OUR_SCRIPTS = {str(wall_page.SCRIPT)}
PAGES = sorted(f"pages/{p.name}" for p in (Path(__file__).parents[1] / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables built from seeds whose work report carries the payload."""
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    report = seeds / f"{REPORT}.txt"
    text = report.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    report.write_text(text.replace(ANCHOR, ANCHOR + PAYLOAD), encoding="utf-8")
    build(seeds, root / "data")
    return root / "data"


def test_the_payload_becomes_facts_tasks_and_site_quotes(hostile_data: Path) -> None:
    fact_quotes = " ".join(read_table("facts", hostile_data)["quote"])
    task_sentences = " ".join(read_table("tasks", hostile_data)["sentence"])
    site_quotes = " ".join(q for qs in read_table("sites", hostile_data)["quotes"] for q in qs)
    for text in (fact_quotes, task_sentences, site_quotes):
        assert "<script>window.__pgPwned=1</script>" in text
        assert ":red[红字]" in text and "$x^2$" in text


def _strings(message: Message):
    """Every string field of a proto, however deep."""
    for descriptor, value in message.ListFields():
        for item in value if descriptor.is_repeated else [value]:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, str):
                yield item


def _elements(node):
    if not hasattr(node, "children"):
        yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


def page_strings(at) -> list[tuple[str, str]]:
    """(element type, string) for every string the page sends to the browser."""
    return [
        (element.proto.DESCRIPTOR.name, s)
        for element in _elements(at._tree)
        if getattr(element, "proto", None) is not None
        for s in _strings(element.proto)
    ]


@pytest.mark.parametrize("sector", ["all", "leisure"])
@pytest.mark.parametrize("page", PAGES)
def test_document_markup_reaches_no_page_live(
    page: str, sector: str, hostile_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGDASH_DATA", str(hostile_data))
    at = app_test(hostile_data, page)
    run(at)
    at.pills(key="sector").set_value(sector)
    run(at)
    assert not at.exception, at.exception[0].message
    assert not [c for c in at.code if c.value == "python -m pgdash build"]  # data loaded
    live = [
        (kind, marker, s[:120])
        for kind, s in page_strings(at)
        if kind not in PLAIN and s not in OUR_SCRIPTS
        for marker in LIVE
        if marker in s
    ]
    assert not live


def test_tasks_page_shows_the_payload_escaped(
    hostile_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGDASH_DATA", str(hostile_data))
    at = run(app_test(hostile_data, "pages/tasks.py"))
    html = " ".join(s for kind, s in page_strings(at) if kind == "Html")
    assert "金海湖&#60;script&#62;window" in html
    assert "&#58;red&#91;红字&#93;" in html and "&#36;x&#94;2&#36;" in html


def test_sources_page_shows_the_payload_fact_in_its_passage_escaped(
    hostile_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGDASH_DATA", str(hostile_data))
    at = run(app_test(hostile_data, "pages/sources.py"))
    at.text_input(key="fact-search").set_value("步道")
    run(at)
    assert not at.exception
    html = " ".join(s for kind, s in page_strings(at) if kind == "Html")
    assert '<mark class="num">12公里</mark>' in html  # the number highlighted in its passage
    assert "&#60;b&#62;步道&#60;&#47;b&#62;" in html
    assert "](javascript:" not in html and "<b>步道" not in html


# --- odd query strings and misbehaving sessions against a real server ----------------------

# The main script of the test server: the app, except that ?boom=1 makes the run raise,
# as a bug hit by one reader would.
BOOM_APP = """
import runpy
import streamlit as st

if st.query_params.get("boom"):
    raise RuntimeError("one session's error")
runpy.run_path({app!r}, run_name="__main__")
"""


@pytest.fixture(scope="module")
def server(hostile_data: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("server")
    script = folder / "boom_app.py"
    script.write_text(BOOM_APP.format(app=str(APP)), encoding="utf-8")
    with serve(script, folder / "server.log", env={"PGDASH_DATA": str(hostile_data)}) as running:
        yield running


def _open(url: str, query: str) -> RunResult:
    async def go() -> RunResult:
        async with StreamlitSession(url, timeout=60) as session:
            return await session.run(query_string=query)

    return asyncio.run(go())


OVERVIEW_TITLE = t("overview_title", "zh", district="平谷区")
NOTICE = t("unknown_sector", "zh", value="")[:6]  # 网址中的板块


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("sector=nonsense", "nonsense"),
        ("sector=" + "A" * 100_000, "A" * 40 + "…"),
        ("sector=%FF%FE", "\ufffd\ufffd"),
        ("sector=%00", "\x00"),
        ("sector=%E2%80%AE", "\u202e"),
        ("sector=%3Cscript%3Ealert(1)%3C/script%3E", "\\<script\\>alert\\(1\\)\\</script\\>"),
        ("sector=:red[x]", "\\:red\\[x\\]"),
        ("sector=nonsense&sector=junk", "junk"),
        ("sector", "“”"),
    ],
)
def test_unknown_sector_in_the_url_is_ignored_with_a_notice(query: str, shown: str, server) -> None:
    result = _open(server.url, query)
    assert result.ok, result.exceptions
    assert OVERVIEW_TITLE in result.texts()
    notices = [e.alert.body for e in result.elements if e.WhichOneof("type") == "alert"]
    notices = [n for n in notices if n.startswith(NOTICE)]
    assert notices and any(shown in n for n in notices)
    assert all(len(n) < 120 for n in notices)


@pytest.mark.parametrize(
    "query",
    [
        "sector=logistics&sector=agritech",
        "lang=xx",
        "lang=en&lang=zh&lang=%FF",
        "&&&==",
        "%E4%BD",
        "&".join(f"k{i}=v{i}" for i in range(2000)),
        "x=" + "%" * 50_000,
    ],
)
def test_odd_query_strings_break_nothing(query: str, server) -> None:
    result = _open(server.url, query)
    assert result.ok, result.exceptions
    assert OVERVIEW_TITLE in result.texts()


def test_known_sector_in_the_url_filters_the_page(server) -> None:
    result = _open(server.url, "sector=logistics")
    filtered = t("filtered_by", "zh", sector="现代物流")
    assert any(filtered in text for text in result.texts())


async def _misbehave(url: str) -> list[str]:
    """Sessions that break the protocol, ask for what does not exist, or raise."""
    ws_url = url.replace("http", "ws", 1) + STREAM_PATH
    outcomes = []
    async with websockets.connect(ws_url, subprotocols=[SUBPROTOCOL]) as ws:
        await ws.send(b"\xff\x00 not a protobuf")
        with contextlib.suppress(websockets.ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 30)
        outcomes.append("garbage closed")
    async with websockets.connect(ws_url, subprotocols=[SUBPROTOCOL]) as ws:
        await ws.send("a text frame")
        with contextlib.suppress(websockets.ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 30)
        outcomes.append("text closed")
    async with StreamlitSession(url, timeout=60) as session:
        boom = await session.run(query_string="boom=1")
        outcomes.append("raised" if boom.exceptions else "did not raise")
        missing = await session.run(page_name="no-such-page")
        outcomes.append("missing page " + ("ok" if missing.status >= 0 else "?"))
    dropped = StreamlitSession(url, timeout=60)
    await dropped.connect()
    await dropped._ws.send(_rerun_bytes("map"))  # ask for the map, leave before it is sent
    await dropped.close()
    outcomes.append("dropped")
    return outcomes


def _rerun_bytes(page: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


def test_other_sessions_are_served_while_one_hits_errors(server) -> None:
    async def scenario() -> tuple:
        async with StreamlitSession(server.url, timeout=60) as reader:
            before = await reader.run(page_name="map")
            results = await asyncio.gather(
                _misbehave(server.url),
                *(reader.run(page_name="map") for _ in range(1)),
            )
            after = await reader.run(page_name="map")
        fresh = await asyncio.wait_for(_fresh_overview(server.url), 60)
        return before, results, after, fresh

    before, (outcomes, during), after, fresh = asyncio.run(scenario())
    assert outcomes == [
        "garbage closed",
        "text closed",
        "raised",
        "missing page ok",
        "dropped",
    ]
    for result in (before, during, after):
        assert result.ok and len(result.widgets("deck_gl_json_chart")) == 1
    assert len(after.elements) == len(before.elements)
    assert fresh.ok and OVERVIEW_TITLE in fresh.texts()
    assert server.process.poll() is None


async def _fresh_overview(url: str) -> RunResult:
    async with StreamlitSession(url, timeout=60) as session:
        return await session.run()


# --- in a real browser: nothing from the text executes or becomes a link or an image -------

PAGE_IS_CLEAN = """() => ({
  pwned: window.__pgPwned === undefined ? null : window.__pgPwned,
  images: [...document.querySelectorAll('img')].filter(
      i => /(^|\\/)x$/.test(i.getAttribute('src')) || i.alt === '图').length,
  jsLinks: [...document.querySelectorAll('a[href]')].filter(
      a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length,
  bold: [...document.querySelectorAll('b, strong')].filter(b => b.textContent === '步道').length,
  text: document.body.textContent,
})"""


def _chromium_or_skip() -> None:
    if not browser_bench.chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{browser_bench.CHROMIUM} is required under CI")
        pytest.skip(f"{browser_bench.CHROMIUM} is not installed")


@pytest.mark.browser
def test_no_script_link_or_image_from_the_text_in_the_browser(server) -> None:
    _chromium_or_skip()
    paths = asyncio.run(_page_paths(server.url))
    findings = asyncio.run(_visit(server.url, paths))
    for path, found in findings.items():
        assert found["pwned"] is None, path
        assert found["images"] == 0 and found["jsLinks"] == 0 and found["bold"] == 0, path
    tasks_text = next(f["text"] for p, f in findings.items() if "tasks" in p)
    assert "<script>window.__pgPwned=1</script>" in tasks_text  # shown literally
    assert ":red[红字]，$x^2$，改造<b>步道</b>" in tasks_text


async def _page_paths(url: str) -> list[str]:
    async with StreamlitSession(url, timeout=60) as session:
        await session.run()
        return [page.url_pathname for page in session.pages]


async def _visit(url: str, paths: list[str]) -> dict[str, dict]:
    from playwright.async_api import async_playwright

    findings = {}
    with tempfile.TemporaryDirectory(prefix="pgdash-hostile-chromium-") as profile:
        async with async_playwright() as playwright:
            context = await browser_bench._launch(playwright, profile)
            try:
                page = await context.new_page()
                page.on("dialog", lambda dialog: dialog.dismiss())
                for path in paths:
                    await page.goto(f"{url}/{path}")
                    await page.wait_for_function(browser_bench.APP_DRAWN, timeout=60_000)
                    await page.wait_for_timeout(300)  # let any injected handler fire
                    findings[f"/{path}"] = await page.evaluate(PAGE_IS_CLEAN)
            finally:
                await context.close()
    return findings


def test_downloads_keep_formula_like_text_as_text(hostile_data: Path) -> None:
    facts = read_table("facts", hostile_data)
    export = downloads.facts_for_export(facts, read_table("documents", hostile_data))
    assert export["quote"].str.startswith("=HYPERLINK").any()  # the payload is exported
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(export))).active
    written = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [c.coordinate for c in written if c.data_type == "f"]
    assert any(str(c.value).startswith("=HYPERLINK") for c in written)  # as text, unchanged
    rows = list(csv.reader(io.StringIO(downloads.to_csv(export).decode("utf-8-sig"))))
    assert not [v for row in rows for v in row if v.startswith(cells.FORMULA_START)]
    assert any(v.startswith("'=HYPERLINK") for row in rows for v in row)
