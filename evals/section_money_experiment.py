"""Does a learned reading of whole 问题 sections as 「只是资金不足」 carry over to new writers better than word sets?

    python evals/section_money_experiment.py [--cases evals/cases] [--pending evals/pending/heldout]

Session 18 found that readings composed from word sets, fitted to forty dev forms put down to money, moved a fresh
writer's twenty-form held-out set (nj) by 0.15. This asks whether the simplest learned reading does better: the
money model's Bernoulli naive Bayes over character 1–3-grams (reviewer/scoring/money_model.py), trained on whole
problems sections of the dev split (positives where every blind reader gave 反映问题情况 0, negatives where every reader
gave 10 or more) and applied at several margins to the held-out split and the pending held-out sets (nh, nj). Beside
it, the rules scorer's own verdict (problems scored 0). Only aggregates are printed, as found/wrong: the share of the
sections every reader scored 0 that the reading zeroes, and the share of the sections every reader scored 10 or more
that it would wrongly zero.

Nothing here changes the scorer: the result is evidence for choosing the next method, recorded in
docs/narrative-calibration.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.evaluation import labels_folder, load_labellings, load_split_cases, materialise  # noqa: E402
from reviewer.read import read_report  # noqa: E402
from reviewer.review import ReviewOptions, review_report  # noqa: E402
from reviewer.scoring.money_model import MoneyModel  # noqa: E402
from reviewer.structure import analyse  # noqa: E402

REAL_MIN = 10.0  # every reader at least this: a section of real problems


def sections(folder: Path, labels_at: Path) -> list[tuple[str, str, str, list[float], float | None]]:
    """(split, case id, problems text, the readers' problems points, the rules scorer's points) per labelled case."""
    cases = load_split_cases(folder)
    points: dict[str, list[float]] = defaultdict(list)
    for labelling in load_labellings(labels_at, {c.id for _, _, c in cases}, strict=False):
        label = labelling.items.get("problems")
        if label is not None and label.points is not None:
            points[labelling.case].append(label.points)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for split, path, case in cases:
            if len(points[case.id]) < 2:
                continue
            report = analyse(read_report(materialise(path, case, Path(tmp))))
            problems = report.section("problems")
            scored = {i.id: i.points for i in review_report(report, ReviewOptions()).items}
            rows.append((split, case.id, problems.text if problems else "", points[case.id], scored.get("problems")))
    return rows


MARGINS = (0.0, 2.0, 4.0)  # log-odds; a margin must be chosen on dev, the held-out columns only report it


def summary(name: str, rows: list[tuple[str, str, str, list[float], float | None]], model: MoneyModel) -> None:
    zero = [r for r in rows if max(r[3]) == 0]
    real = [r for r in rows if min(r[3]) >= REAL_MIN]

    def share(found: int, of: list[object]) -> str:
        return f"{found / len(of):.2f}" if of else "—"

    learned = " ".join(
        f"{m:g}: {share(sum(model.score(r[2]) > m for r in zero), zero)}/"
        f"{share(sum(model.score(r[2]) > m for r in real), real)}"
        for m in MARGINS
    )
    rules = f"{share(sum(r[4] == 0 for r in zero), zero)}/{share(sum(r[4] == 0 for r in real), real)}"
    print(f"{name:28} all-zero {len(zero):4} real {len(real):4}  rules {rules}  learned at margin {learned}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "cases")
    parser.add_argument("--pending", type=Path, default=ROOT / "evals" / "pending" / "heldout")
    args = parser.parse_args()
    rows = sections(args.cases, labels_folder(args.cases)[0])
    dev = [r for r in rows if r[0] == "dev"]
    positives = [r[2] for r in dev if max(r[3]) == 0]
    negatives = [r[2] for r in dev if min(r[3]) >= REAL_MIN]
    model = MoneyModel.train(positives, negatives)
    print(
        f"trained on dev: {len(positives)} all-zero sections, {len(negatives)} real ones (every reader >= {REAL_MIN:g})"
    )
    summary("dev (in-sample)", dev, model)
    summary("held-out split", [r for r in rows if r[0] == "heldout"], model)
    pending = sections(args.pending, args.pending.parent / "labels")
    for prefix in sorted({r[1][:2] for r in pending}):
        summary(f"pending {prefix} (held out)", [r for r in pending if r[1].startswith(prefix)], model)


if __name__ == "__main__":
    main()
