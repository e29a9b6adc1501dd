"""Relate stage: the 2023 work plan as one row per task sentence.

The plan is part 二 of the work report (the level-1 heading that names 主要任务). Each
section （一）–（十一） is split into task sentences at 。；！？; a sentence keeps its offsets into
the normalized text (``text[start:end] == sentence``, delimiters left out), its section
number and title as written (``（三）坚定不移服务新发展格局，打造首都物流高地``), its bold
sub-heading (``""`` for the section's lead sentences before the first sub-heading), its
sector and the facts whose number starts inside it.

Section 0, 主要预期目标, holds the main expected targets (GDP growth, budget revenue …) of
the paragraph before section （一）, one row per target, so the app can show them beside the
sections. Headings are not tasks, nor is the report's closing call (its last paragraph,
让我们…), which follows the last section without a heading of its own.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.pipeline.extract.sector_rules import sector_at
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.relate.fact_refs import fact_ids_within
from pgdash.pipeline.relate.main_targets import MAIN_TARGETS, target_paragraph
from pgdash.pipeline.text.outline import Heading, Outline, section_no
from pgdash.pipeline.text.split import sentences
from pgdash.schema import TASKS

PLAN_PART = "主要任务"
CLOSING_CALL = "让我们"


def plan_part(text: str, outline: Outline) -> tuple[int, int]:
    """Offsets of the work plan: from the 主要任务 part heading to the next part or the end."""
    parts = [h for h in outline.headings if h.level == 1]
    for i, part in enumerate(parts):
        if PLAN_PART in part.title:
            end = parts[i + 1].start if i + 1 < len(parts) else len(text)
            return part.end, _before_closing_call(text, part.end, end)
    raise PgdashError(f"the work report has no part heading naming {PLAN_PART}; check its text")


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


def plan_chunks(text: str, outline: Outline) -> Iterator[Chunk]:
    """The plan's task text, cut at every heading; headings themselves are left out."""
    start, end = plan_part(text, outline)
    targets = target_paragraph(text, start, end)
    if targets is not None:
        yield Chunk(0, MAIN_TARGETS, "", targets.start, targets.end)
    inside = [h for h in outline.headings if start <= h.start < end and h.level >= 2]
    if not any(h.level == 2 for h in inside):
        raise PgdashError("the work report's plan has no （一） sections; check its text")
    section: Heading | None = None
    subheading = ""
    for i, heading in enumerate(inside):
        if heading.level == 2:
            section, subheading = heading, ""
        else:
            subheading = heading.title
        if section is None:
            continue
        chunk_end = inside[i + 1].start if i + 1 < len(inside) else end
        yield Chunk(
            section_no(section),
            section.title,
            subheading,
            heading.end,
            chunk_end,
        )


def work_report(docs: list[Document]) -> Document:
    """The one work report among the documents."""
    reports = [d for d in docs if d.kind == "work_report"]
    if len(reports) != 1:
        raise PgdashError(
            f"the seeds hold {len(reports)} work reports; the work plan needs exactly one "
            "(check the kind field of the .toml files)"
        )
    return reports[0]


def build_tasks(
    docs: list[Document], outlines: dict[str, Outline], facts: pd.DataFrame
) -> pd.DataFrame:
    """The tasks table: one row per sentence of the work report's 2023 plan."""
    doc = work_report(docs)
    outline = outlines[doc.doc_id]
    doc_facts = facts[facts["doc_id"] == doc.doc_id]
    rows = []
    counters: dict[int, int] = {}
    for chunk in plan_chunks(doc.text, outline):
        for span in sentences(doc.text, chunk.start, chunk.end):
            sentence = span.text_of(doc.text)
            n = counters[chunk.section_no] = counters.get(chunk.section_no, 0) + 1
            rows.append(
                {
                    "task_id": f"t{chunk.section_no:02d}-{n:03d}",
                    "section_no": chunk.section_no,
                    "section_title": chunk.section_title,
                    "subheading": chunk.subheading,
                    "sentence": sentence,
                    "sector": sector_at(outline, span.start, sentence, doc.kind),
                    "fact_ids": fact_ids_within(doc_facts, span),
                    "start": span.start,
                    "end": span.end,
                }
            )
    return pd.DataFrame(rows, columns=TASKS.names)
