"""Mutations of a budget YAML file for the fuzzer (tests/test_fuzz.py).

Each mutator takes a random.Random and the text and returns the mutated text
(or bytes) and a short description, so a failing mutant can be named and
rebuilt from its seed alone."""
from __future__ import annotations

import random
import re

# A value after "key: " on a block line or inside a flow mapping {k: v, ...}.
VALUE = re.compile(r"(?P<key>[\w\"']+):[ ]+(?P<value>[^,{}\[\]\n#]*[^,{}\[\]\n# ])")
NUMBER = re.compile(r"(?<=: )-?[0-9]+(?:\.[0-9]+)?(?=[,}\s]|$)", re.M)

EXTREME_NUMBERS = [
    "1e400", "-1e400", "1e-400", "9" * 400, "0." + "0" * 399 + "1", "9" * 16, "9" * 15, "999999999999999.99",
    "0", "-0", "-1", "0.001", "0.0000001", "0.00000000001", ".inf", "-.inf", "+.INF", ".nan", ".NaN", "0x10", "0o17",
    "0b101", "017", "1_000", "+5", "2.", ".5", "1.5e3", "1E3", "2147483648", "18446744073709551616", "-999999999999999",
    "1:20", "12:30:00", "0.005", "0.995", "100", "2026", "1900", "9999", "-2026",
]

SCRIPTS = [
    "مرحبا بالعالم",                          # Arabic (RTL)
    "שלום עולם",                              # Hebrew (RTL)
    "नमस्ते दुनिया",                              # Devanagari with combining marks
    "สวัสดีชาวโลก",                             # Thai
    "안녕하세요 세계",                            # Hangul
    "こんにちは、カタカナ",                       # Japanese
    "Привет, мир",                            # Cyrillic
    "Γειά σου Κόσμε",                         # Greek
    "𠀀𠀁𪚥𰻞",                                 # CJK extension B and beyond (astral)
    "👩‍👩‍👧‍👦🇨🇳🏳️‍🌈",                             # emoji ZWJ sequences and flags
    "e\u0301\u0302\u0303\u0304a\u20dd",       # stacked combining marks
    "𝐀𝐁𝐂𝟘𝟙",                                  # mathematical alphanumerics
    "ꦲꦏ꧀ꦱꦫꦗꦮ",                                  # Javanese
    "ᚠᚢᚦᚨᚱᚲ",                                  # Runic
    "\u202eevil\u202c\u2066iso\u2069",         # bidi overrides and isolates
    "Zero\u200bwidth\u200cjoin\u200d\u2060",  # zero-width characters
    "中文" * 3000,                             # a very long value
    "<b>&amp;</b>{{ 7*7 }}{% raw %}",         # markup and template syntax
    "\\ \\n \\t \\u0000",                       # backslashes (literal in plain scalars)
]

YAML_SPECIALS = ["- x", "? x", ": x", "x: y", "&a x", "*a", "!x y", "|", ">", "'", '"', "%YAML 1.1", "@x", "`x`",
                 "[", "]", "{", "}", "#", "---", "...", "x #y", "'it''s'", '"\\x00"', '"\\uD800"', '"\\U0010FFFF"']

WRONG_TYPES = ["[1, 2]", "{a: 1}", "[]", "{}", "true", "false", "null", "~", "yes", "no", "on", '"123.45"', "'0'",
               "2023-01-01", "2023-13-45", "12:30", '""', "''", "- a", "[[[]]]", "{code: [x]}"]

# Code points a clerk's paste might carry: C0/C1 controls, separators, format
# characters, private use (Wingdings bullets from Word are U+F0xx), noncharacters.
ODD_CHARS = (
    [chr(c) for c in range(0x00, 0x20) if c != 0x0A] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u2028", "\u2029", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u180e",
       "\ue000", "\uf0b7", "\uf8ff", "\U000f0000", "\U0010fffd", "\ufffe", "\uffff", "\ufffd", "\U0001fffe",
       "\u3000", "\u00a0", "\u2003", "\uff1a", "\uff0c", "\u0300"]
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick_value(rng: random.Random, text: str):
    spans = list(VALUE.finditer(text))
    return rng.choice(spans) if spans else None


def _replace_value(rng, text, new: str, what: str):
    m = _pick_value(rng, text)
    if m is None:
        return text + f"\nx: {new}\n", f"{what}: appended x: {new[:40]!r}"
    line = text.count("\n", 0, m.start()) + 1
    return (text[:m.start("value")] + new + text[m.end("value"):],
            f"{what}: line {line} {m.group('key')}: {m.group('value')[:30]!r} -> {new[:40]!r}")


def byte_flip(rng, text):
    data = bytearray(text.encode("utf-8"))
    where = []
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(data))
        bit = 1 << rng.randrange(8)
        data[i] ^= bit
        where.append(f"byte {i} ^ {bit:#04x}")
    return bytes(data), "byte flip: " + ", ".join(where)


def delete_lines(rng, text):
    lines = _lines(text)
    i, n = rng.randrange(len(lines)), rng.choice([1, 1, 1, 2, 5])
    return "\n".join(lines[:i] + lines[i + n:]), f"delete lines {i + 1}..{i + n}"


def duplicate_lines(rng, text):
    lines = _lines(text)
    i, n = rng.randrange(len(lines)), rng.choice([1, 1, 2, 3])
    return "\n".join(lines[:i + n] + lines[i:i + n] + lines[i + n:]), f"duplicate lines {i + 1}..{i + n}"


def swap_lines(rng, text):
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"swap lines {i + 1} and {j + 1}"


def shift_indent(rng, text):
    lines = _lines(text)
    i, delta = rng.randrange(len(lines)), rng.choice([-4, -2, -1, 1, 2, 4, 40])
    n = rng.choice([1, 1, 3, 10])
    for k in range(i, min(i + n, len(lines))):
        lines[k] = " " * delta + lines[k] if delta > 0 else lines[k][min(-delta, len(lines[k]) - len(lines[k].lstrip(" "))):]
    return "\n".join(lines), f"indent lines {i + 1}..{i + n} by {delta}"


def extreme_number(rng, text):
    spans = list(NUMBER.finditer(text))
    new = rng.choice(EXTREME_NUMBERS)
    if not spans:
        return _replace_value(rng, text, new, "extreme number")
    m = rng.choice(spans)
    line = text.count("\n", 0, m.start()) + 1
    return text[:m.start()] + new + text[m.end():], f"extreme number: line {line} {m.group()} -> {new[:40]}"


def script_string(rng, text):
    new = rng.choice(SCRIPTS + YAML_SPECIALS)
    if rng.random() < 0.5:
        new = '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _replace_value(rng, text, new, "script string")


def wrong_type(rng, text):
    return _replace_value(rng, text, rng.choice(WRONG_TYPES + EXTREME_NUMBERS[:5]), "wrong type")


def empty_value(rng, text):
    m = _pick_value(rng, text)
    if m is None:
        return text, "empty value: none"
    new = rng.choice(["", "", '""', "''", "~", "null", "[]", "{}", " "])
    line = text.count("\n", 0, m.start()) + 1
    start = m.start("value") - (1 if new == "" else 0)  # "key:" with nothing after
    return text[:start] + new + text[m.end("value"):], f"empty value: line {line} {m.group('key')} -> {new!r}"


def odd_char(rng, text):
    ch = rng.choice(ODD_CHARS)
    i = rng.randrange(len(text) + 1)
    line = text.count("\n", 0, i) + 1
    return text[:i] + ch + text[i:], f"insert U+{ord(ch):04X} at line {line} offset {i}"


def rename_key(rng, text):
    m = _pick_value(rng, text)
    if m is None:
        return text, "rename key: none"
    key = m.group("key")
    new = rng.choice([key + "s", key[:-1] or "x", key.upper(), key.replace("_", "-"), "中文键", "", "1", "- " + key])
    line = text.count("\n", 0, m.start()) + 1
    return text[:m.start("key")] + new + text[m.end("key"):], f"rename key: line {line} {key!r} -> {new!r}"


# Weighted: mutations that often keep the file valid reach derive, compose and the writers.
MUTATORS = [byte_flip, delete_lines, duplicate_lines, swap_lines, shift_indent, extreme_number, extreme_number,
            extreme_number, script_string, script_string, script_string, script_string, wrong_type, wrong_type,
            empty_value, odd_char, odd_char, rename_key]


def mutate(rng: random.Random, text: str) -> tuple[str | bytes, list[str]]:
    """One to three mutations; a byte flip ends the chain (the result is bytes)."""
    steps = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        result, what = rng.choice(MUTATORS)(rng, text)
        steps.append(what)
        if isinstance(result, bytes):
            return result, steps
        text = result
    return text, steps
