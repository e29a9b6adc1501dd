"""What a build found, per document and in total, for the command line and ``--report``."""

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.text.outline import Outline


@dataclass
class DocumentReport:
    """What the build found in one document."""

    doc_id: str
    file: str
    kind: str
    district: str
    delivered_year: int | None
    reviews_year: int | None
    targets_year: int | None
    parts: list[dict] = field(default_factory=list)  # title, year, role
    task_sections: int = 0
    tasks: int = 0
    facts_by_period: dict[str, int] = field(default_factory=dict)
    facts_by_kind: dict[str, int] = field(default_factory=dict)
    unclassified: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """This document's part of the printed report."""
        years = ", ".join(
            f"{name} {value}"
            for name, value in (
                ("delivered", self.delivered_year),
                ("reviews", self.reviews_year),
                ("targets", self.targets_year),
            )
            if value is not None
        )
        out = [f"{self.doc_id} ({self.file}): {self.kind}, {self.district or 'district ?'}"]
        out[0] += f"; {years}" if years else ""
        out.extend(
            f"  part {p['title']} — {p['role']} {p['year'] or ''}".rstrip() for p in self.parts
        )
        if self.kind == "work_report":
            out.append(f"  task sections {self.task_sections}, task sentences {self.tasks}")
        out.append("  facts by period: " + _counts(self.facts_by_period))
        out.append("  facts by kind: " + _counts(self.facts_by_kind))
        out.append(f"  unclassified figures: {len(self.unclassified)}")
        out.extend(f"    - {u}" for u in self.unclassified)
        return out


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


@dataclass
class BuildReport:
    """What a build produced: rows per table, fact counts, and each document's findings."""

    rows: dict[str, int] = field(default_factory=dict)
    facts_by: dict[str, Counter] = field(default_factory=dict)
    unclassified: list[str] = field(default_factory=list)
    documents: list[DocumentReport] = field(default_factory=list)
    curated_unmatched: list[str] = field(default_factory=list)  # entries no document names

    def lines(self) -> list[str]:
        """The report as printable lines."""
        out = ["tables: " + ", ".join(f"{k} {v}" for k, v in self.rows.items())]
        for column, counts in self.facts_by.items():
            out.append(f"facts by {column}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        out.append(f"unclassified figures: {len(self.unclassified)}")
        out.append(f"curated entries no document names: {len(self.curated_unmatched)}")
        out.extend(f"  - {u}" for u in self.curated_unmatched)
        for doc in self.documents:
            out.extend(doc.lines())
        return out

    def to_json(self) -> dict:
        """The report as JSON-ready data."""
        return {
            "rows": self.rows,
            "facts_by": {k: dict(v) for k, v in self.facts_by.items()},
            "unclassified": self.unclassified,
            "documents": [asdict(d) for d in self.documents],
        }

    def write_json(self, path: Path) -> None:
        """Write :meth:`to_json` to ``path`` (UTF-8, Chinese kept readable)."""
        try:
            path.write_text(
                json.dumps(self.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        except OSError as exc:
            raise PgdashError(
                f"{path} cannot be written ({exc.strerror}); choose another path"
            ) from None


def document_report(
    doc: Document, outline: Outline, tables: dict[str, pd.DataFrame], unclassified: list[str]
) -> DocumentReport:
    """What the build found in ``doc``."""
    facts = tables["facts"][tables["facts"]["doc_id"] == doc.doc_id]
    tasks = tables["tasks"][tables["tasks"]["doc_id"] == doc.doc_id]
    return DocumentReport(
        doc_id=doc.doc_id,
        file=doc.file,
        kind=doc.kind,
        district=doc.district,
        delivered_year=doc.delivered_year,
        reviews_year=doc.reviews_year,
        targets_year=doc.targets_year,
        parts=[{"title": p.title, "year": p.year, "role": p.role} for p in outline.parts],
        task_sections=int((tasks["section_no"].drop_duplicates() > 0).sum()),
        tasks=int((tasks["section_no"] > 0).sum()),
        facts_by_period={str(k): int(v) for k, v in Counter(facts["period"]).items()},
        facts_by_kind={str(k): int(v) for k, v in Counter(facts["kind"]).items()},
        unclassified=[u for u in unclassified if u.startswith(f"{doc.doc_id} ")],
    )
