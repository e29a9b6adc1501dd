"""The series of targets and results of each measure across the years, for small charts.

Built from the ledger (comparisons): each row gives its year's target and result, and the
previous year's result as baseline, so a measure followed over several reports becomes
one point per year and role. Only measures with two or more years make a series.
"""

import altair as alt
import pandas as pd

from pgdash.display.colours import ROLE
from pgdash.display.i18n import t

COLUMNS = ("measure", "unit", "year", "role", "role_label", "amount", "fact_id")
SIDES = {"target": ("target", 0), "result": ("result", 0), "baseline": ("result", -1)}


def series_frame(comparisons: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per measure, year and role (target, result), each value stated once."""
    points: dict[tuple[str, int, str], dict] = {}
    for _, row in comparisons.iterrows():
        measure = row["measure_en"] if lang == "en" and row["measure_en"] else row["measure"]
        for side, (role, shift) in SIDES.items():
            fact_id = row[f"{side}_fact_id"]
            if not fact_id or pd.isna(row[f"{side}_value"]):
                continue
            year = int(row["year"]) + shift
            points.setdefault(
                (measure, year, role),
                {
                    "measure": measure,
                    "unit": row["unit"],
                    "year": year,
                    "role": role,
                    "role_label": t(f"series_role_{role}", lang),
                    "amount": float(row[f"{side}_value"]),
                    "fact_id": fact_id,
                },
            )
    frame = pd.DataFrame(list(points.values()), columns=list(COLUMNS))
    years = frame.groupby("measure")["year"].transform("nunique")
    return frame[years >= 2].sort_values(["measure", "year", "role"]).reset_index(drop=True)


def measures_in_order(frame: pd.DataFrame, comparisons: pd.DataFrame, lang: str) -> list[str]:
    """The measures of a series frame, in the ledger's order."""
    column = "measure_en" if lang == "en" else "measure"
    order = list(dict.fromkeys(comparisons[column]))
    names = set(frame["measure"])
    return [m for m in order if m in names] + sorted(names - set(order))


def series_specs(ledger: pd.DataFrame, lang: str) -> list[dict]:
    """One small Vega-Lite chart per measure with two or more years: its targets and results
    over the years (plain dicts, so they are built once and drawn many times)."""
    frame = series_frame(ledger, lang)
    if frame.empty:
        return []
    roles = [t(f"series_role_{r}", lang) for r in ("target", "result")]
    colour = alt.Color(
        "role_label:N",
        scale=alt.Scale(domain=roles, range=[ROLE["target"], ROLE["result"]]),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    specs = []
    for measure in measures_in_order(frame, ledger, lang):
        points = frame[frame["measure"] == measure]
        unit = points["unit"].iloc[0]
        chart = (
            alt.Chart(points, title=f"{measure}（{unit}）" if unit else measure)
            .mark_line(point=alt.OverlayMarkDef(size=60))
            .encode(
                x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
                y=alt.Y("amount:Q", title=None, scale=alt.Scale(zero=False, nice=True)),
                color=colour,
                tooltip=["role_label:N", "year:O", "amount:Q"],
            )
        )
        specs.append(chart.to_dict())
    return specs
