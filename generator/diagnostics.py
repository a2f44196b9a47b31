"""Diagnostics: errors and warnings that point at a file position.

Validation collects every problem instead of stopping at the first (the mkdocs
model), then prints them all as `FILE:LINE:COL: 错误: message (json.path)`.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass, field
from decimal import Decimal

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
    tail: Decimal | None = None   # a 尾差 warning: the difference, in the file's unit

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

    def tails(self) -> dict[str, list[Diagnostic]]:
        """尾差 warnings by file."""
        out: dict[str, list[Diagnostic]] = {}
        for d in self.sorted():
            if d.tail is not None:
                out.setdefault(d.file, []).append(d)
        return out

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


OS_REASONS = {
    errno.ENOENT: "文件不存在", errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.ENOSPC: "磁盘已满", errno.EROFS: "磁盘只读", errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接指向自身（循环）", errno.EEXIST: "文件已存在", errno.EIO: "磁盘读写出错",
}


def os_reason(exc: OSError) -> str:
    """What the operating system said, in Chinese (never its English strerror)."""
    return OS_REASONS.get(exc.errno, f"操作系统错误（编号 {exc.errno}）" if exc.errno else "操作系统错误")
