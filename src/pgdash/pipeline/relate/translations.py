"""Relate stage: the curated English of headings, honours and names, checked against the text.

``curated/translations.toml`` maps Chinese, exactly as a document writes it, to English,
grouped by kind (section, honour, holder, target_clause, publisher, district). Every key must still
occur in a document's text, title or publisher, and every English value must be plain
English (no Chinese, no full-width punctuation), or the build stops naming the entry.
"""

import re
from pathlib import Path

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.paths import CURATED
from pgdash.pipeline.read.seeds import Document
from pgdash.schema import TRANSLATIONS as SCHEMA
from pgdash.tomlfile import read_toml

TRANSLATIONS_FILE = CURATED / "translations.toml"
KINDS = ("section", "honour", "holder", "target_clause", "publisher", "district")
# Chinese characters and the full-width forms and punctuation that have no place in English.
NOT_ENGLISH = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]")


def _locate(zh: str, docs: list[Document]) -> tuple[str, int]:
    """The first document holding ``zh`` and its offset (-1 when in the metadata only)."""
    for d in docs:
        at = d.text.find(zh)
        if at >= 0:
            return d.doc_id, at
    for d in docs:
        if zh in (d.title, d.publisher):
            return d.doc_id, -1
    return "", -1


def build_translations(docs: list[Document], path: Path = TRANSLATIONS_FILE) -> pd.DataFrame:
    """The translations table: one row per curated pair, located in the documents. When no
    document is of the file's ``[district]``, entries no document holds are left out."""
    curated = read_toml(path)
    rows = []
    districts = (
        set(curated.get("district", {})) if isinstance(curated.get("district"), dict) else set()
    )
    ours = not districts or any(d.district in districts for d in docs)  # else another district
    for kind, pairs in curated.items():
        if kind not in KINDS or not isinstance(pairs, dict):
            raise PgdashError(f"{path}: unknown group [{kind}]; use one of {', '.join(KINDS)}")
        for zh, en in pairs.items():
            if not isinstance(en, str) or not en.strip() or NOT_ENGLISH.search(en):
                raise PgdashError(f"{path}: [{kind}] {zh!r} needs plain English, got {en!r}")
            doc_id, start = _locate(zh, docs)
            if not doc_id and not ours:
                continue
            if not doc_id:
                raise PgdashError(
                    f"{path}: [{kind}] {zh!r} no longer occurs in the documents; "
                    "correct or remove the entry"
                )
            row = {"zh": zh, "en": en.strip(), "kind": kind, "doc_id": doc_id, "start": start}
            rows.append(row)
    return pd.DataFrame(rows, columns=SCHEMA.names)
