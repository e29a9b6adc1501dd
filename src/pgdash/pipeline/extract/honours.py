"""The year's honours, found in the work report's review of the year.

Honours are not numbers, so they are not facts: they are the clauses of part 一 (the
review) in which the district or one of its places won a title: 荣获/获评/获批/入选/成功创建/
摘取 (or 获得, 成为…首批/之一). A title that is being worked for — a bare 创建 (创建国家乡村
振兴示范区), 启动创建, 争创 … — is not an honour yet.
"""

import re
from dataclasses import dataclass

import pandas as pd

from pgdash.pipeline.extract.sector_rules import sector_at
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.text.split import (
    CLAUSE_BREAKS,
    PARAGRAPH_BREAKS,
    SENTENCE_BREAKS,
    clauses,
    sentences,
)
from pgdash.schema import HONOURS

VERBS = re.compile(
    r"(荣获|获评|获批|成功创建|入选|摘取|摘得|获得(?!感)|获(?=全国|国家|北京)"
    r"|成为(?=[^，。；]*(?:首批|之一)))"
)
NOT_YET = ("启动", "试点", "争创", "持续", "推进", "深化", "巩固", "加快", "开展", "结合")
CLAUSE_ENDS = CLAUSE_BREAKS + PARAGRAPH_BREAKS
SENTENCE_ENDS = SENTENCE_BREAKS + PARAGRAPH_BREAKS
TRAILING = re.compile(r"(这一.*|后|称号|等|\d+[个家项处])$")
# A title names a place, a programme or a rank: it ends like one.
TITLE_END = re.compile(r"[区园县村镇寨地城路湖例程”）级一牌]$")
HOLDER_PREFIXES = ("我区", "我们", "继", "再次", "累计")
NATIONAL = ("国家", "全国", "中国", "我国", "国字号")


@dataclass(frozen=True)
class Honour:
    """One honour: its title, who received it, the clause that says so and where."""

    title: str
    holder: str
    clause: str
    start: int
    end: int
    sector: str
    is_national: bool


def review_span(text: str, outline: Outline) -> tuple[int, int]:
    """Offsets of part 一 (the review of the past year) of a work report."""
    parts = [h for h in outline.headings if h.level == 1]
    if not parts:
        return 0, len(text)
    end = parts[1].start if len(parts) > 1 else len(text)
    return parts[0].start, end


def _title(rest: str) -> str:
    title = TRAILING.sub("", rest.strip()).strip()
    if not TITLE_END.search(title):
        return ""
    if title.startswith("“") and title.endswith("”") and title.count("“") == 1:
        title = title[1:-1]
    return title


def _holder(before: str) -> str:
    for prefix in HOLDER_PREFIXES:
        before = before.removeprefix(prefix)
    return before.strip()


def find_honours(
    text: str, kind: str = "work_report", outline: Outline | None = None
) -> list[Honour]:
    """The honours of the year in a work report's review, in text order, one per title."""
    if kind != "work_report":
        return []
    outline = outline or Outline(text, kind)
    first, last = review_span(text, outline)
    sentence_spans = list(sentences(text, first, last, SENTENCE_ENDS))
    found: list[Honour] = []
    seen: set[str] = set()
    for clause in clauses(text, first, last, CLAUSE_ENDS):
        words = clause.text_of(text)
        match = VERBS.search(words)
        if not match or any(w in words[: match.start()] for w in NOT_YET):
            continue
        title = _title(words[match.end() :])
        if len(title) < 4 or title in seen or not re.search(r"[\u4e00-\u9fff]", title):
            continue
        seen.add(title)
        sentence = next(s for s in sentence_spans if s.end >= clause.end)
        found.append(
            Honour(
                title=title,
                holder=_holder(words[: match.start()]),
                clause=words,
                start=clause.start,
                end=clause.end,
                sector=sector_at(outline, clause.start, sentence.text_of(text), kind),
                is_national=any(w in title for w in NATIONAL),
            )
        )
    return found


def build_honours(docs: list[Document], outlines: dict[str, Outline]) -> pd.DataFrame:
    """The honours table: the honours of every work report, in text order."""
    rows = [
        {"doc_id": doc.doc_id, **honour.__dict__}
        for doc in docs
        for honour in find_honours(doc.text, doc.kind, outlines[doc.doc_id])
    ]
    return pd.DataFrame(rows, columns=HONOURS.names)
