"""The workbench over HTTP: every route, decisions that survive a restart and a re-upload, round two,
the token rule, hostile uploads."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from conftest import SEED_000, SEED_004, seed_path
from starlette.testclient import TestClient

from reviewer.batch import LEADING_COLUMNS, LINK_TEXT, WIDTH_CAPS
from reviewer.quotes import display_width
from reviewer.web.app import create_app


def _threads(workers: int) -> Executor:
    # The review in threads of the test process: its modules are loaded once for the whole suite.
    return ThreadPoolExecutor(max_workers=workers)


@contextmanager
def workbench(data: Path, token: str | None = None) -> Iterator[TestClient]:
    app = create_app(data, token=token, workers=2, executor_factory=_threads)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        yield client


def upload(client: TestClient, *files: tuple[str, bytes], **headers: str) -> list[dict]:
    response = client.post(
        "/api/reports", files=[("file", (name, data)) for name, data in files], headers=headers or None
    )
    assert response.status_code == 201, response.text
    return response.json()["reports"]


def wait_done(client: TestClient, timeout: float = 30.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get("/api/reports").json()
        if not body["busy"] and all(r["status"] in ("ok", "error") for r in body["reports"]):
            return body["reports"]
        time.sleep(0.05)
    raise AssertionError("reviews did not finish in time")


def seed(name: str, fmt: str = "docx") -> tuple[str, bytes]:
    return f"{name}.{fmt}", seed_path(name, fmt).read_bytes()


def test_upload_review_decide_export_and_restart(tmp_path: Path) -> None:
    with workbench(tmp_path) as client:
        uploaded = upload(client, seed(SEED_000), seed(SEED_004))
        assert [u["status"] for u in uploaded] == ["queued", "queued"]
        rows = wait_done(client)
        assert {r["status"] for r in rows} == {"ok"}
        assert rows[0]["errors"] >= rows[1]["errors"]  # the most errors first
        first = next(u["id"] for u in uploaded if u["file"].startswith(SEED_000))

        detail = client.get(f"/api/reports/{first}").json()
        assert detail["schema_version"] and detail["document"]["unit"] == "双牌县科技和工业信息化局"
        assert detail["document"]["path"] == f"{SEED_000}.docx"  # the uploaded name, not the stored one
        assert detail["decisions"] == [] and detail["final"]["total"]["final"] == detail["total"]["points"]
        item = next(i for i in detail["items"] if i["points"] is not None)
        finding = detail["findings"][0]

        new_points = item["max_points"] if item["points"] != item["max_points"] else 0
        response = client.post(
            f"/api/reports/{first}/decisions",
            json={"item": item["id"], "points": new_points, "note": "佐证充分", "who": "张三"},
        )
        assert response.status_code == 200, response.text
        final_item = next(i for i in response.json()["final"]["items"] if i["id"] == item["id"])
        assert (final_item["draft"], final_item["final"], final_item["changed"]) == (item["points"], new_points, True)
        verdict = client.post(
            f"/api/reports/{first}/decisions",
            json={"finding": finding["id"], "verdict": "not_an_error", "note": "口径不同"},
        )
        assert verdict.status_code == 200
        client.post(f"/api/reports/{first}/decisions", json={"remark": "请于五个工作日内修改后重新报送。"})
        assert client.post(f"/api/reports/{first}/status", json={"status": "returned"}).status_code == 200

        # Bad decisions: 4xx with a Chinese message, nothing stored.
        too_many = client.post(f"/api/reports/{first}/decisions", json={"item": item["id"], "points": 999})
        assert too_many.status_code == 422 and "之间" in too_many.json()["error"]
        assert client.post("/api/reports/nosuch/decisions", json={"item": "x", "points": 1}).status_code == 404
        assert (
            client.post(f"/api/reports/{first}/decisions", json={"finding": "nope", "verdict": "confirmed"}).status_code
            == 422
        )
        assert client.post(f"/api/reports/{first}/decisions", content=b"not json").status_code == 422

        opinion = client.get(f"/api/reports/{first}/opinion.docx", params={"reviewer": "张三"})
        assert opinion.status_code == 200 and opinion.content[:2] == b"PK"
        annotated = client.get(f"/api/reports/{first}/annotated.docx")
        assert annotated.status_code == 200 and annotated.content[:2] == b"PK"
        summary = client.get("/api/export/summary.xlsx")
        assert summary.status_code == 200

    from openpyxl import load_workbook

    from reviewer.wordfile import open_document, read_comments

    path = tmp_path / "opinion.docx"
    path.write_bytes(opinion.content)
    text = "\n".join(p.text for p in open_document(path).paragraphs)
    cells = [c.text for t in open_document(path).tables for row in t.rows for c in row.cells]
    assert (
        f"双牌县科技和工业信息化局{detail['document']['year']}年度绩效自评报告审核意见" in text
        and "请于五个工作日内修改后重新报送。" in text
    )
    assert "审核人：张三" in text and "日期" in text and "佐证充分" in cells and f"{new_points:g}" in cells
    assert finding["message"] not in text  # dismissed as 不是错误: not in the findings to correct
    annotated_path = tmp_path / "annotated.docx"
    annotated_path.write_bytes(annotated.content)
    assert read_comments(annotated_path)
    sheet = load_workbook(io.BytesIO(summary.content)).active
    # Laid out as the batch's summary.xlsx, by the same function: its headers (counts by root cause), widths
    # with a CJK character counting two, frozen and filtered header, A4 landscape; then 初评得分 and 审核状态.
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in LEADING_COLUMNS] + ["初评得分", "审核状态"]
    assert "错误（按根因计）" in headers and "警告（按根因计）" in headers
    assert sheet.title == "筛查汇总" and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    units = [str(c.value or "") for (c,) in sheet.iter_rows(min_col=4, max_col=4)]
    assert sheet.column_dimensions["D"].width == min(max(map(display_width, units)), WIDTH_CAPS["unit"]) + 2
    link = sheet.cell(row=next(n for n, u in enumerate(units, 1) if n > 1 and u), column=2)
    assert link.value == LINK_TEXT and link.hyperlink.target.startswith("http://127.0.0.1:8765/reports/")

    # A new server on the same data folder: everything decided is still there; a re-upload reuses it.
    with workbench(tmp_path) as client:
        detail = client.get(f"/api/reports/{first}").json()
        assert {d["kind"] for d in detail["decisions"]} == {"item", "finding", "remark"}
        assert next(d for d in detail["decisions"] if d["kind"] == "item")["who"] == "张三"
        assert detail["review_status"] == "returned"
        again = upload(client, seed(SEED_000))
        assert again[0]["duplicate"] and again[0]["id"] == first
        assert client.post(f"/api/reports/{first}/rerun").status_code == 202
        wait_done(client)
        final = client.get(f"/api/reports/{first}").json()["final"]
        assert next(i for i in final["items"] if i["id"] == item["id"])["final"] == new_points
        assert next(f for f in final["findings"] if f["id"] == finding["id"])["verdict"] == "not_an_error"
        rows = client.get("/api/reports").json()["reports"]
        assert next(r for r in rows if r["id"] == first)["review_status_name"] == "已退回"


def test_pages_render_escaped_and_decide_through_forms(tmp_path: Path) -> None:
    hostile = b"<script>alert(1)</script>"
    with workbench(tmp_path) as client:
        response = client.post(
            "/upload", files=[("file", (f"{SEED_000}.docx", seed_path(SEED_000, "docx").read_bytes()))]
        )
        assert response.status_code == 200 and "报告筛查" in response.text
        upload(client, ("<img src=x onerror=alert(1)>.txt", hostile))
        rows = wait_done(client)
        index = client.get("/").text
        assert "<img src=x" not in index and "&lt;img src=x onerror=alert(1)&gt;.txt" in index
        report_id = next(r["id"] for r in rows if r["status"] == "ok")
        detail = client.get(f"/api/reports/{report_id}").json()
        finding = detail["findings"][0]

        page = client.get(f"/reports/{report_id}").text
        assert "评分" in page and "报告原文" in page and f'id="finding-{finding["id"]}"' in page
        cell = finding["location_ref"]["place"]["cell"]
        assert f'href="#c-{cell["table"]}-{cell["row"]}-{cell["col"]}"' in page
        assert f'id="c-{cell["table"]}-{cell["row"]}-{cell["col"]}"' in page
        assert "<mark>" in page  # evidence highlighted in the report text

        client.post("/name", data={"name": "李四"})
        item = detail["items"][-1]
        done = client.post(f"/reports/{report_id}/decide", data={"item": item["id"], "points": "1", "note": "偏高"})
        assert done.status_code == 200
        client.post(f"/reports/{report_id}/decide", data={"finding": finding["id"], "verdict": "not_an_error"})
        client.post(f"/reports/{report_id}/status", data={"status": "reviewed"})
        decisions = client.get(f"/api/reports/{report_id}").json()["decisions"]
        assert {d["who"] for d in decisions} == {"李四"}
        page = client.get(f"/reports/{report_id}").text
        assert "初评" in page and "不是错误" in page
        bad = client.post(f"/reports/{report_id}/decide", data={"item": item["id"], "points": "-3"})
        assert bad.status_code == 422 and "之间" in bad.text
        assert client.get("/reports/nosuch").status_code == 404
        assert client.get("/static/app.js").status_code == 200
        assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


def test_round_two_links_versions_and_carries_decisions(tmp_path: Path) -> None:
    text = seed_path(SEED_000, "txt").read_text("utf-8")
    with workbench(tmp_path) as client:
        (first,) = upload(client, ("v1.txt", text.encode()))
        wait_done(client)
        detail = client.get(f"/api/reports/{first['id']}").json()
        kept = detail["findings"][-1]
        client.post(f"/api/reports/{first['id']}/decisions", json={"finding": kept["id"], "verdict": "confirmed"})
        fixed = detail["findings"][0]
        # The resubmission corrects the figure of the first finding.
        stated = f"{fixed['stated']:g}" if fixed["stated"] is not None else None
        computed = f"{fixed['computed']:.2f}" if fixed["computed"] is not None else None
        assert stated and computed and stated in text
        revised = text.replace(stated, computed, 1).replace(
            "2、绩效评价工作机制有待完善。", "2、绩效评价工作机制有待完善，原因是评价人员不足，全年仅开展1次培训。"
        )
        (second,) = upload(client, ("v2.txt", revised.encode()))
        wait_done(client)
        after = client.get(f"/api/reports/{second['id']}").json()
        comparison = after["comparison"]
        assert comparison["previous_id"] == first["id"]
        assert comparison["kept"] >= 1 and isinstance(comparison["fixed"], list)
        rewritten = {s["name"] for s in comparison["sections"] if s["rewritten"]}
        assert "存在的问题及原因分析" in rewritten and "下一步改进措施" not in rewritten
        assert {i["id"] for i in comparison["items"]} == {i["id"] for i in detail["items"]}
        carried = next(d for d in after["decisions"] if d["target"] == kept["id"])
        assert carried["carried_from"] == first["id"] and carried["verdict"] == "confirmed"
        assert "与上一版比较" in client.get(f"/reports/{second['id']}").text
        not_word = client.get(f"/api/reports/{second['id']}/annotated.docx")
        assert not_word.status_code == 409 and "不是 Word" in not_word.json()["error"]
        rows = client.get("/api/reports").json()["reports"]
        assert next(r for r in rows if r["id"] == second["id"])["previous_id"] == first["id"]


def test_hostile_uploads_become_error_rows(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../etc/evil.docx", b"PK\x03\x04 not really a docx")
        archive.writestr("报告.txt", seed_path(SEED_004, "txt").read_bytes())
        archive.writestr("readme.exe", b"MZ")
    with workbench(tmp_path) as client:
        outcomes = upload(
            client,
            ("broken.docx", b"PK\x03\x04garbage"),
            ("empty.txt", b""),
            ("photo.docx", b"\xff\xd8\xff\xe0" + b"\x00" * 100),
            ("bad.zip", b"PK\x05\x06 nope"),
            ("reports.zip", bomb.getvalue()),
        )
        assert len(outcomes) == 6  # the zip's two report files, its .exe ignored
        rows = wait_done(client)
        assert sum(r["status"] == "ok" for r in rows) == 1
        errors = [r for r in rows if r["status"] == "error"]
        assert len(errors) == 5 and all(r["message"] for r in errors)
        assert [r["status"] for r in rows[:5]] == ["error"] * 5  # unreadable first, refused zips included
        assert all(".." not in p.name for p in (tmp_path / "files").iterdir())
        assert any(r["file"] == "reports.zip/evil.docx" for r in rows)
        stored = {p.name for p in (tmp_path / "files").iterdir()}
        assert all(len(name.split(".")[0]) == 12 for name in stored)
        bad_id = errors[0]["id"]
        assert client.get(f"/api/reports/{bad_id}").status_code == 409
        assert client.get(f"/reports/{bad_id}").status_code == 200
        assert client.post("/api/reports", files=[]).status_code == 422
        huge = client.post("/api/reports", content=b"x", headers={"content-length": str(10**10)})
        assert huge.status_code == 413 and "过大" in huge.json()["error"]


def test_cross_site_requests_are_refused(tmp_path: Path) -> None:
    with workbench(tmp_path) as client:
        refused = client.post("/api/reports", files=[seed(SEED_000)], headers={"origin": "http://evil.example"})
        assert refused.status_code == 403 and "跨站" in refused.json()["error"]
        same = client.post("/name", data={"name": "王五"}, headers={"origin": "http://127.0.0.1:8765"})
        assert same.status_code == 200


def test_token_required_when_set(tmp_path: Path) -> None:
    with workbench(tmp_path, token="s3cret") as client:
        assert client.get("/api/reports").status_code == 401
        assert client.get("/api/reports", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/reports", headers={"authorization": "Bearer s3cret"}).status_code == 200
        login = client.get("/")
        assert "访问令牌" in login.text  # redirected to the login page
        assert client.post("/login", data={"token": "nope"}).status_code == 401
        assert client.post("/login?next=/", data={"token": "s3cret"}).status_code == 200
        assert client.get("/api/reports").status_code == 200  # the cookie


def test_store_schema_is_versioned(tmp_path: Path) -> None:
    import sqlite3

    from reviewer.web.store import SCHEMA_VERSION, Store, StoreError

    store = Store(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION
    assert sqlite3.connect(tmp_path / "workbench.sqlite3").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    db = sqlite3.connect(tmp_path / "workbench.sqlite3")
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="更新版本"):
        Store(tmp_path)


def test_only_this_machine_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.errors import ConfigError
    from reviewer.web.server import access_token, startup_message

    monkeypatch.delenv("REVIEWER_TOKEN", raising=False)
    assert access_token("127.0.0.1", None) is None
    with pytest.raises(ConfigError, match="必须设置访问令牌"):
        access_token("0.0.0.0", None)
    assert access_token("0.0.0.0", "abc") == "abc"
    monkeypatch.setenv("REVIEWER_TOKEN", "from-env")
    assert access_token("192.168.1.20", None) == "from-env"
    assert "已启用访问令牌" in startup_message("0.0.0.0", 8765, Path("d"), "from-env")
    assert "仅本机可访问" in startup_message("127.0.0.1", 8765, Path("d"), None)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_command_runs_a_real_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    import httpx

    from reviewer.cli import main

    monkeypatch.delenv("REVIEWER_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "x")]) != 0
    assert "必须设置访问令牌" in capsys.readouterr().err

    port = _free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "reviewer.cli", "serve", "--port", str(port), "--data", str(tmp_path)),
            *("--token", "t0k", "--add", str(seed_path(SEED_000, "txt"))),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        started = "".join(server.stdout.readline() for _ in range(3))
        assert "已载入 1 份报告" in started and "已启用访问令牌" in started
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"{base}/api/reports", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        assert response.status_code == 401
        auth = {"authorization": "Bearer t0k"}
        name, data = seed(SEED_004, "txt")
        uploaded = httpx.post(f"{base}/api/reports", files=[("file", (name, data))], headers=auth, timeout=10)
        assert uploaded.status_code == 201 and uploaded.json()["reports"][0]["status"] == "queued"
        index = httpx.get(f"{base}/", headers=auth, timeout=5)
        assert index.status_code == 200 and name in index.text and f"{SEED_000}.txt" in index.text
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (tmp_path / "workbench.sqlite3").exists()


def test_a_worker_hands_back_what_the_store_keeps(tmp_path: Path) -> None:
    import pickle

    from reviewer.review import ReviewOptions
    from reviewer.web.worker import review_stored

    broken = tmp_path / "a1b2c3d4e5f6.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    reviewed = pickle.loads(pickle.dumps(review_stored(str(broken), ReviewOptions().model_dump_json(), "科技局.docx")))
    assert reviewed.status == "error" and "科技局.docx" in reviewed.message and str(broken) not in reviewed.message
    assert reviewed.result_json is None and '"status":"error"' in reviewed.row_json


def test_the_export_marks_a_score_from_a_rubric_for_another_kind(tmp_path: Path) -> None:
    # A 项目支出 report scored with the bundled 部门整体 rubric: its score is for reference only, in the
    # workbench's export as in the batch summary (text marked 仅供参考, not a number to sort among the others).
    import split_forms
    from openpyxl import load_workbook

    from reviewer.batch import SCORE_HEADER

    project = split_forms.split_markdown(tmp_path / "project.md")
    with workbench(tmp_path / "data") as client:
        upload(client, seed(SEED_000), ("project.md", project.read_bytes()))
        rows = wait_done(client)
        assert {r["status"] for r in rows} == {"ok"}
        summary = client.get("/api/export/summary.xlsx")
    (tmp_path / "s.xlsx").write_bytes(summary.content)
    sheet = load_workbook(tmp_path / "s.xlsx").active
    headers = [c.value for c in sheet[1]]
    score = headers.index(SCORE_HEADER)
    by_file = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert str(by_file["project.md"][score]).endswith("（仅供参考）"), by_file["project.md"]
    assert "仅供参考" not in str(by_file[f"{SEED_000}.docx"][score])
