"""House style per district: inputs/districts/<区>.yaml.

A district writes its layout switches and its wording (phrases) once; every
department of the district inherits them. The layers, later ones winning key
by key (phrases phrase by phrase):

    templates/phrases.yaml defaults
    -> the district file's `presentation`
    -> the district file's `years: {2021: …}` (that year's template, if any)
    -> the department file's own `presentation` (its overrides)

The merged block replaces the department's `presentation` in the validated
data, so everything downstream reads one `presentation` as before.
"""
from __future__ import annotations

from pathlib import Path

from . import schema_check
from .compose.phrases import PhraseProblem, fields
from .diagnostics import ERROR, WARNING, Diagnostic, Report
from .loader import LoadError, Loaded, load, plain, position

DIR = "districts"
ROOT_DISTRICTS = Path(__file__).resolve().parent.parent / "inputs" / DIR


def is_district_file(path: Path) -> bool:
    return Path(path).parent.name == DIR


def find(input_path: Path, district: str) -> Path | None:
    """inputs/<部门>/<年>.yaml -> inputs/districts/<区>.yaml. A file outside
    the inputs tree (a test's temporary copy) falls back to the checkout's."""
    for base in list(Path(input_path).resolve().parents)[:3] + [ROOT_DISTRICTS.parent]:
        candidate = base / DIR / f"{district}.yaml"
        if candidate.is_file():
            return candidate
    return None


def _diag(report: Report, level: str, message: str, loaded: Loaded | None, path, parts=()) -> None:
    line, col = position(loaded.data, list(parts)) if loaded is not None and parts else (1, 1)
    report.add(Diagnostic(level, message, str(path), line, col, ".".join(map(str, parts)),
                          loaded.line_text(line) if loaded is not None else ""))


def load_district(path: Path, report: Report) -> Loaded | None:
    try:
        loaded = load(path)
    except LoadError as exc:
        report.add(Diagnostic(ERROR, exc.message, str(path), exc.line, exc.col))
        return None
    problems = schema_check.check(loaded, schema_check.DISTRICT_SCHEMA_PATH)
    for d in problems:
        report.add(d)
    if problems:
        return None
    for key in loaded.data.get("years") or {}:
        if not (isinstance(key, int) and 2000 <= key <= 2100):
            _diag(report, ERROR, f"years 下的键应为年度（如 2021），而不是“{key}”。", loaded, path, ["years", key])
    check_phrases(loaded, ["presentation"], report)
    for year in loaded.data.get("years") or {}:
        check_phrases(loaded, ["years", year], report)
    return None if report.errors else loaded


def check_phrases(loaded: Loaded, parts: list, report: Report) -> None:
    """Every phrase of one presentation block: known name, known variables, well-formed."""
    node = loaded.data
    for p in parts:
        node = (node or {}).get(p) if isinstance(node, dict) else None
    for name, text in ((node or {}).get("phrases") or {}).items():
        if text is None:
            continue
        try:
            fields(str(name), text)
        except PhraseProblem as exc:
            _diag(report, ERROR, exc.message, loaded, loaded.path, parts + ["phrases", name])


def validate_district(path: Path) -> Report:
    report = Report()
    load_district(Path(path), report)
    return report


def legacy(presentation: dict) -> dict:
    """Phrases implied by the older presentation switches, so files written
    before phrases existed keep their wording."""
    p, out = presentation, {}
    if p.get("unchanged_phrase"):
        out["unchanged"] = p["unchanged_phrase"]
    if p.get("other_matters_numbering") == "arabic":
        out["matter_no"] = "{n}、"
    if p.get("section3_title"):
        out["h_section3"] = "三、" + p["section3_title"]
    if p.get("gov_fund_note_unchanged"):
        out["gov_fund_none_as_before"] = "{year}年{subject}没有使用政府性基金预算拨款安排的支出，与上年保持一致。"
    if p.get("purchase_phrase") == "none_planned":
        out["purchases_none"] = "{year}年无购置车辆的预算安排。"
    if p.get("table_numbering") == "arabic":
        out["table_number"] = "表 {n}"
    if p.get("table_title") in ("year", "year_dept"):
        out["table_title"] = "{year}年{name}" if p["table_title"] == "year" else "{year}年{dept}{name}"
    layout_filler = {"nanan": "编制单位：{filler}", "beibei": "编制单位：{filler}", "dadukou2021": "填报单位（盖章）{filler}"}
    if p.get("project_layout") in layout_filler:
        out["filler"] = layout_filler[p["project_layout"]]
    if p.get("table2_note") is False:
        out["table2_note"] = ""
    return out


def merge(district: dict, year: int, own: dict) -> dict:
    """district presentation <- that year's section <- the department's overrides."""
    years = {str(k): v for k, v in (district.get("years") or {}).items()}
    layers = [district.get("presentation") or {}, years.get(str(year)) or {}, own or {}]
    merged: dict = {}
    phrases: dict = {}
    for layer in layers:
        merged.update({k: v for k, v in layer.items() if k != "phrases"})
        # an older switch (table_title: year_dept …) in a later layer beats an
        # earlier layer's phrase: a department's own choice is never ignored
        phrases.update(legacy(layer))
        phrases.update(layer.get("phrases") or {})
    phrases = {k: v for k, v in phrases.items() if v is not None}  # null: back to the default wording
    if phrases:
        merged["phrases"] = phrases
    return merged


def apply(loaded: Loaded, data: dict, report: Report) -> bool:
    """Check the department's own phrases, find and check its district's house
    style, and put the merged presentation into `data`. False on an error."""
    before = len(report.errors)
    check_phrases(loaded, ["presentation"], report)
    district = data["department"]["district"]
    path = find(loaded.path, district)
    if path is None:
        _diag(report, WARNING, f"找不到“{district}”的版式文件 inputs/{DIR}/{district}.yaml：本文件按默认版式和用语生成。"
                               "请为本区建立版式文件（见 README“各区的版式和用语”）。", loaded, loaded.path,
              ["department", "district"])
        district_data = {}
    else:
        dl = load_district(path, report)
        if dl is None:
            report.add(Diagnostic(ERROR, f"本区的版式文件 {path} 有错误：请先修正它。", str(loaded.path), 1, 1))
            return False
        district_data = plain(dl.data)
        if district_data.get("district") != district:
            _diag(report, ERROR, f"版式文件 {path.name} 中的 district 为“{district_data.get('district')}”，与文件名不符。",
                  dl, path, ["district"])
            return False
    data["presentation"] = merge(district_data, data["year"], data.get("presentation") or {})
    return len(report.errors) == before
