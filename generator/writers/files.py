"""Writing outputs safely: atomically (never a half-written file), one build
of a document at a time, and no temporary file left behind by an interrupted build."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from pathlib import Path


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
