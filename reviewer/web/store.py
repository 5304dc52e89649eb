"""The workbench's storage: one module, one interface, SQLite underneath (WAL, versioned schema).

Everything the workbench keeps goes through `Store`: uploaded reports, their reviews, and the
reviewer's decisions. Decisions are keyed by the report's content hash (and the finding's stable id or
the rubric item's id), never by the upload, so that re-running a review, restarting the server or
re-uploading the same file keeps them. A server database can be added later behind the same class.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

ReportStatus = Literal["queued", "running", "ok", "error", "not_a_report"]
ReviewStatus = Literal["pending", "reviewed", "returned"]
DecisionKind = Literal["item", "finding", "remark"]
Verdict = Literal["confirmed", "not_an_error"]

# Each entry brings the schema from version i to i + 1; never edit one that has shipped, append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        filename TEXT NOT NULL,
        stored_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        uploaded_at TEXT NOT NULL,
        status TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        row_json TEXT,
        unit TEXT NOT NULL DEFAULT '',
        year INTEGER,
        review_status TEXT NOT NULL DEFAULT 'pending'
    );
    CREATE INDEX reports_hash ON reports(content_hash);
    -- The large texts apart, so that the screening table reads small rows only.
    CREATE TABLE reviews (
        report_id TEXT PRIMARY KEY REFERENCES reports(id),
        result_json TEXT,
        document_json TEXT
    );
    CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        content_hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        points REAL,
        verdict TEXT,
        note TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX decisions_hash ON decisions(content_hash);
    """,
    # 2: a resubmission links to the version it replaces (round two).
    "ALTER TABLE reports ADD COLUMN previous_id TEXT;",
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The data folder cannot be used (written by a newer version, not a database)."""


class ReportRecord(BaseModel):
    """One uploaded file and where its review stands."""

    model_config = ConfigDict(extra="forbid")

    id: str
    seq: int
    content_hash: str
    filename: str  # as uploaded: shown, never used as a path
    stored_name: str  # generated
    size: int
    uploaded_at: str
    status: ReportStatus
    message: str = ""
    result_json: str | None = None
    document_json: str | None = None
    row_json: str | None = None
    unit: str = ""
    year: int | None = None
    review_status: ReviewStatus = "pending"
    previous_id: str | None = None


class Decision(BaseModel):
    """What the reviewer decided about one item, finding or (kind remark) the report as a whole."""

    model_config = ConfigDict(extra="forbid")

    kind: DecisionKind
    target: str  # item id, finding id, or "" for a remark
    points: float | None = None
    verdict: Verdict | None = None
    note: str = ""
    who: str
    at: str
    carried_from: str | None = None  # the earlier version's report id, when carried over in round two


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


_SUMMARY_COLUMNS = (
    "id, seq, content_hash, filename, stored_name, size, uploaded_at, status, message, row_json, unit, year, "
    "review_status, previous_id"
)


class Store:
    """SQLite in `data_dir/workbench.sqlite3`, uploaded files in `data_dir/files/` under generated names."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.files_dir = data_dir / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(data_dir / "workbench.sqlite3", check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"数据目录「{data_dir}」中的数据库无法使用：{exc}") from exc

    # ------------------------------------------------------------------------------------------ schema

    def _migrate(self) -> None:
        with self._lock:
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = self._db.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"数据目录「{self.data_dir}」由更新版本的工具创建（数据版本 {version}），请升级 reviewer 后再打开"
                )
            for target in range(version, SCHEMA_VERSION):
                self._db.executescript("BEGIN;" + MIGRATIONS[target] + ";COMMIT;")
                self._db.execute("DELETE FROM schema_version")
                self._db.execute("INSERT INTO schema_version (version) VALUES (?)", (target + 1,))

    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT version FROM schema_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ----------------------------------------------------------------------------------------- reports

    def add_report(self, content_hash: str, filename: str, suffix: str, data: bytes) -> ReportRecord:
        """Store the bytes under a generated name and queue the report."""
        report_id = uuid.uuid4().hex[:12]
        stored_name = f"{report_id}{suffix}"
        (self.files_dir / stored_name).write_bytes(data)
        with self._lock:
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM reports").fetchone()[0]
            self._db.execute(
                "INSERT INTO reports (id, seq, content_hash, filename, stored_name, size, uploaded_at, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')",
                (report_id, seq, content_hash, filename, stored_name, len(data), now()),
            )
        found = self.report(report_id)
        assert found is not None
        return found

    def add_error(self, filename: str, message: str) -> ReportRecord:
        """A file that never reached a reader (too large, unpacking failed): an error row all the same."""
        report_id = uuid.uuid4().hex[:12]
        with self._lock:
            seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM reports").fetchone()[0]
            self._db.execute(
                "INSERT INTO reports (id, seq, content_hash, filename, stored_name, size, uploaded_at, status, message)"
                " VALUES (?, ?, ?, ?, '', 0, ?, 'error', ?)",
                (report_id, seq, f"error:{report_id}", filename, now(), message),
            )
        found = self.report(report_id)
        assert found is not None
        return found

    def report(self, report_id: str) -> ReportRecord | None:
        """One report with its review and the document as read."""
        with self._lock:
            row = self._db.execute(
                "SELECT reports.*, reviews.result_json, reviews.document_json FROM reports "
                "LEFT JOIN reviews ON reviews.report_id = reports.id WHERE id = ?",
                (report_id,),
            ).fetchone()
        return ReportRecord(**dict(row)) if row else None

    def by_hash(self, content_hash: str) -> ReportRecord | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM reports WHERE content_hash = ? ORDER BY seq LIMIT 1", (content_hash,)
            ).fetchone()
        return ReportRecord(**dict(row)) if row else None

    def reports(self) -> list[ReportRecord]:
        """Every report without its (large) review: what the screening table needs."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_SUMMARY_COLUMNS} FROM reports ORDER BY seq").fetchall()
        return [ReportRecord(**dict(row)) for row in rows]

    def with_status(self, *statuses: ReportStatus) -> list[ReportRecord]:
        marks = ",".join("?" * len(statuses))
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM reports WHERE status IN ({marks}) ORDER BY seq", statuses
            ).fetchall()
        return [ReportRecord(**dict(row)) for row in rows]

    def set_status(self, report_id: str, status: ReportStatus) -> None:
        with self._lock:
            self._db.execute("UPDATE reports SET status = ? WHERE id = ?", (status, report_id))

    def finish(
        self,
        report_id: str,
        status: ReportStatus,
        message: str,
        result_json: str | None,
        document_json: str | None,
        row_json: str,
        unit: str,
        year: int | None,
        previous_id: str | None,
    ) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO reviews (report_id, result_json, document_json) VALUES (?, ?, ?)",
                    (report_id, result_json, document_json),
                )
                self._db.execute(
                    "UPDATE reports SET status = ?, message = ?, row_json = ?, unit = ?, year = ?, previous_id = ? "
                    "WHERE id = ?",
                    (status, message, row_json, unit, year, previous_id, report_id),
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def set_review_status(self, report_id: str, status: ReviewStatus) -> None:
        with self._lock:
            self._db.execute("UPDATE reports SET review_status = ? WHERE id = ?", (status, report_id))

    def earlier_version(self, report: ReportRecord) -> ReportRecord | None:
        """The latest reviewed upload of the same unit and year with other content, before this one."""
        if not report.unit or report.year is None:
            return None
        with self._lock:
            row = self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM reports WHERE unit = ? AND year = ? AND status = 'ok' "
                "AND content_hash != ? AND seq < ? ORDER BY seq DESC LIMIT 1",
                (report.unit, report.year, report.content_hash, report.seq),
            ).fetchone()
        return ReportRecord(**dict(row)) if row else None

    def file_path(self, report: ReportRecord) -> Path:
        return self.files_dir / report.stored_name

    # --------------------------------------------------------------------------------------- decisions

    def add_decision(self, content_hash: str, decision: Decision) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO decisions (content_hash, kind, target, points, verdict, note, who, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    content_hash,
                    decision.kind,
                    decision.target,
                    decision.points,
                    decision.verdict,
                    decision.note,
                    decision.who,
                    decision.at,
                ),
            )

    def decisions(self, content_hash: str) -> list[Decision]:
        """The latest decision per item, finding and remark (the history stays in the table)."""
        return self._latest("WHERE content_hash = ?", (content_hash,)).get(content_hash, [])

    def item_decisions(self) -> dict[str, list[Decision]]:
        """Every report's latest item decisions, by content hash: what the screening table's totals need."""
        return self._latest("WHERE kind = 'item'", ())

    def _latest(self, where: str, parameters: tuple[str, ...]) -> dict[str, list[Decision]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT content_hash, kind, target, points, verdict, note, who, at FROM decisions "
                f"{where} ORDER BY seq",
                parameters,
            ).fetchall()
        latest: dict[str, dict[tuple[str, str], Decision]] = {}
        for row in rows:
            data = dict(row)
            content_hash = data.pop("content_hash")
            latest.setdefault(content_hash, {})[(row["kind"], row["target"])] = Decision(**data)
        return {key: list(value.values()) for key, value in latest.items()}
