"""make new: next year's input file from this year's.

Prose carries over (职能职责, 单位构成, glossary, contact, project texts,
indicators, wording options); every figure and every reason is left empty
(null), which the schema accepts and `make validate` lists as 尚未填写 with its
line; no prior-year figure is typed — they come from this year's file.
"""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .loader import load, plain


class RolloverError(Exception):
    pass


def _blank_funds(mapping) -> dict:
    return {k: None for k in (mapping or {})} or {"general_budget": None}


def _explanation(expl: dict | None) -> dict:
    expl = dict(expl or {})
    if expl.get("by_parts"):
        return expl
    expl["reason"] = None
    return expl


def next_year(data: dict) -> dict:
    d = dict(data)
    year = data["year"] + 1
    d["year"] = year
    for key in ("totals", "subtotals", "prior_year", "known_tails"):
        d.pop(key, None)
    d["income"] = _blank_funds(data["income"])
    exp = data["expenditure"]
    d["expenditure"] = {
        "items": [{**{k: v for k, v in i.items() if k in ("code", "name", "fund")},
                   **{k: None for k in ("basic", "project") if k in i}} for i in exp["items"]],
        "basic_economic": [{"code": e["code"], "name": e["name"], "amount": None} for e in exp.get("basic_economic", [])],
    }
    ex = data.get("explanations") or {}
    d["explanations"] = {k: _explanation(ex.get(k)) for k in ("income", "expenditure", "basic", "project", "operating_costs")}
    d["explanations"]["three_public"] = {k: _explanation((ex.get("three_public") or {}).get(k))
                                         for k in ("abroad", "reception", "vehicle_operation", "vehicle_purchase")}
    d["three_public"] = {k: None for k in ("abroad", "reception", "vehicle_purchase", "vehicle_operation")}
    d["operating_costs"] = None
    if data.get("procurement") is not None:
        d["procurement"] = {c: _blank_funds(v) for c, v in data["procurement"].items()}
    perf = dict(data.get("performance") or {})
    if perf:
        if "covered_amount" in perf:
            perf["covered_amount"] = None
        projects = []
        for p in perf.get("projects") or []:
            p = dict(p)
            last = sum((Decimal(v) for v in p["funds"].values() if v is not None), Decimal(0))
            p["funds"] = {k: None for k in p["funds"]}
            p.pop("total_check", None)
            p.pop("adjusted_amount", None)
            if "prior_budget" in p:
                p["prior_budget"] = last
            if "adjusted" in p:
                p["adjusted"] = False
            for k, day in (("start", "01-01"), ("end", "12-31")):
                if k in p:
                    p[k] = f"{year}-{day}"
            projects.append(p)
        if "projects" in perf:
            perf["projects"] = projects
        d["performance"] = perf
    assets = dict(data.get("assets") or {})
    if assets:
        assets.pop("as_of", None)
        assets["vehicles"] = [{"kind": v["kind"], "count": None} for v in assets.get("vehicles", [])]
        if "purchases" in assets:
            assets["purchases"] = [{"kind": v["kind"], "count": None} for v in assets["purchases"]]
        d["assets"] = assets
    return d


ROWS = {"items", "basic_economic", "indicators", "vehicles", "purchases"}
INLINE = {"funds", "general_budget", "goods", "works", "services"}


def _styled(node, key=None):
    """Plain data -> ruamel nodes: table rows and small mappings on one line."""
    if isinstance(node, dict):
        m = CommentedMap((k, _styled(v, k)) for k, v in node.items())
        if key in INLINE or key == "__row__":
            m.fa.set_flow_style()
        return m
    if isinstance(node, list):
        return CommentedSeq(_styled(v, "__row__" if key in ROWS else None) for v in node)
    return node


def dump(data: dict, header: str) -> str:
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.add_representer(Decimal, lambda r, v: r.represent_scalar("tag:yaml.org,2002:float", str(v)))
    buf = io.StringIO()
    y.dump(_styled(data), buf)
    return header + buf.getvalue()


def new_file(src: Path, year: int | None = None) -> Path:
    data = plain(load(src).data)
    target_year = year or data["year"] + 1
    if target_year != data["year"] + 1:
        raise RolloverError(f"只能从上一年的文件生成：{src} 是 {data['year']} 年，不能生成 {target_year} 年。")
    target = src.with_name(f"{target_year}.yaml")
    if target.exists():
        raise RolloverError(f"{target} 已存在，不会覆盖。如需重新生成，请先删除或改名。")
    header = (f"# yaml-language-server: $schema=../../schemas/budget.schema.json\n"
              f"# {target_year} 年部门预算，由 {src.name} 生成。\n"
              f"# 留空（null）的数字和“主要原因”待填写：运行 make validate DEPT={data['department']['code']} YEAR={target_year}"
              f" 查看清单。上年数自动取自 {src.name}，不必填写。\n")
    text = dump(next_year(data), header)
    with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return target
