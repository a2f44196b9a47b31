"""make bench — how fast this machine builds, printed (never asserted).

1. per seed and format: seconds per document, warm (a long-lived process,
   median of several runs) and cold (a new process, imports included);
2. the same DOCX converted to PDF by LibreOffice headless, and the ratio
   (our three formats) / (LibreOffice's one conversion);
3. a synthetic district of 100 departments (bench/district.py) built with
   `generator all` from scratch, then again after touching one input;
4. peak resident memory per worker; validation time of one file, warm;
5. live preview: save to updated page, per seed (bench/preview.py).
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.district import SEEDS, make_district  # noqa: E402
from generator.compose import compose_document  # noqa: E402
from generator.derive import derive  # noqa: E402
from generator.pipeline import prepare  # noqa: E402
from generator.writers import REGISTRY  # noqa: E402

WARM_RUNS, COLD_RUNS = 5, 3
TARGETS = {"ratio": 1.0, "district": 90.0, "correction": 3.0, "validate": 0.1, "rss_mb": 300.0}


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(cmd, **kw):
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    if r.returncode not in (0,):
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{r.stderr[-2000:]}")
    return time.perf_counter() - start, r


def per_seed(tmp: Path) -> list[dict]:
    rows = []
    for key in SEEDS:
        src = ROOT / "inputs" / f"{key}.yaml"
        v = prepare(src, compose=False)
        doc = compose_document(v.figures)
        row = {"seed": key}
        for fmt in ("html", "docx", "pdf"):
            REGISTRY[fmt].render(doc)  # warm-up
            row[fmt] = median_time(lambda: REGISTRY[fmt].render(doc), WARM_RUNS)
        row["warm_all"] = median_time(
            lambda: [REGISTRY[f].render(compose_document(derive(*(lambda r: (r.data, r.prior_data))(prepare(src, compose=False)))))
                     for f in ("html", "docx", "pdf")], 3)
        cold = []
        for _ in range(COLD_RUNS):
            t, _ = run([sys.executable, "-m", "generator", "build", str(src), "--out", str(tmp / "cold"), "--format", "html,docx,pdf"])
            cold.append(t)
        row["cold_all"] = statistics.median(cold)
        docx = tmp / "cold" / f"{src.parent.name}-{src.stem}.docx"
        lo = []
        for i in range(COLD_RUNS):
            profile = tmp / f"lo-profile-{i}"
            t, _ = run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                        "--outdir", str(tmp / "lo"), str(docx)], timeout=600)
            lo.append(t)
        row["libreoffice"] = statistics.median(lo[1:]) if len(lo) > 1 else lo[0]  # first run creates the profile
        row["ratio_warm"] = row["warm_all"] / row["libreoffice"]
        row["ratio_cold"] = row["cold_all"] / row["libreoffice"]
        rows.append(row)
    return rows


def district(tmp: Path) -> dict:
    inputs, out = tmp / "district" / "inputs", tmp / "district" / "build"
    make_district(inputs, 100)
    t_full, r = run([sys.executable, "-m", "generator", "all", "--inputs", str(inputs), "--out", str(out)])
    rss = float(re.search(r"内存峰值 (\d+) MB", r.stderr).group(1))
    one = sorted(inputs.glob("*/*.yaml"))[37]
    one.write_text(one.read_text(encoding="utf-8").replace("reason: 业务", "reason: 业务", 1) + "\n# corrected\n", encoding="utf-8")
    t_one, r2 = run([sys.executable, "-m", "generator", "all", "--inputs", str(inputs), "--out", str(out)])
    rebuilt = re.search(r"生成 (\d+) 个，跳过 (\d+) 个", r2.stderr).groups()
    t_noop, _ = run([sys.executable, "-m", "generator", "all", "--inputs", str(inputs), "--out", str(out)])
    return {"full": t_full, "per_min": 100 / t_full * 60, "one": t_one, "one_counts": rebuilt, "noop": t_noop, "rss": rss}


def validation_warm() -> float:
    src = ROOT / "inputs" / "103/2023.yaml"
    prepare(src, compose=False)
    return median_time(lambda: prepare(src, compose=False), 20)


def verdict(value, target, lower_is_better=True):
    ok = value <= target if lower_is_better else value >= target
    return f"{'达标' if ok else '未达标'} (target ≤ {target:g})"


def main():
    print(f"机器 / machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    if not shutil.which("soffice"):
        raise SystemExit("需要 LibreOffice（make test-deps 会安装） / LibreOffice is needed")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = per_seed(tmp)
        print("\n每个文档各格式耗时（秒，热进程中位数）/ seconds per document, warm median")
        print(f"{'seed':<10}{'html':>7}{'docx':>7}{'pdf':>7}{'3 formats warm':>16}{'3 formats cold':>16}{'LibreOffice':>13}{'ratio warm':>12}{'ratio cold':>12}")
        for r in rows:
            print(f"{r['seed']:<10}{r['html']:>7.3f}{r['docx']:>7.3f}{r['pdf']:>7.3f}{r['warm_all']:>16.2f}{r['cold_all']:>16.2f}"
                  f"{r['libreoffice']:>13.2f}{r['ratio_warm']:>12.2f}{r['ratio_cold']:>12.2f}")
        worst = max(r["ratio_cold"] for r in rows)
        print(f"ratio (ours cold, all three) / (LibreOffice, one conversion), worst seed: {worst:.2f}  {verdict(worst, TARGETS['ratio'])}")
        dist = district(tmp)
        print("\n100 个部门的区（generator all，2 个工作进程）/ a district of 100 departments")
        print(f"from scratch: {dist['full']:.1f} s, {dist['per_min']:.0f} documents/min  {verdict(dist['full'], TARGETS['district'])}")
        print(f"one input corrected: {dist['one']:.2f} s (rebuilt {dist['one_counts'][0]}, skipped {dist['one_counts'][1]})"
              f"  {verdict(dist['one'], TARGETS['correction'])}")
        print(f"nothing changed: {dist['noop']:.2f} s")
        print(f"peak resident memory per worker: {dist['rss']:.0f} MB  {verdict(dist['rss'], TARGETS['rss_mb'])}")
        v = validation_warm()
        print(f"validation of one file, warm: {v:.3f} s  {verdict(v, TARGETS['validate'])}")
    from bench.preview import report as preview_report
    preview_report()


if __name__ == "__main__":
    main()
