"""Diagnostics: errors and warnings that point at a file position.

Validation collects every problem instead of stopping at the first (the mkdocs
model), then prints them all as `FILE:LINE:COL: 错误: message (json.path)`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True)
class Diagnostic:
    level: str          # ERROR or WARNING
    message: str        # Chinese, for a finance clerk
    file: str
    line: int           # 1-based; 0 when the problem is not tied to a line
    col: int            # 1-based
    path: str = ""      # JSON path such as expenditure.items[3].basic
    source_line: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        suffix = f" ({self.path})" if self.path else ""
        text = f"{where}: {self.level}: {self.message}{suffix}"
        if self.source_line:
            text += "\n    " + self.source_line.rstrip()
        return text


@dataclass
class Report:
    """All diagnostics of one run, in the order found."""
    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        if diag not in self.items:
            self.items.append(diag)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.file, d.line, d.col, d.level != ERROR))


def json_path(parts) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out
