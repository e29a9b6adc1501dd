"""Small tables that follow the schema, built on the real seed texts, for tests of pgdash.ui.

Every fact is located in the real normalized text (its quote and number are searched
for), so offsets, passages and highlights are exercised on true positions. Values here
are test inputs, not product data: the product's facts come from the pipeline.
"""

import json
from pathlib import Path

import pandas as pd

from pgdash.pipeline.extract.honours import build_honours
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.relate.main_targets import build_main_targets
from pgdash.pipeline.relate.translations import build_translations
from pgdash.pipeline.text.outline import Outline
from pgdash.schema import TABLES, empty_frame, write_table

# (fact_id, doc_id, quote, raw, metric, metric_en, sector, period, kind, comparator,
#  value, unit, value_std, unit_std, is_rank, headline, rank_scope)
FACTS = [
    ("f-rev-22", "gwr2023", "地方级一般公共预算收入预计同比增长11.2%", "11.2%",
     "地方级一般公共预算收入增速", "Local budget revenue growth", "economy", "2022",
     "estimate", "=", 11.2, "%", 11.2, "%", False, True, ""),
    ("f-rev-rank", "gwr2023", "增速全市第一", "全市第一", "地方级一般公共预算收入增速排名",
     "Budget revenue growth rank", "economy", "2022", "estimate", "=", 1, "名", 1, "名",
     True, True, "全市"),
    ("f-ind-22", "gwr2023", "规模以上工业总产值预计完成175亿元", "175亿元", "规模以上工业总产值",
     "Industrial output", "economy", "2022", "estimate", "=", 175, "亿元", 1.75e10, "元",
     False, True, ""),
    ("f-gdp-22", "gwr2023", "地区生产总值预计同比增长7%左右", "7%", "地区生产总值增速",
     "GDP growth", "economy", "2022", "estimate", "~", 7, "%", 7, "%", False, True, ""),
    ("f-gdp-t", "gwr2023", "地区生产总值增速5%左右", "5%", "地区生产总值增速", "GDP growth",
     "economy", "2023", "target", "~", 5, "%", 5, "%", False, False, ""),
    ("f-rev-t", "gwr2023", "地方级一般公共预算收入增长5%", "5%", "地方级一般公共预算收入增速",
     "Local budget revenue growth", "economy", "2023", "target", "=", 5, "%", 5, "%", False,
     False, ""),
    ("f-cpi-t", "gwr2023", "居民消费价格涨幅控制在3%以内", "3%", "居民消费价格涨幅", "CPI",
     "economy", "2023", "target", "<=", 3, "%", 3, "%", False, False, ""),
    ("f-unemp-t", "gwr2023", "城镇登记失业率控制在4.8%以内", "4.8%", "城镇登记失业率",
     "Registered urban unemployment", "livelihood", "2023", "target", "<=", 4.8, "%", 4.8,
     "%", False, False, ""),
    ("f-jobs-22", "gwr2023", "新增城乡劳动力就业1.57万人", "1.57万人", "新增城乡劳动力就业",
     "New jobs", "livelihood", "2022", "actual", "=", 1.57, "万人", 15700, "人", False, True,
     ""),
    ("f-jobs-t", "gwr2023", "实现城乡劳动力就业8500人以上", "8500人", "城乡劳动力就业", "Jobs",
     "livelihood", "2023", "target", ">=", 8500, "人", 8500, "人", False, False, ""),
    ("f-lift-22", "gwr2023", "加装电梯16部", "16部", "老楼加装电梯", "Lifts installed", "urban",
     "2022", "actual", "=", 16, "部", 16, "部", False, False, ""),
    ("f-lift-t", "gwr2023", "完成老楼加装电梯24部以上", "24部", "老楼加装电梯", "Lifts installed",
     "urban", "2023", "target", ">=", 24, "部", 24, "部", False, False, ""),
    ("f-field-t", "gwr2023", "启动新建和改造提升高标准农田1.5万亩", "1.5万亩", "高标准农田",
     "High-standard farmland", "agritech", "2023", "target", "=", 1.5, "万亩", 15000, "亩",
     False, False, ""),
    ("f-acad-22", "gwr2023", "汇聚11位院士", "11位", "院士", "Academicians", "agritech",
     "cumulative", "actual", "=", 11, "位", 11, "位", False, False, ""),
    ("f-bnb", "gwr2023", "累计发展乡村民宿240户", "240户", "乡村民宿", "Rural guesthouses",
     "leisure", "cumulative", "actual", "=", 240, "户", 240, "户", False, True, ""),
    ("f-gdp-24", "press2024", "今年上半年，GDP增速6.2%", "6.2%", "地区生产总值增速", "GDP growth",
     "economy", "2024H1", "actual", "=", 6.2, "%", 6.2, "%", False, True, ""),
    ("f-gdp-24-rank", "press2024", "居生态涵养区第一", "生态涵养区第一", "地区生产总值增速排名",
     "GDP growth rank", "economy", "2024H1", "actual", "=", 1, "名", 1, "名", True, False,
     "生态涵养区"),
    ("f-rev-24", "press2024", "同比增长10.2%", "10.2%", "地方级一般公共预算收入增速",
     "Local budget revenue growth", "economy", "2024H1", "actual", "=", 10.2, "%", 10.2, "%",
     False, True, ""),
    ("f-acad-24", "press2024", "汇聚13位院士", "13位", "院士", "Academicians", "agritech",
     "cumulative", "actual", "=", 13, "位", 13, "位", False, False, ""),
    ("f-freight", "press2024", "规划至 2035年货运量达4000万吨", "4000万吨", "物流高地货运量",
     "Freight volume", "logistics", "2035", "plan", "=", 4000, "万吨", 4e7, "吨", False, True,
     ""),
    ("f-agri-23", "press2024", "2023年农业总产值39.4亿元", "39.4亿元", "农业总产值",
     "Agricultural output", "agritech", "2023", "actual", "=", 39.4, "亿元", 3.94e9, "元",
     False, True, ""),
]  # fmt: skip

COLUMNS = [
    "fact_id", "doc_id", "quote", "raw", "metric", "metric_en", "sector", "period", "kind",
    "comparator", "value", "unit", "value_std", "unit_std", "is_rank", "headline", "rank_scope",
]  # fmt: skip


def conform(rows: list[dict], name: str) -> pd.DataFrame:
    """``rows`` as the named table, columns the rows lack filled with neutral values.

    The schema may gain columns while the app is written; tests keep building.
    """
    schema = TABLES[name]
    defaults = {"string": "", "double": float("nan"), "int64": 0, "bool": False}
    frame = pd.DataFrame(rows)
    for f in schema:
        if f.name not in frame.columns:
            default = defaults.get(str(f.type))
            frame[f.name] = [default if default is not None else [] for _ in range(len(frame))]
    return frame[schema.names]


def _locate(text: str, quote: str, raw: str) -> tuple[int, int, int, int]:
    q = text.find(quote)
    assert q >= 0, f"quote not in text: {quote}"
    number = raw.rstrip("%亿元万人部亩位户吨")
    n = text.find(number, q)
    return q, q + len(quote), n, n + len(number)


def facts_frame(docs: list[Document]) -> pd.DataFrame:
    """The synthetic facts, with offsets found in the real texts."""
    texts = {d.doc_id: d.text for d in docs}
    rows = []
    for spec in FACTS:
        row = dict(zip(COLUMNS, spec, strict=True))
        q_start, q_end, start, end = _locate(texts[row["doc_id"]], row["quote"], row["raw"])
        row.update(quote_start=q_start, quote_end=q_end, start=start, end=end, section="")
        row["value"], row["value_std"] = float(row["value"]), float(row["value_std"])
        rows.append(row)
    return conform(rows, "facts")


def comparisons_frame() -> pd.DataFrame:
    """Comparisons between the synthetic facts (NaN where a side is missing)."""
    nan = float("nan")
    rows = [
        ("地区生产总值增速", "GDP growth", "economy", "%", 7, "estimate", "f-gdp-22", 5, "~",
         "f-gdp-t", 6.2, "2024H1", "f-gdp-24", "above_target", "最新数字高于目标"),
        ("地方级一般公共预算收入增速", "Budget revenue growth", "economy", "%", 11.2,
         "estimate", "f-rev-22", 5, "=", "f-rev-t", 10.2, "2024H1", "f-rev-24",
         "above_target", "最新数字高于目标"),
        ("城乡劳动力就业", "Jobs", "livelihood", "人", 15700, "actual", "f-jobs-22", 8500,
         ">=", "f-jobs-t", nan, "", "", "target_below_result", "目标低于上年结果"),
        ("老楼加装电梯", "Lifts", "urban", "部", 16, "actual", "f-lift-22", 24, ">=",
         "f-lift-t", nan, "", "", "no_latest", "暂无后续数字"),
        ("院士", "Academicians", "agritech", "位", 11, "actual", "f-acad-22", nan, "", "",
         13, "cumulative", "f-acad-24", "grew", "后续数字增加"),
    ]  # fmt: skip
    names = [
        "measure", "measure_en", "sector", "unit", "earlier", "earlier_kind",
        "earlier_fact_id", "target_value", "target_comparator", "target_fact_id",
        "latest_value", "latest_period", "latest_fact_id", "status", "status_zh",
    ]  # fmt: skip
    records = [dict(zip(names, row, strict=True)) for row in rows]
    for r in records:
        # beside a target the earlier figure is the previous year's result (the baseline)
        side = "baseline" if r["target_fact_id"] else "result"
        r["measure_id"] = r["earlier_fact_id"]
        r[f"{side}_value"] = float(r.pop("earlier"))
        r[f"{side}_kind"] = r.pop("earlier_kind")
        r[f"{side}_fact_id"] = r.pop("earlier_fact_id")
        r[f"{side}_period"] = "2022"
        r["target_period"] = "2023" if r["target_fact_id"] else ""
        r["target_value"], r["latest_value"] = float(r["target_value"]), float(r["latest_value"])
        r["year"] = 2023 if r["target_fact_id"] else 2022
    return conform(records, "comparisons")


def tasks_frame(docs: list[Document]) -> pd.DataFrame:
    """A few task sentences of the 2023 plan, located in the real text."""
    text = next(d.text for d in docs if d.doc_id == "gwr2023")
    specs = [
        (1, "（一）守好绿水青山，筑牢首都东部生态屏障", "狠抓生态治理",
         "统筹打好蓝天、碧水、净土保卫战。", "ecology", []),
        (2, "（二）坚定不移建设农业中关村，打造农业中国芯", "加快农业现代化步伐",
         "启动新建和改造提升高标准农田1.5万亩，高质量完成粮、菜、生猪稳产保供任务。", "agritech",
         ["f-field-t"]),
        (7, "（七）注重建管并举，打造宜居韧性智慧城市", "以绣花功夫精细化管理城市",
         "深入开展老旧小区综合整治，完成老楼加装电梯24部以上。", "urban", ["f-lift-t"]),
        (9, "（九）坚持人民至上，不断提升民生服务品质", "落实就业优先战略",
         "用好一揽子纾困帮扶政策，加大重点人群就业帮扶力度，实现城乡劳动力就业8500人以上，"
         "“零就业家庭”动态清零，高校毕业生就业率保持95%以上。", "livelihood", ["f-jobs-t"]),
    ]  # fmt: skip
    rows = []
    for i, (no, title, sub, sentence, sector, ids) in enumerate(specs):
        start = text.find(sentence)
        assert start >= 0, sentence
        rows.append(
            {
                "task_id": f"t{i}",
                "section_no": no,
                "section_title": title,
                "subheading": sub,
                "sentence": sentence,
                "sector": sector,
                "fact_ids": ids,
                "start": start,
                "end": start + len(sentence),
            }
        )
    return conform(rows, "tasks")


def sites_frame() -> pd.DataFrame:
    """Three sites, a town and a route around a made-up square district."""
    rows = [
        ("s-hub", "京平综合物流枢纽", "Jingping logistics hub", "logistics", "马坊镇", 40.05, 117.0,
         "物流枢纽", "test", ["建设京平综合物流枢纽"], "site", [], ["f-freight"]),
        ("s-lake", "金海湖", "Jinhai Lake", "leisure", "金海湖镇", 40.18, 117.3, "旅游度假区",
         "test", ["金海湖成为北京市首批三个旅游度假区之一"], "site", [], ["f-bnb"]),
        ("s-farm", "京瓦农业科技创新中心", "Sino-Dutch agri centre", "agritech", "峪口镇", 40.2,
         117.05, "农业科技园区", "test", ["京瓦中心一期驻满"], "site", [], ["f-acad-22"]),
        ("t-mafang", "马坊镇", "Mafang", "urban", "马坊镇", 40.06, 117.02, "", "test", [], "town",
         [], []),
        ("r-22", "轨道交通22号线", "Metro line 22", "urban", "", 40.1, 117.0, "", "test", [],
         "route", [[116.95, 40.05], [117.1, 40.15]], []),
    ]  # fmt: skip
    names = [
        "site_id", "name", "name_en", "sector", "town", "lat", "lon", "description",
        "location_source", "quotes", "kind", "path", "fact_ids",
    ]  # fmt: skip
    return conform([dict(zip(names, row, strict=True)) for row in rows], "sites")


BOUNDARY = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "平谷区"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[116.9, 40.0], [117.4, 40.0], [117.4, 40.35], [116.9, 40.35], [116.9, 40.0]]
                ],
            },
        }
    ],
}


def _line(*points: tuple[float, float]) -> dict:
    return {"type": "LineString", "coordinates": [list(p) for p in points]}


def _context_feature(kind: str, name: str, geometry: dict, **props: object) -> dict:
    return {
        "type": "Feature",
        "properties": {"kind": kind, "name": name, "name_en": name, **props},
        "geometry": geometry,
    }


# The map's context around the square district: a neighbour, a river, a lake, two roads
# and a railway, with the fields the build gives them.
CONTEXT = {
    "type": "FeatureCollection",
    "features": [
        _context_feature(
            "neighbour", "邻区", {"type": "Polygon", "coordinates": [
                [[116.6, 40.0], [116.9, 40.0], [116.9, 40.35], [116.6, 40.35], [116.6, 40.0]]
            ]}, label="邻区", label_en="Next door", label_lon=116.85, label_lat=40.2,
            schematic=False, source="test",
        ),
        _context_feature(
            "river", "泃河", _line((117.4, 40.2), (116.95, 40.1)),
            schematic=True, source="test", accuracy_km=3,
        ),
        _context_feature(
            "lake", "金海湖", {"type": "Polygon", "coordinates": [
                [[117.3, 40.17], [117.34, 40.17], [117.34, 40.19], [117.3, 40.19], [117.3, 40.17]]
            ]}, schematic=True, source="test", accuracy_km=1,
        ),
        _context_feature(
            "road", "京平高速", _line((116.9, 40.05), (117.2, 40.1)),
            road_class="expressway", status="open", schematic=True, source="test", accuracy_km=3,
        ),
        _context_feature(
            "road", "平蓟路", _line((117.1, 40.14), (117.4, 40.1)),
            road_class="main", status="open", schematic=True, source="test", accuracy_km=3,
        ),
        _context_feature(
            "rail", "地方铁路", _line((117.0, 40.07), (117.0, 39.9)),
            status="open", schematic=True, source="test", accuracy_km=3,
        ),
    ],
}  # fmt: skip


def write_geo(folder: Path) -> None:
    """Write the synthetic boundary and map context into ``folder``."""
    (folder / "boundary.geojson").write_text(json.dumps(BOUNDARY), encoding="utf-8")
    (folder / "context.geojson").write_text(json.dumps(CONTEXT), encoding="utf-8")


def write_dataset(docs: list[Document], documents: pd.DataFrame, folder: Path) -> Path:
    """Write the synthetic tables and boundary into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    facts = facts_frame(docs)
    tables = {
        "documents": documents,
        "facts": facts,
        "comparisons": comparisons_frame(),
        "tasks": tasks_frame(docs),
        "sites": sites_frame(),
        "honours": build_honours(docs, {d.doc_id: Outline(d.text, d.kind) for d in docs}),
        "main_targets": build_main_targets(docs, facts),
        "translations": build_translations(docs),
    }
    for name, frame in tables.items():
        write_table(frame, name, folder)
    write_geo(folder)
    return folder


HOSTILE = "<script>alert(1)</script>[点我](javascript:alert(1))![i](http://x/i.png):red[红]$x^2$"


def write_hostile_dataset(folder: Path) -> Path:
    """One document whose text, names and quotes carry markup of every kind."""
    folder.mkdir(parents=True, exist_ok=True)
    sentence = f"2022年，{HOSTILE}收入增长11.2%，增速全市第一。"
    text = (
        f"一、2022年工作回顾\n{sentence}\n"
        f"二、2023年工作思路和主要任务\n（一）{HOSTILE}。\n{sentence}"
    )
    documents = conform(
        [
            {
                "doc_id": "evil",
                "title": HOSTILE,
                "title_en": HOSTILE,
                "published": "2023",
                "kind": "work_report",
                "publisher": HOSTILE,
                "file": "evil.txt",
                "sha256": "0" * 64,
                "chars": len(text),
                "text": text,
            }
        ],
        "documents",
    )
    start = text.index("11.2")
    fact = {
        "fact_id": "evil-1", "doc_id": "evil", "section": HOSTILE, "sector": "economy",
        "period": "2022", "kind": "actual", "comparator": "=", "metric": HOSTILE,
        "metric_en": HOSTILE, "value": 11.2, "unit": "%", "value_std": 11.2, "unit_std": "%",
        "is_rank": False, "headline": True, "quote": sentence, "start": start,
        "end": start + 4, "raw": "11.2%", "quote_start": text.index(sentence),
        "quote_end": text.index(sentence) + len(sentence), "rank_scope": "",
    }  # fmt: skip
    comparison = {
        "measure": HOSTILE, "measure_en": HOSTILE, "sector": "economy", "unit": "%",
        "result_value": 11.2, "result_kind": "actual", "result_fact_id": "evil-1",
        "target_value": float("nan"), "target_comparator": "", "target_fact_id": "", "year": 2022,
        "latest_value": float("nan"), "latest_period": "", "latest_fact_id": "",
        "status": HOSTILE, "status_zh": HOSTILE, "measure_id": "evil",
    }  # fmt: skip
    last = text.rindex(sentence)
    task = {
        "task_id": "evil-t", "section_no": 1, "section_title": f"（一）{HOSTILE}",
        "subheading": HOSTILE, "sentence": sentence, "sector": "economy", "fact_ids": [],
        "start": last, "end": last + len(sentence),
    }  # fmt: skip
    site = {
        "site_id": "evil-s", "name": HOSTILE, "name_en": HOSTILE, "sector": "economy",
        "town": HOSTILE, "lat": 40.1, "lon": 117.1, "description": HOSTILE,
        "location_source": HOSTILE, "quotes": [HOSTILE], "kind": "site", "path": [],
        "fact_ids": ["evil-1"],
    }  # fmt: skip
    tables = {
        "documents": documents,
        "facts": conform([fact], "facts"),
        "comparisons": conform([comparison], "comparisons"),
        "tasks": conform([task], "tasks"),
        "sites": conform([site], "sites"),
        "honours": empty_frame("honours"),
        "main_targets": empty_frame("main_targets"),
        "translations": conform(
            [{"zh": HOSTILE, "en": HOSTILE, "kind": "section", "doc_id": "", "start": -1}],
            "translations",
        ),
    }
    for name, frame in tables.items():
        write_table(frame, name, folder)
    write_geo(folder)
    return folder
