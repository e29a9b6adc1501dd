"""Tables are written with explicit types and checked when read."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pgdash.errors import PgdashError
from pgdash.schema import DOCUMENTS, empty_frame, read_table, to_arrow, write_table


def documents() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "title": "报告",
                "title_en": "Report",
                "published": "2023",
                "kind": "work_report",
                "publisher": "",
                "file": "d1.txt",
                "sha256": "0" * 64,
                "chars": 3,
                "text": "平谷区",
                "district": "平谷区",
                "delivered_year": 2023,
                "reviews_year": 2022,
                "targets_year": 2023,
            }
        ]
    )


def test_round_trip_keeps_types(tmp_path: Path) -> None:
    write_table(documents(), "documents", tmp_path)
    assert pq.read_schema(tmp_path / "documents.parquet").field("text").type == pa.string()
    pd.testing.assert_frame_equal(read_table("documents", tmp_path), documents())


def test_empty_frame_has_schema_types() -> None:
    assert to_arrow(empty_frame("sites"), "sites").schema.field("path").type == pa.list_(
        pa.list_(pa.float64())
    )


def test_missing_column_is_named() -> None:
    with pytest.raises(PgdashError, match="table documents: missing column"):
        to_arrow(documents().drop(columns=["sha256"]), "documents")


def test_wrong_type_is_refused() -> None:
    with pytest.raises(PgdashError, match="does not fit its schema"):
        to_arrow(documents().assign(chars="many"), "documents")


def test_reading_checks_missing_file_corruption_and_schema(tmp_path: Path) -> None:
    with pytest.raises(PgdashError, match=r"documents\.parquet is missing; rebuild with"):
        read_table("documents", tmp_path)
    write_table(documents(), "documents", tmp_path)
    path = tmp_path / "documents.parquet"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(PgdashError, match=r"cannot be read .*rebuild with"):
        read_table("documents", tmp_path)
    pq.write_table(pa.Table.from_pandas(documents().drop(columns=["text"])), path)
    with pytest.raises(PgdashError, match="missing text"):
        read_table("documents", tmp_path)
    text_chars = DOCUMENTS.set(DOCUMENTS.get_field_index("chars"), pa.field("chars", pa.string()))
    pq.write_table(pa.Table.from_pandas(documents().assign(chars="3"), schema=text_chars), path)
    with pytest.raises(PgdashError, match="wrong type chars"):
        read_table("documents", tmp_path)


def test_schema_names_are_unique() -> None:
    assert len(set(DOCUMENTS.names)) == len(DOCUMENTS.names)
