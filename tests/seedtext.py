"""Reading the published seed documents (text extracted from PDFs, so layout
is mangled): narrative sentences with their 万元 amounts, and classification
rows of the tables."""
from __future__ import annotations

import re
from decimal import Decimal

from conftest import SEED_DIR, SEEDS, shared

AMOUNT = re.compile(r"(\d+(?:\.\d+)?)万")
TABLE_START = re.compile(r"^\s*表\s*[一1]\s*[：:]?\s*$|财政拨款收支总表", re.M)
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
MONEY = re.compile(r"^-?[\d,]+\.\d{2}$|^\d+$")


def seed_text(key: str) -> str:
    return shared(SEED_DIR / SEEDS[key]).read_text(encoding="utf-8")


def narrative(text: str) -> str:
    """The text before the first table, cut at the start of the line that
    opens it (a table title such as “2026年财政拨款收支总表” begins its line)."""
    m = TABLE_START.search(text)
    return text[: text.rfind("\n", 0, m.start()) + 1] if m else text


def sentences(text: str) -> list[str]:
    flat = re.sub(r"\s+", "", text)
    return [s for s in re.split(r"[。；;]", flat) if s]


def amounts(sentence: str) -> list[Decimal]:
    return [Decimal(a).normalize() for a in AMOUNT.findall(sentence)]


def _rows_from_lines(text: str) -> list[list[str]]:
    """Rows as token lists. Handles one-row-per-line (tabs or spaces between
    cells) and one-cell-per-line (tab-indented, rows split by blank lines)."""
    rows: list[list[str]] = []
    cell_block: list[str] = []
    for line in text.splitlines():
        if line.startswith("\t") and "\t" not in line[1:] and not re.match(r"^\t\d{3,7}\t", line):
            cell_block.append(line.strip())
            continue
        if cell_block:
            rows.append([c for c in cell_block if c])
            cell_block = []
        rows.append([t for t in re.split(r"\t+|\s{1,}", line.strip()) if t])
    if cell_block:
        rows.append([c for c in cell_block if c])
    return rows


def classification_rows(key: str) -> list[tuple[str, str, list[Decimal]]]:
    text = seed_text(key)
    m = TABLE_START.search(text)
    out = []
    for tokens in _rows_from_lines(text[m.start():] if m else text):
        if len(tokens) >= 2 and CODE.match(tokens[0]) and not MONEY.match(tokens[1]):
            rest = tokens[2:]
            if not rest or not all(MONEY.match(t) for t in rest):
                continue
            out.append((tokens[0], tokens[1], sorted(Decimal(t.replace(",", "")) for t in rest)))
    return out
