"""The sites table: curated places checked against the documents and the boundary."""

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from pgdash.errors import PgdashError
from pgdash.paths import seeds_dir
from pgdash.pipeline.read.seeds import Document, load_corpus
from pgdash.pipeline.relate import geo
from pgdash.pipeline.relate.sites import (
    SITES_FILE,
    TOWNS,
    Mentions,
    build_sites,
    load_curated,
    sentences,
)
from pgdash.schema import empty_frame, to_arrow

NO_FACTS = pd.DataFrame(
    {
        "fact_id": pd.Series([], dtype=str),
        "quote": pd.Series([], dtype=str),
        "start": pd.Series([], dtype=int),
        "quote_start": pd.Series([], dtype=int),
    }
)


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return load_corpus(seeds_dir())


@pytest.fixture(scope="module")
def table(docs: list[Document]) -> pd.DataFrame:
    return build_sites(docs, NO_FACTS)


@pytest.fixture(scope="module")
def curated() -> list:
    return load_curated()


def test_table_fits_its_schema_in_file_order(table: pd.DataFrame, curated: list) -> None:
    to_arrow(table, "sites")
    assert list(table["site_id"]) == [s.id for s in curated]
    assert table["site_id"].is_unique


def test_all_eighteen_towns_are_present(table: pd.DataFrame) -> None:
    towns = table[table["kind"] == "town"]
    assert sorted(towns["name"]) == sorted(TOWNS)
    assert (towns["town"] == towns["name"]).all()


@pytest.mark.parametrize(
    "site_id",
    [
        "jingping-logistics-hub",
        "jingwa-agritech-center",
        "national-agritech-port",
        "jinhai-lake",
        "juru-river-leisure-zone",
        "zhenluoying-demo-zone",
        "nanshan-village",
        "wanda-jinhua-hotel",
        "yukou-poultry",
        "yajishan",
        "beizhai-village",
        "shangzhai-museum",
        "district-government",
        "metro-line-22",
        "chengping-expressway",
    ],
)
def test_required_places_are_mapped(table: pd.DataFrame, site_id: str) -> None:
    assert site_id in set(table["site_id"])


def test_every_point_lies_in_the_district(curated: list) -> None:
    for site in curated:
        if site.outside_reason:
            continue
        for lon, lat in ((site.lon, site.lat), *site.path):
            assert geo.contains(lon, lat), f"{site.id} at ({lon}, {lat})"


def test_routes_have_paths_and_nothing_else_does(table: pd.DataFrame) -> None:
    for row in table.itertuples():
        assert (len(row.path) >= 2) == (row.kind == "route"), row.site_id


def test_every_curated_alias_occurs_in_the_documents(docs: list[Document], curated: list) -> None:
    texts = [d.text for d in docs]
    for site in curated:
        if not site.context:
            assert site.aliases, site.id
        for alias in site.aliases if not site.context else ():
            assert any(alias in t for t in texts), f"{site.id}: {alias}"


def test_quotes_are_document_sentences_naming_the_site(
    docs: list[Document], table: pd.DataFrame, curated: list
) -> None:
    full = "\n".join(d.text for d in docs)
    by_id = {s.id: s for s in curated}
    for row in table.itertuples():
        for quote in row.quotes:
            assert quote in full
            assert any(term in quote for term in by_id[row.site_id].terms), row.site_id
        if not by_id[row.site_id].context:
            assert len(row.quotes) >= 1, row.site_id


def test_a_site_no_document_names_is_left_out_and_reported(docs: list[Document]) -> None:
    edited = [dataclasses.replace(d, text=d.text.replace("马坊中转站", "中转站")) for d in docs]
    table = build_sites(edited, NO_FACTS)
    assert "mafang-transit-station" not in set(table["site_id"])
    assert "jingping-logistics-hub" in set(table["site_id"])
    (note,) = table.attrs["unmatched"]
    assert "mafang-transit-station" in note and "\n" not in note


def test_documents_of_another_district_have_no_sites() -> None:
    text = "罗湖区物流基地建设加快，新建公园3个。"
    doc = Document("x", "t", "", "2024", "work_report", "", "x.txt", "", text)
    table = build_sites([doc], NO_FACTS)
    assert table.empty and list(table.columns) == list(empty_frame("sites").columns)
    assert table.attrs["unmatched"] == []  # nothing said of another district's documents
    assert table.attrs["other_district"]  # and its empty table is no error


def test_context_places_need_not_be_mentioned(docs: list[Document]) -> None:
    edited = [dataclasses.replace(d, text=d.text.replace("平谷区人民政府", "区政府")) for d in docs]
    table = build_sites(edited, NO_FACTS).set_index("site_id")
    assert list(table.loc["district-government", "quotes"]) == []


def test_a_site_named_only_as_the_speaker_has_no_quote(table: pd.DataFrame) -> None:
    """我代表平谷区人民政府，向…致以崇高的敬意 is the speaker's thanks, not about the seat."""
    quotes = list(table.set_index("site_id").loc["district-government", "quotes"])
    assert not any("敬意" in quote for quote in quotes)


def test_a_sites_quotes_start_with_the_sentences_of_its_figures(
    docs: list[Document], built
) -> None:
    sites = built.sites.set_index("site_id")
    facts = built.facts.set_index("fact_id")
    with_figures = [(i, ids) for i, ids in sites["fact_ids"].items() if len(ids)]
    assert with_figures
    for site_id, ids in with_figures:
        quotes = list(sites.loc[site_id, "quotes"])
        figures = {facts.loc[f, "raw"] for f in ids}
        leading = quotes[: len({facts.loc[f, "quote_start"] for f in ids})]
        assert all(any(raw in quote for quote in leading) for raw in figures), site_id


def test_facts_attach_to_the_site_their_clause_is_about(docs: list[Document]) -> None:
    figures = [  # (quote, the figure in it)
        ("马坊中转站保障全市日均猪肉交易量50%以上。", "50%"),
        ("金海湖成为北京市首批三个旅游度假区之一。", "三个"),
        ("2022年，我区地方级一般公共预算收入预计同比增长11.2%。", "11.2%"),
        # the metro's clause holds the figure; the expressway's clause does not
        ("轨道交通22号线（平谷段）施工已达40%，承平高速（北京段）启动拆迁。", "40%"),
        # a subject carries to the later clauses of its sentence
        ("东久新宜物流谷项目原规划土地出让率仅有61.29%，经大地块整合后，土地出让率达到74.88%",
         "74.88%"),
        # a place named in a list of objects does not own the next clause's figure
        ("推进十二年一贯制学校（七中）、马坊第二幼儿园和兴谷幼儿园等学校建设，实质性引进2-3所"
         "市级名校资源", "2-3所"),
        # a town named later in the sentence does not own district-wide roads
        ("完成乡村公路大修34公里，镇罗营镇、黄松峪乡胡关路完成改造", "34公里"),
    ]  # fmt: skip
    facts = pd.DataFrame(
        {
            "fact_id": [f"f{i}" for i in range(1, len(figures) + 1)],
            "quote": [q for q, _ in figures],
            "start": [q.index(n) for q, n in figures],
            "quote_start": [0] * len(figures),
        }
    )
    table = build_sites(docs, facts).set_index("site_id")
    attached = {k: list(v) for k, v in table["fact_ids"].items() if len(v)}
    assert attached == {
        "mafang-transit-station": ["f1"],
        "jinhai-lake": ["f2"],
        "metro-line-22": ["f4"],
        "dongjiu-logistics-valley": ["f5"],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("金海湖镇获评深呼吸小镇", {"jinhaihu-town"}),
        ("“爱尚金海湖”“大美黄松峪”", {"jinhai-lake", "huangsongyu-township"}),
        ("打造承平高速金海湖服务区", {"chengping-expressway", "jinhai-lake-service-area"}),
        ("研究打造承平高速综合服务区", {"chengping-expressway", "jinhai-lake-service-area"}),
        ("推进镇罗营镇国家乡村振兴示范区建设", {"zhenluoying-demo-zone"}),
        ("镇罗营镇平关路入选北京市最美乡村路", {"zhenluoying-town"}),
        ("京平高速马坊联络线下穿", {"mafang-town"}),
        ("没有地名的句子。", set()),
    ],
)
def test_longest_term_wins(curated: list, text: str, expected: set[str]) -> None:
    assert Mentions(curated).in_text(text) == expected


def test_sentences_rejoin_lines_broken_inside_a_sentence() -> None:
    text = (
        "城乡建设提质增效。全区首个棚改项目府前街（一期）\n实现“交房即交证”。\n"
        "二、主要任务\n正文。\n"
    )
    assert sentences(text) == [
        "城乡建设提质增效。",
        "全区首个棚改项目府前街（一期）\n实现“交房即交证”。",
        "二、主要任务",
        "正文。",
    ]


def _edited_file(tmp_path: Path, old: str, new: str) -> Path:
    text = SITES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "sites.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('sector = "logistics"', 'sector = "transport"', "sector 'transport'"),
        ('id = "mafang-transit-station"', 'id = "jingping-logistics-hub"', "used twice"),
        (
            'kind = "town"\nsector = "rural"\ntown = "熊儿寨乡"',
            'kind = "site"\nsector = "rural"\ntown = "熊儿寨乡"',
            "lacks the town",
        ),
        ('town = "马坊镇"', 'town = "马坊"', "town '马坊'"),
        ('kind = "route"', 'kind = "site"', "only a route may have a path"),
        ("lon = 117.010", 'lon = "117.010"', "lat and lon"),
        ("accuracy_km = 2", "accuracy_km = 7", "uncertainty as ~7 km"),
        ("accuracy_km = 2", "accuracy_km = 0", "positive number of kilometres"),
        ('aliases = ["马坊中转站"]', "aliases = []", "at least one alias"),
        ('kind = "route"\nsector = "urban"', 'kind = "road"\nsector = "urban"', "kind 'road'"),
        (
            'description = "以马坊物流基地',
            'description = "" # "',
            "non-empty text field 'description'",
        ),
        ('label_en = "Mafang station"', 'label_en = "Mafang pig hub"', "pig, hub"),
        (
            'label_en = "Jingping Hub"',
            'label_en = "Jingping Integrated Logistics"',
            "at most 20 characters",
        ),
        ('label_zh = "京平物流枢纽"', 'label_zh = "京平物流园"', "characters 园 are not in name"),
        ('label_zh = "京平物流枢纽"', 'label_zh = "京平综合物流枢"', "at most 6 characters"),
    ],
)
def test_bad_curated_file_is_a_one_line_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _edited_file(tmp_path, old, new)
    with pytest.raises(PgdashError, match=message) as info:
        load_curated(path)
    assert "\n" not in str(info.value)


def test_a_point_outside_the_district_needs_a_reason(tmp_path: Path, docs: list[Document]) -> None:
    moved = _edited_file(tmp_path, "lon = 117.010", "lon = 116.800")
    with pytest.raises(PgdashError, match=r"jingping-logistics-hub.*outside"):
        build_sites(docs, NO_FACTS, path=moved)
    excused = _edited_file(
        tmp_path, "lon = 117.010", 'lon = 116.800\noutside_reason = "test: across the border"'
    )
    table = build_sites(docs, NO_FACTS, path=excused).set_index("site_id")
    assert table.loc["jingping-logistics-hub", "lon"] == 116.8


def test_short_english_labels_shorten_the_english_name(table: pd.DataFrame) -> None:
    """A site's map label in English is its short label when it has one: a few words of its
    English name, short enough to fit beside its dot."""
    labelled = table[table["label_en"] != ""]
    assert len(labelled) >= 10
    for row in labelled.itertuples():
        assert len(row.label_en) <= 30 and len(row.label_en) < len(row.name_en)
        words = row.name_en.lower()
        assert all(word.lower() in words for word in row.label_en.split()), row.site_id


def test_a_road_has_one_english_name_everywhere(table: pd.DataFrame) -> None:
    """A site named after a route (金海湖服务区（承平高速）) uses the route's English name."""
    routes = table[table["kind"] == "route"]
    for route in routes.itertuples():
        chinese = route.name.split("（")[0]
        english = route.name_en.split(" (")[0]
        for other in table[table["name"].str.contains(chinese, regex=False)].itertuples():
            assert english in other.name_en, (other.name_en, english)


def test_short_chinese_labels_shorten_the_name(table: pd.DataFrame) -> None:
    """A long Chinese name has a short map label made of its own characters, so that it
    fits beside its dot at 14 px; a short name is its own label."""
    labelled = table[table["label_zh"] != ""]
    assert len(labelled) >= 5
    for row in labelled.itertuples():
        assert len(row.label_zh) <= 6 and len(row.label_zh) < len(row.name), row.site_id
        assert set(row.label_zh) <= set(row.name), row.site_id
    from pgdash.display.maps import short_name

    shown = table["name"].map(short_name)  # the map drops a trailing bracket
    long = table[(table["kind"] == "site") & (shown.str.len() > 7)]
    assert (long["label_zh"] != "").all(), list(long["name"])
