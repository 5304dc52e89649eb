"""The narrative's sections, found by their headings; and the sections of a table-form project report."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Document, Paragraph, Table
from ..numbers import parse_number
from .catalogue import SectionSpec, load_section_catalogue, load_table_catalogue
from .models import ReportKind, Section, SectionStatus, TableInfo

_NUMBERING_RE = re.compile(
    r"^(?:第?[一二三四五六七八九十]+[、.．:：]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}(?:\.\d+)*[、.．)）](?!\d)|"
    r"[一二三四五六七八九十]+是)\s*"
)
_MAX_HEADING_CHARS = 44
_MAX_NUMBERED_HEADING_CHARS = 90  # template headings under Word numbering run long
_MAX_HEADING_PREFIX = 8  # room for a 「部门（单位）」 before the title
_MAX_PROMPT_CHARS = 300  # a template's prompt is a line or two, never a page


_LEVEL_RES = (
    re.compile(r"^第?[一二三四五六七八九十]+[、.．]"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"^\d{1,2}[、.．](?!\d)"),
    re.compile(r"^[（(]\d{1,2}[）)]"),
)


def heading_level(text: str) -> int:
    """1 for 「一、」, 2 for 「（一）」, 3 for 「1.」, 4 for 「(1)」; 0 when the numbering is not in the text."""
    return next((n for n, pattern in enumerate(_LEVEL_RES, 1) if pattern.match(text.strip())), 0)


def strip_numbering(text: str) -> str:
    return _NUMBERING_RE.sub("", text, count=1).strip()


def is_empty_answer(text: str) -> bool:
    """Nothing written, or only a word that means nothing (「无」「暂无」「不涉及」…)."""
    answer = text.strip()
    catalogue = load_section_catalogue()
    if not answer or answer.strip("。.") in catalogue.empty_answer_set:
        return True
    prompt = catalogue.prompt_pattern
    if prompt is None or len(answer) > _MAX_PROMPT_CHARS:
        return False
    return all(prompt.search(line.strip()) for line in answer.splitlines() if line.strip())


def section_specs(kind: ReportKind) -> tuple[SectionSpec, ...]:
    catalogue = load_section_catalogue()
    return catalogue.dept.sections if kind == "dept" else catalogue.project.sections


def _heading_matches(text: str, numbered: bool, specs: Sequence[SectionSpec]) -> list[SectionSpec]:
    """The sections a paragraph opens, in order; a heading may run two titles together."""
    body = strip_numbering(text)
    if not body or len(body) > (_MAX_NUMBERED_HEADING_CHARS if numbered else _MAX_HEADING_CHARS):
        return []
    found: list[tuple[int, SectionSpec]] = []
    for spec in specs:
        match = spec.pattern.search(body)
        if match:
            found.append((match.start(), spec))
    found.sort(key=lambda pair: pair[0])
    if not found or found[0][0] > _MAX_HEADING_PREFIX:
        return []
    return [spec for _, spec in found]


_INLINE_RE = re.compile(r"^(.{2,24}?)[:：]\s*(.+)$", re.DOTALL)


def _inline_heading(block: Paragraph, specs: Sequence[SectionSpec]) -> tuple[SectionSpec, Paragraph] | None:
    """「存在的问题：一是……」: a heading run into its paragraph, and the answer after the colon."""
    head = block.text[:26]
    match = _INLINE_RE.match(block.text) if ("：" in head or ":" in head) else None
    if match is None:
        return None
    label = strip_numbering(match.group(1))
    matched = _heading_matches(label, False, specs)
    if len(matched) != 1 or matched[0].pattern.match(label) is None:
        return None
    spec = matched[0]
    return spec, Paragraph(text=match.group(2).strip(), numbered=False, source=block.source)


def _lists(table: Table, words: tuple[str, ...]) -> bool:
    """Whether the table's header (its first or second row, under a title row) names one of `words`."""
    return any(w in cell.flat for row in table.rows[:2] for cell in row for w in words)


def table_lines(table: Table) -> list[Paragraph]:
    """A table in a part whose text it is: a line per row with its cells joined by 「｜」; empty rows and title rows
    (one text across the row's cells, 「问题清单」) left out. A cell's own lines are kept apart by a space, so that
    each stays verbatim."""
    lines = []
    for row in table.rows:
        cells = [" ".join(cell.text.split("\n")).strip() for cell in row]
        if len({c for c in cells if c}) > 1:
            lines.append(Paragraph(text="｜".join(cells), source=row[0].source))
    return lines


def find_sections(document: Document, specs: Sequence[SectionSpec] | None = None) -> list[Section]:
    """Sections of the narrative, found by title whatever the numbering (一、 1、 （一） (1) or Word's).

    `specs` defaults to the parts of a 部门整体支出绩效自评报告.
    """
    if specs is None:
        specs = section_specs("dept")
    catalogue = load_section_catalogue()
    toc_entry, toc_title = re.compile(catalogue.toc_entry), re.compile(catalogue.toc_title)
    opened: dict[str, Section] = {}
    current: list[Section] = []
    current_level = 0
    # Sections whose content is a filled-in table (「三、绩效目标完成情况」 and its indicators): not empty.
    # A template's table of prompts and blanks holds no figure, and leaves its section empty.
    with_table: set[str] = set()
    by_id = {spec.id: spec for spec in specs}
    tables = load_table_catalogue()
    for block in document.blocks:
        if isinstance(block, Table):
            if any(parse_number(cell.flat) is not None for row in block.rows for cell in row):
                with_table.update(s.id for s in current)
            listing = [by_id[s.id].table_headers for s in current]
            if current and all(listing) and tables.kind_of(block.text()) == tables.fallback:
                # A table of no known kind whose header names the part's items is its text; any other such table (of
                # figures, a signature block) is passed over. A known form (a template's indicator table) closes it.
                if all(_lists(block, w) for w in listing):
                    for part in current:
                        part.paragraphs.extend(table_lines(block))
                continue
            current = []
            continue
        if block.text.startswith("附件"):
            current = []
            continue
        if toc_entry.search(block.text) or toc_title.search(block.text.replace("\u3000", "")):
            continue  # a contents page names the headings; it opens none
        inline = _inline_heading(block, specs)
        if inline is not None and any(s.id == inline[0].id for s in current):
            # 「存在的问题：A；B；C。」 inside the part it names (a form's cell label under the part's heading): the
            # label stays with its text, a lead-in for the list it announces.
            for part in current:
                part.paragraphs.append(block)
            continue
        if inline is not None:
            spec, answer = inline
            section = opened.get(spec.id)
            if section is None:
                section = Section(id=spec.id, name=spec.name, status="found", heading=block.text, anchor=block.source)
                opened[spec.id] = section
            current = [section]
            if answer.text:
                section.paragraphs.append(answer)
            continue
        matched = _heading_matches(block.text, block.numbered, specs)
        new_specs = [s for s in matched if s.id not in opened]
        level = heading_level(block.text)
        if new_specs and current and not any(s.paragraphs for s in current) and level > current_level > 0:
            # 「三、存在的问题」 then 「（一）绩效目标完成情况不理想」: the parent's first sub-heading, not
            # another part; the parent is not left empty.
            new_specs = []
        if (
            new_specs
            and current
            and not any(s.paragraphs for s in current)
            and {s.id for s in current} <= {s.id for s in matched}
        ):
            # 「三、存在的问题及原因分析」 then 「存在问题和改进措施」: a line naming the open part and the next one
            # right under the part's heading is its sub-heading (problems with their measures, hx07), not the
            # next part; the measures written there count when the 措施 part points back at them.
            continue
        if new_specs:
            current_level = level
            current = []
            for spec in new_specs:
                section = Section(id=spec.id, name=spec.name, status="found", heading=block.text, anchor=block.source)
                opened[spec.id] = section
                current.append(section)
            continue
        for section in current:
            if block.text:
                section.paragraphs.append(block)
    sections: list[Section] = []
    for spec in specs:
        if spec.id not in opened:
            sections.append(Section(id=spec.id, name=spec.name, status="missing"))
            continue
        section = opened[spec.id]
        content = [p for p in section.paragraphs if not is_empty_answer(p.text)]
        if spec.requires_content and not content and spec.id not in with_table:
            section.status = "empty"
        sections.append(section)
    return sections


def project_form_sections(tables: list[TableInfo]) -> list[Section]:
    """The fields of a table-form 项目支出绩效自评报告, as sections of scope 'project'."""
    form = load_section_catalogue().project_form
    sections = []
    for info in tables:
        if info.kind != "project_report":
            continue
        for field in form.fields:
            label = next((k for k in info.fields if re.search(field.label, k)), None)
            if label is None:
                sections.append(Section(id=field.id, name=field.name, status="missing", scope="project"))
                continue
            cell = info.fields[label]
            paragraph = Paragraph(text=cell.text, source=cell.source)
            status: SectionStatus = "empty" if is_empty_answer(cell.text) else "found"
            sections.append(
                Section(
                    id=field.id,
                    name=field.name,
                    status=status,
                    heading=label,
                    paragraphs=[paragraph] if cell.text else [],
                    scope="project",
                    anchor=cell.source,
                )
            )
    return sections


def with_form_parts(sections: list[Section], tables: list[TableInfo]) -> list[Section]:
    """A part the narrative lacks, taken from a form's own row or column (存在问题, 改进措施 …).

    A form submitted alone carries its 问题 and 措施 in rows (or a list of projects in a column); they are
    the report's own parts then. Only the row's own content cell, or the cells under the column's header,
    are read, never a neighbour. A cell holding both (存在问题和改进措施) gives each part its marked stretch.
    """
    catalogue = load_section_catalogue()
    tables_catalogue = load_table_catalogue()
    # The forms and indicator blocks, and tables of no known kind (a list of projects with a
    # 「存在问题和改进措施」 column).
    forms = (*tables_catalogue.indicator_kinds, tables_catalogue.fallback)
    result = []
    for section in sections:
        if section.status == "missing":
            for part in (p for p in catalogue.form_parts if p.id == section.id):
                cell = next(
                    (
                        c
                        for info in tables
                        if info.kind in forms
                        for label, c in info.fields.items()
                        if re.search(part.label, label)
                    ),
                    None,
                )
                if cell is None:
                    continue
                text = part.text_in(cell.text)
                empty = is_empty_answer(text)
                section = Section(
                    id=section.id,
                    name=section.name,
                    status="empty" if empty else "found",
                    heading=next(k for info in tables for k, c in info.fields.items() if c is cell),
                    paragraphs=[] if empty else [Paragraph(text=text, source=cell.source)],
                    anchor=cell.source,
                )
                break
        result.append(section)
    return result
