"""House style per district (inputs/districts/<区>.yaml): inherited by every
department, overridden key by key (phrase by phrase) by the department file,
validated with positioned Chinese errors, carried over by `make new`."""
import hashlib
import shutil
from pathlib import Path


from conftest import ROOT, input_path, prepared
from generator.compose import compose_document
from generator.diagnostics import WARNING
from generator.housestyle import merge
from generator.pipeline import prepare
from generator.rollover import new_file

DISTRICTS = ROOT / "inputs" / "districts"


def tree(tmp_path: Path, key: str = "103/2026") -> Path:
    """A copy of inputs/ with one department file and the district files, as a clerk's checkout has."""
    (tmp_path / "inputs" / key.split("/")[0]).mkdir(parents=True)
    shutil.copytree(DISTRICTS, tmp_path / "inputs" / "districts")
    target = tmp_path / "inputs" / f"{key}.yaml"
    shutil.copy(input_path(key), target)
    return target


def text_of(path: Path) -> str:
    return "".join(prepared(path).document.paragraphs())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(no for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_layers_later_wins_phrase_by_phrase():
    district = {"presentation": {"table_style": "v2023", "phrases": {"unchanged": "A", "lead": "B"}},
                "years": {2021: {"table_style": "v2021", "phrases": {"unchanged": "C", "lead": None}}}}
    assert merge(district, 2026, {}) == {"table_style": "v2023", "phrases": {"unchanged": "A", "lead": "B"}}
    assert merge(district, 2021, {}) == {"table_style": "v2021", "phrases": {"unchanged": "C"}}  # null: the default
    assert merge(district, 2021, {"phrases": {"unchanged": "D"}, "keep_zeros": True}) == {
        "table_style": "v2021", "keep_zeros": True, "phrases": {"unchanged": "D"}}


def test_one_phrase_changed_for_the_whole_district(tmp_path):
    """The README's example: 大渡口区 writes 比 instead of 较 in the income sentence."""
    dept = tree(tmp_path)
    assert "收入较2025年增加351.02万元" in text_of(dept)
    edit(tmp_path / "inputs" / "districts" / "大渡口区.yaml",
         "    change.income: 较{prior_year}年{word}{amount}万元", "    change.income: 比{prior_year}年{word}{amount}万元")
    text = text_of(dept)
    assert "收入比2025年增加351.02万元" in text and "支出较2025年增加351.02万元" in text


def test_a_department_overrides_one_phrase(tmp_path):
    dept = tree(tmp_path)
    with dept.open("a", encoding="utf-8") as fh:
        fh.write("\npresentation:\n  phrases:\n    unchanged: 与{prior_year}年一致\n    vehicle_sep: 、\n")
    text = text_of(dept)
    assert "因公出国（境）费用0万元，与2025年一致；" in text
    assert "其中机要通信用车1辆、应急保障用车6辆。" in text
    assert "收入较2025年增加351.02万元" in text  # everything else still the district's


def test_a_department_overrides_a_layout_switch(tmp_path):
    dept = tree(tmp_path)
    with dept.open("a", encoding="utf-8") as fh:
        fh.write("\npresentation:\n  prior_year_columns: false\n")
    v = prepare(dept, compose=False)
    tables = {t.key: t for t in compose_document(v.figures).tables()}
    assert tables["table2"].head[0].cells[1].text == "2026年预算数"


def test_bad_phrase_in_the_district_file_points_at_its_line(tmp_path):
    dept = tree(tmp_path)
    district = tmp_path / "inputs" / "districts" / "大渡口区.yaml"
    edit(district, "    vehicle_sep: ，", "    vehicle_sep: ，{kind}")
    edit(district, "    h_section3: 三、财政拨款情况说明", "    h_section3: 三、财政拨款情况说明{")
    report = prepare(dept, compose=False).report
    d = next(d for d in report.errors if "vehicle_sep" in d.message)
    assert d.file == str(district) and d.line == line_of(district, "vehicle_sep: ，{kind}")
    assert "未知的变量“{kind}”" in d.message and "不能使用变量" in d.message
    d = next(d for d in report.errors if "h_section3" in d.message)
    assert "花括号不成对" in d.message and d.line == line_of(district, "h_section3: 三、财政拨款情况说明{")
    assert any(d.file == str(dept) and "版式文件" in d.message for d in report.errors)
    assert prepare(district, compose=False).report.errors  # make validate checks the district file itself


def test_bad_phrase_in_a_year_section_and_a_department(tmp_path):
    dept = tree(tmp_path)
    district = tmp_path / "inputs" / "districts" / "大渡口区.yaml"
    edit(district, "      unchanged: 同{prior_year}年", "      unchanged: 同{year}年")
    d = next(d for d in prepare(district, compose=False).report.errors)
    assert "短语“unchanged”使用了未知的变量“{year}”" in d.message and d.line == line_of(district, "同{year}年")
    with dept.open("a", encoding="utf-8") as fh:
        fh.write("\npresentation:\n  phrases:\n    unchnaged: 与上年持平\n")
    edit(district, "      unchanged: 同{year}年", "      unchanged: 同{prior_year}年")
    d = next(d for d in prepare(dept, compose=False).report.errors)
    assert "未知的短语名“unchnaged”" in d.message and "unchanged" in d.message
    assert d.file == str(dept) and d.line == line_of(dept, "unchnaged")


def test_unknown_key_in_the_district_file(tmp_path):
    tree(tmp_path)
    district = tmp_path / "inputs" / "districts" / "大渡口区.yaml"
    edit(district, "  prior_year_columns: true", "  prior_year_column: true")
    d = next(d for d in prepare(district, compose=False).report.errors)
    assert "未知的键“prior_year_column”" in d.message and d.line == line_of(district, "prior_year_column:")
    edit(district, "    procurement_rows: all", "    procurement_row: all")  # in a year's section
    d = next(d for d in prepare(district, compose=False).report.errors if "procurement_row”" in d.message)
    assert d.line == line_of(district, "procurement_row: all") and "procurement_rows" in d.message
    edit(district, "  prior_year_column: true", "  prior_year_columns: 是")
    d = next(d for d in prepare(district, compose=False).report.errors)
    assert "“上年数列”应为true 或 false" in d.message


def test_district_name_must_match_the_file(tmp_path):
    dept = tree(tmp_path)
    edit(tmp_path / "inputs" / "districts" / "大渡口区.yaml", "district: 大渡口区", "district: 南岸区")
    assert any("与文件名不符" in d.message for d in prepare(dept, compose=False).report.errors)


def test_a_district_without_a_house_style_is_warned_and_uses_the_defaults(tmp_path):
    dept = tree(tmp_path)
    edit(dept, "  district: 大渡口区", "  district: 九龙坡区")
    v = prepare(dept, compose=False)
    w = next(d for d in v.report.items if d.level == WARNING and "九龙坡区" in d.message)
    assert w.line == line_of(dept, "district: 九龙坡区") and not v.report.errors
    assert "收入比2025年增加351.02万元" in text_of(dept)  # the generator's default wording


def test_make_new_carries_overrides_and_leaves_the_district_file_untouched(tmp_path):
    dept = tree(tmp_path)
    with dept.open("a", encoding="utf-8") as fh:
        fh.write("\npresentation:\n  prior_year_columns: false\n  phrases:\n    unchanged: 与{prior_year}年一致\n")
    district = tmp_path / "inputs" / "districts" / "大渡口区.yaml"
    before = hashlib.sha256(district.read_bytes()).hexdigest()
    target = new_file(dept, 2027)
    assert hashlib.sha256(district.read_bytes()).hexdigest() == before
    text = target.read_text(encoding="utf-8")
    assert "presentation:\n  prior_year_columns: false\n  phrases:\n    unchanged: 与{prior_year}年一致\n" in text
    assert "change.income" not in text  # the district's phrases stay in the district file


def test_changing_the_district_file_rebuilds_its_documents(tmp_path):
    from generator.batch import stamp_for
    dept = tree(tmp_path)
    before = stamp_for(dept, ["html"], "code")
    edit(tmp_path / "inputs" / "districts" / "大渡口区.yaml", "    vehicle_sep: ，", "    vehicle_sep: 、")
    assert stamp_for(dept, ["html"], "code") != before


def test_phrases_command_lists_the_wording_and_its_variables(capsys):
    from generator.__main__ import main
    assert main(["phrases", "--district", "南岸区"]) == 0
    out = capsys.readouterr().out
    assert "unchanged：'与{prior_year}年保持一致'" in out and "unchanged.vehicle_purchase：'与{prior_year}年一致无变化'" in out
    assert "    {prior_year} 上年年度" in out
    assert main(["phrases", "--district", "大渡口区", "--year", "2021"]) == 0
    assert "unchanged：'同{prior_year}年'" in capsys.readouterr().out
    assert main(["phrases", "--district", "九龙坡区"]) == 1


def test_district_files_declare_their_schema_for_the_editor():
    for path in DISTRICTS.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/district.schema.json", path
        assert not prepare(path, compose=False).report.items, path


def test_summary_in_the_pdf_is_a_district_option(tmp_path):
    """The budget summary is always on the web page; in print (the PDF) only
    when the district's house style says summary_in_pdf: true."""
    from generator.writers.html import render_html
    dept = tree(tmp_path)
    v = prepare(dept, compose=False)
    doc = compose_document(v.figures)
    assert doc.summary.in_print is False and 'class="summary screen-only"' in render_html(doc)
    edit(tmp_path / "inputs" / "districts" / "大渡口区.yaml", "presentation:\n", "presentation:\n  summary_in_pdf: true\n")
    v = prepare(dept, compose=False)
    doc = compose_document(v.figures)
    assert doc.summary.in_print is True and '<section class="summary" aria-labelledby="summary-title">' in render_html(doc)
