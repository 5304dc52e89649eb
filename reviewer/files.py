"""Writing outputs safely: a crash or Ctrl-C never leaves half a file, and inputs are never touched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
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


def refuse_to_overwrite(output: Path, source: Path) -> None:
    """An output may never be the user's own input file."""
    if source.exists() and output.exists() and output.resolve() == source.resolve():
        raise InputError(
            str(output), "输出文件与输入报告是同一个文件，本工具不会覆盖原报告", "请用 -o 指定另一个文件名"
        )
