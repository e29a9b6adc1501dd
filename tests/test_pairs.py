"""Target → result pairs across consecutive reports, against ``tests/corpus/pairs.csv``.

The reference was read by hand from the texts: each ``pair`` row is a target a report sets
for its year and the next report's result for that year, each ``wrong`` row a tempting pair
that is not one (a target with the next report's target, a flow with a running total, a
part-year figure, similar words for another measure). A figure is named by a fragment of
its document and the figure as written in it; the fact is the one that starts there.

The series are built as a new user would: ``add`` each report, and where ``add`` left a
report's district empty or spelt it otherwise than the rest of its series, write the
series' district in the metadata file (``add`` says to check that file), then build. The
test prints which districts it had to write.
"""

import csv
import hashlib
import math
import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from pgdash.paths import seeds_dir
from pgdash.pipeline.read.add import add_document
from pgdash.pipeline.write.build import build
from pgdash.schema import PAIR_REASONS, read_table

HERE = Path(__file__).parent / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # beside the checkout
REFERENCE = HERE / "pairs.csv"
SERIES = {  # file → the series it belongs to
    "luohu-2022.txt": "luohu",
    "luohu-2023.txt": "luohu",
    "luohu-2024.txt": "luohu",
    "luohu-2025.txt": "luohu",
    "longhua-2023.txt": "longhua",
    "longhua-2024.txt": "longhua",
    "longhua-2025.txt": "longhua",
    "state-council-2024.txt": "state-council",
    "state-council-2025.txt": "state-council",
}
NEEDED = 24 / 26  # the bar: 24 of 26 pairs found, and no wrong pair
LIVELIHOOD = re.compile(r"school places|housing|childcare|民生微实事|old residential")


def source(name: str) -> Path:
    """A corpus text: in ``tests/corpus/`` once copied there, else the shared corpus."""
    return HERE / name if (HERE / name).is_file() else SHARED / name


def reference() -> list[dict[str, str]]:
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = reference()
PAIRS = [r for r in ROWS if r["kind"] == "pair"]
WRONG = [r for r in ROWS if r["kind"] == "wrong"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """The seeds and the nine reports built together; the districts written by hand."""
    if not all(source(name).is_file() for name in SERIES):
        pytest.skip(f"the corpus texts are neither in {HERE} nor in {SHARED}")
    root = tmp_path_factory.mktemp("pairs")
    seeds = root / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    added = {name: add_document(source(name), seeds) for name in SERIES}
    detected = {name: district_in(a.meta_file.read_text("utf-8")) for name, a in added.items()}
    corrected = {}
    for name, meta in added.items():
        mates = [detected[n] for n in SERIES if SERIES[n] == SERIES[name] and detected[n]]
        usual = Counter(mates).most_common(1)[0][0] if mates else SERIES[name]
        if detected[name] != usual:
            corrected[name] = (detected[name], usual)
            text = meta.meta_file.read_text("utf-8")
            text = re.sub(r"^district = .*$", f'district = "{usual}"', text, flags=re.M)
            meta.meta_file.write_text(text, "utf-8")
    build(seeds, root / "data")
    tables = {n: read_table(n, root / "data") for n in ("documents", "facts", "comparisons")}
    return {"corrected": corrected, **tables}


def district_in(meta: str) -> str:
    found = re.search(r'^district = "(.*?)"', meta, flags=re.M)
    return found.group(1) if found else ""


def doc_id(documents: pd.DataFrame, name: str) -> str:
    digest = hashlib.sha256(source(name).read_bytes()).hexdigest()
    return str(documents.loc[documents["sha256"] == digest, "doc_id"].iloc[0])


def facts_at(built: dict, name: str, fragment: str, figure: str) -> set[str]:
    """The facts that start where ``figure`` starts in each place ``fragment`` is written."""
    documents, facts = built["documents"], built["facts"]
    doc = doc_id(documents, name)
    text = str(documents.loc[documents["doc_id"] == doc, "text"].iloc[0])
    starts = [m.start() + fragment.index(figure) for m in re.finditer(re.escape(fragment), text)]
    mine = facts[facts["doc_id"] == doc]
    return set(mine.loc[mine["start"].isin(starts), "fact_id"])


def ledger_pairs(built: dict) -> set[tuple[str, str]]:
    ledger = built["comparisons"]
    both = ledger[(ledger["target_fact_id"] != "") & (ledger["result_fact_id"] != "")]
    return set(zip(both["target_fact_id"], both["result_fact_id"], strict=True))


def paired(built: dict, row: dict[str, str]) -> bool:
    targets = facts_at(built, row["target_file"], row["target_fragment"], row["target_figure"])
    results = facts_at(built, row["result_file"], row["result_fragment"], row["result_figure"])
    return any((t, r) in ledger_pairs(built) for t in targets for r in results)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['kind']}:{r['target_fragment']}")
def test_reference_rows_quote_their_texts(row: dict[str, str]) -> None:
    for side in ("target", "result"):
        name, fragment = row[f"{side}_file"], row[f"{side}_fragment"]
        assert name in SERIES
        assert row[f"{side}_figure"] in fragment
        if source(name).is_file():
            assert fragment in source(name).read_text("utf-8"), (name, fragment)
    target_year = int(row["target_file"][-8:-4])
    assert int(row["result_file"][-8:-4]) == target_year + 1  # the next report
    assert row["target_file"][:-9] == row["result_file"][:-9]  # of the same series


def test_reference_is_large_enough() -> None:
    assert len(PAIRS) >= 26 and len(WRONG) >= 10
    series = {r["target_file"][:-9] for r in PAIRS}
    assert series == {"luohu", "longhua", "state-council"}


def test_pairs_found_and_none_wrong(built: dict) -> None:
    found = [r for r in PAIRS if paired(built, r)]
    wrong = [r for r in WRONG if paired(built, r)]
    missed = [f"{r['target_file']} {r['target_fragment']} ({r['measure']})" for r in PAIRS]
    missed = [m for m, r in zip(missed, PAIRS, strict=True) if r not in found]
    summary = (
        f"pairs found {len(found)} of {len(PAIRS)}, wrong {len(wrong)} of {len(WRONG)}; "
        f"districts corrected in metadata: {built['corrected']}; missed: {missed}"
    )
    print(summary)
    assert not wrong, summary
    assert len(found) >= math.ceil(NEEDED * len(PAIRS)), summary


def test_livelihood_promises_pair_when_both_figures_are_read(built: dict) -> None:
    """School places, housing, childcare places, 民生微实事: each pairs unless the extractor
    did not read one of its figures (reported, not hidden)."""
    rows = [r for r in PAIRS if LIVELIHOOD.search(r["measure"])]
    assert len(rows) >= 10
    unread = []
    for row in rows:
        sides = [
            facts_at(built, row[f"{s}_file"], row[f"{s}_fragment"], row[f"{s}_figure"])
            for s in ("target", "result")
        ]
        if not all(sides):
            unread.append(row["target_fragment"])
            continue
        assert paired(built, row), row
    print(f"livelihood pairs: {len(rows) - len(unread)} read and paired; unread: {unread}")
    assert len(unread) <= 2, unread


def test_no_target_is_paired_with_a_target(built: dict) -> None:
    ledger = built["comparisons"]
    documents = built["documents"].set_index("doc_id")
    both = ledger[(ledger["target_fact_id"] != "") & (ledger["result_fact_id"] != "")]
    assert len(both) >= 50
    assert set(both["result_kind"]) <= {"actual", "estimate"}
    assert (both["result_doc_id"] != both["target_doc_id"]).all()
    later = both["result_doc_id"].map(documents["delivered_year"]).astype(int)
    assert (later > both["target_doc_id"].map(documents["delivered_year"]).astype(int)).all()
    assert (both["result_period"] == both["year"].astype(str)).all()  # the full target year
    assert set(both["pair_reason"]) <= set(PAIR_REASONS)
    fuzzy = both[both["pair_reason"] == "fuzzy"]
    assert fuzzy["pair_score"].between(80, 100).all()
    assert (both.loc[both["pair_reason"] != "fuzzy", "pair_score"] == 100).all()


def test_ledger_rows_stay_in_their_district(built: dict) -> None:
    ledger = built["comparisons"]
    district = built["documents"].set_index("doc_id")["district"]
    for side in ("target", "result"):
        ids = ledger[f"{side}_doc_id"]
        shown = ids != ""
        assert (ids[shown].map(district) == ledger.loc[shown, "district"]).all()
