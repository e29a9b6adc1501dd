"""Questions the pages ask of the tables: plain pandas, no Streamlit, unit-tested."""

from dataclasses import dataclass, field, replace

import pandas as pd

from pgdash.display.formatting import format_period
from pgdash.display.i18n import t
from pgdash.schema import boundary_seed
from pgdash.sectors import SECTORS
from pgdash.tables import Dataset, boundary_name, district_english, same_district

SENTENCE_END = "。；！？\n"
RANK_UNIT = "名次"
# Words in a measure's name that mean "the lower, the better".
LOWER_IS_BETTER = ("失业率", "价格", "涨幅", "能耗", "浓度", "重污染", "诉求比", "事故", "排名")


def texts(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → normalized text."""
    return dict(zip(documents["doc_id"], documents["text"], strict=True))


def in_order(facts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Facts in reading order: documents as listed, then by position in the text."""
    order = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    key = facts["doc_id"].map(order).fillna(len(order))
    return facts.assign(_doc=key).sort_values(["_doc", "start"]).drop(columns="_doc")


def lower_is_better(metric: str, comparator: str = "", unit: str = "") -> bool:
    """Whether a smaller value of this measure is the better one (unemployment, CPI, rank)."""
    return (
        comparator == "<="
        or unit == RANK_UNIT
        or any(word in (metric or "") for word in LOWER_IS_BETTER)
    )


def attach_ranks(facts: pd.DataFrame, doc_texts: dict[str, str]) -> dict[str, list[dict]]:
    """fact_id of a figure → the rank facts that rank it (增速全市第一 after 11.2%).

    A rank belongs to the nearest figure before it in the same sentence whose measure its
    own name starts with (地区生产总值增速全市排名 ranks 地区生产总值增速), so a rank of the
    GDP level is not pinned on the GDP growth rate stated just before it.
    """
    ranks: dict[str, list[dict]] = {}
    # Plain records: a pandas filter per rank costs milliseconds on every page run.
    plain = facts[~facts["is_rank"]].to_dict("records")
    for rank in facts[facts["is_rank"]].to_dict("records"):
        named = [
            f
            for f in plain
            if f["doc_id"] == rank["doc_id"]
            and f["end"] <= rank["start"]
            and str(rank["metric"]).startswith(str(f["metric"]))
        ]
        if not named:
            continue
        figure = max(named, key=lambda f: f["end"])
        gap = doc_texts.get(rank["doc_id"], "")[int(figure["end"]) : int(rank["start"])]
        if not any(ch in gap for ch in SENTENCE_END):
            ranks.setdefault(figure["fact_id"], []).append(rank)
    return ranks


def _present(value: object) -> bool:
    return value is not None and value == value and value != ""


def side_source(row: pd.Series, side: str) -> str:
    """The ledger column prefix a shown side reads: ``result`` (the earlier figure) is the
    previous year's result beside a target, else the year's result; ``latest`` (the later
    figure) is the year's result beside a target when known, else the newest part-year one."""
    has_target = _present(row.get("target_fact_id", ""))
    if side == "result":
        return "baseline" if has_target else "result"
    if side == "latest" and has_target and _present(row.get("result_fact_id", "")):
        return "result"
    return side


def side_field(row: pd.Series, side: str, field: str) -> object:
    """A field (value, period, kind, fact_id) of a shown side of a ledger row."""
    column = f"{side_source(row, side)}_{field}"
    return row[column] if column in row.index else ""


def comparison_roles(comparisons: pd.DataFrame) -> dict[str, tuple[pd.Series, str]]:
    """fact_id → the comparisons row that uses the fact and its role: latest, result or
    target (the first row and role in that order wins)."""
    roles: dict[str, tuple[pd.Series, str]] = {}
    for role in ("latest", "result", "target"):
        for _, row in comparisons.iterrows():
            if fact_id := side_field(row, role, "fact_id"):
                roles.setdefault(str(fact_id), (row, role))
    return roles


def comparison_role(fact_id: str, comparisons: pd.DataFrame) -> tuple[pd.Series, str] | None:
    """The comparisons row that uses this fact and its role: result, target or latest."""
    return comparison_roles(comparisons).get(fact_id)


@dataclass(frozen=True)
class TargetClause:
    """One clause of the main-targets paragraph and the target facts stated in it."""

    text: str
    start: int
    end: int
    doc_id: str
    facts: pd.DataFrame = field(compare=False)


def target_clauses(main_targets: pd.DataFrame, facts: pd.DataFrame) -> list[TargetClause]:
    """The rows of the ``main_targets`` table with their target facts (of the sector in force)."""
    return [
        TargetClause(row.clause, row.start, row.end, row.doc_id, facts_of(row.fact_ids, facts))
        for row in main_targets.itertuples()
    ]


def targets_period(clauses: list[TargetClause], lang: str) -> str:
    """The period the main targets are set for, from their facts ("2023年"), or ""."""
    periods = [p for c in clauses for p in c.facts["period"]]
    return format_period(max(periods, key=periods.count), lang) if periods else ""


def clause_fact_ids(clauses: list[TargetClause]) -> set[str]:
    """fact_ids of the figures stated in these clauses (the main-target cards)."""
    return {i for c in clauses for i in c.facts["fact_id"]}


def targets_without_baseline(facts: pd.DataFrame, comparisons: pd.DataFrame) -> pd.DataFrame:
    """Target facts that no comparison uses (no 2022 result to hold them against)."""
    used = set(comparisons["target_fact_id"].dropna())
    targets = facts[(facts["kind"] == "target") & ~facts["fact_id"].isin(used)]
    return targets.reset_index(drop=True)


def search(frame: pd.DataFrame, query: str, columns: list[str]) -> pd.DataFrame:
    """Rows where every word of ``query`` occurs in one of ``columns`` (case-insensitive)."""
    words = [w for w in (query or "").lower().split() if w]
    if not words or frame.empty:
        return frame
    haystack = frame[columns].astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return frame[mask]


@dataclass(frozen=True)
class Passage:
    """A stretch of a document around a fact, with the quote and number spans inside it."""

    text: str
    quote: tuple[int, int]
    number: tuple[int, int]
    clipped_start: bool
    clipped_end: bool


def passage(text: str, fact: pd.Series, context: int = 160) -> Passage:
    """The paragraph holding ``fact``, clipped to ``context`` characters around its quote."""
    q_start, q_end = int(fact["quote_start"]), int(fact["quote_end"])
    n_start, n_end = int(fact["start"]), int(fact["end"])
    first, last = min(q_start, n_start), max(q_end, n_end)
    para_start = text.rfind("\n", 0, first) + 1
    para_end = text.find("\n", last)
    para_end = len(text) if para_end < 0 else para_end
    start = max(para_start, first - context)
    end = min(para_end, last + context)
    return Passage(
        text=text[start:end],
        quote=(q_start - start, q_end - start),
        number=(n_start - start, n_end - start),
        clipped_start=start > para_start,
        clipped_end=end < para_end,
    )


def number_spans(tasks: pd.DataFrame, facts: pd.DataFrame) -> list[list[tuple[int, int]]]:
    """Per task, in order: offsets within its sentence of its quantitative targets' numbers."""
    located = facts[facts["doc_id"].notna()]
    positions = zip(located["start"], located["end"], strict=True)
    where = dict(zip(located["fact_id"], positions, strict=True))
    spans = []
    for ids, t_start, t_end in zip(tasks["fact_ids"], tasks["start"], tasks["end"], strict=True):
        found = (where[i] for i in (ids if ids is not None else ()) if i in where)
        spans.append(
            [
                (int(a) - int(t_start), int(b) - int(t_start))
                for a, b in found
                if t_start <= a and b <= t_end
            ]
        )
    return spans


def task_number_spans(task: pd.Series, facts: pd.DataFrame) -> list[tuple[int, int]]:
    """Offsets, within the task sentence, of the numbers of its quantitative targets."""
    return number_spans(task.to_frame().T, facts)[0]


def facts_of(ids, facts: pd.DataFrame) -> pd.DataFrame:
    """The facts with these ids, in the order given."""
    wanted = list(ids) if ids is not None else []
    found = facts.set_index("fact_id")
    return found.loc[[i for i in wanted if i in found.index]].reset_index()


def sector_overview(facts: pd.DataFrame, tasks: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Per sector (in the fixed order): number of facts, headline facts, tasks and sites."""
    rows = []
    for s in SECTORS:
        rows.append(
            {
                "sector": s.id,
                "facts": int((facts["sector"] == s.id).sum()),
                "headline": int(((facts["sector"] == s.id) & facts["headline"]).sum()),
                "tasks": int((tasks["sector"] == s.id).sum()),
                "sites": int(((sites["sector"] == s.id) & (sites["kind"] == "site")).sum()),
            }
        )
    return pd.DataFrame(rows)


def quantified(tasks: pd.DataFrame, facts: pd.DataFrame) -> pd.Series:
    """Whether each task states a quantitative target (a fact inside its sentence)."""
    flags = [bool(spans) for spans in number_spans(tasks, facts)]
    return pd.Series(flags, index=tasks.index, dtype=bool)


def report_years(documents: pd.DataFrame) -> list[int]:
    """The years the work reports set targets for, oldest first."""
    reports = documents[documents["kind"] == "work_report"]
    return sorted({int(y) for y in reports["targets_year"].dropna()})


def report_year(documents: pd.DataFrame) -> int:
    """The latest report's target year, else the latest year a document was delivered in."""
    years = report_years(documents) or sorted(int(y) for y in documents["delivered_year"].dropna())
    return years[-1] if years else 0


def documents_in_view(documents: pd.DataFrame, year: int, latest: bool) -> set[str]:
    """doc_ids in view for the report of ``year``: that report, and the other documents
    delivered in ``year`` or the next (any later one too when ``year`` is the latest)."""
    ids = set()
    for doc in documents.itertuples():
        if doc.kind == "work_report":
            if doc.targets_year == year or (pd.isna(doc.targets_year) and latest):
                ids.add(doc.doc_id)
            continue
        delivered = doc.delivered_year
        if pd.isna(delivered) or year <= delivered <= year + 1 or (latest and delivered > year):
            ids.add(doc.doc_id)
    return ids


def district_of(documents: pd.DataFrame) -> str:
    """The district the documents name (the most common), or ""."""
    named = [d for d in documents["district"] if d]
    return max(named, key=named.count) if named else ""


def for_year(data: Dataset, year: int | None) -> Dataset:
    """The data in view for the work report of ``year``: its documents and what comes from
    them, and the ledger rows of that year and the year it reviews. Unchanged when there is
    one report or none; the view gets its own cache stamp."""
    years = report_years(data.documents)
    if year is None or len(years) < 2 or year not in years:
        return data
    ids = documents_in_view(data.documents, year, year == years[-1])
    documents = data.documents[data.documents["doc_id"].isin(ids)].reset_index(drop=True)
    districts = {d for d in documents["district"]} | {""}
    ledger = data.comparisons
    ledger = ledger[ledger["year"].isin((year - 1, year)) & ledger["district"].isin(districts)]

    def cut(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["doc_id"].isin(ids)].reset_index(drop=True)

    return replace(
        data,
        documents=documents,
        facts=cut(data.facts),
        tasks=cut(data.tasks),
        main_targets=cut(data.main_targets),
        honours=cut(data.honours) if "doc_id" in data.honours else data.honours,
        comparisons=ledger.reset_index(drop=True),
        stamp=hash((data.stamp, year)),
    )


def district_name(data: Dataset, lang: str) -> str:
    """The district of the documents in view, in ``lang`` (its curated English, else made
    from its name: 罗湖区 → Luohu District); "" when no document names it."""
    name = district_of(data.documents)
    if lang != "en" or not name:
        return name
    return data.english.get(name) or district_english(name)


def is_home(data: Dataset) -> bool:
    """Whether the documents in view are of the district the curated files and the
    committed boundary describe (its 高大尚 pillars, sites and map); documents that name
    no district are taken to be of it."""
    district = district_of(data.documents)
    return not district or same_district(district, data.home)


def section_count(tasks: pd.DataFrame) -> int:
    """How many numbered task sections the work plan has (a report's 主要预期目标 is 0)."""
    numbered = tasks[tasks["section_no"] > 0]
    return int(numbered.groupby("doc_id")["section_no"].nunique().max()) if len(numbered) else 0


def map_fits(data: Dataset) -> bool:
    """Whether the map's boundary and places are of the district the documents are of
    (documents that name no district are taken to be the boundary's)."""
    district = district_of(data.documents)
    return not district or same_district(district, boundary_name(data.boundary))


def no_map_line(data: Dataset, lang: str) -> str:
    """The one line shown instead of a map of a district without an outline: the file
    to add (named as its documents write the district) and where the way is written."""
    file = boundary_seed(district_of(data.documents))
    return t("no_map_for_district", lang, district=district_name(data, lang), file=file)
