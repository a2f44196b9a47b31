"""The registry of output formats (the WeasyPrint model): each writer registers
a function from the composed document to bytes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Writer:
    suffix: str
    render: Callable[[object], bytes]


REGISTRY: dict[str, Writer] = {}
WEB = "web"   # the web bundle: not a format of its own, the site's files of a document


class RenderError(Exception):
    """A rendering problem the user can act on (message in Chinese)."""


def register(name: str, suffix: str):
    def deco(fn):
        REGISTRY[name] = Writer(suffix, fn)
        return fn
    return deco
