"""The slide model on a real build of the seeds: which slides, and every figure a fact."""

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from pgdash.briefing import Slide, build_slides
from pgdash.briefing import slide_html as slide_html
from pgdash.briefing.map_numbers import number_layer
from pgdash.briefing.slides import PAIRS_PER_SLIDE, THIN, even_chunks
from pgdash.display.formatting import (
    date_beside,
    date_text,
    fact_value,
    format_number,
    is_part_year,
)
from pgdash.display.i18n import status_text, t
from pgdash.display.safe import escape_text
from pgdash.errors import PgdashError
from pgdash.schema import STATUSES
from pgdash.sectors import PILLARS, SECTOR_IDS, SECTORS
from pgdash.tables import Dataset, load_tables

CJK = re.compile(r"[\u4e00-\u9fff]")
PILLAR_MARKS = set(PILLARS)  # 高 大 尚 are the slogan's own characters, kept in English


@pytest.fixture(scope="module")
def built(built_data: Path) -> Dataset:
    """The tables of the session's real build, read as the exports read them."""
    return load_tables(built_data)


def slides_of(built, sector: str | None = None, lang: str = "zh") -> list[Slide]:
    return build_slides(built, sector, lang)


def facts_by_id(built) -> pd.DataFrame:
    return built.facts.set_index("fact_id")


def sectors_with_facts(built, only: str | None = None) -> list[str]:
    present = set(built.facts["sector"])
    return [s.id for s in SECTORS if s.id in present and only in (None, s.id)]


def test_full_briefing_has_every_part_in_order(built) -> None:
    slides = slides_of(built)
    kinds = [s.kind for s in slides]
    assert kinds[:3] == ["title", "kpis", "pillars"]
    assert kinds.count("map") == 1
    assert "targets" in kinds
    assert kinds.index("targets") < kinds.index("map") < kinds.index("sector")
    assert slides[0].title == "平谷区发展简报"  # the district from the documents' metadata
    order = [s.zh for s in SECTORS]
    titles = [s.title for s in slides if s.kind == "sector"]
    assert titles == sorted(titles, key=order.index)  # sectors in the catalogue's order
    facts = facts_by_id(built)
    shown = {f for s in slides for f in s.fact_ids}
    assert set(facts.loc[list(shown), "sector"]) == set(sectors_with_facts(built))
    assert {k.group.split(" · ")[0] for k in slides[2].kpis} == PILLAR_MARKS


def test_logistics_briefing_shows_only_logistics(built) -> None:
    slides = slides_of(built, "logistics")
    facts = facts_by_id(built)
    assert [s.title for s in slides if s.kind == "sector"] == ["现代物流"]
    assert all(s.subtitle for s in slides if s.kind != "sector")
    assert slides[0].subtitle == t("present_scope_sector", "zh", sector="现代物流")
    assert "pillars" not in [s.kind for s in slides]  # one pillar would repeat the sector
    for slide in slides:
        for kpi in slide.kpis:
            assert facts.loc[kpi.fact_id, "sector"] == "logistics", slide.title
    sites = built.sites
    logistics_sites = set(sites[(sites["sector"] == "logistics") & (sites["kind"] == "site")].name)
    places = next(s for s in slides if s.kind == "map").places
    assert {p.name for p in places} == logistics_sites


def test_a_sector_without_sites_or_comparisons_drops_those_slides(built) -> None:
    comparisons, sites = built.comparisons, built.sites
    quiet = [
        s
        for s in sectors_with_facts(built)
        if s not in set(comparisons["sector"]) and s not in set(sites["sector"])
    ]
    if not quiet:
        pytest.skip("every sector with facts has sites or comparisons in this build")
    kinds = [s.kind for s in slides_of(built, quiet[0])]
    assert kinds in (["title", "kpis", "sector"], ["title", "sector"], ["title", "kpis"])


@pytest.mark.parametrize("sector", [None, "logistics", "economy"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_on_a_slide_is_a_fact_with_its_source(built, sector, lang) -> None:
    facts = facts_by_id(built)
    docs = built.documents.set_index("doc_id")
    for slide in slides_of(built, sector, lang):
        source_ids = {s.doc_id for s in slide.sources}
        for kpi in (*slide.kpis, *slide.figures):
            fact = facts.loc[kpi.fact_id]
            assert kpi.value == fact_value({**fact, "fact_id": kpi.fact_id}, lang)
            if lang == "zh" and not fact["is_rank"]:
                assert format_number(fact["value"]) in kpi.value  # 近14个百分点 too
            assert kpi.quote == fact["quote"]
            assert kpi.source.doc_id == fact["doc_id"] in source_ids
            published = docs.loc[fact["doc_id"], "published"]
            assert kpi.source.published == date_beside(kpi.source.title, published, lang)
            assert re.fullmatch(r"\[\d\]", slide.reference(kpi, lang))  # no internal id


def test_chart_bars_are_the_figures_of_their_facts(built) -> None:
    facts = facts_by_id(built)
    targets = [s for s in slides_of(built) if s.kind == "targets" and s.chart is not None]
    assert targets
    for slide in targets:
        assert slide.bars is not None and set(slide.bars["fact_id"]) == {
            k.fact_id for k in slide.figures
        }
        rows = slide.chart.args[0]  # the rows the bars are drawn from
        assert list(rows["fact_id"]) == [k.fact_id for k in slide.figures]
        for row in rows.itertuples():
            fact = facts.loc[row.fact_id]
            value = fact_value({**fact, "fact_id": row.fact_id}, "zh")
            # a part of a year is marked so, beside whole years' results and targets
            assert row.part_year == is_part_year(fact["period"])
            assert row.text == (t("bar_part_year", "zh", value=value) if row.part_year else value)
        spec = slide.chart(width=900, height=500).to_dict()
        assert spec["config"]["font"].startswith("'Noto Sans CJK SC'")
    marked = [r for s in targets for r in s.chart.args[0].itertuples() if r.part_year]
    assert marked  # the seeds' H1 2024 figures


def test_footnotes_name_document_and_date(built) -> None:
    docs = built.documents
    opening = slides_of(built)[0]
    for doc, line in zip(docs.itertuples(), opening.footnotes("zh"), strict=True):
        assert doc.title in line and date_text(doc.published, "zh") in line
    english = slides_of(built, lang="en")[0].footnotes("en")
    for doc, line in zip(docs.itertuples(), english, strict=True):
        assert doc.title_en in line and date_text(doc.published, "en") in line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_footnote_does_not_repeat_the_year_its_title_says(built, lang: str) -> None:
    """《2023年平谷区政府工作报告》, not …（2023年）; a full date is still given."""
    lines = slides_of(built, lang=lang)[0].footnotes(lang)
    for doc, line in zip(built.documents.itertuples(), lines, strict=True):
        title = doc.title_en if lang == "en" else doc.title
        published = str(doc.published)
        if len(published) == 4 and published in title:
            assert line.count(published) == 1
        else:
            assert date_text(published, lang) in line
    assert any(len(str(d)) == 4 for d in built.documents["published"])  # the case is met


def test_a_document_line_gives_a_year_only_when_its_title_lacks_it() -> None:
    from pgdash.display.formatting import date_beside

    assert date_beside("2023年平谷区政府工作报告", "2023", "zh") == ""
    assert date_beside("Work Report 2023", 2023, "en") == ""
    assert date_beside("平谷区政府工作报告", "2023", "zh") == "2023年"
    assert date_beside("2024 press conference", "2024-08-19", "en") == "19 August 2024"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_deck_writes_dates_as_the_pages_do(built, lang: str) -> None:
    """2024年8月19日 / 19 August 2024 on the title slide and in every footnote, as the
    sidebar and the sources page write them; never 2024-08-19."""
    slides = slides_of(built, lang=lang)
    assert date_text(built.as_of, lang) in slides[0].bullets[0]
    lines = [*slides[0].bullets, *(f for s in slides for f in s.footnotes(lang))]
    assert lines and not any(re.search(r"\d{4}-\d{1,2}", line) for line in lines)


def test_speaker_notes_read_out_each_figure_with_its_quote(built) -> None:
    for slide in slides_of(built, "logistics"):
        assert slide.notes, slide.title
        for kpi in (*slide.kpis, *slide.figures):
            assert kpi.value in slide.notes and kpi.quote in slide.notes


def test_english_briefing_has_english_titles_and_labels(built) -> None:
    slides = slides_of(built, lang="en")
    facts = facts_by_id(built)
    for slide in slides:
        assert not CJK.search(slide.title.translate({ord(c): None for c in PILLAR_MARKS}))
        assert not CJK.search(slide.subtitle.translate({ord(c): None for c in PILLAR_MARKS}))
        for kpi in (*slide.kpis, *slide.figures):
            assert kpi.label == facts.loc[kpi.fact_id, "metric_en"]
            assert not CJK.search(kpi.period + kpi.kind)
            assert CJK.search(kpi.quote)  # document quotes stay Chinese
        if slide.kind == "targets":
            assert not any(CJK.search(line) for line in slide.bullets)
    order = [s.en for s in SECTORS]
    titles = [s.title for s in slides if s.kind == "sector"]
    assert titles and titles == sorted(titles, key=order.index)


@pytest.mark.parametrize(
    ("sector", "lang", "message"),
    [("harbour", "zh", "unknown sector 'harbour'"), (None, "fr", "unknown language 'fr'")],
)
def test_unknown_sector_or_language_is_a_one_line_error(built, sector, lang, message) -> None:
    with pytest.raises(PgdashError, match=message):
        slides_of(built, sector, lang)


def test_all_is_the_whole_district(built) -> None:
    assert [s.title for s in slides_of(built, "all")] == [s.title for s in slides_of(built)]


def test_document_text_reaches_the_page_only_escaped(built) -> None:
    hostile = "<img src=x onerror=alert(1)> **bold** :red[x]"
    facts = built.facts.copy()
    facts["metric"] = hostile + facts["fact_id"]  # one measure per fact, as in a build
    facts["quote"] = hostile
    slides = build_slides(replace(built, facts=facts), None, "zh")
    kpis_slide = next(s for s in slides if s.kind == "kpis")
    markup = slide_html.tiles_html(kpis_slide, kpis_slide.kpis, 3, "zh")
    markup += slide_html.notes_html(kpis_slide, "zh")
    assert "<img" not in markup and "**" not in markup and ":red[" not in markup
    assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in markup


def test_every_slide_kind_has_its_html(built) -> None:
    for slide in slides_of(built):
        assert escape_text(slide.title) in slide_html.heading_html(slide)
        if slide.sources and slide.kind != "title":
            assert slide.sources[0].title in slide_html.footer_html(slide, "zh")


def test_tables_folder_without_boundary_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(PgdashError, match="rebuild with: python -m pgdash build"):
        load_tables(tmp_path)


def test_map_slide_numbers_its_sites_like_its_list(built) -> None:
    slide = next(s for s in slides_of(built, lang="en") if s.kind == "map")
    sites = built.sites
    expected = sites[sites["kind"] == "site"]
    assert [p.number for p in slide.places] == [str(i) for i in range(1, len(expected) + 1)]
    assert [p.name for p in slide.places] == list(expected["name_en"])
    assert list(slide.bullets) == [f"{p.number} {p.name}" for p in slide.places]
    layer = number_layer(slide.places, zoom=10)
    assert [d["number"] for d in layer.data] == [p.number for p in slide.places]
    for d, p in zip(layer.data, slide.places, strict=True):  # every number shows, at its dot
        assert abs(d["lon"] - p.lon) < 0.01 and abs(d["lat"] - p.lat) < 0.01  # or beside
    assert len({tuple(d["offset"]) for d in layer.data}) > 1  # crowded ones move aside


def test_every_comparison_status_has_english_words() -> None:
    for status, (chinese, _) in STATUSES.items():
        row = pd.Series({"status": status, "status_zh": chinese, "target_period": "2023"})
        assert status_text(row, "zh") == chinese.replace("{year}", "2023")
        assert status_text(row, "en") and not CJK.search(status_text(row, "en"))


def test_headline_slide_opens_with_the_headline_measures_not_compared_with_targets(
    built,
) -> None:
    """The results-against-targets slides own the compared measures (GDP growth beside its
    target); the headline slide leads with the other headline measures, newest first."""
    facts = facts_by_id(built)
    slides = slides_of(built)
    on_targets = facts.loc[[f for s in slides if s.kind == "targets" for f in s.fact_ids]]
    shown = facts.loc[[k.fact_id for k in slides[1].kpis]]
    lead = shown[shown["headline"]]
    assert len(lead) >= 3 and list(shown.index[: len(lead)]) == list(lead.index)
    assert lead["metric"].is_unique  # one tile per measure
    assert list(lead["headline_rank"]) == sorted(lead["headline_rank"])  # catalogue order
    assert not set(lead["metric"]) & set(on_targets["metric"])
    gdp = on_targets[on_targets["metric"] == "地区生产总值增速"]
    assert "2024H1" in set(gdp["period"])  # the newest GDP growth is on a targets slide
    for _, fact in lead.iterrows():  # … and each tile is its measure's newest result
        rivals = facts[
            (facts["metric"] == fact["metric"]) & facts["kind"].isin(["actual", "estimate"])
        ]
        assert fact["doc_id"] == max(rivals["doc_id"], key=list(built.documents["doc_id"]).index)


def test_each_pillar_leads_with_its_headline_measures_not_shown_before(built) -> None:
    facts = facts_by_id(built)
    slides = slides_of(built)
    before = [s for s in slides if s.kind in ("kpis", "targets")]
    earlier = set(facts.loc[[f for s in before for f in s.fact_ids], "metric"])
    pillars = slides[2].kpis
    for mark, sector_id in PILLARS.items():
        group = [k for k in pillars if k.group.startswith(mark)]
        headline = facts[(facts["sector"] == sector_id) & facts["headline"]]
        headline = headline[~headline["metric"].isin(earlier)]
        if not headline.empty:
            first = facts.loc[group[0].fact_id]
            expected = headline.sort_values("headline_rank")["metric"].iloc[0]
            assert first["headline"] and first["metric"] == expected


def test_results_against_targets_chart_one_unit_and_table_the_rest(built) -> None:
    slides = [s for s in slides_of(built) if s.kind == "targets"]
    charted = [s for s in slides if s.chart is not None]
    tabled = [s for s in slides if s.chart is None]
    units = built.comparisons.set_index("measure")["unit"]
    for slide in charted:  # one chart, one scale: growth rates only
        assert {units[p.measure] for p in slide.pairs} == {"%"}
        spec = slide.chart(width=900, height=500).to_dict()
        assert spec["resolve"]["scale"]["x"] == "shared"
    shown = [p.measure for s in slides for p in (*s.pairs, *s.table)]
    assert sorted(shown) == sorted(built.comparisons["measure"])  # every measure, once
    gdp = next(p for s in charted for p in s.pairs if p.measure == "地区生产总值增速")
    assert gdp.cells == {
        "result": "2022年实绩7%左右（预计）",  # as its fact is written everywhere
        "target": "2023年目标5%左右",
        "latest": "2024年上半年6.2%",
    }
    assert gdp.status == "半年数据，仅供参考" and gdp.tone == "neutral"
    assert tabled and all(len(s.pairs) <= 8 for s in tabled)
    html = slide_html.pairs_html(tabled[0].pairs, "zh")
    assert "pgs-good" not in html and "pgs-bad" not in html  # nothing in the sources is judged


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chart_of_unlike_periods_says_so_above_its_bars(built, lang) -> None:
    charted = [s for s in slides_of(built, lang=lang) if s.kind == "targets" and s.chart]
    spec = str(charted[0].chart(width=900, height=500).to_dict())
    caveat = "半年数据，仅供参考" if lang == "zh" else "(half-year figure"
    assert caveat in spec  # the warning is part of the chart, not only a bullet beside it


def test_no_plan_is_shown_as_a_headline_or_lead_figure(built) -> None:
    facts = facts_by_id(built)
    for sector in (None, "logistics"):
        for slide in slides_of(built, sector):
            if slide.kind in ("kpis", "pillars"):
                kinds = {facts.loc[k.fact_id, "kind"] for k in slide.kpis}
                assert "plan" not in kinds, slide.title


def test_a_headline_tile_carries_what_its_sentence_says(built) -> None:
    kpis = {k.label: k for k in slides_of(built)[1].kpis}
    industry = kpis["规模以上工业总产值"]
    assert (industry.value, industry.note) == ("175亿元", "同比增长7.5% · 全市第二")
    html = slide_html.tile_html(slides_of(built)[1], industry, "zh")
    assert escape_text("同比增长7.5%") in html and "编号" not in html


def test_map_image_numbers_do_not_overlap(built) -> None:
    from pgdash.briefing.charts import _thin_features, map_zoom, number_positions
    from pgdash.display.placement import project

    slide = next(s for s in slides_of(built) if s.kind == "map")
    sites = pd.DataFrame([p.__dict__ for p in slide.places])
    features = _thin_features(built.boundary)
    placed = number_positions(sites, features, 780, 470)
    zoom = map_zoom(sites, features, 780, 470)
    spots = [project(r.label_lon, r.label_lat, zoom) for r in placed.itertuples()]
    dots = [project(r.lon, r.lat, zoom) for r in placed.itertuples()]
    for i, (x, y) in enumerate(spots):
        for j, (u, v) in enumerate(spots[i + 1 :], start=i + 1):
            assert abs(x - u) > 15 or abs(y - v) > 15, (slide.places[i], slide.places[j])
        for u, v in dots:  # no number sits on a dot
            assert abs(x - u) > 8 or abs(y - v) > 8


@pytest.mark.parametrize(
    ("rows", "most", "sizes"),
    [(7, 6, [4, 3]), (9, 8, [5, 4]), (8, 8, [8]), (17, 8, [6, 6, 5]), (2, 8, [2]), (0, 8, [])],
)
def test_table_pages_share_their_rows_evenly(rows: int, most: int, sizes: list[int]) -> None:
    frame = pd.DataFrame({"measure": [f"m{i}" for i in range(rows)]})
    chunks = even_chunks(frame, most)
    assert [len(c) for c in chunks] == sizes
    assert [m for c in chunks for m in c["measure"]] == list(frame["measure"])  # in order


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("sector", [None, *SECTOR_IDS])
def test_no_page_of_results_against_targets_is_a_short_table(built, sector, lang) -> None:
    """A table of fewer than ``THIN`` measures sits beneath the chart before it rather than
    on a page of its own (the lower two-thirds of the slide empty); table pages share their
    measures evenly."""
    targets = [s for s in slides_of(built, sector, lang) if s.kind == "targets"]
    tables = [len(s.pairs) for s in targets if s.chart is None]
    if any(s.chart is not None for s in targets) or len(tables) > 1:
        assert all(n >= THIN for n in tables), (sector, tables)
    assert not tables or max(tables) - min(tables) <= 1
    for slide in targets:
        assert not slide.table or (slide.chart is not None and len(slide.table) < THIN)


def test_the_economy_deck_draws_its_two_other_measures_beneath_its_chart(built) -> None:
    """The measures that share no scale with the growth rates (CPI, a rank) are not left
    alone on 结果与目标（2/2）: they are a short table beneath the chart."""
    targets = [s for s in slides_of(built, "economy") if s.kind == "targets"]
    rest = built.comparisons[built.comparisons["sector"] == "economy"]
    charted = {p.measure for s in targets for p in s.pairs}
    beneath = [p.measure for s in targets for p in s.table]
    assert len(targets) == 1 and targets[0].chart is not None and beneath
    assert sorted([*charted, *beneath]) == sorted(rest["measure"])
    assert "（2/2）" not in targets[0].title and len(beneath) < THIN <= PAIRS_PER_SLIDE


def test_the_subtitle_names_the_sector_only_when_one_is_chosen(built) -> None:
    assert not any(s.subtitle for s in slides_of(built) if s.kind != "sector")
    assert all(s.subtitle for s in slides_of(built, "logistics") if s.kind != "sector")


@pytest.mark.parametrize("sector", [None, *SECTOR_IDS])
def test_no_target_is_placed_among_results(built, sector) -> None:
    facts = facts_by_id(built)
    for slide in slides_of(built, sector):
        kinds = {facts.loc[k.fact_id, "kind"] for k in slide.kpis}
        if kinds & {"actual", "estimate"}:
            assert not kinds & {"target", "plan"}, (sector, slide.title)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("sector", [None, *SECTOR_IDS])
def test_every_deck_shows_each_figure_once_and_no_thin_slide(built, sector, lang) -> None:
    """No fact, nor another figure of a measure already shown, is on two slides; a slide of
    figures shows at least ``THIN`` of them unless it is the deck's only one."""
    facts = facts_by_id(built)
    slides = slides_of(built, sector, lang)
    with_figures = [s for s in slides if s.kind in ("kpis", "pillars", "targets", "sector")]
    seen: set[str] = set()
    measures: set[str] = set()
    for slide in slides:
        ids = set(slide.fact_ids)
        assert not ids & seen, (sector, slide.title, ids & seen)
        mine = set(facts.loc[list(ids), "metric"])
        assert not mine & measures, (sector, slide.title, mine & measures)
        seen |= ids
        measures |= mine
        if slide in with_figures and len(with_figures) > 1:
            assert len(ids) >= THIN, (sector, slide.title)
    labels = [(k.label, k.value) for s in slides for k in (*s.kpis, *s.figures)]
    assert len(labels) == len(set(labels))


def test_the_readme_logistics_deck_shows_330_once(built) -> None:
    values = [k.value for s in slides_of(built, "logistics") for k in s.kpis]
    assert values.count("330亿元以上") == 1
    everything = [k.value for s in slides_of(built) for k in (*s.kpis, *s.figures)]
    assert everything.count("330亿元以上") == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_results_cell_is_its_lead_then_its_value_kept_whole_on_the_slide(built, lang):
    from pgdash.briefing.slide_html import pairs_html
    from pgdash.display.safe import escape_text

    pairs = [r for s in slides_of(built, lang=lang) for r in s.pairs or ()]
    cells = [(r, side) for r in pairs for side in ("result", "target", "latest") if r.cells[side]]
    assert cells
    html = pairs_html(pairs, lang)
    for row, side in cells:
        lead, value = row.parts(side)
        assert lead + value == row.cells[side] and value
        assert lead  # the period and role, where a narrow cell may break
        lead_span = f'<span class="pgs-v">{escape_text(lead.strip())}</span>'
        assert lead_span + f'{" " * lead.endswith(" ")}<span class="pgs-v">' in html
        assert f'<span class="pgs-v">{escape_text(value)}</span>' in html


def test_a_caveat_in_brackets_starts_in_lower_case_unless_an_acronym() -> None:
    from pgdash.display.formatting import in_brackets

    assert in_brackets("Half-year figure; for reference only") == (
        "half-year figure; for reference only"
    )
    assert in_brackets("GDP not judged") == "GDP not judged"
    assert in_brackets("H1 2024 only") == "H1 2024 only"
    assert in_brackets("半年数据，仅供参考") == "半年数据，仅供参考"
    assert in_brackets("") == ""


def test_a_long_value_of_words_is_sized_for_two_lines_not_shrunk_to_one() -> None:
    from pgdash.briefing.slide_html import TWO_LINES_EMS, value_ems
    from pgdash.display.wrapping import text_px, value_chunks

    long = "No. 2 among ecological conservation districts"
    chunks = value_chunks(long)
    assert text_px(long, 1.0) > TWO_LINES_EMS and len(chunks) > 2
    two = value_ems(chunks)
    assert two < text_px(long, 1.0) * 0.6  # about half: the type about twice as large
    assert any(  # the width of a real break between two chunks, the most even one
        two == max(text_px(" ".join(chunks[:i]), 1.0), text_px(" ".join(chunks[i:]), 1.0))
        for i in range(1, len(chunks))
    )
    for short in ("9.1%", "17.5 bn yuan", "生态涵养区第二", "330亿元以上"):
        assert value_ems(value_chunks(short)) == text_px(short, 1.0)
