"""The eval harness: labelled reports as data, agreement metrics, and a gate.

A case is a YAML file: the report (a file, or a recipe that derives it from another report) and its
labels — expected band or points per rubric item with the reason in words, expected numeric findings,
and figures that must not be flagged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ConfigError
from .review import ReviewOptions, ReviewResult, review_path
from .rubric import Rubric, load_rubric


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Edit(Strict):
    """One change to a text report: replace a section's body, or replace/delete/insert text."""

    section: Literal["problems", "measures"] | None = None
    body: str | None = None
    replace: str | None = None
    with_: str | None = Field(default=None, alias="with")
    delete: str | None = None
    after: str | None = None
    insert: str | None = None


class Recipe(Strict):
    base: str  # a report path relative to the case file
    edits: list[Edit]


class ItemLabel(Strict):
    band: str | None = None
    points: float | None = None
    reason: str

    @model_validator(mode="after")
    def _one(self) -> ItemLabel:
        if (self.band is None) == (self.points is None):
            raise ValueError("每个评分项标签须给出 band 或 points 之一")
        return self


class FindingLabel(Strict):
    check: str
    stated: float
    computed: float
    section: Literal["problems", "measures"] | None = None  # the narrative part the figure is stated in
    reason: str = ""


class NotFlagged(Strict):
    check: str
    location_contains: list[str] = Field(default_factory=list)
    reason: str = ""


class StructureLabel(Strict):
    """What the structure layer must recognise in a case's report; a field left out is not checked."""

    unit: str | None = None
    year: int | None = None
    kind: Literal["dept", "project"] | None = None
    table_kinds: list[str] | None = None  # the recognised tables' kinds in order, 「other」 left out
    sections: list[str] | None = None  # which of problems / measures are found with content
    status: Literal["ok", "not_a_report"] | None = None  # a document that is not a 绩效自评报告


class EvalCase(Strict):
    id: str
    title: str
    note: str = ""
    structure: StructureLabel | None = None
    report: str | None = None
    recipe: Recipe | None = None
    items: dict[str, ItemLabel] = Field(default_factory=dict)
    findings: list[FindingLabel] | None = None  # None: findings not labelled for this case
    not_flagged: list[NotFlagged] = Field(default_factory=list)

    @model_validator(mode="after")
    def _source(self) -> EvalCase:
        if (self.report is None) == (self.recipe is None):
            raise ValueError("须给出 report 或 recipe 之一")
        return self


class Thresholds(Strict):
    items: dict[str, dict[str, float]]
    findings: dict[str, float]
    structure: dict[str, float] = Field(default_factory=dict)  # min accuracy per structure label


def load_cases(folder: Path) -> list[tuple[Path, EvalCase]]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            case = EvalCase.model_validate(yaml.safe_load(path.read_text("utf-8")))
        except (ValidationError, yaml.YAMLError) as exc:
            raise ConfigError(f"评测用例「{path}」无效：{exc}") from exc
        cases.append((path, case))
    if not cases:
        raise ConfigError(f"「{folder}」中没有评测用例（*.yaml）")
    return cases


def materialise(case_path: Path, case: EvalCase, workdir: Path) -> Path:
    """The case's report file; a recipe is applied to its base text report in a temporary folder."""
    if case.report is not None:
        return (case_path.parent / case.report).resolve()
    assert case.recipe is not None
    text = (case_path.parent / case.recipe.base).read_text("utf-8")
    for edit in case.recipe.edits:
        text = apply_edit(text, edit)
    out = workdir / f"{case.id}.txt"
    out.write_text(text, encoding="utf-8")
    return out


# A section runs from its heading line (whatever its numbering) to the next part's heading line.
_SECTION_BOUNDS = {
    "problems": (r"\n[^\n]{0,6}存在的问题及原因分析\n", r"\n[^\n]{0,6}下一步改进措施\n"),
    "measures": (r"\n[^\n]{0,6}下一步改进措施\n", r"\n[^\n]{0,6}(?:部门整体支出)?绩效自评结果拟应用"),
}


def apply_edit(text: str, edit: Edit) -> str:
    if edit.section is not None and edit.body is not None:
        start, end = _SECTION_BOUNDS[edit.section]
        pattern = re.compile(f"({start}).*?(?={end})", re.DOTALL)
        if not pattern.search(text):
            raise ConfigError(f"配方无法定位「{edit.section}」部分")
        body = edit.body.strip()
        return pattern.sub(lambda m: m.group(1) + body, text, count=1)
    if edit.replace is not None:
        if edit.replace not in text:
            raise ConfigError(f"配方要替换的文字不在报告中：「{edit.replace[:30]}」")
        return text.replace(edit.replace, edit.with_ or "", 1)
    if edit.delete is not None:
        if edit.delete not in text:
            raise ConfigError(f"配方要删除的文字不在报告中：「{edit.delete[:30]}」")
        return text.replace(edit.delete, "", 1)
    if edit.after is not None and edit.insert is not None:
        if edit.after not in text:
            raise ConfigError(f"配方的插入位置不在报告中：「{edit.after[:30]}」")
        return text.replace(edit.after, edit.after + edit.insert, 1)
    raise ConfigError("配方中有一条编辑既不是替换、删除也不是插入")


# ---------------------------------------------------------------------------------------------- metrics


def quadratic_weighted_kappa(labels: list[int], predictions: list[int], categories: int) -> float | None:
    """Cohen's kappa with quadratic weights over ordered categories 0..categories-1."""
    n = len(labels)
    if n == 0 or categories < 2:
        return None
    observed = [[0.0] * categories for _ in range(categories)]
    for a, b in zip(labels, predictions, strict=True):
        observed[a][b] += 1
    hist_a = [sum(row) for row in observed]
    hist_b = [sum(observed[i][j] for i in range(categories)) for j in range(categories)]
    numerator = denominator = 0.0
    for i in range(categories):
        for j in range(categories):
            weight = (i - j) ** 2 / (categories - 1) ** 2
            numerator += weight * observed[i][j]
            denominator += weight * hist_a[i] * hist_b[j] / n
    if denominator == 0:
        return 1.0 if numerator == 0 else 0.0
    return 1.0 - numerator / denominator


class ItemRow(Strict):
    case: str
    item: str
    label: str
    predicted: str
    label_points: float | None
    predicted_points: float | None
    exact: bool
    within_one: bool
    reason: str


class ItemMetrics(Strict):
    item: str
    cases: int
    exact: float
    within_one: float
    mae: float
    qwk: float | None


class FindingMetrics(Strict):
    labelled_cases: int
    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    misses: list[str]
    false_alarms: list[str]


class StructureMetrics(Strict):
    """Per labelled field (unit, year, kind, table_kinds, sections): cases labelled and cases right."""

    labelled: dict[str, int]
    correct: dict[str, int]
    misses: list[str]

    def accuracy(self, name: str) -> float:
        return self.correct.get(name, 0) / self.labelled[name] if self.labelled.get(name) else 1.0


class Gate(Strict):
    failures: list[str] = Field(default_factory=list)


class EvalReport(Strict):
    scorer: str  # the scorer's label: rules, or llm:MODEL
    model: str | None = None  # the model, with the llm scorer
    date: str
    cases: int
    errors: list[str]
    items: list[ItemMetrics]
    findings: FindingMetrics
    rows: list[ItemRow]
    structure: StructureMetrics | None = None  # None: no case labels its structure
    gate: Gate | None = None  # None: no thresholds were given

    @property
    def passed(self) -> bool:
        return not (self.gate and self.gate.failures) and not self.errors


def _band_index(rubric: Rubric, item_id: str, band: str | None, points: float | None) -> int | None:
    item = rubric.item(item_id)
    if item is None or not item.bands:
        return None
    if band is not None:
        labels = [b.range_text for b in item.bands] + ["0"]
        normalised = band.replace("-", "—").replace("–", "—")
        return labels.index(normalised) if normalised in labels else None
    if points is None:
        return None
    if points == 0:
        return len(item.bands)
    for index, b in enumerate(item.bands):
        if b.min <= points <= b.max:
            return index
    return None


def _label_points(rubric: Rubric, item_id: str, label: ItemLabel) -> float | None:
    if label.points is not None:
        return label.points
    item = rubric.item(item_id)
    if item is None or label.band is None:
        return None
    if label.band == "0":
        return 0.0
    band = next((b for b in item.bands if b.range_text == label.band.replace("-", "—")), None)
    return None if band is None else (band.min + band.max) / 2


Reviewer = Callable[[Path, ReviewOptions], ReviewResult]


default_reviewer: Reviewer = review_path


def evaluate(
    folder: Path, options: ReviewOptions, reviewer: Reviewer = default_reviewer, thresholds: Thresholds | None = None
) -> EvalReport:
    rubric = load_rubric(options.rubric)
    rows: list[ItemRow] = []
    errors: list[str] = []
    tp = fp = fn = 0
    misses: list[str] = []
    alarms: list[str] = []
    labelled_cases = 0
    structure = StructureMetrics(labelled={}, correct={}, misses=[])
    cases = load_cases(folder)
    with tempfile.TemporaryDirectory(prefix="reviewer-eval-") as tmp:
        for case_path, case in cases:
            try:
                result = reviewer(materialise(case_path, case, Path(tmp)), options)
            except Exception as exc:  # a case that cannot run is an eval failure, not a crash of the harness
                errors.append(f"{case.id}: {type(exc).__name__}: {exc}")
                continue
            predicted = {i.id: i for i in result.items}
            for item_id, label in case.items.items():
                got = predicted.get(item_id)
                rows.append(
                    _row(rubric, case.id, item_id, label, got.band if got else None, got.points if got else None)
                )
            if case.structure is not None:
                _match_structure(case.id, case.structure, result, structure)
            if case.findings is not None:
                labelled_cases += 1
                counts = _match_findings(case, result)
                tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
                misses.extend(counts[3])
                alarms.extend(counts[4])
    items = _item_metrics(rubric, rows)
    findings = FindingMetrics(
        labelled_cases=labelled_cases,
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
        misses=misses,
        false_alarms=alarms,
    )
    model = options.llm.model if options.scorer == "llm" and options.llm else None
    report = EvalReport(
        scorer=f"llm:{model}" if model else options.scorer,
        model=model,
        date=dt.date.today().isoformat(),
        cases=len(cases),
        errors=errors,
        items=items,
        findings=findings,
        rows=rows,
        structure=structure if structure.labelled else None,
    )
    if thresholds is not None:
        report.gate = Gate(failures=gate_failures(report, thresholds))
    return report


def _row(
    rubric: Rubric, case_id: str, item_id: str, label: ItemLabel, band: str | None, points: float | None
) -> ItemRow:
    label_index = _band_index(rubric, item_id, label.band, label.points)
    predicted_index = (
        _band_index(rubric, item_id, None, points)
        if band is None
        else _band_index(rubric, item_id, band if points != 0 else "0", None)
    )
    label_points = _label_points(rubric, item_id, label)
    if label_index is not None and predicted_index is not None:
        exact = label_index == predicted_index
        within = abs(label_index - predicted_index) <= 1
    else:
        exact = label_points is not None and points is not None and abs(label_points - points) < 1e-9
        within = label_points is not None and points is not None and abs(label_points - points) <= 2
    return ItemRow(
        case=case_id,
        item=item_id,
        label=label.band or f"{label.points:g}",
        predicted=(band or "—") if label.band else ("—" if points is None else f"{points:g}"),
        label_points=label_points,
        predicted_points=points,
        exact=exact,
        within_one=within,
        reason=label.reason,
    )


def _item_metrics(rubric: Rubric, rows: list[ItemRow]) -> list[ItemMetrics]:
    metrics = []
    for item_id in dict.fromkeys(r.item for r in rows):
        mine = [r for r in rows if r.item == item_id]
        errors = [abs((r.label_points or 0) - (r.predicted_points or 0)) for r in mine if r.label_points is not None]
        item = rubric.item(item_id)
        qwk = None
        if item is not None and item.bands:
            pairs = [
                (
                    _band_index(rubric, item_id, r.label if r.label != "0" else "0", None),
                    _band_index(rubric, item_id, None, r.predicted_points),
                )
                for r in mine
            ]
            valid = [(a, b) for a, b in pairs if a is not None and b is not None]
            if valid:
                qwk = quadratic_weighted_kappa([a for a, _ in valid], [b for _, b in valid], len(item.bands) + 1)
        metrics.append(
            ItemMetrics(
                item=item_id,
                cases=len(mine),
                exact=sum(r.exact for r in mine) / len(mine),
                within_one=sum(r.within_one for r in mine) / len(mine),
                mae=sum(errors) / len(errors) if errors else 0.0,
                qwk=qwk,
            )
        )
    return metrics


_NARRATIVE_PARTS = ("problems", "measures")


def _match_structure(case_id: str, label: StructureLabel, result: ReviewResult, metrics: StructureMetrics) -> None:
    document = result.document
    got: dict[str, object] = {
        "unit": document.unit,
        "year": document.year,
        "kind": document.kind,
        "table_kinds": [t.kind for t in document.tables if t.kind != "other"],
        "sections": [p for p in _NARRATIVE_PARTS if any(s.id == p and s.status == "found" for s in document.sections)],
        "status": result.status,
    }
    for name, expected in label.model_dump().items():
        if expected is None:
            continue
        metrics.labelled[name] = metrics.labelled.get(name, 0) + 1
        if got[name] == expected:
            metrics.correct[name] = metrics.correct.get(name, 0) + 1
        else:
            metrics.misses.append(f"{case_id}: {name} 应为 {expected}，识别为 {got[name]}")


def _match_findings(case: EvalCase, result: ReviewResult) -> tuple[int, int, int, list[str], list[str]]:
    assert case.findings is not None
    predicted = [f for f in result.findings if f.severity != "info"]
    used: set[int] = set()
    tp = 0
    misses = []
    for label in case.findings:
        hit = next(
            (
                n
                for n, f in enumerate(predicted)
                if n not in used
                and f.check == label.check
                and f.stated is not None
                and abs(f.stated - label.stated) < 0.006
                and f.computed is not None
                and abs(f.computed - label.computed) < 0.006
            ),
            None,
        )
        if hit is None:
            misses.append(f"{case.id}: {label.check} {label.stated:g}→{label.computed:g}")
        else:
            used.add(hit)
            tp += 1
    alarms = [f"{case.id}: {f.check} {f.message}" for n, f in enumerate(predicted) if n not in used]
    for rule in case.not_flagged:
        for n, f in enumerate(predicted):
            if n not in used and f.check == rule.check and all(w in f.location for w in rule.location_contains):
                message = f"{case.id}: {f.check} {f.message}（标注为不应报告）"
                if message not in alarms and not any(f.message in a for a in alarms):
                    alarms.append(message)
    return tp, len(alarms), len(misses), misses, alarms


def gate_failures(report: EvalReport, thresholds: Thresholds) -> list[str]:
    failures = []
    by_item = {m.item: m for m in report.items}
    for item_id, limits in thresholds.items.items():
        metric = by_item.get(item_id)
        if metric is None:
            failures.append(f"{item_id}: 没有评测用例")
            continue
        for name, limit in limits.items():
            value = getattr(metric, name.removeprefix("max_").removeprefix("min_"))
            if value is None:
                continue
            if name.startswith("max_") and value > limit:
                failures.append(f"{item_id}.{name.removeprefix('max_')} = {value:.3f} > {limit}")
            if name.startswith("min_") and value < limit:
                failures.append(f"{item_id}.{name.removeprefix('min_')} = {value:.3f} < {limit}")
    for name, limit in thresholds.findings.items():
        value = getattr(report.findings, name.removeprefix("min_"))
        if value < limit:
            failures.append(f"findings.{name.removeprefix('min_')} = {value:.3f} < {limit}")
    for name, limit in thresholds.structure.items():
        if report.structure is None or not report.structure.labelled.get(name):
            failures.append(f"structure.{name}: 没有评测用例")
        elif report.structure.accuracy(name) < limit:
            failures.append(f"structure.{name} = {report.structure.accuracy(name):.3f} < {limit}")
    if report.errors:
        failures.append(f"{len(report.errors)} 个用例无法运行")
    return failures


def load_thresholds(path: Path) -> Thresholds:
    try:
        return Thresholds.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except (ValidationError, yaml.YAMLError, OSError) as exc:
        raise ConfigError(f"评测阈值文件「{path}」无效：{exc}") from exc


def to_json(reports: list[EvalReport]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in reports], ensure_ascii=False, indent=2) + "\n"
