"""Open data: each table as a tidy CSV (one header row, one row per table
row, codes as text, amounts as plain decimals in the unit the header names;
UTF-8 with BOM and CRLF, so Excel opens it), a datapackage.json describing
them (Frictionless Table Schema, Fiscal Data Package measures), and the whole
composed document as JSON. Layout only: the figures are the composed cells'."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal

from ..layout.grid import placed_cells
from ..compose.model import Document, Table
from ..money import ZERO, fmt_plain

STACKED = ("overall", "project")   # form-like tables: written long, one line per field
KINDS = {"total": "合计", "class": "类", "body": "明细", "section": "分项", "head": "表头"}
FACTOR = {"万元": 10000, "元": 1}
KIND_FIELD, ROW_FIELD = "行类型", "行号"


def table_unit(table: Table) -> str:
    unit = table.unit.split("：")[-1].strip()
    return unit if unit in FACTOR else "万元"


def _labels(table: Table) -> list[str]:
    """One header per grid column: the head cells above it, joined by “-”."""
    parts: list[list[str]] = [[] for _ in range(table.columns)]
    for placed in placed_cells(table.head, table.columns):
        for col, cell, merge in placed:
            for c in range(col, min(col + cell.colspan, table.columns)):
                if cell.text and cell.text not in parts[c]:
                    parts[c].append(cell.text)
    out, seen = [], set()
    for i, p in enumerate(parts):
        label = "-".join(p) or f"第{i + 1}列"
        while label in seen:
            label += "_"
        seen.add(label)
        out.append(label)
    return out


def _amount_columns(table: Table) -> set[int]:
    right, other = set(), set()
    for placed in placed_cells(table.body, table.columns):
        for col, cell, merge in placed:
            if merge != "continue" and cell.colspan == 1:
                (right if cell.align == "right" else other).add(col)
    return right - other


def _plain(cell) -> str:
    """An amount as a plain decimal (2686.02); an empty amount cell is 0.00."""
    return fmt_plain(cell.value if cell.value is not None else ZERO, trim=False)


def _grid(table: Table) -> tuple[list[dict], list[list[str]]]:
    labels, amounts, unit = _labels(table), _amount_columns(table), table_unit(table)
    fields = [{"name": KIND_FIELD, "type": "string", "title": "行类型（合计/类/明细/分项）"}]
    for i, label in enumerate(labels):
        if i in amounts:
            fields.append({"name": f"{label}（{unit}）", "type": "number", "title": label, "unit": unit,
                           "currency": "CNY", "factor": FACTOR[unit], "phase": "approved",
                           "direction": "revenue" if "收入" in label else "expenditure"})
        else:
            fields.append({"name": label, "type": "string", "title": label})
    rows = []
    for row, placed in zip(table.body, placed_cells(table.body, table.columns)):
        out: list = [None] * table.columns
        for col, cell, merge in placed:
            if merge != "continue":  # a merged label (合计 over code and name) goes to its last column
                out[col + cell.colspan - 1 if cell.align != "right" else col] = cell
        rows.append([KINDS.get(row.kind, row.kind)] + [
            (_plain(c) if c is not None else "0.00") if i in amounts else (c.text if c is not None else "")
            for i, c in enumerate(out)])
    return fields, rows


def _long(table: Table) -> tuple[list[dict], list[list[str]]]:
    """A form (performance targets): 行号, 栏目, 内容 — one line per filled field."""
    fields = [{"name": ROW_FIELD, "type": "integer", "title": "表内行号"},
              {"name": "栏目", "type": "string"}, {"name": "内容", "type": "string"}]
    rows, header = [], {}
    for n, (row, placed) in enumerate(zip(table.body, placed_cells(table.body, table.columns)), 1):
        if row.kind == "head":
            header = {col: cell.text for col, cell, m in placed if m != "continue" and cell.text}
            continue
        label = ""
        for col, cell, merge in placed:
            if merge == "continue" and cell.header:
                continue
            if cell.header:
                label = cell.text.rstrip("：:*")
            elif cell.text:  # a value merged over several rows is repeated on each
                text = _plain(cell) if cell.value is not None else cell.text
                rows.append([str(n), label or header.get(col, ""), text])
                label = ""
    return fields, rows


def tidy_table(table: Table) -> tuple[list[dict], list[list[str]]]:
    return _long(table) if table.key in STACKED else _grid(table)


def table_csv(table: Table) -> bytes:
    fields, rows = tidy_table(table)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def csv_name(index: int, table: Table) -> str:
    return f"table{index:02d}-{table.key}.csv"


def datapackage(doc: Document, code: str, files: list[tuple[Table, str]]) -> bytes:
    """datapackage.json: Frictionless Data Package with Table Schemas, and the
    Fiscal Data Package model (approved budget, CNY, unit factor)."""
    resources, measures, dimensions = [], {}, {}
    for table, name in files:
        fields, _ = tidy_table(table)
        res = name.rsplit(".", 1)[0]
        resources.append({"name": res, "path": name, "title": table.name, "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                          "schema": {"fields": fields}})
        for f in fields:
            key = f"{res}/{f['name']}"
            if f["type"] == "number":
                measures[key] = {"resource": res, "source": f["name"], "currency": "CNY", "factor": f["factor"],
                                 "phase": "approved", "direction": f["direction"]}
            elif f["name"] not in (KIND_FIELD, ROW_FIELD):
                dimensions[key] = {"resource": res, "attributes": {"label": {"source": f["name"]}}}
    package = {"name": f"budget-{code}-{doc.year}".lower(), "title": doc.title, "description": doc.subject,
               "profile": "tabular-data-package", "countryCode": "CN", "region": doc.district,
               "author": doc.author, "fiscalPeriod": {"start": f"{doc.year}-01-01", "end": f"{doc.year}-12-31"},
               "currency": "CNY", "phase": "approved", "resources": resources,
               "model": {"measures": measures, "dimensions": dimensions}}
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def document_json(doc: Document) -> bytes:
    """The composed document; an amount cell's exact value as a decimal string ("3037.04")."""
    def with_kind(obj):
        if dataclasses.is_dataclass(obj):
            out = {"kind": type(obj).__name__}
            out.update({f.name: with_kind(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
            return out
        if isinstance(obj, list):
            return [with_kind(x) for x in obj]
        if isinstance(obj, Decimal):
            return format(obj, "f")
        return obj
    return json.dumps(with_kind(doc), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
