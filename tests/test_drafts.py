"""Drafts are a state: a file from `make new` with values still to fill is
skipped by make build (latest complete year), make all and make site, listed
by make validate, and marked in the editor."""
import shutil

import pytest

from conftest import ROOT, input_path
from generator.__main__ import main
from generator.batch import build_all
from generator.drafts import latest_complete, unfilled_in
from generator.pipeline import prepare
from generator.rollover import new_file


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("drafts") / "inputs"
    (root / "103").mkdir(parents=True)
    shutil.copy(input_path("103/2026"), root / "103" / "2026.yaml")
    draft = new_file(root / "103" / "2026.yaml", 2027)
    return root, draft


def test_draft_counts_what_validate_lists(tree):
    root, draft = tree
    errors = prepare(draft, compose=False).report.errors
    assert unfilled_in(draft) == len(errors) == 63
    assert all("尚未填写" in d.message for d in errors)
    assert unfilled_in(root / "103" / "2026.yaml") == 0


def test_latest_complete_year_skips_the_draft(tree, capsys):
    root, draft = tree
    found, drafts = latest_complete(root / "103")
    assert found == root / "103" / "2026.yaml" and drafts == [(draft, 63)]
    assert main(["latest", str(root / "103")]) == 0
    out, err = capsys.readouterr()
    assert out == "2026\n"
    assert f"{draft} 是草稿，还有 63 个值未填写，跳过" in err and "make validate DEPT=103 YEAR=2027" in err


def test_only_drafts_is_an_error_naming_the_folder(tmp_path, capsys):
    (tmp_path / "103").mkdir()
    shutil.copy(input_path("103/2026"), tmp_path / "103" / "2026.yaml")
    new_file(tmp_path / "103" / "2026.yaml", 2027)
    (tmp_path / "103" / "2026.yaml").unlink()
    assert main(["latest", str(tmp_path / "103")]) == 1
    assert f"{tmp_path / '103'} 中没有填写完整的年度文件" in capsys.readouterr().err


def test_build_all_skips_a_draft_with_one_line(tree, tmp_path, capsys):
    import io
    root, draft = tree
    stream, drafts = io.StringIO(), []
    outcomes, skipped = build_all(root, tmp_path / "build", ["html"], jobs=1, stream=stream, drafts=drafts)
    text = stream.getvalue()
    assert drafts == [draft] and [o.ok for o in outcomes] == [True]
    assert text.count(str(draft)) == 1
    assert f"跳过草稿 {draft}：还有 63 个值未填写（运行 make validate DEPT=103 YEAR=2027 查看清单）。" in text
    assert "共 2 个文档：0 个未变化，跳过；1 个草稿未生成；1 个需要生成。" in text
    assert (tmp_path / "build" / "103" / "2026" / "103-2026.html").exists()
    assert not (tmp_path / "build" / "103" / "2027").exists()


def test_the_editor_marks_each_empty_value_as_to_fill(tree):
    from yls import Client, server
    exe = server()
    if exe is None:
        pytest.skip("yaml-language-server (npm) not installed: scripts/setup-system.sh test")
    root, draft = tree
    schema = root.parent / "schemas"
    shutil.copytree(ROOT / "schemas", schema, dirs_exist_ok=True)  # the draft's modeline: ../../schemas/
    client = Client(exe)
    try:
        client.start(root.parent)
        marks = client.open(draft)
        complete = client.open(root / "103" / "2026.yaml")
    finally:
        client.close()
    assert len(marks) == 63 and all(m["message"].startswith("待填写") for m in marks)
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert {lines[m["range"]["start"]["line"]].strip().split(":")[0] for m in marks} >= {"general_budget", "- {code"}
    assert complete == []


def test_make_site_skips_the_draft_and_exits_zero(tree, tmp_path, capsys):
    root, draft = tree
    assert main(["site", "--inputs", str(root), "--out", str(tmp_path), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count("跳过草稿") == 1 and "失败 0 个" in err
    site = tmp_path / "site"
    assert (site / "103" / "2026" / "103-2026.pdf").exists() and not (site / "103" / "2027").exists()
    assert "2027" not in (site / "index.html").read_text(encoding="utf-8")
