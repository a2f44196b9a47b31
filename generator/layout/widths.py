"""Column widths in mm for the printed page, the same for HTML print, PDF,
DOCX and XLSX; fitting also settles the table's page (portrait/landscape)
and size (五号, 小五, 六号).

Every column gets at least what its content needs (cells.py), and more
towards comfort (labels on one line) as the page allows; the rest of the
text block is shared as the layout's relative widths say. When the needs
exceed the page, a smaller size is tried, then a landscape page — never a
squeezed column. A table too wide even for a landscape page in 六号 has its
labels in three lines and headers three characters a line; only one still
too wide is scaled down (its figures may then wrap). No width leaves one
character of a label alone on a line, in any writer."""
from __future__ import annotations

from .grid import placed_cells
from .cells import cell_mm, one_line_mm, orphan_free
from .page import SIZES, em_per_mm, text_width
from .text import text_em


def minimums(table, placed, size_pt: float, level: str = "normal") -> list[float]:
    """The narrowest each column may be (mm). A cell spanning several columns
    widens them (in proportion to what they already need) only if they are
    together too narrow for it."""
    need = [0.0] * table.columns
    spans = []
    heads = len(table.head)
    for n, (row, cells) in enumerate(zip(table.head + table.body, placed)):
        head = n < heads or row.kind == "head"
        for col, cell, merge in cells:
            if merge == "continue":
                continue
            mm = cell_mm(cell, row.kind, head, size_pt, level)
            if cell.colspan == 1:
                need[col] = max(need[col], mm)
            elif mm:
                spans.append((cell.colspan, col, mm))
    for span, col, mm in sorted(spans):
        cols = range(col, min(col + span, table.columns))
        short = mm - sum(need[i] for i in cols)
        if short > 0:
            base = sum(need[i] for i in cols)
            for i in cols:
                need[i] += short * (need[i] / base if base else 1 / len(cols))
    return need


def _column_cells(table, placed, col: int) -> list:
    return [cell for cells in placed for c, cell, merge in cells if c == col and cell.colspan == 1 and merge != "continue"]


def tidy(table, placed, col: int, width: float, limit: float, size_pt: float) -> float:
    """The narrowest width from `width` up to `limit` (in quarter-em steps)
    that leaves no character alone on a line; `width` if there is none."""
    cells = _column_cells(table, placed, col)
    step = 1 / (4 * em_per_mm(size_pt))
    w = width
    while w <= limit + 1e-9:
        if all(orphan_free(cell, w, size_pt) for cell in cells):
            return w
        w += step
    return width


def _tries(table) -> list[tuple[bool, float, str]]:
    """Orientation, size and level (cells.LEVELS), best first: the layout's
    own page and size, then a smaller size, then (for a portrait layout) a
    landscape page; last, tight labels and headers (figures still on one line)."""
    sizes = [s for s in SIZES if s <= table.size_pt]
    out = [] if table.landscape else [(False, s, "normal") for s in sizes if s >= 9]
    return out + [(True, s, "normal") for s in sizes] + [(True, SIZES[-1], "tight")]


def _spread(preferred: list[float], need: list[float], want: list[float], total: float, tidy_col=None) -> list[float]:
    """Each column at least its need. When every column can have what it wants
    (comfort), it does, and the rest of the page follows the layout's relative
    widths (`preferred`), taken from columns with room above what they want.
    Otherwise each column first gets just enough not to leave a character
    alone on a line (`tidy_col`), then the columns that lack least get what
    they want (labels on one line), and what is left is shared as `preferred` says."""
    want = [max(w, n) for w, n in zip(want, need)]
    if sum(want) > total:
        widths, room = list(need), total - sum(need)
        order = sorted(range(len(need)), key=lambda i: (want[i] - need[i], i))
        for i in order:
            if tidy_col:
                better = tidy_col(i, widths[i], min(want[i], widths[i] + room))
                room -= better - widths[i]
                widths[i] = better
        for i in order:
            if want[i] - widths[i] <= room:
                room -= want[i] - widths[i]
                widths[i] = want[i]
        return [w + room * p / sum(preferred) for w, p in zip(widths, preferred)]
    widths = [max(p, w) for p, w in zip(preferred, want)]
    excess = sum(widths) - total
    room = [max(0.0, x - w) for x, w in zip(widths, want)]
    if excess > 0 and sum(room) > 0:
        cut = min(1.0, excess / sum(room))
        widths = [x - r * cut for x, r in zip(widths, room)]
    elif excess < 0:
        widths = [x * total / sum(widths) for x in widths]
    return widths


def _free(cells, width: float, size: float) -> bool:
    return all(orphan_free(cell, width, size) for cell in cells)


def _targets(table, placed) -> list[tuple[range, list, object]]:
    """What must not leave a character alone: each column's own cells, and
    each short label over several columns (项目负责人及联系电话)."""
    out = [(range(i, i + 1), _column_cells(table, placed, i), None) for i in range(table.columns)]
    for cells in placed_cells(table.body, table.columns):
        for col, cell, merge in cells:
            if merge != "continue" and cell.colspan > 1 and cell.header and text_em(cell.text) <= 10:
                out.append((range(col, col + cell.colspan), [cell], cell))
    return out


def _give(table, placed, widths: list[float], need: list[float], size: float, amount: float, donors) -> bool:
    """Take `amount` mm from the donor columns, each left at a width that
    still leaves no character alone (never below its need); False (and
    nothing taken) when they cannot spare it."""
    step = 1 / (16 * em_per_mm(size))
    new, left = list(widths), amount
    for i in sorted(donors, key=lambda i: -(widths[i] - need[i])):
        if left <= 1e-9:
            break
        cells = _column_cells(table, placed, i)
        w = max(need[i], widths[i] - left)
        while w < widths[i] and not _free(cells, w, size):
            w += step
        w = min(w, widths[i])
        new[i], left = w, left - (widths[i] - w)
    if left > 1e-6:
        return False
    widths[:] = new
    return True


def _no_orphans(table, placed, widths: list[float], need: list[float], size: float) -> list[float]:
    """Widen what would leave a character alone on a line to the next width
    that does not, taken from columns with room to spare (each kept free of
    lone characters itself); a label over several columns that cannot be given
    the room is broken in the middle (two balanced lines)."""
    widths, widened = list(widths), set()
    step = 1 / (4 * em_per_mm(size))
    for cols, cells, spanning in _targets(table, placed):
        have = sum(widths[i] for i in cols)
        if _free(cells, have, size):
            continue
        limit = max(one_line_mm(c, size) for c in cells)
        tries = [have + k * step for k in range(1, int((limit - have) / step) + 1)] + [limit]
        goal = next((w for w in tries if _free(cells, w, size)), None)
        donors = [i for i in range(table.columns) if i not in cols and i not in widened]
        if goal is not None and _give(table, placed, widths, need, size, goal - have, donors):
            for i in cols:
                widths[i] *= goal / have
            widened.update(cols)
        elif spanning is not None and "\n" not in spanning.text:
            half = -(-len(spanning.text) // 2)
            spanning.text = spanning.text[:half] + "\n" + spanning.text[half:]
    return widths


def fit_widths(table) -> list[float]:
    """The table's column widths (mm), rounded to 0.1 mm; sets its page and size."""
    placed = placed_cells(table.head + table.body, table.columns)
    rel = table.widths if len(table.widths) == table.columns else [1] * table.columns
    for landscape, size, level in _tries(table):
        need = minimums(table, placed, size, level)
        if sum(need) <= text_width(landscape):
            break
    else:
        need = [n * text_width(landscape) / sum(need) for n in need]
    table.landscape, table.font_pt = landscape, size
    text_mm = text_width(landscape)
    preferred = [text_mm * w / sum(rel) for w in rel]
    want = minimums(table, placed, size, "comfort") if level == "normal" else need

    def tidy_col(col, width, limit):
        return tidy(table, placed, col, width, limit, size)
    widths = _spread(preferred, need, want, text_mm, tidy_col)
    return [round(w, 1) for w in _no_orphans(table, placed, widths, need, size)]
