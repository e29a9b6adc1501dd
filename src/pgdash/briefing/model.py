"""What a slide is made of: key figures, bullet lines, an optional chart, notes and sources.

The model is pure data, so the presentation page, the PPTX deck and the PDF handout all
show the same slides, and tests can check every figure against the facts table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

SLIDE_KINDS = ("title", "kpis", "pillars", "targets", "supervision", "map", "sector")


@dataclass(frozen=True)
class Source:
    """A source document as a footnote names it: its title and publication date."""

    doc_id: str
    title: str
    published: str

    def footnote(self, lang: str) -> str:
        """《title》（date） in Chinese, "title (date)" in English; the title alone when it
        has no date to add."""
        if not self.published:
            return self.title if lang == "en" else f"《{self.title}》"
        if lang == "en":
            return f"{self.title} ({self.published})"
        return f"《{self.title}》（{self.published}）"


@dataclass(frozen=True)
class Kpi:
    """One figure on a slide; every part of it comes from a single facts row."""

    fact_id: str
    label: str  # metric name in the slide's language
    value: str  # the formatted value with unit and comparator, e.g. "9.1%" or "5%左右"
    period: str  # formatted period, e.g. "2024年上半年"
    kind: str  # actual | estimate | target | plan, as a reader sees it
    quote: str  # the sentence of the document the figure is from (always Chinese)
    source: Source
    group: str = ""  # a heading the figure is shown under (pillar, measure), else ""
    role: str = ""  # in a comparison: result | target | latest, else ""
    note: str = ""  # what else its sentence says of it: 同比增长7.5% · 全市第二
    fact_kind: str = ""  # actual | estimate | target | plan (colours the value)


@dataclass(frozen=True)
class PairRow:
    """One measure of results against targets: each side with its period spelled out."""

    measure: str
    # result | target | latest → its period and role, then its value: ("2023年目标", "5%左右");
    # ("", "") when none. A narrow cell may break between the two, never inside the value.
    sides: dict[str, tuple[str, str]]
    status: str
    tone: str  # good | bad | neutral: green or red only for a judged status
    fact_ids: tuple[str, ...] = ()  # the facts its cells show

    @property
    def cells(self) -> dict[str, str]:
        """Side → the cell's text: "2023年目标5%左右", "" when none."""
        return {side: lead + value for side, (lead, value) in self.sides.items()}

    def parts(self, side: str) -> tuple[str, str]:
        """A cell as its lead and its value, which is never broken inside."""
        return self.sides.get(side, ("", ""))


@dataclass(frozen=True)
class Place:
    """A site on the map slide: its number there, name, position and sector colour."""

    number: str
    name: str
    lon: float
    lat: float
    sector: str
    colour: str  # "#rrggbb"


@dataclass(frozen=True)
class LightCount:
    """One light of the 督办 slide: how many tasks show it (``overdue`` counts too)."""

    light: str  # red | yellow | green | none | overdue
    label: str
    count: int
    colour: str  # "#rrggbb"


@dataclass(frozen=True)
class RaisedTask:
    """A row the 督办 slide raises: a red or overdue task, or, when none is, a sector's
    tasks (no flags, its name as ``text``); ``text`` and ``note`` are document and typed
    text, shown as text."""

    task_id: str
    light: str
    flags: tuple[str, ...]  # 红灯 · 已逾期, in the slide's language
    text: str  # the task sentence (the work report's Chinese)
    meta: str  # lead unit · deadline · progress against the expected pace
    note: str  # the latest progress note, "" when none
    colour: str


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, headings, figures, lines, chart, speaker notes and sources."""

    kind: str
    title: str
    subtitle: str = ""
    kpis: tuple[Kpi, ...] = ()  # the figures shown as tiles
    figures: tuple[Kpi, ...] = ()  # the figures drawn in the chart
    bullets: tuple[str, ...] = ()
    chart: Callable[[], alt.TopLevelMixin] | None = field(default=None, compare=False)
    chart_title: str = ""
    notes: str = ""
    sources: tuple[Source, ...] = ()
    places: tuple[Place, ...] = ()  # the sites a map slide marks
    pairs: tuple[PairRow, ...] = ()  # results against targets as a table
    table: tuple[PairRow, ...] = ()  # a chart slide's other measures, in a table beneath it
    bars: pd.DataFrame | None = field(default=None, compare=False)  # rows the chart draws
    sector: str | None = None  # the sector a sector slide is about
    lights: tuple[LightCount, ...] = ()  # the 督办 slide's light counts
    raised: tuple[RaisedTask, ...] = ()  # … and its red and overdue tasks, worst first, or sectors

    @property
    def raises_tasks(self) -> bool:
        """Whether the 督办 slide's rows are red or overdue tasks (flagged), not sectors."""
        return any(task.flags for task in self.raised)

    @property
    def fact_ids(self) -> tuple[str, ...]:
        """Every figure the slide shows: its tiles, its chart's bars and its table's cells."""
        ids = [k.fact_id for k in (*self.kpis, *self.figures)]
        ids += [f for row in (*self.pairs, *self.table) for f in row.fact_ids]
        return tuple(dict.fromkeys(ids))

    def footnotes(self, lang: str) -> list[str]:
        """One numbered line per source document that the slide's figures come from."""
        return [f"[{i}] {s.footnote(lang)}" for i, s in enumerate(self.sources, start=1)]

    def reference(self, kpi: Kpi, lang: str) -> str:
        """A figure's footnote mark: its source's number on this slide ("[2]"); internal
        fact ids stay in the data, never on a slide."""
        numbers = {s.doc_id: i for i, s in enumerate(self.sources, start=1)}
        return f"[{numbers[kpi.source.doc_id]}]" if kpi.source.doc_id in numbers else ""
