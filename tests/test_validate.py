"""The validate stage refuses honours and main targets that do not quote their document."""

import pandas as pd
import pytest

from pgdash.errors import PgdashError
from pgdash.pipeline.validate.checks import check_passages, check_related
from pgdash.schema import empty_frame

TEXT = {"r": "我区荣获国家生态文明建设示范区。目标：增长5%。"}
FACTS = pd.DataFrame({"fact_id": ["f1"]})


def honours(**change) -> pd.DataFrame:
    row = {"doc_id": "r", "title": "国家生态文明建设示范区", "holder": "",
           "clause": "我区荣获国家生态文明建设示范区", "start": 0, "end": 15,
           "sector": "ecology", "is_national": True}  # fmt: skip
    return pd.DataFrame([{**row, **change}])


def targets(**change) -> pd.DataFrame:
    row = {"doc_id": "r", "clause_no": 1, "clause": "增长5%", "start": 19, "end": 23,
           "fact_ids": ["f1"]}  # fmt: skip
    return pd.DataFrame([{**row, **change}])


def test_good_tables_pass() -> None:
    check_passages(honours(), targets(), FACTS, TEXT)


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        ("honours", {"start": 1}, "table honours: r @1: the clause is not at 1-15"),
        ("honours", {"sector": "space"}, "table honours: column sector has unknown value"),
        ("honours", {"doc_id": "x"}, "table honours: column doc_id has unknown value"),
        ("main_targets", {"end": 22}, "table main_targets: r @19: the clause is not at 19-22"),
        ("main_targets", {"fact_ids": ["f9"]}, "table main_targets: column fact_ids names unknown"),
    ],
)
def test_a_clause_off_its_text_or_an_unknown_reference_is_refused(
    table: str, change: dict, message: str
) -> None:
    h = honours(**change) if table == "honours" else honours()
    t = targets(**change) if table == "main_targets" else targets()
    with pytest.raises(PgdashError, match=message):
        check_passages(h, t, FACTS, TEXT)


def test_a_title_named_twice_is_refused() -> None:
    with pytest.raises(PgdashError, match="occurs twice"):
        check_passages(pd.concat([honours(), honours()]), targets(), FACTS, TEXT)


def ledger(**change) -> pd.DataFrame:
    """One comparisons row whose target and result are paired, with ``change``."""
    row = {"target_fact_id": "f1", "result_fact_id": "f1", "sector": "economy",
           "pair_reason": "fuzzy", "pair_score": 86.0}  # fmt: skip
    return pd.DataFrame([{**row, **change}])


@pytest.mark.parametrize(
    ("change", "ok"),
    [
        ({}, True),
        ({"pair_reason": "phrase", "pair_score": 100.0}, True),
        ({"pair_reason": "", "pair_score": float("nan")}, True),
        ({"pair_reason": "guess"}, False),
        ({"pair_score": 140.0}, False),
        ({"pair_score": float("nan")}, False),
    ],
)
def test_a_ledger_row_says_why_it_was_paired(change: dict, ok: bool) -> None:
    tasks, sites = empty_frame("tasks"), empty_frame("sites")
    if ok:
        check_related(ledger(**change), tasks, sites, FACTS)
    else:
        with pytest.raises(PgdashError, match="pair_"):
            check_related(ledger(**change), tasks, sites, FACTS)
