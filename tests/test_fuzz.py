"""The fuzzer: mutants of every seed input and synthetic department, run
through the command line in-process (generator.__main__.main, which maps
outcomes to exit statuses exactly as the shell sees them).

For every mutant: exit status 0 or 1 (never 2), no “内部错误”, no traceback,
every error line in FILE:LINE:COL form; for a sample also a build, which on
error must leave the output folder exactly as it was.

    FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py -s   # a long run
    FUZZ_SEED=7 FUZZ_ONLY=123,456 ...                                      # replay mutants
A failure prints the seed, the mutant's number, its source and mutations, and
where the mutant was saved."""
from __future__ import annotations

import contextlib
import io
import os
import random
import re
import time
from pathlib import Path

from conftest import ROOT
from fuzzing import mutate
from generator.__main__ import main
from generator.loader import load

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2500"))
SEED = int(os.environ.get("FUZZ_SEED", "20261124"))
ONLY = [int(i) for i in os.environ.get("FUZZ_ONLY", "").split(",") if i.strip()]
BUILD_FAILING_EVERY, BUILD_VALID_EVERY, ALL_FORMATS_EVERY = 25, 4, 150

ERROR_LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): 错误: \S")


def sources() -> list[tuple[Path, str, str, str]]:
    """(file, text, department code, year) of every seed and synthetic
    department; tests/departments/ is globbed so new ones join by themselves."""
    files = sorted(f for f in ROOT.glob("inputs/*/*.yaml") if f.parent.name != "districts") \
        + sorted((ROOT / "tests" / "departments").glob("*/*.yaml"))
    out = []
    for f in files:
        data = load(f).data
        out.append((f, f.read_text(encoding="utf-8"), str(data["department"]["code"]), str(data["year"])))
    assert len(out) >= 5, files
    return out


def run(argv: list[str]) -> tuple[int | str, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except BaseException as exc:  # noqa: BLE001  (SystemExit, a crash: all are findings)
            code = f"raised {exc.__class__.__name__}: {exc}"
    return code, err.getvalue() + out.getvalue()


def output_problems(code, text: str) -> list[str]:
    found = []
    if code not in (0, 1):
        found.append(f"exit status {code}")
    for bad in ("内部错误", "Traceback"):
        if bad in text:
            found.append(f"output contains {bad}")
    lines = [l for l in text.split("\n") if ": 错误: " in l and not l.startswith("    ")]
    found += [f"error line not in FILE:LINE:COL form: {l[:200]!r}" for l in lines if not ERROR_LINE.match(l)]
    if code == 1 and not lines:
        found.append("exit status 1 without an error line")
    return found


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def check_build(path: Path, out: Path, stem: str, formats: str) -> tuple[list[str], str]:
    out.mkdir(parents=True)
    (out / "previous.txt").write_text("an earlier output")
    code, text = run(["build", str(path), "--out", str(out), "--format", formats])
    found = [f"build: {p}" for p in output_problems(code, text)]
    after = listing(out)
    if code == 1 and after != ["previous.txt"]:
        found.append(f"build failed but wrote {after}")
    if code == 0 and after != sorted(["previous.txt"] + [f"{stem}.{f}" for f in formats.split(",")]):
        found.append(f"build succeeded but the folder holds {after}")
    return found, text


def test_fuzz(tmp_path):
    pool = sources()
    indices = ONLY or range(EXAMPLES)
    stats = {"valid": 0, "rejected": 0, "builds": 0}
    failures, slowest = [], (0.0, -1)
    for i in indices:
        rng = random.Random(f"{SEED}:{i}")
        src, text, code, year = rng.choice(pool)
        content, steps = mutate(rng, text)
        work = tmp_path / str(i)
        path = work / "inputs" / code / f"{year}.yaml"
        path.parent.mkdir(parents=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        start = time.perf_counter()
        status, out = run(["validate", str(path)])
        slowest = max(slowest, (time.perf_counter() - start, i))
        found = output_problems(status, out)
        stats["valid" if status == 0 else "rejected"] += 1
        if status == 0 and i % BUILD_VALID_EVERY == 0 or status == 1 and i % BUILD_FAILING_EVERY == 0:
            formats = "html,docx,pdf" if i % ALL_FORMATS_EVERY == 0 else "html"
            problems, built = check_build(path, work / "out", f"{code}-{year}", formats)
            found, out = found + problems, out + built
            stats["builds"] += 1
        if found:
            saved = ROOT / "build" / "fuzz-failures" / f"{SEED}-{i}.yaml"
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_bytes(path.read_bytes())
            failures.append(f"FUZZ_SEED={SEED} FUZZ_ONLY={i}: {src.relative_to(ROOT)} mutated by {steps}\n"
                            f"  saved as {saved}\n  " + "\n  ".join(found) + "\n  output:\n" + out[-1500:])
        else:
            for p in sorted(work.rglob("*"), reverse=True):  # keep the temp dir small on long runs
                p.unlink() if p.is_file() else p.rmdir()
            work.rmdir()
    print(f"\nfuzz: {len(indices)} mutants (FUZZ_SEED={SEED}) of {len(pool)} files: {stats['valid']} valid, "
          f"{stats['rejected']} rejected, {stats['builds']} builds; slowest validation {slowest[0]:.2f} s "
          f"(FUZZ_ONLY={slowest[1]}); {len(failures)} failures")
    assert not failures, f"{len(failures)} mutants broke a guarantee:\n\n" + "\n\n".join(failures[:20])
