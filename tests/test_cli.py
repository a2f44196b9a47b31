"""The command line a clerk runs: messages, exit codes, never a traceback."""
import subprocess
import sys

from conftest import ROOT, input_path


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_validate_all_seeds_exit_zero():
    files = sorted(str(p) for p in (ROOT / "inputs").glob("*/*.yaml"))
    r = run("validate", *files)
    assert r.returncode == 0, r.stderr
    assert f"检查了 {len(files)} 个文件：0 个错误" in r.stderr


def test_bad_file_gets_file_line_col_and_source_line(tmp_path):
    text = input_path("103/2023").read_text(encoding="utf-8").replace("basic: 703.03}", "basic: 713.03}")
    bad = tmp_path / "2023.yaml"
    bad.write_text(text, encoding="utf-8")
    r = run("validate", str(bad))
    assert r.returncode == 1
    line = next(no for no, l in enumerate(text.splitlines(), 1) if l.startswith("  expenditure: 1398.18"))
    assert f"{bad}:{line}:16: 错误: 支出合计为 1398.18万元" in r.stderr
    assert "\n      expenditure: 1398.18" in r.stderr  # the offending line follows
    assert "Traceback" not in r.stderr


def test_garbage_file_no_traceback(tmp_path):
    bad = tmp_path / "2023.yaml"
    bad.write_bytes(b"\x00\x01binary\xff")
    r = run("validate", str(bad))
    assert r.returncode == 1 and "Traceback" not in r.stderr and "错误" in r.stderr


def test_missing_file(tmp_path):
    r = run("validate", str(tmp_path / "nope.yaml"))
    assert r.returncode == 1 and "无法读取文件" in r.stderr and "Traceback" not in r.stderr


def test_build_refuses_invalid_input_and_writes_nothing(tmp_path):
    text = input_path("103/2023").read_text(encoding="utf-8").replace("basic: 703.03}", "basic: 713.03}")
    bad = tmp_path / "2023.yaml"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = run("build", str(bad), "--out", str(out), "--format", "html")
    assert r.returncode == 1 and "未生成" in r.stderr
    assert not out.exists()


def test_help_is_chinese():
    r = run("build", "--help")
    assert r.returncode == 0 and "输出目录" in r.stdout
