"""Which facts a stretch of a document states: the facts whose number starts inside it."""

import pandas as pd

from pgdash.pipeline.text.span import Span


def fact_ids_within(facts: pd.DataFrame, span: Span) -> list[str]:
    """Ids of the facts whose number starts in ``span``, in text order."""
    pairs = zip(facts["start"].tolist(), facts["fact_id"].tolist(), strict=True)
    return [fact_id for start, fact_id in sorted(pairs) if span.holds(start)]
