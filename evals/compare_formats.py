"""Compare how a report reads and scores from its .docx and from another format of the same report.

    python evals/compare_formats.py REPORT.docx REPORT.pdf [--exact]

Prints a unified diff of the two documents as read (paragraphs with text, and each table cell by cell
with its grid column and span), then the findings and item scores that differ. Cell texts are
compared on one line unless --exact is given (a PDF cannot tell the author's line breaks inside a cell
from the cell's own wrapping where a line is full). Use it when a PDF or a converted .doc gives other
findings than its .docx: the first differing table row is usually the cause. Exit 1 when they differ.
"""

from __future__ import annotations

import difflib
import sys
from typing import Any

from reviewer.model import Document, Paragraph
from reviewer.read import read_report
from reviewer.review import ReviewOptions, ReviewResult, review_report
from reviewer.structure import analyse


def shown(document: Document, exact: bool) -> list[str]:
    out = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.text:
                out.append(f"P{'#' if block.numbered else ''}: {block.text}")
            continue
        out.append(f"TABLE width={block.width} rows={len(block.rows)}")
        for r, row in enumerate(block.rows):
            cells = (f"[{c.grid},{c.span}]{(c.text if exact else c.flat)!r}" for c in row)
            out.append(f"  R{r}: " + " | ".join(cells))
    return out


def outcome(result: ReviewResult) -> tuple[list[Any], list[Any]]:
    findings = sorted((f.check, f.severity, f.stated, f.computed) for f in result.findings)
    return findings, [(i.id, i.points, i.status) for i in result.items]


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 2:
        print(__doc__)
        return 2
    exact = "--exact" in argv
    documents = [read_report(path) for path in paths]
    diff = list(difflib.unified_diff(*(shown(d, exact) for d in documents), *paths, n=1, lineterm=""))
    print("\n".join(diff) or "documents: the same")
    (findings_a, items_a), (findings_b, items_b) = (
        outcome(review_report(analyse(d), ReviewOptions())) for d in documents
    )
    for finding in findings_a:
        if finding not in findings_b:
            print("only in", paths[0], finding)
    for finding in findings_b:
        if finding not in findings_a:
            print("only in", paths[1], finding)
    for a, b in zip(items_a, items_b, strict=True):
        if a != b:
            print("item", a, "->", b)
    scores_same = findings_a == findings_b and items_a == items_b
    print("findings and scores: the same" if scores_same else "findings and scores: differ")
    return 0 if scores_same and not diff else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
