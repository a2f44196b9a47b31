"""Open data: each table as CSV (UTF-8 with BOM and CRLF, so Excel opens it)
and the whole composed document as JSON. Merged cells are spread over the grid
they cover, the text in the first slot."""
from __future__ import annotations

import csv
import dataclasses
import io
import json

from ..compose.grid import placed_cells
from ..compose.model import Document, Table


def table_rows(table: Table) -> list[list[str]]:
    rows = []
    for cells in placed_cells(table.head + table.body, table.columns):
        row = [""] * table.columns
        for col, cell, merge in cells:
            if merge != "continue":
                row[col] = cell.text
        rows.append(row)
    return rows


def table_csv(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([f"{table.number} {table.title}".strip()])
    if table.unit:
        writer.writerow([table.unit])
    writer.writerows(table_rows(table))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def csv_name(index: int, table: Table) -> str:
    return f"table{index:02d}-{table.key}.csv"


def document_json(doc: Document) -> bytes:
    def with_kind(obj):
        if dataclasses.is_dataclass(obj):
            out = {"kind": type(obj).__name__}
            out.update({f.name: with_kind(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
            return out
        if isinstance(obj, list):
            return [with_kind(x) for x in obj]
        return obj
    return json.dumps(with_kind(doc), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
