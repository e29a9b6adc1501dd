"""Downloads: the filtered facts as CSV or Excel, the whole dataset as a zip of Parquet files."""

import io
import zipfile
from pathlib import Path

import pandas as pd

from pgdash import cells
from pgdash.schema import BOUNDARY_FILE as BOUNDARY
from pgdash.schema import CONTEXT_FILE, TABLES

EXPORT_COLUMNS = [
    "fact_id", "doc_id", "document", "section", "sector", "period", "kind", "comparator", "strive",
    "metric", "metric_en", "value", "unit", "value_std", "unit_std", "is_rank", "rank_scope",
    "headline", "raw", "quote", "start", "end",
]  # fmt: skip


def facts_for_export(facts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The facts with their document title, in a stable column order."""
    titles = dict(zip(documents["doc_id"], documents["title"], strict=True))
    out = facts.assign(document=facts["doc_id"].map(titles).fillna(""))
    return out[[c for c in EXPORT_COLUMNS if c in out.columns]].reset_index(drop=True)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel opens the Chinese text correctly; no cell
    can be taken for a formula (:mod:`pgdash.cells`)."""
    return frame.map(cells.csv_value).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "facts") -> bytes:
    """An Excel workbook with one sheet, header frozen, columns sized to their content."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        for row in ws.iter_rows(min_row=1):
            for cell in row:
                cells.neutralise(cell)  # text that starts with "=" stays text
        for i, column in enumerate(frame.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(
                max(8, width * 1.2), 60
            )
    return buffer.getvalue()


def dataset_zip(folder: Path) -> bytes:
    """Every table of ``folder`` as Parquet, with the boundary, the map context and the
    manifest, in one zip."""
    names = [f"{name}.parquet" for name in TABLES] + [BOUNDARY, CONTEXT_FILE, "manifest.json"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            path = folder / name
            if path.is_file():
                archive.write(path, arcname=f"pgdash-data/{name}")
    return buffer.getvalue()
