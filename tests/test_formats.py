"""Other formats: .doc/.wps/.rtf/.odt through LibreOffice, PDF through its text layer, and what goes
wrong with them (no LibreOffice, a hung or failed conversion, encrypted, scanned or damaged PDF).

The .doc and .pdf fixtures in tests/data are the seeds saved by LibreOffice 7.4 (with a CJK font
installed, as on any Chinese desktop): `soffice --headless --convert-to doc|pdf <seed>.docx`.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import DATA, SEED_000, SEED_004, SEEDS, seed_path, seed_report
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reviewer.cli import EXIT_INPUT, main
from reviewer.errors import InputError
from reviewer.model import Document, Paragraph, Table
from reviewer.read import convert, read_report
from reviewer.review import ReviewOptions, ReviewResult, review_path, review_report
from reviewer.structure import analyse

HAVE_SOFFICE = convert.soffice() is not None
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice is not installed (.ci/run installs it)")


def _outcome(result: ReviewResult) -> tuple[Any, ...]:
    findings = sorted((f.check, f.severity, f.stated, f.computed) for f in result.findings)
    items = [(i.id, i.points, i.status) for i in result.items]
    return findings, items, result.total.model_dump()


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp directory conversions use, to see that nothing is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


_REVIEWS: dict[tuple[str, str], ReviewResult] = {}


def _review(seed: str, fmt: str) -> ReviewResult:
    if (seed, fmt) not in _REVIEWS:
        _REVIEWS[(seed, fmt)] = review_report(seed_report(seed, fmt), ReviewOptions())
    return _REVIEWS[(seed, fmt)]


@needs_soffice
def test_doc_gives_the_same_findings_and_scores_as_docx(tmp_path: Path, private_tmp: Path) -> None:
    """Both seeds as .doc, converted at once (each conversion has its own profile, as in a batch)."""
    docs = []
    for seed in SEEDS:
        doc = tmp_path / f"{seed} 报告 (2023).doc"
        shutil.copy(seed_path(seed, "doc"), doc)
        docs.append(doc)
    before = [doc.read_bytes() for doc in docs]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(review_path, docs))
    for seed, result in zip(SEEDS, results, strict=True):
        assert _outcome(result) == _outcome(_review(seed, "docx"))
        assert [n.kind for n in result.document.notices] == ["converted"]
        assert result.document.format == "converted"  # no .docx of the author's to annotate
        assert "LibreOffice" in result.document.notices[0].message
    assert [doc.read_bytes() for doc in docs] == before
    assert list(private_tmp.glob("reviewer-convert-*")) == []


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", "utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "老报告.doc"
    shutil.copy(seed_path(SEED_000, "doc"), path)
    return path


def test_without_libreoffice_the_message_names_the_file_and_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REVIEWER_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = _doc(tmp_path)
    assert main(["review", str(path)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert str(path) in err and "apt-get install libreoffice-writer-nogui" in err and "另存为 .docx" in err
    assert "Traceback" not in err


def test_a_hung_conversion_is_killed_with_its_process_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    pids = tmp_path / "pids"
    script = _fake_soffice(tmp_path, f"sleep 300 & echo $! >> {pids}\necho $$ >> {pids}\nsleep 300")
    monkeypatch.setenv("REVIEWER_SOFFICE", str(script))
    monkeypatch.setattr(convert, "CONVERT_TIMEOUT_SECONDS", 1)
    path = _doc(tmp_path)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert time.monotonic() - started < 15
    assert str(path) in str(caught.value) and "超时" in str(caught.value)
    for pid in pids.read_text().split():
        for _ in range(50):  # the kernel reaps the killed children
            if not _alive(int(pid)):
                break
            time.sleep(0.05)
        assert not _alive(int(pid))
    assert list(private_tmp.glob("reviewer-convert-*")) == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


def test_a_conversion_that_produces_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path) -> None:
    monkeypatch.setenv("REVIEWER_SOFFICE", str(_fake_soffice(tmp_path, "exit 0")))
    path = _doc(tmp_path)
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert str(path) in str(caught.value) and "未能转换" in str(caught.value)
    assert list(private_tmp.glob("reviewer-convert-*")) == []


def test_an_ole_file_that_is_not_a_word_document_is_refused_without_converting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEWER_SOFFICE", str(_fake_soffice(tmp_path, "exit 1")))
    path = tmp_path / "表格.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\x00" * 500)
    with pytest.raises(InputError, match="不是 Word/WPS"):
        read_report(path)
    encrypted = tmp_path / "加密.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)
    with pytest.raises(InputError, match="密码"):
        read_report(encrypted)


@pytest.mark.parametrize("kind", ["rtf", "odt"])
def test_rtf_and_odt_go_through_the_converter(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    """The routing, the notice and the clean-up, with a stand-in converter that writes the seed .docx
    where LibreOffice would (the real LibreOffice is exercised by the .doc test)."""
    docx = seed_path(SEED_004, "docx")
    body = f'for last; do :; done; out="$(dirname "$last")/../out"; mkdir -p "$out"; cp "{docx}" "$out/report.docx"'
    monkeypatch.setenv("REVIEWER_SOFFICE", str(_fake_soffice(tmp_path, body)))
    path = tmp_path / f"报告.{kind}"
    if kind == "rtf":
        path.write_bytes(rb"{\rtf1\ansi \par}")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
    result = review_path(path)
    assert _outcome(result) == _outcome(_review(SEED_004, "docx"))
    assert result.document.notices[0].kind == "converted"
    assert ("RTF" if kind == "rtf" else ".odt") in result.document.notices[0].message
    assert list(private_tmp.glob("reviewer-convert-*")) == []


# ------------------------------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_gives_the_same_findings_as_docx(seed: str) -> None:
    result = _review(seed, "pdf")
    docx = _review(seed, "docx")
    assert sorted((f.check, f.severity, f.stated, f.computed) for f in result.findings) == sorted(
        (f.check, f.severity, f.stated, f.computed) for f in docx.findings
    )
    (notice,) = result.document.notices
    assert notice.kind == "pdf_tables" and "第 " in notice.message and " 页" in notice.message


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_gives_the_same_scores_as_docx(seed: str) -> None:
    assert _outcome(_review(seed, "pdf")) == _outcome(_review(seed, "docx"))


def _as_read(document: Document) -> tuple[list[str], list[list[list[tuple[int | None, int, str]]]]]:
    """What a report says, as the checks see it: its paragraphs with text, and its tables cell by cell
    (grid column, span, text on one line: a PDF cannot tell the author's line breaks inside a cell
    from the cell's own wrapping where a line is full)."""
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.text]
    tables = [
        [[(c.grid, c.span, c.flat) for c in row] for row in b.rows] for b in document.blocks if isinstance(b, Table)
    ]
    return paragraphs, tables


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_reads_as_the_docx_table_by_table(seed: str) -> None:
    """Rows a page break cut are one row again, wrapped cell lines one text, figures whole."""
    assert _as_read(seed_report(seed, "pdf").document) == _as_read(seed_report(seed, "docx").document)


# Form fixtures of other provinces, each cut by LibreOffice's page breaks in its own way: a merged
# label cut beside rows of figures (gx), a row of its own opening the next page (central), a row cut
# in two (hb), and a figure cut inside its narrow cell under a header row repeated on every page (yn,
# its first row marked as a repeating header here); and seed 004 with a running header and a page
# number footer on every page.
_FORMS = ("gx-dept-2021", "central-proj-2023-ab", "hb-dept-2023", "yn-proj-2024", "004-running-header")


def _repeat_first_row(document: Any) -> None:
    table = max(document.tables, key=lambda t: len(t.rows))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _header_and_page_numbers(document: Any) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = "岳阳市科学技术局2023年度部门整体支出绩效自评报告"
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    footer.add_run(" 页")


_VARIANTS = {
    "yn-proj-2024": (DATA / "forms" / "yn-proj-2024.docx", _repeat_first_row),
    "004-running-header": (seed_path(SEED_004, "docx"), _header_and_page_numbers),
}


@pytest.fixture(scope="session")
def form_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The forms as .docx and as the PDF LibreOffice makes of them, converted once for the session
    (one LibreOffice run for all, with its own profile)."""
    executable = convert.soffice()
    if executable is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    folder = tmp_path_factory.mktemp("form-pdfs")
    sources = []
    for name in _FORMS:
        target = folder / f"{name}.docx"
        if name in _VARIANTS:
            source, change = _VARIANTS[name]
            document = docx.Document(str(source))
            change(document)
            document.save(str(target))
        else:
            shutil.copy(DATA / "forms" / f"{name}.docx", target)
        sources.append(target)
    command = [executable, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=240)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # soffice leaves helpers behind in its group
        process.wait()
    return {source.stem: (source, source.with_suffix(".pdf")) for source in sources}


@pytest.mark.parametrize("name", _FORMS)
def test_form_pdfs_give_the_same_findings_and_scores_as_docx(
    name: str, form_pdfs: dict[str, tuple[Path, Path]]
) -> None:
    source, pdf = form_pdfs[name]
    from_pdf, from_docx = analyse(read_report(pdf)), analyse(read_report(source))
    assert _as_read(from_pdf.document) == _as_read(from_docx.document)
    assert _outcome(review_report(from_pdf, ReviewOptions())) == _outcome(review_report(from_docx, ReviewOptions()))


def test_pdf_tables_carry_their_pages() -> None:
    findings = [f for f in _review(SEED_000, "pdf").findings if f.anchor is not None and f.anchor.table is not None]
    assert findings and all(f.anchor is not None and f.anchor.page for f in findings)
    (notice,) = _review(SEED_000, "pdf").document.notices
    assert "表 1（第 7–8 页）" in notice.message


def _pdf(path: Path, content: bytes, extra: bytes = b"") -> Path:
    """A one-page PDF with the given content stream (built by hand: no PDF writer is needed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, extra, xref)
    path.write_bytes(bytes(out))
    return path


def test_scanned_pdf_says_ocr_is_needed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _pdf(tmp_path / "扫描件.pdf", b"0 0 m 100 100 l S")  # drawing only, no text layer
    assert main(["review", str(path)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert str(path) in err and "OCR" in err and "Traceback" not in err


def test_damaged_and_encrypted_pdfs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "损坏.pdf"
    damaged.write_bytes(seed_path(SEED_000, "pdf").read_bytes()[:3000])
    encrypted = _pdf(
        tmp_path / "加密.pdf",
        b"BT /F1 12 Tf 72 720 Td (hello) Tj ET",
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /ID [<01> <01>] ",
    )
    for path, expect in ((damaged, "PDF"), (encrypted, "PDF")):
        assert main(["review", str(path)]) == EXIT_INPUT
        err = capsys.readouterr().err
        assert str(path) in err and expect in err and "Traceback" not in err
