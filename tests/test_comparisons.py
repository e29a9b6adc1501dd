"""Results against targets: curated sides resolve to one fact each; status logic; errors."""

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from pgdash.errors import PgdashError
from pgdash.paths import seeds_dir
from pgdash.pipeline.extract import facts
from pgdash.pipeline.read.seeds import load_corpus
from pgdash.pipeline.relate import comparisons
from pgdash.pipeline.text.outline import Outline
from pgdash.schema import FACTS, empty_frame, status_words, to_arrow

DOCS = load_corpus(seeds_dir())
TEXTS = {d.doc_id: d.text for d in DOCS}
CLAUSE_END = re.compile(r"[。；\n]")

# The facts the extractor is expected to find at the curated places, and distractors beside
# them (same sentence, same words, same number). Columns: id (g- work report, p- article),
# fragment of the text, raw, value, unit, value_std, unit_std, kind, comparator, period, rank;
# "-" stands for an empty unit.
SYNTHETIC = """
g-rev 地方级一般公共预算收入预计同比增长11.2% 11.2% 11.2 % 11.2 % estimate = 2022 no
g-rev-rank    同比增长11.2%，增速全市第一    全市第一        1  -  1     -  estimate =  2022  yes
g-ind         工业总产值预计完成175亿元      175亿元       175  亿元 1.75e10 元 estimate = 2022 no
g-ind-growth  同比增长7.5%                  7.5%          7.5  %  7.5   %  estimate =  2022  no
g-gdp         地区生产总值预计同比增长7%左右  7%             7  %  7     %  estimate ~  2022  no
g-gdp-rank    同比增长7%左右，增速全市第一    全市第一        1  -  1     -  estimate =  2022  yes
g-jobs        新增城乡劳动力就业1.57万人      1.57万人     1.57 万人 15700 人 actual  =  2022  no
g-lift        加装电梯16部                  16部           16  部  16    部  actual   =  2022  no
g-farms 建设45个“博士”农场 45个 45 个 45 个 actual = cumulative no
g-acad 汇聚11位院士 11位 11 位 11 人 actual = cumulative no
g-phd 和175名博士 175名 175 名 175 人 actual = cumulative no
g-gdp-target  地区生产总值增速5%左右          5%             5  %  5     %  target   ~  2023  no
g-rev-target  一般公共预算收入增长5%          5%             5  %  5     %  target   =  2023  no
g-cpi         居民消费价格涨幅控制在3%以内     3%             3  %  3     %  target   <= 2023  no
g-unemp       城镇登记失业率控制在4.8%以内     4.8%         4.8  %  4.8   %  target   <= 2023  no
g-jobs-target 城乡劳动力就业8500人以上        8500人       8500 人  8500  人  target   >= 2023  no
g-lift-target 加装电梯24部以上               24部           24  部  24    部  target   >= 2023  no
p-gdp-avg     平均增速在9.1%                9.1%          9.1  %  9.1   %  actual   =  2021-2023 no
p-gdp         GDP增速6.2%                  6.2%          6.2  %  6.2   %  actual   =  2024H1 no
p-gdp-rank    居生态涵养区第一               生态涵养区第一   1  -  1     -  actual   =  2024H1 yes
p-rev         同比增长10.2%                 10.2%        10.2  %  10.2  %  actual   =  2024H1 no
p-rev-rank    增幅位居全市第二               全市第二        2  -  2     -  actual   =  2024H1 yes
p-posts 博士后工作站13个 13个 13 个 13 个 actual = cumulative no
p-acad 汇聚13位院士 13位 13 位 13 人 actual = cumulative no
p-phd 411位博士 411位 411 位 411 人 actual = cumulative no
p-farms 建成117个博士农场 117个 117 个 117 个 actual = cumulative no
"""

# measure_id, result, its fact, target, comparator, its fact, latest, period, its fact, status;
# "-" stands for none.
EXPECTED = """
gdp_growth 7 g-gdp 5 ~ g-gdp-target 6.2 2024H1 p-gdp latest_half_year
budget_revenue_growth 11.2 g-rev 5 = g-rev-target 10.2 2024H1 p-rev latest_half_year
budget_revenue_growth_rank 1 g-rev-rank - - - 2 2024H1 p-rev-rank latest_half_year
urban_rural_employment 15700 g-jobs 8500 >= g-jobs-target - - - target_below_result
lifts_in_old_blocks        16    g-lift     24   >= g-lift-target -    -      -     result_pending
doctors_farms 45 g-farms - - - 117 cumulative p-farms latest_cumulative
academicians 11 g-acad - - - 13 cumulative p-acad latest_cumulative
doctors 175 g-phd - - - 411 cumulative p-phd latest_cumulative
cpi_growth                 -     -          3    <= g-cpi         -    -      -     target_only
urban_unemployment         -     -          4.8  <= g-unemp       -    -      -     target_only
"""


def table_rows(table: str) -> list[list[str]]:
    """The whitespace-separated fields of each line, with "-" read as empty."""
    return [[("" if f == "-" else f) for f in line.split()] for line in table.strip().splitlines()]


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between 。； or line breaks) that holds ``text[start:end]``."""
    before = [m.end() for m in CLAUSE_END.finditer(text, 0, start)]
    after = CLAUSE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def synthetic_facts(quotes: str = "clause") -> pd.DataFrame:
    """Facts rows at the real offsets; quotes are whole clauses or just the fragment."""
    rows = []
    for fid, fragment, raw, value, unit, std, unit_std, kind, comp, period, rank in table_rows(
        SYNTHETIC
    ):
        doc = "gwr2023" if fid.startswith("g-") else "press2024"
        text = TEXTS[doc]
        assert text.count(fragment) == 1, fragment
        at = text.index(fragment)
        start = at + fragment.index(raw)
        q_start, q_end = clause_around(text, at, at + len(fragment))
        if quotes == "fragment":
            q_start, q_end = at, at + len(fragment)
        rows.append(
            {
                **{name: "" for name in FACTS.names},
                **dict(fact_id=fid, doc_id=doc, sector="economy", period=period, kind=kind),
                **dict(comparator=comp, value=float(value), unit=unit, value_std=float(std)),
                **dict(unit_std=unit_std, is_rank=rank == "yes", headline=False, raw=raw),
                **dict(quote=text[q_start:q_end], quote_start=q_start, quote_end=q_end),
                **dict(start=start, end=start + len(raw)),
            }
        )
    return pd.DataFrame(rows)


def curated_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The curated file with one fragment replaced, written to ``tmp_path``."""
    text = comparisons.CURATED_COMPARISONS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "comparisons.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def shown(value: float) -> str:
    """A table value as the expectations write it: "" for none, 7 for 7.0."""
    return "" if math.isnan(value) else f"{value:g}"


@pytest.mark.parametrize("quotes", ["clause", "fragment"])
def test_every_curated_side_resolves_to_its_fact(quotes: str) -> None:
    table = comparisons.build_comparisons(synthetic_facts(quotes))
    to_arrow(table, "comparisons")
    got = [
        [
            row.measure_id,
            *(shown(row.result_2022), row.result_fact_id),
            *(shown(row.target_2023), row.target_comparator, row.target_fact_id),
            *(shown(row.latest_value), row.latest_period, row.latest_fact_id),
            row.status,
        ]
        for row in table.itertuples()
    ]
    assert got == table_rows(EXPECTED)
    words = [status_words(r.status, "zh", r.target_period) for r in table.itertuples()]
    assert table["status_zh"].tolist() == words
    assert not table["is_judged"].any()  # no pair in the sources is of like periods
    assert set(table["tone"]) == {"neutral"}


def test_curated_pairs_resolve_on_the_extracted_facts() -> None:
    extracted, _ = facts.build_facts(DOCS, {d.doc_id: Outline(d.text, d.kind) for d in DOCS})
    table = comparisons.build_comparisons(extracted)
    got = [
        [
            *(row.measure_id, shown(row.result_2022), shown(row.target_2023)),
            *(row.target_comparator, shown(row.latest_value), row.latest_period, row.status),
        ]
        for row in table.itertuples()
    ]
    assert got == [[r[0], r[1], r[3], r[4], r[6], r[7], r[9]] for r in table_rows(EXPECTED)]
    by_id = extracted.set_index("fact_id")
    for column in ("result_fact_id", "target_fact_id", "latest_fact_id"):
        for fact_id in filter(None, table[column]):
            assert by_id.loc[fact_id, "kind"] in comparisons.SIDE_KINDS[column.split("_")[0]]


def test_rows_carry_the_result_kind_and_the_curated_unit_and_sector() -> None:
    table = comparisons.build_comparisons(synthetic_facts()).set_index("measure_id")
    assert table.loc["gdp_growth", "result_kind"] == "estimate"
    assert table.loc["lifts_in_old_blocks", "result_kind"] == "actual"
    assert table.loc["cpi_growth", "result_kind"] == ""
    assert table.loc["urban_rural_employment", "unit"] == "人"
    assert set(table["sector"]) <= {"economy", "livelihood", "urban", "agritech"}


def test_rows_carry_their_periods_and_sense() -> None:
    table = comparisons.build_comparisons(synthetic_facts()).set_index("measure_id")
    gdp = table.loc["gdp_growth"]
    assert (gdp["result_period"], gdp["target_period"], gdp["latest_period"]) == (
        "2022",
        "2023",
        "2024H1",
    )
    assert gdp["status_zh"] == "半年数据，仅供参考"
    assert table.loc["lifts_in_old_blocks", "status_zh"] == "2023年实绩待公布"
    assert table.loc["urban_unemployment", "sense"] == "lower"  # 控制在…以内
    assert table.loc["budget_revenue_growth_rank", "sense"] == "lower"  # a rank
    assert table.loc["gdp_growth", "sense"] == "higher"


def test_a_curated_sense_must_be_higher_or_lower(tmp_path: Path) -> None:
    path = curated_copy(tmp_path, 'id = "gdp_growth"', 'id = "gdp_growth"\nsense = "up"')
    with pytest.raises(PgdashError, match="sense"):
        comparisons.load_measures(path)


def test_curated_anchors_occur_once_in_the_real_texts() -> None:
    for measure in comparisons.load_measures():
        for name, side in measure.sides.items():
            assert TEXTS[side.doc].count(side.anchor) == 1, (measure.id, name)


def test_anchor_that_no_longer_occurs_names_the_measure_and_side(tmp_path: Path) -> None:
    path = curated_copy(tmp_path, "加装电梯24部以上", "加装电梯25部以上")
    path.write_text(path.read_text(encoding="utf-8").replace('"24部"', '"25部"'), "utf-8")
    with pytest.raises(PgdashError, match=r"'lifts_in_old_blocks', target: the anchor .* no quote"):
        comparisons.build_comparisons(synthetic_facts(), path)


def test_number_matching_several_facts_is_refused() -> None:
    facts = synthetic_facts()
    twin = facts[facts["fact_id"] == "g-lift"].assign(fact_id="g-lift-twin")
    with pytest.raises(PgdashError, match=r"'lifts_in_old_blocks', result: .* matches 2 facts"):
        comparisons.build_comparisons(pd.concat([facts, twin], ignore_index=True))


def test_number_matching_no_fact_is_refused() -> None:
    facts = synthetic_facts()
    facts = facts[facts["fact_id"] != "p-farms"]
    with pytest.raises(PgdashError, match=r"'doctors_farms', latest: .* matches 0 facts"):
        comparisons.build_comparisons(facts)


@pytest.mark.parametrize(
    ("fact_id", "column", "value", "message"),
    [
        ("g-lift", "value", 61.0, "has value 61.0, but the text says 16.0"),
        ("g-lift-target", "kind", "actual", "is of kind 'actual'"),
        ("g-lift", "unit", "台", "cannot be given in the measure's unit '部'"),
        ("p-rev-rank", "is_rank", False, "is not a rank"),
    ],
)
def test_fact_that_does_not_fit_its_side_is_refused(fact_id, column, value, message) -> None:
    facts = synthetic_facts()
    facts.loc[facts["fact_id"] == fact_id, column] = value
    if column == "unit":
        facts.loc[facts["fact_id"] == fact_id, "unit_std"] = value
    with pytest.raises(PgdashError, match=re.escape(message)):
        comparisons.build_comparisons(facts)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('sector = "urban"', 'sector = "housing"', "unknown sector 'housing'"),
        ('number = "24部"', 'number = "42部"', "must occur once in its anchor"),
        ('number = "24部"', 'number = "部"', "does not start with a number"),
        ('id = "lifts_in_old_blocks"', 'id = "gdp_growth"', "gdp_growth used twice"),
        ('measure_en = "GDP growth"\n', "", "lacks measure_en"),
        ("true\nresult", 'true\ntarget = { doc = "gwr2023", anchor = "增长5%", '
         'number = "5%" }\nresult', "drop its target"),
        ('target = { doc = "gwr2023", anchor = "加装电梯24部以上", number = "24部" }', "",
         "has sides result"),
        ("[[measure]]", "[[measure]", "not valid TOML"),
    ],
)  # fmt: skip
def test_malformed_curated_file_is_refused(tmp_path: Path, old: str, new: str, message: str):
    path = curated_copy(tmp_path, old, new)
    with pytest.raises(PgdashError, match=re.escape(message)):
        comparisons.build_comparisons(synthetic_facts(), path)


def test_missing_curated_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PgdashError, match="is missing"):
        comparisons.load_measures(tmp_path / "nope.toml")


def test_no_facts_means_no_comparisons() -> None:
    table = comparisons.build_comparisons(empty_frame("facts"))
    assert table.empty and list(table.columns) == list(to_arrow(table, "comparisons").schema.names)
