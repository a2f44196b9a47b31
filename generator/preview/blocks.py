"""Re-reading an input file after a structural edit — a line added or
removed, a paragraph rewritten — by parsing only the top-level blocks that
changed (`department:`, `expenditure:`, …, each up to the next top-level key).

Each changed block is parsed alone, preceded by as many empty lines as it
stands below the top of the file, so every line and column is where the full
parse puts it; an unchanged block is taken from the last parse, its lines
moved by as many as were added or removed above it. Anything unusual at the
left margin (a document marker, a quoted or flow-style key), a block that does
not parse alone, or a key used twice means a full parse, which reports the
error exactly as `make validate` does. tests/test_preview_incremental.py
checks the result against the full parse."""
from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap

from ..loader import LoadError, Loaded, load_text
from .incremental import _containers

_TOP_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*:(?=[ \r]|$)")


def split(text: str) -> list[tuple[int, str]] | None:
    """[(first line, 0-based; the block's exact text)], or None if the file's
    left margin holds anything but top-level keys, comments and blank lines."""
    lines = text.split("\n")
    starts = []
    for n, line in enumerate(lines):
        if line in ("", "\r") or line[0] in " #":
            continue
        if not _TOP_KEY.match(line):
            return None
        starts.append(n)
    if not starts or any(ln.strip() and not ln.lstrip().startswith("#") for ln in lines[:starts[0]]):
        return None
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        out.append((start, "\n".join(lines[start:end]) + ("\n" if end < len(lines) else "")))
    return out


class Blocks:
    """The top-level blocks of one file's last parse: block text -> (first line, key, value, position)."""

    def __init__(self):
        self._cache: dict[str, tuple[int, str, object, list]] = {}
        self.reused = 0

    def remember(self, loaded: Loaded) -> None:
        self._cache = {}
        blocks, root = split(loaded.text), loaded.data
        if blocks is None or len(blocks) != len(root):
            return
        for (start, body), key in zip(blocks, root):
            if not body.startswith(f"{key}:") or root.lc.data[key][0] != start:
                self._cache = {}
                return
            self._cache[body] = (start, key, root[key], list(root.lc.data[key]))

    def parse(self, text: str, path) -> Loaded | None:
        """The parse of `text` from the changed blocks only, or None (parse in full)."""
        blocks = split(text)
        if blocks is None or not self._cache:
            return None
        plan, reused = [], 0
        for start, body in blocks:
            hit = self._cache.get(body)
            if hit is not None:
                plan.append((start, *hit))
                reused += 1
                continue
            try:
                part = load_text("\n" * start + body, path).data
            except LoadError:
                return None
            if len(part) != 1:
                return None
            (key, value), = part.items()
            plan.append((start, start, key, value, list(part.lc.data[key])))
        keys = [p[2] for p in plan]
        if len(set(keys)) != len(keys):
            return None  # a key twice: the full parse says where
        root = CommentedMap()
        for start, was, key, value, pos in plan:
            if start != was:
                _move(value, start - was)
                pos = [pos[0] + start - was, pos[1], pos[2] + start - was, pos[3]]
            root[key] = value
            root.lc.add_kv_line_col(key, pos)
        root.lc.line, root.lc.col = root.lc.key(keys[0])
        self.reused += reused
        return Loaded(path, text, root)


def _move(value, lines: int) -> None:
    """Every position inside `value` `lines` further down."""
    if not hasattr(value, "lc"):
        return
    for node in _containers(value):
        if node.lc.line is not None:
            node.lc.line += lines
        for key, pos in (node.lc.data or {}).items():
            if len(pos) == 4:
                node.lc.data[key] = [pos[0] + lines, pos[1], pos[2] + lines, pos[3]]
            else:
                node.lc.data[key] = [pos[0] + lines, pos[1]]
