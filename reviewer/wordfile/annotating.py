"""Writing an annotated copy of the author's .docx: one Word comment per note, where it belongs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

from docx.document import Document as DocxDocument
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from ..files import write_atomically
from ..model import Source
from .reading import body_anchors, open_document

# ---------------------------------------------------------------------------------------- annotated copy

COMMENT_AUTHOR = "绩效自评审阅工具"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def write_annotated_copy(source: Path, target: Path, notes: list[tuple[Source | None, str]]) -> int:
    """A copy of `source` with a Word comment per note, anchored at the paragraph or table cell it
    concerns (notes without an anchor go on the first paragraph). The source file is only read.

    Comments this tool wrote into `source` before (author `COMMENT_AUTHOR`) are replaced, not kept
    beside the new ones; everybody else's comments stay."""
    document = open_document(source)
    remove_own_comments(document)
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


def remove_own_comments(document: DocxDocument) -> int:
    """Delete the comments `COMMENT_AUTHOR` made, with their anchors in the body; how many there were."""
    comments = document.comments._comments_elm
    own = [c for c in comments.findall(f"{_W}comment") if c.get(f"{_W}author") == COMMENT_AUTHOR]
    ids = {c.get(f"{_W}id") for c in own}
    for comment in own:
        comments.remove(comment)
    if not ids:
        return 0
    body = document.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in list(body.iter(f"{_W}{tag}")):
            if mark.get(f"{_W}id") in ids:
                mark.getparent().remove(mark)
    for reference in list(body.iter(f"{_W}commentReference")):
        if reference.get(f"{_W}id") in ids:
            run = reference.getparent()
            run.remove(reference)
            if run.tag == f"{_W}r" and not [c for c in run if c.tag != f"{_W}rPr"]:
                run.getparent().remove(run)
    return len(own)


def _resolve(
    anchor: Source | None,
    paragraphs: list[DocxParagraph],
    cells: dict[tuple[int, int, int], etree._Element],
    document: DocxDocument,
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
    for start in body.iter(f"{_W}commentRangeStart"):
        comment_id = int(start.get(f"{_W}id"))
        paragraph = start.getparent()
        anchored = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
        out.append((anchored, by_id.get(comment_id, "")))
    return out


def comment_places(path: Path) -> list[tuple[Source, str]]:
    """Where each comment of a .docx starts, in the coordinates of `Source` (body paragraph, or table
    row and cell), with the comment's text: for checking that a comment sits where it should."""
    document = open_document(path)
    by_id = {comment.comment_id: comment.text for comment in document.comments}
    paragraph_elements, cell_elements = body_anchors(document)
    # The reader's coordinates, inverted: the same walk that numbered paragraphs and cells when reading.
    paragraph_numbers = {id(p): n for n, p in enumerate(paragraph_elements)}
    cell_places = {id(tc): key for key, tc in cell_elements.items()}
    out = []
    for start in document.element.body.iter(f"{_W}commentRangeStart"):
        text = by_id.get(int(start.get(f"{_W}id")), "")
        cell = next((a for a in start.iterancestors(f"{_W}tc")), None)
        if cell is not None and id(cell) in cell_places:
            table, row, col = cell_places[id(cell)]
            place = Source(table=table, row=row, col=col)
        else:
            paragraph = next(start.iterancestors(f"{_W}p"))
            place = Source(paragraph=paragraph_numbers.get(id(paragraph)))
        out.append((place, text))
    return out
