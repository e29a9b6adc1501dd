"""Charts: labelled with units, in the reader's language."""

from pgdash.ui import charts


def test_sector_counts_chart_counts_facts(synth):
    spec = charts.sector_counts_chart(synth.facts, "zh").to_dict()
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert sum(row["count"] for row in values) == len(synth.facts)
    assert spec["encoding"]["x"]["title"] == "条目数（条）"
