# 部门预算情况说明生成器 — see README.md.
#   make build DEPT=103 [YEAR=2023]   validate and render one document into build/<DEPT>/<YEAR>/
#   make validate [DEPT=103] [YEAR=]  check inputs
#   make test                         the whole test suite
SHELL := /bin/bash
PY    := .venv/bin/python
VENV  := .venv/.installed
DEPT  ?=
# YEAR defaults to the latest year present for DEPT
YEAR  ?= $(if $(DEPT),$(shell ls inputs/$(DEPT)/ 2>/dev/null | sed -n 's/^\([0-9]\{4\}\)\.yaml$$/\1/p' | sort -n | tail -1))
FORMATS ?= html,docx,pdf,xlsx

.PHONY: build all site new diff bench validate test setup system-deps test-deps clean help catalog phrases import

help:
	@echo "make build DEPT=103 [YEAR=2023]  生成一个部门一个年度的文档"
	@echo "make validate [DEPT=] [YEAR=]    检查输入文件"
	@echo "make all                         并行生成全部部门的文档（只重新生成有变化的）"
	@echo "make site                        生成可发布的网站文件夹 build/site/"
	@echo "make new DEPT=103 YEAR=2027      由上一年文件生成新年度输入文件"
	@echo "make diff DEPT=103 [YEAR=2026]   列出与上一年相比的变化"
	@echo "make catalog FROM=科目表.xlsx YEAR=2026  导入一年的政府收支分类科目"
	@echo "make import DEPT=103 YEAR=2027 FROM=表格.xlsx [INTO=文件]  从 Excel 工作簿导入本年数字"
	@echo "make bench                       性能测试"
	@echo "make phrases [DISTRICT=大渡口区]   列出说明文字的用语（短语）和可用的变量"
	@echo "make test                        运行全部测试"

$(VENV): pyproject.toml requirements.lock
	@test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	@touch $@

system-deps:
	@scripts/setup-system.sh build

test-deps:
	@scripts/setup-system.sh test

setup: $(VENV) system-deps

build: setup
	@if [ -z "$(DEPT)" ]; then echo "请指定部门：make build DEPT=103 [YEAR=2023]" >&2; exit 2; fi
	@if [ ! -f inputs/$(DEPT)/$(YEAR).yaml ]; then echo "找不到输入文件 inputs/$(DEPT)/$(YEAR).yaml" >&2; exit 2; fi
	$(PY) -m generator build inputs/$(DEPT)/$(YEAR).yaml --out build/$(DEPT)/$(YEAR) --format $(FORMATS)

all: setup
	$(PY) -m generator all --inputs inputs --out build --format $(FORMATS)

site: setup
	$(PY) -m generator site --inputs inputs --out build

new: $(VENV)
	@if [ -z "$(DEPT)" ] || [ -z "$(YEAR)" ]; then echo "请指定部门和新年度：make new DEPT=103 YEAR=2027" >&2; exit 2; fi
	$(PY) -m generator new inputs/$(DEPT)/$$(( $(YEAR) - 1 )).yaml --year $(YEAR)

diff: $(VENV)
	@if [ -z "$(DEPT)" ]; then echo "请指定部门：make diff DEPT=103 [YEAR=2026]" >&2; exit 2; fi
	$(PY) -m generator diff inputs/$(DEPT)/$$(( $(YEAR) - 1 )).yaml inputs/$(DEPT)/$(YEAR).yaml

catalog: $(VENV)
	@if [ -z "$(FROM)" ] || [ -z "$(YEAR)" ]; then echo "请指定科目表和年度：make catalog FROM=2026年政府收支分类科目.xlsx YEAR=2026" >&2; exit 2; fi
	$(PY) -m generator catalog "$(FROM)" --year $(YEAR)

import: $(VENV)
	@if [ -z "$(DEPT)" ] || [ -z "$(YEAR)" ] || [ -z "$(FROM)" ]; then echo "请指定部门、年度和工作簿：make import DEPT=103 YEAR=2027 FROM=表格.xlsx [INTO=inputs/103/2027.yaml]" >&2; exit 2; fi
	$(PY) -m generator import "$(FROM)" --dept $(DEPT) --year $(YEAR) $(if $(INTO),--into "$(INTO)")

bench: setup test-deps
	$(PY) bench/run.py

# validate: every file, or one department's (all years), or one year given on the command line
VYEAR = $(if $(filter command line,$(origin YEAR)),$(YEAR),*)
validate: $(VENV)
	$(PY) -m generator validate $(or $(wildcard inputs/$(or $(DEPT),*)/$(VYEAR).yaml),inputs/$(DEPT)/$(VYEAR).yaml)

test: $(VENV) system-deps test-deps
	$(PY) -m pytest

phrases: $(VENV)
	$(PY) -m generator phrases $(if $(DISTRICT),--district $(DISTRICT)) $(if $(YEAR),--year $(YEAR))

clean:
	rm -rf build
