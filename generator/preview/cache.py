"""What the preview keeps warm between saves.

`Memo` remembers parsed files (generator.loader consults it while it is
installed): last year's file and the district's house style are parsed once
and again only when they change; a file in which only values changed is not
parsed again but patched (incremental.py), and after other edits only the
top-level blocks that changed are parsed (blocks.py). A file counts as changed when the watcher
reports it or when its inode, size or modification time differ, whichever
comes first. Templates are cached by their own modules; `templates_changed`
drops those caches."""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path


class Memo:
    def __init__(self, limit: int = 32):
        self._items: dict[str, tuple[tuple, object]] = {}
        self._last: dict[str, object] = {}  # path -> its last parse (generator.preview.incremental)
        self._blocks: dict[str, object] = {}  # path -> its top-level blocks (generator.preview.blocks)
        self._lock = threading.Lock()
        self.limit = limit
        self.hits = self.patched = self.by_blocks = self.parsed = 0

    @staticmethod
    def _key(path) -> str:
        return os.path.abspath(path)

    def stamp(self, path) -> tuple | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def get(self, path, stamp: tuple):
        with self._lock:
            item = self._items.get(self._key(path))
        if item is not None and item[0] == stamp:
            self.hits += 1
            return item[1]
        return None

    def put(self, path, stamp: tuple, value) -> None:
        with self._lock:
            self._items[self._key(path)] = (stamp, value)
            while len(self._items) > self.limit:
                self._items.pop(next(iter(self._items)))

    def parse(self, text: str, path):
        """generator.loader.load_text, or the last parse of `path` patched when
        only values changed (incremental.py), or rebuilt from the top-level
        blocks that changed (blocks.py). A LoadError leaves the last good parse."""
        from ..loader import load_text
        from .blocks import Blocks
        from .incremental import patch
        key = self._key(path)
        last, blocks = self._last.get(key), self._blocks.setdefault(key, Blocks())
        loaded = patch(last, text) if last is not None else None
        if loaded is not None:
            self.patched += 1
        elif (loaded := blocks.parse(text, Path(path))) is not None:
            self.by_blocks += 1
        else:
            loaded = load_text(text, Path(path))
            self.parsed += 1
        blocks.remember(loaded)
        self._last[key] = loaded
        if len(self._last) > self.limit:
            dropped = next(iter(self._last))
            self._last.pop(dropped)
            self._blocks.pop(dropped, None)
        return loaded

    def forget(self, paths) -> None:
        with self._lock:
            for p in paths:
                self._items.pop(self._key(p), None)


@contextlib.contextmanager
def installed(memo: Memo):
    """generator.loader.load consults `memo` while inside (in this thread only)."""
    from .. import loader
    previous = getattr(loader.MEMO, "memo", None)
    loader.MEMO.memo = memo
    try:
        yield memo
    finally:
        loader.MEMO.memo = previous


def templates_changed() -> None:
    """templates/phrases.yaml and tables.yaml are read once per process;
    the Jinja templates and document.css are checked on every render."""
    from ..compose import grid, phrases
    phrases.catalogue.cache_clear()
    grid.spec.cache_clear()


def is_template(path: Path) -> bool:
    return Path(path).suffix in {".yaml", ".j2", ".css"} and not Path(path).name.startswith(".")
