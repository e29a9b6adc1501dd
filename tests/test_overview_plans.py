"""The overview never shows a plan (规划至2035年) as latest progress: plans get a group of
their own, and main targets are not drawn in alarm red."""

import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pgdash.display.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "app.py")
FACT_ID = re.compile(r'data-fact-id="([^"]+)"')
HEADING = re.compile(r'<h3 class="pg-heading">(.*?)</h3>')


def groups(at: AppTest) -> dict[str, set[str]]:
    """Each group heading (an element, or a heading inside an HTML body) → the fact ids of
    the cards drawn under it."""
    found: dict[str, set[str]] = {}
    heading = ""
    for element in at.main:
        if element.type == "subheader":
            heading = element.value
        elif element.type == "html":
            # re.split with one group: text, heading, text, heading, text …
            pieces = HEADING.split(element.proto.body)
            for i, piece in enumerate(pieces):
                if i % 2:
                    heading = html.unescape(piece)
                    continue
                ids = (html.unescape(x) for x in FACT_ID.findall(piece))
                found.setdefault(heading, set()).update(ids)
    return found


def test_plans_are_a_group_of_their_own_not_latest_progress(
    built, built_data: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PGDASH_DATA", str(built_data))  # the session's build, not data/
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    shown = groups(at)
    plans = set(built.facts.loc[built.facts["kind"] == "plan", "fact_id"])
    latest = shown[t("group_latest", "zh")]
    assert latest and not latest & plans
    headline_plans = set(
        built.facts.loc[(built.facts["kind"] == "plan") & built.facts["headline"], "fact_id"]
    )
    assert headline_plans and headline_plans <= shown[t("group_plans", "zh")]
    markup = "".join(e.proto.body for e in at.main if e.type == "html")
    assert "pg-big pg-red" not in markup  # targets violet, ranks gold
