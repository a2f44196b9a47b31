"""DOCX writer: the composed document as a Word file typed to GB/T 9704.

python-docx for the document, styles and sections; raw XML where it has no
API: East Asian fonts (w:rFonts w:eastAsia), the zh-CN language, the PAGE
field in the footer, font fallbacks (w:altName), and tables (docx_table.py).
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from ..compose.model import Document, Heading, Paragraph, Table, Title
from ..layout import page
from .registry import register
from .docx_table import NUMBER, table_xml, tie

FANGSONG, HEITI, KAITI, XBS = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"
# What a machine without the Windows fonts should use instead (Word reads
# w:altName; LibreOffice falls back by fontconfig to the same Noto families).
FALLBACK = {FANGSONG: "Noto Serif CJK SC", KAITI: "Noto Serif CJK SC", XBS: "Noto Serif CJK SC", HEITI: "Noto Sans CJK SC"}
LINE = Pt(page.LINE_PT)


def _fonts(rpr_owner, name: str) -> None:
    """Set one font for every script; the eastAsia slot is what CJK text uses."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def _style(doc, name: str, font: str, size: float, *, base="Normal", align=None, indent=True, bold=False,
           outline: int | None = None, ptype=WD_STYLE_TYPE.PARAGRAPH):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, ptype)
    if name != "Normal":
        style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = None
    _fonts(style.element, font)
    pf = style.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(2 * size) if indent else Pt(0)
    if align is not None:
        pf.alignment = align
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        ppr.append(lvl)
    return style


def _setup_styles(doc) -> None:
    # Document defaults: Chinese, not the template's Japanese/English defaults.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for el in rpr_default.findall(qn("w:lang")) + rpr_default.findall(qn("w:rFonts")):
        rpr_default.remove(el)
    rpr_default.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FANGSONG}" w:hAnsi="{FANGSONG}" w:eastAsia="{FANGSONG}" w:cs="{FANGSONG}"/>'))
    rpr_default.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))
    _style(doc, "Normal", FANGSONG, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Title", XBS, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    title_ppr = doc.styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):  # the template's blue rule under the title
        title_ppr.remove(border)
    doc.styles["Title"].paragraph_format.line_spacing = Pt(36)
    _style(doc, "Heading 1", HEITI, 16, outline=0)
    _style(doc, "Heading 2", KAITI, 16, outline=1)
    _style(doc, "Table Number", HEITI, 14, indent=False)
    _style(doc, "Table Title", XBS, 18, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, outline=0)
    doc.styles["Table Title"].paragraph_format.line_spacing = Pt(30)
    _style(doc, "Table Line", FANGSONG, 12, indent=False)
    tt = _style(doc, "TableText", FANGSONG, 10.5, indent=False)
    tt.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for name in ("Table Number", "Table Title", "Table Line"):
        doc.styles[name].paragraph_format.keep_with_next = True
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].paragraph_format.keep_with_next = True
    _style(doc, "Footer", FANGSONG, 14, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)


def _font_table(doc) -> None:
    """Declare the GB fonts with charset GB2312 and an open alternative."""
    rel = next(r for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    part = rel.target_part
    root = parse_xml(part.blob)
    for name, alt in FALLBACK.items():
        family = "modern" if name == HEITI else "roman"
        root.append(parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                              f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(section, landscape: bool) -> None:
    p = page.page(landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(p.width), Mm(p.height)
    section.top_margin, section.bottom_margin = Mm(p.top), Mm(p.bottom)
    section.left_margin, section.right_margin = Mm(p.left), Mm(p.right)
    section.footer_distance = Mm(20)


def _footer(section) -> None:
    """— N — from a PAGE field, 4号 (14 pt)."""
    footer = section.footer
    footer.is_linked_to_previous = True
    p = footer.paragraphs[0]
    p.style = "Footer"
    p.add_run("— ")
    run = p.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    p.add_run(" —")


def _text(p, text: str):
    """Add `text` to paragraph p as runs; returns the runs."""
    runs, pos = [], 0
    for m in NUMBER.finditer(text):
        if m.start() > pos:
            runs.append(p.add_run(text[pos:m.start()]))
        run = p.add_run(tie(m.group()))
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "en-US")
        run._r.get_or_add_rPr().append(lang)
        runs.append(run)
        pos = m.end()
    if pos < len(text):
        runs.append(p.add_run(text[pos:]))
    return runs


def _paragraph(doc, block: Paragraph) -> None:
    p = doc.add_paragraph(style="Normal")
    if block.lead:
        for run in _text(p, block.lead):
            _fonts(run._r, KAITI)
    _text(p, block.text)
    if block.style == "contact":
        p.paragraph_format.space_before = Pt(16)
        previous = p._p.getprevious()  # the contact line never stands alone on the last page
        if previous is not None and previous.tag == qn("w:p"):
            docx.text.paragraph.Paragraph(previous, p._parent).paragraph_format.keep_with_next = True


def _table(doc, table: Table, landscape: bool, new_page: bool) -> None:
    """The table's lines, the table, its notes. `new_page`: the first line
    starts a page (page-break-before, never an empty paragraph that could
    spill onto a blank page of its own)."""
    first = doc.add_paragraph(table.number, style="Table Number") if table.number else None
    title = doc.add_paragraph(table.title, style="Table Title")
    (first or title).paragraph_format.page_break_before = new_page
    if table.subtitle:
        doc.add_paragraph(table.subtitle, style="Table Line").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in table.pre:
        doc.add_paragraph(line, style="Table Line")
    if table.unit:
        doc.add_paragraph(table.unit, style="Table Line").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    width = page.text_width(landscape)
    size = table.size_pt  # fitted in composition: 五号, 小五 or 六号
    # before the body's closing sectPr, which must stay last
    doc.element.body.find(qn("w:sectPr")).addprevious(table_xml(table, width, size))
    for i, note in enumerate(table.notes):
        p = doc.add_paragraph(style="Table Line")
        _text(p, note)
        p.paragraph_format.keep_with_next = i < len(table.notes) - 1


def build(doc_model: Document) -> docx.Document:
    doc = docx.Document()
    _setup_styles(doc)
    _font_table(doc)
    section = doc.sections[0]
    _page(section, landscape=False)
    _footer(section)
    landscape = False
    for block in doc_model.blocks:
        if isinstance(block, Title):
            doc.add_paragraph(block.text, style="Title")
        elif isinstance(block, Heading):
            doc.add_paragraph(block.text, style=f"Heading {min(block.level, 2)}")
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Table):
            # every table starts a page; one that changes orientation starts a section
            turn = block.landscape != landscape
            if turn:
                landscape = block.landscape
                _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape)
            _table(doc, block, landscape, new_page=not turn)
    _properties(doc, doc_model)
    return doc


def _properties(doc, m: Document) -> None:
    when = datetime.fromisoformat(m.date).replace(tzinfo=timezone.utc)
    cp = doc.core_properties
    cp.title, cp.subject, cp.author, cp.language = m.title, m.subject, m.author, m.lang
    cp.last_modified_by, cp.keywords, cp.comments, cp.category = m.author, "部门预算", "", "部门预算公开"
    cp.created = cp.modified = cp.last_printed = when
    cp.revision = 1


def normalize_zip(data: bytes, date: str) -> bytes:
    """Same inputs, same bytes: fixed entry timestamps and attributes."""
    y, mo, d = (int(x) for x in date.split("-"))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(y, mo, d, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


@register("docx", "docx")
def render(doc_model: Document) -> bytes:
    buf = io.BytesIO()
    build(doc_model).save(buf)
    return normalize_zip(buf.getvalue(), doc_model.date)
