"""A synthetic district of N departments made from the five seed inputs:
amounts scaled by a whole factor and perturbed, with every identity kept
exact (the seeds' rounding tails are removed first so scaling cannot grow
them past the tolerance)."""
from __future__ import annotations

import io
import random
import sys
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.derive import PERSONNEL_CLASSES  # noqa: E402
from generator.loader import load, plain  # noqa: E402

SEEDS = ["103/2021", "103/2023", "103/2026", "236/2024", "134/2023"]
SKIP = {"indicators", "execution_weight", "year", "count", "weight"}
ZERO = Decimal(0)


def scale(node, k):
    if isinstance(node, dict):
        return {key: (v if key in SKIP else scale(v, k)) for key, v in node.items()}
    if isinstance(node, list):
        return [scale(v, k) for v in node]
    if isinstance(node, Decimal):
        return node * k
    return node


def consistent(d: dict) -> dict:
    """Drop typed checks and make every sum exact."""
    d.pop("totals", None)
    d.pop("subtotals", None)
    items = d["expenditure"]["items"]
    basic = sum((i.get("basic", ZERO) for i in items), ZERO)
    d["income"] = {"general_budget": sum((i.get("basic", ZERO) + i.get("project", ZERO) for i in items), ZERO)}
    econ = d["expenditure"]["basic_economic"]
    sink = next(e for e in reversed(econ) if e["code"][:3] not in PERSONNEL_CLASSES)
    sink["amount"] += basic - sum((e["amount"] for e in econ), ZERO)
    p = d.get("prior_year")
    if p:
        p.pop("totals", None)
        p.pop("subtotals", None)
        if p.get("items"):
            p["project"] = {"general_budget": sum((i["amount"] for i in p["items"]), ZERO) - p["basic"]["general_budget"]}
        p["income"] = {"general_budget": p["basic"]["general_budget"] + p["project"]["general_budget"]}
    perf = d.get("performance") or {}
    if "covered_amount" in perf:
        perf["covered_amount"] = min(perf["covered_amount"], sum((i.get("project", ZERO) for i in items), ZERO))
    return d


def perturb(d: dict, rng: random.Random) -> dict:
    step = Decimal("0.01")
    delta = rng.randint(1, 500_000 if d["unit"] == "元" else 5_000) * step
    item = next(i for i in d["expenditure"]["items"] if i.get("basic"))
    item["basic"] += delta
    sink = next(e for e in reversed(d["expenditure"]["basic_economic"]) if e["code"][:3] not in PERSONNEL_CLASSES)
    sink["amount"] += delta
    d["income"]["general_budget"] += delta
    return d


def department(i: int, rng: random.Random) -> dict:
    seed = SEEDS[i % len(SEEDS)]
    d = consistent(plain(load(ROOT / "inputs" / f"{seed}.yaml").data))
    d = perturb(scale(d, rng.choice([1, 2, 3, 5])), rng)
    d["department"]["code"] = f"{500 + i}"
    d["department"]["name"] = f"{d['department']['name']}（样例{i + 1:03d}）"
    d["department"].pop("performance_name", None)
    return d


def dump(data: dict) -> str:
    y = YAML()
    y.representer.ignore_aliases = lambda *args: True
    y.representer.add_representer(Decimal, lambda r, v: r.represent_scalar("tag:yaml.org,2002:float", str(v)))
    y.width = 4096
    buf = io.StringIO()
    y.dump(data, buf)
    return "# yaml-language-server: $schema=../../schemas/budget.schema.json\n" + buf.getvalue()


def make_district(target: Path, n: int = 100, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        d = department(i, rng)
        path = target / d["department"]["code"] / f"{d['year']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(d), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/bench/inputs")
    print(len(make_district(out)), "departments written to", out)
