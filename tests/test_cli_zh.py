"""The command line speaks Chinese: argparse's usage, help and errors, the
closest command for a typo, and make's checks of DEPT/YEAR before Python."""
import subprocess

import pytest

from conftest import ROOT
from generator.__main__ import main, parser

ENGLISH = ("usage:", "error:", "positional arguments", "options:", "show this help", "invalid choice",
           "the following arguments", "unrecognized", "expected one argument", "invalid int value")


def fails(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert not any(word in err for word in ENGLISH), err
    return err


@pytest.mark.parametrize("command", [None, *parser().commands()])
def test_help_of_every_command_is_chinese(capsys, command):
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"] if command else ["--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    assert out.startswith("用法：python -m generator") and "选项：\n  -h, --help" in out and "显示本帮助并退出" in out
    assert not any(word in out for word in ENGLISH), out


def test_mistyped_command_gets_the_closest(capsys):
    err = fails(capsys, "biuld", "inputs/103/2026.yaml")
    assert "python -m generator：错误：没有“biuld”这个命令。你是不是想输入 build？" in err
    assert "可用的命令：validate、build、" in err
    assert "你是不是" not in fails(capsys, "zzzzzz")


def test_argument_errors_are_chinese(capsys):
    assert "python -m generator build：错误：缺少参数：文件、--out" in fails(capsys, "build")
    assert "参数 --year：“abc”不是有效的整数" in fails(capsys, "new", "x.yaml", "--year", "abc")
    assert "无法识别的参数：--bogus" in fails(capsys, "validate", "x.yaml", "--bogus")
    assert "参数 --out：后面应有一个值" in fails(capsys, "build", "x.yaml", "--out")


def check(*args):
    return subprocess.run([str(ROOT / "scripts" / "check-inputs.sh"), *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("args, message", [
    (("build", ""), "请指定部门：make build DEPT=103 [YEAR=2026]。现有部门：103、134、236。"),
    (("build", "999"), "找不到部门 999（没有文件夹 inputs/999/）。现有部门：103、134、236。"),
    (("validate", "999"), "找不到部门 999（没有文件夹 inputs/999/）。现有部门：103、134、236。"),
    (("build", "103", "2025"), "找不到 inputs/103/2025.yaml。部门 103 现有年度：2021、2023、2026。"),
    (("build", "103", "20x6"), "年度应为四位数字，如 YEAR=2026（收到“20x6”）。部门 103 现有年度：2021、2023、2026。"),
    (("new", "999", "2027"), "找不到部门 999（没有文件夹 inputs/999/）。现有部门：103、134、236。"),
    (("new", "103", ""), "请指定新年度：make new DEPT=103 YEAR=2027。部门 103 现有年度：2021、2023、2026。"),
    (("new", "103", "2026"), "inputs/103/2026.yaml 已存在，不会覆盖。"),
    (("new", "103", "2025"), "无法生成 2025 年：需要上一年的文件 inputs/103/2024.yaml，但它不存在。"),
])
def test_make_checks_dept_and_year_and_says_what_exists(args, message):
    done = check(*args)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_make_passes_what_exists():
    assert check("diff", "103").stdout == "2026\n"
    assert check("build", "103").returncode == 0 and check("validate", "").returncode == 0


def test_make_build_unknown_department_before_python():
    done = subprocess.run(["make", "-s", "build", "DEPT=999"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "找不到部门 999" in done.stderr and "inputs/999/.yaml" not in done.stderr
