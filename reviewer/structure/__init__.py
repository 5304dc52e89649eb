"""What the blocks mean: the report's sections, its tables by kind, labelled cells and indicators.

Checks and scorers ask for 「年度资金总额 × 全年执行数」, never for coordinates: the same report is
laid out differently by every department. The vocabulary (section headings, table kinds, indicator
columns, empty answers) is data in rubrics/_sections.yaml and rubrics/_tables.yaml; see catalogue.py.
"""

from __future__ import annotations

from ..model import Document, Paragraph, Table
from .catalogue import (
    TABLE_KIND_NAMES,
    SectionCatalogue,
    SectionSpec,
    TableCatalogue,
    load_section_catalogue,
    load_table_catalogue,
)
from .genre import not_a_report_reason
from .identity import find_kind, find_title, find_unit, find_year
from .indicators import read_indicators
from .models import (
    DeclaredWeights,
    Form,
    Indicator,
    LabeledValue,
    Report,
    ReportKind,
    Section,
    SectionStatus,
    TableInfo,
    TableKind,
)
from .sections import (
    find_sections,
    is_empty_answer,
    project_form_sections,
    section_specs,
    strip_numbering,
    with_form_parts,
)
from .tables import classify_table, labeled_values, normalise_label
from .weights import find_declared_weights

__all__ = [
    "TABLE_KIND_NAMES",
    "DeclaredWeights",
    "Form",
    "Indicator",
    "LabeledValue",
    "Report",
    "ReportKind",
    "Section",
    "SectionCatalogue",
    "SectionSpec",
    "SectionStatus",
    "TableCatalogue",
    "TableInfo",
    "TableKind",
    "analyse",
    "classify_table",
    "find_sections",
    "is_empty_answer",
    "labeled_values",
    "load_section_catalogue",
    "load_table_catalogue",
    "normalise_label",
    "not_a_report_reason",
    "read_indicators",
    "strip_numbering",
]


def analyse(document: Document) -> Report:
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    title = find_title(paragraphs)
    tables = [classify_table(document, i) for i, b in enumerate(document.blocks) if isinstance(b, Table)]
    kind: ReportKind = find_kind(title, tables)
    sections = with_form_parts(find_sections(document, section_specs(kind)), tables)
    sections.extend(project_form_sections(tables))
    return Report(
        document=document,
        kind=kind,
        unit=find_unit(document, tables, title),
        year=find_year(document, title),
        title=title,
        sections=sections,
        tables=tables,
        declared_weights=find_declared_weights(document),
    )
