"""``pgdash add``: copy a new document into the seeds folder with its detected metadata.

The document's bytes are copied unchanged under a descriptive name
(``<doc_id>-<kind>-<year>.txt``, e.g. ``gwr2024-work-report-2024.txt``) and a ``.toml``
beside it holds what :mod:`.detect` found, each field with where it came from, and the
fields it could not find as empty values for the user to fill in. A document already in
the folder (same SHA-256), an empty, binary or non-Chinese file is refused in one line;
nothing is ever overwritten.
"""

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pgdash.errors import PgdashError
from pgdash.pipeline.read.detect import KIND_CODES, Detected, detect
from pgdash.pipeline.read.seeds import MAX_BYTES, decode, load_document
from pgdash.tomlfile import read_toml

FIELD_ORDER = (
    "doc_id", "title", "title_en", "published", "kind", "publisher", "district",
    "delivered_year", "reviews_year", "targets_year",
)  # fmt: skip
REQUIRED = ("title", "published")  # the build refuses the document until these are filled


@dataclass(frozen=True)
class Added:
    """A document added to the seeds: its new file, its metadata file and what was found."""

    source: Path
    text_file: Path
    meta_file: Path
    detected: Detected

    def lines(self) -> list[str]:
        """What was detected and what was not, for the command line."""
        out = [f"added {self.text_file} (from {self.source.name})"]
        found = self.detected
        for name in FIELD_ORDER[1:]:
            if name in found.fields:
                source = found.sources.get(name, "")
                out.append(f"  {name}: {found.fields[name]}" + (f"  ({source})" if source else ""))
        for name, why in found.missing.items():
            out.append(f"  {name}: not detected — {why}")
        todo = [n for n in REQUIRED if n in found.missing]
        if todo:
            out.append(f"  fill in {', '.join(todo)} in {self.meta_file} before building")
        else:
            out.append(f"  check {self.meta_file}; edit it where the text was misread")
        return out


def _existing(seeds: Path) -> tuple[dict[str, Path], set[str]]:
    """SHA-256 → file of every document in ``seeds``, and the doc_ids in use."""
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in sorted(seeds.glob("*.txt"))}
    ids = {str(read_toml(meta).get("doc_id", meta.stem)) for meta in sorted(seeds.glob("*.toml"))}
    return hashes, ids


def _doc_id(kind: str, year: int | str | None, taken: set[str]) -> str:
    """``gwr2024``, or ``gwr2024b``, ``gwr2024c`` … when it is taken."""
    base = f"{KIND_CODES[kind]}{year or ''}"
    for suffix in ["", *"bcdefghijklmnopqrstuvwxyz"]:
        if base + suffix not in taken:
            return base + suffix
    raise PgdashError(f"too many documents named {base}…; rename some in the seeds folder")


def _toml_value(value: str | int) -> str:
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def metadata_toml(fields: dict[str, str | int], found: Detected, source: str) -> str:
    """The ``.toml`` text: every field, each with where it came from or why it is empty."""
    lines = [
        f"# Metadata for the document added from {source} by `pgdash add`.",
        "# Detected from its text; check every field and fill in the empty ones.",
    ]
    for name in FIELD_ORDER:
        if name in fields:
            note = found.sources.get(name, "")
            lines.append(f"{name} = {_toml_value(fields[name])}" + (f"  # {note}" if note else ""))
        else:
            lines.append(f'{name} = ""  # not detected: {found.missing.get(name, "")}'.rstrip())
    return "\n".join(lines) + "\n"


def add_document(path: Path, seeds: Path) -> Added:
    """Copy ``path`` into ``seeds`` with a detected ``.toml``; refuse duplicates and non-text."""
    if not path.is_file():
        raise PgdashError(f"{path} is not a file; give the path of the document's .txt")
    if path.stat().st_size > MAX_BYTES:
        raise PgdashError(f"{path} is over the {MAX_BYTES // 2**20} MiB limit; check the file")
    data = path.read_bytes()
    raw = decode(data, path)  # one line for empty, binary or non-Chinese files
    seeds.mkdir(parents=True, exist_ok=True)
    hashes, taken = _existing(seeds)
    digest = hashlib.sha256(data).hexdigest()
    if digest in hashes:
        raise PgdashError(f"{path} is already in the seeds as {hashes[digest].name}; nothing added")
    found = detect(raw)
    kind = str(found.fields["kind"])
    year = found.fields.get("delivered_year") or found.fields.get("targets_year")
    fields = {"doc_id": _doc_id(kind, year, taken), **found.fields}
    stem = f"{fields['doc_id']}-{kind.replace('_', '-')}" + (f"-{year}" if year else "")
    text_file, meta_file = seeds / f"{stem}.txt", seeds / f"{stem}.toml"
    for target in (text_file, meta_file):
        if target.exists():
            raise PgdashError(f"{target} already exists; move it away or rename it first")
    with open(meta_file, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(metadata_toml(fields, found, path.name))
    try:
        _copy_new(path, text_file)
        if not any(n in found.missing for n in REQUIRED):
            load_document(text_file)  # the metadata agrees with the text
    except BaseException:
        meta_file.unlink(missing_ok=True)
        text_file.unlink(missing_ok=True)
        raise
    return Added(path, text_file, meta_file, found)


def _copy_new(source: Path, target: Path) -> None:
    """Copy ``source`` byte for byte to ``target`` via a temporary name, so a reader never
    sees half a document."""
    temp = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, temp)
    os.replace(temp, target)
