"""Converting .doc, .wps, .rtf and .odt to .docx with LibreOffice, when it is installed.

Each conversion runs in a private temporary directory with its own LibreOffice profile
(`-env:UserInstallation`), so that parallel batch workers never share one, on a copy of the file (the
original is only read), under a wall-clock limit after which the whole process group is killed.
The directory goes away whatever happens.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import InputError

CONVERT_TIMEOUT_SECONDS = 60
INSTALL_HINT = (
    "请安装 LibreOffice 后重试（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
    "Windows/macOS：从 LibreOffice 官网下载安装），或在 Word/WPS 中将其另存为 .docx 后重试"
)
_SAVE_AS_DOCX = "请在 Word 或 WPS 中打开并另存为 .docx 后重试"


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    override = os.environ.get("REVIEWER_SOFFICE")
    if override is not None:
        return shutil.which(override)
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted(path: Path, what: str, target: str = "docx") -> Iterator[Path]:
    """A .docx (or `target`) made from `path` by LibreOffice, alive inside the `with` block.

    `what` names the format for messages (「旧版 Word（.doc）」). Raises InputError when LibreOffice is
    missing, fails, hangs or produces nothing.
    """
    name = str(path)
    executable = soffice()
    if executable is None:
        raise InputError(name, f"这是{what}文件，需要 LibreOffice 转换为 .docx 才能审阅，但本机未安装", INSTALL_HINT)
    workdir = Path(tempfile.mkdtemp(prefix="reviewer-convert-"))
    try:
        source = workdir / "in" / f"report{path.suffix.lower() or '.bin'}"
        source.parent.mkdir()
        shutil.copyfile(path, source)
        outdir = workdir / "out"
        command = [
            executable,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        _run(command, workdir, name, what)
        result = outdir / f"{source.stem}.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise InputError(
                name,
                f"LibreOffice 未能转换这个{what}文件（文件可能设置了打开密码或已损坏）",
                _SAVE_AS_DOCX,
            )
        yield result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(command: list[str], workdir: Path, name: str, what: str) -> None:
    env = dict(os.environ, HOME=str(workdir))  # nothing of LibreOffice's lands in the user's home
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, killed as a whole on timeout
            env=env,
        )
    except OSError as exc:
        raise InputError(name, f"无法启动 LibreOffice 转换{what}文件（{exc.strerror}）", INSTALL_HINT) from exc
    try:
        process.wait(timeout=CONVERT_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise InputError(
            name, f"LibreOffice 转换{what}文件超时（超过 {CONVERT_TIMEOUT_SECONDS} 秒），已终止转换", _SAVE_AS_DOCX
        ) from exc
    except BaseException:
        _kill_group(process)
        raise
    # soffice can leave helpers behind in its group even after a normal exit.
    _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
