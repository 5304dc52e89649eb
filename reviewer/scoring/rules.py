"""The offline `rules` extractor: lexicons per dimension, cause and vagueness markers, jieba for matching."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache
from typing import Any

from ..model import Paragraph
from ..numbers import find_numbers
from ..rubric import Lexicon, load_lexicon
from ..structure import Report, load_section_catalogue, strip_numbering
from .facts import MeasureFact, NarrativeFacts, ProblemFact

_TITLE_MAX = 32


def narrative_units(paragraphs: list[Paragraph]) -> list[str]:
    """Split a section into its items: a short numbered title joins the paragraph under it."""
    units: list[list[str]] = []
    open_title = False
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        body = strip_numbering(text)
        is_title = (paragraph.numbered or body != text) and len(body) <= _TITLE_MAX and not text.endswith("。")
        if is_title:
            units.append([text])
            open_title = True
        elif open_title and units:
            units[-1].append(text)
            open_title = False
        else:
            units.append([text])
            open_title = False
    return [part for u in units for part in _split_enumeration("\n".join(u))]


_ORDINALS = "一二三四五六七八九十"


def _split_enumeration(text: str) -> list[str]:
    """「一是…；二是…；三是…」 in one paragraph is several items."""
    cuts = []
    search_from = 0
    for ordinal in _ORDINALS:
        at = text.find(f"{ordinal}是", search_from)
        if at < 0:
            break
        cuts.append(at)
        search_from = at + 2
    if len(cuts) < 2:
        return [text]
    cuts[0] = 0  # an introduction before 「一是」 stays with the first item
    return [text[a:b].strip("；;，, \n") for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def states_a_problem(text: str, lexicon: Lexicon) -> bool:
    """Filler (「我局高度重视…取得了较好成效」) states no shortcoming and is not a problem."""
    return any(m in text for m in lexicon.problem_markers)


# ----------------------------------------------------------------------- text addressed to the scorer

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;\n]+|$)")
_NEGATION_WINDOW = 6


def normalise_for_address(text: str) -> str:
    """NFKC (full-width letters, compatibility forms), zero-width characters removed, lines joined, lower case."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = re.sub(r"\s*\n\s*", "", text)
    return re.sub(r"[ \t]+", " ", text).lower()


def addressed_to_scorer(sentence: str, lexicon: Lexicon) -> bool:
    """Whether a sentence asks the scorer for something: to ignore the rubric, or a score for this report."""
    words = lexicon.scorer_address
    text = normalise_for_address(sentence)
    squeezed = text.replace(" ", "")
    for verb in words.ignore_verbs:
        at = squeezed.find(verb.replace(" ", ""))
        if at >= 0 and any(rule.replace(" ", "") in squeezed[at:] for rule in words.rules):
            return True
    for ask in words.score_asks:
        for at in _find_all(text, ask):
            before = text[:at]
            negated = any(n in before[-_NEGATION_WINDOW:] for n in words.negations)
            asked = any(r in before for r in words.requests) or any(a in text for a in words.addressees)
            aimed = any(t in text for t in words.targets) or any(a in text for a in words.addressees)
            if asked and aimed and not negated:
                return True
    return False


def _find_all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _sentences_kept(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def is_injection(text: str, lexicon: Lexicon) -> bool:
    """Whether the text is addressed to the scorer through and through (every sentence of it)."""
    sentences = [s for s in _sentences_kept(text) if s.strip(" \n。；;")]
    return bool(sentences) and all(addressed_to_scorer(s, lexicon) for s in sentences)


def without_scorer_address(units: list[str], lexicon: Lexicon) -> list[str]:
    """The units with every sentence addressed to the scorer removed (a unit left empty is dropped).

    Sentences end at a full stop or a line break; two pieces split by a line break (inside one unit or
    across two) are also judged joined, so a phrase broken over lines is still seen whole. Units with
    nothing addressed to the scorer are returned as they are, so evidence stays verbatim.
    """
    pieces = [(n, piece) for n, unit in enumerate(units) for piece in _SENTENCE.findall(unit) if piece]
    drop = [addressed_to_scorer(piece, lexicon) for _, piece in pieces]
    for k in range(len(pieces) - 1):
        first, second = pieces[k][1], pieces[k + 1][1]
        if not re.search(r"[。！？!?；;]\s*$", first) and addressed_to_scorer(first + second, lexicon):
            drop[k] = drop[k + 1] = True
    kept = []
    for n, unit in enumerate(units):
        flags = [f for (m, _), f in zip(pieces, drop, strict=True) if m == n]
        if not any(flags):
            kept.append(unit)
            continue
        rest = "".join(piece for (m, piece), f in zip(pieces, drop, strict=True) if m == n and not f).strip()
        if rest:
            kept.append(rest)
    return kept


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[，,；;。！!？?\n]", strip_numbering(text)) if c.strip()]


def _dimensions(text: str, lexicon: Lexicon) -> list[str]:
    """A dimension counts when its words appear in the item's title, or twice over in its body."""
    lines = text.split("\n", 1)
    title, body = (lines[0], lines[1]) if len(lines) == 2 else ("", text)
    found = []
    for dimension, words in lexicon.dimensions.items():
        in_title = any(w in title for w in words)
        in_body = len({w for w in words if w in body})
        if in_title or in_body >= 2 or (not title and in_body >= 1):
            found.append(dimension)
    return found


def _funding_only(text: str, lexicon: Lexicon) -> bool:
    clauses = _clauses(text)
    funding = [c for c in clauses if any(w in c for w in lexicon.funding_shortage)]
    if not funding:
        return False
    rest = [c for c in clauses if c not in funding]
    # What remains beside the shortage is only its consequence (「工作推动存在困难」「工作开展受到制约」):
    # short, with no figure and no other dimension's vocabulary.
    other_words = [w for d, words in lexicon.dimensions.items() if d != "fund_management" for w in words]
    return all(
        len(c) <= 12
        and not find_numbers(c)
        and (any(m in c for m in lexicon.consequence_markers) or not any(w in c for w in other_words if len(w) > 2))
        for c in rest
    )


def _money_only(text: str, lexicon: Lexicon) -> bool:
    clauses = [c for c in _clauses(text) if len(c.strip()) > 2]
    return bool(clauses) and all(any(w in c for w in lexicon.more_money) for c in clauses)


def _sentences(text: str) -> list[str]:
    """Sentences that stand verbatim in the report: split at 。；; and never across paragraphs."""
    return [s.strip() for s in re.split(r"(?<=[。；;])|\n", text) if s and s.strip()]


def _sentences_with(text: str, words: list[str]) -> list[str]:
    return [s for s in _sentences(text) if any(w in s for w in words)]


def _cause(text: str, lexicon: Lexicon) -> str | None:
    hits = _sentences_with(text, lexicon.cause_markers)
    return hits[0] if hits else None


def _specifics(text: str) -> list[str]:
    return [s for s in _sentences(text) if find_numbers(strip_numbering(s))]


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _content_words(text: str, lexicon: Lexicon) -> set[str]:
    words = _jieba().lcut(strip_numbering(text))
    stop = set(lexicon.stopwords)
    return {w for w in words if len(w) >= 2 and w not in stop and not re.fullmatch(r"[\d.%％]+", w)}


def _answers(measure: str, problems: list[str], lexicon: Lexicon) -> list[int]:
    measure_words = _content_words(measure, lexicon)
    measure_dims = set(_dimensions(measure, lexicon)) | set(_loose_dimensions(measure, lexicon))
    answered = []
    for index, problem in enumerate(problems):
        problem_words = _content_words(problem, lexicon)
        shared = measure_words & problem_words
        dims = measure_dims & (set(_dimensions(problem, lexicon)) | set(_loose_dimensions(problem, lexicon)))
        if len(shared) >= 2 or (shared and dims):
            answered.append(index)
    return answered


def _loose_dimensions(text: str, lexicon: Lexicon) -> list[str]:
    return [d for d, words in lexicon.dimensions.items() if any(w in text for w in words)]


def _first_sentence(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= 80 else first[:80]


def extract_rules(report: Report) -> NarrativeFacts:
    lexicon = load_lexicon()
    problems_section = report.section("problems")
    measures_section = report.section("measures")
    problem_paragraphs = problems_section.paragraphs if problems_section else []
    measure_paragraphs = measures_section.paragraphs if measures_section else []
    problem_units = [
        u
        for u in without_scorer_address(narrative_units(problem_paragraphs), lexicon)
        if not _is_none(u) and states_a_problem(u, lexicon)
    ]
    measure_units = [u for u in without_scorer_address(narrative_units(measure_paragraphs), lexicon) if not _is_none(u)]
    shared_cause = _shared_cause(problem_units, lexicon)
    problem_units = [u for u in problem_units if u != shared_cause]
    problems = [
        ProblemFact(
            quote=_first_sentence(unit),
            text=unit,
            dimensions=[] if _funding_only(unit, lexicon) else _dimensions(unit, lexicon),
            cause=_cause(unit, lexicon) or (_cause(shared_cause, lexicon) if shared_cause else None),
            specifics=_specifics(unit),
            funding_only=_funding_only(unit, lexicon),
        )
        for unit in problem_units
    ]
    measures = [
        MeasureFact(
            quote=_first_sentence(unit),
            text=unit,
            answers=_answers(unit, problem_units, lexicon),
            concrete=any(m in unit for m in lexicon.concrete_markers) or bool(find_numbers(strip_numbering(unit))),
            money_only=_money_only(unit, lexicon),
        )
        for unit in measure_units
    ]
    return NarrativeFacts(problems=problems, measures=measures)


_SHARED_CAUSE_RE = re.compile(r"^(原因分析|主要原因|原因|问题原因|产生原因)[:：]|^(以上|上述)问题")


def _shared_cause(units: list[str], lexicon: Lexicon) -> str | None:
    """A paragraph that analyses the causes of all the problems above it (「原因分析：以上问题主要是由于…」)."""
    for unit in units[1:]:
        if _SHARED_CAUSE_RE.match(strip_numbering(unit)) and _cause(unit, lexicon):
            return unit
    return None


def _is_none(text: str) -> bool:
    """「无」 as a problem or a measure: the same words that leave a section empty."""
    return strip_numbering(text).strip("。. ") in load_section_catalogue().empty_answer_set
