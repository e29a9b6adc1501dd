"""What a new document's text says about itself: the fields of its ``.toml`` metadata.

Each field is read from the text or left empty with a reason, never guessed from outside
it: the kind (a work report has a review part and a plan part; a statistical communiqué
says 统计公报 in its title), the district (我代表罗湖区人民政府, 平谷区政府工作报告), the
title (a short first line, else 〈year〉年〈district〉政府工作报告), the publisher (the
government that delivers the report, or a 来源： line), the years a work report reviews
and sets targets for (its part headings, see :mod:`.structure`) and the year it was
delivered (the year it sets targets for: reports are delivered early in that year).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from pgdash.pipeline.read.normalize import normalize
from pgdash.pipeline.read.structure import find_parts, has_report_structure, report_years

WORK_REPORT, NEWS, COMMUNIQUE = "work_report", "news_article", "statistical_communique"
KIND_CODES = {WORK_REPORT: "gwr", NEWS: "news", COMMUNIQUE: "stat"}
HEAD_CHARS = 400  # where a title, a byline or a 来源 line can be
COMMUNIQUE_WORD = "统计公报"
REPORT_WORDS = ("政府工作报告", "报告政府工作", "向大会作报告", "向大会报告")
PLACE = r"[\u4e00-\u9fff]{1,10}?[区市县]"
DELIVERED_BY = re.compile(rf"我代表({PLACE})人民政府")
TITLE_PLACE = re.compile(rf"({PLACE})(?:人民)?政府工作报告")
NAME_CHAR = r"(?:(?![区委县市省])[\u4e00-\u9fff])"
# A district named at the start of a clause: ，罗湖区政府…  。平谷区加快…
NAMED = re.compile(rf"(?:^|(?<=[，。、；：！？“”（）\s]))({NAME_CHAR}{{2}}[区县])", re.M)
MIN_NAMED = 5  # fewer is chance: 依托区属…, 加快区级…
SOURCE_LINE = re.compile(r"(?:信息)?来源\s*[：:]\s*([^\s|｜]{2,30})")
DATE = re.compile(r"((?:19|20)\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
TITLE_LINE = re.compile(r"^[^，。；：！？]{4,40}$")
YEAR_IN = re.compile(r"(?:19|20)\d\d")


@dataclass
class Detected:
    """The metadata fields found in a text, where each came from, and what was not found."""

    fields: dict[str, str | int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # field → why it was not found

    def found(self, name: str, value: str | int | None, source: str, why_not: str) -> None:
        """Record ``value`` for ``name`` (with its source), or that it was not found."""
        if value in (None, ""):
            self.missing[name] = why_not
        else:
            self.fields[name], self.sources[name] = value, source


def _kind(text: str, head: str) -> tuple[str, str]:
    if COMMUNIQUE_WORD in head:
        return COMMUNIQUE, f"{COMMUNIQUE_WORD} in the title"
    parts = find_parts(text)
    if has_report_structure(parts):
        return WORK_REPORT, "parts " + " / ".join(f"{p.title} ({p.role})" for p in parts)
    if any(w in head for w in REPORT_WORDS):
        return WORK_REPORT, "政府工作报告 in the opening lines (but no review and plan parts)"
    return NEWS, "neither review and plan parts nor 统计公报: taken as a news article"


def _district(text: str, head: str) -> tuple[str, str]:
    if m := DELIVERED_BY.search(text):
        return m.group(1), m.group(0)
    if m := TITLE_PLACE.search(head):
        return m.group(1), m.group(0)
    counts = Counter(m.group(1) for m in NAMED.finditer(text))
    if counts and (best := counts.most_common(1)[0])[1] >= MIN_NAMED:
        return best[0], f"the place most often opening a clause ({best[1]} times)"
    return "", ""


def _title(text: str, kind: str, district: str, year: int | None) -> tuple[str, str]:
    first = text.split("\n", 1)[0].strip()
    if TITLE_LINE.match(first) and not first.startswith("各位代表"):
        if kind == WORK_REPORT and year and not YEAR_IN.search(first):
            return f"{year}年{first}", "the first line, with the year delivered"
        return first, "the first line"
    if kind == WORK_REPORT and year:
        made_of = "the year delivered and the district" if district else "the year delivered"
        return f"{year}年{district}政府工作报告", f"made of {made_of}"
    return "", ""


def detect(raw: str) -> Detected:
    """The metadata of a document, from its decoded text (before normalizing)."""
    text = normalize(raw)
    head = raw.lstrip("\ufeff")[:HEAD_CHARS]
    found = Detected()
    kind, why = _kind(text, head)
    found.found("kind", kind, why, "")
    district, why = _district(text, head)
    found.found("district", district, why, "no 我代表…人民政府 and no …政府工作报告 title")
    delivered: int | None = None
    published = ""
    if kind == WORK_REPORT:
        years = report_years(text)
        found.found(
            "reviews_year", years.reviews, years.reviews_from, "no review part names a year"
        )
        found.found("targets_year", years.targets, years.targets_from, "no plan part names a year")
        if years.targets is not None:
            delivered, why = years.targets, "the year it sets targets for (delivered early in it)"
        elif years.reviews is not None:
            delivered, why = years.reviews + 1, "the year after the year it reviews"
        published = str(delivered or "")
    if m := DATE.search(head):
        published = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        delivered, why = int(m.group(1)), f"the date {m.group(0)} at the top"
    found.found("delivered_year", delivered, why, "no year in its parts and no date at the top")
    found.found("published", published, found.sources.get("delivered_year", ""), "no date found")
    title, why = _title(text, kind, district, delivered)
    found.found("title", title, why, "no short first line; write the title")
    if m := DELIVERED_BY.search(text):
        found.found("publisher", f"{m.group(1)}人民政府", m.group(0), "")
    elif m := SOURCE_LINE.search(head):
        found.found("publisher", m.group(1), m.group(0), "")
    else:
        found.missing["publisher"] = "no …人民政府 and no 来源： line"
    found.missing["title_en"] = "no English title in the text; write one if wanted"
    return found
