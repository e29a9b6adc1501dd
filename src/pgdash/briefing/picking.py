"""Which facts a slide shows, in which order, and how each becomes a key figure."""

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pgdash.briefing.model import Kpi, Source
from pgdash.display.formatting import date_beside, fact_period, fact_value
from pgdash.display.i18n import kind_name
from pgdash.display.kpi import GrowthIndex, sentence_extras

Fact = Mapping[str, Any]  # one row of the facts table

# Results first, then what was promised: a briefing leads with what happened.
KIND_ORDER = {"actual": 0, "estimate": 1, "target": 2, "plan": 3}


def ranked(
    facts: pd.DataFrame, documents: pd.DataFrame, compared: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Facts in briefing order: headline figures in catalogue order, then figures that are
    ``compared`` with a target or a later result, results before targets, then documents'
    text order."""
    doc_order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    keys = {
        "_plan": facts["kind"] == "plan",  # a plan is never the lead figure of a slide
        "_headline": facts["headline_rank"].where(facts["headline"], math.inf),
        "_compared": ~facts["fact_id"].isin(compared),
        "_kind": facts["kind"].map(KIND_ORDER).fillna(len(KIND_ORDER)),
        "_doc": facts["doc_id"].map(doc_order).fillna(len(doc_order)),
    }
    keyed = facts.assign(**keys).sort_values([*keys, "start"], kind="stable")
    return keyed.drop(columns=list(keys))


def distinct_metrics(facts: pd.DataFrame) -> pd.DataFrame:
    """The first fact of each (metric, period, kind): no figure is shown twice on a slide."""
    return facts.drop_duplicates(subset=["metric", "period", "kind"], keep="first")


def latest_per_metric(facts: pd.DataFrame, documents: pd.DataFrame, limit: int) -> pd.DataFrame:
    """Headline measures in catalogue order, each by its newest reported figure (the latest
    document's result, else its target): what a briefing opens with. A plan (规划至2035年)
    is never shown as the latest figure."""
    headline = facts[facts["headline"].astype(bool) & (facts["kind"] != "plan")]
    doc_order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    newest = headline.assign(
        _result=headline["kind"].isin(["actual", "estimate"]),
        _doc=headline["doc_id"].map(doc_order),
    ).sort_values(["_result", "_doc", "start"], kind="stable")
    latest = newest.drop_duplicates(subset="metric", keep="last")
    first_rank = headline.groupby("metric")["headline_rank"].min()
    order = latest["metric"].map(first_rank).rename("_order")
    return (
        latest.assign(_order=order)
        .sort_values("_order", kind="stable")
        .head(limit)[list(facts.columns)]
    )


def newest_per_metric(facts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Each measure's figures of its newest document only, in the order given: a briefing
    shows 博士农场汇聚博士 411人 (2024), not also the 175人 of 2022."""
    doc_order = facts["doc_id"].map({d: i for i, d in enumerate(documents["doc_id"])})
    newest = doc_order.groupby(facts["metric"]).transform("max")
    return facts[doc_order == newest]


def top(
    facts: pd.DataFrame,
    documents: pd.DataFrame,
    limit: int,
    compared: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """The ``limit`` facts a slide about ``facts`` should lead with."""
    return distinct_metrics(ranked(facts, documents, compared)).head(limit)


def compared_ids(comparisons: pd.DataFrame) -> frozenset[str]:
    """Ids of the facts that comparisons pair (results, targets, latest figures)."""
    columns = [c for c in comparisons.columns if c.endswith("fact_id")]
    return frozenset(v for c in columns for v in comparisons[c] if v)


def sources(documents: pd.DataFrame, lang: str) -> dict[str, Source]:
    """doc_id → its footnote source, titled and dated in the slide's language as every
    page writes a date (2024年8月19日 / 19 August 2024)."""
    out = {}
    for doc in documents.itertuples():
        title = doc.title_en if lang == "en" and doc.title_en else doc.title
        out[doc.doc_id] = Source(doc.doc_id, title, date_beside(title, doc.published, lang))
    return out


def metric_label(fact: Fact, lang: str) -> str:
    """The metric's name in ``lang``; the Chinese name when no English one was curated."""
    english = fact["metric_en"]
    return (
        english if lang == "en" and isinstance(english, str) and english.strip() else fact["metric"]
    )


def to_kpi(
    fact: Fact, source: Source, lang: str, group: str = "", role: str = "", note: str = ""
) -> Kpi:
    """A facts row as a key figure with its footnote source."""
    return Kpi(
        fact_id=fact["fact_id"],
        label=metric_label(fact, lang),
        value=fact_value(fact, lang),
        period=fact_period(fact, lang),
        kind=kind_name(fact["kind"], lang),
        quote=fact["quote"],
        source=source,
        group=group,
        role=role,
        note=note,
        fact_kind=str(fact["kind"]),
    )


def sentence_notes(
    facts: pd.DataFrame, index: GrowthIndex, ranks: dict[str, list[dict]], lang: str
) -> dict[str, str]:
    """fact_id → what else its sentence says of it: the growth rate stated right after it
    and the ranks of either (175亿元 → 同比增长7.5% · 全市第二); ``index`` from
    ``kpi.growth_index``, ``ranks`` from ``queries.attach_ranks``."""
    notes = {}
    for fact in facts.to_dict("records"):
        extra, badges = sentence_extras(fact, index, ranks, lang)
        notes[fact["fact_id"]] = " · ".join(p for p in (extra, *badges) if p)
    return notes


def to_kpis(
    facts: pd.DataFrame,
    docs: dict[str, Source],
    lang: str,
    group: str = "",
    notes: dict[str, str] | None = None,
) -> list[Kpi]:
    """Every row of ``facts`` as a key figure, in order, with its sentence's ``notes``."""
    notes = notes or {}
    return [
        to_kpi(f, docs[f["doc_id"]], lang, group, note=notes.get(f["fact_id"], ""))
        for f in facts.to_dict("records")
    ]
