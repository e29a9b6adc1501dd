"""What the map and sources pages send per run: the same things, in fewer bytes."""

import json

import pyarrow as pa
from shapely.geometry import shape

from pgdash.app import views
from pgdash.display import maps
from pgdash.display.i18n import t
from pgdash.tables import Dataset

KINDS = ("actual", "estimate", "target", "plan")


def test_far_neighbours_are_drawn_coarser_and_every_neighbour_stays(built: Dataset) -> None:
    outlines = maps.neighbour_outlines(built.context)
    features = maps.context_features(built.context, "neighbour")
    assert len(outlines["features"]) == len(features)
    far = [f for f in features if not f["properties"].get("adjacent", True)]
    assert far, "the seeds' context has neighbours beyond the bordering ones"
    coarse = maps.for_screen(maps._collection(far), maps.FAR_TOLERANCE)
    fine = maps.for_screen(maps._collection(far), maps.CONTEXT_TOLERANCE)
    assert len(json.dumps(coarse)) < len(json.dumps(fine))
    # the same places: no outline strays further than the tolerance (and rounding) from its own
    for mine, whole in zip(outlines["features"][-len(far) :], far, strict=True):
        a, b = shape(mine["geometry"]), shape(whole["geometry"])
        assert a.hausdorff_distance(b) <= maps.FAR_TOLERANCE + 1e-4


def test_the_sources_table_sends_few_valued_columns_as_categories(built: Dataset) -> None:
    for lang in ("zh", "en"):
        frame = views.facts_frame(built, lang, "", KINDS)
        table = views.facts_arrow(built, lang, "", KINDS)
        assert table.column_names == [c for c in frame.columns if c != "fact_id"]
        for key in views.FEW_VALUES:
            column = table.column(t(key, lang))
            assert pa.types.is_dictionary(column.type)
            assert column.to_pylist() == frame[t(key, lang)].tolist()  # the same cells
        quotes = table.column(t("quote", lang)).to_pylist()
        assert quotes == frame[t("quote", lang)].tolist()
