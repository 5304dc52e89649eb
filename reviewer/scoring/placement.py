"""A placement learned from the blind readers (convention learned_placement).

The hand bands place a section by conditions over the extractor's facts; fresh writers showed that those conditions,
tuned on the dev split, carry over less well than a placement learned from the blind readers' own scores
(docs/narrative-calibration.md, 「Session 8」, 「Session 9」). The model is packaged data with its source: an
ensemble of regression trees over the facts below (for 反映问题情况, since session 15, the mean of a random forest and
gradient-boosted trees, packaged as one weighted sum of trees; a random forest for 建议情况), trained by
`evals/forest_experiment.py --export` on the mean of the blind readers of every dev case, and evaluated here in pure
Python (no learning library at run time). Deterministic: the same facts give the same points on every machine.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..numbers import find_numbers
from ..rubric import Lexicon, Placement, load_lexicon
from ..structure.sections import heading_level
from .facts import NarrativeFacts


def placement_features(facts: NarrativeFacts) -> dict[str, float]:
    """The extractor's facts as numbers: counts and shares of problems, dimensions, causes, data, measures, answers,
    concrete measures, slogans, money and lengths."""
    counted = [p for p in facts.problems if not p.funding_only]
    replies = [m for m in facts.measures if not m.money_only and not m.off_topic and m.repeats is None]
    owed = {i for i, p in enumerate(facts.problems) if not p.funding_only}
    n, m = max(1, len(counted)), max(1, len(replies))
    return {
        "problems": len(facts.problems),
        "counted": len(counted),
        "funding": len(facts.problems) - len(counted),
        "dimensions": len({d for p in counted for d in p.dimensions}),
        "cause": sum(bool(p.cause) for p in counted) / n,
        "data": sum(bool(p.specifics) for p in counted) / n,
        "set_out": sum(p.set_out for p in counted) / n,
        "stance": sum(p.stance for p in counted) / n,
        "problem_chars": sum(len(p.text or p.quote) for p in counted) / n,
        "measures": len(facts.measures),
        "replies": len(replies),
        "money": sum(x.money_only for x in facts.measures),
        "off_topic": sum(x.off_topic for x in facts.measures),
        "slogan": sum(x.slogan for x in replies) / m,
        "concrete": sum(x.concrete for x in replies) / m,
        "steps": sum(x.steps or 0 for x in replies),
        "answered": len({i for x in replies if not x.slogan for i in x.answers} & owed) / max(1, len(owed)),
        "touched": len({i for x in replies for i in x.answers} & owed) / max(1, len(owed)),
        "measure_chars": sum(len(x.text or x.quote) for x in replies) / m,
        "prompts": len(facts.ignored_prompts),
        # A gap acknowledged after achievements was counted as saying none when the placement was trained.
        "no_problem": len(facts.no_problem_statements) + len(facts.acknowledged_gaps),
    }


# What the section itself shows, whatever the extractor made of it (session 25): its length, figures, numbered items,
# cause and deadline words, and lines. A writer's wording the extractor misses still shows in these, so the placement
# carries over to new writers better (evals/forest_experiment.py, docs/narrative-calibration.md 「Session 25」).
_ITEM_OPENERS = re.compile(r"[一二三四五六七八九十]是")  # 「一是……二是……」 run on within a line


def section_features(text: str, lexicon: Lexicon) -> dict[str, float]:
    """The item's own section as written (problems or measures), counted: rubric.SECTION_FEATURES.
    Cause and deadline words are the lexicon's (cause_markers, measure_deadline_markers)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    numbered = sum(heading_level(line) > 0 for line in lines)
    return {
        "part_chars": float(len(text)),
        "part_figures": float(len(find_numbers(text))),
        "part_items": float(numbered + len(_ITEM_OPENERS.findall(text))),
        "part_causes": float(sum(text.count(m) for m in lexicon.cause_markers)),
        "part_deadlines": float(sum(text.count(m) for m in lexicon.measure_deadline_markers)),
        "part_lines": float(len(lines)),
    }


def part_text(facts: NarrativeFacts, part: str) -> str:
    """The problems' or the measures' own words as the extractor cut them, one per line: what a text estimate reads."""
    found = facts.problems if part == "problems" else facts.measures
    return "\n".join(x.text or x.quote for x in found)


class Placing(NamedTuple):
    points: float  # before rounding
    words: float | None  # what the text estimate made of the part's words alone; None where it reads only the facts


def place(placement: Placement, facts: NarrativeFacts, section: str = "") -> Placing:
    """The points a placement gives the facts and the item's own section as written (`section`), before rounding, and
    the words' own estimate it read beside them."""
    values = placement_features(facts) | section_features(section, load_lexicon())
    estimate = placement.text_estimate
    words = None if estimate is None else estimate.predict(part_text(facts, estimate.reads))
    if words is not None:
        values["text_estimate"] = words
    return Placing(placement.predict(values), words)
