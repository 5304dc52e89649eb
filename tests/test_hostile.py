"""Hostile inputs: a clear Chinese message naming the file, a non-zero exit, no traceback, no hang."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_000, seed_path

from reviewer.cli import EXIT_INPUT, main

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    docx = seed_path(SEED_000, "docx").read_bytes()
    cases = {
        "doc": (tmp / "老报告.doc", OLE, "另存为 .docx"),
        "wps": (tmp / "报告.wps", OLE, "另存为 .docx"),
        "renamed-doc": (tmp / "改名.docx", OLE, "另存为 .docx"),
        "pdf": (tmp / "报告.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        "png": (tmp / "扫描件.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "图片"),
        "jpeg": (tmp / "照片.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "图片"),
        "empty": (tmp / "空.docx", b"", "为空"),
        "truncated-docx": (tmp / "截断.docx", docx[: len(docx) // 2], "损坏"),
        "binary": (tmp / "乱码.txt", bytes(range(256)) * 64, "编码"),
        "control-chars": (tmp / "控制符.txt", b"\x01\x02\x03abc" * 500, "不是文字"),
        "rar": (tmp / "报告.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 50, "压缩包"),
    }
    out = {}
    for key, (path, data, expect) in cases.items():
        path.write_bytes(data)
        out[key] = (path, expect)
    out["zip-not-word"] = (_zip(tmp / "材料.zip", {"a.txt": b"hello"}), "不是 Word 文档")
    out["encrypted"] = (
        _zip(tmp / "加密.docx", {"EncryptionInfo": b"x", "EncryptedPackage": b"y", "word/document.xml": b"<x/>"}),
        "密码",
    )
    out["broken-xml"] = (_zip(tmp / "坏结构.docx", {"word/document.xml": b"<not xml", "[Content_Types].xml": b"<"}), "")
    bomb = tmp / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (30 * 1024 * 1024))
    out["bomb"] = (bomb, "压缩炸弹")
    huge = tmp / "超大.docx"
    with huge.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(60 * 1024 * 1024)  # sparse: no real disk use
    out["huge"] = (huge, "过大")
    out["missing"] = (tmp / "不存在.docx", "不存在")
    out["folder"] = (tmp, "文件夹")
    return out


CASE_NAMES = [
    "doc",
    "wps",
    "renamed-doc",
    "pdf",
    "png",
    "jpeg",
    "empty",
    "truncated-docx",
    "binary",
    "control-chars",
    "rar",
    "zip-not-word",
    "encrypted",
    "broken-xml",
    "bomb",
    "huge",
    "missing",
    "folder",
]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_hostile_input_is_refused_clearly(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, expect = _cases(tmp_path)[case]
    code = main(["review", str(path)])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert str(path) in err, err
    assert expect in err
    assert "Traceback" not in err


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    path = tmp_path / "老报告.doc"
    path.write_bytes(OLE)
    done = subprocess.run(
        [sys.executable, "-m", "reviewer.cli", "review", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == EXIT_INPUT
    assert "另存为 .docx" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_output_never_overwrites_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "报告.docx"
    original = seed_path(SEED_000, "docx").read_bytes()
    report.write_bytes(original)
    code = main(["review", str(report), "-o", str(report)])
    assert code == EXIT_INPUT
    assert "不会覆盖原报告" in capsys.readouterr().err
    assert report.read_bytes() == original
