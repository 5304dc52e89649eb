"""Item-by-item labels: where the rules extractor reads a problem or a measure differently from blind readers.

Run from the repository root:

    python evals/readers/units.py import READER ANSWERS.yaml KEY.yaml   # writes evals/labels-units/READER.yaml
    python evals/readers/units.py compare [--cases DIR] [--labels DIR] [--list]
    python evals/readers/units.py decompose [--cases DIR] [--labels DIR] [--scores DIR]

A unit reader is given `units.md` and a packet (made as for score readers, `packets.py packet`), never the
scorer's output. Each problem and measure they list is found in the section text by its first characters and
matched to the extractor's unit that holds that place; then each judgement (aspect, funding, cause, data;
answers, concrete, money_only, off_topic, slogan) is compared, readers against each other (the ceiling) and
the extractor against each reader. `--list` prints the units where both readers agree and the extractor does
not: the extraction errors worth fixing first, by kind. `decompose` scores each case again with the judgements
two unit readers agree on in place of the extractor's, one kind at a time, against the score readers: what
extraction costs and what the placement (bands, conventions) costs.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reviewer.evaluation import load_split_cases, materialise  # noqa: E402
from reviewer.read import read_report  # noqa: E402
from reviewer.rubric import RubricItem, load_rubric  # noqa: E402
from reviewer.scoring.engine import score_problems, score_suggestions  # noqa: E402
from reviewer.scoring.facts import NarrativeFacts  # noqa: E402
from reviewer.scoring.items import RULES, ItemScore, ProblemsDetail  # noqa: E402
from reviewer.scoring.rules import extract_rules  # noqa: E402
from reviewer.structure import analyse  # noqa: E402
from reviewer.structure.models import Report  # noqa: E402

LABELS = ROOT / "evals" / "labels-units"
CASES = ROOT / "evals" / "cases"

# A reader's aspect, as the rubric's dimension it belongs to (预算 and 预算绩效管理 are one dimension).
ASPECT_DIMENSION = {
    "预算编制和执行": "budget_management",
    "预算绩效管理": "budget_management",
    "部门履职效能": "duty_performance",
    "资金分配使用和管理": "fund_management",
    "资产和财务管理": "asset_finance",
    "政府采购": "procurement",
    "其他": None,
}
PROBLEM_FIELDS = ("dimension", "funding", "cause", "data")
MEASURE_FIELDS = ("answers", "concrete", "money_only", "off_topic", "slogan")
APPLY_ORDER = ("funding", "dimension", "cause", "data", *MEASURE_FIELDS)


def import_answers(reader: str, answers: Path, key: Path) -> Path:
    """The reader's answers under case ids (the packet's numbers mean nothing outside it)."""
    numbers = yaml.safe_load(key.read_text("utf-8"))
    entries = yaml.safe_load(answers.read_text("utf-8"))
    by_case = {}
    for entry in entries:
        number = str(entry["n"]).zfill(3)
        by_case[numbers[number]] = {
            "problems": entry.get("problems") or [],
            "measures": entry.get("measures") or [],
            **({"notes": entry["notes"]} if entry.get("notes") else {}),
        }
    missing = sorted(set(numbers.values()) - set(by_case))
    if missing:
        raise SystemExit(f"{answers}: 缺少 {len(missing)} 份摘录的标注：{', '.join(missing)}")
    LABELS.mkdir(parents=True, exist_ok=True)
    out = LABELS / f"{reader}.yaml"
    document = {"reader": reader, "instructions": "readers/units.md", "cases": dict(sorted(by_case.items()))}
    out.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _place(text: str, start: str) -> int | None:
    """Where a reader's quoted opening stands in the text (shorter prefixes when a character was miscopied)."""
    start = _squash(start).strip("「」\"'…")
    for length in (len(start), 12, 8, 6):
        probe = start[:length]
        if len(probe) >= 4:
            at = text.find(probe)
            if at >= 0:
                return at
    # A miscopied character early on: any six characters of the opening, where the opening would begin.
    for offset in range(1, len(start) - 5):
        at = text.find(start[offset : offset + 6])
        if at >= 0:
            return max(0, at - offset)
    return None


def _spans(text: str, units: list[str]) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for unit in units:
        squashed = _squash(unit)
        at = text.find(squashed, cursor)
        if at < 0:
            at = text.find(squashed[:12])
        spans.append((at, at + len(squashed)) if at >= 0 else (-1, -1))
        if at >= 0:
            cursor = at
    return spans


def _owner(spans: list[tuple[int, int]], at: int | None) -> int | None:
    if at is None:
        return None
    for index, (begin, end) in enumerate(spans):
        if begin <= at < end:
            return index
    return None


def reader_view(facts: NarrativeFacts, text: str, label: dict[str, Any]) -> dict[str, Any]:
    """The extractor's judgements on the units the reader listed, matched by place; None where nothing matches."""
    problem_spans = _spans(text, [p.text for p in facts.problems])
    measure_spans = _spans(text, [m.text for m in facts.measures])
    problem_index = [_owner(problem_spans, _place(text, p.get("start", ""))) for p in label["problems"]]
    problems = []
    for unit, index in zip(label["problems"], problem_index, strict=True):
        fact = facts.problems[index] if index is not None else None
        problems.append(
            {
                "start": unit.get("start", ""),
                "index": index,
                "reader": {
                    "dimension": ASPECT_DIMENSION.get(unit.get("aspect")),
                    "funding": bool(unit.get("funding")),
                    "cause": bool(unit.get("cause")),
                    "data": bool(unit.get("data")),
                },
                "scorer": None
                if fact is None
                else {
                    "dimension": None if fact.funding_only or not fact.dimensions else fact.dimensions[0],
                    "funding": fact.funding_only,
                    "cause": fact.cause is not None,
                    "data": bool(fact.specifics),
                },
            }
        )
    # The extractor's problem numbers, in the reader's numbering, to compare which problems a measure answers.
    to_reader = {index: n for n, index in enumerate(problem_index) if index is not None}
    measures = []
    for unit in label["measures"]:
        index = _owner(measure_spans, _place(text, unit.get("start", "")))
        measure = facts.measures[index] if index is not None else None
        measures.append(
            {
                "start": unit.get("start", ""),
                "index": index,
                "reader": {
                    "answers": sorted(int(n) - 1 for n in unit.get("answers") or []),
                    "concrete": bool(unit.get("concrete")),
                    "money_only": bool(unit.get("money_only")),
                    "off_topic": bool(unit.get("off_topic")),
                    "slogan": bool(unit.get("slogan")),
                },
                "scorer": None
                if measure is None
                else {
                    "answers": sorted({to_reader[a] for a in measure.answers if a in to_reader}),
                    "concrete": measure.concrete,
                    "money_only": measure.money_only,
                    "off_topic": measure.off_topic,
                    "slogan": measure.slogan,
                },
            }
        )
    return {
        "problem_index": problem_index,
        "problems": problems,
        "measures": measures,
        "counts": {
            "reader": (len(label["problems"]), len(label["measures"])),
            "scorer": (len(facts.problems), len(facts.measures)),
        },
    }


def _facts(cases_folder: Path, ids: set[str]) -> dict[str, tuple[Report, NarrativeFacts, str]]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _, path, case in load_split_cases(cases_folder):
            if case.id not in ids:
                continue
            report = analyse(read_report(materialise(path, case, Path(tmp))))
            parts = [report.section("problems"), report.section("measures")]
            text = _squash("".join(part.text for part in parts if part))
            out[case.id] = (report, extract_rules(report), text)
    return out


def _compared(kind: str, fields: tuple[str, ...], unit: dict[str, Any]) -> tuple[str, ...]:
    """Which problems a request or an off-topic measure answers does not count: it is not counted as a measure."""
    if kind == "measures" and (unit["reader"]["money_only"] or unit["reader"]["off_topic"]):
        return tuple(f for f in fields if f not in ("answers", "concrete", "slogan"))
    return fields


def _readers(labels: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8"))["cases"] for p in sorted(labels.glob("*.yaml"))}


def compare(cases_folder: Path, labels: Path, show: bool) -> None:
    readers = _readers(labels)
    ids = {case for cases in readers.values() for case in cases}
    facts = {case: (f, text) for case, (_, f, text) in _facts(cases_folder, ids).items()}
    views = {
        reader: {case: reader_view(*facts[case], label) for case, label in cases.items() if case in facts}
        for reader, cases in readers.items()
    }
    scorer_hits: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    reader_hits: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    unmatched = [0, 0]
    errors: dict[str, list[str]] = collections.defaultdict(list)
    counts = collections.Counter[str]()
    for cases in views.values():
        for view in cases.values():
            r, s = view["counts"]["reader"], view["counts"]["scorer"]
            counts["problems same count" if r[0] == s[0] else "problems other count"] += 1
            counts["measures same count" if r[1] == s[1] else "measures other count"] += 1
            for kind, fields in (("problems", PROBLEM_FIELDS), ("measures", MEASURE_FIELDS)):
                for unit in view[kind]:
                    unmatched[1] += 1
                    if unit["scorer"] is None:
                        unmatched[0] += 1
                        continue
                    for field in _compared(kind, fields, unit):
                        hit = scorer_hits[f"{kind}.{field}"]
                        hit[0] += unit["scorer"][field] == unit["reader"][field]
                        hit[1] += 1
    # Readers against each other, and units where two readers agree and the extractor does not.
    by_case = collections.defaultdict(list)
    for reader, cases in views.items():
        for case, view in cases.items():
            by_case[case].append((reader, view))
    for case, pair in sorted(by_case.items()):
        if len(pair) < 2:
            continue
        (_, first), (_, second) = pair[:2]
        for kind, fields in (("problems", PROBLEM_FIELDS), ("measures", MEASURE_FIELDS)):
            for unit, other in paired(first, second, kind):
                for field in _compared(kind, fields, unit):
                    agree = unit["reader"][field] == other["reader"][field]
                    hit = reader_hits[f"{kind}.{field}"]
                    hit[0] += agree
                    hit[1] += 1
                    if agree and unit["scorer"] is not None and unit["scorer"][field] != unit["reader"][field]:
                        errors[f"{kind}.{field}"].append(
                            f"{case}: 「{unit['start']}」 readers {unit['reader'][field]!r}, "
                            f"scorer {unit['scorer'][field]!r}"
                        )
    print(f"units matched to an extractor unit: {unmatched[1] - unmatched[0]} of {unmatched[1]}")
    print("case counts (reader vs extractor):", dict(counts))
    print(f"{'judgement':24} {'readers agree':>14} {'extractor=reader':>17} {'both readers, extractor not':>28}")
    for key in [f"problems.{f}" for f in PROBLEM_FIELDS] + [f"measures.{f}" for f in MEASURE_FIELDS]:
        rh, sh = reader_hits[key], scorer_hits[key]
        print(
            f"{key:24} {rh[0] / rh[1] if rh[1] else float('nan'):>14.2f} "
            f"{sh[0] / sh[1] if sh[1] else float('nan'):>17.2f} {len(errors[key]):>28}"
        )
    if show:
        for key, lines in errors.items():
            print(f"\n## {key} ({len(lines)})")
            print("\n".join(lines))


def paired(first: dict[str, Any], second: dict[str, Any], kind: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The units of one kind both readers listed, matched by their first six characters."""
    others = {_squash(u["start"])[:6]: u for u in second[kind]}
    return [(u, others[key]) for u in first[kind] if (key := _squash(u["start"])[:6]) in others]


def agreed_facts(
    facts: NarrativeFacts, first: dict[str, Any], second: dict[str, Any], fields: set[str]
) -> NarrativeFacts:
    """The extractor's facts with each judgement in `fields` that two readers agree on put as they read it, on the
    units matched to the extractor's (its segmentation is kept: a unit neither reader listed stays as it is)."""
    agreed = facts.model_copy(deep=True)
    to_extractor = first["problem_index"]
    for kind in ("problems", "measures"):
        for unit, other in paired(first, second, kind):
            if unit["index"] is None:
                continue
            # In a fixed order, funding first: whether a problem is only a funding shortage decides whether its
            # dimension is put (a set's order changes from run to run, and the figures with it).
            compared = _compared(kind, PROBLEM_FIELDS + MEASURE_FIELDS, unit)
            for field in (f for f in APPLY_ORDER if f in fields and f in compared):
                value = unit["reader"].get(field)
                if field not in unit["reader"] or value != other["reader"].get(field):
                    continue
                if kind == "problems":
                    problem = agreed.problems[unit["index"]]
                    if field == "dimension" and not problem.funding_only:
                        problem.dimensions = [value] if value else []
                    elif field == "cause":
                        problem.cause = (problem.cause or problem.quote) if value else None
                    elif field == "data":
                        problem.specifics = (problem.specifics or [problem.quote]) if value else []
                    elif field == "funding":
                        problem.funding_only = value
                else:
                    measure = agreed.measures[unit["index"]]
                    if field == "answers":
                        measure.answers = sorted({to_extractor[n] for n in value if n < len(to_extractor)} - {None})
                    else:
                        setattr(measure, field, value)
    return agreed


SUBSTITUTIONS: tuple[tuple[str, ...], ...] = (
    (),
    ("dimension",),
    ("cause",),
    ("data",),
    ("funding",),
    ("answers",),
    ("concrete",),
    ("slogan",),
    ("money_only", "off_topic"),
    PROBLEM_FIELDS,
    MEASURE_FIELDS,
    (*PROBLEM_FIELDS, *MEASURE_FIELDS),
)


def decompose(cases_folder: Path, labels: Path, scores: Path, listing: bool = False) -> None:
    """How far the scores move towards the score readers (evals/labels/) when the engine is given, instead of the
    extractor's judgements, those two unit readers agreed on: one judgement at a time, then all. What is left
    with every judgement put as the readers read it is the placement's own distance (bands and conventions).
    With `listing`, per case: 反映问题情况 from the extractor's facts and from the agreed ones, and the score
    readers' points, to see where the bands part from the readers."""
    rubric = load_rubric()
    items = {item.id: item for item in rubric.items}
    readers = _readers(labels)
    ids = {case for cases in readers.values() for case in cases}
    extracted = _facts(cases_folder, ids)
    points: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    for path in sorted(scores.glob("reader-*/*.yaml")):
        labelling = yaml.safe_load(path.read_text("utf-8"))
        for item, label in labelling["items"].items():
            points[(labelling["case"], item)].append(float(label["points"]))
    pairs = {}
    for case, (_, facts, text) in extracted.items():
        views = [reader_view(facts, text, cases[case]) for cases in readers.values() if case in cases]
        if len(views) >= 2:
            pairs[case] = (views[0], views[1])
    print(f"cases with two unit readers and score readers: {len(pairs)}")
    print(f"{'judgements as the unit readers read them':48} {'反映问题情况':>8} {'建议情况':>8}")
    for fields in SUBSTITUTIONS:
        errors: dict[str, list[float]] = collections.defaultdict(list)
        for case, (first, second) in pairs.items():
            report, facts, _ = extracted[case]
            agreed = agreed_facts(facts, first, second, set(fields))
            scored = {
                "problems": score_problems(report, items["problems"], agreed, RULES).points or 0.0,
                "suggestions": score_suggestions(report, items["suggestions"], agreed, RULES, 5).points or 0.0,
            }
            for item, value in scored.items():
                errors[item] += [abs(value - label) for label in points.get((case, item), [])]
        name = "none (the scorer as it is)" if not fields else ", ".join(fields)
        print(f"{name:48} " + " ".join(f"{sum(e) / len(e) if e else float('nan'):>8.2f}" for e in errors.values()))
    if listing:
        _list_problems(pairs, extracted, items["problems"], points)


def _shape(score: ItemScore) -> str:
    """The measured facts behind a 反映问题情况 score, short: problems, dimensions, cause and substance shares."""
    d = score.detail
    if not isinstance(d, ProblemsDetail):
        return score.band or ""
    return (
        f"{score.band}:{d.problems}p {d.dimensions}d c{d.cause_share:.2f} s{d.substance_share:.2f} f{d.specifics:.2f}"
    )


def _list_problems(
    pairs: dict[str, tuple[dict[str, Any], dict[str, Any]]],
    extracted: dict[str, tuple[Report, NarrativeFacts, str]],
    item: RubricItem,
    points: dict[tuple[str, str], list[float]],
) -> None:
    """Per case, 反映问题情况 on the extractor's facts and on the agreed ones (every problem judgement), beside the
    score readers; the cases where the agreed facts sit furthest from the readers first."""
    rows = []
    for case, (first, second) in pairs.items():
        report, facts, _ = extracted[case]
        readers = points.get((case, "problems"), [])
        if not readers:
            continue
        own = score_problems(report, item, facts, RULES)
        agreed = score_problems(report, item, agreed_facts(facts, first, second, set(PROBLEM_FIELDS)), RULES)
        mean = sum(readers) / len(readers)
        rows.append((abs((agreed.points or 0.0) - mean), case, own, agreed, readers))
    print(f"\n{'case':8} {'extractor':>9} {'agreed':>7} {'readers':>11}  agreed facts / extractor's facts")
    for _, case, own, agreed, readers in sorted(rows, key=lambda row: (-row[0], row[1])):
        seen = "/".join(f"{r:g}" for r in readers)
        print(f"{case:8} {own.points:>9g} {agreed.points:>7g} {seen:>11}  {_shape(agreed)}  |  {_shape(own)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import")
    imp.add_argument("reader")
    imp.add_argument("answers", type=Path)
    imp.add_argument("key", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("--cases", type=Path, default=CASES)
    cmp.add_argument("--labels", type=Path, default=LABELS)
    cmp.add_argument("--list", action="store_true")
    dec = sub.add_parser("decompose")
    dec.add_argument("--cases", type=Path, default=CASES)
    dec.add_argument("--labels", type=Path, default=LABELS)
    dec.add_argument("--scores", type=Path, default=ROOT / "evals" / "labels")
    dec.add_argument("--list", action="store_true", help="per case: extractor's facts, agreed facts, score readers")
    args = parser.parse_args()
    if args.command == "import":
        print(import_answers(args.reader, args.answers, args.key))
    elif args.command == "decompose":
        decompose(args.cases, args.labels, args.scores, args.list)
    else:
        compare(args.cases, args.labels, args.list)


if __name__ == "__main__":
    main()
