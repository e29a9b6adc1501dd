"""The benchmark's own logic: the synthetic corpus and the protocol-level Streamlit client.

Behaviour only; timings belong to the benchmark (``python -m bench.run``), never to tests.
"""

import asyncio
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import build_bench, load_bench
from bench.server import cpu_percent, sample, serve
from bench.ws_client import MessageCache, StreamlitSession
from pgdash.paths import ROOT, seeds_dir
from pgdash.pipeline.read.seeds import load_corpus


def test_synthetic_corpus_holds_scale_times_the_text(tmp_path: Path) -> None:
    corpus = build_bench.make_corpus(3, tmp_path / "seeds")
    docs = load_corpus(corpus)
    originals = {d.doc_id: d for d in load_corpus(seeds_dir())}
    assert len(docs) == 3 * len(originals)
    assert len({d.doc_id for d in docs}) == len(docs)
    assert len({d.title for d in docs}) == len(docs)
    for doc in docs:
        assert doc.text == originals[re.sub(r"c\d\d$", "", doc.doc_id)].text
    assert [d.kind for d in docs].count("work_report") == 1  # the work plan reads exactly one
    base = build_bench.corpus_chars(seeds_dir())
    assert build_bench.corpus_chars(corpus) == 3 * base


def test_the_reports_corpus_adds_real_reports_then_copies_up_to_the_count(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"  # two real reports of another district
    corpus.mkdir()
    for name in ("luohu-2023.txt", "luohu-2024.txt"):
        shutil.copy(ROOT / "tests" / "corpus" / name, corpus / name)
    folder = build_bench.make_reports(6, tmp_path / "seeds", corpus)
    docs = load_corpus(folder)  # loads as the build would: the districts agree
    assert len(docs) == 6 and len({d.doc_id for d in docs}) == 6
    added = [d for d in docs if d.district == "罗湖区" and d.kind == "work_report"]
    assert sorted(d.doc_id for d in added) == ["luohu-gwr2023", "luohu-gwr2024"]  # pgdash add
    copies = [d for d in docs if re.search(r"c\d\d$", d.doc_id)]
    assert len(copies) == 6 - 2 - 2 and all(d.kind == "news_article" for d in copies)


def test_growth_compares_the_largest_corpus_with_the_line_through_the_smaller_ones() -> None:
    linear = [
        {"scale": 1, "chars": 1000, "build_s": 0.3},
        {"scale": 10, "chars": 10000, "build_s": 1.2},
        {"scale": 50, "chars": 50000, "build_s": 5.2},
    ]
    line = build_bench.growth(linear)
    assert line["fixed_s"] == pytest.approx(0.2)
    assert line["s_per_million_chars"] == pytest.approx(100.0)
    assert line["largest_vs_line"] == pytest.approx(1.0)
    quadratic = [*linear[:2], {"scale": 50, "chars": 50000, "build_s": 10.4}]
    assert build_bench.growth(quadratic)["largest_vs_line"] == pytest.approx(2.0)


def test_percentiles_of_run_times() -> None:
    times = [float(i) for i in range(1, 101)]
    assert load_bench.percentile(times, 50) == pytest.approx(50.5)
    assert load_bench.percentile(times, 95) == pytest.approx(95.05)
    assert load_bench.percentile([], 50) is None


TWO_PAGE_APP = textwrap.dedent(
    """
    import streamlit as st

    def first():
        st.title("first page")
        st.text("sector " + st.query_params.get("sector", "all"))

    def second():
        if st.query_params.get("fail"):
            raise ValueError("asked to fail")
        st.title("second page")

    def again():
        st.session_state.runs = st.session_state.get("runs", 0) + 1
        st.text(f"run {st.session_state.runs}")
        if st.session_state.runs == 1:
            st.rerun()

    def big():
        st.session_state.big = st.session_state.get("big", 0) + 1
        st.text("same every run " + "x" * 20000)
        st.text(f"run {st.session_state.big} " + "y" * 20000)

    st.navigation([st.Page(first, url_path="first", default=True),
                   st.Page(second, url_path="second"),
                   st.Page(again, url_path="again"),
                   st.Page(big, url_path="big")]).run()
    """
)


@pytest.fixture(scope="module")
def two_page_server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("app")
    script = folder / "app.py"
    script.write_text(TWO_PAGE_APP, encoding="utf-8")
    with serve(script, folder / "server.log", cwd=folder) as server:  # Streamlit defaults
        yield server


def test_one_session_runs_pages_and_query_strings_like_a_browser(two_page_server) -> None:
    async def scenario() -> list:
        async with StreamlitSession(two_page_server.url, timeout=30) as session:
            first = await session.run()
            pages = {p.url_pathname for p in session.pages}
            filtered = await session.run(query_string="sector=logistics")
            second = await session.run(page_script_hash=session.page_hash("second"))
            failed = await session.run(page_name="second", query_string="fail=1")
            again = await session.run(page_name="second")
            rerun = await session.run(page_name="again")
            return [first, pages, filtered, second, failed, again, rerun, session.session_id]

    first, pages, filtered, second, failed, again, rerun, session_id = asyncio.run(scenario())
    assert pages == {"", "second", "again", "big"}  # the default page is served at the root
    assert session_id
    assert first.ok and "first page" in first.texts()
    assert filtered.ok and "sector logistics" in filtered.texts()
    assert second.ok and second.texts() == ["second page"]
    assert not failed.ok and failed.exceptions == ["ValueError: asked to fail"]
    assert again.ok and again.texts() == ["second page"]  # the session survives its error
    assert rerun.ok and rerun.texts() == ["run 2"]  # st.rerun(): only the final run counts


def test_the_client_keeps_large_elements_as_the_frontend_does(two_page_server) -> None:
    async def scenario(cache: bool) -> list:
        async with StreamlitSession(two_page_server.url, timeout=30, cache=cache) as session:
            return [await session.run(page_name="big") for _ in range(2)]

    opened, rerun = asyncio.run(scenario(cache=True))
    # the unchanged element comes back as a reference, the changed one in full
    assert (opened.cache_hits, rerun.cache_hits) == (0, 1)
    assert rerun.bytes_by_kind["ref_hash"] < 1000 < 20000 < rerun.received_bytes
    assert rerun.received_bytes < opened.received_bytes - 15000
    assert rerun.texts() == ["same every run " + "x" * 20000, "run 2 " + "y" * 20000]
    plain = asyncio.run(scenario(cache=False))
    assert [r.cache_hits for r in plain] == [0, 0] and "ref_hash" not in plain[1].bytes_by_kind


def _cacheable(text: str) -> ForwardMsg:
    msg = ForwardMsg(hash=text)
    msg.metadata.cacheable = True
    msg.delta.new_element.text.body = text
    return msg


def test_the_message_cache_expires_as_the_frontend_does() -> None:
    cache = MessageCache()
    cache.max_age = 2
    cache.receive(_cacheable("a"), _cacheable("a").SerializeToString())
    cache.receive(ForwardMsg(hash="small"), b"")  # not cacheable: not kept
    assert cache.hashes() == ["a"]
    cache.finished()
    cache.finished()
    assert cache.hashes() == ["a"]  # two runs old: still kept
    ref = ForwardMsg(ref_hash="a")
    ref.metadata.delta_path.append(3)
    full = cache.receive(ref, b"")  # a reference refreshes the entry ...
    assert full.delta.new_element.text.body == "a" and list(full.metadata.delta_path) == [3]
    for _ in range(3):
        cache.finished()
    assert cache.hashes() == []  # ... and three runs without it expire it
    with pytest.raises(KeyError):
        cache.receive(ref, b"")


def test_process_sample_reads_cpu_and_memory(two_page_server) -> None:
    before = sample(two_page_server.pid)
    asyncio.run(_one_run(two_page_server.url))
    after = sample(two_page_server.pid)
    assert before.rss_bytes > 10 * 2**20  # a Streamlit server holds tens of MB
    assert after.cpu_seconds >= before.cpu_seconds
    assert cpu_percent(before, after) >= 0


async def _one_run(url: str) -> None:
    async with StreamlitSession(url, timeout=30) as session:
        assert (await session.run()).ok


def test_frame_app_is_the_app_around_the_hello_world_page(tmp_path: Path) -> None:
    from bench.frame import frame_app

    app = frame_app(tmp_path, ROOT / "app.py", ROOT / "bench" / "hello.py")
    assert app.read_text(encoding="utf-8") == (ROOT / "app.py").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (tmp_path / "pages").glob("*.py"))
    assert pages == sorted(p.name for p in (ROOT / "pages").glob("*.py"))  # the full navigation
    first = (tmp_path / "pages" / "overview.py").read_text(encoding="utf-8")
    assert "Hello, world" in first and "set_page_config" not in first


def test_sample_all_sums_processes_and_skips_the_vanished(two_page_server) -> None:
    one = sample(two_page_server.pid)
    both = load_bench.sample_all([two_page_server.pid, two_page_server.pid, 2**22 + 1])
    assert both.rss_bytes >= 2 * one.rss_bytes * 0.9  # the same process twice, a dead pid 0


def test_kill_verdict_separates_the_killed_replicas_sessions() -> None:
    from bench.load_bench import SessionRecord
    from bench.replicas_bench import _verdict

    records = [
        SessionRecord("r1", "r2", reconnects=1, completed=True),
        SessionRecord("r1", "r1", reconnects=1, completed=True),  # back on the restarted r1
        SessionRecord("r1", "r2", reconnects=1, completed=False, error="boom"),
        SessionRecord("r2", "r2", completed=True),
        SessionRecord("r2", "r2", reconnects=1, completed=True),
    ]
    verdict = _verdict(records, "r1")
    assert verdict["sessions_on_killed_replica"] == 3
    assert verdict["reconnected_and_completed"] == 2
    assert verdict["landed_on"] == {"r2": 2, "r1": 1}
    assert verdict["other_sessions"] == 2
    assert verdict["other_sessions_reconnected"] == 1
    assert verdict["other_sessions_with_error"] == 0
    assert verdict["errors"] == ["boom"]


def test_profile_splits_time_by_the_apps_line_and_by_category() -> None:
    from collections import Counter

    from bench.profile_load import by_app_call, categorize

    page = (
        "run (threading.py:1);<module> (app.py:63);Page.run (streamlit/navigation/page.py:5);"
        "<module> (overview.py:30);html (pgdash/app/components.py:25);"
        "wrapped_func (streamlit/runtime/metrics_util.py:732);"
        "HtmlMixin.html (streamlit/elements/html.py:9)"
    )
    loop = "run (threading.py:1);_run_once (asyncio/base_events.py:2)"
    calls = by_app_call(Counter({page: 3, loop: 2}))
    assert calls == Counter({"html (components.py:25) -> wrapped_func": 3})  # the loop: no app line
    assert categorize(page).startswith("st.html") and categorize(loop).startswith("event loop")


def test_the_load_summary_reads_each_page_against_the_bare_app_round_by_round() -> None:
    from bench.floor import FLOOR
    from bench.summary import against_floor

    def page(p95s: list[float]) -> dict:
        return {"page": {"all_runs_s": {"p95": p95s[0]}}, "p95s_s": p95s}

    pages = {"overview": page([0.4, 0.9, 0.3]), FLOOR: page([0.2, 0.3, 0.3])}
    assert against_floor(pages, "overview") == pytest.approx(2.0)  # median of 2, 3, 1
    assert against_floor({"overview": pages["overview"]}, "overview") is None
    older = {name: {"page": p["page"]} for name, p in pages.items()}  # no per-round p95s
    assert against_floor(older, "overview") == pytest.approx(2.0)


def test_the_browser_summary_sets_the_bare_app_beside_the_pages_not_among_them(tmp_path) -> None:
    """The bare app's pages are references: listed with the pages, never the slowest page."""
    import json

    from bench.floor import DECK_FLOOR, FLOOR, FLOOR_PAGE
    from bench.frame import FRAME
    from bench.summary import page_rows, target_rows

    def drawn(seconds: float) -> dict:
        return {"median_s": seconds, "ratio": seconds / 0.5}

    pages = {"/": drawn(0.8), "targets": drawn(0.9), FRAME: drawn(0.7)}
    pages |= {FLOOR: drawn(0.6), FLOOR_PAGE: drawn(1.5)}  # slower than any app page
    pages |= {DECK_FLOOR: drawn(2.0)}
    browser = {"interleaved": {"runs": 5, "pages": pages}}
    (tmp_path / "pages_browser.json").write_text(json.dumps(browser), encoding="utf-8")
    server = {
        "pages": {
            "pages/targets.py": dict.fromkeys(
                ("first_run_s", "full_data_median_s", "sector_change_median_s"), 0.01
            )
        }
    }
    (tmp_path / "pages_server.json").write_text(json.dumps(server), encoding="utf-8")
    slowest = next(r for r in target_rows(tmp_path) if "Chromium" in r)
    assert "1.80× (`targets`)" in slowest
    rows = page_rows(tmp_path)
    assert any("second page" in r and "3.00×" in r for r in rows)
    assert any("default page" in r and "1.20×" in r for r in rows)
    assert any("deck.gl" in r and "4.00×" in r for r in rows)


def test_the_element_floors_draw_their_one_element(tmp_path) -> None:
    """The hello-world page with one map and with one grid, as the browser bench serves them."""
    from streamlit.testing.v1 import AppTest

    from bench.floor import DECK_FLOOR, GRID_FLOOR, element_floors
    from bench.run import HELLO

    scripts = element_floors(tmp_path, HELLO)
    assert set(scripts) == {DECK_FLOOR, GRID_FLOOR}
    for name, kind in ((DECK_FLOOR, "deck_gl_json_chart"), (GRID_FLOOR, "dataframe")):
        at = AppTest.from_file(str(scripts[name])).run()
        assert not at.exception
        assert at.title[0].value == "Hello, world"
        assert len(at.get(kind)) == 1, name


def test_the_bench_serves_a_ledger_of_its_own(tmp_path, monkeypatch, built_data) -> None:
    """Not the checkout's state folder: every run measures the same 督办 ledger."""
    from bench.run import office_ledger
    from pgdash.supervision import db, summary

    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("PGDASH_DB_URL", "postgresql://nobody@127.0.0.1:1/none")
    office_ledger(tmp_path / "state", built_data)
    try:
        assert db.sqlite_path(db.db_url()) == tmp_path / "state" / db.DB_FILE
        assert summary.last_change() is not None  # the ledger is there, with the plan
    finally:
        db.dispose_all()
