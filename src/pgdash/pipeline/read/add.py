"""``pgdash add``: copy a new document into the seeds folder with its detected metadata.

The document's bytes are copied unchanged under a descriptive name
(``<doc_id>-<kind>-<year>.txt``, e.g. ``luohu-gwr2024-work-report-2024.txt``) and a ``.toml``
beside it holds what :mod:`.detect` found, each field with where it came from, and the
fields it could not find as empty values for the user to fill in. The doc_id starts with
the district's slug (``luohu-gwr2024``), so two districts' reports of a year never share
one. A document already in the folder (same SHA-256), a second work report of a district
for a year it already has, an empty, binary or non-Chinese file is refused in one line;
a district spelt otherwise than in the seeds (罗湖 beside 罗湖区) is added with a warning
saying which file to correct; nothing is ever overwritten.
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
from pgdash.tables import district_core, district_slug
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
    warnings: tuple[str, ...] = ()  # contradictions with the seeds, each with its fix

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
        return out + [f"  warning: {w}" for w in self.warnings]


def _existing(seeds: Path) -> tuple[dict[str, Path], dict[Path, dict]]:
    """SHA-256 → file of every document in ``seeds``, and every metadata file's fields."""
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in sorted(seeds.glob("*.txt"))}
    metas = {meta: read_toml(meta) for meta in sorted(seeds.glob("*.toml"))}
    return hashes, metas


def contradictions(fields: dict[str, str | int], metas: dict[Path, dict]) -> list[str]:
    """What the new document's metadata contradicts in the seeds, each with its fix.

    Raises for a second work report of a district for the same year (the build could not
    tell which to show); returns the spellings of the district that differ from the
    seeds' (罗湖 beside 罗湖区: the build would take them for two districts).
    """
    district = str(fields.get("district", ""))
    core = district_core(district)
    if not core:
        return []
    spellings: dict[str, Path] = {}
    for path, meta in metas.items():
        theirs = str(meta.get("district", ""))
        if district_core(theirs) != core:
            continue
        if theirs != district:
            spellings.setdefault(theirs, path)
        same_year = str(meta.get("targets_year", "")) == str(fields.get("targets_year", "-"))
        if same_year and meta.get("kind") == fields.get("kind") == "work_report":
            raise PgdashError(
                f"the seeds already hold {theirs}'s work report for {fields['targets_year']} "
                f"({path.with_suffix('.txt').name}); to replace it, delete "
                f"{path.with_suffix('.txt').name} and {path.name} and add again; if that file "
                "is another year's report, correct targets_year in its .toml"
            )
    return [
        f"the district is spelt {theirs} in {path.name} but {district} here; the build takes "
        f"them for two districts: write district = {json.dumps(theirs, ensure_ascii=False)} "
        "in the new .toml (or the other way round)"
        for theirs, path in spellings.items()
    ]


def _doc_id(kind: str, year: int | str | None, taken: set[str], district: str = "") -> str:
    """``luohu-gwr2024`` (``gwr2024`` without a district), or ``…b``, ``…c`` when taken."""
    slug = district_slug(district)
    base = (f"{slug}-" if slug else "") + f"{KIND_CODES[kind]}{year or ''}"
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
    hashes, metas = _existing(seeds)
    digest = hashlib.sha256(data).hexdigest()
    if digest in hashes:
        raise PgdashError(f"{path} is already in the seeds as {hashes[digest].name}; nothing added")
    found = detect(raw)
    kind = str(found.fields["kind"])
    year = found.fields.get("delivered_year") or found.fields.get("targets_year")
    try:
        warnings = contradictions(found.fields, metas)
    except PgdashError as error:
        raise PgdashError(f"{path}: {error}; nothing added") from None
    taken = {str(meta.get("doc_id", p.stem)) for p, meta in metas.items()}
    district = str(found.fields.get("district", ""))
    fields = {"doc_id": _doc_id(kind, year, taken, district), **found.fields}
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
    return Added(path, text_file, meta_file, found, tuple(warnings))


def _copy_new(source: Path, target: Path) -> None:
    """Copy ``source`` byte for byte to ``target`` via a temporary name, so a reader never
    sees half a document."""
    temp = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, temp)
    os.replace(temp, target)
