"""Tables as raw WordprocessingML. python-docx rebuilds its cell grid on every
cell access (quadratic on big tables), so rows are built directly as XML:
gridSpan for column merges, vMerge restart/continue for row merges, tblHeader
on header rows so they repeat on every page, cantSplit on every row."""
from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from xml.sax.saxutils import escape

from ..compose.model import Cell, Table

TWIPS_PER_MM = 1440 / 25.4


def place(rows, columns: int):
    """Grid placement of HTML-style rows: for each row, a list of
    (start_col, Cell, 'restart'|'continue'|None). Cells covered by a rowspan
    from above appear as 'continue' entries, as Word needs a tc there."""
    pending: dict[int, tuple[Cell, int]] = {}   # start col -> (cell, rows still to cover)
    out = []
    for row in rows:
        placed, col, cells = [], 0, list(row.cells)
        while col < columns:
            if col in pending:
                cell, left = pending[col]
                placed.append((col, cell, "continue"))
                pending[col] = (cell, left - 1)
                if left - 1 == 0:
                    del pending[col]
                col += cell.colspan
                continue
            if not cells:
                break
            cell = cells.pop(0)
            merge = None
            if cell.rowspan > 1:
                merge = "restart"
                pending[col] = (cell, cell.rowspan - 1)
            placed.append((col, cell, merge))
            col += cell.colspan
        out.append(placed)
    return out


def _run(text: str, size_half_points: int, bold: bool) -> str:
    parts = text.split("\n")
    runs = []
    for i, part in enumerate(parts):
        br = "<w:br/>" if i else ""
        b = "<w:b/><w:bCs/>" if bold else ""
        runs.append(f'<w:r><w:rPr>{b}<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/></w:rPr>'
                    f'{br}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(runs)


def _tc(cell: Cell, width: int, merge: str | None, header_style: bool, bold: bool, size: int) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[merge]
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' if header_style else ""
    jc = {"right": "right", "center": "center"}.get(cell.align, "left")
    ind = f'<w:ind w:left="{cell.indent * 240}"/>' if cell.indent else ""
    style = '<w:pStyle w:val="TableText"/>'
    text = "" if merge == "continue" else _run(cell.text, size, bold)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}{shade}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr>{style}<w:jc w:val="{jc}"/>{ind}</w:pPr>{text}</w:p></w:tc>')


def column_widths(table: Table, text_width_mm: float, size_pt: float) -> list[float]:
    """Relative widths scaled to the text width, then columns of figures and
    codes widened so that their longest entry fits on one line (digits are
    half an em), taking the room from the text columns."""
    rel = table.widths if len(table.widths) == table.columns else [1] * table.columns
    mm = [text_width_mm * w / sum(rel) for w in rel]
    need = [0.0] * table.columns
    for row, cells in zip(table.head + table.body, place(table.head + table.body, table.columns)):
        for col, cell, merge in cells:
            # figures and codes (no CJK) must not wrap; CJK text may
            if cell.colspan == 1 and merge != "continue" and cell.text and cell.text.isascii():
                need[col] = max(need[col], len(cell.text) * size_pt * 0.56 * 25.4 / 72 + 2.5)
    grow = sum(max(0.0, n - w) for n, w in zip(need, mm))
    if grow:
        flexible = [i for i in range(table.columns) if need[i] == 0]
        room = sum(mm[i] for i in flexible)
        for i in range(table.columns):
            if need[i] > mm[i]:
                mm[i] = need[i]
        if room > grow:
            for i in flexible:
                mm[i] -= grow * mm[i] / room
    return mm


def table_xml(table: Table, text_width_mm: float, size_pt: float = 10.5):
    cols = [int(w * TWIPS_PER_MM) for w in column_widths(table, text_width_mm, size_pt)]
    size = int(size_pt * 2)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
    rows_xml = []
    all_rows = [(r, True) for r in table.head] + [(r, False) for r in table.body]
    placed = place([r for r, _ in all_rows], table.columns)
    for (row, is_head), cells in zip(all_rows, placed):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if is_head else "")
        tcs = []
        for col, cell, merge in cells:
            width = sum(cols[col: col + cell.colspan])
            header_style = is_head or cell.header
            bold = row.kind in ("total", "class", "section")
            tcs.append(_tc(cell, width, merge, header_style, bold, size))
        rows_xml.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(tcs)}</w:tr>")
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
           f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows_xml)}</w:tbl>')
    return parse_xml(xml)
