"""命令行 — the command line: python -m generator <命令>. Each command is a
small function (documents.py, tables.py, yearly.py); the parser and its
Chinese texts (zh.py) are here."""
from __future__ import annotations

import argparse
import sys

from .documents import cmd_all, cmd_audit, cmd_build, cmd_preview, cmd_site, cmd_validate
from .tables import cmd_catalog, cmd_import, cmd_phrases
from .yearly import cmd_diff, cmd_latest, cmd_new


def parser() -> argparse.ArgumentParser:
    from .zh import ChineseParser
    p = ChineseParser(prog="python -m generator",
                                description="部门预算情况说明生成器：检查 YAML 输入文件，生成 HTML、DOCX、PDF。"
                                            " (Budget disclosure generator.)")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")
    v = sub.add_parser("validate", help="检查输入文件（格式、勾稽关系、科目、说明文字） / validate input files",
                       description="检查输入文件，列出全部错误和警告。有错误时退出码为 1。")
    v.add_argument("files", nargs="+", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    v.add_argument("-v", "--verbose", action="store_true", help="逐条列出尾差警告（默认每个文件汇总为一行）")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="先检查，再生成文档 / validate, then render",
                       description="先检查输入文件；没有错误时在 --out 目录中生成文档。")
    b.add_argument("files", nargs="+", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    b.add_argument("--out", required=True, metavar="目录", help="输出目录，如 build/103/2023")
    b.add_argument("--format", default="html,docx,pdf,xlsx", metavar="格式",
                   help="逗号分隔：html,docx,pdf,xlsx（默认全部）")
    b.add_argument("-v", "--verbose", action="store_true", help="逐条列出尾差警告（默认每个文件汇总为一行）")
    b.set_defaults(func=cmd_build)
    au = sub.add_parser("audit", help="审核生成的文档是否自洽（表内、表间、说明与表格） / audit the composed document",
                        description="按审核规则（README“审核规则”）检查生成的文档：各表横向、纵向相加，各表共有的合计相符，"
                                    "说明文字中的金额与表格相符。发现问题时退出码为 1（这是程序缺陷，不是输入错误）。")
    au.add_argument("files", nargs="+", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    au.set_defaults(func=cmd_audit)
    cat = sub.add_parser("catalog", help="导入一年的政府收支分类科目（xlsx 或 csv） / load a catalog edition",
                         description="从财政部（或省财政厅）公布的政府收支分类科目表（.xlsx 或 .csv，有“科目编码”“科目名称”列，"
                                     "或“类”“款”“项”“科目名称”列）导入一个年度的科目，写入 schemas/catalog/<年度>.yaml；"
                                     "该年度及以后年度的文件按它核对科目名称。")
    cat.add_argument("file", metavar="文件", help="科目表 .xlsx 或 .csv")
    cat.add_argument("--year", type=int, required=True, metavar="年度", help="科目表的年度，如 2026")
    cat.add_argument("--kind", choices=["function", "economic"], default=None,
                     help="function（支出功能分类）或 economic（部门预算支出经济分类）；不写时按表头判断")
    cat.set_defaults(func=cmd_catalog)
    im = sub.add_parser("import", help="从 Excel 工作簿导入本年数字 / import figures from a workbook",
                        description="按表名和行、列标签（templates/import/ 中的导入版式）在工作簿中找到标准表格，读取本年数字："
                                    "生成 inputs/<部门>/<年度>.yaml（说明文字取自上一年文件，不覆盖已有文件），"
                                    "或用 --into 把数字填入已有文件（保留其中的说明、原因、注释和顺序）。结果经过检查才写入。")
    im.add_argument("book", metavar="工作簿", help="含标准表格的 .xlsx")
    im.add_argument("--dept", required=True, metavar="部门", help="部门编码，如 103")
    im.add_argument("--year", type=int, required=True, metavar="年度", help="预算年度，如 2027")
    im.add_argument("--into", metavar="文件", help="把数字填入这个已有的输入文件")
    im.add_argument("--inputs", default="inputs", metavar="目录", help="输入目录（默认 inputs）")
    im.add_argument("--profile", metavar="版式", help="导入版式名（templates/import/<版式>.yaml；默认逐个尝试）")
    im.set_defaults(func=cmd_import)
    a = sub.add_parser("all", help="并行生成全部部门的文档，只重新生成有变化的 / build every input, incrementally",
                       description="生成 inputs/ 下所有部门所有年度的文档。输入、上年输入、模板或程序没有变化的文档不重新生成；"
                                   "一个文档失败不影响其他文档，最后列出失败的文档。")
    a.add_argument("--inputs", default="inputs", metavar="目录", help="输入目录（默认 inputs）")
    a.add_argument("--out", default="build", metavar="目录", help="输出目录（默认 build）")
    a.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认为 CPU 核数）")
    a.add_argument("--format", default="html,docx,pdf,xlsx", metavar="格式", help="逗号分隔：html,docx,pdf,xlsx（默认全部）")
    a.set_defaults(func=cmd_all)
    s = sub.add_parser("site", help="生成可发布的网站文件夹 build/site / the folder to publish",
                       description="先生成全部文档（同 all），再写出 build/site/：目录页、各文档网页、Word、PDF、Excel 工作簿和表格数据（CSV、JSON）。")
    s.add_argument("--inputs", default="inputs", metavar="目录", help="输入目录（默认 inputs）")
    s.add_argument("--out", default="build", metavar="目录", help="输出目录（默认 build）")
    s.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认为 CPU 核数）")
    s.set_defaults(func=cmd_site)
    n = sub.add_parser("new", help="由本年文件生成下一年的输入文件 / next year's file from this year's",
                       description="复制说明文字，数字和原因留空待填；上年数自动取自本年文件。不会覆盖已有文件。")
    n.add_argument("file", metavar="文件", help="本年的输入文件，如 inputs/103/2026.yaml")
    n.add_argument("--year", type=int, default=None, metavar="年度", help="新年度（默认为下一年）")
    n.set_defaults(func=cmd_new)
    d = sub.add_parser("diff", help="列出两个年度之间的变化 / what changed between two years",
                       description="按变动金额从大到小列出两个文件之间的变化，并标出还没有填写原因的变化。")
    d.add_argument("files", nargs="+", metavar="文件",
                   help="本年文件（上年数取自同一文件夹中的上年文件，没有时取自 prior_year:），或：上年文件 本年文件")
    d.set_defaults(func=cmd_diff)
    lt = sub.add_parser("latest", help="最近一个填写完整（不是草稿）的年度 / latest complete year",
                        description="输出部门文件夹中最近一个填写完整的年度；跳过的草稿（有未填写的值）逐个列出。供 make build 使用。")
    lt.add_argument("folder", metavar="部门文件夹", help="如 inputs/103")
    lt.set_defaults(func=cmd_latest)
    ph = sub.add_parser("phrases", help="列出说明文字的全部用语（短语）及可用的变量 / list the phrases",
                        description="列出每个短语的写法、说明和可用的 {变量}；指定 --district 时列出该区版式文件中的写法。")
    ph.add_argument("--district", metavar="区", help="如 大渡口区：显示该区的写法")
    ph.add_argument("--year", type=int, metavar="年度", help="与 --district 同用：含该区该年度的改动")
    ph.set_defaults(func=cmd_phrases)
    pv = sub.add_parser("preview", help="在浏览器中实时预览文档，保存即更新 / live preview in the browser",
                        description="在本机 127.0.0.1 上启动预览：打开显示的地址即可看到文档；每次保存输入文件（或上年文件、"
                                    "本区版式文件、模板）后自动重新检查并更新页面，错误显示在页面顶部。按 Ctrl-C 停止。")
    pv.add_argument("file", metavar="文件", help="inputs/<部门>/<年度>.yaml")
    pv.add_argument("--port", type=int, default=None, metavar="端口", help="端口号（默认自动选择空闲端口）")
    pv.set_defaults(func=cmd_preview)
    return p


def main(argv=None) -> int:
    from .. import interrupt
    args = parser().parse_args(argv)
    try:
        with interrupt.signals_raise():
            return args.func(args)
    except interrupt.Interrupted as stop:  # Ctrl-C / SIGTERM: what was half made is gone; say so once
        interrupt.ignore()
        print(stop.message, file=sys.stderr)
        return stop.exit_status
    except BrokenPipeError:  # `| head`: the reader has gone; nothing more to say
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(interrupt.MESSAGES[interrupt.signal.SIGINT], file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so without a traceback
        print(f"内部错误（程序缺陷，请联系开发人员）：{exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2
