"""Golden outputs: every output the tool writes for both seeds, byte for byte, recorded before a refactor.

A change of shape inside the tool must not change what people and programs receive. The JSON
outputs may only gain the fields listed in ADDED_JSON_FIELDS; everything else must stay identical.
Regenerate deliberately with REVIEWER_UPDATE_GOLDEN=1 when an output is meant to change, and say why
in the commit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_000, SEED_004, run_cli, seed_path

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).parent.parent
UPDATE = bool(os.environ.get("REVIEWER_UPDATE_GOLDEN"))
# Fields the JSON contract gained after the goldens were recorded (issues 10, 11, 12; findings' `assumes`,
# 1.4): ignored when comparing.
ADDED_JSON_FIELDS = {"schema_version", "location_ref", "scorer_ref", "notices", "page", "assumes"}
# Added to the review result itself (1.2); `status` also names nested fields that were always there.
ADDED_TOP_LEVEL_FIELDS = {"status", "status_reason"}


def _normalise(text: str, tmp: Path) -> str:
    text = text.replace(str(tmp), "<TMP>")
    text = re.sub(r"-[0-9a-f]{8}\.(json|html)", r"-<KEY>.\1", text)  # batch file names carry a content key
    return re.sub(r"\d{4}-\d{2}-\d{2}", "<DATE>", text)


def _without_added(value: Any, top: bool = True) -> Any:
    if top and isinstance(value, dict) and "schema_version" in value:
        value = {k: v for k, v in value.items() if k not in ADDED_TOP_LEVEL_FIELDS}
    if isinstance(value, dict):
        return {k: _without_added(v, top=False) for k, v in value.items() if k not in ADDED_JSON_FIELDS}
    if isinstance(value, list):
        return [_without_added(v, top=False) for v in value]
    return value


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8")
        return
    assert path.exists(), f"no golden output {name}: run with REVIEWER_UPDATE_GOLDEN=1 once"
    expected = path.read_text("utf-8")
    if name.endswith(".json"):
        assert _without_added(json.loads(actual)) == _without_added(json.loads(expected)), name
    else:
        assert actual == expected, name


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    for seed in (SEED_000, SEED_004):
        for fmt in ("docx", "txt"):
            shutil.copy(seed_path(seed, fmt), tmp_path / f"{seed}.{fmt}")
    return tmp_path


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_review_outputs(seeds: Path, seed: str, fmt: str) -> None:
    code, out, _ = run_cli(["review", str(seeds / f"{seed}.docx"), "--format", fmt])
    assert code == 0
    _compare(f"review/{seed}.{fmt}", _normalise(out, seeds))


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_review_of_text_export(seeds: Path, seed: str) -> None:
    code, out, _ = run_cli(["review", str(seeds / f"{seed}.txt"), "--format", "json"])
    assert code == 0
    _compare(f"review/{seed}.txt.json", _normalise(out, seeds))


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_suggest_outputs(seeds: Path, seed: str) -> None:
    from reviewer.wordfile import read_comments

    code, out, err = run_cli(["suggest", str(seeds / f"{seed}.docx")])
    assert code == 0
    _compare(f"suggest/{seed}.md", _normalise(out, seeds))
    _compare(f"suggest/{seed}.stderr", _normalise(err, seeds))
    comments = read_comments(seeds / f"{seed}-修改建议.docx")
    _compare(
        f"suggest/{seed}.comments.json",
        json.dumps([{"anchored": a, "comment": c} for a, c in comments], ensure_ascii=False, indent=1),
    )
    code, out, _ = run_cli(["suggest", str(seeds / f"{seed}.txt")])
    assert code == 0
    _compare(f"suggest/{seed}.txt.md", (seeds / f"{seed}-修改建议.md").read_text("utf-8"))


def test_batch_outputs(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    monkeypatch.chdir(seeds)  # relative input paths: report names do not carry the temporary folder
    inbox = seeds / "inbox"
    inbox.mkdir()
    for seed in (SEED_000, SEED_004):
        shutil.copy(seeds / f"{seed}.docx", inbox / f"{seed}.docx")
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    outdir = seeds / "out"
    code, _, err = run_cli(["batch", "inbox", "-o", "out", "--jobs", "1"])
    assert code == 0, err
    _compare("batch/summary.csv", _normalise((outdir / "summary.csv").read_text("utf-8-sig"), seeds))
    _compare("batch/index.html", _normalise((outdir / "index.html").read_text("utf-8"), seeds))
    sheet = load_workbook(outdir / "summary.xlsx").active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    _compare("batch/summary.xlsx.json", _normalise(json.dumps(cells, ensure_ascii=False, indent=1), seeds))
    for report in sorted((outdir / "reports").iterdir()):
        name = _normalise(report.name, seeds)
        _compare(f"batch/reports/{name}", _normalise(report.read_text("utf-8"), seeds))


def test_eval_output(tmp_path: Path, whole_eval) -> None:
    # The Markdown `reviewer eval` prints for the whole eval (the CLI's own path is tested on the hand-labelled cases
    # in test_eval.py; the whole run is shared with the gate, the suite's slowest step).
    from reviewer.render import render_template

    report, _, _ = whole_eval
    assert report.passed, report.gate
    _compare("eval/rules.md", _normalise(render_template("eval.md.j2", reports=[report]), tmp_path))
