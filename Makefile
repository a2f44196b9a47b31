# 部门预算情况说明生成器 — see README.md.
#   make build DEPT=103 [YEAR=2023]   validate and render one document into build/<DEPT>/<YEAR>/
#   make validate [DEPT=103] [YEAR=]  check inputs
#   make preview DEPT=103 [YEAR=] [PORT=]  live preview in the browser, updated on every save
#   make test                         the whole test suite
SHELL := /bin/bash
PY    := .venv/bin/python
VENV  := .venv/.installed
DEPT  ?=
# YEAR: build takes the latest complete (not draft) year, diff the latest file
YEAR  ?=
FORMATS ?= html,docx,pdf,xlsx
VERBOSE ?=
CHECK := scripts/check-inputs.sh

.PHONY: build preview all site new diff bench bench-preview validate test setup system-deps test-deps clean help catalog phrases import

help:
	@echo "make build DEPT=103 [YEAR=2023]  生成一个部门一个年度的文档（不写 YEAR：最近一个填写完整的年度）"
	@echo "make validate [DEPT=] [YEAR=]    检查输入文件（加 VERBOSE=1 逐条列出尾差警告）"
	@echo "make preview DEPT=103 [YEAR=2026] [PORT=8000]  在浏览器中实时预览，保存即更新"
	@echo "make all                         并行生成全部部门的文档（只重新生成有变化的）"
	@echo "make site                        生成可发布的网站文件夹 build/site/"
	@echo "make new DEPT=103 YEAR=2027      由上一年文件生成新年度输入文件"
	@echo "make diff DEPT=103 [YEAR=2026]   列出与上一年（上年文件或 prior_year:）相比的变化"
	@echo "make catalog FROM=科目表.xlsx YEAR=2026  导入一年的政府收支分类科目"
	@echo "make import DEPT=103 YEAR=2027 FROM=表格.xlsx [INTO=文件]  从 Excel 工作簿导入本年数字"
	@echo "make bench                       性能测试"
	@echo "make bench-preview               实时预览的更新速度（保存到页面更新）"
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

build:
	@$(CHECK) build "$(DEPT)" "$(YEAR)" >/dev/null
	@$(MAKE) --no-print-directory setup
	@year="$(YEAR)"; if [ -z "$$year" ]; then year=$$($(PY) -m generator latest inputs/$(DEPT)) || exit 1; fi; \
	echo "$(PY) -m generator build inputs/$(DEPT)/$$year.yaml --out build/$(DEPT)/$$year --format $(FORMATS)"; \
	$(PY) -m generator build inputs/$(DEPT)/$$year.yaml --out build/$(DEPT)/$$year --format $(FORMATS) $(if $(VERBOSE),-v)

# preview: the latest file, a draft included (it is what the clerk is editing)
preview:
	@$(CHECK) preview "$(DEPT)" "$(YEAR)" >/dev/null
	@$(MAKE) --no-print-directory setup
	@year=$$($(CHECK) preview "$(DEPT)" "$(YEAR)"); \
	$(PY) -m generator preview inputs/$(DEPT)/$$year.yaml $(if $(PORT),--port $(PORT)) || [ $$? -eq 130 ]  # Ctrl-C is how a preview ends

all: setup
	$(PY) -m generator all --inputs inputs --out build --format $(FORMATS)

site: setup
	$(PY) -m generator site --inputs inputs --out build

new:
	@$(CHECK) new "$(DEPT)" "$(YEAR)" >/dev/null
	@$(MAKE) --no-print-directory $(VENV)
	$(PY) -m generator new inputs/$(DEPT)/$$(( $(YEAR) - 1 )).yaml --year $(YEAR)

diff:
	@$(CHECK) diff "$(DEPT)" "$(YEAR)" >/dev/null
	@$(MAKE) --no-print-directory $(VENV)
	@year=$$($(CHECK) diff "$(DEPT)" "$(YEAR)"); \
	echo "$(PY) -m generator diff inputs/$(DEPT)/$$year.yaml"; $(PY) -m generator diff inputs/$(DEPT)/$$year.yaml

catalog: $(VENV)
	@if [ -z "$(FROM)" ] || [ -z "$(YEAR)" ]; then echo "请指定科目表和年度：make catalog FROM=2026年政府收支分类科目.xlsx YEAR=2026" >&2; exit 2; fi
	$(PY) -m generator catalog "$(FROM)" --year $(YEAR)

import: $(VENV)
	@if [ -z "$(DEPT)" ] || [ -z "$(YEAR)" ] || [ -z "$(FROM)" ]; then echo "请指定部门、年度和工作簿：make import DEPT=103 YEAR=2027 FROM=表格.xlsx [INTO=inputs/103/2027.yaml]" >&2; exit 2; fi
	$(PY) -m generator import "$(FROM)" --dept $(DEPT) --year $(YEAR) $(if $(INTO),--into "$(INTO)")

bench: setup test-deps
	$(PY) bench/run.py

bench-preview: $(VENV) test-deps
	$(PY) bench/preview.py

# validate: every file, or one department's (all years), or one year
validate:
	@$(CHECK) validate "$(DEPT)" "$(YEAR)" >/dev/null
	@$(MAKE) --no-print-directory $(VENV)
	$(PY) -m generator validate $(if $(VERBOSE),-v) $(wildcard inputs/$(or $(DEPT),*)/$(or $(YEAR),*).yaml)

test: $(VENV) system-deps test-deps
	$(PY) -m pytest

phrases: $(VENV)
	$(PY) -m generator phrases $(if $(DISTRICT),--district $(DISTRICT)) $(if $(YEAR),--year $(YEAR))

clean:
	rm -rf build
