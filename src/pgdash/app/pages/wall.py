"""The 驾驶舱大屏 wall screen in the app: the URL's choices, the shared board, the 督办
panel, the watch that redraws the wall after a rebuild or a ledger change, the clock.

``app.py`` asks :func:`requested` before it draws the sidebar: on the wall there is none,
no top navigation and no Streamlit header (:data:`CHROME`). ``pages/wall.py`` calls
:func:`render`.

Cost: the board is made once per build, language and pinned sector for every session
(``per_build``); a run draws three ``st.html`` elements. The watch is a fragment that runs
every :data:`CHECK_SECONDS` in each session but asks only :func:`signature`, one value per
process and :data:`CHECK_SECONDS` (the build stamp, the ledger's last change and the day),
and reruns the page only when that value differs from the one the wall was drawn with.
"""

import time
from urllib.parse import urlparse

import streamlit as st

from pgdash.app import filters, ledger_view, views
from pgdash.app.context import leave_legacy_pages_mode
from pgdash.app.data import load_dataset, per_build, shared
from pgdash.briefing.ledger_slide import sector_rows
from pgdash.display import queries
from pgdash.display import wall as wall_html
from pgdash.display.fragments import Html
from pgdash.display.i18n import DEFAULT_LANG, LANGS, t
from pgdash.errors import PgdashError
from pgdash.paths import data_dir
from pgdash.sectors import SECTOR_IDS
from pgdash.supervision import clock, db, summary
from pgdash.supervision.fields import STATUSES
from pgdash.supervision.labels import COLOURS
from pgdash.supervision.labels import t as sv
from pgdash.supervision.summary import Briefing
from pgdash.tables import ALL, Dataset, build_stamp

URL_PATH = "wall"
SCREEN, ROTATE, SECTOR = "screen", "rotate", "sector"  # URL parameters
DEFAULT_ROTATE, MAX_ROTATE = 30, 3600  # seconds per sector
CHECK_SECONDS = 10  # how often a wall asks whether the data or the ledger changed
LIGHTS = ("red", "yellow", "green", "none")
WALL_SECTORS = 6  # sectors the 督办 panel lists when nothing is red or overdue

# Streamlit's chrome, hidden on the wall only (this style is drawn on the wall's runs).
CHROME = Html(
    "<style>"
    '[data-testid="stHeader"],[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"],'
    '[data-testid="stToolbar"],[data-testid="stDecoration"],[data-testid="stStatusWidget"],'
    '[data-testid="stBottom"]{display:none !important}'
    'html,body,[data-testid="stApp"],[data-testid="stAppViewContainer"],[data-testid="stMain"]'
    "{overflow:hidden !important;background:#081222 !important}"
    '[data-testid="stMainBlockContainer"]{padding:0 !important}'
    '[data-stale="true"]{opacity:1 !important;transition:none !important}'
    "</style>"
)
# Keeps the clock current and, with data-rotate, shows one sector (data-slot) at a time;
# the slot follows the wall clock, so every wall in the room shows the same sector. Static:
# no document text is ever put in it.
SCRIPT = Html(
    """<script>(function () {
  if (window.pgWallTimer) { clearInterval(window.pgWallTimer); }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var wall = document.querySelector("[data-wall]");
    if (!wall) { return; }
    var now = new Date(), en = wall.getAttribute("lang") === "en";
    // Beijing time (UTC+8, no daylight saving), as the ledger's dates beside it, whatever
    // the time zone of the computer behind the wall
    var bj = new Date(now.getTime() + 8 * 3600 * 1000);
    var clock = wall.querySelector("[data-wall-clock]");
    var time = two(bj.getUTCHours()) + ":" + two(bj.getUTCMinutes()) + ":" +
      two(bj.getUTCSeconds());
    var day = bj.toLocaleDateString(en ? "en-GB" : "zh-CN", {timeZone: "UTC", year: "numeric",
      month: en ? "short" : "long", day: "numeric", weekday: "short"});
    if (clock) { clock.textContent = day + " " + time; }
    var every = Number(wall.getAttribute("data-rotate")) || 0;
    var slots = Number(wall.getAttribute("data-slots")) || 0;
    if (every > 0 && slots > 1) {
      var slot = String(Math.floor(now.getTime() / 1000 / every) % slots);
      if (wall.getAttribute("data-current") !== slot) {
        wall.setAttribute("data-current", slot);
        wall.querySelectorAll("[data-slot]").forEach(function (el) {
          el.classList.toggle("wl-on", el.getAttribute("data-slot") === slot);
        });
      }
    }
  }
  tick();
  window.pgWallTimer = setInterval(tick, 500);
  // A redrawn wall (after a rebuild) gets its sector and clock before it is painted.
  if (window.pgWallObserver) { window.pgWallObserver.disconnect(); }
  var seen = document.querySelector("[data-wall]");
  window.pgWallObserver = new MutationObserver(function () {
    var wall = document.querySelector("[data-wall]");
    if (wall && wall !== seen) { seen = wall; tick(); }
  });
  window.pgWallObserver.observe(document.body, {childList: true, subtree: true});
})();</script>"""
)


def requested() -> bool:
    """Whether this run draws the wall: the address is ``/wall`` or has ``?screen=wall``."""
    if st.query_params.get(SCREEN) == URL_PATH:
        return True
    url = st.context.url or ""
    return urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] == URL_PATH


def language() -> str:
    """The wall's language from ``?lang=`` (else the session's, else Chinese); no widget."""
    filters.url_to_state(filters.LANG_KEY, LANGS, DEFAULT_LANG)
    return filters.current_lang()


def pinned_sector() -> str | None:
    """The sector ``?sector=`` pins (no rotation), or None (an unknown id is ignored)."""
    value = st.query_params.get(SECTOR)
    return value if value in SECTOR_IDS else None


def notice(data: Dataset, lang: str) -> str:
    """One line on what the address asked for that the wall does not know (a sector,
    language or district) and what it shows instead; "" when every value is known."""
    known = {
        SECTOR: ("unknown_sector", (ALL, *SECTOR_IDS)),
        filters.LANG_KEY: ("unknown_lang", LANGS),
        filters.DISTRICT_KEY: ("unknown_district", tuple(views.district_options(data, lang))),
    }
    for param, (key, options) in known.items():
        value = st.query_params.get(param)
        if value is not None and value not in options:
            shown = value[: filters.NOTICE_CHARS] + (
                "…" if len(value) > filters.NOTICE_CHARS else ""
            )
            return t(key, lang, value=shown)
    return ""


def rotate_seconds() -> int:
    """Seconds per sector from ``?rotate=`` (0 stops; default :data:`DEFAULT_ROTATE`)."""
    value = st.query_params.get(ROTATE, "")
    try:
        seconds = int(value)
    except ValueError:
        return DEFAULT_ROTATE
    return min(max(seconds, 0), MAX_ROTATE)


def signature() -> tuple:
    """What the wall was drawn from: build stamp, ledger change, day. One value per process
    and :data:`CHECK_SECONDS`, whichever session asks."""
    return _signature(int(time.monotonic() // CHECK_SECONDS))


@shared(max_entries=2)
def _signature(period: int) -> tuple:
    try:
        last: object = summary.last_change(db.db_url())
    except PgdashError:
        last = ledger_view.UNUSABLE
    return build_stamp(data_dir()), last, clock.today().isoformat()


@per_build
def _everything(whole: Dataset, year: int) -> Dataset:
    return queries.for_year(whole, year)


@per_build
def board(data: Dataset, lang: str, year: int, pinned: str | None) -> wall_html.Board:
    """The wall's panels from the tables, once per build, language and pin."""
    district = views.district(data, lang)[0]
    tiles, clauses = views.tiles(data, lang), views.main_targets(data)
    return wall_html.board(data, tiles, clauses, lang, district, year, pinned)


def ledger_panel(brief: Briefing | None, reason: str, lang: str) -> wall_html.LedgerPanel:
    """The 督办 panel's values from the ledger's briefing (or why there is none)."""
    title = sv("strip_title", lang)
    if brief is None:
        key = "wall_ledger_unusable" if reason == ledger_view.UNUSABLE else "wall_ledger_absent"
        return wall_html.LedgerPanel(title, empty=t(key, lang))
    counts = brief.counts
    if not counts.tasks:
        return wall_html.LedgerPanel(title, empty=t("wall_ledger_no_tasks", lang))
    lights = [(x, sv(f"light_{x}", lang), counts.total[x], COLOURS[x]) for x in LIGHTS]
    lights.append(("overdue", sv("overdue", lang), counts.overdue, COLOURS["overdue"]))
    statuses = [(sv(f"status_{s}", lang), counts.statuses.get(s, 0)) for s in STATUSES]
    statuses.append((t("wall_not_reported", lang), counts.tasks - counts.reported))
    raised = tuple(
        wall_html.Raised(
            text=row.text,
            lead_unit=row.lead_unit or sv("no_lead", lang),
            light=row.light,
            flag=t("sep", lang).join(
                ([sv("overdue", lang)] if row.overdue else []) + [sv(f"light_{row.light}", lang)]
            ),
        )
        for row in brief.rows
    )
    return wall_html.LedgerPanel(
        title,
        lights=tuple(lights),
        statuses=tuple(statuses),
        raised=raised,
        raised_title=sv("red_list", lang),
        none_raised=summary.quiet_line(counts, lang),  # "none red" only if any can be judged
        note=t("wall_ledger_note", lang, n=counts.tasks, day=brief.on.isoformat()),
        by_sector=sector_lines(counts, lang),
        sectors=tuple(
            wall_html.SectorLine(row.text, row.colour, row.meta)
            for row in ([] if raised else sector_rows(brief, lang, WALL_SECTORS))
        ),
        sectors_title=sv("slide_by_sector", lang),
    )


def sector_lines(counts: summary.LightCounts, lang: str) -> tuple[tuple[str, str], ...]:
    """Per sector with tasks: "督办：红灯 1 · 黄灯 0 · 绿灯 2 · 未设时限 5" (none while no
    task has a deadline: grey alone would read as nothing to report)."""
    if not summary.reportable(counts):
        return ()
    return tuple(
        (
            sector,
            t("wall_sector_lights", lang)
            + t("sep", lang).join(f"{sv(f'light_{x}', lang)} {lights[x]}" for x in LIGHTS),
        )
        for sector, lights in counts.by_sector.items()
    )


def render() -> None:
    """Draw the wall: its style, the page in one element, the clock's script, the watch."""
    leave_legacy_pages_mode()  # a fresh server's first /wall runs this page alone
    lang, pinned, rotate = language(), pinned_sector(), rotate_seconds()
    drawn = signature()
    everything = load_dataset()
    whole = views.district_data(everything, st.query_params.get("district"))  # one district
    year = views.latest_year(whole)
    data = _everything(whole, year)
    brief, reason = ledger_view.briefing_or_reason(data, ALL)
    panel = ledger_panel(brief, reason, lang)
    shown = board(data, lang, year, pinned)
    page = wall_html.page_html(
        shown, wall_html.ledger_html(panel, lang), lang, 0 if pinned else rotate,
        panel.by_sector, notice(everything, lang),
    )  # fmt: skip
    st.html(Html(CHROME + wall_html.style()))
    st.html(Html(page))
    st.html(SCRIPT, unsafe_allow_javascript=True)
    _watch(drawn)


@st.fragment(run_every=CHECK_SECONDS)
def _watch(drawn: tuple) -> None:
    """Every few seconds: rerun the page when the data or the ledger changed since the wall
    was drawn (nothing is drawn here, so an unchanged wall is left as it is)."""
    if signature() != drawn:
        st.rerun(scope="app")
