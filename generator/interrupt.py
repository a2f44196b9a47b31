"""Ctrl-C (SIGINT) and SIGTERM: stop cleanly, say so once, exit 130 / 143.

Both signals become one exception, `Interrupted`, raised in the main thread
wherever it is; the code on the way out (write_atomic, writers.locked, the
batch's worker pool, the site's swap) removes what it had half made, and
`__main__` prints the one line. Worker processes ignore SIGINT (a Ctrl-C
reaches the whole process group; only the parent reports) and die quietly on
SIGTERM, which the parent sends them."""
from __future__ import annotations

import contextlib
import signal

SIGNALS = (signal.SIGINT, signal.SIGTERM)
MESSAGES = {
    signal.SIGINT: "已中断（Ctrl-C）：未完成的文件已删除，原有的输出和网站文件夹保持不变。",
    signal.SIGTERM: "已终止（收到 SIGTERM）：未完成的文件已删除，原有的输出和网站文件夹保持不变。",
}


class Interrupted(BaseException):
    """Not an Exception: `except Exception` on the way out must not swallow it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def message(self) -> str:
        return MESSAGES.get(self.signum, f"已中断（信号 {self.signum}）。")


def _raise(signum, frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_raise():
    """While inside, SIGINT and SIGTERM raise Interrupted (main thread only)."""
    try:
        previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def ignore():
    """After the first signal: a second Ctrl-C must not cut the clean-up short."""
    with contextlib.suppress(ValueError):
        for s in SIGNALS:
            signal.signal(s, signal.SIG_IGN)


@contextlib.contextmanager
def deferred():
    """A critical section (renaming the new site into place, starting workers):
    signals arriving inside are delivered when it ends."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def worker_init() -> None:
    """In a pool worker: the parent handles Ctrl-C; SIGTERM just ends the worker.
    Signals are blocked while the pool starts (see `deferred`), so unblock here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
