"""Reading a .docx as Word displays it: body paragraphs and tables in reading order, with where each
sits in the file.

python-docx opens the package; the body is walked with lxml because python-docx does not expose what
Word shows: content controls (`w:sdt` around blocks, rows, cells and runs), text boxes (read once, at
their anchor, after the paragraph that holds them; `mc:AlternateContent` carries the same box twice
and only its first choice is read), nested tables (their text goes into the cell that holds them),
field results, and tracked changes as Word's final view (insertions and moved-to text in, deletions
and moved-from text out). Hidden text (`w:vanish`, directly or through a run or paragraph style) is
left out and reported, as are unaccepted revisions.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..errors import InputError
from ..model import Block, Notice, Paragraph, Source, Table
from ..quotes import shorten
from ..read.blocks import clean_cell_text, clean_paragraph

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@cache
def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with this tag, as `element.find(tag)` gives it, in a tenth of the time (lxml's
    find goes through its path machinery; the properties looked up here are mostly the first child)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


_P, _TBL, _TR, _TC, _R, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_INS, _DEL, _MOVE_TO, _MOVE_FROM = _w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")
_TXBX = _w("txbxContent")
_ALTERNATE, _CHOICE = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice"
_VAL = _w("val")
_PPR, _RPR, _PSTYLE, _RSTYLE = _w("pPr"), _w("rPr"), _w("pStyle"), _w("rStyle")
_NUMPR, _VANISH = _w("numPr"), _w("vanish")
_TRPR, _TCPR, _GRID_BEFORE, _GRID_SPAN = _w("trPr"), _w("tcPr"), _w("gridBefore"), _w("gridSpan")
_BR, _TYPE = _w("br"), _w("type")
_DRAWINGS = (_w("drawing"), _w("pict"), _w("object"))
# Inline containers whose content Word shows as part of the paragraph.
_INLINE_CONTAINERS = {
    _w("hyperlink"),
    _w("smartTag"),
    _CUSTOM_XML,
    _w("fldSimple"),
    _INS,
    _MOVE_TO,
    _w("dir"),
    _w("bdo"),
    _SDT,
    _SDT_CONTENT,
}
# Revision marks that count as unaccepted revisions (the text itself is handled where it sits).
_REVISION_TAGS = (_INS, _DEL, _MOVE_TO, _MOVE_FROM, _w("rPrChange"), _w("pPrChange"), _w("tblPrChange"))
_OFF = {"0", "false", "off"}


# Main-part content types of Word files python-docx refuses although their body is a .docx body:
# macro-enabled documents (.docm, macros are ignored) and templates (.dotx, .dotm).
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCX_LIKE_MAIN = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _as_docx_package(path: Path) -> io.BytesIO | None:
    """An in-memory copy of a .docm/.dotx/.dotm whose main part is declared a plain .docx body, or
    None when the file is not one of those. The file itself is only read."""
    try:
        with zipfile.ZipFile(path) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8")
            if not any(t in types for t in _DOCX_LIKE_MAIN):
                return None
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    data = archive.read(info)
                    if info.filename == "[Content_Types].xml":
                        for t in _DOCX_LIKE_MAIN:
                            types = types.replace(t, _DOCX_MAIN)
                        data = types.encode("utf-8")
                    copy.writestr(info, data)
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    buffer.seek(0)
    return buffer


def open_document(path: Path) -> docx.document.Document:
    try:
        package = _as_docx_package(path)
        return docx.Document(package if package is not None else str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(
            str(path), "文件已损坏或不是有效的 Word 文档", "请用 Word 或 WPS 打开后另存为 .docx 重试"
        ) from exc
    except Exception as exc:  # lxml and zip errors of damaged files take many forms
        raise InputError(
            str(path), f"文档结构无法解析（{type(exc).__name__}）", "请用 Word 或 WPS 打开后另存为 .docx 重试"
        ) from exc


@dataclass
class _Style:
    based_on: str | None
    numbered: bool
    vanish: bool | None


class _Styles:
    """Style lookups resolved once per style id (walking python-docx style objects per paragraph
    was most of the reading time)."""

    def __init__(self, styles_element: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self._numbered: dict[str, bool] = {}
        self._vanish: dict[str, bool] = {}
        if styles_element is None:
            return
        for style in styles_element.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            based = _child(style, _w("basedOn"))
            ppr = _child(style, _PPR)
            rpr = _child(style, _RPR)
            self._styles[style_id] = _Style(
                based_on=based.get(_VAL) if based is not None else None,
                numbered=ppr is not None and _child(ppr, _NUMPR) is not None,
                vanish=_vanish_of(rpr),
            )
            if style.get(_TYPE) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                self.default_paragraph = style_id

    def numbered(self, style_id: str | None) -> bool:
        if style_id is None:
            return False
        if style_id not in self._numbered:
            seen: set[str] = set()
            result = False
            current: str | None = style_id
            while current is not None and current not in seen and current in self._styles:
                seen.add(current)
                if self._styles[current].numbered:
                    result = True
                    break
                current = self._styles[current].based_on
            self._numbered[style_id] = result
        return self._numbered[style_id]

    def vanish(self, style_id: str | None) -> bool | None:
        if style_id is None:
            return None
        if style_id not in self._vanish:
            seen: set[str] = set()
            result: bool | None = None
            current: str | None = style_id
            while current is not None and current not in seen and current in self._styles:
                seen.add(current)
                if self._styles[current].vanish is not None:
                    result = self._styles[current].vanish
                    break
                current = self._styles[current].based_on
            self._vanish[style_id] = bool(result)
        return self._vanish[style_id]


def _vanish_of(rpr: etree._Element | None) -> bool | None:
    if rpr is None:
        return None
    vanish = _child(rpr, _VANISH)
    if vanish is None:
        return None
    return vanish.get(_VAL, "true").lower() not in _OFF


@dataclass
class _Reader:
    styles: _Styles
    blocks: list[Block] = field(default_factory=list)
    paragraph_no: int = 0
    table_no: int = 0
    hidden: list[str] = field(default_factory=list)
    pending: str = ""  # text of a paragraph whose mark was deleted: Word joins it to the next one
    paragraph_elements: list[etree._Element] = field(default_factory=list)  # by Source.paragraph
    cell_elements: dict[tuple[int, int, int], etree._Element] = field(default_factory=dict)  # by table, row, col

    # ------------------------------------------------------------------ blocks

    def read_container(self, container: etree._Element) -> None:
        for child in _block_children(container):
            if child.tag == _P:
                self.read_paragraph(child)
            elif child.tag == _TBL:
                table = self.read_table(child)
                if table.rows:
                    self.blocks.append(table)

    def read_paragraph(self, p: etree._Element) -> None:
        source = Source(paragraph=self.paragraph_no)
        self.paragraph_no += 1
        self.paragraph_elements.append(p)
        boxes: list[etree._Element] = []
        ppr = _child(p, _PPR)
        visible, hidden = self.paragraph_text(p, ppr, boxes)
        if hidden.strip():
            where = f"第 {source.paragraph + 1} 段" if source.paragraph is not None else "正文"
            self.hidden.append(f"{where}：「{_preview(hidden)}」")
        mark_deleted = _mark_deleted(ppr)
        text = self.pending + visible
        self.pending = ""
        if mark_deleted:
            self.pending = text
        elif visible.strip() or not hidden.strip() or self.pending:
            self.blocks.append(Paragraph(text=clean_paragraph(text), numbered=self.numbered(ppr), source=source))
        for box in boxes:
            self.read_container(box)

    def numbered(self, ppr: etree._Element | None) -> bool:
        """Whether a paragraph (given by its <w:pPr>) carries Word numbering, directly or through its style."""
        if ppr is not None and _child(ppr, _NUMPR) is not None:
            return True
        return self.styles.numbered(_style_id(ppr) or self.styles.default_paragraph)

    def paragraph_text(
        self, p: etree._Element, ppr: etree._Element | None, boxes: list[etree._Element]
    ) -> tuple[str, str]:
        """(visible text, hidden text) of a paragraph (and its <w:pPr>); text boxes found in it are added
        to `boxes`."""
        visible: list[str] = []
        hidden: list[str] = []
        paragraph_vanish = self.styles.vanish(_style_id(ppr))
        for run in _runs(p):
            text, rpr = _run_text(run, boxes)
            if not text:
                continue
            if self.run_hidden(rpr, paragraph_vanish):
                hidden.append(text)
            else:
                visible.append(text)
        return "".join(visible), "".join(hidden)

    def run_hidden(self, rpr: etree._Element | None, paragraph_vanish: bool | None) -> bool:
        """Whether a run (given by its <w:rPr>) is hidden: directly, through its style, or its paragraph's."""
        direct = _vanish_of(rpr)
        if direct is not None:
            return direct
        if rpr is not None:
            style = _child(rpr, _RSTYLE)
            if style is not None and self.styles.vanish(style.get(_VAL)):
                return True
        return bool(paragraph_vanish)

    # ------------------------------------------------------------------ tables

    def read_table(self, tbl: etree._Element) -> Table:
        table_no = self.table_no
        self.table_no += 1
        # The cells as plain data, validated into models in one call at the end: pydantic-core builds a
        # whole table faster than one model (and its Source) at a time, and faster still than
        # model_construct's Python loop.
        rows: list[list[dict[str, object]]] = []
        for row_no, tr in enumerate(_table_rows(tbl)):
            cells: list[dict[str, object]] = []
            trpr = _child(tr, _TRPR)
            grid = _int_val(_child(trpr, _GRID_BEFORE) if trpr is not None else None, 0)
            for col_no, tc in enumerate(_row_cells(tr)):
                tcpr = _child(tc, _TCPR)
                span = max(1, _int_val(_child(tcpr, _GRID_SPAN) if tcpr is not None else None, 1))
                self.cell_elements[(table_no, row_no, col_no)] = tc
                text = self.cell_text(tc, (table_no, row_no, col_no))
                source = {"table": table_no, "row": row_no, "col": col_no}
                cells.append({"text": clean_cell_text(text), "source": source, "grid": grid, "span": span})
                grid += span
            if cells:
                rows.append(cells)
        return Table.model_validate({"rows": rows})

    def cell_text(self, tc: etree._Element, place: tuple[int, int, int] | None = None) -> str:
        """A cell's visible text: its paragraphs, and the text of tables and text boxes nested in it.
        `place` (table, row, column) names the cell where hidden text in it is reported."""
        lines: list[str] = []
        hidden_parts: list[str] = []
        pending = ""
        for child in _block_children(tc):
            if child.tag == _P:
                boxes: list[etree._Element] = []
                ppr = _child(child, _PPR)
                visible, hidden = self.paragraph_text(child, ppr, boxes)
                if hidden.strip():
                    hidden_parts.append(hidden)
                text = pending + visible
                pending = ""
                if _mark_deleted(ppr):
                    pending = text
                elif visible or not hidden.strip():
                    lines.append(text)
                for box in boxes:
                    lines.extend(self.nested_text(box))
            elif child.tag == _TBL:
                lines.extend(self.nested_text(child))
        if hidden_parts:
            table, row, col = place or (0, 0, 0)
            where = f"表格 {table + 1} 第 {row + 1} 行第 {col + 1} 格"
            self.hidden.append(f"{where}：「{_preview(''.join(hidden_parts))}」")
        return "\n".join(lines)

    def nested_text(self, element: etree._Element) -> list[str]:
        """The visible lines of a table or text box inside a cell, cell by cell."""
        lines: list[str] = []
        if element.tag == _TBL:
            for tr in _table_rows(element):
                for tc in _row_cells(tr):
                    lines.extend(self.cell_text(tc).split("\n"))
            return lines
        for child in _block_children(element):
            if child.tag == _P:
                boxes: list[etree._Element] = []
                lines.append(self.paragraph_text(child, _child(child, _PPR), boxes)[0])
                for box in boxes:
                    lines.extend(self.nested_text(box))
            elif child.tag == _TBL:
                lines.extend(self.nested_text(child))
        return lines


def _preview(text: str, limit: int = 30) -> str:
    text = clean_paragraph(text.replace("\n", " "))
    return shorten(text, limit)


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


def _mark_deleted(ppr: etree._Element | None) -> bool:
    """Whether a paragraph's mark is a tracked deletion (`w:pPr/w:rPr/w:del`): Word joins it to the next."""
    if ppr is None:
        return False
    return any(_child(rpr, _DEL) is not None for rpr in ppr.iterchildren(_RPR))


def _style_id(ppr: etree._Element | None) -> str | None:
    if ppr is None:
        return None
    style = _child(ppr, _PSTYLE)
    return style.get(_VAL) if style is not None else None


def _unwrap(element: etree._Element, wanted: str) -> Iterator[etree._Element]:
    """`wanted` children of `element`, looking through content controls, custom XML and revision marks
    that Word shows (insertions, moved-to); deleted and moved-from content is not shown."""
    for child in element:
        tag = child.tag
        if tag == wanted:
            yield child
        elif tag == _SDT:
            content = _child(child, _SDT_CONTENT)
            if content is not None:
                yield from _unwrap(content, wanted)
        elif tag in (_CUSTOM_XML, _INS, _MOVE_TO, _SDT_CONTENT):
            yield from _unwrap(child, wanted)
        elif tag == _ALTERNATE:
            choice = _child(child, _CHOICE)
            if choice is not None:
                yield from _unwrap(choice, wanted)


def _block_children(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body, cell, text box or content control, in reading order."""
    for child in container:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            content = _child(child, _SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif tag in (_CUSTOM_XML, _INS, _MOVE_TO):
            yield from _block_children(child)
        elif tag == _ALTERNATE:
            choice = _child(child, _CHOICE)
            if choice is not None:
                yield from _block_children(choice)


def _table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    return _unwrap(tbl, _TR)


def _row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _unwrap(tr, _TC)


def _runs(p: etree._Element) -> Iterator[etree._Element]:
    """The runs Word shows in a paragraph, in order: inside hyperlinks, fields, content controls,
    insertions and moved-to text; not inside deletions or moved-from text."""
    for child in p:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _INLINE_CONTAINERS:
            yield from _runs(child)
        elif tag == _ALTERNATE:
            choice = _child(child, _CHOICE)
            if choice is not None:
                yield from _runs(choice)


_RUN_TEXT = {_T: None, _w("tab"): "\t", _w("ptab"): "\t", _w("cr"): "\n", _w("noBreakHyphen"): "-"}


def _run_text(run: etree._Element, boxes: list[etree._Element]) -> tuple[str, etree._Element | None]:
    """A run's text as python-docx reads it, and its <w:rPr> (found on the way, not looked up again);
    the text boxes it anchors are collected into `boxes`."""
    parts: list[str] = []
    rpr = None
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _RPR:
            if rpr is None:
                rpr = child  # formatting, in nearly every run
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag] or "")
        elif tag == _BR:
            if child.get(_TYPE) in (None, "textWrapping"):
                parts.append("\n")
        elif tag in _DRAWINGS:
            boxes.extend(_text_boxes(child))
        elif tag == _ALTERNATE:
            boxes.extend(_text_boxes(_wrapper_of(child)))
    return "".join(parts), rpr


def _wrapper_of(alternate: etree._Element) -> etree._Element:
    """What an mc:AlternateContent stands for: its first choice (its fallback repeats the same content)."""
    choice = _child(alternate, _CHOICE)
    return choice if choice is not None else etree.Element(_CHOICE)


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """Outermost text boxes under a drawing, once: of an mc:AlternateContent only the first choice."""
    for child in element:
        if child.tag == _TXBX:
            yield child
        elif child.tag == _ALTERNATE:
            choice = _child(child, _CHOICE)
            if choice is not None:
                yield from _text_boxes(choice)
        else:
            yield from _text_boxes(child)


def _has_revisions(body: etree._Element) -> bool:
    return any(True for _ in body.iter(*_REVISION_TAGS))


def _read_body(document: docx.document.Document) -> _Reader:
    reader = _Reader(styles=_Styles(document.styles.element))
    reader.read_container(document.element.body)
    return reader


_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
# No entities, no network, no DTD: a report's XML is data.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _body_and_styles(path: Path) -> tuple[etree._Element, _Styles]:
    """The main document's <w:body>, parsed with plain lxml, and the styles part's lookups.

    Reading does not need python-docx's element classes (every element it touches would become a
    Python object), so the two parts are found through the package relationships and parsed directly:
    a third of the time python-docx takes. Annotating opens the file with python-docx as before.
    """
    damaged = InputError(str(path), "文件已损坏或不是有效的 Word 文档", "请用 Word 或 WPS 打开后另存为 .docx 重试")
    try:
        with zipfile.ZipFile(path) as archive:
            main = _target(archive, "", "_rels/.rels", _OFFICE_DOCUMENT)
            if main is None:
                raise damaged
            folder, _, name = main.rpartition("/")
            root = etree.fromstring(archive.read(main), _PARSER)
            styles_name = _target(archive, folder, f"{folder}/_rels/{name}.rels", _STYLES)
            styles = _styles_of(archive.read(styles_name) if styles_name else None)
    except InputError:
        raise
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError) as exc:
        raise damaged from exc
    body = _child(root, _w("body"))
    if body is None:
        raise damaged
    return body, styles


@lru_cache(maxsize=16)
def _styles_of(part: bytes | None) -> _Styles:
    """The style lookups of a styles part, parsed once per process for each distinct part: reports made
    from one template share it, and Word's styles.xml (350 kB in the seeds) took a third of reading."""
    return _Styles(etree.fromstring(part, _PARSER) if part is not None else None)


def _target(archive: zipfile.ZipFile, folder: str, rels: str, kind: str) -> str | None:
    """The member a relationship of `kind` in `rels` points to, or None."""
    try:
        data = archive.read(rels.lstrip("/"))
    except KeyError:
        return None
    for rel in etree.fromstring(data, _PARSER).iterchildren(f"{{{_RELATIONSHIPS}}}Relationship"):
        if rel.get("Type") == kind and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            parts = [] if target.startswith("/") else [p for p in folder.split("/") if p]
            for piece in target.lstrip("/").split("/"):
                if piece == "..":
                    if parts:
                        parts.pop()
                elif piece and piece != ".":
                    parts.append(piece)
            return "/".join(parts)
    return None


def body_anchors(
    document: docx.document.Document,
) -> tuple[list[etree._Element], dict[tuple[int, int, int], etree._Element]]:
    """The <w:p> of every Source.paragraph and the <w:tc> of every (table, row, col), as read."""
    reader = _read_body(document)
    return reader.paragraph_elements, reader.cell_elements


def read_docx(path: Path) -> tuple[list[Block], list[Notice]]:
    """Body paragraphs and tables in reading order as Word displays them, and what the reader noticed.

    Merged cells: each <w:tc> is read once, with the grid column it starts at (after `gridBefore`
    and the `gridSpan` of the cells before it) and how many columns it spans; a vertically merged
    continuation reads as the empty cell it is in the file.
    """
    body, styles = _body_and_styles(path)
    reader = _Reader(styles=styles)
    reader.read_container(body)
    if reader.pending:
        reader.blocks.append(Paragraph(text=clean_paragraph(reader.pending), source=Source()))
    notices: list[Notice] = []
    if _has_revisions(body):
        notices.append(
            Notice(
                kind="revisions",
                message="文档含有未接受的修订（修订标记）：已按 Word“最终状态”读取（插入的内容计入，删除的内容不计）",
            )
        )
    if reader.hidden:
        shown = "；".join(reader.hidden[:5]) + ("……" if len(reader.hidden) > 5 else "")
        notices.append(
            Notice(
                kind="hidden_text",
                message=f"文档含有隐藏文字（Word 中不显示，未计入审阅）共 {len(reader.hidden)} 处：{shown}",
            )
        )
    return reader.blocks, notices


def read_docx_blocks(path: Path) -> list[Block]:
    """Body paragraphs and tables in reading order (see `read_docx`)."""
    return read_docx(path)[0]
