"""Where each cell of a table sits in its grid once cells span rows and columns."""
from __future__ import annotations


def placed_cells(rows, columns: int):
    """Grid placement of rows with rowspan/colspan: per row, a list of
    (start_col, cell, merge) where merge is 'restart', 'continue' (a slot
    covered from above) or None."""
    pending: dict[int, tuple] = {}
    out = []
    for row in rows:
        placed, col, cells = [], 0, list(row.cells)
        while col < columns:
            if col in pending:
                cell, left = pending[col]
                placed.append((col, cell, "continue"))
                if left - 1:
                    pending[col] = (cell, left - 1)
                else:
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
