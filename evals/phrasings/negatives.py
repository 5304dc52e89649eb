"""Write rubrics/_money_negatives.yaml: the problem and measure units of the dev eval cases that name no money.

The money model (reviewer/scoring/money_model.py) learns funding shortages and requests for money against
real money problems and measures (rubrics/_money_set_*.yaml) and against these: items about anything else,
so that it is never asked about a text unlike everything it saw. Taken from evals/cases/*.yaml (never
evals/cases/heldout/), from cases not tagged funding_only_problems or money_only_measures, cut into units by
the extractor's own segmentation, keeping a unit only when no money noun of the lexicon is in it.
Usage: python evals/phrasings/negatives.py  (from the repository root)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from reviewer.model import Paragraph
from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _money_nouns, narrative_units, steps_listed
from reviewer.structure import strip_numbering

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "rubrics" / "_money_negatives.yaml"
FUNDING_TAGS = {"funding_only_problems", "money_only_measures"}
GROUPS = {"problems": "other_problem", "measures": "other_measure"}
HEADER = """\
# Problem and measure units that name no money, cut from the dev eval cases (evals/cases/*.yaml, never
# evals/cases/heldout/) not tagged funding_only_problems or money_only_measures, by the extractor's own
# segmentation; written by evals/phrasings/negatives.py. The money model's third group of each class:
# texts about anything else (reviewer/scoring/money_model.py).
"""


def units(section: str, body: str) -> list[str]:
    paragraphs = [Paragraph(text=line) for line in body.splitlines() if line.strip()]
    found = narrative_units(paragraphs)
    if section == "measures":
        found = [step for unit in found for step in steps_listed(unit)]
    return [strip_numbering(u).strip() for u in found]


def main() -> None:
    money = load_lexicon().money
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for path in sorted((ROOT / "evals" / "cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if FUNDING_TAGS & set(case.get("tags") or []):
            continue
        for edit in case.get("recipe", {}).get("edits", []):
            group = GROUPS.get(edit.get("section", ""))
            if not group or not edit.get("body"):
                continue
            for unit in units(edit["section"], edit["body"]):
                if len(unit) < 6 or unit in seen or _money_nouns(unit, money):
                    continue
                seen.add(unit)
                rows.append({"group": group, "text": unit, "case": case["id"]})
    TARGET.write_text(HEADER + yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    print(f"{len(rows)} units: " + ", ".join(f"{g} {sum(r['group'] == g for r in rows)}" for g in GROUPS.values()))


if __name__ == "__main__":
    main()
