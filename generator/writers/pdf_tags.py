"""Finishing the structure tree WeasyPrint writes, with pikepdf.

- Each table gets its caption as the first kid of its /Table, a /Caption
  element whose /ActualText is the caption: assistive technology reads it
  from the structure tree, while the content stream holds no hidden text
  (copy, search and table extractors see only what is printed). A table
  continued over pages is one /Table per page; only the first has the caption.
- WeasyPrint gives header cells an /ID that data cells name in /Headers; the
  structure tree root gets the /IDTree that resolves them.

Saved with a content-derived /ID, so the output stays byte-identical; the
PDF/A metadata is left as WeasyPrint wrote it.
"""
from __future__ import annotations

import io

import pikepdf

from ..compose.model import Document


class StructureError(Exception):
    """The tagged PDF does not match the composed document (a bug, not bad input)."""


def _kids(node) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    return [kids] if isinstance(kids, pikepdf.Dictionary) and "/S" in kids else []


def walk(node):
    """Structure elements in reading order (depth first)."""
    for kid in _kids(node):
        yield kid
        yield from walk(kid)


def _first_fragments(root) -> list:
    """The /Table that starts each table: its /Sect also holds the title (/H2);
    a continuation on the next page is a /Sect with the table only."""
    out = []
    for sect in walk(root):
        if sect.S != "/Sect":
            continue
        kids = _kids(sect)
        if not any(k.S == "/H2" for k in kids):
            continue
        tables = [el for el in walk(sect) if el.S == "/Table"]
        if tables:
            out.append(tables[0])
    return out


def add_captions(pdf: pikepdf.Pdf, doc: Document) -> None:
    root = pdf.Root.StructTreeRoot
    firsts = _first_fragments(root)
    tables = doc.tables()
    if len(firsts) != len(tables):
        raise StructureError(f"{len(tables)} tables composed, {len(firsts)} tagged")
    for elem, table in zip(firsts, tables):
        caption = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Caption, P=elem,
            ActualText=pikepdf.String(table.caption)))
        if "/Pg" in elem:
            caption.Pg = elem.Pg
        kids = elem.get("/K")
        if kids is None:
            elem.K = pikepdf.Array([caption])
        elif isinstance(kids, pikepdf.Array):
            kids.insert(0, caption)
        else:
            elem.K = pikepdf.Array([caption, kids])


def add_id_tree(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root.StructTreeRoot
    tree = pikepdf.NameTree.new(pdf)
    for elem in walk(root):
        if "/ID" in elem:
            tree[str(elem.ID)] = elem
    root.IDTree = tree.obj


def finish(data: bytes, doc: Document) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        add_captions(pdf, doc)
        add_id_tree(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
