"""Data frames as the reader sees them: formatted values, translated headers, document text as text.

Dataframes show cell text literally, so document quotes are safe in them.
"""

from collections.abc import Mapping

import pandas as pd

from pgdash.display.formatting import fact_value, format_period
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
            t("number", lang): facts["value"].tolist(),  # sortable as a number
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


def sites_view(sites: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Sites and routes (towns are on the map) with sector, town and description."""
    shown = sites[sites["kind"] != "town"]
    return pd.DataFrame(
        {
            t("name", lang): [
                s.name_en if lang == "en" and s.name_en else s.name for s in shown.itertuples()
            ],
            t("sector", lang): [sector_name(s, lang) for s in shown["sector"]],
            t("town", lang): [town_name(town, sites, lang) for town in shown["town"]],
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
    """The source documents: title, kind, date, publisher, length and checksum."""
    return pd.DataFrame(
        {
            t("title", lang): documents["title_en" if lang == "en" else "title"].tolist(),
            t("kind", lang): [t(f"doc_kind_{k}", lang) for k in documents["kind"]],
            t("published", lang): documents["published"].tolist(),
            t("publisher", lang): [
                translated(p, lang, glossary or {}) for p in documents["publisher"]
            ],
            t("chars", lang): documents["chars"].tolist(),
            "SHA-256": [str(s)[:16] + "…" for s in documents["sha256"]],
        }
    )
