"""Text for display: the one place a report's words are cut for people to read, and how wide text shows.

The data (JSON, evidence, typed locations) keeps every quote whole; only what is shown is shortened, on
a boundary a reader will not misread: never inside a figure (「9,292.74」「83.34%」「９，２９２．７４」),
never between a character and its combining marks, variation selector, joiner or surrogate half, and
always with 「…」 where something was left out.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
# A figure as written, with its separators and percent sign, ASCII or full-width (\d is any digit).
_FIGURE_RE = re.compile(r"[-−+]?\d+(?:[,，.．]\d+)*\s?[%％‰]?")
_JOINERS = {"\u200d", "\u034f"}  # zero-width joiner, combining grapheme joiner


def _attached(char: str) -> bool:
    """A character that belongs to the one before it: a combining mark, a variation selector, a joiner,
    the low half of a surrogate pair, an emoji skin-tone modifier."""
    code = ord(char)
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char) in {"Mn", "Me", "Mc"}
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xDC00 <= code <= 0xDFFF
        or char in _JOINERS
    )


def _safe_cuts(text: str) -> list[bool]:
    """For each position 0..len(text): may the text be cut there?"""
    safe = [True] * (len(text) + 1)
    for match in _FIGURE_RE.finditer(text):
        for inside in range(match.start() + 1, match.end()):
            safe[inside] = False
    for at in range(1, len(text)):
        if _attached(text[at]) or text[at - 1] in _JOINERS:
            safe[at] = False
    return safe


def shorten(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else its longest head on a safe boundary plus 「…」.

    When the first figure or character sequence alone is longer than `limit`, it is kept whole.
    """
    if len(text) <= limit:
        return text
    safe = _safe_cuts(text)
    cut = next((at for at in range(limit, 0, -1) if safe[at]), None)
    if cut is None:  # the very first figure or sequence is longer than the limit: keep it whole
        cut = next(at for at in range(limit + 1, len(text) + 1) if safe[at])
    head = text[:cut].rstrip()
    return text if head == text else head + ELLIPSIS


def display_width(text: str) -> int:
    """How many columns (terminal) or digit widths (spreadsheet) a text takes: wide and full-width (CJK)
    characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
