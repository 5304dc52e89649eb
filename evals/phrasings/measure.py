"""Score each labelled single item (problem or measure) inside a seed report and count the zeros.

A funding_shortage problem must make 反映问题情况 0; a real_money_problem must not.
A money_request measure must make 建议情况 0; a real_money_measure must not.
Usage: python evals/phrasings/measure.py evals/phrasings/money-set-1.yaml  (from the repository root)
"""

import sys
import tempfile
from pathlib import Path

import yaml

from reviewer.evaluation import EvalCase, materialise
from reviewer.review import review_path

ROOT = Path.cwd()
BASE = ROOT / "evals" / "reports" / "000_d51c077ad127272f.txt"
REAL_PROBLEM = "预算编制不够精准。年中追加调整项目6个，调整金额占年初预算的18%，原因是项目前期论证不充分。"
REAL_MEASURE = "在编制下年度预算前完成项目入库评审，对前期论证不足的项目不安排资金。"
items = yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8"))
wrong = {}
counts = {}
with tempfile.TemporaryDirectory() as tmp:
    tmpd = Path(tmp)
    for n, item in enumerate(items):
        group, text = item["group"], item["text"].strip()
        problem_side = group in ("funding_shortage", "real_money_problem")
        problems = text if problem_side else REAL_PROBLEM
        measures = REAL_MEASURE if problem_side else text
        case = EvalCase.model_validate(
            {
                "id": f"p{n}",
                "title": "p",
                "recipe": {
                    "base": str(BASE),
                    "edits": [
                        {"section": "problems", "body": problems + "\n"},
                        {"section": "measures", "body": measures + "\n"},
                    ],
                },
            }
        )
        path = materialise(tmpd / f"p{n}.yaml", case, tmpd)
        result = review_path(path)
        item_id = "problems" if problem_side else "suggestions"
        points = next(i.points for i in result.items if i.id == item_id)
        should_be_zero = group in ("funding_shortage", "money_request")
        ok = (points == 0) == should_be_zero
        counts.setdefault(group, [0, 0])
        counts[group][0] += ok
        counts[group][1] += 1
        if not ok:
            wrong.setdefault(group, []).append(f"{points:g}  {text}")
for g, (ok, total) in counts.items():
    print(f"{g}: {ok}/{total} right")
for g, texts in wrong.items():
    print(f"## wrong: {g}")
    for t in texts:
        print("  ", t)
