"""A composed table read back as a reader sees it: cell texts by row and
column, amounts parsed from their printed text ("1,398.18" -> Decimal)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..layout.grid import placed_cells
from ..compose.model import Table

_AMOUNT = re.compile(r"-?[0-9][0-9,]*(\.[0-9]+)?")
CODE = re.compile(r"[0-9]{3}(?:[0-9]{2}){0,2}")


def number(text: str) -> Decimal | None:
    """The amount a cell prints; None for a label; an empty or dash cell is 0."""
    text = text.strip()
    if text in ("", "—", "-"):
        return Decimal(0)
    if not _AMOUNT.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


class Sheet:
    def __init__(self, table: Table):
        self.table = table
        self.width = table.columns
        self.labels = self._column_labels()
        self.rows = [self._texts(cells) for cells in placed_cells(table.body, table.columns)]
        self.kinds = [r.kind for r in table.body]

    def _texts(self, placed) -> list[str]:
        out = [""] * self.width
        for col, cell, merge in placed:
            if merge != "continue":
                out[col] = cell.text
        return out

    def _column_labels(self) -> list[str]:
        """Each column's lowest header text (the one that names it)."""
        labels = [""] * self.width
        for placed in placed_cells(self.table.head, self.width):
            for col, cell, _ in placed:
                for c in range(col, col + cell.colspan):
                    if cell.colspan == 1 or not labels[c]:
                        labels[c] = cell.text
        return labels

    @property
    def name(self) -> str:
        return f"{self.table.number} {self.table.title}".strip()

    def col(self, *names: str) -> int | None:
        for i, label in enumerate(self.labels):
            if label in names:
                return i
        return None

    def amount_cols(self, first: int = 2) -> list[int]:
        return list(range(first, self.width))

    def value(self, row: int, col: int) -> Decimal:
        v = number(self.rows[row][col])
        return v if v is not None else Decimal(0)

    def code(self, row: int) -> str | None:
        text = self.rows[row][0].strip()
        return text if CODE.fullmatch(text) else None

    def row_name(self, row: int) -> str:
        code = self.code(row)
        return f"{code} {self.rows[row][1]}".strip() if code else self.rows[row][0] or f"第 {row + 1} 行"

    def total_row(self) -> int | None:
        return next((i for i, k in enumerate(self.kinds) if k == "total"), None)
