"""Import profiles (templates/import/*.yaml): how a layout's tables are found.
Data, not code: a district whose export differs adds a file."""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from .book import ImportProblem

FOLDER = Path(__file__).resolve().parent.parent.parent / "templates" / "import"


def load_profiles(name: str | None = None) -> list[tuple[str, dict]]:
    """The profiles to try: the one named, or all (standard.yaml first)."""
    files = sorted(FOLDER.glob("*.yaml"), key=lambda p: (p.stem != "standard", p.stem))
    if name:
        files = [p for p in files if p.stem == name]
        if not files:
            known = "、".join(p.stem for p in sorted(FOLDER.glob("*.yaml")))
            raise ImportProblem(f"没有名为“{name}”的导入版式（templates/import/{name}.yaml）；现有：{known}。")
    out = []
    for path in files:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
        for key in ("unit", "totals", "tables"):
            if key not in (data or {}):
                raise ImportProblem(f"导入版式 {path} 缺少“{key}”。")
        out.append((path.stem, data))
    return out
