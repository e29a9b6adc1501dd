"""Relate stage: the work report's main expected targets (主要预期目标), one row per clause.

The paragraph of a report's plan that names 主要预期目标 lists them after its colon up to
the first full stop, one per ；-part, or one per ，-part where the list has no ； (many
reports write 地区生产总值增长6%左右，固定资产投资完成410亿元，…). Each clause keeps its
offsets into the normalized text (``text[start:end] == clause``) and the target facts
whose number starts inside it, in text order.
"""

import pandas as pd

from pgdash.pipeline.extract.qualify import TARGET
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.read.structure import PLAN, find_parts
from pgdash.pipeline.relate.fact_refs import fact_ids_within
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import CLAUSE_MARKS, PARAGRAPH_BREAKS, SENTENCE_BREAKS, sentences
from pgdash.schema import MAIN_TARGETS as SCHEMA

MAIN_TARGETS = "主要预期目标"
MAIN_TARGETS_LEAD = "："
FULL_STOP = "。"


def target_paragraph(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The text after 主要预期目标…： in the paragraph that states the main targets."""
    end = len(text) if end is None else end
    at = text.find(MAIN_TARGETS, start, end)
    if at < 0:
        return None
    para_end = text.find(PARAGRAPH_BREAKS, at, end)
    para_end = end if para_end < 0 else para_end
    colon = text.find(MAIN_TARGETS_LEAD, at, para_end)
    body = colon + 1 if colon >= 0 else at + len(MAIN_TARGETS)
    stop = text.find(FULL_STOP, body, para_end)
    return Span(body, para_end if stop < 0 else stop + 1)


def clauses_in(text: str, body: Span) -> list[Span]:
    """The targets of a main-targets list: its ；-parts, or its ，-parts without a ；."""
    breaks = SENTENCE_BREAKS if "；" in body.text_of(text) else SENTENCE_BREAKS + CLAUSE_MARKS
    return list(sentences(text, body.start, body.end, breaks))


def plan_start(text: str) -> int:
    """Where a work report's first plan part begins (0 when no part plans)."""
    return next((p.end for p in find_parts(text) if p.role == PLAN), 0)


def target_clauses(text: str) -> list[Span]:
    """The clauses of the main-targets paragraph (one target each), in text order."""
    paragraph = target_paragraph(text, plan_start(text))
    return [] if paragraph is None else clauses_in(text, paragraph)


def build_main_targets(docs: list[Document], facts: pd.DataFrame) -> pd.DataFrame:
    """The main_targets table: the clauses of every work report's main targets."""
    rows = []
    for doc in docs:
        if doc.kind != "work_report":
            continue
        targets = facts[(facts["doc_id"] == doc.doc_id) & (facts["kind"] == TARGET)]
        for n, clause in enumerate(target_clauses(doc.text), start=1):
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "clause_no": n,
                    "clause": clause.text_of(doc.text),
                    "start": clause.start,
                    "end": clause.end,
                    "fact_ids": fact_ids_within(targets, clause),
                }
            )
    return pd.DataFrame(rows, columns=SCHEMA.names)
