"""Reading a report file into the document model, whatever it arrives as.

The file's bytes decide what it is, not its name: departments rename .doc files to .docx, send
zips, PDFs and photos. Word 2007+ (.docx, .docm) and text are read directly; .doc, .wps, .rtf and
.odt are converted to .docx by LibreOffice when it is installed (reviewer.read.convert); anything
else is refused with a message that says what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..model import Block, Document, Notice, Paragraph, Table
from .blocks import rejoin_split_rows, stitch_split_tables
from .convert import converted
from .pdf_reader import read_pdf_blocks
from .text_reader import decode_text, read_text_blocks

# Limits, documented in the README: a real report is well under 5 MiB.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_COMPRESSION_RATIO = 200

_SAVE_AS_DOCX = "请在 Word 或 WPS 中另存为 .docx 后重试"

# The file names a folder is searched for (batch, workbench uploads): every format read_report reads.
# The bytes still decide how a file is read; a name outside this list is never taken from a folder.
READ_SUFFIXES = (".docx", ".docm", ".dotx", ".txt", ".md", ".markdown", ".doc", ".wps", ".rtf", ".odt", ".pdf")


def read_report(path: str | Path) -> Document:
    """Read a .docx or text report. Raises InputError with a Chinese reason for anything else."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(name, "文件不存在", "请检查路径是否正确")
    if path.is_dir():
        raise InputError(name, "这是一个文件夹，不是报告文件", "批量审阅请使用 reviewer batch")
    size = path.stat().st_size
    if size == 0:
        raise InputError(name, "文件为空（0 字节）", "请确认导出或复制时文件已完整保存")
    if size > MAX_FILE_BYTES:
        raise InputError(
            name,
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）",
            "请删除报告中的大图片后重试",
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    kind = _sniff(head)
    notices: list[Notice] = []
    fmt: Literal["docx", "text", "pdf", "converted"] = "docx"
    if kind == "zip":
        opendocument = _guard_zip(path)
        if opendocument:
            blocks = _read_converted(path, "OpenDocument 文本（.odt）", notices)
            fmt = "converted"
        else:
            from ..wordfile import read_docx  # the one layer that imports python-docx

            blocks, notices = read_docx(path)
    elif kind == "ole":
        streams = _ole_streams(path)
        if "EncryptedPackage" in streams:
            raise InputError(name, "文档设置了打开密码", "请取消密码后另存为 .docx 重试")
        if "WordDocument" not in streams:
            raise InputError(name, "文件已损坏，或不是 Word/WPS 文字文档（没有文档正文）", _SAVE_AS_DOCX)
        blocks = _read_converted(path, "旧版 Word（.doc）或 WPS（.wps）", notices)
        fmt = "converted"
    elif kind == "rtf":
        blocks = _read_converted(path, " RTF ", notices)
        fmt = "converted"
    elif kind == "pdf":
        blocks = read_pdf_blocks(path)
        fmt = "pdf"
    elif kind == "text":
        if size > MAX_TEXT_BYTES:
            raise InputError(name, f"文本文件过大（上限 {MAX_TEXT_BYTES // 1024 // 1024} MB）")
        text = decode_text(path.read_bytes(), name)
        blocks = read_text_blocks(text)
        fmt = "text"
    else:
        raise InputError(name, kind, _SAVE_AS_DOCX)
    blocks = stitch_split_tables(blocks)
    if fmt == "text":
        blocks = [rejoin_split_rows(b) if isinstance(b, Table) else b for b in blocks]
    if fmt == "pdf":
        notices.append(_pdf_tables_notice(blocks))
    if not any(b.text if isinstance(b, Paragraph) else any(c.text for row in b.rows for c in row) for b in blocks):
        raise InputError(name, "文件中没有任何文字内容", "请确认这是填写完成的自评报告")
    return Document(path=name, format=fmt, blocks=blocks, notices=notices)


def _pdf_tables_notice(blocks: list[Block]) -> Notice:
    """Which pages each table came from, so that a reviewer can check the figures against the PDF."""
    parts = []
    for number, table in enumerate((b for b in blocks if isinstance(b, Table)), start=1):
        pages = sorted({c.source.page for row in table.rows for c in row if c.source.page is not None})
        where = f"第 {pages[0]} 页" if len(pages) == 1 else f"第 {pages[0]}–{pages[-1]} 页" if pages else "页码不详"
        parts.append(f"表 {number}（{where}）")
    listed = "、".join(parts) if parts else "未识别到带框线的表格"
    return Notice(kind="pdf_tables", message=f"本文件为 PDF，按文字层读取，版式还原可能有偏差；表格来源：{listed}")


def _read_converted(path: Path, what: str, notices: list[Notice]) -> list[Block]:
    """Blocks of a file LibreOffice converts to .docx; the conversion is said in a notice."""
    from ..wordfile import read_docx  # the one layer that imports python-docx

    with converted(path, what) as docx_path:
        _guard_zip(docx_path)
        blocks, found = read_docx(docx_path)
    notices.append(
        Notice(
            kind="converted",
            message=f"本文件为{what.strip()}格式，已用 LibreOffice 转换为 .docx 后审阅（原文件未改动）",
        )
    )
    notices.extend(found)
    return blocks


def _ole_streams(path: Path) -> set[str]:
    """Which telling stream names an OLE container (.doc, .wps, encrypted .docx) holds: a Word or WPS
    text document has a 'WordDocument' stream, a password-protected .docx an 'EncryptedPackage'."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES)
    return {name for name in ("WordDocument", "EncryptedPackage") if name.encode("utf-16-le") in data}


def _sniff(head: bytes) -> str:
    """'zip', 'ole', 'rtf', 'text', or the Chinese reason the file is refused."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Word 97-2003 (.doc), WPS (.wps) and password-protected .docx all use this container.
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")):
        return "这是图片文件，不是文字版报告"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "这是压缩包，请先解压"
    return "text"


def _guard_zip(path: Path) -> bool:
    """Refuse a damaged, encrypted or oversized package; True when it is an OpenDocument text (.odt)."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            members = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in members else b""
    except zipfile.BadZipFile as exc:
        raise InputError(name, "文件已损坏，无法作为 .docx 打开", "请重新从 Word 保存一份") from exc
    opendocument = mimetype.startswith(b"application/vnd.oasis.opendocument.text")
    if "word/document.xml" not in members and not opendocument:
        raise InputError(
            name, "这是一个压缩包，但不是 Word 文档（缺少 word/document.xml）", "请确认上传的是 .docx 报告本身"
        )
    if any(m == "EncryptedPackage" or m.endswith("EncryptionInfo") for m in members):
        raise InputError(name, "文档设置了打开密码", "请取消密码后另存为 .docx 重试")
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(name, f"文档内部文件数异常（{len(infos)} 个）", "疑似损坏或恶意文件")
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise InputError(name, f"文档解压后体积异常（{total / 1024 / 1024:.0f} MB）", "疑似压缩炸弹，已拒绝读取")
    return opendocument
