"""Altair charts, labelled in the reader's language with units.

(Results against targets are a scorecard with bullet-style marks: ``ui/scorecard.py``.)
"""

import altair as alt
import pandas as pd

from pgdash.sectors import BY_ID, SECTORS
from pgdash.ui.formatting import hex_colour
from pgdash.ui.i18n import sector_name, t

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
GREY = "#9aa3b2"


def sector_counts_chart(facts: pd.DataFrame, lang: str) -> alt.Chart:
    """A bar per sector: how many figures the documents give for it."""
    counts = facts["sector"].value_counts()
    data = pd.DataFrame(
        {
            "sector": [sector_name(s.id, lang) for s in SECTORS],
            "count": [int(counts.get(s.id, 0)) for s in SECTORS],
            "colour": [hex_colour(s.color) for s in SECTORS],
        }
    )
    order = list(data["sector"])
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("sector:N", sort=order, title=None),
            x=alt.X("count:Q", title=t("count", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("colour:N", scale=None),
            tooltip=[
                alt.Tooltip("sector:N", title=t("sector", lang)),
                alt.Tooltip("count:Q", title=t("count", lang)),
            ],
        )
        .properties(title=alt.Title(t("facts_by_sector", lang), anchor="start", font=FONT))
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12)
        .configure_view(strokeWidth=0)
    )


def sector_colour(sector_id: str) -> str:
    """A sector's colour as CSS hex."""
    s = BY_ID.get(sector_id)
    return hex_colour(s.color) if s else GREY
