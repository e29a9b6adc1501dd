"""Relate stage: the work report's main expected targets (主要预期目标), one row per clause.

The paragraph that names 主要预期目标 lists them after its colon, one per ；-part. Each
clause keeps its offsets into the normalized text (``text[start:end] == clause``) and the
target facts whose number starts inside it, in text order.
"""

import pandas as pd

from pgdash.pipeline.extract.qualify import TARGET
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.relate.fact_refs import fact_ids_within
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import PARAGRAPH_BREAKS, sentences
from pgdash.schema import MAIN_TARGETS as SCHEMA

MAIN_TARGETS = "主要预期目标"
MAIN_TARGETS_LEAD = "："


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
    return Span(body, para_end)


def target_clauses(text: str) -> list[Span]:
    """The clauses of the main-targets paragraph (one target each), in text order."""
    paragraph = target_paragraph(text)
    return [] if paragraph is None else list(sentences(text, paragraph.start, paragraph.end))


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
