"""Every interface label exists in Chinese and English; English has no Chinese in it."""

import re
import string

import pandas as pd
import pytest

from pgdash.display.i18n import LABELS, kind_name, metric_name, sector_name, t
from pgdash.sectors import SECTORS

CJK = re.compile(r"[\u4e00-\u9fff]")
# Brand and document words English labels may quote (shown as examples to type).
# the search hints that Chinese works; the sectors page explains the 高, 大, 尚 it shows
ALLOWED_IN_ENGLISH = {"search_placeholder", "sectors_sub"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_label_has_both_languages_with_the_same_placeholders(key):
    zh, en = LABELS[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)
    words = re.sub(r"\{[^}]*\}", "", en)
    if re.search(r"[A-Za-z]", words):  # a label with words (not just "{i} / {n}") is translated
        assert CJK.search(zh), f"{key}: the Chinese label is not Chinese"


@pytest.mark.parametrize("key", sorted(set(LABELS) - ALLOWED_IN_ENGLISH))
def test_english_label_has_no_chinese(key):
    assert not CJK.search(LABELS[key][1]), LABELS[key][1]


@pytest.mark.parametrize("sector", SECTORS, ids=lambda s: s.id)
def test_sector_names(sector):
    assert sector_name(sector.id, "zh") == sector.zh
    assert sector_name(sector.id, "en") == sector.en


def test_unknown_sector_is_shown_as_is():
    assert sector_name("nowhere", "zh") == "nowhere"


def test_metric_name_prefers_metric_en_in_english():
    fact = pd.Series({"metric": "农业总产值", "metric_en": "Agricultural output"})
    assert metric_name(fact, "en") == "Agricultural output"
    assert metric_name(fact, "zh") == "农业总产值"
    assert metric_name(pd.Series({"metric": "农业总产值", "metric_en": " "}), "en") == "农业总产值"


def test_placeholders_are_filled():
    assert t("n_of_m_facts", "zh", n=3, m=10) == "显示 3 / 10 条数据"
    assert t("n_of_m_facts", "en", n=3, m=10) == "Showing 3 of 10 figures"


@pytest.mark.parametrize(
    ("kind", "zh", "en"), [("estimate", "预计", "estimate"), ("odd", "odd", "odd")]
)
def test_kind_names(kind, zh, en):
    assert kind_name(kind, "zh") == zh and kind_name(kind, "en") == en


@pytest.mark.parametrize(
    ("n", "zh", "en"),
    [(4, "量化目标 4", "4 quantitative targets"), (1, "量化目标 1", "1 quantitative target")],
)
def test_a_count_of_quantified_tasks_reads_as_english(n, zh, en):
    from pgdash.display.fragments import quantified_count

    assert (quantified_count(n, "zh"), quantified_count(n, "en")) == (zh, en)


def test_the_sector_banner_breaks_between_its_parts_not_inside_a_name():
    from pgdash.display.fragments import sector_banner_html

    summary = pd.DataFrame([{"sector": "agritech", "facts": 25, "tasks": 15, "sites": 3}])
    html = sector_banner_html("agritech", summary, "zh")
    parts = re.findall(r'<span class="pg-banner-part">([^<]*)</span>', html)
    assert parts == ["高 · 农业高科技", sector_name("agritech", "zh")]


def test_the_app_and_the_ledger_share_one_label_mechanism() -> None:
    from pgdash.display import i18n
    from pgdash.labels import Labels
    from pgdash.supervision import labels

    assert isinstance(i18n.t, Labels) and isinstance(labels.t, Labels)
    assert labels.t("light_red", "en") == "Red" and i18n.t("page_supervision") == "督办"
    with pytest.raises(KeyError):
        labels.t("page_overview")  # each layer keeps its own words
