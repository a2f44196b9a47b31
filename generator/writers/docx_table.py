"""Tables as raw WordprocessingML. python-docx rebuilds its cell grid on every
cell access (quadratic on big tables), so rows are built directly as XML:
gridSpan for column merges, vMerge restart/continue for row merges, tblHeader
on header rows so they repeat on every page, cantSplit on every row."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ..compose.model import Cell, Table
from ..layout.grid import placed_cells

TWIPS_PER_MM = 1440 / 25.4

# Amounts never break inside (137./39万元, 351.02万/元, 2/025年 in LibreOffice,
# which breaks Chinese text between any two characters): each number is its own
# run in a Latin language, where line breaking follows Unicode rules (no break
# inside a number), with a WORD JOINER (U+2060) tying it to its unit.
NUMBER = re.compile(r"\d(?:[\d,.]*\d)?(?:万元|元)?")
WORD_JOINER = "\u2060"


def tie(number: str) -> str:
    """137.39万元 with word joiners before and inside its unit."""
    return re.sub(r"(?<=\d)(?=万|元)|(?<=万)(?=元)", WORD_JOINER, number)


LATIN = '<w:lang w:val="en-US" w:eastAsia="en-US"/>'


def _run(text: str, size_half_points: int, bold: bool) -> str:
    """Runs of a cell; numbers in runs of their own in a Latin language, so
    that LibreOffice does not break inside them (1/2345, 〔202/0〕)."""
    runs = []
    b = "<w:b/><w:bCs/>" if bold else ""
    for i, part in enumerate(text.split("\n")):
        br = "<w:br/>" if i else ""
        pos, pieces = 0, []
        for m in NUMBER.finditer(part):
            pieces += [(part[pos:m.start()], "")] if m.start() > pos else []
            pieces.append((tie(m.group()), LATIN))
            pos = m.end()
        pieces += [(part[pos:], "")] if pos < len(part) or not pieces else []
        for k, (piece, lang) in enumerate(pieces):
            runs.append(f'<w:r><w:rPr>{b}<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>{lang}</w:rPr>'
                        f'{br if k == 0 else ""}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(runs)


def _tc(cell: Cell, width: int, merge: str | None, header_style: bool, bold: bool, size: int,
        keep: bool = False) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[merge]
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if header_style else ""
    jc = {"right": "right", "center": "center"}.get(cell.align, "left")
    ind = f'<w:ind w:left="{cell.indent * 240}"/>' if cell.indent else ""
    style = '<w:pStyle w:val="TableText"/>' + ("<w:keepNext/>" if keep else "")
    text = "" if merge == "continue" else _run(cell.text, size, bold)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}{shade}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr>{style}<w:jc w:val="{jc}"/>{ind}</w:pPr>{text}</w:p></w:tc>')


def table_xml(table: Table, text_width_mm: float, size_pt: float = 10.5):
    """keepNext on the last row's paragraphs when notes follow: the table's
    end and its 备注 stay on one page."""
    scale = text_width_mm / sum(table.widths) if table.widths else 1
    widths = table.widths or [text_width_mm / table.columns] * table.columns
    cols = [int(w * scale * TWIPS_PER_MM) for w in widths]
    size = int(size_pt * 2)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
    rows_xml = []
    all_rows = [(r, True) for r in table.head] + [(r, False) for r in table.body]
    placed = placed_cells([r for r, _ in all_rows], table.columns)
    last = len(all_rows) - 1
    for n, ((row, is_head), cells) in enumerate(zip(all_rows, placed)):
        keep = n == last and bool(table.notes)
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if is_head else "")
        tcs = []
        for col, cell, merge in cells:
            width = sum(cols[col: col + cell.colspan])
            header_style = is_head or cell.header
            bold = row.kind in ("total", "class", "section")
            tcs.append(_tc(cell, width, merge, header_style, bold, size, keep))
        rows_xml.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(tcs)}</w:tr>")
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
           f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows_xml)}</w:tbl>')
    return parse_xml(xml)
