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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Pair:
    """A target fact paired with a result fact, and why."""

    target_id: str
    result_id: str
    reason: str  # phrase | fuzzy
    score: float  # 100 for the same phrase, else rapidfuzz's score


def _usable(fact: pd.Series) -> bool:
    """Whether a fact's phrase and unit name one measurable thing."""
    metric = str(fact["metric"])
    phrase = normalise(metric)
    return not (
        bool(fact["is_rank"])
        or str(fact["unit"]) in CATEGORY_UNITS
        or len(phrase) < 2
        or phrase in NOT_MEASURES
        or _UNIT_WORD.match(phrase) is not None
        or metric[-1:].isdigit()  # a number read in two pieces: 供应6千套 → 供应6 | 1000套
    )


def _is_stock(fact: pd.Series) -> bool:
    """Whether the figure is a running total: 总数 in its phrase, or 达/增至 before it."""
    if any(word in str(fact["metric"]) for word in STOCK_WORDS):
        return True
    quote, offset = str(fact["quote"]), int(fact["start"]) - int(fact["quote_start"])
    return 0 <= offset <= len(quote) and STOCK_BEFORE.search(quote[:offset]) is not None


def _is_flow(fact: pd.Series) -> bool:
    return any(word in str(fact["metric"]) for word in FLOW_WORDS)


def _close_in_size(target: pd.Series, result: pd.Series) -> bool:
    """A count's result within ``MAX_RATIO`` of its target (rates are not checked)."""
    if str(target["unit"]) in RATE_UNITS:
        return True
    a, b = float(target["value_std"]), float(result["value_std"])
    if not (math.isfinite(a) and math.isfinite(b)) or a <= 0 or b <= 0:
        return False
    return 1 / MAX_RATIO <= b / a <= MAX_RATIO


def score(target: pd.Series, result: pd.Series) -> tuple[str, float] | None:
    """Why a target and a result are the same measure (reason, score), or None."""
    if not same_dimension(str(target["unit"]), str(result["unit"])):
        return None
    if _is_flow(target) and _is_stock(result):
        return None
    if not _close_in_size(target, result):
        return None
    a, b = normalise(str(target["metric"])), normalise(str(result["metric"]))
    if a == b:
        return "phrase", 100.0
    found = similarity(a, b)
    return ("fuzzy", found) if found >= MIN_SCORE else None


def _once(facts: pd.DataFrame) -> pd.DataFrame:
    """One fact per document, phrase, value and unit (a text read twice states each twice)."""
    keys = facts.assign(_phrase=facts["metric"].map(normalise))
    return facts[~keys.duplicated(["doc_id", "_phrase", "value", "unit", "kind", "period"])]


def _sides(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets of work reports for their own year, and full-year results of work reports."""
    reports = frame[(frame["doc_kind"] == "work_report") & (frame["district"] != "")]
    reports = _once(reports[reports.apply(_usable, axis=1)]) if not reports.empty else reports
    targets = reports[
        (reports["kind"] == "target")
        & (reports["targets_year"] > 0)
        & (reports["period"] == reports["targets_year"].astype(str))
    ]
    results = reports[
        reports["kind"].isin(RESULT_KINDS)
        & (reports["reviews_year"] > 0)
        & (reports["period"] == reports["reviews_year"].astype(str))
    ]
    return targets, results


def phrase_pairs(frame: pd.DataFrame) -> list[Pair]:
    """Pairs of the facts in ``frame`` (facts with their document's ``district``,
    ``doc_kind``, ``delivered_year``, ``reviews_year`` and ``targets_year``)."""
    if frame.empty:
        return []
    targets, results = _sides(frame)
    found: list[tuple[float, int, Pair]] = []
    for _, target in targets.iterrows():
        later = results[
            (results["district"] == target["district"])
            & (results["reviews_year"] == target["targets_year"])
            & (results["doc_id"] != target["doc_id"])
        ]
        scored = []
        for _, result in later.iterrows():
            why = score(target, result)
            if why is not None:
                scored.append((why[1], result))
        if not scored:
            continue
        best = max(s for s, _ in scored)
        top = [r for s, r in scored if s == best]
        if len({(normalise(str(r["metric"])), float(r["value_std"])) for r in top}) > 1:
            continue  # two different figures fit as well: no pair rather than a guess
        result = top[0]
        reason, value = score(target, result) or ("", 0.0)
        found.append(
            (value, int(target["start"]), Pair(target["fact_id"], result["fact_id"], reason, value))
        )
    chosen: list[Pair] = []
    used: set[str] = set()
    for _, _, pair in sorted(found, key=lambda item: (-item[0], item[1], item[2].target_id)):
        if pair.result_id not in used:
            used.add(pair.result_id)
            chosen.append(pair)
    return chosen
