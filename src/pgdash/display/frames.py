"""Data frames as the reader sees them: formatted values, translated headers, document text as text.

Dataframes show cell text literally, so document quotes are safe in them.
"""

import math
from collections.abc import Mapping

import pandas as pd

from pgdash.display.formatting import (
    UNIT_EN,
    date_text,
    english_scale,
    fact_value,
    format_period,
    is_missing,
)
from pgdash.display.i18n import kind_name, metric_name, section_path, sector_name, t, translated


def facts_view(
    facts: pd.DataFrame,
    documents: pd.DataFrame,
    lang: str,
    glossary: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every fact with readable columns; ``fact_id`` kept last to find the selected row.

    Section headings are shown in ``lang`` where ``glossary`` has them; quotes stay Chinese.
    """
    glossary = glossary or {}
    titles = dict(
        zip(documents["doc_id"], documents["title_en" if lang == "en" else "title"], strict=True)
    )
    frame = pd.DataFrame(
        {
            t("measure", lang): [metric_name(f, lang) for _, f in facts.iterrows()],
            t("value", lang): [fact_value(f, lang) for _, f in facts.iterrows()],
            t("number", lang): [shown_number(f, lang) for _, f in facts.iterrows()],
            t("period", lang): [format_period(p, lang) for p in facts["period"]],
            t("kind", lang): [kind_name(k, lang) for k in facts["kind"]],
            t("sector", lang): [sector_name(s, lang) for s in facts["sector"]],
            t("document", lang): [titles.get(d, d) for d in facts["doc_id"]],
            t("section", lang): [section_path(s, lang, glossary) for s in facts["section"]],
            t("quote", lang): facts["quote"].tolist(),
            t("headline", lang): facts["headline"].tolist(),
            "fact_id": facts["fact_id"].tolist(),
        }
    )
    return frame


def shown_number(fact: pd.Series, lang: str) -> float:
    """The number the value column shows, to sort by: in English in the magnitude the value
    is written in (17.5 beside "17.5 bn yuan", not the 175 of 175亿元)."""
    value = float(fact["value"])
    if lang != "en" or fact["is_rank"] or "分之" in str(fact.get("raw", "")):
        return value
    if not is_missing(fact.get("value_max")):
        return value  # a range shows its lower bound as written
    unit, std = fact["unit"], fact.get("value_std")
    if unit in UNIT_EN or is_missing(std) or fact.get("unit_std") is None:
        return value
    return english_scale(float(std), str(fact["unit_std"]))[0]


def column_px(texts: list[str], cap: int = 360) -> int:
    """A column width in pixels that shows the longest of ``texts`` whole (up to ``cap``):
    Chinese characters count as 14 px, others as 7.5 px, plus the cell's padding."""

    def width(text: str) -> float:
        return sum(14 if ord(c) > 0x2E80 else 7.5 for c in text)

    return math.ceil(min(cap, 28 + max((width(x) for x in texts), default=0)))


def sites_view(sites: pd.DataFrame, lang: str, towns: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sites and routes (towns are on the map) with sector, town and description; each
    town named from ``towns`` (the whole district's sites: a sector's cut has no towns)."""
    shown = sites[sites["kind"] != "town"]
    towns = sites if towns is None else towns
    return pd.DataFrame(
        {
            t("name", lang): [
                s.name_en if lang == "en" and s.name_en else s.name for s in shown.itertuples()
            ],
            t("sector", lang): [sector_name(s, lang) for s in shown["sector"]],
            t("town", lang): [town_name(town, towns, lang) for town in shown["town"]],
            t("description", lang): shown["description"].tolist(),
            t("location_source", lang): [
                t("location_curated", lang, km=f"{km:g}") for km in shown["accuracy_km"]
            ],
        }
    )


def town_name(town: str, sites: pd.DataFrame, lang: str) -> str:
    """A town's name in ``lang``: in English the ``name_en`` of its town row, if any."""
    if lang != "en" or not town:
        return town
    rows = sites[(sites["kind"] == "town") & (sites["name"] == town)]
    english = str(rows["name_en"].iloc[0]) if len(rows) else ""
    return english or town


def documents_view(
    documents: pd.DataFrame, lang: str, glossary: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The source documents as a leader reads them: title, kind, date (written as every
    page writes it) and publisher (the length and checksum are in :func:`checksums_view`)."""
    return pd.DataFrame(
        {
            t("title", lang): documents["title_en" if lang == "en" else "title"].tolist(),
            t("kind", lang): [t(f"doc_kind_{k}", lang) for k in documents["kind"]],
            t("published", lang): [date_text(d, lang) for d in documents["published"]],
            t("publisher", lang): [
                translated(p, lang, glossary or {}) for p in documents["publisher"]
            ],
        }
    )


def checksums_view(documents: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The source files' technical details: title, length and the full SHA-256 checksum."""
    return pd.DataFrame(
        {
            t("title", lang): documents["title_en" if lang == "en" else "title"].tolist(),
            t("chars", lang): documents["chars"].tolist(),
            t("sha256", lang): [str(s) for s in documents["sha256"]],
        }
    )
