"""The narrative as the numeric checks read it: paragraphs with their section, sentences, figures.

Shared by the checks on the narrative's own arithmetic and the cross-references to the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Paragraph, Source
from ..numbers import NUMBER_PATTERN, Number, parse_number
from ..structure import Report
from .location import NarrativePlace

N = NUMBER_PATTERN  # full-width digits and thousands separators as typed; quotes stay verbatim


class GuardedPattern:
    """A regular expression run only on text that holds one of the words every match contains.

    Python's re tries the pattern at every position, and the narrative patterns open with a lazy run of
    up to 20 characters before the figure: on the many sentences that cannot match, the search was most
    of the checks' time. The guard words must be such that no match lacks all of them.
    """

    def __init__(self, pattern: str, *guards: str) -> None:
        self.regex = re.compile(pattern)
        self.guards = guards

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for guard in self.guards:  # a loop, not any(): no generator for the many texts that hold none
            if guard in text:
                return self.regex.finditer(text)
        return iter(())


GROWTH_RE = GuardedPattern(
    r"([^，,。；;：:、\d]{0,20}?)"
    + N
    + r"万元[，,]?\s*(?:比上年|较上年|与上年相比|同比)[^，,。；;\d]{0,4}?(增加|减少|增长|下降|上升)了?\s*"
    + N
    + r"万元[，,]?\s*(?:增加|减少|增长|下降|上升|增幅|降幅)?(?:为|了)?\s*"
    + N
    + r"\s*[%％]",
    "上年",
    "同比",
)


class SectionRef(NamedTuple):
    """The section a paragraph belongs to; id empty and name 「正文」 when it belongs to none."""

    id: str
    name: str


_OUTSIDE_SECTIONS = SectionRef("", "正文")


def sentences(paragraph: Paragraph) -> list[str]:
    return [s + "。" for s in paragraph.text.split("。") if s.strip()]


def narrative_paragraphs(report: Report) -> list[tuple[SectionRef, Paragraph]]:
    """(section, paragraph) for every narrative paragraph, in order."""
    located: dict[int, SectionRef] = {}
    for section in report.sections:
        if section.scope != "main":
            continue
        for paragraph in section.paragraphs:
            located[id(paragraph)] = SectionRef(section.id, section.name)
    return [
        (located.get(id(b), _OUTSIDE_SECTIONS), b)
        for b in report.document.blocks
        if isinstance(b, Paragraph) and b.text
    ]


def sentence_place(section: SectionRef, sentence: str, paragraph: Source | None) -> NarrativePlace:
    return NarrativePlace(section_id=section.id, section_name=section.name, paragraph=paragraph, quote=sentence.strip())


def number(text: str) -> Number:
    """A figure the caller's regex has already matched as one."""
    parsed = parse_number(text)
    assert parsed is not None
    return parsed
