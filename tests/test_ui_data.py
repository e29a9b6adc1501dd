"""Loading the built tables: checked, cached per build, friendly errors; and the downloads."""

import io
import json
import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest

from pgdash.app.data import load_dataset
from pgdash.errors import PgdashError
from pgdash.export import data_files as downloads
from pgdash.schema import TABLES, read_boundary


@pytest.fixture
def data_copy(synthetic_data, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(synthetic_data, folder)
    return folder


SIDES_WITH_FACTS = ("target", "result", "baseline", "latest")  # comparisons' *_fact_id


def test_loads_every_table_and_the_boundary(synth, synthetic_data):
    derived = {"facts": ["as_of"], "comparisons": [f"{s}_as_of" for s in SIDES_WITH_FACTS]}
    for name in TABLES:  # as stored, then what loading adds (the dates figures to date count to)
        assert list(getattr(synth, name).columns) == TABLES[name].names + derived.get(name, [])
    assert synth.boundary["type"] == "FeatureCollection"
    assert synth.as_of == "2024-08-19"


def test_missing_folder_names_the_rebuild_command(tmp_path):
    with pytest.raises(PgdashError, match="python -m pgdash build"):
        load_dataset(tmp_path / "nowhere")


@pytest.mark.parametrize("damage", ["truncate", "delete", "boundary", "boundary-json"])
def test_damaged_data_is_a_pgdash_error(data_copy, damage):
    if damage == "truncate":
        path = data_copy / "facts.parquet"
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "delete":
        (data_copy / "sites.parquet").unlink()
    elif damage == "boundary":
        (data_copy / "boundary.geojson").unlink()
    else:
        (data_copy / "boundary.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(PgdashError, match="rebuild with: python -m pgdash build"):
        load_dataset(data_copy)


def test_not_geojson_is_refused(tmp_path):
    (tmp_path / "boundary.geojson").write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(PgdashError, match="not GeoJSON"):
        read_boundary(tmp_path)


def test_a_rebuild_reaches_the_cache(data_copy):
    before = load_dataset(data_copy)
    facts = before.facts.iloc[:3]
    from pgdash.schema import write_table

    write_table(facts, "facts", data_copy)
    after = load_dataset(data_copy)
    assert len(after.facts) == 3 != len(before.facts)


def test_a_rebuild_empties_what_was_made_from_the_previous_build(data_copy):
    from pgdash.app.data import per_build
    from pgdash.schema import write_table

    @per_build
    def count(data) -> list[int]:
        return [len(data.facts)]

    first = load_dataset(data_copy)
    made = count(first)
    assert count(first) is made  # shared while the build stands
    write_table(first.facts.iloc[:2], "facts", data_copy)
    second = load_dataset(data_copy)
    assert count(first) is not made  # the old build's views are gone, not kept beside
    assert count(second) == [2]


def test_csv_has_a_bom_and_round_trips(synth):
    export = downloads.facts_for_export(synth.facts, synth.documents)
    raw = downloads.to_csv(export)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(back["fact_id"]) == list(synth.facts["fact_id"])
    assert set(back["document"]) == set(synth.documents["title"])


def test_xlsx_opens_with_every_row(synth):
    export = downloads.facts_for_export(synth.facts, synth.documents)
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(export)))
    sheet = book.active
    assert sheet.max_row == len(export) + 1
    assert [c.value for c in sheet[1]] == list(export.columns)
    assert sheet.freeze_panes == "A2"


def test_zip_holds_every_table(synthetic_data):
    with zipfile.ZipFile(io.BytesIO(downloads.dataset_zip(synthetic_data))) as archive:
        names = set(archive.namelist())
    assert {f"pgdash-data/{name}.parquet" for name in TABLES} <= names
    assert "pgdash-data/boundary.geojson" in names
    assert "pgdash-data/context.geojson" in names


def test_a_figure_to_date_carries_the_month_its_document_counted_it_to(synth):
    from pgdash.display.formatting import fact_period

    facts, docs = synth.facts, synth.documents.set_index("doc_id")
    to_date = facts[facts["period"] == "cumulative"]
    assert len(to_date) and (facts.loc[facts["period"] != "cumulative", "as_of"] == "").all()
    kinds = set()
    for fact in to_date.to_dict("records"):
        doc = docs.loc[fact["doc_id"]]
        if pd.notna(doc["reviews_year"]):  # a work report's review counts to its year's end
            assert fact["as_of"] == f"{int(doc['reviews_year'])}-end"
        else:
            assert fact["as_of"] == str(doc["published"])[:7]
        kinds.add(pd.notna(doc["reviews_year"]))
    assert kinds == {True, False}  # both kinds of document are tried
    assert fact_period({"period": "cumulative", "as_of": "2022-end"}, "zh") == "截至2022年底"
    assert fact_period({"period": "cumulative", "as_of": "2022-end"}, "en") == "as of end-2022"
    assert fact_period({"period": "cumulative", "as_of": "2024-08"}, "zh") == "截至2024年8月"
    assert fact_period({"period": "cumulative", "as_of": "2024-08"}, "en") == "as of Aug 2024"
    assert fact_period({"period": "cumulative", "as_of": "2023"}, "zh") == "截至2023年"
    assert fact_period({"period": "cumulative"}, "en") == "to date"  # a row without it
