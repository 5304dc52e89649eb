"""Would a placement learned from the blind readers carry over to unseen writers better than the hand bands?

    python evals/placement_experiment.py [--cases evals/cases] [--records F.json] [--load F.json] [--history]

For every dev case (the cases folder's own files; its held-out subfolders are never read, nor any reader's
labelling of a case outside it) the real pipeline runs as `reviewer eval` does (materialise, read, analyse,
extract, score) and, per narrative item, records what the band conditions look at: the engine's `measured`
dict, the conventions' flags and whether a zero rule decided the item. They are read off score_problems' and
score_suggestions' own locals as each returns (a profile hook on those two functions only), so the features
are the engine's, not a second computation of them.

Then leave-one-writer-set-out cross-validation over the seven writer sets: a ridge regression and a shallow
regression tree (both a few lines of pure Python: no new dependency) are trained on six sets, on the mean of
each case's two readers, and place the seventh set's cases the rules do not zero. Per fold and item: the two
readers' MAE against each other, the scorer's MAE against each of them (averaged), the learned placements'.
The scorer was tuned on every set, so its figure is in-sample for every fold; the learned ones are not.

--history makes the comparison fair: forward in time, each set is placed by the rubric's bands as they stood
just before its readers' labels were committed (git show; today's extractor and engine code) and by the
placements learned from the sets before it only (about a minute: the pipeline runs once per old rubric).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import yaml

from reviewer.evaluation import Labelling, _label_points, load_cases, materialise
from reviewer.read import read_report
from reviewer.review import ReviewOptions, review_with_facts
from reviewer.rubric import load_rubric
from reviewer.scoring import engine
from reviewer.structure import analyse

ITEMS = ("problems", "suggestions")
# Writer sets by case-id prefix, and their readers (evals/readers). The first set is the project's own writers.
GROUPS = {
    "hq": "cd",
    "hr": "ef",
    "hs": "gh",
    "hv": "ij",
    "hw": "kl",
    "hx": "mn",
    "ia": "wx",
    "ib": "uv",
    "h/n/seed": "ab",
}
MAX_POINTS = {"problems": 20.0, "suggestions": 15.0}
# The order the sets came in (their readers' labels' first commits); hw and hx arrived together, as did ia and ib.
CHRONOLOGY = ["h/n/seed", "hq", "hr", "hs", "hv", "hw", "hx", "ia", "ib"]


def group_of(case_id: str) -> str:
    prefix = re.match(r"[a-z]+", case_id)
    head = prefix.group(0) if prefix else ""
    return head if head in GROUPS else "h/n/seed"


# ------------------------------------------------------------------------------------------ collecting


def _capture(name: str, into: dict[str, dict[str, Any]]) -> None:
    """Wraps engine.<name> so that its locals at return land in into[name] (score_items looks it up by name)."""
    original = getattr(engine, name)
    code = original.__code__

    def hook(frame: FrameType, event: str, arg: object) -> None:
        if event == "return" and frame.f_code is code:
            into[name] = dict(frame.f_locals)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        previous = sys.getprofile()
        sys.setprofile(hook)
        try:
            return original(*args, **kwargs)
        finally:
            sys.setprofile(previous)

    setattr(engine, name, wrapped)


def _cap(value: float, cap: float) -> float:
    return min(value, cap) if math.isfinite(value) else cap


def problem_features(local: dict[str, Any]) -> dict[str, float]:
    m = local["measured"]
    return {
        "dimensions": m["dimensions"],
        "aspects": m["aspects"],
        "cause_share": m["cause_share"],
        "problems": _cap(m["problems"], 8),
        "avg_chars": _cap(m["avg_chars"], 120),
        "substance_share": m["substance_share"],
        "specifics_share": m["specifics_share"],
        "funding_beside_real": float(local["funding"] > 0),
        "template_prompts": float(bool(local["facts"].ignored_prompts)),
    }


def suggestion_features(local: dict[str, Any]) -> dict[str, float]:
    m = local["measured"]
    counted = local["counted"]
    eases, economy, floored, stated, empty = (
        bool(local[k]) for k in ("eases", "economy", "floored", "stated", "empty")
    )
    return {
        "coverage": m["coverage"],
        "replies": m["replies"],
        "steps": _cap(m["steps"], 12),
        "concrete_share": m["concrete_share"],
        "measures": _cap(m["measures"], 8),
        "avg_chars": _cap(m["avg_chars"], 120),
        "slogan_share": len(local["slogans"]) / len(counted) if counted else 0.0,
        "money_beside_real": float(bool(local["money"])),
        "off_topic": float(bool(local["off_topic"])),
        "repeats": float(bool(local["repeated"])),
        "no_answer": float(floored and not stated and not empty),
        "statement_only": float(stated and not empty),
        "nothing_listed": float(empty),
        "funding_answered": float(eases and economy and not floored and not stated),
        "other_work": float(eases and not economy and not floored and not stated),
        "thin_measures": float(bool(local["thin"])),
        "measures_referenced": float(local["facts"].measures_in_problems),
        "owed": _cap(float(len(local["owed"])), 8),
    }


def collect(cases_dir: Path, rubric_path: str | None = None) -> list[dict[str, Any]]:
    options = ReviewOptions(rubric=rubric_path) if rubric_path else ReviewOptions()
    rubric = load_rubric(options.rubric)
    cases = load_cases(cases_dir)  # the folder's own files: never its held-out subfolders
    ids = {c.id for _, c in cases}
    labels_dir = cases_dir.resolve().parent / "labels"
    locals_by_fn: dict[str, dict[str, Any]] = {}
    _capture("score_problems", locals_by_fn)
    _capture("score_suggestions", locals_by_fn)
    records = []
    with tempfile.TemporaryDirectory(prefix="placement-") as tmp:
        for case_path, case in cases:
            group = group_of(case.id)
            readers: dict[str, dict[str, float]] = {}
            for letter in GROUPS[group]:
                path = labels_dir / f"reader-{letter}" / f"{case.id}.yaml"
                if case.id not in ids or not path.is_file():
                    continue
                labelling = Labelling.model_validate(yaml.safe_load(path.read_text("utf-8")))
                for item_id, label in labelling.items.items():
                    points = _label_points(rubric, item_id, label)
                    if points is not None:
                        readers.setdefault(item_id, {})[letter] = points
            locals_by_fn.clear()
            report = analyse(read_report(materialise(case_path, case, Path(tmp))))
            result, _ = review_with_facts(report, options)
            scored = {i.id: i.points for i in result.items}
            for item_id, fn, features in (
                ("problems", "score_problems", problem_features),
                ("suggestions", "score_suggestions", suggestion_features),
            ):
                local = locals_by_fn.get(fn, {})
                zeroed = "measured" not in local
                records.append(
                    {
                        "case": case.id,
                        "group": group,
                        "item": item_id,
                        "zeroed": zeroed,
                        "scorer": scored.get(item_id),
                        "readers": readers.get(item_id, {}),
                        "features": {} if zeroed else features(local),
                    }
                )
    return records


def bands_before(cases_dir: Path, group: str, workdir: Path) -> Path:
    """The rubric as it stood just before `group`'s readers' labels were committed (so before any tuning on it)."""
    labels = cases_dir.resolve().parent / "labels" / f"reader-{GROUPS[group][0]}"
    root = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=cases_dir, capture_output=True, text=True, check=True
    ).stdout.strip()
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", str(labels)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    text = subprocess.run(
        ["git", "show", f"{added}^:rubrics/yueyang-dept-2023.yaml"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out = workdir / f"before-{group.replace('/', '-')}.yaml"
    out.write_text(text, "utf-8")
    return out


def history(cases_dir: Path) -> dict[str, dict[tuple[str, str], float | None]]:
    """Per writer set after the first: the points the hand bands gave it before they were tuned on it (with
    today's extractor and engine code), by (case, item)."""
    found: dict[str, dict[tuple[str, str], float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="placement-rubrics-") as tmp:
        for group in CHRONOLOGY[1:]:
            rubric = bands_before(cases_dir, group, Path(tmp))
            found[group] = {(r["case"], r["item"]): r["scorer"] for r in collect(cases_dir, str(rubric))}
    return found


# ------------------------------------------------------------------------------------------ models


Model = Callable[[dict[str, float]], float]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the normal equations are small and regularised)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit_ridge(rows: Sequence[dict[str, float]], y: Sequence[float], names: Sequence[str], lam: float = 1.0):
    """Ridge on standardised features (intercept not penalised); returns the model and its standardised weights."""
    means = {k: statistics.fmean(r[k] for r in rows) for k in names}
    sds = {k: statistics.pstdev([r[k] for r in rows]) or 1.0 for k in names}
    x = [[1.0] + [(r[k] - means[k]) / sds[k] for k in names] for r in rows]
    p = len(names) + 1
    xtx = [[sum(row[i] * row[j] for row in x) + (lam if i == j and i else 0.0) for j in range(p)] for i in range(p)]
    xty = [sum(row[i] * t for row, t in zip(x, y, strict=True)) for i in range(p)]
    w = _solve(xtx, xty)

    def model(r: dict[str, float]) -> float:
        return w[0] + sum(w[i + 1] * (r[k] - means[k]) / sds[k] for i, k in enumerate(names))

    return model, dict(zip(names, w[1:], strict=True))


def fit_tree(rows: Sequence[dict[str, float]], y: Sequence[float], names: Sequence[str], depth: int = 3, leaf: int = 6):
    """A regression tree (squared-error splits, median leaves); returns the model and its text."""

    def sse(values: list[float]) -> float:
        mu = statistics.fmean(values)
        return sum((v - mu) ** 2 for v in values)

    def grow(idx: list[int], d: int) -> Any:
        values = [y[i] for i in idx]
        best = None
        if d < depth and len(idx) >= 2 * leaf:
            base = sse(values)
            for k in names:
                cuts = sorted({rows[i][k] for i in idx})
                for lo, hi in itertools.pairwise(cuts):
                    t = (lo + hi) / 2
                    left = [i for i in idx if rows[i][k] <= t]
                    right = [i for i in idx if rows[i][k] > t]
                    if len(left) < leaf or len(right) < leaf:
                        continue
                    gain = base - sse([y[i] for i in left]) - sse([y[i] for i in right])
                    if gain > 1e-9 and (best is None or gain > best[0]):
                        best = (gain, k, t, left, right)
        if best is None:
            return statistics.median(values), len(idx)
        _, k, t, left, right = best
        return (k, t, grow(left, d + 1), grow(right, d + 1))

    tree = grow(list(range(len(rows))), 0)

    def model(r: dict[str, float]) -> float:
        node = tree
        while len(node) == 4:
            node = node[2] if r[node[0]] <= node[1] else node[3]
        return float(node[0])

    def text(node: Any, indent: str = "") -> str:
        if len(node) == 2:
            return f"{indent}→ {node[0]:g} (n={node[1]})\n"
        return (
            f"{indent}{node[0]} ≤ {node[1]:.3g}\n"
            + text(node[2], indent + "  ")
            + f"{indent}{node[0]} > {node[1]:.3g}\n"
            + text(node[3], indent + "  ")
        )

    return model, text(tree)


def snap(value: float, item: str) -> float:
    return min(MAX_POINTS[item], max(0.0, round(value * 2) / 2))


# ------------------------------------------------------------------------------------------ experiment


# The linear model's handful: what the band conditions and conventions test.
LINEAR = {
    "problems": ["dimensions", "aspects", "cause_share", "problems", "avg_chars", "substance_share"],
    "suggestions": [
        "coverage",
        "replies",
        "steps",
        "concrete_share",
        "avg_chars",
        "slogan_share",
        "no_answer",
        "statement_only",
        "other_work",
        "funding_answered",
    ],
}


def mae(pairs: Sequence[tuple[float, float]]) -> float:
    return statistics.fmean(abs(a - b) for a, b in pairs) if pairs else float("nan")


def against_readers(rows: list[dict[str, Any]], predict: Callable[[dict[str, Any]], float]) -> float:
    """The mean over the group's readers of the MAE against each (the eval's scorer-vs-reader figure)."""
    letters = sorted({k for r in rows for k in r["readers"]})
    return statistics.fmean(mae([(predict(r), r["readers"][k]) for r in rows if k in r["readers"]]) for k in letters)


def readers_mutual(rows: list[dict[str, Any]]) -> float:
    pairs = [list(r["readers"].values()) for r in rows if len(r["readers"]) == 2]
    return mae([(a, b) for a, b in pairs])


def placing(model: Model, item: str) -> Callable[[dict[str, Any]], float]:
    """A model's placement of a record: its figure to the half point, inside the item's range."""
    return lambda r: snap(model(r["features"]), item)


def target(r: dict[str, Any]) -> float:
    return statistics.fmean(r["readers"].values())


def _features(train: list[dict[str, Any]]) -> list[str]:
    """Every engine feature; `_scorer` (the hand bands' points) only where a learner says it uses it."""
    return sorted(k for k in train[0]["features"] if not k.startswith("_"))


def learners(item: str) -> dict[str, Callable[[list[dict[str, Any]]], tuple[Model, str]]]:
    def ridge(train: list[dict[str, Any]], names: Sequence[str]) -> tuple[Model, str]:
        model, w = fit_ridge([r["features"] for r in train], [target(r) for r in train], names)
        return model, ", ".join(f"{k} {v:+.2f}" for k, v in sorted(w.items(), key=lambda kv: -abs(kv[1])))

    def tree(train: list[dict[str, Any]], depth: int, leaf: int) -> tuple[Model, str]:
        return fit_tree([r["features"] for r in train], [target(r) for r in train], _features(train), depth, leaf)

    def recalibrated(train: list[dict[str, Any]]) -> tuple[Model, str]:
        # Keeps the hand bands' decision and learns only what each of its point values is worth to the readers
        # (the median of the six sets' readers; a value seen fewer than 3 times keeps its own points).
        by: dict[float, list[float]] = {}
        for r in train:
            by.setdefault(r["scorer"], []).append(target(r))
        table = {k: statistics.median(v) for k, v in by.items() if len(v) >= 3}
        why = ", ".join(f"{k:g}→{v:g}" for k, v in sorted(table.items()) if v != k)
        return (lambda f, t=table: t.get(f["_scorer"], f["_scorer"])), why or "no value moved"

    def residual(train: list[dict[str, Any]]) -> tuple[Model, str]:
        # The hand bands plus a learned correction (ridge, strongly shrunk) of what the readers give beyond them.
        rows = [r["features"] for r in train]
        model, w = fit_ridge(rows, [target(r) - r["scorer"] for r in train], _features(train), lam=20.0)
        top = sorted(w.items(), key=lambda kv: -abs(kv[1]))[:5]
        return (lambda f, m=model: f["_scorer"] + m(f)), ", ".join(f"{k} {v:+.2f}" for k, v in top)

    return {
        "ridge": lambda train: ridge(train, LINEAR[item]),
        "ridge_all": lambda train: ridge(train, _features(train)),
        "tree2": lambda train: tree(train, 2, 10),
        "tree3": lambda train: tree(train, 3, 6),
        "recal": recalibrated,
        "scorer+resid": residual,
    }


def run(records: list[dict[str, Any]]) -> None:
    for r in records:
        r["features"]["_scorer"] = r["scorer"] if r["scorer"] is not None else 0.0
    for item in ITEMS:
        rows = [r for r in records if r["item"] == item and r["readers"]]
        placed = [r for r in rows if not r["zeroed"]]
        zeroed = len(rows) - len(placed)
        print(f"\n=== {item} (/{MAX_POINTS[item]:g}): {len(placed)} placed cases, {zeroed} zeroed by rules (excluded)")
        fit = learners(item)
        header = f"{'fold':<9}{'n':>4}{'readers':>9}{'scorer':>8}" + "".join(f"{k:>15}" for k in fit)
        print(header)
        totals: dict[str, list[float]] = {k: [] for k in ["readers", "scorer", *fit]}
        explained: dict[str, list[str]] = {k: [] for k in fit}
        for group in GROUPS:
            test = [r for r in placed if r["group"] == group]
            train = [r for r in placed if r["group"] != group]
            line = {
                "readers": readers_mutual(test),
                "scorer": against_readers(test, lambda r: r["scorer"]),
            }
            for name, learn in fit.items():
                model, why = learn(train)
                line[name] = against_readers(test, placing(model, item))
                explained[name].append(f"[{group}] {why}")
            for k, v in line.items():
                totals[k].append(v)
            print(
                f"{group:<9}{len(test):>4}"
                + "".join(f"{line[k]:>{9 if k == 'readers' else 8 if k == 'scorer' else 15}.2f}" for k in totals)
            )
        print(
            f"{'mean':<9}{'':>4}"
            + "".join(
                f"{statistics.fmean(v):>{9 if k == 'readers' else 8 if k == 'scorer' else 15}.2f}"
                for k, v in totals.items()
            )
        )
        wins = {
            k: sum(1 for a, b in zip(v, totals["scorer"], strict=True) if a < b - 1e-9)
            for k, v in totals.items()
            if k in fit
        }
        beaten = ", ".join(f"{k} {n}/{len(GROUPS)}" for k, n in wins.items())
        print("folds where the learned placement beats the scorer:", beaten)
        ins = {"scorer": against_readers(placed, lambda r: r["scorer"])}
        for name, learn in fit.items():
            model, why = learn(placed)
            ins[name] = against_readers(placed, placing(model, item))
            explained[name].append(f"[all, in-sample] {why}")
        print("in-sample (all sets, pooled over readers): " + ", ".join(f"{k} {v:.2f}" for k, v in ins.items()))
        for name in ("ridge", "tree2", "recal", "scorer+resid"):
            print(f"--- {name}, per fold and fitted on all:")
            for why in explained[name]:
                print("   " + why.replace("\n", "\n   "))
        print("--- tree3 fitted on all:\n   " + explained["tree3"][-1].replace("\n", "\n   "))


def forward(records: list[dict[str, Any]], before: dict[str, dict[tuple[str, str], float | None]]) -> None:
    """Forward in time, as the hand bands were made: each set placed by bands tuned on the sets before it only,
    and by the placements learned from those same sets."""
    print("\n=== forward in time: trained (or hand-tuned) only on the sets that came before")
    for item in ITEMS:
        placed = [r for r in records if r["item"] == item and r["readers"] and not r["zeroed"]]
        fit = {k: v for k, v in learners(item).items() if not k.startswith(("recal", "scorer"))}
        print(f"--- {item}")
        print(f"{'set':<6}{'n':>4}{'readers':>9}{'now':>7}{'bands then':>12}" + "".join(f"{k:>11}" for k in fit))
        totals: dict[str, list[float]] = {}
        for index, group in enumerate(CHRONOLOGY[1:], start=1):
            test = [r for r in placed if r["group"] == group]
            seen = CHRONOLOGY[: min(index, CHRONOLOGY.index("hw"))]
            train = [r for r in placed if r["group"] in seen]
            then = before[group]

            def earlier(r: dict[str, Any], t: dict[tuple[str, str], float | None] = then) -> float:
                return t[(r["case"], r["item"])] or 0.0

            line = {
                "readers": readers_mutual(test),
                "now": against_readers(test, lambda r: r["scorer"]),
                "bands then": against_readers(test, earlier),
            }
            for name, learn in fit.items():
                line[name] = against_readers(test, placing(learn(train)[0], item))
            for k, v in line.items():
                totals.setdefault(k, []).append(v)
            widths = [9, 7, 12] + [11] * len(fit)
            print(
                f"{group:<6}{len(test):>4}"
                + "".join(f"{v:>{w}.2f}" for v, w in zip(line.values(), widths, strict=True))
            )
        print(
            f"{'mean':<10}"
            + "".join(f"{statistics.fmean(v):>{w}.2f}" for v, w in zip(totals.values(), widths, strict=True))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=Path("evals/cases"))
    parser.add_argument("--records", type=Path, help="write the collected records here (JSON)")
    # An older rubric (git show <commit>:rubrics/…) scores with the bands as they stood before a writer set was
    # tuned on: with --records, the hand bands' own out-of-sample figure for that set (today's extractor).
    parser.add_argument("--rubric", help="score with this rubric file instead of the packaged one")
    parser.add_argument("--load", type=Path, help="read collected records instead of running the pipeline")
    parser.add_argument("--history", action="store_true", help="also score each set with the bands from before it")
    args = parser.parse_args()
    records = json.loads(args.load.read_text("utf-8")) if args.load else collect(args.cases, args.rubric)
    if args.records:
        args.records.write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")
    run(records)
    if args.history:
        forward(records, history(args.cases))


if __name__ == "__main__":
    main()
