"""Batch pre-screening: every file a row, broken ones say why, resumable, Excel-friendly outputs."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DATA, SEED_000, SEED_004

from reviewer.cli import EXIT_OK, main

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100


def _reports(folder: Path, copies: int = 3) -> Path:
    """Copies of the seeds, each a little different so that each is its own report."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for seed in (SEED_000, SEED_004):
            text = (DATA / f"{seed}.txt").read_text("utf-8") + f"\n（副本 {n}）\n"
            (folder / f"{seed}-{n}.txt").write_text(text, encoding="utf-8")
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / f"{SEED_000}.docx").write_bytes((DATA / f"{SEED_000}.docx").read_bytes())
    return folder


def _broken(folder: Path) -> list[Path]:
    files = [folder / "空报告.docx", folder / "旧格式.doc", folder / "损坏.docx"]
    files[0].write_bytes(b"")
    files[1].write_bytes(OLE)
    files[2].write_bytes((DATA / f"{SEED_004}.docx").read_bytes()[:5000])
    return files


def _rows(out: Path) -> list[dict[str, str]]:
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS need to read UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_every_file_gets_a_row_and_broken_ones_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = _reports(tmp_path / "in")
    broken = _broken(inputs)
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "2"]) == EXIT_OK
    rows = _rows(out)
    assert len(rows) == 6 + 1 + len(broken)
    errors = {Path(r["文件"]).name: r for r in rows if r["状态"] == "无法读取"}
    assert set(errors) == {p.name for p in broken}
    assert "为空" in errors["空报告.docx"]["说明"]
    assert "另存为 .docx" in errors["旧格式.doc"]["说明"]
    assert "损坏" in errors["损坏.docx"]["说明"]
    # unreadable first, then the reports with the most errors
    assert [r["状态"] for r in rows[:3]] == ["无法读取"] * 3
    ok = [r for r in rows if r["状态"] == "正常"]
    assert [int(r["错误（按根因计）"]) for r in ok] == sorted((int(r["错误（按根因计）"]) for r in ok), reverse=True)
    assert {r["单位"] for r in ok} == {"双牌县科技和工业信息化局", "岳阳市科学技术局"}
    reports = [json.loads(p.read_text("utf-8")) for p in (out / "reports").glob("*.json")]
    assert len(reports) == 7 and all(r["document"]["unit"] for r in reports)  # the review contract
    assert "共 10 份，其中无法读取 3 份" in capsys.readouterr().err


def test_xlsx_and_index_are_readable(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    inputs = _reports(tmp_path / "in", copies=1)
    out = tmp_path / "out"
    assert main(["batch", str(inputs / "*.txt"), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    sheet = load_workbook(out / "summary.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["文件", "审阅意见", "状态", "单位"]  # all of them: tests/test_batch_outputs.py
    units = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert units == {"双牌县科技和工业信息化局", "岳阳市科学技术局"}
    index = (out / "index.html").read_text("utf-8")
    assert "<script" not in index and "http" not in index  # no external assets
    for link in [part.split('"')[0] for part in index.split('href="')[1:]]:
        assert (out / link).exists(), link


def test_rerun_skips_what_is_done_and_redoes_what_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = _reports(tmp_path / "in", copies=2)
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    first = capsys.readouterr().err
    assert "本次审阅 5 份" in first
    changed = inputs / f"{SEED_004}-0.txt"
    changed.write_text(changed.read_text("utf-8").replace("26　", "25　"), encoding="utf-8")
    (inputs / "new.txt").write_text((DATA / f"{SEED_000}.txt").read_text("utf-8"), encoding="utf-8")
    start = time.perf_counter()
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    assert time.perf_counter() - start < 10
    assert "本次审阅 2 份，跳过已完成 4 份" in capsys.readouterr().err
    assert len(_rows(out)) == 6


def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(tmp_path: Path) -> None:
    inputs = _reports(tmp_path / "in", copies=20)  # 41 reports: far more than are done when the signal lands
    out = tmp_path / "out"
    command = [sys.executable, "-m", "reviewer.cli", "batch", str(inputs), "-o", str(out), "--jobs", "1"]
    # A shell starts background jobs with SIGINT ignored and a child keeps that (CI does): give the batch the
    # disposition a terminal's foreground command has, or Ctrl-C would be tested as ignored.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / ".records").glob("*.json"))) < 2:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "从中断处继续" in err
    done = len(list((out / ".records").glob("*.json")))
    assert 2 <= done < 41
    assert not list(out.rglob("*.tmp"))  # nothing half-written
    for path in (out / "reports").glob("*.json"):
        json.loads(path.read_text("utf-8"))
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"跳过已完成 {done} 份" in rerun.stderr
    assert len(_rows(out)) == 41


def test_no_reports_found_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) != EXIT_OK
    assert "没有找到" in capsys.readouterr().err


def test_a_folder_takes_every_format_the_reader_reads_and_lists_the_rest(tmp_path: Path) -> None:
    from reviewer.read import READ_SUFFIXES

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "科技局自评.md").write_text((DATA / f"{SEED_000}.txt").read_text("utf-8"), encoding="utf-8")
    (inputs / "附件清单.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    # the same bytes as the report under another type: a row of its own, the report still reviewed
    (inputs / "科技局自评.md.bak").write_bytes((inputs / "科技局自评.md").read_bytes())
    (inputs / "说明").write_text("不是报告", encoding="utf-8")
    (inputs / ".DS_Store").write_bytes(b"\x00")  # hidden: not a row
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    rows = {Path(r["文件"]).name: r for r in _rows(out)}
    assert set(rows) == {"科技局自评.md", "科技局自评.md.bak", "附件清单.xlsx", "说明"}
    assert "不支持的格式（.bak）" in rows["科技局自评.md.bak"]["说明"]
    assert rows["科技局自评.md"]["状态"] == "正常"
    assert "不支持的格式（.xlsx）" in rows["附件清单.xlsx"]["说明"] and ".md" in rows["附件清单.xlsx"]["说明"]
    assert "不支持的格式（无扩展名）" in rows["说明"]["说明"]
    assert {".md", ".docx", ".txt", ".pdf"} <= set(READ_SUFFIXES)
    # a rerun keeps the rows: the unsupported files are listed again, never dropped
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == EXIT_OK
    assert {Path(r["文件"]).name for r in _rows(out)} == set(rows)
