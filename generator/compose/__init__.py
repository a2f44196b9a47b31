"""Compose the derived figures into one format-neutral Document: the
narrative (templates/narrative.j2) and every table, with their printed widths."""
from __future__ import annotations

from ..derive.model import Figures
from . import narrative
from .model import Document


def compose_document(f: Figures) -> Document:
    from ..layout import fit_widths
    from .summary import compose_summary
    from .tables import build_tables
    dept = f.department
    doc = Document(
        title=f"{dept.name}{f.year}年部门预算情况说明",
        author=dept.name,
        subject=f"{dept.district}{f.year}年部门预算公开",
        lang="zh-CN",
        date=f"{f.year}-01-01",
        district=dept.district,
        year=f.year,
    )
    doc.blocks.extend(narrative.render(f))
    for table in build_tables(f):
        table.widths = fit_widths(table)
        doc.blocks.append(table)
    doc.summary = compose_summary(f)
    return doc
