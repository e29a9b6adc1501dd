"""Extract stage: every quantitative figure of every document becomes one facts row.

Numbers are found by :mod:`.mentions`, classified by :mod:`.qualify`, named by
:mod:`.catalogue` (the curated catalogue overrides names, sector and headline flag) and
placed by the outline (section) and :func:`.sector_rules.sector_at` (sector).

Conventions of the table:

- ``raw`` is the number with its unit as written (``11.2%``, ``1.57万人``, ``10余家``,
  ``两个``); a rank's raw is ``第一`` with ``rank_scope`` 全市 and unit_std 名次.
- A range (``2-3所``) keeps both bounds: ``value`` 2, ``value_max`` 3 (NaN for other
  figures); a fraction (``三分之一``) is a share in %; ``近万``/``近亿元`` as 1 万 / 1 亿元, ``~``.
- A rank shared by several subjects (果品和禽蛋产量、蛋鸡和生猪存栏均居全市首位) is one row
  per subject, each with its own name, all pointing at the one number.
- Different figures of one document never share a name, period and kind: a shared name
  takes what the unit measures (家数, 金额), else the figure's own clause
  (:func:`.catalogue.distinct_names`).
- A figure a title repeats (the article's headline 连续三年GDP平均增速9.1% and the body's
  9.1%) is one row, the body's; the title's start is kept in ``also_at``.
- ``period`` is a year (``2022``), a first half (``2024H1``), a span (``2021-2023``),
  ``cumulative`` (to date) or ``future`` (a plan without a year).
- ``comparator`` is ``=``, ``>=``, ``<=``, ``~`` (左右, 约) or ``nearly`` (近); ``strive`` marks
  a target or plan its sentence only strives for (力争 8500人以上: strive, ``>=``).
- Not rows: a streak (连续四年成为国庆礼桃) that no curated entry tracks (a leader does
  not read it as a figure), 连续三年/近三年 when they only date another figure of their clause, ages
  (60岁及以上) and audience sizes (百万粉丝) that qualify a group, and everything
  :mod:`.mentions` skips (list headers, agenda counts, slogans, 20年来, programme names).
- ``measure_id`` names the standard measure a figure states (``gdp_growth``,
  ``retail_sales`` …, from ``curated/measures.toml``), the same in every report; "" for
  any other figure.
- ``fact_id`` hashes the document, the quote, the raw text and its occurrence in that quote,
  so it survives edits elsewhere in the document.
"""

import hashlib
import itertools
import re
from collections import Counter
from dataclasses import replace

import pandas as pd

from pgdash.errors import PgdashError
from pgdash.pipeline.extract.catalogue import (
    CATALOGUE,
    CuratedMetric,
    derive_metric,
    distinct_names,
    load_catalogue,
    locate,
)
from pgdash.pipeline.extract.english import english_name
from pgdash.pipeline.extract.measures import Measure, assign_measures, load_measures
from pgdash.pipeline.extract.mentions import DURATION_PREFIXES, Mention, scan
from pgdash.pipeline.extract.qualify import (
    Around,
    DocYears,
    comparator,
    period_and_kind,
    strives,
    structural_frame,
)
from pgdash.pipeline.extract.sector_rules import sector_at
from pgdash.pipeline.read.seeds import Document
from pgdash.pipeline.text.outline import Outline
from pgdash.pipeline.text.span import Span
from pgdash.pipeline.text.split import CLAUSE_MARKS, break_positions
from pgdash.schema import FACTS, empty_frame

MAX_QUOTE = 120  # a longer sentence is cut down to the clauses around the number
CLAUSE_WINDOW = 80


def quote_span(text: str, mention: Mention, around: Around) -> Span:
    """The sentence that states the figure, or the clauses around it if it is long."""
    span = around.sentence
    if span.end - span.start > MAX_QUOTE:
        span = clause_window(text, mention, span)
    start = span.start
    while start < mention.start and text[start].isspace():
        start += 1
    return Span(start, span.end)


def clause_window(text: str, mention: Mention, sentence: Span) -> Span:
    """The figure's clause and its neighbours in ``sentence``, up to CLAUSE_WINDOW chars."""
    cuts = [i + 1 for i in break_positions(text, sentence.start, sentence.end, CLAUSE_MARKS)]
    bounds = [sentence.start, *cuts, sentence.end]
    clauses = [Span(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    lo = hi = next(i for i, c in enumerate(clauses) if c.start <= mention.start < c.end)
    grown = True
    while grown:
        grown = False
        if lo > 0 and clauses[hi].end - clauses[lo - 1].start <= CLAUSE_WINDOW:
            lo, grown = lo - 1, True
        if hi + 1 < len(clauses) and clauses[hi + 1].end - clauses[lo].start <= CLAUSE_WINDOW:
            hi, grown = hi + 1, True
    end = clauses[hi].end
    if text[end - 1] in CLAUSE_MARKS and end - 1 >= mention.end:
        end -= 1  # a quote does not end on a comma
    return Span(clauses[lo].start, end)


def is_period_qualifier(text: str, mention: Mention, others: list[Mention], clause: Span) -> bool:
    """连续三年 / 近三年 before another figure of its clause only says which years it covers."""
    if mention.unit.written != "年" or not text.endswith(DURATION_PREFIXES, 0, mention.start):
        return False
    return any(o is not mention and clause.holds(o.start) for o in others)


def share_units(text: str, mentions: list[Mention]) -> list[Mention]:
    """23.5个、23.3个百分点: a figure listed before another takes the fuller unit after it."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        this, after = out[i], out[i + 1]
        between = text[this.end : after.start]
        if (
            between in ("、", "和", "及")
            and after.unit.written.startswith(this.unit.written)
            and after.unit.written != this.unit.written
        ):
            out[i] = replace(this, unit=after.unit)
    return out


def shared_subjects(text: str, mention: Mention, clause: Span) -> list[str]:
    """The subjects a rank is shared by: 果品和禽蛋产量、蛋鸡和生猪存栏均居全市首位 →
    果品产量, 禽蛋产量, 蛋鸡存栏, 生猪存栏 (the last item of a pair lends its head noun)."""
    if not mention.is_rank:
        return []
    before = text[clause.start : mention.start]
    m = re.search(rf"([^，。；：]+?)均(?:位居|居于|居|为|列){mention.rank_scope}$", before)
    if not m:
        return []
    names: list[str] = []
    for group in m.group(1).split("、"):
        items = [i for i in re.split(r"[和及与]", group) if i]
        last = items[-1] if items else ""
        for item in items[:-1]:
            head = last[len(item) :] if len(item) < len(last) else ""
            names.append(item + head)
        names.append(last)
    return names if len(names) > 1 else []


MAX_TITLE = 40


def is_title(heading: str) -> bool:
    """A headline: short and without a full stop (not a part heading run into its text)."""
    return len(heading) <= MAX_TITLE and not any(c in heading for c in "。；")


def fold_title_repeats(rows: list[dict], outline: Outline) -> list[dict]:
    """Drop a figure a title repeats from the body; the body's row keeps the title's start."""
    titles = [h for h in outline.headings if h.level == 1 and is_title(h.title)]
    in_title = [any(h.start <= r["start"] < h.end for h in titles) for r in rows]
    body = [r for r, t in zip(rows, in_title, strict=True) if not t]
    out = []
    for row, titled in zip(rows, in_title, strict=True):
        same = [
            b
            for b in body
            if (b["value_std"], b["unit_std"], b["is_rank"])
            == (row["value_std"], row["unit_std"], row["is_rank"])
        ]
        same = [b for b in same if b["period"] == row["period"]] or same
        if titled and same:
            same[0]["also_at"].append(row["start"])
        else:
            out.append(row)
    return out


def fact_id(doc_id: str, quote: str, raw: str, occurrence: int) -> str:
    """A stable id from the document, the quote and the number (not from row positions)."""
    digest = hashlib.sha1(f"{doc_id}|{quote}|{raw}|{occurrence}".encode()).hexdigest()
    return f"{doc_id}-{digest[:10]}"


def document_facts(
    doc: Document, outline: Outline, measures: list[Measure] | None = None
) -> tuple[list[dict], list[str]]:
    """The facts rows of one document and its unclassified figures."""
    text = doc.text
    found = scan(text)
    mentions = share_units(text, found.mentions)
    arounds = [Around.of(text, m.start, m.end) for m in mentions]
    keep = [
        (m, a)
        for m, a in zip(mentions, arounds, strict=True)
        if not is_period_qualifier(text, m, mentions, a.clause)
    ]
    years = DocYears.of(doc)
    rows: list[dict] = []
    seen: Counter[tuple[str, str]] = Counter()
    for i, (mention, around) in enumerate(keep):
        frame = structural_frame(years, outline, mention.start)
        period, kind = period_and_kind(text, mention, around, frame)
        quote = quote_span(text, mention, around)
        previous = rows[-1] if rows and around.sentence.holds(keep[i - 1][0].start) else None
        following = keep[i + 1][0].start if i + 1 < len(keep) else len(text)
        metric = derive_metric(
            text,
            mention,
            previous["end"] if previous else -1,
            following,
            previous["metric"] if previous else "",
        )
        quote_text = text[quote.start : quote.end]
        clause_text = text[around.clause.start : around.clause.end]
        subjects = shared_subjects(text, mention, around.clause)
        for name in subjects or [metric]:
            if subjects:
                name = f"{name}{mention.rank_scope}排名"
            seen[(quote_text, mention.raw)] += 1
            occurrence = seen[(quote_text, mention.raw)]
            rows.append(
                {
                    "fact_id": fact_id(doc.doc_id, quote_text, mention.raw, occurrence),
                    "doc_id": doc.doc_id,
                    "section": outline.path_at(mention.start),
                    "sector": sector_at(outline, mention.start, quote_text, doc.kind, clause_text),
                    "period": period,
                    "kind": kind,
                    "comparator": comparator(text, mention, around),
                    "strive": kind in ("target", "plan") and strives(text, mention, around),
                    "metric": name,
                    "metric_en": "",  # named once the names are distinct
                    "value": mention.value,
                    "unit": mention.unit.written,
                    "value_std": float(f"{mention.value * mention.unit.factor:.12g}"),
                    "unit_std": mention.unit.std,
                    "is_rank": mention.is_rank,
                    "headline": False,
                    "headline_rank": 0,
                    "quote": quote_text,
                    "start": mention.start,
                    "end": mention.end,
                    "raw": mention.raw,
                    "quote_start": quote.start,
                    "quote_end": quote.end,
                    "rank_scope": mention.rank_scope,
                    "value_max": mention.value_max if mention.is_range else float("nan"),
                    "also_at": [],
                    "measure_id": "",  # set once every row of the document is known
                    "streak": mention.streak(text),  # kept only where curated, not a column
                    "clause": clause_text,  # for naming only, not a column
                    "sentence": around.sentence.start,  # likewise
                }
            )
    rows = fold_title_repeats(rows, outline)
    measures = load_measures() if measures is None else measures
    assign_measures(rows, [r["sentence"] for r in rows], measures)
    distinct_names(rows)
    for row in rows:
        row["metric_en"] = english_name(row["metric"], row["unit_std"])
    unclassified = [
        f"{doc.doc_id} @{u.start}: {u.text!r} in “{_context(text, u.start, u.end)}” ({u.reason})"
        for u in found.unresolved
    ]
    return rows, unclassified


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 12) : end + 8].replace("\n", " ")


def apply_catalogue(
    facts: pd.DataFrame, texts: dict[str, str], entries: list[CuratedMetric]
) -> pd.DataFrame:
    """Give curated measures their names, sector and headline flag (ranked in catalogue
    order, 1 first); fail on a stale entry. Entries whose quote no document has are listed
    in ``attrs["unmatched"]`` of the result."""
    facts = facts.copy()
    # Plain lists and a position index: a masked pandas assignment per entry costs ~2 ms.
    keys = zip(facts["doc_id"], facts["start"].tolist(), strict=True)
    position: dict[tuple[str, int], int] = {}
    for i, key in enumerate(keys):
        position.setdefault(key, i)  # a shared rank: the catalogue names its first subject
    curated = ("metric", "metric_en", "sector", "headline", "headline_rank")
    named = {c: facts[c].tolist() for c in curated}
    headline_ranks = iter(range(1, len(entries) + 1))
    raws = facts["raw"].tolist()
    unmatched: list[str] = []
    curated: list[int] = []
    for entry in entries:
        found = locate(entry, texts)
        if found is None:
            unmatched.append(f"{entry.where}: {entry.quote!r} occurs in no document")
            continue
        i = position.get(found)
        if i is None:
            raise PgdashError(
                f"{entry.where}: {entry.number!r} in {entry.quote!r} is not an extracted figure; "
                "anchor the entry on a number the extractor finds"
            )
        if raws[i] != entry.number:
            raise PgdashError(
                f"{entry.where}: the figure there is written {raws[i]!r}, not {entry.number!r}; "
                f"set number = {raws[i]!r}"
            )
        curated.append(i)
        rank = next(headline_ranks) if entry.headline else 0
        values = (entry.metric, entry.metric_en, entry.sector, entry.headline, rank)
        for column, value in zip(named, values, strict=True):
            named[column][i] = value
    for column, values in named.items():
        facts[column] = pd.Series(values, index=facts.index, dtype=facts[column].dtype)
    facts.attrs["unmatched"] = unmatched
    facts.attrs["curated"] = curated
    return facts


def without_untracked_streaks(
    facts: pd.DataFrame, streaks: list[bool], curated: list[int]
) -> pd.DataFrame:
    """The facts without the streaks (连续四年) no curated entry tracks (rows by position)."""
    tracked = set(curated)
    keep = [not streak or i in tracked for i, streak in enumerate(streaks)]
    return facts[keep].reset_index(drop=True)


def build_facts(
    docs: list[Document], outlines: dict[str, Outline]
) -> tuple[pd.DataFrame, list[str]]:
    """The facts table and the figures that could not be classified."""
    rows: list[dict] = []
    unclassified: list[str] = []
    measures = load_measures()
    for doc in docs:
        doc_rows, doc_unclassified = document_facts(doc, outlines[doc.doc_id], measures)
        rows.extend(doc_rows)
        unclassified.extend(doc_unclassified)
    if not rows:
        return empty_frame("facts"), unclassified
    streaks = [row["streak"] for row in rows]
    facts = pd.DataFrame(rows, columns=FACTS.names)
    facts = apply_catalogue(facts, {d.doc_id: d.text for d in docs}, load_catalogue(CATALOGUE))
    unmatched = facts.attrs["unmatched"]
    facts = facts.reset_index(drop=True)
    facts = without_untracked_streaks(facts, streaks, facts.attrs.get("curated", []))
    facts.attrs["unmatched"] = unmatched
    return facts, unclassified
