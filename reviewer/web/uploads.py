"""Uploaded files into reports: .zip archives unpacked with guards, names made safe, content hashed.

Nothing the uploader names becomes a path: files are stored under generated names by the store.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from pathlib import PurePosixPath, PureWindowsPath

from pydantic import BaseModel, ConfigDict

from ..read import READ_SUFFIXES

MAX_FILE_BYTES = 50 * 1024 * 1024  # as the reader's limit
MAX_ZIP_MEMBERS = 500
MAX_ZIP_TOTAL_BYTES = 200 * 1024 * 1024  # as the reader's limit for a .docx unpacked


class Upload(BaseModel):
    """One file to review, or (message set) one that cannot be: an error row all the same."""

    model_config = ConfigDict(extra="forbid")

    filename: str
    suffix: str = ""
    data: bytes = b""
    message: str = ""

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def display_name(raw: str) -> str:
    """The file's own name, without any folder and without control characters, for display only."""
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:200] or "（无文件名）"


def suffix_of(name: str) -> str:
    suffix = PurePosixPath(name.lower()).suffix
    return suffix if suffix in READ_SUFFIXES else ".bin"


def expand(filename: str, data: bytes) -> list[Upload]:
    """An uploaded file as the reports it holds: itself, or the report files inside a .zip."""
    name = display_name(filename)
    if len(data) > MAX_FILE_BYTES:
        return [Upload(filename=name, message=f"文件「{name}」过大（上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")]
    if not name.lower().endswith(".zip"):
        return [Upload(filename=name, suffix=suffix_of(name), data=data)]
    try:
        return _unzip(name, data)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return [
            Upload(filename=name, message=f"压缩包「{name}」无法解压（{type(exc).__name__}），请重新打包为 .zip 后上传")
        ]


def _member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:  # Windows zips name members in the local code page, which zipfile reads as cp437
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unzip(name: str, data: bytes) -> list[Upload]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and "__MACOSX" not in info.filename
        and not display_name(_member_name(info)).startswith(("~$", "."))
        and suffix_of(_member_name(info)) != ".bin"
    ]
    if len(members) > MAX_ZIP_MEMBERS:
        return [Upload(filename=name, message=f"压缩包「{name}」中文件过多（上限 {MAX_ZIP_MEMBERS} 个），请分批上传")]
    if not members:
        return [Upload(filename=name, message=f"压缩包「{name}」中没有 .docx 或 .txt 报告")]
    uploads, total = [], 0
    for info in members:
        member = f"{name}/{display_name(_member_name(info))}"
        if info.file_size > MAX_FILE_BYTES:
            uploads.append(
                Upload(filename=member, message=f"「{member}」过大（上限 {MAX_FILE_BYTES // 1024 // 1024} MB）")
            )
            continue
        with archive.open(info) as handle:
            content = handle.read(MAX_FILE_BYTES + 1)  # the header's size is not trusted
        total += len(content)
        if len(content) > MAX_FILE_BYTES or total > MAX_ZIP_TOTAL_BYTES:
            return [Upload(filename=name, message=f"压缩包「{name}」解压后过大，请分批上传")]
        uploads.append(Upload(filename=member, suffix=suffix_of(member), data=content))
    return uploads
