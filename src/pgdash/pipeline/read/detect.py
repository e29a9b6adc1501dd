"""What a new document's text says about itself: the fields of its ``.toml`` metadata.

Each field is read from the text or left empty with a reason, never guessed from outside
it: the kind (a work report has a review part and a plan part; a statistical communiqué
says 统计公报 in its title), the district or place, whole (我代表罗湖区人民政府,
平谷区政府工作报告, 2026年重庆市政府工作报告 → 重庆市, 我代表国务院 → 国务院, a new area's
大鹏新区管理委员会 → 大鹏新区), the
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
# A place name never starts with 年 (2026年重庆市), nor with 各/全/本/该/我 (各地区, 本区).
PLACE = r"(?![年各全本该我])[\u4e00-\u9fff]{1,10}?(?:新区|自治区|[区市县省州盟旗])"
NATION = "国务院"
COMMITTEE = "管理委员会"
BODY = rf"(人民政府|{COMMITTEE}|管委会|{NATION})"
# 我代表罗湖区人民政府, 我代表国务院, or unnamed: 我代表市人民政府 (the place is in the title)
DELIVERED_BY = re.compile(rf"我代表(?:({PLACE})|[省市区县州])?{BODY}")
TITLE_PLACE = re.compile(
    rf"(?:(?:19|20)\d\d年)?({PLACE}|{NATION})(?:人民)?(?:政府|{COMMITTEE})工作报告"
)
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


def _delivered_by(text: str) -> tuple[str, str, str]:
    """(place, body, quote) of 我代表〈place〉〈body〉: body 人民政府, 管理委员会 or 国务院."""
    m = DELIVERED_BY.search(text)
    if m is None:
        return "", "", ""
    body = COMMITTEE if m.group(2) == "管委会" else m.group(2)
    return (NATION if body == NATION else m.group(1) or ""), body, m.group(0)


def _district(text: str, head: str) -> tuple[str, str]:
    place, _, quote = _delivered_by(text)
    if place:
        return place, quote
    if m := TITLE_PLACE.search(head):
        return m.group(1), m.group(0)
    counts = Counter(m.group(1) for m in NAMED.finditer(text))
    if counts and (best := counts.most_common(1)[0])[1] >= MIN_NAMED:
        return best[0], f"the place most often opening a clause ({best[1]} times)"
    return "", ""


def _title(text: str, kind: str, district: str, year: int | None, body: str) -> tuple[str, str]:
    first = text.split("\n", 1)[0].strip()
    if TITLE_LINE.match(first) and not first.startswith("各位代表"):
        if kind == WORK_REPORT and year and not YEAR_IN.search(first):
            return f"{year}年{first}", "the first line, with the year delivered"
        return first, "the first line"
    if kind == WORK_REPORT and year:
        made_of = "the year delivered and the district" if district else "the year delivered"
        report = f"{COMMITTEE}工作报告" if body == COMMITTEE else "政府工作报告"
        return f"{year}年{district}{report}", f"made of {made_of}"
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
    place, body, quote = _delivered_by(text)
    title, why = _title(text, kind, district, delivered, body)
    found.found("title", title, why, "no short first line; write the title")
    if body and (place or district):
        publisher = NATION if body == NATION else f"{place or district}{body}"
        found.found("publisher", publisher, quote if place else f"{quote}, {district}", "")
    elif m := SOURCE_LINE.search(head):
        found.found("publisher", m.group(1), m.group(0), "")
    else:
        found.missing["publisher"] = "no …人民政府 and no 来源： line"
    found.missing["title_en"] = "no English title in the text; write one if wanted"
    return found
