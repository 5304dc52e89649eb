"""The workbench's pages, rendered on the server from typed data (every report text escaped)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from ..batch import ERRORS_HEADER, NOTE_HEADER, PERCENT_HEADER, SCORE_HEADER, WARNINGS_HEADER
from ..checks.location import NarrativePlace, TablePlace
from ..model import Document, Paragraph, Source
from ..render import ITEM_STATUS_NAMES, SEVERITY_NAMES, STATUS_NAMES
from .decisions import REVIEW_STATUS_NAMES, VERDICT_NAMES

if TYPE_CHECKING:
    from .service import ScreeningRow, Workbench


@cache
def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(
        lambda name: resources.files("reviewer.web").joinpath("templates").joinpath(name).read_text("utf-8")
    )
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
    )
    env.globals.update(
        SEVERITY_NAMES=SEVERITY_NAMES,
        ITEM_STATUS_NAMES=ITEM_STATUS_NAMES,
        SECTION_STATUS_NAMES=STATUS_NAMES,
        REVIEW_STATUS_NAMES=REVIEW_STATUS_NAMES,
        VERDICT_NAMES=VERDICT_NAMES,
        # The screening table's headers are the batch summary's.
        SCORE_HEADER=SCORE_HEADER,
        PERCENT_HEADER=PERCENT_HEADER,
        ERRORS_HEADER=ERRORS_HEADER,
        WARNINGS_HEADER=WARNINGS_HEADER,
        NOTE_HEADER=NOTE_HEADER,
    )
    env.filters["points"] = lambda v: "—" if v is None else f"{v:g}"
    return env


def render_page(name: str, **context: Any) -> str:
    return _environment().get_template(name).render(**context)


def screening_page(rows: list[ScreeningRow], who: str, busy: int) -> str:
    return render_page("index.html.j2", rows=rows, who=who, busy=busy)


def anchor_id(source: Source | None) -> str | None:
    """The element id of a cell or paragraph in the report view, from where it sits in the file."""
    if source is None:
        return None
    if source.table is not None and source.row is not None and source.col is not None:
        return f"c-{source.table}-{source.row}-{source.col}"
    if source.paragraph is not None:
        return f"p-{source.paragraph}"
    if source.line is not None:
        return f"l-{source.line}"
    return None


def place_anchor(place: TablePlace | NarrativePlace) -> str | None:
    return anchor_id(place.cell if isinstance(place, TablePlace) else place.paragraph)


def highlight(text: str, quotes: list[str]) -> Markup:
    """The text escaped, with every quoted piece of evidence marked."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        start = text.find(quote) if quote else -1
        while start >= 0:
            spans.append((start, start + len(quote)))
            start = text.find(quote, start + len(quote))
    out, position = Markup(""), 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out += escape(text[position:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>")
        position = end
    return out + escape(text[position:])


def report_blocks(document: Document, quotes: list[str], flagged: set[str]) -> list[dict[str, Any]]:
    """The report as read, block by block, with ids to scroll to and the evidence marked."""
    blocks: list[dict[str, Any]] = []
    seen: set[str] = set()

    def unique(source: Source) -> str | None:
        key = anchor_id(source)
        if key is None or key in seen:
            return None
        seen.add(key)
        return key

    for block in document.blocks:
        if isinstance(block, Paragraph):
            key = unique(block.source)
            blocks.append({"kind": "p", "id": key, "flag": key in flagged, "html": highlight(block.text, quotes)})
        else:
            rows = []
            for row in block.rows:
                cells = []
                for cell in row:
                    key = unique(cell.source)
                    cells.append({"id": key, "flag": key in flagged, "html": highlight(cell.text, quotes)})
                rows.append(cells)
            blocks.append({"kind": "table", "rows": rows})
    return blocks


def report_page(bench: Workbench, report_id: str, who: str) -> str:
    record = bench.record(report_id)
    if record.result_json is None:
        return render_page("waiting.html.j2", record=record, who=who)
    result = bench.result(record)
    final = bench.final(record, result)
    document = bench.document(record)
    quotes = [e for item in result.items for e in item.evidence if len(e) >= 4]
    anchors = {f.id: place_anchor(f.location_ref.place) for f in result.findings}
    others = {
        f.id: place_anchor(f.location_ref.other) if f.location_ref.other is not None else None for f in result.findings
    }
    flagged = {a for a in anchors.values() if a}
    blocks = report_blocks(document, quotes, flagged) if document else []
    present = {b["id"] for b in blocks if b.get("id")} | {
        c["id"] for b in blocks if b["kind"] == "table" for row in b["rows"] for c in row if c["id"]
    }
    evidence_anchor = {}
    for block in blocks:
        cells = [block] if block["kind"] == "p" else [c for row in block["rows"] for c in row]
        for cell in cells:
            for quote in quotes:
                if (
                    cell["id"]
                    and quote not in evidence_anchor
                    and "<mark>" in cell["html"]
                    and quote in str(cell["html"])
                ):
                    evidence_anchor[quote] = cell["id"]
    return render_page(
        "report.html.j2",
        record=record,
        r=result,
        final=final,
        items={i.id: i for i in final.items},
        findings={f.id: f for f in final.findings},
        anchors={k: v for k, v in anchors.items() if v in present},
        others={k: v for k, v in others.items() if v in present},
        evidence_anchor=evidence_anchor,
        blocks=blocks,
        comparison=bench.comparison(record, result),
        who=who,
    )
