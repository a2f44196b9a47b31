"""A whole district at once: every inputs/<DEPT>/<YEAR>.yaml into build/,
in parallel on long-lived workers (imports and fonts stay warm), rebuilding
only documents whose inputs or the generator changed, with progress and a
summary of failures that does not stop the other documents."""
from __future__ import annotations

import hashlib
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("generator", "templates", "schemas")


def code_fingerprint() -> str:
    """Changes to the generator, templates, schema or catalog rebuild everything."""
    h = hashlib.sha256()
    files = [p for d in CODE_DIRS for p in (ROOT / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for p in sorted(files) + [ROOT / "requirements.lock"]:
        if p.exists():
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def stamp_for(src: Path, formats: list[str], code: str) -> str:
    """What a document's outputs depend on: its input, last year's input
    (prior-year figures come from it), the district house styles, the code, and the formats."""
    h = hashlib.sha256(code.encode())
    h.update(",".join(formats).encode())
    for p in (src, src.with_name(f"{int(src.stem) - 1}.yaml")):
        h.update(p.read_bytes() if p.exists() else b"-")
    for p in sorted((src.parent.parent / "districts").glob("*.yaml")):  # the house styles (wording, layout)
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def inputs(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*.yaml") if p.stem.isdigit())


def out_dir_for(src: Path, out_root: Path) -> Path:
    return out_root / src.parent.name / src.stem


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


def build_one(src: Path, out: Path, formats: list[str], stamp: str) -> Outcome:
    from .pipeline import build_file
    start = time.perf_counter()
    try:
        report, written = build_file(src, out, formats)
        ok = not report.errors
        errors = [d.format() for d in report.sorted() if d.level == "错误"]
        if ok:
            (out / ".stamp").write_text(stamp)
    except Exception as exc:  # one document's bug must not stop the district
        ok, errors = False, [f"{src}: 错误: 内部错误 {exc.__class__.__name__}: {exc}"]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Outcome(src, ok, time.perf_counter() - start, errors, rss)


def build_all(in_root: Path, out_root: Path, formats: list[str], jobs: int | None = None,
              stream=sys.stderr) -> tuple[list[Outcome], int]:
    """Returns the outcomes of the documents built and the number skipped."""
    code = code_fingerprint()
    todo, skipped = [], 0
    for src in inputs(in_root):
        out = out_dir_for(src, out_root)
        stamp = stamp_for(src, formats, code)
        stem = f"{src.parent.name}-{src.stem}"
        current = (out / ".stamp").exists() and (out / ".stamp").read_text() == stamp
        if current and all((out / f"{stem}.{f}").exists() for f in formats):
            skipped += 1
        else:
            todo.append((src, out, stamp))
    total, done, outcomes = len(todo), 0, []
    start = time.perf_counter()
    print(f"共 {total + skipped} 个文档：{skipped} 个未变化，跳过；{total} 个需要生成。", file=stream, flush=True)
    if not todo:
        return outcomes, skipped
    workers = max(1, min(jobs or os.cpu_count() or 1, total))
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        futures = [pool.submit(build_one, src, out, formats, stamp) for src, out, stamp in todo]
        for fut in as_completed(futures):
            o = fut.result()
            done += 1
            outcomes.append(o)
            mark = "完成" if o.ok else "失败"
            elapsed = time.perf_counter() - start
            print(f"[{done:>{len(str(total))}}/{total}] {mark} {o.src.parent.name}/{o.src.stem}"
                  f"（{o.seconds:.1f} 秒）  已用时 {elapsed:.0f} 秒", file=stream, flush=True)
    return outcomes, skipped


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
