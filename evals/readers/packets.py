"""Blind labelling: packets for readers, and their answers back into evals/labels/<reader>/.

Run from the repository root:

    python evals/readers/packets.py packet READER [CASES]  # writes evals/readers/out/READER/{packet/NNN.md, key.yaml}
    python evals/readers/packets.py import READER ANSWERS.yaml

A reader is given instructions.md, rubric.md and the packet folder only: never key.yaml, the case files
(their ids and titles say what a case was written to be), existing labels or the tool's output. CASES is a
cases folder (default evals/cases, both splits): a set written later is given to new readers on its own. Each
reader gets the cases in an order of their own, under opaque numbers; key.yaml maps numbers back to
case ids and stays with whoever runs the readers.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reviewer.evaluation import Labelling, load_split_cases, materialise  # noqa: E402
from reviewer.read import read_report  # noqa: E402
from reviewer.structure import analyse  # noqa: E402

CASES = ROOT / "evals" / "cases"
LABELS = ROOT / "evals" / "labels"
OUT = ROOT / "evals" / "readers" / "out"
INSTRUCTIONS = "readers/instructions.md"


def packet(reader: str, folder_of_cases: Path = CASES) -> Path:
    """One file per narrative case with the two sections' text, numbered in the reader's own order."""
    cases = load_split_cases(folder_of_cases)
    order = list(range(len(cases)))
    random.Random(reader).shuffle(order)
    folder = OUT / reader
    (folder / "packet").mkdir(parents=True, exist_ok=True)
    key = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number, index in enumerate(order, start=1):
            _, path, case = cases[index]
            report = analyse(read_report(materialise(path, case, Path(tmp))))
            problems, measures = report.section("problems"), report.section("measures")
            name = f"{number:03d}"
            key[name] = case.id
            (folder / "packet" / f"{name}.md").write_text(
                f"# 摘录 {name}\n\n## 存在的问题及原因分析\n\n{problems.text if problems else '（报告无此部分）'}\n\n"
                f"## 下一步改进措施\n\n{measures.text if measures else '（报告无此部分）'}\n",
                encoding="utf-8",
            )
    (folder / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
    return folder


def import_answers(reader: str, answers: Path) -> int:
    """The reader's answers, validated, one labelling file per case."""
    key = yaml.safe_load((OUT / reader / "key.yaml").read_text("utf-8"))
    written = 0
    for answer in yaml.safe_load(answers.read_text("utf-8")):
        number = str(answer.pop("n")).zfill(3)
        labelling = Labelling(reader=reader, case=key[number], instructions=INSTRUCTIONS, items=answer)
        target = LABELS / reader / f"{labelling.case}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = labelling.model_dump(mode="json", exclude_none=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        written += 1
    return written


if __name__ == "__main__":
    command, reader = sys.argv[1], sys.argv[2]
    if command == "packet":
        print(packet(reader, Path(sys.argv[3]) if len(sys.argv) > 3 else CASES))
    else:
        print(import_answers(reader, Path(sys.argv[3])))
