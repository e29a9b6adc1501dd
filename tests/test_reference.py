"""The extractor against a hand-checked reference set: recall, field accuracy and traps.

``reference_facts.csv`` was written by reading the two documents: each row names a document,
a fragment that occurs once in its normalized text and the figure as written inside it, then
either the expected fields (``present``) or ``absent`` for numerals that are not figures
(dates, labels, ordinals, slogans …). Rows are keyed by text, never by offsets. ``metric``
(the name a second reader expects), ``value_max`` (a range's upper bound) and ``strive``
(a 力争 target) are checked where given; ``metric`` also tells apart the rows of a rank
shared by several subjects.
A second reading added cases for each class of mistake it found; ``note`` names the class.
"""

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from pgdash.paths import seeds_dir
from pgdash.pipeline.extract.facts import build_facts
from pgdash.pipeline.read.seeds import load_corpus
from pgdash.pipeline.text.outline import Outline
from pgdash.sectors import SECTOR_IDS

REFERENCE = Path(__file__).with_name("reference_facts.csv")
FIELDS = ("value", "unit", "period", "kind", "comparator", "is_rank", "rank_scope", "sector")
OPTIONAL = ("metric", "value_max", "strive")  # checked where the reference gives them
MIN_RECALL = 0.99
MIN_ACCURACY = 0.97
# The classes of mistake a second reader found; each has cases in the reference set.
SECOND_READING = ("list header", "agenda count", "slogan", "figure of speech", "programme name",
                  "counted twice", "missing rank", "range", "unit", "fraction", "name",
                  "sector follows the subject", "category count", "someone else's count",
                  "multiple without its base", "before/after", "cumulative total", "nearly",
                  "strive")  # fmt: skip


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {d.doc_id: d.text for d in load_corpus(seeds_dir())}


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    docs = load_corpus(seeds_dir())
    table, _ = build_facts(docs, {d.doc_id: Outline(d.text, d.kind) for d in docs})
    return table


@pytest.fixture(scope="module")
def reference(texts: dict[str, str]) -> list[dict]:
    """Reference rows with the span of their figure located in the text."""
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        text, fragment, raw = texts[row["doc_id"]], row["fragment"], row["raw"]
        assert text.count(fragment) == 1, f"fragment must occur once: {fragment!r}"
        assert raw in fragment, f"{raw!r} is not in {fragment!r}"
        row["start"] = text.index(fragment) + fragment.index(raw)
        row["end"] = row["start"] + len(raw)
    return rows


def expected(row: dict, field: str) -> object:
    if field in ("value", "value_max"):
        return float(row[field])
    if field in ("is_rank", "strive"):
        return row[field] == "true"
    return row[field]


def agrees(field: str, want: object, got: object) -> bool:
    if field in ("value", "value_max"):
        return math.isclose(float(got), float(want), rel_tol=1e-4)
    return bool(got == want) if field in ("is_rank", "strive") else str(got) == want


def matches(facts: pd.DataFrame, row: dict) -> pd.DataFrame:
    hits = facts[(facts["doc_id"] == row["doc_id"]) & (facts["start"] == row["start"])]
    if len(hits) > 1 and row.get("metric"):  # a rank shared by several subjects
        hits = hits[hits["metric"] == row["metric"]]
    return hits


def test_reference_is_broad(reference: list[dict]) -> None:
    present = [r for r in reference if r["expected"] == "present"]
    assert len(present) >= 150
    assert {r["doc_id"] for r in present} == {"gwr2023", "press2024"}
    assert {r["sector"] for r in present} == set(SECTOR_IDS)
    assert len([r for r in reference if r["expected"] == "absent"]) >= 50


@pytest.mark.parametrize("mistake", SECOND_READING)
def test_every_class_of_mistake_has_cases(reference: list[dict], mistake: str) -> None:
    assert any(r["note"].startswith(mistake) or f"; {mistake}" in r["note"] for r in reference)


def test_recall_and_field_accuracy(facts: pd.DataFrame, reference: list[dict]) -> None:
    present = [r for r in reference if r["expected"] == "present"]
    found, missed = [], []
    for row in present:
        hit = matches(facts, row)
        (found if len(hit) == 1 and hit.iloc[0]["raw"] == row["raw"] else missed).append(row)
    recall = len(found) / len(present)
    print(f"\nrecall {recall:.3f} ({len(found)}/{len(present)})")
    for row in missed:
        print(f"  missed {row['doc_id']} {row['raw']!r} in {row['fragment']!r}")
    accuracy = {}
    for field in FIELDS + OPTIONAL:
        wrong = []
        for row in (r for r in found if field in FIELDS or r.get(field)):
            got = matches(facts, row).iloc[0][field]
            if not agrees(field, expected(row, field), got):
                wrong.append(f"{row['raw']!r} in {row['fragment']!r}: {got!r}, not {row[field]!r}")
        checked = [r for r in found if field in FIELDS or r.get(field)]
        accuracy[field] = 1 - len(wrong) / len(checked)
        print(f"{field}: {accuracy[field]:.3f}")
        for line in wrong:
            print(f"  {line}")
    assert recall >= MIN_RECALL
    low = {f: round(a, 3) for f, a in accuracy.items() if a < MIN_ACCURACY}
    assert not low, f"fields below {MIN_ACCURACY}: {low}"


def test_no_trap_is_a_fact(facts: pd.DataFrame, reference: list[dict]) -> None:
    traps = [r for r in reference if r["expected"] == "absent"]
    caught = []
    for row in traps:
        in_doc = facts[facts["doc_id"] == row["doc_id"]]
        overlap = in_doc[(in_doc["start"] < row["end"]) & (in_doc["end"] > row["start"])]
        caught.extend(f"{row['raw']!r} in {row['fragment']!r}" for _ in range(len(overlap)))
    assert not caught, f"not figures, but extracted: {caught}"
