"""The workbench in a real browser (the system Chromium through Playwright): upload both seeds, open one,
change an item's points with a note, mark a finding 「不是错误」, export the opinion and the summary,
check their contents; screenshots of each page go to test-artefacts/web/.

Skipped when Playwright or Chromium is missing (CI installs them)."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser import BROWSER_ARGS, CHROMIUM, artefacts, browser_or_skip

sync_api = browser_or_skip()
uvicorn = pytest.importorskip("uvicorn")

from conftest import SEED_000, SEED_004, seed_path  # noqa: E402

from reviewer.web.app import create_app  # noqa: E402


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A real uvicorn on 127.0.0.1 (in a thread; the reviews in threads of this process)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(tmp_path / "data", workers=2, executor_factory=lambda n: ThreadPoolExecutor(max_workers=n))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=20)


def test_a_reviewer_works_through_the_pages(server: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from reviewer.wordfile import open_document

    shots = artefacts("web")
    files = [tmp_path / f"{SEED_000}.docx", tmp_path / f"{SEED_004}.docx"]
    for path in files:
        path.write_bytes(seed_path(path.stem, "docx").read_bytes())
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
            page.set_default_timeout(20_000)
            page.goto(server + "/")
            page.fill("input[name=name]", "赵六")
            page.click("form.who button")
            page.set_input_files("#file-input", [str(p) for p in files])
            # The script uploads, polls, and reloads the page when both are reviewed.
            page.locator("#reports tbody tr.status-ok").nth(1).wait_for()
            page.screenshot(path=str(shots / "1-screening.png"), full_page=True)
            assert page.locator("#reports thead th").first.inner_text() == "#"

            page.click(f"#reports a:has-text('{SEED_000}')")
            page.wait_for_selector("#card")
            page.screenshot(path=str(shots / "2-report.png"))
            row = page.locator("#card tbody tr").last
            item_id = (row.get_attribute("id") or "").removeprefix("item-")
            row.locator("input[name=points]").fill("1")
            row.locator("input[name=note]").fill("佐证不足，酌情扣分")
            row.locator("button").click()
            page.wait_for_selector(f"#item-{item_id} .was")
            assert "佐证不足，酌情扣分" in page.locator(f"#item-{item_id}").inner_text()

            finding = page.locator("#findings .finding").first
            finding_id = finding.get_attribute("id")
            finding.locator("button:has-text('不是错误')").click()
            page.wait_for_selector(f"#{finding_id}.verdict-not_an_error")
            link = page.locator(f"#{finding_id} a.loc").first
            target = (link.get_attribute("href") or "").lstrip("#")
            link.click()
            assert page.locator(f"[id='{target}']").is_visible()
            page.screenshot(path=str(shots / "3-decided.png"))
            page.emulate_media(media="print")
            assert not page.locator("form.decide").first.is_visible()  # printed: no forms, one column
            page.screenshot(path=str(shots / "4-report-printed.png"))
            page.emulate_media(media="screen")

            with page.expect_download() as download:
                page.click("text=导出审核意见（.docx）")
            opinion = tmp_path / "opinion.docx"
            download.value.save_as(opinion)
            page.goto(server + "/")
            assert "赵六" in page.locator("input[name=name]").input_value()
            with page.expect_download() as download:
                page.click("text=导出汇总表（.xlsx）")
            summary = tmp_path / "summary.xlsx"
            download.value.save_as(summary)
            page.screenshot(path=str(shots / "5-screening-after.png"), full_page=True)
        finally:
            browser.close()

    document = open_document(opinion)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "佐证不足，酌情扣分" in cells and "审核人：赵六" in "\n".join(p.text for p in document.paragraphs)
    sheet = load_workbook(io.BytesIO(summary.read_bytes())).active
    assert [c.value for c in sheet[1]][:4] == ["文件", "审阅意见", "状态", "单位"] and sheet.max_row == 3
