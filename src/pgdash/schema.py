"""Table schemas shared by the build and the app, with checked reading and writing.

Every table is written with an explicit pyarrow schema (pandas would otherwise infer
types from the data) and checked again when it is read.
"""

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pgdash.errors import PgdashError

BOUNDARY_FILE = "boundary.geojson"  # every district's outline, a ``district`` on each feature
BOUNDARY_SEED_PREFIX = "boundary-"  # seeds/geo/boundary-罗湖区.geojson: 罗湖区's outline
CONTEXT_FILE = "context.geojson"  # neighbours, rivers, lake, roads, rail (map context)
BUILD_COMMAND = "python -m pgdash build"
REBUILD = f"rebuild with: {BUILD_COMMAND}"

STR = pa.string()
F64 = pa.float64()
I64 = pa.int64()
BOOL = pa.bool_()
STR_LIST = pa.list_(pa.string())

DOCUMENTS = pa.schema(
    [
        ("doc_id", STR),
        ("title", STR),
        ("title_en", STR),
        ("published", STR),  # ISO date or year, as precise as the source allows
        ("kind", STR),  # work_report | news_article | statistical_communique
        ("publisher", STR),
        ("file", STR),
        ("sha256", STR),
        ("chars", I64),  # length of the normalized text
        ("text", STR),  # the normalized text that all offsets point into
        ("district", STR),  # 平谷区, 罗湖区 … ("" when not stated)
        ("delivered_year", I64),  # null when unknown
        ("reviews_year", I64),  # the year a work report reviews; null otherwise
        ("targets_year", I64),  # the year a work report sets targets for; null otherwise
    ]
)

FACTS = pa.schema(
    [
        ("fact_id", STR),
        ("doc_id", STR),
        ("section", STR),
        ("sector", STR),
        ("period", STR),
        ("kind", STR),  # actual | estimate | target | plan
        ("comparator", STR),  # = | >= | <= | ~ | nearly (近: a little under)
        ("strive", BOOL),  # a target the text only strives for (力争), not promises
        ("metric", STR),
        ("metric_en", STR),
        ("value", F64),
        ("unit", STR),
        ("value_std", F64),
        ("unit_std", STR),
        ("is_rank", BOOL),
        ("headline", BOOL),
        ("headline_rank", I64),  # order of headline measures (catalogue order, 1 first), else 0
        ("quote", STR),
        ("start", I64),  # offsets of the number in documents.text
        ("end", I64),
        ("raw", STR),  # the number as written, e.g. "11.2%" or "两个"
        ("quote_start", I64),  # offsets of the quote in documents.text
        ("quote_end", I64),
        ("rank_scope", STR),  # 全市, 生态涵养区 … for ranks, else ""
        ("value_max", F64),  # upper bound of a range (2-3所: value 2, value_max 3), else NaN
        ("also_at", pa.list_(I64)),  # starts of the same figure repeated in a title
        ("measure_id", STR),  # standard measure (gdp_growth …, curated/measures.toml), else ""
    ]
)

COMPARISONS = pa.schema(
    [
        ("measure", STR),
        ("measure_en", STR),
        ("sector", STR),
        ("unit", STR),
        ("district", STR),  # documents.district of the figures ("" when not stated)
        ("year", I64),  # the target year (or the year of the first result, without a target)
        ("target_value", F64),  # the target for ``year``
        ("target_period", STR),  # facts.period of each side: "2023", "2024H1" …
        ("target_kind", STR),  # target | plan | ""
        ("target_comparator", STR),
        ("target_doc_id", STR),
        ("target_fact_id", STR),
        ("result_value", F64),  # the result of ``year``, from a later document
        ("result_period", STR),
        ("result_kind", STR),  # actual | estimate | ""
        ("result_doc_id", STR),
        ("result_fact_id", STR),
        ("baseline_value", F64),  # the result of the year before
        ("baseline_period", STR),
        ("baseline_kind", STR),
        ("baseline_doc_id", STR),
        ("baseline_fact_id", STR),
        ("latest_value", F64),  # the newest part-year or to-date figure after the target
        ("latest_period", STR),
        ("latest_kind", STR),
        ("latest_doc_id", STR),
        ("latest_fact_id", STR),
        ("status", STR),  # machine-readable status id (schema.STATUSES)
        ("status_zh", STR),  # the status as a reader sees it
        ("measure_id", STR),  # measures.toml id, else the catalogue name or the target phrase
        ("sense", STR),  # higher | lower: which way the measure is better
        ("is_judged", BOOL),  # the status judges like against like (green or red)
        ("tone", STR),  # good | bad | neutral: the status read by the measure's sense
        # why the target and result are one measure: standard (measures.toml), catalogue
        # (metrics.toml), phrase (same normalised phrase), fuzzy (rapidfuzz); "" unless both
        ("pair_reason", STR),
        ("pair_score", F64),  # 100, or the fuzzy matcher's 0–100 score; NaN unless both
    ]
)

TASKS = pa.schema(
    [
        ("task_id", STR),
        ("section_no", I64),  # 0 main targets, then 1 … per report
        ("section_title", STR),
        ("subheading", STR),
        ("sentence", STR),
        ("sector", STR),
        ("fact_ids", STR_LIST),
        ("start", I64),
        ("end", I64),
        ("doc_id", STR),  # the work report the task is from
    ]
)

SITES = pa.schema(
    [
        ("site_id", STR),
        ("name", STR),
        ("name_en", STR),
        ("label_en", STR),  # a short English map label, or ""
        ("label_zh", STR),  # a short Chinese map label, or ""
        ("sector", STR),
        ("town", STR),
        ("lat", F64),
        ("lon", F64),
        ("description", STR),
        ("location_source", STR),
        ("quotes", STR_LIST),
        ("kind", STR),  # site | town | route
        ("path", pa.list_(pa.list_(F64))),  # [[lon, lat], …] for routes, else []
        ("fact_ids", STR_LIST),
        ("accuracy_km", F64),  # how far off the curated coordinate may be
        ("landmark", BOOL),  # a place readers find their way by (the district government)
    ]
)

HONOURS = pa.schema(
    [
        ("doc_id", STR),
        ("title", STR),  # the title as written, outer quotes removed
        ("holder", STR),  # who received it ("" for the district itself)
        ("clause", STR),  # the clause that names the honour
        ("start", I64),  # offsets of the clause in documents.text
        ("end", I64),
        ("sector", STR),
        ("is_national", BOOL),  # a national title (国家, 全国 …)
    ]
)

MAIN_TARGETS = pa.schema(
    [
        ("doc_id", STR),
        ("clause_no", I64),  # 1 … in text order
        ("clause", STR),  # one clause of the 主要预期目标 paragraph, stripped
        ("start", I64),  # offsets of the clause in documents.text
        ("end", I64),
        ("fact_ids", STR_LIST),  # the target facts stated in the clause, in text order
    ]
)

TRANSLATIONS = pa.schema(
    [
        ("zh", STR),  # the Chinese exactly as a document writes it
        ("en", STR),  # its curated English
        ("kind", STR),  # section | honour | holder | target_clause | publisher
        ("doc_id", STR),  # the first document that holds it
        ("start", I64),  # its offset in that document's text (-1: in the metadata only)
    ]
)

# The status of a comparisons row: id → (Chinese, English). The build writes the Chinese
# words into ``status_zh``; the display shows either. One place for the words; ``{year}``
# stands for the target's year. The rules that choose a status are in
# ``pipeline/relate/status_rules.py``: only the first six and the ranks judge (green/red).
STATUSES: dict[str, tuple[str, str]] = {
    "latest_above_target": ("实绩高于当年目标", "Result above the year's target"),
    "latest_at_target": ("实绩达到当年目标", "Result on the year's target"),
    "latest_below_target": ("实绩低于当年目标", "Result below the year's target"),
    "latest_above_result": ("较前期实绩上升", "Up on the earlier result"),
    "latest_at_result": ("与前期实绩持平", "Level with the earlier result"),
    "latest_below_result": ("较前期实绩下降", "Down on the earlier result"),
    "rank_up": ("排名上升", "Rank improved"),
    "rank_held": ("排名持平", "Rank held"),
    "rank_down": ("排名下降", "Rank fell"),
    "latest_half_year": ("半年数据，仅供参考", "Half-year figure; for reference only"),
    "latest_quarter": ("季度数据，仅供参考", "Quarterly figure; for reference only"),
    "latest_cumulative": ("累计数据，仅作对照", "Cumulative figure; for reference only"),
    "latest_multi_year": ("多年数据，仅作对照", "Multi-year figure; for reference only"),
    "latest_other_year": ("非目标年度数据，仅作对照", "Figure of another year; for reference only"),
    "latest_other_period": ("时期不同，仅作对照", "Different periods; for reference only"),
    "latest_is_plan": ("规划数据，非最新进展", "A plan, not progress"),
    "target_is_plan": ("远期规划，不作年度评价", "Long-term plan; not judged year by year"),
    "target_below_result": (
        "目标低于上年实绩；来源文件尚无{year}年实绩",
        "Target below the previous result; no {year} result in the sources yet",
    ),
    "result_pending": ("来源文件尚无{year}年实绩", "No {year} result in the sources yet"),
    "target_only": ("仅有目标，文中无实绩", "Target only; no result in the sources"),
}  # fmt: skip


# Why a comparisons row's target and result are one measure (``pair_reason``; "" unless
# the row has both): the standard measure (measures.toml), the catalogue name (metrics.toml),
# the same normalised metric phrase, or the fuzzy matcher's score (pipeline/relate/pairs.py).
PAIR_REASONS = ("standard", "catalogue", "phrase", "fuzzy")


def status_words(status: str, lang: str, year: str = "", built: str = "") -> str:
    """A status in ``lang`` (zh or en), ``{year}`` filled in; ``built`` for an unknown id."""
    words = STATUSES.get(status)
    if words is None:
        return built
    text = words[lang == "en"]
    if year:
        return text.replace("{year}", year)
    return text.replace("{year}年", "当年").replace("{year} result", "the year's result")


TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "facts": FACTS,
    "comparisons": COMPARISONS,
    "tasks": TASKS,
    "sites": SITES,
    "honours": HONOURS,
    "main_targets": MAIN_TARGETS,
    "translations": TRANSLATIONS,
}


def to_arrow(df: pd.DataFrame, name: str) -> pa.Table:
    """Convert ``df`` to the named table's schema, or fail naming the column at fault."""
    schema = TABLES[name]
    missing = [c for c in schema.names if c not in df.columns]
    if missing:
        raise PgdashError(f"table {name}: missing column(s) {', '.join(missing)}")
    try:
        return pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError) as exc:
        first = str(exc).splitlines()[0]
        raise PgdashError(f"table {name} does not fit its schema: {first}") from None


def empty_frame(name: str) -> pd.DataFrame:
    """An empty DataFrame with the named table's columns and types."""
    return TABLES[name].empty_table().to_pandas()


def write_table(df: pd.DataFrame, name: str, folder: Path) -> Path:
    """Write ``df`` as ``folder/<name>.parquet`` with the explicit schema."""
    path = folder / f"{name}.parquet"
    pq.write_table(to_arrow(df, name), path)
    return path


def read_table(name: str, folder: Path) -> pd.DataFrame:
    """Read ``folder/<name>.parquet`` and check it against its schema."""
    path = folder / f"{name}.parquet"
    if not path.is_file():
        raise PgdashError(f"{path} is missing; {REBUILD}")
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise PgdashError(
            f"{path} cannot be read ({str(exc).splitlines()[0]}); {REBUILD}"
        ) from None
    expected = TABLES[name]
    missing = [f.name for f in expected if f.name not in table.schema.names]
    wrong = [
        f.name
        for f in expected
        if f.name in table.schema.names and not table.schema.field(f.name).type.equals(f.type)
    ]
    if missing or wrong:
        detail = f"missing {', '.join(missing)}" if missing else f"wrong type {', '.join(wrong)}"
        raise PgdashError(f"{path} does not match its schema ({detail}); {REBUILD}")
    frame = table.select(expected.names).to_pandas()
    # pandas keeps a frame's ``attrs`` in the file and copies them deeply on every operation
    # of every frame derived from it: the build's notes (curated entries no document names)
    # are for the build report, not for the readers of the table.
    frame.attrs.clear()
    return frame


def boundary_seed(district: str) -> str:
    """Where a user adds ``district``'s outline for the build to draw (see docs/districts.md)."""
    return f"seeds/geo/{BOUNDARY_SEED_PREFIX}{district}.geojson"


def read_boundary(folder: Path) -> dict:
    """The district boundary GeoJSON of a build, or a ``PgdashError`` naming the file."""
    return read_geojson(folder / BOUNDARY_FILE)


def read_context(folder: Path) -> dict:
    """The map's context layers of a build, or a ``PgdashError`` naming the file."""
    return read_geojson(folder / CONTEXT_FILE)


def read_geojson(path: Path) -> dict:
    """A GeoJSON file of a build, or a ``PgdashError`` naming the file."""
    try:
        geojson = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PgdashError(f"{path} is missing; {REBUILD}") from None
    except (OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PgdashError(f"{path} cannot be read ({first}); {REBUILD}") from None
    if not isinstance(geojson, dict) or geojson.get("type") not in ("FeatureCollection", "Feature"):
        raise PgdashError(f"{path} is not GeoJSON; {REBUILD}")
    return geojson
