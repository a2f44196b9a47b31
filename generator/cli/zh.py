"""argparse in Chinese: usage, help and errors of `python -m generator` and
every subcommand; a mistyped subcommand is answered with the closest one.

argparse looks its texts up through gettext (`argparse._`, `argparse.ngettext`)
at the moment it needs them; those two names are pointed at the table below.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys

TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择“%(value)s”（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "expected one argument": "后面应有一个值",
    "expected at least one argument": "后面应至少有一个值",
    "expected at most one argument": "后面最多有一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令“%(parser_name)s”（可用：%(choices)s）",
}
TYPES = {"int": "整数", "float": "数字", "str": "文字"}


def translate(text: str) -> str:
    return TEXTS.get(text, text)


def ntranslate(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "后面应有 %s 个值"
    return translate(singular if n == 1 else plural)


argparse._ = translate
argparse.ngettext = ntranslate


ROW = re.compile(r"^( +\S(?:.*?\S)?)( {2,})(\S.*)$")


def _width(text: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def aligned(text: str) -> str:
    """argparse pads by characters; a Chinese 目录 takes two columns each.
    Re-pad the option rows of each section by display width."""
    lines = text.split("\n")
    rows = [ROW.match(line) if line.startswith("  ") else None for line in lines]
    column = max((_width(m.group(1)) for m in rows if m), default=0) + 2
    return "\n".join(f"{m.group(1)}{' ' * (column - _width(m.group(1)))}{m.group(3)}" if m else line
                     for line, m in zip(lines, rows))


class Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """ArgumentParser whose own texts are Chinese; its subparsers are too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "参数", "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", ChineseParser)
        return super().add_subparsers(**kwargs)

    def format_help(self) -> str:
        return aligned(re.sub(r"^(参数|选项):$", r"\1：", super().format_help(), flags=re.M))

    def commands(self) -> list[str]:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                return list(action.choices)
        return []

    def error(self, message: str):
        message = message.replace(", ", "、")
        for name, word in TYPES.items():
            message = message.replace(f"不是有效的{name}", f"不是有效的{word}")
        m = re.search(r"无效的选择“([^”]*)”", message)
        if m and self.commands():
            wrong, names = m.group(1), self.commands()
            close = difflib.get_close_matches(wrong, names, n=1, cutoff=0.5)
            hint = f"你是不是想输入 {close[0]}？" if close else ""
            message = f"没有“{wrong}”这个命令。{hint}可用的命令：{'、'.join(names)}。"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n运行 {self.prog} --help 查看说明。\n")
