"""The department, its house style and its typed prose, as compose reads
them (the only way compose sees what the clerk typed)."""
from __future__ import annotations

from types import MappingProxyType

from ..money import convert, dec
from .funds import THREE_PUBLIC
from .model import Department, Explanation, Project, Style, Texts

NO_SUBORDINATES = ("无下属", "没有下属", "无所属", "无二级预算单位")
STYLE_OPTIONS = [f for f in Style.__dataclass_fields__ if f not in ("phrases", "amount_format")]


def as_list(value) -> list[str]:
    return [] if value is None else ([value] if isinstance(value, str) else list(value))


def department(data: dict) -> Department:
    d = data["department"]
    contact = d.get("contact") or {}
    return Department(code=d["code"], name=d["name"], district=d["district"], short_name=d.get("short_name", "本部门"),
                      contact_name=contact.get("name", ""), contact_phone=contact.get("phone", ""),
                      performance_name=d.get("performance_name") or f"{d['code']}-{d['name']}",
                      established=d.get("established"))


def style(presentation: dict) -> Style:
    """The merged presentation (generator.housestyle) as a Style; options not given take their defaults."""
    p = presentation
    given = {k: p[k] for k in STYLE_OPTIONS if p.get(k) is not None}
    amount_format = p.get("amount_format") or ("cents" if p.get("keep_zeros") else "trim")
    return Style(**given, amount_format=amount_format, phrases=MappingProxyType(dict(p.get("phrases") or {})))


def has_subordinates(profile: dict) -> bool:
    """profile.subordinates, else what 单位构成 says (“……，无下属单位。”)."""
    if profile.get("subordinates") is not None:
        return bool(profile["subordinates"])
    return not any(word in text for text in as_list(profile.get("composition")) for word in NO_SUBORDINATES)


def _explanation(node: dict | None) -> Explanation:
    node = node or {}
    return Explanation(reason=node.get("reason"), uses=node.get("uses"), lead=node.get("lead"),
                       by_parts=bool(node.get("by_parts")), uses_first=bool(node.get("uses_first")))


def explanations(data: dict) -> dict[str, Explanation]:
    ex = data.get("explanations") or {}
    out = {k: _explanation(ex.get(k)) for k in ("income", "expenditure", "basic", "project", "operating_costs")}
    for part in THREE_PUBLIC:
        out["three_public." + part] = _explanation((ex.get("three_public") or {}).get(part))
    return out


def _project(proj: dict, unit: str, shown_unit: str) -> Project:
    conv = lambda v: convert(dec(v), unit, shown_unit)  # noqa: E731
    texts = {k: v for k, v in proj.items() if k not in ("funds", "indicators")}
    return Project(texts=MappingProxyType(texts), indicators=[MappingProxyType(i) for i in proj.get("indicators") or []],
                   unit=shown_unit, funds={k: conv(v) for k, v in (proj.get("funds") or {}).items()},
                   prior_budget=None if proj.get("prior_budget") is None else conv(proj["prior_budget"]),
                   adjusted_amount=None if proj.get("adjusted_amount") is None else conv(proj["adjusted_amount"]))


def texts(data: dict, own_style: Style) -> Texts:
    profile, assets = data["profile"], data.get("assets") or {}
    perf = data.get("performance") or {}
    shown_unit = own_style.project_funds_unit or data["unit"]
    return Texts(
        functions=as_list(profile["functions"]), composition=as_list(profile["composition"]),
        subordinates=has_subordinates(profile),
        glossary=[(g["term"], g["definition"]) for g in data.get("glossary") or []],
        explanations=explanations(data),
        vehicles_as_of=assets.get("as_of") or f"{data['year'] - 1}年12月",
        vehicles=[(v["kind"], v["count"]) for v in assets.get("vehicles") or []],
        purchases=[(v["kind"], v["count"]) for v in assets.get("purchases") or []],
        overall=MappingProxyType(perf["overall"]) if perf.get("overall") else None,
        projects=[_project(p, data["unit"], shown_unit) for p in perf.get("projects") or []],
    )
