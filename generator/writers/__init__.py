"""Output formats as a small registry (the WeasyPrint model): each writer takes
the composed document and returns bytes; nothing here computes a figure.

`render_all` renders the formats asked for, plus — for `make all` and `make
site` — the web bundle (writers/web.py): the site's page of the document,
its open data and the line of the site's index, made from the same composed
document as the PDF beside it."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Writer:
    suffix: str
    render: Callable[[object], bytes]


REGISTRY: dict[str, Writer] = {}
WEB = "web"   # the web bundle: not a format of its own, the site's files of a document


class RenderError(Exception):
    """A rendering problem the user can act on (message in Chinese)."""


def register(name: str, suffix: str):
    def deco(fn):
        REGISTRY[name] = Writer(suffix, fn)
        return fn
    return deco


def render_all(prepared, formats: list[str]) -> dict[str, bytes]:
    """File name (relative to the output folder) -> bytes, for every format
    asked for; WEB adds the web bundle under web/."""
    stem, doc = prepared.stem, prepared.document
    files = {f"{stem}.{REGISTRY[f].suffix}": REGISTRY[f].render(doc) for f in formats if f != WEB}
    if WEB in formats:
        from .web import bundle
        files.update({f"{WEB}/{name}": data for name, data in bundle(prepared, files).items()})
    return files


def lock_path(out_dir: Path, stem: str) -> Path:
    """The lock lives in the system temp directory, never in an output folder
    (which is copied to the web server as it is)."""
    key = hashlib.sha256(f"{out_dir.resolve()}/{stem}".encode()).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "budget-docs-locks"
    folder.mkdir(exist_ok=True)
    return folder / f"{stem}-{key}.lock"


def remove_temporaries(out_dir: Path, stem: str = "*") -> None:
    """Temporary files of write_atomic that a killed or interrupted build left."""
    for stale in out_dir.glob(f".{stem}.*.tmp"):
        stale.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(out_dir: Path, stem: str):
    """One build of a document at a time: two builds of the same document
    wait for each other instead of interleaving. Under the lock, temporary
    files a killed build left behind are removed, and so are this build's own
    if it is interrupted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_path(out_dir, stem), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        remove_temporaries(out_dir, stem)
        try:
            yield
        except BaseException:
            remove_temporaries(out_dir, stem)
            raise


def write_atomic(target: Path, data: bytes) -> Path:
    """Write to a temporary file beside the target, then rename over it: a
    reader (or a killed build) never sees a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


from . import html  # noqa: E402,F401  (registers itself)
from . import docx  # noqa: E402,F401
from . import pdf  # noqa: E402,F401
from . import xlsx  # noqa: E402,F401
