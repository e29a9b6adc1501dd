"""Relate stage: every work report's plan as one row per task sentence.

A report's plan is its plan parts (:mod:`pgdash.pipeline.read.structure`: the parts that
set the coming year's work, e.g. 二、2023年工作思路和主要任务 or 二、2024年工作安排, and
any part after them). Each section （一）… of the plan is split into task sentences at
。；！？; a sentence keeps its document, its offsets into the normalized text
(``text[start:end] == sentence``, delimiters left out), its section number (1… per report,
in text order across the plan parts) and title as written
(``（三）坚定不移服务新发展格局，打造首都物流高地``), its bold sub-heading (``""`` for the
section's lead sentences before the first sub-heading), its sector and the facts whose
number starts inside it.

Section 0, 主要预期目标, holds the main expected targets (GDP growth, budget revenue …) of
the paragraph that names them, one row per target, so the app can show them beside the
sections. Headings are not tasks, nor is the report's closing call (its last paragraph,
让我们…), which follows the last section without a heading of its own.

Task ids are ``<doc_id>-tSS-NNN``; the reports in ``BARE_TASK_IDS`` keep the ids they had
before several reports were read (``t03-005``), because the supervision ledger keys on them.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.pipeline.extract.sector_rules import sector_at
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.read.structure import PLAN
from pgdash.pipeline.relate.fact_refs import FactStarts
from pgdash.pipeline.relate.main_targets import MAIN_TARGETS, clauses_in, target_paragraph
from pgdash.pipeline.text.outline import Heading, Outline
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import sentences
from pgdash.schema import TASKS

CLOSING_CALL = "让我们"
BARE_TASK_IDS = ("gwr2023",)  # ids issued when the plan was one report's


def plan_parts(text: str, outline: Outline) -> list[tuple[int, int]]:
    """Offsets of each plan part's body, from its heading to the next part or the end."""
    parts = outline.parts
    spans = []
    for i, part in enumerate(parts):
        if part.role == PLAN:
            end = parts[i + 1].start if i + 1 < len(parts) else len(text)
            spans.append((part.end, end))
    if spans:
        start, end = spans[-1]
        spans[-1] = (start, _before_closing_call(text, start, end))
    return spans


def _before_closing_call(text: str, start: int, end: int) -> int:
    """``end``, moved before the last paragraph when that paragraph is the closing call."""
    body_end = start + len(text[start:end].rstrip())
    last = text.rfind("\n", start, body_end)
    if last >= 0 and CLOSING_CALL in text[last:body_end]:
        return last
    return end


@dataclass(frozen=True)
class Chunk:
    """Task text under one heading: section number and title, sub-heading, span."""

    section_no: int
    section_title: str
    subheading: str
    start: int
    end: int


def plan_chunks(doc: Document, outline: Outline) -> Iterator[Chunk]:
    """The plan's task text, cut at every heading; headings themselves are left out."""
    spans = plan_parts(doc.text, outline)
    if not spans:
        raise PgdashError(
            f"{doc.file}: the work report has no part that plans the coming year (a heading "
            "such as 二、2023年工作安排 or …主要任务); check its text or its kind"
        )
    targets = target_paragraph(doc.text, spans[0][0], spans[-1][1])
    if targets is not None:
        yield Chunk(0, MAIN_TARGETS, "", targets.start, targets.end)
    number = 0
    for start, end in spans:
        inside = [h for h in outline.headings if start <= h.start < end and h.level >= 2]
        section: Heading | None = None
        subheading = ""
        for i, heading in enumerate(inside):
            if heading.level == 2:
                section, subheading = heading, ""
                number += 1
            else:
                subheading = heading.title
            if section is None:
                continue
            chunk_end = inside[i + 1].start if i + 1 < len(inside) else end
            yield Chunk(number, section.title, subheading, heading.end, chunk_end)
    if number == 0:
        raise PgdashError(
            f"{doc.file}: the work report's plan has no （一） sections; check its text"
        )


def work_reports(docs: list[Document]) -> list[Document]:
    """The work reports among the documents; there must be at least one."""
    reports = [d for d in docs if d.kind == "work_report"]
    if not reports:
        raise PgdashError(
            "the seeds hold 0 work reports; the work plan needs at least one "
            "(check the kind field of the .toml files)"
        )
    return reports


def task_id(doc_id: str, section: int, n: int) -> str:
    """The stable id of the n-th sentence of a report's section."""
    local = f"t{section:02d}-{n:03d}"
    return local if doc_id in BARE_TASK_IDS else f"{doc_id}-{local}"


def report_tasks(doc: Document, outline: Outline, facts: pd.DataFrame) -> list[dict]:
    """The rows of one work report's plan."""
    doc_facts = FactStarts(facts[facts["doc_id"] == doc.doc_id])
    rows = []
    counters: dict[int, int] = {}
    for chunk in plan_chunks(doc, outline):
        whole = Span(chunk.start, chunk.end)
        spans = (
            clauses_in(doc.text, whole)
            if chunk.section_no == 0
            else sentences(doc.text, chunk.start, chunk.end)
        )
        for span in spans:
            sentence = span.text_of(doc.text)
            n = counters[chunk.section_no] = counters.get(chunk.section_no, 0) + 1
            rows.append(
                {
                    "task_id": task_id(doc.doc_id, chunk.section_no, n),
                    "section_no": chunk.section_no,
                    "section_title": chunk.section_title,
                    "subheading": chunk.subheading,
                    "sentence": sentence,
                    "sector": sector_at(outline, span.start, sentence, doc.kind),
                    "fact_ids": doc_facts.within(span),
                    "start": span.start,
                    "end": span.end,
                    "doc_id": doc.doc_id,
                }
            )
    return rows


def build_tasks(
    docs: list[Document], outlines: dict[str, Outline], facts: pd.DataFrame
) -> pd.DataFrame:
    """The tasks table: one row per sentence of every work report's plan."""
    rows = [
        row for doc in work_reports(docs) for row in report_tasks(doc, outlines[doc.doc_id], facts)
    ]
    return pd.DataFrame(rows, columns=TASKS.names)
