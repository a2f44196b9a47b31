"""Compose the validated, derived budget into one format-neutral Document."""
from __future__ import annotations

from ..derive import Budget
from . import narrative
from .model import Document


def compose_document(b: Budget) -> Document:
    dept = b.data["department"]
    doc = Document(
        title=f"{dept['name']}{b.year}年部门预算情况说明",
        author=dept["name"],
        subject=f"{dept['district']}{b.year}年部门预算公开",
        lang="zh-CN",
        date=f"{b.year}-01-01",
        district=dept["district"],
        year=b.year,
    )
    doc.blocks.extend(narrative.render(b))
    from .grid import fit_widths
    from .tables import build_tables
    for table in build_tables(b):
        table.widths = fit_widths(table)
        doc.blocks.append(table)
    from .summary import compose_summary
    doc.summary = compose_summary(b)
    return doc
