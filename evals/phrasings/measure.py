"""Score each labelled single item (problem or measure) inside a seed report and count the zeros.

A funding_shortage problem must make 反映问题情况 0; a real_money_problem or not_money_problem must not.
A money_request measure must make 建议情况 0; a real_money_measure or not_money_measure must not.
Usage: python evals/phrasings/measure.py rubrics/_money_set_1.yaml  (from the repository root)
tests/test_money_phrasings.py imports `points` and `load` from here, so the test and the measure are one.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

from reviewer.evaluation import EvalCase, materialise
from reviewer.review import ReviewResult, review_path

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "evals" / "reports" / "000_d51c077ad127272f.txt"
REAL_PROBLEM = "预算编制不够精准。年中追加调整项目6个，调整金额占年初预算的18%，原因是项目前期论证不充分。"
REAL_MEASURE = "在编制下年度预算前完成项目入库评审，对前期论证不足的项目不安排资金。"
PROBLEM_GROUPS = ("funding_shortage", "real_money_problem", "not_money_problem")
ZERO_GROUPS = ("funding_shortage", "money_request")


def load(path: Path) -> list[dict[str, str]]:
    """The labelled items: {group, text}."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def review(problems: str, measures: str, workdir: Path, name: str = "p") -> ReviewResult:
    """The whole review of the base seed with the two sections' bodies replaced."""
    case = EvalCase.model_validate(
        {
            "id": name,
            "title": "p",
            "recipe": {
                "base": str(BASE),
                "edits": [
                    {"section": "problems", "body": problems.strip() + "\n"},
                    {"section": "measures", "body": measures.strip() + "\n"},
                ],
            },
        }
    )
    return review_path(materialise(workdir / f"{name}.yaml", case, workdir))


def points(group: str, text: str, workdir: Path, name: str = "p") -> float:
    """The item's score (反映问题情况 for a problem, 建议情况 for a measure) with the text as the section's only
    item and a real item of the other kind beside it."""
    problem_side = group in PROBLEM_GROUPS
    result = review(text if problem_side else REAL_PROBLEM, REAL_MEASURE if problem_side else text, workdir, name)
    item_id = "problems" if problem_side else "suggestions"
    return next(i.points for i in result.items if i.id == item_id)


def main(path: Path) -> None:
    wrong: dict[str, list[str]] = {}
    counts: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, item in enumerate(load(path)):
            group, text = item["group"], item["text"].strip()
            scored = points(group, text, Path(tmp), f"p{n}")
            ok = (scored == 0) == (group in ZERO_GROUPS)
            counts.setdefault(group, [0, 0])
            counts[group][0] += ok
            counts[group][1] += 1
            if not ok:
                wrong.setdefault(group, []).append(f"{scored:g}  {text}")
    for g, (ok, total) in counts.items():
        print(f"{g}: {ok}/{total} right")
    for g, texts in wrong.items():
        print(f"## wrong: {g}")
        for t in texts:
            print("  ", t)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
