"""How wide text prints and where its lines break — estimated from the
characters, not from a font file, so it is the same on every machine: a
Chinese character is one em, a digit a little over half an em (仿宋_GB2312
and the Noto CJK fallbacks), a separator about a third.

Lines break as Word, LibreOffice and WeasyPrint break Chinese: between any
two characters, except that no line starts with a closing mark (）、，。：%).
"""
from __future__ import annotations

import unicodedata

CLOSING = "）)%％，。：:、"      # never the first character of a line


def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch.isdigit():
        return 0.56
    if ch in ",.:;'!|()[] ":
        return 0.36
    if ch == "—":
        return 1.0
    return 0.64


def text_em(text: str) -> float:
    """The widest line of the text, in em."""
    return max((sum(char_em(ch) for ch in line) for line in str(text).split("\n")), default=0.0)


def wraps(text: str) -> bool:
    """Text with Chinese characters may wrap; figures, codes and Latin stay on one line."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def lines(text: str, room_em: float) -> list[str]:
    """One paragraph (no newline) filled greedily into lines `room_em` wide;
    a closing mark that does not fit takes the character before it along to
    the next line (as CJK line breaking does), unless that would empty the line."""
    out, line = [], ""
    for ch in text:
        if line and sum(char_em(c) for c in line + ch) > room_em + 1e-9:
            if ch in CLOSING and len(line) > 1:
                out.append(line[:-1])
                line = line[-1]
            elif ch not in CLOSING:
                out.append(line)
                line = ""
        line += ch
    return out + [line]


def line_count(text: str, room_em: float) -> int:
    """Printed lines of a cell's text (its own line breaks kept)."""
    return sum(len(lines(part, room_em)) for part in str(text).split("\n"))


def orphan(text: str, room_em: float) -> bool:
    """Would one character stand alone on a line (项目名/称)?"""
    return any(len(ls) > 1 and len(ls[-1]) == 1 for ls in (lines(part, room_em) for part in text.split("\n")))
