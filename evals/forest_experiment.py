"""Does a placement learned from the blind readers, over the extractor's facts, carry over to unseen writers?

    pip install scikit-learn          # this experiment only; the project does not depend on it
    python evals/forest_experiment.py [--cases evals/cases]

Session 5's `placement_experiment.py` (ridge and a shallow tree, 116 dev cases) found a learned placement no better
than the hand bands. With 416 dev cases by 20 writer sets this asks again with forests. Per case, the facts the rules
extractor reads (counts and shares of problems, dimensions, causes, data, measures, answers, concrete, slogans, money,
lengths) and the rules scorer's own points are the features; the target is the mean of the case's blind readers.

1. Leave one writer set out over dev: forests trained on the other sets place the left-out set; the rules scorer's
   figure is in-sample (it was tuned on every set).
2. Trained on all of dev, the forests place each held-out set. Only aggregates are printed (per set, the MAE against
   each of its readers): a held-out case's row is never shown, so nothing here can be tuned on.

Nothing here changes the scorer: the result is evidence for choosing a method, recorded in
docs/narrative-calibration.md.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.evaluation import labels_folder, load_labellings, load_split_cases, materialise  # noqa: E402
from reviewer.read import read_report  # noqa: E402
from reviewer.review import ReviewOptions, review_report  # noqa: E402
from reviewer.scoring.rules import extract_rules  # noqa: E402
from reviewer.structure import analyse  # noqa: E402

ITEMS = ("problems", "suggestions")


def writer_set(case_id: str) -> str:
    found = re.match(r"([a-z]+)\d", case_id)
    return found.group(1) if found else "seed"


def features(report: Any) -> tuple[dict[str, float], dict[str, float]]:
    """The extractor's facts as numbers, and the rules scorer's points per narrative item."""
    facts = extract_rules(report)
    counted = [p for p in facts.problems if not p.funding_only]
    replies = [m for m in facts.measures if not m.money_only and not m.off_topic and m.repeats is None]
    owed = {i for i, p in enumerate(facts.problems) if not p.funding_only}
    n, m = max(1, len(counted)), max(1, len(replies))

    def share(values: list[bool], of: int) -> float:
        return sum(values) / of

    row = {
        "problems": len(facts.problems),
        "counted": len(counted),
        "funding": len(facts.problems) - len(counted),
        "dimensions": len({d for p in counted for d in p.dimensions}),
        "cause": share([bool(p.cause) for p in counted], n),
        "data": share([bool(p.specifics) for p in counted], n),
        "set_out": share([p.set_out for p in counted], n),
        "stance": share([p.stance for p in counted], n),
        "problem_chars": sum(len(p.text or p.quote) for p in counted) / n,
        "measures": len(facts.measures),
        "replies": len(replies),
        "money": sum(x.money_only for x in facts.measures),
        "off_topic": sum(x.off_topic for x in facts.measures),
        "slogan": share([x.slogan for x in replies], m),
        "concrete": share([x.concrete for x in replies], m),
        "steps": sum(x.steps or 0 for x in replies),
        "answered": len({i for x in replies if not x.slogan for i in x.answers} & owed) / max(1, len(owed)),
        "touched": len({i for x in replies for i in x.answers} & owed) / max(1, len(owed)),
        "measure_chars": sum(len(x.text or x.quote) for x in replies) / m,
        "prompts": len(facts.ignored_prompts),
        "no_problem": len(facts.no_problem_statements),
    }
    items = {i.id: i.points for i in review_report(report, ReviewOptions()).items}
    return row, {item: float(items.get(item) or 0.0) for item in ITEMS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "cases")
    args = parser.parse_args()
    try:
        from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
    except ImportError:
        sys.exit("本实验需要 scikit-learn：pip install scikit-learn（项目本身不依赖它）")
    cases = [(split, path, case) for split, path, case in load_split_cases(args.cases) if case.recipe]
    folder, _ = labels_folder(args.cases)
    labels: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for labelling in load_labellings(folder, {c.id for _, _, c in cases}, strict=False):
        for item in ITEMS:
            label = labelling.items.get(item)
            if label is not None and label.points is not None:
                labels[(labelling.case, item)][labelling.reader] = label.points
    rows: dict[str, tuple[str, list[float], dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for split, path, case in cases:
            row, rules = features(analyse(read_report(materialise(path, case, Path(tmp)))))
            rows[case.id] = (split, [row[k] for k in sorted(row)], rules)

    def mae_per_reader(ids: list[str], item: str, placed: list[float]) -> list[float]:
        per: dict[str, list[float]] = defaultdict(list)
        for case_id, points in zip(ids, placed, strict=True):
            for reader, label in labels[(case_id, item)].items():
                per[reader].append(abs(round(points) - label))
        return [statistics.mean(per[r]) for r in sorted(per)]

    def forests(ids: list[str], item: str) -> list[Any]:
        x = [rows[c][1] for c in ids]
        y = [statistics.mean(labels[(c, item)].values()) for c in ids]
        return [
            RandomForestRegressor(n_estimators=300, min_samples_leaf=3, random_state=0).fit(x, y),
            GradientBoostingRegressor(
                n_estimators=150, max_depth=3, learning_rate=0.05, subsample=0.8, random_state=0
            ).fit(x, y),
        ]

    def placed(models: list[Any], ids: list[str], item: str) -> dict[str, list[float]]:
        x = [rows[c][1] for c in ids]
        rules = [rows[c][2][item] for c in ids]
        forest, boosted = (list(m.predict(x)) for m in models)
        return {"rules": rules, "forest": forest, "boosted": boosted}

    for item in ITEMS:
        dev = [c for c, (split, _, _) in rows.items() if split == "dev" and labels.get((c, item))]
        print(f"## {item}: leave one writer set out (dev; rules in-sample)")
        totals: dict[str, list[float]] = defaultdict(list)
        for left_out in sorted({writer_set(c) for c in dev}):
            test = [c for c in dev if writer_set(c) == left_out]
            if len(test) < 8:
                continue
            result = placed(forests([c for c in dev if writer_set(c) != left_out], item), test, item)
            figures = {name: statistics.mean(mae_per_reader(test, item, p)) for name, p in result.items()}
            for name, value in figures.items():
                totals[name].append(value)
            print(left_out, "  ".join(f"{name} {value:.2f}" for name, value in figures.items()))
        print("mean over sets", "  ".join(f"{name} {statistics.mean(v):.3f}" for name, v in totals.items()))
        print(f"## {item}: held-out sets, placed by forests trained on all of dev (MAE per reader)")
        models = forests(dev, item)
        held = [c for c, (split, _, _) in rows.items() if split == "heldout" and labels.get((c, item))]
        for name_of_set in sorted({writer_set(c) for c in held}):
            test = [c for c in held if writer_set(c) == name_of_set]
            result = placed(models, test, item)
            print(
                name_of_set,
                " | ".join(
                    f"{name} " + ", ".join(f"{v:.2f}" for v in mae_per_reader(test, item, p))
                    for name, p in result.items()
                ),
            )


if __name__ == "__main__":
    main()
