"""Rubric files are cross-checked on load: every section and table kind they name is in the catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEED_000, seed_path

from reviewer.cli import EXIT_RUBRIC, main
from reviewer.errors import RubricError
from reviewer.rubric import CompletenessRule, list_rubrics, load_rubric

RUBRIC_FILE = Path(__file__).parent.parent / "rubrics" / "yueyang-dept-2023.yaml"


def _completeness(data: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in data["items"] if i["id"] == "completeness")["rule"]


def _write_rubric(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RUBRIC_FILE.read_text("utf-8"))
    change(data)
    path = tmp_path / "typo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _rename(names: list[str], old: str, new: str) -> None:
    names[names.index(old)] = new


SECTION_TYPO = (lambda d: _rename(_completeness(d)["main"]["sections"], "problems", "problem"), "problem")
TABLE_TYPO = (lambda d: _rename(_completeness(d)["attachments"]["tables"], "basic_data", "basic_date"), "basic_date")


def test_the_packaged_rubrics_name_only_known_sections_and_tables() -> None:
    for rubric in list_rubrics():
        rule = next(i.rule for i in rubric.items if isinstance(i.rule, CompletenessRule))
        assert "problems" in rule.main.sections and "dept_self_eval" in rule.attachments.tables


def test_an_unknown_section_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = _write_rubric(tmp_path, SECTION_TYPO[0])
    with pytest.raises(RubricError) as refused:
        load_rubric(str(path))
    message = str(refused.value)
    assert "typo.yaml" in message and "completeness" in message
    assert "未知的正文部分「problem」" in message
    assert "已知的部分：basic_info、budget、" in message and "problems" in message


def test_an_unknown_table_kind_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = _write_rubric(tmp_path, TABLE_TYPO[0])
    with pytest.raises(RubricError) as refused:
        load_rubric(str(path))
    message = str(refused.value)
    assert "typo.yaml" in message and "未知的表格种类「basic_date」" in message
    assert "已知的种类：basic_data、dept_self_eval、project_self_eval" in message


def test_every_unknown_name_is_reported_at_once(tmp_path: Path) -> None:
    def both(data: dict[str, Any]) -> None:
        SECTION_TYPO[0](data)
        TABLE_TYPO[0](data)

    with pytest.raises(RubricError, match=r"「problem」.*「basic_date」"):
        load_rubric(str(_write_rubric(tmp_path, both)))


def test_a_table_listed_under_the_main_part_is_refused(tmp_path: Path) -> None:
    """The 正文 part is scored by its sections only: a table there would be silently ignored."""
    path = _write_rubric(tmp_path, lambda d: _completeness(d)["main"].update(tables=["basic_data"]))
    with pytest.raises(RubricError, match=r"main\.tables"):
        load_rubric(str(path))


@pytest.mark.parametrize(("change", "unknown"), [SECTION_TYPO, TABLE_TYPO])
def test_the_cli_reports_an_unknown_name_without_a_traceback(
    tmp_path: Path, change, unknown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_rubric(tmp_path, change)
    code = main(["review", str(seed_path(SEED_000, "txt")), "--rubric", str(path)])
    captured = capsys.readouterr()
    assert code == EXIT_RUBRIC == 4
    assert f"「{unknown}」" in captured.err and "typo.yaml" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
