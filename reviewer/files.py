"""Writing outputs safely: a crash or Ctrl-C never leaves half a file, and inputs are never touched."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from .errors import InputError

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux: /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write via a uniquely named temporary file in the same folder, then rename over the target.

    The file gets the permissions any new file of the user's gets (0666 less the umask), not
    mkstemp's private 0600: a shared review folder stays readable by whoever the user allows.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~current_umask())
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_temporaries(folder: Path) -> None:
    """Delete what write_atomically leaves when a process is stopped between creating its temporary file and the
    handler that removes it (a Ctrl-C can land there): hidden files ending in .tmp, in `folder` only."""
    for leftover in folder.glob(".*.tmp") if folder.is_dir() else []:
        leftover.unlink(missing_ok=True)


def refuse_to_overwrite(output: Path, source: Path) -> None:
    """An output may never be the user's own input file."""
    if source.exists() and output.exists() and output.resolve() == source.resolve():
        raise InputError(
            str(output), "输出文件与输入报告是同一个文件，本工具不会覆盖原报告", "请用 -o 指定另一个文件名"
        )
