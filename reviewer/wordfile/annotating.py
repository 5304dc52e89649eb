"""Writing an annotated copy of the author's .docx: one Word comment per note, where it belongs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

import docx
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from ..files import write_atomically
from ..model import Source
from .reading import body_anchors, open_document

# ---------------------------------------------------------------------------------------- annotated copy

COMMENT_AUTHOR = "绩效自评审阅工具"


def write_annotated_copy(source: Path, target: Path, notes: list[tuple[Source | None, str]]) -> int:
    """A copy of `source` with a Word comment per note, anchored at the paragraph or table cell it
    concerns (notes without an anchor go on the first paragraph). The source file is only read."""
    document = open_document(source)
    paragraph_elements, cell_elements = body_anchors(document)
    paragraphs = [DocxParagraph(p, document._body) for p in paragraph_elements]
    fallback = next((p for p in paragraphs if p.text.strip()), paragraphs[0] if paragraphs else None)
    added = 0
    for anchor, text in notes:
        paragraph = _resolve(anchor, paragraphs, cell_elements, document) or fallback
        if paragraph is None:
            continue
        runs = [r for r in paragraph.runs if r.text] or paragraph.runs or [paragraph.add_run("")]
        lines = [line for line in text.splitlines() if line.strip()] or [text]
        comment = document.add_comment(runs, text=lines[0], author=COMMENT_AUTHOR, initials="审")
        for line in lines[1:]:
            comment.add_paragraph(line)
        added += 1
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(target, buffer.getvalue())
    return added


def _resolve(
    anchor: Source | None,
    paragraphs: list[DocxParagraph],
    cells: dict[tuple[int, int, int], etree._Element],
    document: docx.document.Document,
) -> DocxParagraph | None:
    if anchor is None:
        return None
    if anchor.paragraph is not None and anchor.paragraph < len(paragraphs):
        return paragraphs[anchor.paragraph]
    if anchor.table is not None and anchor.row is not None and anchor.col is not None:
        tc = cells.get((anchor.table, anchor.row, anchor.col))
        if tc is not None:
            cell = _Cell(tc, cast(Any, document._body))
            return next((p for p in cell.paragraphs if p.text.strip()), cell.paragraphs[0])
    return None


def read_comments(path: Path) -> list[tuple[str, str]]:
    """(anchored text, comment text) for every comment in a .docx, in document order."""
    document = open_document(path)
    by_id = {comment.comment_id: comment.text for comment in document.comments}
    out = []
    body = document.element.body
    for start in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeStart"):
        comment_id = int(start.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id"))
        paragraph = start.getparent()
        anchored = "".join(
            t.text or "" for t in paragraph.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        )
        out.append((anchored, by_id.get(comment_id, "")))
    return out
