"""Extract stage (placeholder until the extractor lands): no facts."""

import pandas as pd

from pgdash.outline import Outline
from pgdash.schema import empty_frame
from pgdash.seeds import Document


def build_facts(
    docs: list[Document], outlines: dict[str, Outline]
) -> tuple[pd.DataFrame, list[str]]:
    """The facts table and the figures that could not be classified."""
    return empty_frame("facts"), []
