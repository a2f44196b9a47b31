"""部门预算情况说明生成器 — budget disclosure generator.

The pipeline, one module per stage:
    load      YAML text -> plain data with source positions (loader.py)
    validate  JSON Schema + the budget's own arithmetic (schema_check.py, rules.py)
    derive    roll-ups, totals and year-over-year changes (derive.py)
    compose   narrative and tables as a format-neutral document (compose/)
    write     html, docx, pdf (writers/)
"""
