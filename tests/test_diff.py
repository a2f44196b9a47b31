"""make diff: last year's file or the prior_year block, unfilled values as
未填写, every error naming its file in Chinese (no OS English, no line 0)."""
import shutil
import subprocess

import pytest

from conftest import ROOT, input_path
from generator.__main__ import main
from generator.rollover import new_file


def run(capsys, *args):
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_prior_year_block_when_there_is_no_last_year_file(capsys):
    code, out, err = run(capsys, input_path("103/2026"))
    assert code == 0, err
    assert out.startswith(f"{input_path('103/2026')} 的 prior_year（2025年）→ ")
    total = next(l for l in out.splitlines() if l.strip().startswith("支出合计"))
    assert total.split() == ["支出合计", "2686.02", "→", "3037.04", "增加", "351.02"]


def test_last_year_file_and_unfilled_draft(tmp_path, capsys):
    dept = tmp_path / "103"
    dept.mkdir()
    shutil.copy(input_path("103/2026"), dept / "2026.yaml")
    draft = new_file(dept / "2026.yaml", 2027)
    code, out, err = run(capsys, draft)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"{dept / '2026.yaml'}（2026年）→ {draft}（2027年）")
    total = next(l for l in lines if l.strip().startswith("支出合计"))
    assert total.split() == ["支出合计", "3037.04", "→", "未填写"]
    blank = [l for l in lines if l.endswith("→       未填写")]
    assert f"本年还未填写的 {len(blank)} 项（上年数 → 本年）：" in out and len(blank) > 40
    assert any(l.split() == ["2010301", "行政运行", "1006.79", "→", "未填写"] for l in blank)
    assert not any("→" in l and l.split("→")[1].split()[0] == "0.00" for l in lines)
    assert "减少" not in out and "按 0 计算" not in out


@pytest.mark.parametrize("name, reason", [("nope.yaml", "文件不存在"), ("", "这是一个文件夹，不是文件")])
def test_file_errors_name_the_file_in_chinese(tmp_path, capsys, name, reason):
    target = tmp_path / name if name else tmp_path
    code, out, err = run(capsys, target)
    assert code == 1
    assert err.startswith(f"{target}: 错误: 无法读取文件：{reason}。\n")
    assert "No such" not in err and "第 0 行" not in err and ":0:" not in err and "Errno" not in err


def test_no_prior_names_the_file(capsys):
    path = ROOT / "tests" / "departments" / "902" / "2025.yaml"
    code, out, err = run(capsys, path)
    assert code == 1 and err.startswith(f"{path}: 错误: 没有上年数可比较：找不到上年文件 ")


def test_make_diff_on_the_shipped_data():
    done = subprocess.run(["make", "-s", "diff", "DEPT=103"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "inputs/103/2026.yaml 的 prior_year（2025年）→ inputs/103/2026.yaml（2026年）的变化" in done.stdout


def test_make_new_names_a_missing_file(tmp_path, capsys):
    path = tmp_path / "2026.yaml"
    assert main(["new", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: 错误: 无法读取文件：文件不存在。\n"
