"""Seed 000 with its 问题 and 措施 sections replaced, for hand-labelled scoring cases."""

from __future__ import annotations

import re
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from conftest import SEED_000, seed_path

from reviewer.read import read_report
from reviewer.review import ReviewOptions, review_report
from reviewer.scoring.items import ItemScore
from reviewer.scoring.rules import extract_rules, load_lexicon, states_a_problem, without_no_problem
from reviewer.structure import Report, analyse

PROBLEMS_HEADING = "七、存在的问题及原因分析\n"
MEASURES_HEADING = "八、下一步改进措施\n"
NEXT_HEADING = "九、部门整体支出绩效自评结果拟应用和公开情况"


def with_sections(
    tmp_path: Path, problems: str | None = None, measures: str | None = None, name: str = "case.txt"
) -> Report:
    text = seed_path(SEED_000, "txt").read_text("utf-8")
    if problems is not None:
        text = re.sub(
            re.escape(PROBLEMS_HEADING) + r".*?(?=" + re.escape(MEASURES_HEADING) + ")",
            lambda _m: PROBLEMS_HEADING + problems.strip() + "\n",
            text,
            flags=re.DOTALL,
        )
    if measures is not None:
        text = re.sub(
            re.escape(MEASURES_HEADING) + r".*?(?=" + re.escape(NEXT_HEADING) + ")",
            lambda _m: MEASURES_HEADING + measures.strip() + "\n",
            text,
            flags=re.DOTALL,
        )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analyse(read_report(path))


# Rubric variants written for the tests; removed with the test process.
_VARIANTS = tempfile.TemporaryDirectory(prefix="rubric-variants-")


@cache
def rubric_file_without(convention_id: str, rubric_id: str = "yueyang-dept-2023") -> str:
    """The packaged rubric with one convention taken out of every item (learned_placement: the bands alone), written
    once per test process for `load_rubric` and `--rubric`; comments are not kept. A placement model the rubric
    still names is found in the package (the file names it, nothing lies beside it here)."""
    rubric = yaml.safe_load(files("reviewer.rubrics").joinpath(f"{rubric_id}.yaml").read_text("utf-8"))
    for item in rubric["items"]:
        item["conventions"] = [c for c in item.get("conventions", []) if c["id"] != convention_id]
    folder = Path(_VARIANTS.name) / f"without-{convention_id}"
    folder.mkdir(exist_ok=True)
    path = folder / f"{rubric_id}.yaml"
    path.write_text(yaml.safe_dump(rubric, allow_unicode=True, sort_keys=False), "utf-8")
    return str(path)


def bands_only_rubric() -> str:
    """The default rubric without its learned placement (convention learned_placement): the bands and the
    conventions they read are what these tests specify; tests/test_placement.py tests the placement."""
    return rubric_file_without("learned_placement")


def scored_items(report: Report, **options: Any) -> dict[str, ItemScore]:
    """The review's items by id, reviewed by the bands alone (`bands_only_rubric`) or with `options`."""
    options.setdefault("rubric", bands_only_rubric())
    return {i.id: i for i in review_report(report, ReviewOptions(**options)).items}


def packaged_points(tmp_path: Path, problems: str, measures: str, item: str) -> float | None:
    """The points the packaged rubric (its learned placement included) gives `item` of a report with these two
    sections."""
    result = review_report(with_sections(tmp_path, problems, measures), ReviewOptions())
    return next(i.points for i in result.items if i.id == item)


def assert_no_problem_stated(report: Report) -> None:
    """The 问题 section states no problem: the extractor finds none and 反映问题情况 scores 0."""
    assert extract_rules(report).problems == []
    assert scored_items(report)["problems"].points == 0


def states_a_problem_beside_none(text: str) -> bool:
    """A problem is stated once the clauses saying there is none are taken out (convention no_problem_stated)."""
    lexicon = load_lexicon()
    return states_a_problem(without_no_problem(text, lexicon), lexicon)
