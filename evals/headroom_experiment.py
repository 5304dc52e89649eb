"""How much nearer the blind readers could any change to the learned placement bring the rules scorer?

    pip install scikit-learn          # this experiment only; the project does not depend on it
    python evals/headroom_experiment.py [--cases evals/cases] [--folds 10] [--new-since REV [--first-contact EVAL]]

Held-out, the scorer has stayed about 0.82 / 0.60 from its readers (problems / suggestions, mean over readers) since
session 14, however the readings and the placement changed. This asks, on dev alone, whether anything left at the
placement's level would move it. Dev writer sets are split into `--folds` groups (a set is never on both sides); each
variant is trained on the other groups and places the group left out, scored as the scorer scores (a zero rule or a
fixed-points convention keeps its own points). As in forest_experiment.py, the training cases' text estimates were
made by regressions that read the left-out group: every variant is a little optimistic, by about the same amount.
Variants, each against `packaged way` (the packaged method on the packaged features):

- `words and counts only`: the extractor's facts dropped; only the section as written, counted, and the text estimate
  (over the words as the rules cut them; the zero rules and fixed points still decide where they do).
- `with neighbours`: one more feature, the median of the readers' mean over the 15 dev texts nearest in character
  n-grams (cosine of tf-idf).
- `no-problem placed`: where the problems part states no problem, the item is placed like any other instead of
  taking its fixed points (0 for 反映问题情况; for 建议情况 what its conventions give measures with no problem to
  answer).
- `snapped`: each rounded figure mapped to the points nearest the readers of the other groups' cases that got it.

`--new-since REV`: also the dev cases added after commit REV (the packaged placement's training set, when REV is the
commit that exported it), placed by the packaged scorer and by the variants.

`--first-contact EVAL`: with `--new-since REV`, the JSON of `reviewer eval --format json` run by the scorer of commit
REV over today's dev cases (a worktree of REV with today's cases, reports and dev labels copied in): each new case as
that scorer met it, before any reading was made for its writer. Prints its figure, the share of it in errors of five
points or more (by which side says 0), and whether the section's own words catch those errors: a ridge regression over
the character n-grams of the section as written, and a classifier of the sections the readers scored 0, both trained
out of fold on dev, used to lower or to zero the old scorer's points.

Nothing here changes the scorer; the result is recorded in docs/narrative-calibration.md (Session 28). Only dev cases
and their labels are read.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from forest_experiment import (
    CHOSEN_METHOD,
    FEATURES,
    ITEMS,
    ROOT,
    TEXT_ALPHA,
    CaseRow,
    blind_labels,
    fitted_models,
    mae_per_reader,
    parts_read,
    read_rows,
    require_scikit_learn,
    text_predictions,
    text_regression,
    text_vectoriser,
    writer_set,
)

from reviewer.evaluation import load_split_cases
from reviewer.rubric import SECTION_FEATURES, load_rubric

Labels = dict[tuple[str, str], dict[str, float]]
NEIGHBOURS = 15
# Rounded figures given to fewer cases' readers than this keep their own points when snapped.
SNAP_MIN_LABELS = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "cases")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--new-since", metavar="REV", help="also report the dev cases added after this commit")
    parser.add_argument("--first-contact", type=Path, metavar="EVAL", help="REV's scorer's eval JSON (see above)")
    args = parser.parse_args()
    require_scikit_learn()
    cases = [c for c in load_split_cases(args.cases) if c[0] == "dev"]
    rubric = load_rubric()
    labels = blind_labels(args.cases, cases, rubric)
    rows = read_rows(cases, parts_read(rubric), set(), splits=("dev",))
    new = _added_since(args.new_since, rows) if args.new_since else set()
    met = _points_in_eval(args.first_contact, new) if args.first_contact else {}
    for item in ITEMS:
        ids = sorted(c for c in rows if labels.get((c, item)))
        folds = _folds(ids, labels, item, args.folds)
        variants, no_problem, fixed = _variants(item, ids, rows, labels, rubric, folds)
        print(f"## {item}: {len(ids)} dev cases, {len(folds)} groups of writer sets (mean over readers)")
        for name, points in variants.items():
            print(f"{name:24} {_mean_over_readers(ids, points, labels, item):.3f}")
        among = [k for k in range(len(ids)) if no_problem[k]]
        if among:
            chosen_ids = [ids[k] for k in among]
            placed = _mean_over_readers(chosen_ids, variants["no-problem placed"][among], labels, item)
            print(
                f"on the {len(among)} sections stating no problem: placed {placed:.3f}, "
                f"fixed {_mean_over_readers(chosen_ids, fixed[among], labels, item):.3f}"
            )
        among = [k for k, c in enumerate(ids) if c in new]
        if among:
            chosen_ids = [ids[k] for k in among]
            print(f"### the {len(among)} dev cases added since {args.new_since}")
            by_scorer = [rows[c].points[item] for c in chosen_ids]
            print(f"{'packaged scorer':24} {_mean_over_readers(chosen_ids, by_scorer, labels, item):.3f}")
            for name, points in variants.items():
                print(f"{name:24} {_mean_over_readers(chosen_ids, points[among], labels, item):.3f}")
            if met:
                _report_first_contact(item, ids, among, rows, labels, folds, met)


def _folds(ids: list[str], labels: Labels, item: str, n_folds: int) -> list[Any]:
    """Train and test positions per group; a writer set is never on both sides."""
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=n_folds).split(ids, _target(ids, labels, item), [writer_set(c) for c in ids]))


def _target(ids: Sequence[str], labels: Labels, item: str) -> Any:
    import numpy

    return numpy.array([statistics.mean(labels[(c, item)].values()) for c in ids])


def _variants(
    item: str, ids: list[str], rows: dict[str, CaseRow], labels: Labels, rubric: Any, folds: list[Any]
) -> tuple[dict[str, Any], Any, Any]:
    """Each variant's rounded points per case (out of fold), where the problems part states no problem, and the
    fixed points there."""
    import numpy

    target = _target(ids, labels, item)
    texts = [rows[c].texts[item] for c in ids]
    estimate = numpy.zeros(len(ids))
    near = numpy.zeros(len(ids))
    for train, test in folds:
        model = text_regression([texts[i] for i in train], list(target[train]))
        estimate[test] = text_predictions(model, [texts[i] for i in test])
        vectoriser = model[0]  # the neighbours are found in the text estimate's own n-gram space
        known = vectoriser.transform([texts[i] for i in train])
        similarity = (vectoriser.transform([texts[i] for i in test]) @ known.T).toarray()
        near[test] = numpy.median(target[train][numpy.argsort(-similarity, axis=1)[:, :NEIGHBOURS]], axis=1)
    values = [rows[c].facts | rows[c].counted[item] | {"text_estimate": estimate[k]} for k, c in enumerate(ids)]
    facts = numpy.array([[v[n] for n in FEATURES] for v in values])
    words_and_counts = numpy.array([[v[n] for n in (*SECTION_FEATURES, "text_estimate")] for v in values])
    lowest = min(band.min for band in rubric.item(item).bands)
    highest = float(rubric.item(item).points)
    fixed = numpy.array([rows[c].bands[item] for c in ids])
    placeable = numpy.array([rows[c].placeable[item] for c in ids])
    no_problem = numpy.array(
        [not rows[c].placeable[item] and rows[c].facts["no_problem"] > 0 and rows[c].facts["funding"] == 0 for c in ids]
    )
    chosen = slice(None) if CHOSEN_METHOD[item] == "mixed" else slice(0, 1)

    def placed(x: Any, where: Any) -> Any:
        out = numpy.zeros(len(ids))
        for train, test in folds:
            models = fitted_models(x[train].tolist(), list(target[train]))[chosen]
            out[test] = sum(m.predict(x[test]) for m in models) / len(models)
        return numpy.floor(numpy.where(where, numpy.clip(out, lowest, highest), fixed) + 0.5)

    variants = {
        "packaged way": placed(facts, placeable),
        "words and counts only": placed(words_and_counts, placeable),
        "with neighbours": placed(numpy.column_stack([facts, near]), placeable),
        "no-problem placed": placed(facts, placeable | no_problem),
    }
    variants["snapped"] = _snapped(variants["packaged way"], folds, ids, labels, item, highest)
    return variants, no_problem, fixed


def _report_first_contact(
    item: str, ids: list[str], among: list[int], rows: dict[str, CaseRow], labels: Labels, folds: list[Any], met: Any
) -> None:
    """The new cases as REV's scorer met them, the share of its error in errors of five points or more, and the
    section's own words (out of fold) lowering or zeroing its points."""
    import numpy
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.metrics import roc_auc_score

    target = _target(ids, labels, item)
    readers_zero = numpy.array([statistics.median(labels[(c, item)].values()) == 0 for c in ids])
    written = [rows[c].written[item] for c in ids]
    estimate = numpy.zeros(len(ids))
    zero_chance = numpy.zeros(len(ids))
    for train, test in folds:
        vectoriser = text_vectoriser()
        known = vectoriser.fit_transform([written[i] for i in train])
        unknown = vectoriser.transform([written[i] for i in test])
        estimate[test] = Ridge(alpha=TEXT_ALPHA).fit(known, target[train]).predict(unknown)
        classifier = LogisticRegression(C=3.0, max_iter=2000).fit(known, readers_zero[train])
        zero_chance[test] = classifier.predict_proba(unknown)[:, 1]
    print(
        f"{'':24} the readers' zeros told from the rest by the words (all dev, out of fold): area under the curve "
        f"{roc_auc_score(readers_zero, zero_chance):.3f}"
    )
    chosen = [ids[k] for k in among]
    first = numpy.array([met[(c, item)] for c in chosen])
    errors = [(p, label) for c, p in zip(chosen, first, strict=True) for label in labels[(c, item)].values()]
    tail: dict[str, float] = defaultdict(float)
    for p, label in errors:
        if abs(p - label) >= 5:
            tail["REV's scorer 0" if p == 0 else "a reader 0" if label == 0 else "neither 0"] += abs(p - label)
    print(f"{'first contact':24} {_mean_over_readers(chosen, first, labels, item):.3f}")
    print(f"{'':24} of it, errors of 5 or more: " + ", ".join(f"{k} {v / len(errors):.3f}" for k, v in tail.items()))
    for highest in (3, 4, 5):
        lowered = numpy.where((first >= 5) & (estimate[among] <= highest), numpy.floor(estimate[among] + 0.5), first)
        print(
            f"{'':24} lowered to the words' estimate where it is {highest} or less ({int((lowered != first).sum())}"
            f" cases): {_mean_over_readers(chosen, numpy.clip(lowered, 0, None), labels, item):.3f}"
        )
    for chance in (0.5, 0.7):
        zeroed = numpy.where((first > 0) & (zero_chance[among] >= chance), 0.0, first)
        print(
            f"{'':24} zeroed where the readers' zero is {chance} likely or more ({int((zeroed != first).sum())}"
            f" cases): {_mean_over_readers(chosen, zeroed, labels, item):.3f}"
        )


def _points_in_eval(path: Path, wanted: set[str]) -> dict[tuple[str, str], float]:
    """Per (case, item) of the wanted dev cases, the points the eval's scorer gave."""
    report = json.loads(path.read_text("utf-8"))[0]
    return {
        (row["case"], row["item"]): float(row["predicted_points"] or 0.0)
        for row in report["rows"]
        if row["split"] == "dev" and row["case"] in wanted and row["item"] in ITEMS
    }


def _mean_over_readers(ids: Sequence[str], points: Any, labels: Labels, item: str) -> float:
    return statistics.mean(mae_per_reader(ids, item, [float(p) for p in points], labels).values())


def _snapped(
    points: Any,
    folds: list[Any],
    ids: Sequence[str],
    labels: Labels,
    item: str,
    highest: float,
) -> Any:
    """Each group's rounded figures mapped, by the other groups' cases, to the points nearest their readers."""
    out = points.copy()
    for train, test in folds:
        given: dict[float, list[float]] = defaultdict(list)
        for k in train:
            given[float(points[k])].extend(labels[(ids[k], item)].values())
        mapping = {p: _nearest_points(p, v, highest) if len(v) >= SNAP_MIN_LABELS else p for p, v in given.items()}
        out[test] = [mapping.get(float(points[k]), float(points[k])) for k in test]
    return out


def _nearest_points(given: float, labels: list[float], highest: float) -> float:
    """The whole points nearest the labels (least absolute error), ties to the figure given."""
    return float(min(range(int(highest) + 1), key=lambda x: (sum(abs(x - v) for v in labels), abs(x - given))))


def _added_since(rev: str, rows: dict[str, Any]) -> set[str]:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{rev}:evals/cases"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    before = {name.removesuffix(".yaml") for name in listed}
    return {c for c in rows if c not in before}


if __name__ == "__main__":
    main()
