"""尾差 warnings: one line per file (count, largest difference) after the
result line, in full with -v; a clerk acknowledges a known 尾差 in the file."""
from conftest import Variant, input_path
from generator.__main__ import main
from generator.loader import load, plain
from generator.rollover import new_file

TAIL = "inputs/103/2026.yaml: 尾差 11 处（四舍五入造成，均在允许范围内），最大相差 0.02万元。"


def run(capsys, *argv):
    code = main(list(argv))
    return code, *capsys.readouterr()


def test_validate_summarises_tails_after_the_result_line(capsys):
    code, out, err = run(capsys, "validate", str(input_path("103/2026")))
    lines = err.splitlines()
    assert code == 0 and "尾差：" not in err
    assert lines[-2] == "检查了 1 个文件：0 个错误，12 个警告。"   # 11 尾差 and V20
    assert lines[-1].endswith(TAIL.split("inputs/", 1)[1] + "逐条查看：加 -v（make … VERBOSE=1）；"
                              "已核对的可登记在文件的 known_tails: 中，不再提示。")


def test_verbose_lists_every_tail(capsys):
    code, out, err = run(capsys, "validate", "-v", str(input_path("103/2026")))
    assert err.count(": 警告: 尾差：") == 11 and "尾差 11 处" not in err
    assert err.splitlines()[-1] == "检查了 1 个文件：0 个错误，12 个警告。"


def test_build_prints_the_summary_after_the_result(capsys, tmp_path):
    code, out, err = run(capsys, "build", str(input_path("103/2026")), "--out", str(tmp_path), "--format", "html")
    assert code == 0 and out.startswith("已生成 ") and "尾差：" not in err
    assert err.splitlines()[-1].endswith("尾差 11 处（四舍五入造成，均在允许范围内），最大相差 0.02万元。"
                                         "逐条查看：加 -v（make … VERBOSE=1）；已核对的可登记在文件的 known_tails: 中，不再提示。")


def acknowledged(tmp_path, diff: str) -> Variant:
    return Variant(tmp_path, "103/2026").replace(
        "prior_year:\n", f"known_tails:\n  - {{at: prior_year.subtotals.201, diff: {diff}, note: 公布的表二如此}}\nprior_year:\n")


def test_an_acknowledged_tail_stops_warning(tmp_path):
    report = acknowledged(tmp_path, "0.01").validate()
    paths = [d.path for d in report.warnings if d.tail is not None]
    assert len(paths) == 10 and "prior_year.subtotals.201" not in paths and "prior_year.subtotals.20103" in paths
    assert not report.errors and not [d for d in report.warnings if "已核对的尾差" in d.message]


def test_an_acknowledgement_that_no_longer_fits_warns(tmp_path):
    v = acknowledged(tmp_path, "0.02")
    report = v.validate()
    stale = [d for d in report.warnings if "已核对的尾差" in d.message]
    assert [d.message for d in stale] == ["已核对的尾差（prior_year.subtotals.201 相差 0.02万元）已不再出现："
                                          "数字改动后请删除此项，或按新的警告登记。"]
    assert stale[0].line == v.line_of("{at: prior_year.subtotals.201") and stale[0].path == "known_tails[0]"
    assert len([d for d in report.warnings if d.tail is not None]) == 11


def test_next_year_does_not_carry_the_acknowledgements(tmp_path):
    dept = tmp_path / "inputs" / "103"
    dept.mkdir(parents=True)
    v = acknowledged(dept, "0.01")
    target = new_file(v.write(), 2027)
    assert "known_tails" not in plain(load(target).data)
