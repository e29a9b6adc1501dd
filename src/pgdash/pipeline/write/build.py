"""The build: seeds/ → read → text → extract → relate → validate → data/*.parquet.

Tables are written into a temporary folder beside ``data/`` and swapped in only when
everything has passed its checks, so a failed build leaves ``data/`` exactly as it was.
"""

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.pipeline.extract import facts, honours
from pgdash.pipeline.read.seeds import Document, load_corpus
from pgdash.pipeline.relate import (
    comparisons,
    context,
    geo,
    main_targets,
    sites,
    tasks,
    translations,
)
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.validate import checks as validate
from pgdash.pipeline.write.report import BuildReport, document_report
from pgdash.pipeline.write.stamp import MANIFEST, fingerprint, is_stale
from pgdash.schema import CONTEXT_FILE, DOCUMENTS, write_table

BOUNDARY = "boundary.geojson"


def documents_frame(docs: list[Document]) -> pd.DataFrame:
    """The documents table."""
    rows = [
        {
            "doc_id": d.doc_id,
            "title": d.title,
            "title_en": d.title_en,
            "published": d.published,
            "kind": d.kind,
            "publisher": d.publisher,
            "file": d.file,
            "sha256": d.sha256,
            "chars": len(d.text),
            "text": d.text,
            "district": d.district,
            "delivered_year": d.delivered_year,
            "reviews_year": d.reviews_year,
            "targets_year": d.targets_year,
        }
        for d in docs
    ]
    frame = pd.DataFrame(rows, columns=DOCUMENTS.names)
    for column in ("delivered_year", "reviews_year", "targets_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def make_tables(
    docs: list[Document], outlines: dict[str, Outline]
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """All tables from the documents, checked; also the figures left unclassified."""
    fact_table, unclassified = facts.build_facts(docs, outlines)
    texts = {d.doc_id: d.text for d in docs}
    validate.check_shape({"facts": fact_table})
    validate.check_facts(fact_table, texts)
    documents = documents_frame(docs)
    tables = {
        "documents": documents,
        "facts": fact_table,
        "comparisons": comparisons.build_comparisons(fact_table, documents),
        "tasks": tasks.build_tasks(docs, outlines, fact_table),
        "sites": sites.build_sites(docs, fact_table),
        "honours": honours.build_honours(docs, outlines),
        "main_targets": main_targets.build_main_targets(docs, fact_table),
        "translations": translations.build_translations(docs),
    }
    validate.check_shape(tables)
    validate.check_related(tables["comparisons"], tables["tasks"], tables["sites"], fact_table)
    validate.check_tasks(tables["tasks"], texts)
    validate.check_passages(tables["honours"], tables["main_targets"], fact_table, texts)
    return tables, unclassified


def build(seeds: Path, data: Path) -> BuildReport:
    """Build every table from ``seeds`` into ``data``, atomically."""
    docs = load_corpus(seeds)
    outlines = {d.doc_id: Outline(d.text, d.kind) for d in docs}
    tables, unclassified = make_tables(docs, outlines)
    data.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{data.name}-build-", dir=data.parent))
    staging.chmod(0o755)
    try:
        for name, frame in tables.items():
            write_table(frame, name, staging)
        geo.write_boundaries(staging / BOUNDARY, seeds / "geo")
        context.write_context(staging / CONTEXT_FILE)
        rows = {k: len(v) for k, v in tables.items()}
        manifest = {"fingerprint": fingerprint(seeds), "rows": rows}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _swap(staging, data)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    f = tables["facts"]
    return BuildReport(
        rows={k: len(v) for k, v in tables.items()},
        facts_by={c: Counter(f[c]) for c in ("doc_id", "sector", "kind")},
        unclassified=unclassified,
        documents=[document_report(d, outlines[d.doc_id], tables, unclassified) for d in docs],
        curated_unmatched=[
            *tables["facts"].attrs.get("unmatched", []),
            *tables["sites"].attrs.get("unmatched", []),
        ],
    )


def _swap(staging: Path, data: Path) -> None:
    """Replace ``data`` by ``staging`` so that one of the two is always complete."""
    old = data.with_name(f".{data.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if data.exists():
        data.rename(old)
    try:
        staging.rename(data)
    except OSError:
        if old.exists():
            old.rename(data)
        raise
    shutil.rmtree(old, ignore_errors=True)


def ensure_built(seeds: Path, data: Path) -> BuildReport | None:
    """Build when ``data/`` is missing or stale; return the report if it built."""
    if not is_stale(seeds, data):
        return None
    return build(seeds, data)


__all__ = [
    "MANIFEST",
    "BuildReport",
    "PgdashError",
    "build",
    "ensure_built",
    "fingerprint",
    "is_stale",
]
