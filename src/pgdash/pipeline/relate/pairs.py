"""Target → result pairs by what is measured, for figures no curated measure covers.

A work report's target for its own year (``targets_year``; kind target, that full year) is
paired with the result of that year (actual or estimate, that full year) in the next work
report of the **same district** — the one that reviews the year. Two figures pair when their
units measure the same thing (:func:`phrases.same_dimension`) and their metric phrases,
normalised (:func:`phrases.normalise`), are the same (reason ``phrase``) or close enough by
rapidfuzz's score (reason ``fuzzy``, at least ``MIN_SCORE``).

Precision first — no pair rather than a wrong one:

- a target is never paired with a target, nor with a part-year, other-year or to-date figure;
- phrases that name no one thing (项目, 企业, a bare unit), ranks, category counts (三大) and
  phrases cut by a misread number (供应6…) take no part;
- a flow promised (新增 400 家) is not paired with a stock reported (达 1880 家, 总数);
- counts whose result is more than ``MAX_RATIO`` times the target, or less than its
  inverse, are not the same count;
- a target whose best candidates tie between different figures is left unpaired, and each
  result serves one target.

The same report text read twice (a lead-in and a wire copy) gives each figure twice; the
copies count as one.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pgdash.pipeline.relate.phrases import normalise, same_dimension, similarity

MIN_SCORE = 80.0  # rapidfuzz ratio of the normalised phrases, 0–100
MAX_RATIO = 10.0  # a count's result within a tenth to ten times its target
RESULT_KINDS = ("actual", "estimate")
RATE_UNITS = ("%", "％", "个百分点", "百分点")
NOT_MEASURES = frozenset(
    {
        "项目", "企业", "机构", "投资", "总投资", "小区", "社区", "学校", "活动", "资金",
        "任务", "工程", "人才", "人员", "单位", "面积", "规模", "占比", "比重", "增速",
        "增长", "数量", "总额", "设施", "平台", "场所", "企业家", "家", "个", "其中",
        "增加值", "增加值增速", "收入", "产值", "营收", "税收", "比例", "覆盖率",
    }
)  # fmt: skip
CATEGORY_UNITS = frozenset({"大", "次", "届", "年"})  # 三大 …, 二次 (session), 连续六年
FLOW_WORDS = ("新增", "新建", "新改扩建", "新改建", "引进", "引育", "新开工", "新认定")
STOCK_WORDS = ("总数", "总量", "累计", "存量")
STOCK_BEFORE = re.compile(r"(达到?|增至|总数[为达]?|总量|累计[达为]?|共有|拥有)[约近超]?$")
_UNIT_WORD = re.compile(r"^[万亿千百]?[元美]")


Fact = Mapping[str, Any]  # a facts row with its document's columns (a dict or a Series)


@dataclass(frozen=True)
class Pair:
    """A target fact paired with a result fact, and why."""

    target_id: str
    result_id: str
    reason: str  # phrase | fuzzy
    score: float  # 100 for the same phrase, else rapidfuzz's score


def _usable(fact: Fact, phrase: str) -> bool:
    """Whether a fact's phrase and unit name one measurable thing."""
    metric = str(fact["metric"])
    return not (
        bool(fact["is_rank"])
        or str(fact["unit"]) in CATEGORY_UNITS
        or len(phrase) < 2
        or phrase in NOT_MEASURES
        or _UNIT_WORD.match(phrase) is not None
        or metric[-1:].isdigit()  # a number read in two pieces: 供应6千套 → 供应6 | 1000套
    )


def _is_stock(fact: Fact) -> bool:
    """Whether the figure is a running total: 总数 in its phrase, or 达/增至 before it."""
    if any(word in str(fact["metric"]) for word in STOCK_WORDS):
        return True
    quote, offset = str(fact["quote"]), int(fact["start"]) - int(fact["quote_start"])
    return 0 <= offset <= len(quote) and STOCK_BEFORE.search(quote[:offset]) is not None


def _is_flow(fact: Fact) -> bool:
    return any(word in str(fact["metric"]) for word in FLOW_WORDS)


def _close_in_size(target: Fact, result: Fact) -> bool:
    """A count's result within ``MAX_RATIO`` of its target (rates are not checked)."""
    if str(target["unit"]) in RATE_UNITS:
        return True
    a, b = float(target["value_std"]), float(result["value_std"])
    if not (math.isfinite(a) and math.isfinite(b)) or a <= 0 or b <= 0:
        return False
    return 1 / MAX_RATIO <= b / a <= MAX_RATIO


def score(target: Fact, result: Fact) -> tuple[str, float] | None:
    """Why a target and a result are the same measure (reason, score), or None."""
    return _score(
        target, result, normalise(str(target["metric"])), normalise(str(result["metric"]))
    )


def _score(target: Fact, result: Fact, a: str, b: str) -> tuple[str, float] | None:
    if not same_dimension(str(target["unit"]), str(result["unit"])):
        return None
    if _is_flow(target) and _is_stock(result):
        return None
    if not _close_in_size(target, result):
        return None
    if a == b:
        return "phrase", 100.0
    found = similarity(a, b)
    return ("fuzzy", found) if found >= MIN_SCORE else None


def _records(frame: pd.DataFrame) -> list[dict]:
    """The usable facts of districted work reports, each once, with its normalised phrase
    (a text read twice states each figure twice: the copies count as one)."""
    reports = frame[(frame["doc_kind"] == "work_report") & (frame["district"] != "")]
    reports = reports[
        (reports["kind"] == "target") | reports["kind"].isin(RESULT_KINDS)
    ].sort_values(["doc_id", "start"])
    seen: set[tuple] = set()
    records = []
    for fact in reports.to_dict("records"):
        fact["phrase"] = normalise(str(fact["metric"]))
        key = tuple(fact[c] for c in ("doc_id", "phrase", "value", "unit", "kind", "period"))
        if key in seen or not _usable(fact, fact["phrase"]):
            continue
        seen.add(key)
        records.append(fact)
    return records


def _sides(records: list[dict]) -> tuple[list[dict], dict[tuple[str, int], list[dict]]]:
    """Targets of work reports for their own year, and full-year results of work reports by
    district and reviewed year."""
    targets = [
        r
        for r in records
        if r["kind"] == "target" and r["targets_year"] and r["period"] == str(r["targets_year"])
    ]
    results: dict[tuple[str, int], list[dict]] = {}
    for r in records:
        if (
            r["kind"] in RESULT_KINDS
            and r["reviews_year"]
            and r["period"] == str(r["reviews_year"])
        ):
            results.setdefault((r["district"], int(r["reviews_year"])), []).append(r)
    return targets, results


def _best(target: dict, candidates: list[dict]) -> Pair | None:
    """The one result that fits the target best, or None when none fits or two tie."""
    scored = []
    for result in candidates:
        if result["doc_id"] == target["doc_id"]:
            continue
        why = _score(target, result, target["phrase"], result["phrase"])
        if why is not None:
            scored.append((why, result))
    if not scored:
        return None
    best = max(why[1] for why, _ in scored)
    top = [(why, r) for why, r in scored if why[1] == best]
    if len({(r["phrase"], float(r["value_std"])) for _, r in top}) > 1:
        return None  # two different figures fit as well: no pair rather than a guess
    (reason, value), result = top[0]
    return Pair(str(target["fact_id"]), str(result["fact_id"]), reason, value)


def phrase_pairs(frame: pd.DataFrame) -> list[Pair]:
    """Pairs of the facts in ``frame`` (facts with their document's ``district``,
    ``doc_kind``, ``delivered_year``, ``reviews_year`` and ``targets_year``)."""
    if frame.empty:
        return []
    targets, results = _sides(_records(frame))
    found = []
    for target in targets:
        pair = _best(target, results.get((target["district"], int(target["targets_year"])), []))
        if pair is not None:
            found.append((-pair.score, int(target["start"]), pair.target_id, pair))
    chosen: list[Pair] = []
    used: set[str] = set()
    for *_, pair in sorted(found, key=lambda item: item[:3]):
        if pair.result_id not in used:  # each result serves one target, the closest first
            used.add(pair.result_id)
            chosen.append(pair)
    return chosen
