"""Layout facts the HTML template needs beyond the composed cells: anchors
for the contents, which leading columns stay put on a narrow screen, and the
column label each form cell repeats when a performance table is stacked.
Nothing here computes a figure."""
from __future__ import annotations

from ..layout.grid import placed_cells
from ..compose.model import Document, Heading, Table, Title

STACKED = ("overall", "project")   # form-like tables: label: value lines on a phone


def groups(doc: Document) -> list[dict]:
    """Consecutive Title blocks form one <h1>; everything else stands alone.
    Parts (level-1 headings) and tables get anchors."""
    out: list[dict] = []
    parts = 0
    for block in doc.blocks:
        kind = type(block).__name__.lower()
        if isinstance(block, Title):
            if out and out[-1]["kind"] == "titles":
                out[-1]["titles"].append(block)
            else:
                out.append({"kind": "titles", "titles": [block]})
            continue
        group = {"kind": kind, "item": block, "id": ""}
        if isinstance(block, Heading) and block.level == 1:
            parts += 1
            group["id"] = f"part-{parts}"
        elif isinstance(block, Table):
            group["id"] = f"{block.key}-{len(out) + 1}"
            group["layout"] = table_layout(block)
        out.append(group)
    return out


def contents(groups_: list[dict]) -> list[dict]:
    """The table of contents: the parts, then every table (by its unique name)."""
    parts = [{"href": f"#{g['id']}", "text": g["item"].text} for g in groups_ if g["kind"] == "heading" and g["id"]]
    tables = [{"href": f"#{g['id']}", "text": g["item"].name} for g in groups_ if g["kind"] == "table"]
    return [{"title": "正文", "links": parts}, {"title": "表格", "links": tables}]


def _leading_labels(table: Table) -> int:
    """How many leading grid columns hold labels (codes, names) in every body
    row: they stay in view while the amounts scroll sideways."""
    lead = table.columns
    for placed in placed_cells(table.body, table.columns):
        n = 0
        for col, cell, _ in placed:
            if cell.align == "right" or col != n:
                break
            n = col + cell.colspan
        lead = min(lead, n)
    return min(lead, 2)


def table_layout(table: Table) -> dict:
    """Per cell (by id): its classes for the narrow screen and, in a stacked
    table, the column label it repeats."""
    stacked = table.key in STACKED
    sticky = 0 if stacked else _leading_labels(table)
    cls: dict[int, str] = {}
    labels: dict[int, str] = {}
    header: dict[int, str] = {}
    rows = table.head + table.body
    for i, (row, placed) in enumerate(zip(rows, placed_cells(rows, table.columns))):
        if row.kind == "head" or i < len(table.head):
            header = {col + i: cell.text for col, cell, _ in placed for i in range(cell.colspan) if cell.text}
        for col, cell, merge in placed:
            if merge == "continue":
                continue
            if col < sticky:
                cls[id(cell)] = f" stick stick-{col}"
            if stacked and row.kind != "head" and not cell.header and col in header:
                labels[id(cell)] = header[col]
    return {"stacked": stacked, "sticky": sticky, "cls": cls, "labels": labels}
