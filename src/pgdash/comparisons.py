"""Placeholder until this stage lands."""

import pandas as pd

from pgdash.schema import empty_frame


def build_comparisons(facts: pd.DataFrame) -> pd.DataFrame:
    """An empty table of the right shape."""
    return empty_frame("comparisons")
