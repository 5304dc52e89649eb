"""A report's own first-level weight scheme, when it declares one (「产出指标权重40%、效益指标30%…」).

The words are data (rubrics/_tables.yaml: weight_categories, declared_weights): a clause with a cue word
and enough categories whose figures add up to 100 is the report's declaration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Paragraph, Source, Table
from .catalogue import load_table_catalogue
from .models import DeclaredWeights

_CLAUSE_RE = re.compile(r"[^。；;\n]+")
_FIGURE = r"[^\d，,。；;、]{0,10}?(\d{1,3}(?:\.\d+)?)\s*(?:%|％|分)"


def _texts(document: Document) -> Iterator[tuple[str, Source]]:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield block.text, block.source
        elif isinstance(block, Table):
            seen: set[str] = set()
            for row in block.rows:
                for cell in row:
                    if cell.text not in seen:
                        seen.add(cell.text)
                        yield cell.text, cell.source


def declared_weights(text: str) -> dict[str, float] | None:
    """The weights one clause declares, by category; None unless it is a declaration."""
    catalogue = load_table_catalogue()
    spec = catalogue.declared_weights
    if spec is None or not catalogue.weight_categories or not re.search(spec.cue, text):
        return None
    by_word = {word: category for category, word in catalogue.weight_categories.items()}
    pattern = re.compile("(" + "|".join(map(re.escape, by_word)) + ")" + _FIGURE)
    weights: dict[str, float] = {}
    for match in pattern.finditer(text):
        weights.setdefault(by_word[match.group(1)], float(match.group(2)))  # the first figure of a category
    if len(weights) < spec.min_categories or abs(sum(weights.values()) - 100) > 1e-9:
        return None
    return weights


def find_declared_weights(document: Document) -> DeclaredWeights | None:
    """The first clause of the report, in its narrative or its tables, that declares its own weights."""
    spec = load_table_catalogue().declared_weights
    if spec is None:
        return None
    cue = re.compile(spec.cue)
    for text, source in _texts(document):
        if not cue.search(text):
            continue  # no clause of it holds a cue word: most paragraphs and cells, not split into clauses
        for clause in _CLAUSE_RE.findall(text):
            weights = declared_weights(clause)
            if weights is not None:
                return DeclaredWeights(weights=weights, quote=clause.strip(), source=source)
    return None
