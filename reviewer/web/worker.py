"""Reviews in the background: a pool of worker processes fed by the store, so that the pages stay
responsive while a batch runs. Each job returns the batch's record (a broken file is an error row,
never a crash) and the document as read, for the report view; the file is read once for both."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..batch import BatchRecord, BatchStatus, row_from
from ..errors import ReviewerError
from ..review import ReviewOptions
from .store import ReportRecord, Store

ExecutorFactory = Callable[[int], Executor]


class Reviewed(BaseModel):
    """What a worker hands back, ready to store: the server process only writes it."""

    model_config = ConfigDict(extra="forbid")

    status: BatchStatus
    message: str
    result_json: str | None
    document_json: str | None
    row_json: str
    unit: str = ""
    year: int | None = None


def review_stored(path: str, options_json: str, filename: str = "", content_hash: str = "") -> Reviewed:
    """Worker: review the stored file and serialise what the store keeps (the file is read once)."""
    from ..read import read_report
    from ..review import review_report
    from ..structure import analyse

    try:
        document = read_report(path)
        result = review_report(analyse(document), ReviewOptions.model_validate_json(options_json))
    except ReviewerError as exc:
        return prepared(BatchRecord(status="error", message=str(exc)), None, path, filename, content_hash)
    except Exception as exc:  # a bug on one odd file must not stop the others
        message = f"内部错误（{type(exc).__name__}: {exc}），请反馈给开发者"
        return prepared(BatchRecord(status="error", message=message), None, path, filename, content_hash)
    return prepared(BatchRecord(status="ok", result=result), document.model_dump_json(), path, filename, content_hash)


def prepared(record: BatchRecord, document_json: str | None, path: str, filename: str, content_hash: str) -> Reviewed:
    """The record as stored: people see the name they uploaded, never the generated one."""
    filename = filename or Path(path).name
    message = record.message.replace(path, filename)
    result = record.result
    if result is not None:
        result = result.model_copy(update={"document": result.document.model_copy(update={"path": filename})})
    record = record.model_copy(update={"message": message, "result": result})
    row = row_from(Path(filename), content_hash, record, "")
    return Reviewed(
        status=record.status,
        message=message,
        result_json=result.model_dump_json() if result else None,
        document_json=document_json,
        row_json=row.model_dump_json(),
        unit=result.document.unit if result else "",
        year=result.document.year if result else None,
    )


_WARM_UP_TEXT = (
    "某单位2023年度部门整体支出绩效自评报告\n一、部门概况\n主要职能。\n"
    "二、存在的问题\n1.资金使用效率不高，原因是管理不严。\n三、改进措施\n1.加强资金管理，提高资金使用效率。\n"
)


def _warm_up() -> None:
    # One tiny review loads what every review needs (modules, rubric, lexicon, word segmenter) before the
    # first upload does; the pool's workers are forked from a process that already has the modules.
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "warm-up.txt"
        path.write_text(_WARM_UP_TEXT, "utf-8")
        review_stored(str(path), ReviewOptions().model_dump_json())


# Imported once in the fork server; every worker process starts with them loaded.
_PRELOAD = ["reviewer.web.worker", "reviewer.structure", "reviewer.read", "reviewer.wordfile"]


def process_pool(workers: int) -> Executor:
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def default_workers() -> int:
    # One core stays with the web server on a small machine.
    return max(1, (os.cpu_count() or 2) - 1)


class ReviewQueue:
    """Submits queued reports to the pool and stores each result as soon as it is done."""

    def __init__(
        self, store: Store, options: ReviewOptions, workers: int, executor_factory: ExecutorFactory | None = None
    ) -> None:
        self.store, self.options, self.workers = store, options, workers
        self._factory = executor_factory or process_pool
        self._options_json = options.model_dump_json()
        self._lock = threading.Lock()
        self._executor: Executor | None = None
        self._pending: set[str] = set()

    def start(self) -> None:
        """Start the pool, and requeue what a previous run left queued or running.

        Starting worker processes takes seconds: it happens on a thread, so that the server answers at once.
        """
        with self._lock:
            self._executor = self._factory(self.workers)
        threading.Thread(target=self._warm_up_and_requeue, name="review-pool-start", daemon=True).start()

    def _warm_up_and_requeue(self) -> None:
        with self._lock:
            if self._executor is None:
                return
            for _ in range(self.workers):
                self._executor.submit(_warm_up)
        for report in self.store.with_status("queued", "running"):
            self.submit(report)

    def stop(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def busy(self) -> int:
        with self._lock:
            return len(self._pending)

    def submit(self, report: ReportRecord) -> None:
        with self._lock:
            if self._executor is None or report.id in self._pending:
                return
            self._pending.add(report.id)
            path = str(self.store.file_path(report))
            future = self._executor.submit(
                review_stored, path, self._options_json, report.filename, report.content_hash
            )
        self.store.set_status(report.id, "running")
        future.add_done_callback(lambda done: self._finished(report, path, done))

    def _finished(self, report: ReportRecord, path: str, future: Future[Reviewed]) -> None:
        try:
            if future.cancelled():
                return  # the server is stopping: the report stays queued for the next start
            try:
                reviewed = future.result()
            except Exception as exc:  # the worker process died (memory, a crash in a library)
                error = BatchRecord(status="error", message=f"审阅进程异常退出（{exc}）")
                reviewed = prepared(error, None, path, report.filename, report.content_hash)
                self._restart_pool()
            try:
                self.store_reviewed(report, reviewed)
            except Exception:
                if self._executor is not None:
                    raise
                # Stopping: the store is closed; the report stays queued and is reviewed at the next start.
        finally:
            with self._lock:
                self._pending.discard(report.id)

    def _restart_pool(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=False)
                self._executor = self._factory(self.workers)

    def store_reviewed(self, report: ReportRecord, reviewed: Reviewed) -> None:
        update = {"unit": reviewed.unit, "year": reviewed.year}
        earlier = self.store.earlier_version(report.model_copy(update=update))
        self.store.finish(
            report.id,
            status=reviewed.status,
            message=reviewed.message,
            result_json=reviewed.result_json,
            document_json=reviewed.document_json,
            row_json=reviewed.row_json,
            unit=reviewed.unit,
            year=reviewed.year,
            previous_id=earlier.id if earlier else None,
        )
