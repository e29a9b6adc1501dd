"""Read stage: find the source documents and their metadata, decode and check them."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.paths import CURATED_DISTRICT
from pgdash.pipeline.read.normalize import normalize
from pgdash.pipeline.read.structure import find_parts, has_report_structure, report_years
from pgdash.tables import district_core
from pgdash.tomlfile import read_toml

REQUIRED_FIELDS = ("doc_id", "title", "published", "kind")
YEAR_FIELDS = ("delivered_year", "reviews_year", "targets_year")
TEXT_YEAR_FIELDS = ("reviews_year", "targets_year")  # a report names both; 今年 may stand
# for the year it is delivered
KINDS = ("work_report", "news_article", "statistical_communique")
YEARS = range(1949, 2101)
MAX_BYTES = 20 * 1024 * 1024  # far above any government report; bounds memory


@dataclass(frozen=True)
class Document:
    """A source document: its metadata and its normalized text."""

    doc_id: str
    title: str
    title_en: str
    published: str
    kind: str
    publisher: str
    file: str
    sha256: str
    text: str
    district: str = ""  # 平谷区, 罗湖区 … as the text names it
    delivered_year: int | None = None  # the year the report was delivered or published
    reviews_year: int | None = None  # the year a work report's review covers
    targets_year: int | None = None  # the year a work report sets targets for


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030, refusing binary data."""
    if not data.strip():
        raise PgdashError(f"{path} is empty; copy the document's text into it")
    if b"\x00" in data[:65536]:
        raise PgdashError(f"{path} is not text (it contains NUL bytes); save it as UTF-8 text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_chinese(text):
            return text
    raise PgdashError(f"{path} is neither UTF-8 nor GB18030 Chinese text; re-save it as UTF-8")


def _looks_like_chinese(text: str) -> bool:
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    # Prose has a full-width comma or stop every few dozen characters; random bytes that
    # happen to decode as GB18030 look like CJK but almost never contain one.
    stops = sum(sample.count(p) for p in "，。、；")
    return (
        cjk >= max(1, len(sample.strip()) // 5)
        and control <= len(sample) // 100
        and stops >= max(1, len(sample) // 200)
    )


def read_metadata(path: Path) -> dict[str, str]:
    """Read and check a document's metadata file."""
    meta = read_toml(path)
    missing = [k for k in REQUIRED_FIELDS if not str(meta.get(k, "")).strip()]
    if missing:
        raise PgdashError(f"{path} lacks the field(s) {', '.join(missing)}; add them")
    if meta["kind"] not in KINDS:
        raise PgdashError(f"{path}: kind {meta['kind']!r} is not one of {', '.join(KINDS)}")
    for name in YEAR_FIELDS:
        value = str(meta.get(name, "")).strip()
        if value and not (value.isdigit() and int(value) in YEARS):
            raise PgdashError(f"{path}: {name} {value!r} is not a year; write it like 2024")
    return {k: str(v) for k, v in meta.items()}


def _year_field(meta: dict[str, str], name: str) -> int | None:
    value = meta.get(name, "").strip()
    return int(value) if value else None


def _check_against_text(meta: dict[str, str], text: str, meta_path: Path) -> None:
    """Refuse metadata the text contradicts: a work report without its parts, or a reviewed
    or target year the text never names."""
    if meta["kind"] == "work_report" and not has_report_structure(find_parts(text)):
        raise PgdashError(
            f"{meta_path}: kind is work_report but the text has no review part and plan part "
            "(一、2022年工作回顾 … 二、2023年工作安排); correct the kind or the text"
        )
    for name in TEXT_YEAR_FIELDS:
        year = _year_field(meta, name)
        named = re.compile(rf"(?<!\d){year}(?!\d)")
        if year is not None and not (named.search(text) or named.search(meta["title"])):
            raise PgdashError(
                f"{meta_path}: {name} {year} appears nowhere in the text; correct {name}"
            )


def _years(meta: dict[str, str], text: str) -> tuple[int | None, int | None, int | None]:
    """delivered, reviews and targets year: the metadata's, else what the text says."""
    reviews, targets = _year_field(meta, "reviews_year"), _year_field(meta, "targets_year")
    if meta["kind"] == "work_report":
        found = report_years(text)
        reviews = reviews if reviews is not None else found.reviews
        targets = targets if targets is not None else found.targets
    delivered = _year_field(meta, "delivered_year")
    if delivered is None and meta["published"][:4].isdigit():
        delivered = int(meta["published"][:4])
    return delivered, reviews, targets


def load_document(text_path: Path) -> Document:
    """Load one ``.txt`` document with the ``.toml`` metadata beside it."""
    meta_path = text_path.with_suffix(".toml")
    if not meta_path.is_file():
        raise PgdashError(f"{text_path} has no metadata file; create {meta_path.name} beside it")
    meta = read_metadata(meta_path)
    size = text_path.stat().st_size
    if size > MAX_BYTES:
        raise PgdashError(
            f"{text_path} is {size // 2**20} MiB, over the {MAX_BYTES // 2**20} MiB limit; "
            "split it or check that it is the right file"
        )
    data = text_path.read_bytes()
    text = normalize(decode(data, text_path))
    _check_against_text(meta, text, meta_path)
    delivered, reviews, targets = _years(meta, text)
    return Document(
        doc_id=meta["doc_id"],
        title=meta["title"],
        title_en=meta.get("title_en", ""),
        published=meta["published"],
        kind=meta["kind"],
        publisher=meta.get("publisher", ""),
        file=text_path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        district=meta.get("district", ""),
        delivered_year=delivered,
        reviews_year=reviews,
        targets_year=targets,
    )


def curated_documents(docs: list[Document]) -> list[Document]:
    """The documents the curated files speak to: those of their district, and those naming
    no district when no other district is named."""
    named = {d.district for d in docs if d.district}
    alone = not named - {CURATED_DISTRICT}
    return [d for d in docs if d.district == CURATED_DISTRICT or (not d.district and alone)]


def check_districts(docs: list[Document], folder: Path) -> None:
    """Refuse seeds that contradict themselves: a district spelt two ways (罗湖 and 罗湖区
    would be shown as two districts) or two work reports of a district for one year."""
    spelt: dict[str, Document] = {}
    reports: dict[tuple[str, int], Document] = {}
    for doc in docs:
        core = district_core(doc.district)
        if not core:
            continue
        first = spelt.setdefault(core, doc)
        if first.district != doc.district:
            raise PgdashError(
                f"{folder / doc.file}: district {doc.district!r} is spelt "
                f"{first.district!r} in {first.file}; write the same name in both .toml files"
            )
        if doc.kind == "work_report" and doc.targets_year is not None:
            other = reports.setdefault((core, doc.targets_year), doc)
            if other is not doc:
                raise PgdashError(
                    f"{folder / doc.file}: {other.file} is already {doc.district}'s work report "
                    f"for {doc.targets_year}; remove one of the two (its .txt and .toml) or "
                    "correct targets_year in its .toml"
                )


def load_corpus(folder: Path) -> list[Document]:
    """All documents in ``folder``, ordered by file name; ids must be unique, and the
    districts must agree (:func:`check_districts`)."""
    if not folder.is_dir():
        raise PgdashError(f"{folder} does not exist; copy the source documents into it")
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise PgdashError(f"{folder} holds no .txt documents; copy the source documents into it")
    docs = [load_document(p) for p in paths]
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.doc_id in seen:
            raise PgdashError(
                f"{folder / doc.file}: doc_id {doc.doc_id!r} is already used by {seen[doc.doc_id]}"
            )
        seen[doc.doc_id] = doc.file
    check_districts(docs, folder)
    return docs
