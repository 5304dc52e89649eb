"""Packaged data (rubrics, prompts, templates) works from an installed wheel, not just from a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_wheel_carries_the_data_and_runs_from_it(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0 and "bdist_wheel" in built.stderr:
        pytest.skip("setuptools too old to build a wheel offline")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("reviewer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in [
        "rubrics/yueyang-dept-2023.yaml",
        "rubrics/_lexicon.yaml",
        "rubrics/_money_set_1.yaml",
        "rubrics/_money_set_2.yaml",
        "rubrics/_money_set_3.yaml",
        "rubrics/_money_negatives.yaml",
        "rubrics/_placement_suggestions.json",
        "prompts/extract_system.j2",
        "prompts/rewrite_user.j2",
        "templates/review.html.j2",
        "templates/rewrite_problems.txt.j2",
    ]:
        assert f"reviewer/{data}" in names, data
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # Run from the unpacked wheel, in a folder with no checkout in sight.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import reviewer; "
        "assert reviewer.__file__.startswith(sys.argv[1]), reviewer.__file__; from reviewer.cli import main; "
        "sys.exit(main(['review', sys.argv[2], '--format', 'json']))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, str(target), str(ROOT / "tests/data/000_d51c077ad127272f.txt")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={"PYTHONPATH": "", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert '"rubric": "yueyang-dept-2023@2023.1"' in done.stdout
