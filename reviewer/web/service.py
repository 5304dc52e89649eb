"""The workbench's operations, independent of HTTP: upload, screen, decide, compare, export."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..batch import (
    LEADING_COLUMNS,
    BatchRow,
    Cell,
    SummaryColumn,
    SummaryLine,
    SummaryTable,
    attention_order,
    summary_xlsx,
)
from ..model import Document
from ..review import ReviewOptions, ReviewResult
from ..rubric import load_rubric
from .decisions import (
    REVIEW_STATUS_NAMES,
    Comparison,
    DecisionError,
    DecisionIn,
    Final,
    carry_over,
    compare,
    final_of,
    validate_decision,
)
from .store import Decision, ReportRecord, ReportStatus, ReviewStatus, Store, now
from .uploads import expand
from .worker import ExecutorFactory, ReviewQueue, default_workers

STATUS_NAMES = {
    "queued": "排队中",
    "running": "审阅中",
    "ok": "已完成",
    "error": "无法审阅",
    "not_a_report": "不是绩效自评报告",
}


def section_texts(document: Document) -> dict[str, str]:
    from ..structure import analyse

    # A department report and its attached project forms both have a 问题 section: told apart by scope.
    return {f"{section.scope}:{section.id}": section.text for section in analyse(document).sections}


class NotFound(LookupError):
    """No such report: the message is Chinese."""


class NotReady(RuntimeError):
    """The report has no review (yet, or at all): the message is Chinese."""


class UploadOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    file: str
    status: ReportStatus
    duplicate: bool = False  # the same content was uploaded before: its review and decisions are reused
    message: str = ""


class ScreeningRow(BaseModel):
    """One report's line in the screening table."""

    model_config = ConfigDict(extra="forbid")

    id: str
    file: str
    status: ReportStatus
    status_name: str
    review_status: ReviewStatus
    review_status_name: str
    unit: str = ""
    year: int | None = None
    draft_points: float | None = None
    final_points: float | None = None
    assessed_max_points: float = 0.0
    max_points: float = 0.0
    percent: float | None = None  # final points against the assessed maximum, on 100
    errors: int = 0
    warnings: int = 0
    message: str = ""
    reference_only: bool = False  # scored with a rubric for another kind of report: not comparable
    previous_id: str | None = None
    uploaded_at: str = ""


class Workbench:
    def __init__(
        self,
        data_dir: Path,
        options: ReviewOptions | None = None,
        workers: int | None = None,
        executor_factory: ExecutorFactory | None = None,
    ) -> None:
        self.store = Store(data_dir)
        self.options = options or ReviewOptions()
        self.rubric = load_rubric(self.options.rubric)
        self.max_points = {item.id: item.points for item in self.rubric.items}
        self.queue = ReviewQueue(self.store, self.options, workers or default_workers(), executor_factory)

    def start(self) -> None:
        self.queue.start()

    def stop(self) -> None:
        self.queue.stop()
        self.store.close()

    # ------------------------------------------------------------------------------------------ upload

    def upload(self, files: list[tuple[str, bytes]]) -> list[UploadOutcome]:
        outcomes = []
        for filename, data in files:
            for upload in expand(filename, data):
                if upload.message:
                    record = self.store.add_error(upload.filename, upload.message)
                    outcomes.append(
                        UploadOutcome(id=record.id, file=record.filename, status="error", message=upload.message)
                    )
                    continue
                existing = self.store.by_hash(upload.content_hash)
                if existing is not None:
                    outcomes.append(
                        UploadOutcome(id=existing.id, file=upload.filename, status=existing.status, duplicate=True)
                    )
                    continue
                record = self.store.add_report(upload.content_hash, upload.filename, upload.suffix, upload.data)
                self.queue.submit(record)
                outcomes.append(UploadOutcome(id=record.id, file=record.filename, status="queued"))
        return outcomes

    def rerun(self, report_id: str) -> None:
        record = self.record(report_id)
        if not record.stored_name:
            raise NotReady("该文件未能保存，无法重新审阅，请重新上传")
        self.store.set_status(record.id, "queued")
        self.queue.submit(record)

    # --------------------------------------------------------------------------------------- screening

    def screening(self) -> list[ScreeningRow]:
        """Unreadable files first, then the most errors, the most warnings, the lowest score; queued last."""
        records = self.store.reports()
        decided = self.store.item_decisions()
        rows: dict[str, ScreeningRow] = {}
        batch_rows: list[BatchRow] = []
        waiting = []
        for record in records:
            batch = BatchRow.model_validate_json(record.row_json) if record.row_json else None
            if batch is None and record.status == "error":  # refused before any reader saw it (size, zip)
                batch = BatchRow(file=record.filename, status="error", message=record.message, key=record.content_hash)
            row = self._row(record, batch, decided.get(record.content_hash, []))
            rows[record.content_hash] = row
            if batch is not None:
                batch_rows.append(batch)
            else:
                waiting.append(row)
        return [rows[r.key] for r in attention_order(batch_rows) if r.key in rows] + waiting

    def _row(self, record: ReportRecord, batch: BatchRow | None, decisions: list[Decision]) -> ScreeningRow:
        row = ScreeningRow(
            id=record.id,
            file=record.filename,
            status=record.status,
            status_name=STATUS_NAMES[record.status],
            review_status=record.review_status,
            review_status_name=REVIEW_STATUS_NAMES[record.review_status],
            unit=record.unit,
            year=record.year,
            message=record.message,
            previous_id=record.previous_id,
            uploaded_at=record.uploaded_at,
        )
        if batch is None:
            return row
        points = dict(batch.items)
        points.update({d.target: d.points for d in decisions if d.target in points})
        scored = [i for i, p in points.items() if p is not None]
        final = round(sum(points[i] or 0.0 for i in scored), 2) if scored else None
        assessed = sum(self.max_points.get(i, 0.0) for i in scored)
        return row.model_copy(
            update={
                "draft_points": batch.total_points,
                "final_points": final,
                "assessed_max_points": assessed,
                "max_points": sum(self.max_points.get(i, 0.0) for i in points) if points else 0.0,
                "percent": round(final / assessed * 100, 1) if final is not None and assessed else None,
                "errors": batch.errors,
                "warnings": batch.warnings,
                "message": batch.message or record.message,
                "reference_only": batch.reference_only,
            }
        )

    # ------------------------------------------------------------------------------------------ report

    def record(self, report_id: str) -> ReportRecord:
        record = self.store.report(report_id)
        if record is None:
            raise NotFound(f"没有编号为「{report_id}」的报告，请回到报告列表重新选择")
        return record

    def result(self, record: ReportRecord) -> ReviewResult:
        if record.result_json is None:
            if record.status == "error":
                raise NotReady(f"「{record.filename}」无法审阅：{record.message}")
            raise NotReady(f"「{record.filename}」尚在审阅中，请稍后再试")
        return ReviewResult.model_validate_json(record.result_json)

    def document(self, record: ReportRecord) -> Document | None:
        return Document.model_validate_json(record.document_json) if record.document_json else None

    def decisions(self, record: ReportRecord, result: ReviewResult) -> list[Decision]:
        """This content's decisions, and verdicts carried over from earlier versions of the report."""
        earlier = []
        seen = {record.id}
        previous_id = record.previous_id
        while previous_id and previous_id not in seen:
            seen.add(previous_id)
            previous = self.store.report(previous_id)
            if previous is None:
                break
            earlier.append((previous.id, self.store.decisions(previous.content_hash)))
            previous_id = previous.previous_id
        return carry_over(result, self.store.decisions(record.content_hash), earlier)

    def final(self, record: ReportRecord, result: ReviewResult) -> Final:
        return final_of(result, self.decisions(record, result))

    def comparison(self, record: ReportRecord, result: ReviewResult) -> Comparison | None:
        previous = self.store.report(record.previous_id) if record.previous_id else None
        if previous is None or previous.result_json is None:
            return None
        texts = None
        before, after = self.document(self.record(previous.id)), self.document(record)
        if before is not None and after is not None:
            texts = (section_texts(before), section_texts(after))
        return compare(previous.id, previous.filename, self.result(previous), result, texts)

    def detail(self, report_id: str) -> dict[str, Any]:
        """The review JSON contract plus `decisions`, `final` and, in round two, `comparison`."""
        record = self.record(report_id)
        result = self.result(record)
        comparison = self.comparison(record, result)
        return {
            **result.model_dump(mode="json"),
            "report_id": record.id,
            "review_status": record.review_status,
            "decisions": [d.model_dump(mode="json") for d in self.decisions(record, result)],
            "final": self.final(record, result).model_dump(mode="json"),
            "comparison": comparison.model_dump(mode="json") if comparison else None,
        }

    def decide(self, report_id: str, posted: DecisionIn, who: str) -> Final:
        record = self.record(report_id)
        result = self.result(record)
        decision = validate_decision(result, posted, who, now())
        self.store.add_decision(record.content_hash, decision)
        return self.final(record, result)

    def set_review_status(self, report_id: str, status: str) -> None:
        record = self.record(report_id)
        if status not in REVIEW_STATUS_NAMES:
            raise DecisionError("审核状态应为 pending（待审）、reviewed（已审）或 returned（已退回）")
        self.store.set_review_status(record.id, status)  # type: ignore[arg-type]

    # ----------------------------------------------------------------------------------------- exports

    def opinion_docx(self, report_id: str, reviewer: str = "") -> bytes:
        from ..wordfile.opinion import Opinion, OpinionRow, opinion_docx

        record = self.record(report_id)
        result = self.result(record)
        final = self.final(record, result)
        today = date.today()
        opinion = Opinion(
            unit=result.document.unit,
            year=result.document.year,
            filename=record.filename,
            rows=[
                OpinionRow(name=i.name, max_points=i.max_points, draft=i.draft, final=i.final, note=i.note)
                for i in final.items
            ],
            total_final=final.total.final,
            total_draft=final.total.draft,
            assessed_max_points=final.total.assessed_max_points,
            max_points=final.total.max_points,
            to_correct=final.to_correct,
            remarks=final.remarks,
            reviewer=reviewer,
            date=f"{today.year}年{today.month}月{today.day}日",
        )
        return opinion_docx(opinion)

    def annotated_docx(self, report_id: str) -> bytes:
        from ..read import read_report
        from ..structure import analyse
        from ..suggest import annotation_notes, make_suggestions
        from ..wordfile import write_annotated_copy

        record = self.record(report_id)
        self.result(record)
        document = self.document(record)
        if document is None or document.format != "docx":
            raise NotReady(f"「{record.filename}」不是 Word（.docx）文件，无法生成带批注的副本")
        source = self.store.file_path(record)
        report = analyse(read_report(source))
        suggestions = make_suggestions(report, self.options)
        notes = [(note.anchor, note.text) for note in annotation_notes(report, suggestions)]
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "annotated.docx"
            write_annotated_copy(source, target, notes)
            return target.read_bytes()

    def summary_xlsx(self, base_url: str) -> bytes:
        """The screening table as a workbook, laid out as the batch's summary.xlsx (the same leading
        columns and headers), each report linked to its page here; then the draft score and the review
        status."""
        columns = [*LEADING_COLUMNS, SummaryColumn("初评得分", "number"), SummaryColumn("审核状态", "status")]
        cells: list[list[Cell]] = []
        for row in self.screening():
            line = SummaryLine(
                file=row.file,
                link=f"{base_url.rstrip('/')}/reports/{row.id}",
                status=row.status_name,
                unit=row.unit,
                year=row.year,
                points=row.final_points,
                assessed=row.assessed_max_points,
                reviewed=row.status == "ok",
                errors=row.errors,
                warnings=row.warnings,
                note=row.message,
                reference_only=row.reference_only,
            )
            draft = "" if row.draft_points is None else row.draft_points
            cells.append([*line.cells(), draft, row.review_status_name])
        return summary_xlsx(SummaryTable(columns=columns, cells=cells), sheet_title="筛查汇总")
