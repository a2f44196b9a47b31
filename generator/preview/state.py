"""The preview's one document: re-checked and re-rendered on every change.

`Preview.refresh()` runs the pipeline `make build` runs (pipeline.prepare,
then the HTML writer) in this warm process. The last good rendering is
kept: while the file has errors the page shows them above it, marked out of
date. Readers (the HTTP threads) take an immutable `Snapshot`; they wait for
the next one with `wait_newer`."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic, Report


@dataclass(frozen=True)
class Snapshot:
    version: int
    errors: tuple = ()
    warnings: tuple = ()
    html: str | None = None        # the published page of the last good document
    document: object = None        # its composed Document (for the downloads)
    stem: str = ""                 # <部门>-<年度>, as `make build` names the files
    stale: bool = False            # html is from before the errors
    seconds: float = 0.0           # time the last refresh took


@dataclass
class _Good:
    html: str
    document: object
    stem: str


class Preview:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._cond = threading.Condition()
        self._snapshot = Snapshot(0)
        self._good: _Good | None = None
        self._renders: dict[tuple[int, str], bytes] = {}
        self._render_lock = threading.Lock()

    @property
    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    def refresh(self) -> Snapshot:
        start = time.perf_counter()
        report, good = self._build()
        if good is not None:
            self._good = good
        kept = self._good
        with self._cond:
            self._snapshot = Snapshot(
                self._snapshot.version + 1, tuple(report.errors), tuple(report.warnings),
                kept.html if kept else None, kept.document if kept else None, kept.stem if kept else "",
                stale=good is None and kept is not None, seconds=time.perf_counter() - start)
            self._cond.notify_all()
            return self._snapshot

    def _build(self) -> tuple[Report, _Good | None]:
        from ..pipeline import prepare
        from ..writers.html import render_html
        report = Report()
        try:
            prepared = prepare(self.path)
            report = prepared.report
            if report.errors or prepared.document is None:
                return report, None
            return report, _Good(render_html(prepared.document), prepared.document, prepared.stem)
        except Exception as exc:  # noqa: BLE001 - a defect must not stop the preview; show it instead
            report.add(Diagnostic(ERROR, f"内部错误（程序缺陷，请联系开发人员）：{exc.__class__.__name__}: {exc}",
                                  str(self.path), 0, 0))
            return report, None

    def wait_newer(self, version: int, timeout: float) -> Snapshot:
        with self._cond:
            self._cond.wait_for(lambda: self._snapshot.version != version or self.closed, timeout)
            return self._snapshot

    closed = False

    def close(self) -> None:
        """Wake every waiting event stream so that it can end."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def download(self, fmt: str) -> tuple[str, bytes]:
        """(file name, bytes) of the current document in a registered format,
        rendered on first request. Raises LookupError while there are errors."""
        from ..writers import REGISTRY
        snap = self.snapshot
        if snap.document is None or snap.stale or snap.errors:
            raise LookupError(fmt)
        writer = REGISTRY[fmt]
        with self._render_lock:
            key = (snap.version, fmt)
            if key not in self._renders:
                self._renders = {k: v for k, v in self._renders.items() if k[0] == snap.version}
                self._renders[key] = writer.render(snap.document)
            return f"{snap.stem}.{writer.suffix}", self._renders[key]
