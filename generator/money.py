"""Exact money: Decimal in, Decimal out; rounding only when formatting."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
CENT = Decimal("0.01")
TEN_THOUSAND = Decimal("10000")
# Amounts must be exact to the 分: two decimals in 元, six in 万元.
MAX_PLACES = {"元": 2, "万元": 6}


def dec(value) -> Decimal:
    if value is None:
        return ZERO
    if isinstance(value, float):  # never: floats are refused at the door
        raise TypeError("float amounts are not allowed")
    return value if isinstance(value, Decimal) else Decimal(value)


def places(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def to_wan(amount: Decimal, unit: str) -> Decimal:
    """An amount in the file's unit, expressed exactly in 万元."""
    return amount / TEN_THOUSAND if unit == "元" else amount


def convert(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    if from_unit == to_unit:
        return amount
    return amount / TEN_THOUSAND if to_unit == "万元" else amount * TEN_THOUSAND


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def tolerance(unit: str, figures: int) -> Decimal:
    """Rounding tail (尾差) allowed when comparing a typed total with a sum of
    `figures` typed amounts: half a display unit per figure, but only where the
    typed amounts are themselves rounded (万元 to two places). 元 amounts are
    exact, so they must agree exactly."""
    return Decimal("0.005") * figures if unit == "万元" else ZERO


def fmt_table(value: Decimal | None, blank_zero: bool = True) -> str:
    """1,398.18 — tables: thousands separators, two decimals, zero left blank."""
    if value is None or (blank_zero and value == 0):
        return ""
    return f"{round2(value):,.2f}"


ZERO_TEXT = {"blank": "", "zero": "0", "zero_cents": "0.00", "dash": "—"}  # presentation.zero_figure


def fmt_figure(value: Decimal | None, zero: str = "") -> str:
    """A table figure: 1,398.18; a zero as the house style prints it (`zero`,
    see ZERO_TEXT); no figure at all (None) is an empty cell."""
    if value is None:
        return ""
    return zero if value == 0 else fmt_table(value)


def fmt_plain(value: Decimal, trim: bool = True) -> str:
    """1398.18 / 68.2 / 25 — narrative numbers, no separators."""
    text = f"{round2(value):.2f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
