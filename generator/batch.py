"""A whole district at once: every inputs/<DEPT>/<YEAR>.yaml into build/,
in parallel on long-lived workers (imports and fonts stay warm), rebuilding
only documents whose inputs or the generator changed, with progress and a
summary of failures that does not stop the other documents."""
from __future__ import annotations

import hashlib
import os
import resource
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import interrupt
from .pipeline import ROOT, code_files, dependencies, output_stem
from .writers import WEB, remove_temporaries, write_atomic

def code_fingerprint() -> str:
    """Changes to the generator, templates, schemas or catalog editions rebuild everything."""
    h = hashlib.sha256()
    for p in code_files():
        if p.exists():
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def stamp_for(src: Path, formats: list[str], code: str) -> str:
    """What a document's outputs depend on (pipeline.dependencies: its input,
    the earlier years it links to, the house styles, the local catalog), the
    program, and the formats asked for."""
    h = hashlib.sha256(code.encode())
    h.update(",".join(formats).encode())
    for p in dependencies(src):
        h.update(p.name.encode() + b"\0" + (p.read_bytes() if p.exists() else b"-") + b"\0")
    return h.hexdigest()


def inputs(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*.yaml") if p.stem.isdigit())


def out_dir_for(src: Path, out_root: Path) -> Path:
    return out_root / src.parent.name / src.stem


def stamp_file_for(src: Path, out_root: Path) -> Path:
    """Kept beside, not inside, the output folders, which are published as they are."""
    return out_root / ".stamps" / f"{src.parent.name}-{src.stem}"


@dataclass
class Outcome:
    src: Path
    ok: bool
    seconds: float
    errors: list[str] = field(default_factory=list)
    maxrss_kb: int = 0


def _warm() -> None:
    from . import writers  # noqa: F401  (imports WeasyPrint, python-docx, Jinja)
    from .writers.pdf import _font_config
    _font_config()


def build_one(src: Path, out: Path, formats: list[str], stamp: str, stamp_file: Path) -> Outcome:
    from .pipeline import build_file
    start = time.perf_counter()
    try:
        report, written = build_file(src, out, formats)
        ok = not report.errors
        errors = [d.format() for d in report.sorted() if d.level == "错误"]
        if ok:
            write_atomic(stamp_file, stamp.encode())
    except Exception as exc:  # one document's bug must not stop the district
        ok, errors = False, [f"{src}: 错误: 内部错误 {exc.__class__.__name__}: {exc}"]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Outcome(src, ok, time.perf_counter() - start, errors, rss)


def build_all(in_root: Path, out_root: Path, formats: list[str], jobs: int | None = None,
              stream=sys.stderr, drafts: list | None = None) -> tuple[list[Outcome], int]:
    """Returns the outcomes of the documents built and the number skipped.
    Drafts (files with values still to fill) are skipped with one line each
    and appended to `drafts`; they are neither built nor failures."""
    from .drafts import skip_line, unfilled_in
    code = code_fingerprint()
    formats = list(formats) + [WEB]  # the site's files of each document, made with its other outputs
    todo, skipped = [], 0
    drafts = [] if drafts is None else drafts
    for src in inputs(in_root):
        out = out_dir_for(src, out_root)
        stamp = stamp_for(src, formats, code)
        stem, stamp_file = output_stem(src.parent.name, int(src.stem)), stamp_file_for(src, out_root)
        current = stamp_file.exists() and stamp_file.read_text() == stamp
        if current and all((out / (f"{WEB}/entry.json" if f == WEB else f"{stem}.{f}")).exists() for f in formats):
            skipped += 1
        elif lacking := unfilled_in(src):  # only files to build are read: a stamped file is no draft
            drafts.append(src)
            print(skip_line(src, lacking), file=stream, flush=True)
        else:
            todo.append((src, out, stamp, stamp_file))
    total, done, outcomes = len(todo), 0, []
    start = time.perf_counter()
    held = f"{len(drafts)} 个草稿未生成；" if drafts else ""
    print(f"共 {total + skipped + len(drafts)} 个文档：{skipped} 个未变化，跳过；{held}{total} 个需要生成。",
          file=stream, flush=True)
    if not todo:
        return outcomes, skipped
    workers = max(1, min(jobs or os.cpu_count() or 1, total))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init)
    try:
        with interrupt.deferred():  # workers start with signals blocked, then set their own handlers
            futures = [pool.submit(build_one, *job[:2], formats, *job[2:]) for job in todo]
        for fut in as_completed(futures):
            o = fut.result()
            done += 1
            outcomes.append(o)
            mark = "完成" if o.ok else "失败"
            elapsed = time.perf_counter() - start
            print(f"[{done:>{len(str(total))}}/{total}] {mark} {o.src.parent.name}/{o.src.stem}"
                  f"（{o.seconds:.1f} 秒）  已用时 {elapsed:.0f} 秒", file=stream, flush=True)
    except BaseException as exc:
        interrupt.ignore()
        killed = _stop(pool)
        for _, out, _, stamp_file in todo:
            for folder in (out, stamp_file.parent):
                if folder.is_dir():
                    remove_temporaries(folder)
        if isinstance(exc, BrokenProcessPool) and killed:  # a worker got the SIGTERM first
            raise interrupt.Interrupted(killed) from None
        raise
    pool.shutdown()
    return outcomes, skipped


def _worker_init() -> None:
    interrupt.worker_init()
    _warm()


def _stop(pool: ProcessPoolExecutor) -> int:
    """End the workers now (not after their current document) and wait for
    them; returns the signal that had already killed one, if any."""
    processes = list((pool._processes or {}).values())  # noqa: SLF001  (no public handle on the workers)
    killed = next((-p.exitcode for p in processes if p.exitcode in (-signal.SIGINT, -signal.SIGTERM)), 0)
    for p in processes:
        if p.exitcode is None:
            p.kill()
    for p in processes:
        p.join()
    pool.shutdown(wait=False, cancel_futures=True)
    return killed


def summary(outcomes: list[Outcome], skipped: int, seconds: float) -> str:
    failed = [o for o in outcomes if not o.ok]
    lines = [f"生成 {len(outcomes) - len(failed)} 个，跳过 {skipped} 个，失败 {len(failed)} 个，共用时 {seconds:.1f} 秒。"]
    if outcomes:
        lines.append(f"每个工作进程内存峰值 {max(o.maxrss_kb for o in outcomes) / 1024:.0f} MB。")
    for o in sorted(failed, key=lambda o: str(o.src)):
        lines.append(f"失败：{o.src}")
        lines.extend("  " + e.splitlines()[0] for e in o.errors[:5])
        if len(o.errors) > 5:
            lines.append(f"  ……另有 {len(o.errors) - 5} 个错误（运行 make validate 查看全部）")
    return "\n".join(lines)
