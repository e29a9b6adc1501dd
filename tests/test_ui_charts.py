"""Charts: never two units on one axis, labelled with units, in the reader's language."""

import re

import pytest
import synthetic

from pgdash.ui import charts

CJK = re.compile(r"[\u4e00-\u9fff]")


def _layers(spec: dict) -> list[dict]:
    out = []
    for layer in spec.get("layer", []):
        out.extend(_layers(layer) if "layer" in layer else [layer])
    return out


@pytest.fixture(scope="module")
def comparisons():
    return synthetic.comparisons_frame()


def test_rates_share_a_chart_and_every_other_measure_has_its_own(comparisons):
    made = charts.comparison_charts(comparisons, "zh")
    rates = comparisons[comparisons["unit"] == "%"]
    others = comparisons[comparisons["unit"] != "%"]
    assert [name for name, _ in made] == ["rates"] + [f"measure-{i}" for i in others.index]
    assert len(rates) == 2


def test_no_chart_mixes_units(comparisons):
    for _, chart in charts.comparison_charts(comparisons, "zh"):
        spec = chart.to_dict()
        values = spec["datasets"][next(iter(spec["datasets"]))]
        assert len({row["unit"] for row in values}) == 1


def test_each_chart_plots_result_target_and_latest_that_exist(comparisons):
    points = charts.comparison_points(comparisons, "zh")
    expected = int(comparisons[["result_2022", "target_2023", "latest_value"]].notna().sum().sum())
    assert len(points) == expected
    gdp = points[points["measure"] == "地区生产总值增速"].set_index("series_id")
    assert gdp.loc["target", "label"] == "5%左右" and gdp.loc["latest", "period"] == "2024年上半年"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axes_name_the_unit(comparisons, lang):
    for _, chart in charts.comparison_charts(comparisons, lang):
        spec = chart.to_dict()
        x_titles = [
            layer["encoding"]["x"].get("title")
            for layer in _layers(spec)
            if "title" in layer["encoding"].get("x", {})
        ]
        assert x_titles, "every chart has an x-axis title"
        unit = spec["datasets"][next(iter(spec["datasets"]))][0]["unit"]
        shown = charts.UNIT_EN.get(unit, unit) if lang == "en" else unit
        assert all(shown in title for title in x_titles)


def test_english_charts_have_no_chinese_chrome(comparisons):
    for _, chart in charts.comparison_charts(comparisons, "en"):
        spec = chart.to_dict()
        chrome = [spec.get("title", {}).get("text", "")]
        for layer in _layers(spec):
            for channel in layer["encoding"].values():
                if isinstance(channel, dict) and isinstance(channel.get("title"), str):
                    chrome.append(channel["title"])
                for tip in channel if isinstance(channel, list) else []:
                    chrome.append(tip.get("title", ""))
        assert not any(CJK.search(text) for text in chrome), chrome


def test_rank_axis_runs_from_worst_to_first(comparisons):
    ranked = comparisons.copy()
    ranked.loc[0, ["unit", "measure"]] = ["名次", "地区生产总值增速全市排名"]
    _, chart = charts.comparison_charts(ranked, "zh")[1]
    x = next(
        layer["encoding"]["x"]
        for layer in _layers(chart.to_dict())
        if "scale" in layer["encoding"]["x"]
    )
    assert x["scale"]["reverse"] is True


def test_chart_heights_grow_with_rows(comparisons):
    _, chart = charts.comparison_charts(comparisons, "zh")[0]
    assert charts.height_of(chart) == charts.chart_height(2)
    assert charts.chart_height(4) > charts.chart_height(2)


def test_sector_counts_chart_counts_facts(synth):
    spec = charts.sector_counts_chart(synth.facts, "zh").to_dict()
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert sum(row["count"] for row in values) == len(synth.facts)
    assert spec["encoding"]["x"]["title"] == "条目数（条）"
