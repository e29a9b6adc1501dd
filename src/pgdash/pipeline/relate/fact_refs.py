"""Which facts a stretch of a document states: the facts whose number starts inside it."""

import bisect

import pandas as pd

from pgdash.pipeline.text.span import Span


class FactStarts:
    """The facts of a document by where their number starts, sorted once, so each span's
    facts are found by bisection rather than by a walk over every fact."""

    def __init__(self, facts: pd.DataFrame) -> None:
        pairs = sorted(zip(facts["start"].tolist(), facts["fact_id"].tolist(), strict=True))
        self.starts = [start for start, _ in pairs]
        self.ids = [fact_id for _, fact_id in pairs]

    def within(self, span: Span) -> list[str]:
        """Ids of the facts whose number starts in ``span``, in text order."""
        lo = bisect.bisect_left(self.starts, span.start)
        hi = bisect.bisect_left(self.starts, span.end)
        return self.ids[lo:hi]  # starts in [span.start, span.end): what Span.holds means


def fact_ids_within(facts: pd.DataFrame, span: Span) -> list[str]:
    """Ids of the facts whose number starts in ``span``, in text order."""
    return FactStarts(facts).within(span)
