"""Live preview: `make preview DEPT=103` / `python -m generator preview FILE`.

A warm process keeps the document on screen while the clerk edits: the
watcher (watch.py) reports saves, `Preview.refresh` (state.py) re-checks and
re-renders, the server (server.py) tells the open page, which fetches itself
again (page.py). Nothing here is published: the page's panel and script are
added around the HTML writer's output, which stays as it is."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

from .cache import Memo, installed, templates_changed
from .state import Preview
from .watch import Targets, watch


class PortUnavailable(Exception):
    """The PORT asked for is taken or not allowed; the message is for the clerk."""


class Session:
    """One preview: the document, its server and its watcher thread."""

    def __init__(self, path: Path, port: int = 0):
        from .server import PreviewServer
        self.path = Path(path)
        self.memo = Memo()
        self.preview = Preview(self.path)
        self.targets = Targets(self.path)
        self.stop = threading.Event()
        with installed(self.memo):
            self.preview.refresh()
        try:
            self.server = PreviewServer(self.preview, str(path), port)
        except OSError as exc:
            raise PortUnavailable(f"无法在 127.0.0.1:{port} 上启动预览（{exc.strerror or exc}）：请换一个 PORT=，"
                                  "或不写 PORT 以自动选择空闲端口。") from None
        self.watcher = threading.Thread(target=self._watch, name="preview-watch", daemon=True)
        self._http: threading.Thread | None = None

    def changed(self, paths: set[Path]) -> None:
        """After a batch of saves: forget what changed, check and render again.
        A file caught half-written is just an error until the next save."""
        self.memo.forget(paths)
        if any(self.targets.is_template(p) for p in paths):
            templates_changed()
        with installed(self.memo):
            self.preview.refresh()

    def _watch(self) -> None:
        try:
            watch(self.targets, self.changed, self.stop)
        except Exception as exc:  # noqa: BLE001 - e.g. the system's inotify limit; say so, keep serving
            print(f"错误: 无法监视文件的改动（{exc.__class__.__name__}: {exc}）：页面不会自动更新，"
                  "请停止（Ctrl-C）后重新运行 make preview。", file=sys.stderr, flush=True)

    def start(self, serve_in_thread: bool = False) -> None:
        self.watcher.start()
        if serve_in_thread:
            self._http = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                          name="preview-http", daemon=True)
            self._http.start()

    def close(self) -> None:
        """Stop watching and serving (the server's loop must already be
        finished, or run in the thread `start(serve_in_thread=True)` made)."""
        self.stop.set()
        self.server.stopping = True
        self.preview.close()
        if self._http is not None:
            self.server.shutdown()
            self._http.join()
        self.server.server_close()


def run(path: Path, port: int | None, out=sys.stdout) -> int:
    """Serve until Ctrl-C (which the caller turns into its one line)."""
    session = Session(path, port or 0)
    snap = session.preview.snapshot
    state = (f"{len(snap.errors)} 个错误，{len(snap.warnings)} 个警告" if snap.errors or snap.warnings else "没有错误")
    print(f"预览地址：{session.server.url}（请在浏览器中打开；文件保存后页面自动更新，按 Ctrl-C 停止）", file=out)
    print(f"正在预览 {path}：{state}。", file=out, flush=True)
    session.start()
    try:
        session.server.serve_forever(poll_interval=0.5)
    finally:
        session.close()
    return 0
