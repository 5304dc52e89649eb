"""The eval harness: labelled reports as data, agreement metrics, and a gate.

A case is a YAML file: the report (a file, or a recipe that derives it from another report) and its
labels — expected band or points per rubric item with the reason in words, expected numeric findings,
and figures that must not be flagged.

Two splits: `dev` (the scorer was tuned on it) and `heldout` (written after the scorer was frozen and
never tuned on). A case's split is its own `split:` when it names one, else its folder's: a folder named
`heldout` (or `heldout-…`) holds held-out cases, any other dev ones. Evaluating a cases folder also takes
its held-out subfolders; evaluating a held-out folder on its own (`--cases evals/cases/heldout`) keeps it
held out. Labels come from labellers: the
case file's own labels are the `project` labeller's (written by whoever tuned the scorer, so not
independent); each blind reader's labelling is a file `labels/<reader>/<case>.yaml` beside the cases
folder, made from the rubric text and the case text only (evals/readers/). The labellers' agreement
with each other is the ceiling the scorer is read against.
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

from .checks.registry import CHECK_NAMES
from .errors import ConfigError
from .quotes import shorten
from .review import ReviewOptions, ReviewResult, review_path
from .rubric import Rubric, load_rubric
from .structure import load_section_catalogue, load_table_catalogue


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
    # The scores this labeller would still accept (both ends included); by default the label's band.
    accept: tuple[float, float] | None = None
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
    # What the case was written to be, independent of any label: funding_only_problems and
    # money_only_measures must score 0 whoever labels them (thresholds.must_be_zero).
    tags: list[str] = Field(default_factory=list)
    # The split, when the case says it; otherwise its folder's (split_of_folder).
    split: Literal["dev", "heldout"] | None = None
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


class Labelling(Strict):
    """One reader's labels for one case, made from the rubric text and the case text only."""

    reader: str
    case: str
    instructions: str  # the instructions file the reader was given, relative to the evals folder
    items: dict[str, ItemLabel]


class Thresholds(Strict):
    items: dict[str, dict[str, float]]  # against the project labels, per split
    findings: dict[str, float]
    # Per item: how far the scorer's MAE against each independent reader may exceed the readers' MAE
    # against each other (the ceiling), per split.
    ceiling: dict[str, float] = Field(default_factory=dict)
    # The held-out split's own limit for an item, where it differs: text nobody tuned on sits further from
    # its readers than dev does, and a limit set from dev would make every new held-out set red.
    ceiling_heldout: dict[str, float] = Field(default_factory=dict)
    # A reader with fewer cases than this in a split is not held to the ceiling there (one or two cases moved to dev
    # are no measure of the scorer against that reader).
    ceiling_min_cases: int = 1
    must_be_zero: dict[str, str] = Field(default_factory=dict)  # case tag -> item that must score 0
    # Tagged cases known to score above 0, with why they are not fixed yet: reported, not gated.
    known_not_zero: dict[str, str] = Field(default_factory=dict)  # case id -> reason
    structure: dict[str, float] = Field(default_factory=dict)  # min accuracy per structure label


PROJECT = "project"
HELDOUT = "heldout"
Split = Literal["dev", "heldout"]

# For people: the splits, the metrics a threshold names and the structure labels, in Chinese. The
# thresholds file and the JSON keep the ids.
SPLIT_NAMES: dict[str, str] = {"dev": "开发集", "heldout": "保留集"}
METRIC_NAMES = {
    "exact": "档次一致率",
    "within_one": "相差≤1档比例",
    "mae": "平均绝对误差",
    "qwk": "QWK",
    "precision": "查准率",
    "recall": "查全率",
}
STRUCTURE_NAMES = {
    "unit": "单位",
    "year": "年度",
    "kind": "报告类型",
    "table_kinds": "表格种类",
    "sections": "问题/措施部分",
    "status": "是否为报告",
}


def load_cases(folder: Path) -> list[tuple[Path, EvalCase]]:
    """The folder's own case files (not its held-out subfolders)."""
    cases = _load_folder(folder)
    if not cases:
        raise ConfigError(f"「{folder}」中没有评测用例（*.yaml）")
    return cases


def split_of_folder(folder: Path) -> Split:
    """A folder named `heldout` or `heldout-…` holds held-out cases; any other folder dev cases."""
    name = folder.resolve().name
    return "heldout" if name == HELDOUT or name.startswith(f"{HELDOUT}-") else "dev"


def _held_out_subfolders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and split_of_folder(p) == "heldout")


def load_split_cases(folder: Path) -> list[tuple[Split, Path, EvalCase]]:
    """The folder's cases and those of its held-out subfolders, each with its split: the case's own
    `split:` if given, else its folder's, wherever the folder is given (`--cases evals/cases/heldout`
    is held out too)."""
    found = [(folder, p, c) for p, c in load_cases(folder)]
    for sub in _held_out_subfolders(folder):
        found += [(sub, p, c) for p, c in _load_folder(sub)]
    cases: list[tuple[Split, Path, EvalCase]] = [(c.split or split_of_folder(f), p, c) for f, p, c in found]
    ids = [c.id for _, _, c in cases]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ConfigError(f"评测用例 id 重复：{'、'.join(duplicated)}")
    return cases


def labels_folder(folder: Path) -> tuple[Path, bool]:
    """Where the readers' labels of a cases folder are: `labels/` beside it, or beside its parent when
    the folder is a held-out subfolder given on its own. The flag: whether every labelling there must
    be of a case in this folder (only when the labels sit beside it)."""
    beside = folder.resolve().parent / "labels"
    if beside.is_dir() or split_of_folder(folder) == "dev":
        return beside, True
    return folder.resolve().parent.parent / "labels", False


def load_labellings(folder: Path, case_ids: set[str], strict: bool = True) -> list[Labelling]:
    """Every reader's labellings under `folder` (<reader>/<case>.yaml) of the given cases; none when it
    does not exist. Strict: a labelling of any other case is an error (not strict: it is skipped, as
    when one split is evaluated on its own)."""
    labellings = []
    for path in sorted(folder.glob("*/*.yaml")) if folder.is_dir() else []:
        try:
            labelling = Labelling.model_validate(yaml.safe_load(path.read_text("utf-8")))
        except (ValidationError, yaml.YAMLError) as exc:
            raise ConfigError(f"标注文件「{path}」无效：{exc}") from exc
        if labelling.case not in case_ids and not strict:
            continue
        if labelling.case not in case_ids or labelling.reader != path.parent.name or labelling.reader == PROJECT:
            raise ConfigError(
                f"标注文件「{path}」的用例「{labelling.case}」不存在，或标注人「{labelling.reader}」与目录名不符"
                f"（「{PROJECT}」保留给用例文件自带的标注）"
            )
        labellings.append(labelling)
    return labellings


def _load_folder(folder: Path) -> list[tuple[Path, EvalCase]]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            case = EvalCase.model_validate(yaml.safe_load(path.read_text("utf-8")))
        except (ValidationError, yaml.YAMLError) as exc:
            raise ConfigError(f"评测用例「{path}」无效：{exc}") from exc
        cases.append((path, case))
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
            raise ConfigError(f"配方要替换的文字不在报告中：「{shorten(edit.replace, 30)}」")
        return text.replace(edit.replace, edit.with_ or "", 1)
    if edit.delete is not None:
        if edit.delete not in text:
            raise ConfigError(f"配方要删除的文字不在报告中：「{shorten(edit.delete, 30)}」")
        return text.replace(edit.delete, "", 1)
    if edit.after is not None and edit.insert is not None:
        if edit.after not in text:
            raise ConfigError(f"配方的插入位置不在报告中：「{shorten(edit.after, 30)}」")
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
    split: Split = "dev"
    labeller: str = PROJECT
    case: str
    item: str
    label: str
    predicted: str
    label_points: float | None
    predicted_points: float | None
    exact: bool
    within_one: bool
    ambiguous: bool = False  # the labellers' accepted ranges for this case and item do not overlap
    reason: str


class ItemMetrics(Strict):
    split: Split = "dev"
    labeller: str = PROJECT
    item: str
    cases: int
    exact: float
    within_one: float
    mae: float
    qwk: float | None


class AgreementMetrics(Strict):
    """Two labellers against each other on the cases both labelled: the ceiling for the scorer."""

    split: Split
    item: str
    labellers: tuple[str, str]
    cases: int
    exact: float
    mae: float
    qwk: float | None


class ReaderBaseline(Strict):
    """A blind reader taken as the scorer, on the cases with three readers or more: each other reader's MAE against
    it and that reader's ceiling against the remaining ones, one entry per (reader taken, other reader). What a
    human reaches on the bar the scorer is held to, beside the scorer on the same entries."""

    cases: int
    entries: int
    reader_mae: float  # mean over entries: the other reader against the reader taken as the scorer
    scorer_mae: float  # the same entries: the other reader against the scorer
    ceiling: float  # mean over entries: the other reader against the remaining readers
    reader_at_or_under: int
    scorer_at_or_under: int


class ReaderSummary(Strict):
    """Per split and item, the scorer against the blind readers as one figure: the mean over readers of its MAE
    against each, their own mean MAE against their co-readers on the same cases (the ceiling), and how many readers
    it is at or under that ceiling for; with the human baseline where cases have three readers or more."""

    split: Split
    item: str
    readers: int
    cases: int
    scorer_mae: float
    ceiling: float
    at_or_under: int
    baseline: ReaderBaseline | None = None


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

    @staticmethod
    def name(label: str) -> str:
        """A structure label in Chinese (unit → 单位)."""
        return STRUCTURE_NAMES.get(label, label)


class Gate(Strict):
    failures: list[str] = Field(default_factory=list)


class EvalReport(Strict):
    scorer: str  # the scorer's label: rules, or llm:MODEL
    model: str | None = None  # the model, with the llm scorer
    item_names: dict[str, str] = Field(default_factory=dict)  # rubric item id → its Chinese name, for people
    date: str
    cases: int
    split_cases: dict[str, int] = Field(default_factory=dict)
    labellers: list[str] = Field(default_factory=list)
    unlabelled: list[str] = Field(default_factory=list)  # cases no labeller has labelled yet
    errors: list[str]
    items: list[ItemMetrics]
    agreement: list[AgreementMetrics] = Field(default_factory=list)
    summaries: list[ReaderSummary] = Field(default_factory=list)  # the scorer against the blind readers, in one figure
    ambiguous: list[str] = Field(default_factory=list)  # 「case item」 whose labellers' ranges do not overlap
    zero_failures: list[str] = Field(default_factory=list)  # tagged cases (must_be_zero) that scored above 0
    known_not_zero: list[str] = Field(default_factory=list)  # the same, listed in thresholds.known_not_zero
    findings: FindingMetrics
    rows: list[ItemRow]
    structure: StructureMetrics | None = None  # None: no case labels its structure
    gate: Gate | None = None  # None: no thresholds were given

    @property
    def passed(self) -> bool:
        return not (self.gate and self.gate.failures) and not self.errors

    def ambiguous_items(self) -> list[str]:
        """The ambiguous cases for people: 「case 名称」, the item by its Chinese name."""
        pairs = dict.fromkeys((r.case, r.item) for r in self.rows if r.ambiguous)
        return [f"{case} {self.item_name(item)}" for case, item in sorted(pairs)]

    def item_name(self, item_id: str) -> str:
        """A rubric item as people know it (problems → 反映问题情况); the id when the rubric has no such item."""
        return self.item_names.get(item_id, item_id)

    def aligned_rows(self, reports: list[EvalReport]) -> list[tuple[ItemRow, list[ItemRow | None]]]:
        """Each of this report's rows with the row of every report in `reports` for the same split, labeller,
        case and item (None where one has none): looked up, so the per-case table renders in linear time."""
        keyed = [{(r.split, r.labeller, r.case, r.item): r for r in report.rows} for report in reports]
        return [(row, [k.get((row.split, row.labeller, row.case, row.item)) for k in keyed]) for row in self.rows]


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


def _accepted(rubric: Rubric, item_id: str, label: ItemLabel) -> tuple[float, float] | None:
    """The scores a labeller accepts: given, else the label's band, else its points."""
    if label.accept is not None:
        return label.accept
    item = rubric.item(item_id)
    index = _band_index(rubric, item_id, label.band, label.points)
    if item is not None and index is not None:
        return (0.0, 0.0) if index == len(item.bands) else (item.bands[index].min, item.bands[index].max)
    points = _label_points(rubric, item_id, label)
    return None if points is None else (points, points)


Reviewer = Callable[[Path, ReviewOptions], ReviewResult]


default_reviewer: Reviewer = review_path


def evaluate(
    folder: Path, options: ReviewOptions, reviewer: Reviewer = default_reviewer, thresholds: Thresholds | None = None
) -> EvalReport:
    """Both splits of `folder` against every labeller (the case files' own labels and the blind
    readers' in the `labels` folder beside it, labels_folder), the labellers against each other, and the gate."""
    rubric = load_rubric(options.rubric)
    rows: list[ItemRow] = []
    errors: list[str] = []
    tp = fp = fn = 0
    misses: list[str] = []
    alarms: list[str] = []
    labelled_cases = 0
    cases = load_split_cases(folder)
    labels_at, strict = labels_folder(folder)
    labels = _labels_by_case(cases, load_labellings(labels_at, {c.id for _, _, c in cases}, strict))
    ambiguous = _ambiguous(rubric, labels)
    zero_failures: list[str] = []
    known_not_zero: list[str] = []
    known = thresholds.known_not_zero if thresholds is not None else {}
    must_be_zero = thresholds.must_be_zero if thresholds is not None else {}
    structure = StructureMetrics(labelled={}, correct={}, misses=[])
    with tempfile.TemporaryDirectory(prefix="reviewer-eval-") as tmp:
        for split, case_path, case in cases:
            try:
                result = reviewer(materialise(case_path, case, Path(tmp)), options)
            except Exception as exc:  # a case that cannot run is an eval failure, not a crash of the harness
                errors.append(f"{case.id}: {type(exc).__name__}: {exc}")
                continue
            predicted = {i.id: i for i in result.items}
            for labeller, item_labels in labels.get(case.id, {}).items():
                for item_id, label in item_labels.items():
                    got = predicted.get(item_id)
                    row = _row(rubric, case.id, item_id, label, got.band if got else None, got.points if got else None)
                    rows.append(
                        row.model_copy(
                            update={
                                "split": split,
                                "labeller": labeller,
                                "ambiguous": f"{case.id} {item_id}" in ambiguous,
                            }
                        )
                    )
            for tag in case.tags:
                zero_item = must_be_zero.get(tag)
                scored = predicted.get(zero_item) if zero_item else None
                if scored is not None and scored.points != 0:
                    failure = f"{case.id}：{scored.name}得 {_points(scored.points)} 分，应为 0（用例标记 {tag}）"
                    if case.id in known:
                        known_not_zero.append(f"{failure}；已知未修复：{known[case.id]}")
                    else:
                        zero_failures.append(failure)
            if case.structure is not None:
                _match_structure(case.id, case.structure, result, structure)
            if case.findings is not None:
                labelled_cases += 1
                counts = _match_findings(case, result)
                tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
                misses.extend(counts[3])
                alarms.extend(counts[4])
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
        item_names={i.id: i.name for i in rubric.items},
        date=dt.date.today().isoformat(),
        cases=len(cases),
        split_cases={s: sum(1 for split, _, _ in cases if split == s) for s in ("dev", "heldout")},
        labellers=sorted({labeller for by in labels.values() for labeller in by}),
        unlabelled=[c.id for _, _, c in cases if not labels.get(c.id)],
        errors=errors,
        items=_item_metrics(rubric, rows),
        agreement=_agreement(rubric, cases, labels),
        summaries=reader_summaries(rows),
        ambiguous=sorted(ambiguous),
        zero_failures=zero_failures,
        known_not_zero=known_not_zero,
        findings=findings,
        rows=rows,
        structure=structure if structure.labelled else None,
    )
    if thresholds is not None:
        report.gate = Gate(failures=gate_failures(report, thresholds))
    return report


def reader_summaries(rows: list[ItemRow]) -> list[ReaderSummary]:
    """The scorer against the blind readers per split and item (`ReaderSummary`), from the rows both carry points."""
    by: dict[tuple[Split, str], dict[str, dict[str, float]]] = {}  # (split, item) -> case -> reader -> points
    scored: dict[tuple[Split, str, str], float] = {}
    for row in rows:
        if row.labeller == PROJECT or row.label_points is None:
            continue
        by.setdefault((row.split, row.item), {}).setdefault(row.case, {})[row.labeller] = row.label_points
        scored[(row.split, row.item, row.case)] = row.predicted_points or 0.0
    summaries = []
    for (split, item), cases in sorted(by.items()):
        errors: dict[str, list[float]] = {}
        against: dict[str, list[float]] = {}
        for case, readers in cases.items():
            for reader, points in readers.items():
                errors.setdefault(reader, []).append(abs(points - scored[(split, item, case)]))
                against.setdefault(reader, []).extend(abs(points - p) for r, p in readers.items() if r != reader)
        paired = [r for r in errors if against[r]]  # a reader alone on every case has no ceiling
        if not paired:
            continue
        mae = {r: _mean(errors[r]) for r in paired}
        ceiling = {r: _mean(against[r]) for r in paired}
        summaries.append(
            ReaderSummary(
                split=split,
                item=item,
                readers=len(paired),
                cases=sum(1 for readers in cases.values() if len(readers) >= 2),
                scorer_mae=_mean(list(mae.values())),
                ceiling=_mean(list(ceiling.values())),
                at_or_under=sum(mae[r] <= ceiling[r] + 1e-9 for r in paired),
                baseline=_reader_baseline({c: r for c, r in cases.items() if len(r) >= 3}, scored, split, item),
            )
        )
    return summaries


def _reader_baseline(
    cases: dict[str, dict[str, float]], scored: dict[tuple[Split, str, str], float], split: Split, item: str
) -> ReaderBaseline | None:
    """Each reader in turn taken as the scorer on the cases it labelled (`ReaderBaseline`); None without a case of
    three readers."""
    entries: list[tuple[float, float, float]] = []  # (reader's MAE, scorer's MAE, ceiling) per entry
    for taken in sorted({r for readers in cases.values() for r in readers}):
        human: dict[str, list[float]] = {}
        machine: dict[str, list[float]] = {}
        rest: dict[str, list[float]] = {}
        for case, readers in cases.items():
            if taken not in readers:
                continue
            others = {r: p for r, p in readers.items() if r != taken}
            for reader, points in others.items():
                human.setdefault(reader, []).append(abs(points - readers[taken]))
                machine.setdefault(reader, []).append(abs(points - scored[(split, item, case)]))
                rest.setdefault(reader, []).extend(abs(points - p) for r, p in others.items() if r != reader)
        entries.extend((_mean(human[r]), _mean(machine[r]), _mean(rest[r])) for r in human)
    if not entries:
        return None
    return ReaderBaseline(
        cases=len(cases),
        entries=len(entries),
        reader_mae=_mean([h for h, _, _ in entries]),
        scorer_mae=_mean([m for _, m, _ in entries]),
        ceiling=_mean([c for _, _, c in entries]),
        reader_at_or_under=sum(h <= c + 1e-9 for h, _, c in entries),
        scorer_at_or_under=sum(m <= c + 1e-9 for _, m, c in entries),
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


Labels = dict[str, dict[str, dict[str, ItemLabel]]]  # case -> labeller -> item -> label


def _labels_by_case(cases: list[tuple[Split, Path, EvalCase]], labellings: list[Labelling]) -> Labels:
    labels: Labels = {}
    for _, _, case in cases:
        if case.items:
            labels.setdefault(case.id, {})[PROJECT] = case.items
    for labelling in labellings:
        labels.setdefault(labelling.case, {})[labelling.reader] = labelling.items
    return labels


def _ambiguous(rubric: Rubric, labels: Labels) -> set[str]:
    """「case item」 where some two labellers accept no score in common."""
    found = set()
    for case_id, by_labeller in labels.items():
        items = {i for item_labels in by_labeller.values() for i in item_labels}
        for item_id in items:
            ranges = [
                r
                for item_labels in by_labeller.values()
                if item_id in item_labels
                for r in [_accepted(rubric, item_id, item_labels[item_id])]
                if r is not None
            ]
            if len(ranges) >= 2 and max(lo for lo, _ in ranges) > min(hi for _, hi in ranges):
                found.add(f"{case_id} {item_id}")
    return found


def _agreement(rubric: Rubric, cases: list[tuple[Split, Path, EvalCase]], labels: Labels) -> list[AgreementMetrics]:
    split_of = {c.id: split for split, _, c in cases}
    # Grouped in one pass over the cases, each by the labellers it has: pairing every two labellers of the whole eval
    # against every case took minutes once there were hundreds of readers.
    pairs: dict[tuple[Split, str, str], dict[str, list[tuple[ItemLabel, ItemLabel]]]] = {}
    for case_id, by in labels.items():
        split = split_of.get(case_id)
        if split is None:
            continue
        names = sorted(by)
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                for item_id in by[first].keys() & by[second].keys():
                    both = pairs.setdefault((split, first, second), {}).setdefault(item_id, [])
                    both.append((by[first][item_id], by[second][item_id]))
    metrics = []
    for split, first, second in sorted(pairs):  # dev before heldout, then the labellers by name
        for item_id, both in sorted(pairs[(split, first, second)].items()):
            metrics.append(_pair_metrics(rubric, split, item_id, (first, second), both))
    return metrics


def _pair_metrics(
    rubric: Rubric, split: Split, item_id: str, names: tuple[str, str], both: list[tuple[ItemLabel, ItemLabel]]
) -> AgreementMetrics:
    item = rubric.item(item_id)
    points = [(_label_points(rubric, item_id, a), _label_points(rubric, item_id, b)) for a, b in both]
    gaps = [abs(a - b) for a, b in points if a is not None and b is not None]
    indices = [
        (_band_index(rubric, item_id, a.band, a.points), _band_index(rubric, item_id, b.band, b.points))
        for a, b in both
    ]
    valid = [(a, b) for a, b in indices if a is not None and b is not None]
    qwk = (
        quadratic_weighted_kappa([a for a, _ in valid], [b for _, b in valid], len(item.bands) + 1)
        if item is not None and item.bands and valid
        else None
    )
    exact = sum(a == b for a, b in valid) / len(valid) if valid else sum(g < 1e-9 for g in gaps) / max(1, len(gaps))
    return AgreementMetrics(
        split=split,
        item=item_id,
        labellers=names,
        cases=len(both),
        exact=exact,
        mae=sum(gaps) / len(gaps) if gaps else 0.0,
        qwk=qwk,
    )


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
    groups: dict[tuple[Split, str, str], list[ItemRow]] = {}
    for r in rows:
        groups.setdefault((r.split, r.labeller, r.item), []).append(r)
    for split, labeller, item_id in sorted(groups, key=lambda g: (g[0], g[1] != PROJECT, g[1])):
        mine = groups[(split, labeller, item_id)]
        errors = [abs((r.label_points or 0) - (r.predicted_points or 0)) for r in mine if r.label_points is not None]
        item = rubric.item(item_id)
        qwk = None
        if item is not None and item.bands:
            pairs = [
                (
                    _band_index(rubric, item_id, r.label, None)
                    if _band_index(rubric, item_id, r.label, None) is not None
                    else _band_index(rubric, item_id, None, r.label_points),
                    _band_index(rubric, item_id, None, r.predicted_points),
                )
                for r in mine
            ]
            valid = [(a, b) for a, b in pairs if a is not None and b is not None]
            if valid:
                qwk = quadratic_weighted_kappa([a for a, _ in valid], [b for _, b in valid], len(item.bands) + 1)
        metrics.append(
            ItemMetrics(
                split=split,
                labeller=labeller,
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
            shown, recognised = _structure_value(name, expected), _structure_value(name, got[name])
            metrics.misses.append(f"{case_id}：{STRUCTURE_NAMES.get(name, name)}应为 {shown}，识别为 {recognised}")


_STATUS_NAMES = {"ok": "绩效自评报告", "not_a_report": "不是绩效自评报告"}


def _structure_value(name: str, value: object) -> str:
    """A structure label's value for people: table kinds, parts, report kinds by their Chinese names."""
    if value is None:
        return "（未识别）"
    if name == "table_kinds" and isinstance(value, list):
        names = load_table_catalogue().names
        return "「" + "、".join(names.get(str(k), str(k)) for k in value) + "」" if value else "（无表格）"
    if name == "sections" and isinstance(value, list):
        catalogue = load_section_catalogue()
        return "「" + "、".join(catalogue.section_name(s) for s in value) + "」" if value else "（无）"
    if name == "kind":
        return load_section_catalogue().report_name(str(value))
    if name == "status":
        return _STATUS_NAMES.get(str(value), str(value))
    return str(value)


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
            misses.append(f"{case.id}：{CHECK_NAMES.get(label.check, label.check)} {label.stated:g}→{label.computed:g}")
        else:
            used.add(hit)
            tp += 1
    alarms = [
        f"{case.id}：{CHECK_NAMES.get(f.check, f.check)} {f.message}" for n, f in enumerate(predicted) if n not in used
    ]
    for rule in case.not_flagged:
        for n, f in enumerate(predicted):
            if n not in used and f.check == rule.check and all(w in f.location for w in rule.location_contains):
                message = f"{case.id}：{CHECK_NAMES.get(f.check, f.check)} {f.message}（标注为不应报告）"
                if message not in alarms and not any(f.message in a for a in alarms):
                    alarms.append(message)
    return tp, len(alarms), len(misses), misses, alarms


def gate_failures(report: EvalReport, thresholds: Thresholds) -> list[str]:
    """Per split: the project labels against `items`; each blind reader against the readers' ceiling
    (`ceiling`); tagged funding/money-only cases at 0 (`must_be_zero`); findings; runnable cases."""
    failures = []
    for split in ("dev", "heldout"):
        by_item = {m.item: m for m in report.items if m.split == split and m.labeller == PROJECT}
        if split == "dev" or by_item:
            failures += _limit_failures(report, split, by_item, thresholds.items)
        own = thresholds.ceiling_heldout if split == HELDOUT else {}
        failures += _ceiling_failures(
            report,
            split,
            {i: (own.get(i, x), i in own) for i, x in thresholds.ceiling.items()},
            thresholds.ceiling_min_cases,
        )
    failures += report.zero_failures
    for name, limit in thresholds.findings.items():
        metric = name.removeprefix("min_")
        value = getattr(report.findings, metric)
        if value < limit:
            failures.append(f"数据核对{METRIC_NAMES[metric]} {value:.3f} < {limit}（门槛 findings.{name}）")
    for name, limit in thresholds.structure.items():
        what = f"结构识别「{StructureMetrics.name(name)}」"
        if report.structure is None or not report.structure.labelled.get(name):
            failures.append(f"{what}没有评测用例（门槛 structure.{name}）")
        elif report.structure.accuracy(name) < limit:
            accuracy = report.structure.accuracy(name)
            failures.append(f"{what}准确率 {accuracy:.3f} < {limit}（门槛 structure.{name}）")
    if report.errors:
        failures.append(f"{len(report.errors)} 个用例无法运行")
    return failures


def _limit_failures(
    report: EvalReport, split: str, by_item: dict[str, ItemMetrics], limits_by_item: dict[str, dict[str, float]]
) -> list[str]:
    """「开发集「反映问题情况」平均绝对误差 1.050 > 1.0（门槛 items.problems.max_mae）」: the item by its
    name, the threshold by its key in the thresholds file."""
    failures = []
    for item_id, limits in limits_by_item.items():
        what = f"{SPLIT_NAMES[split]}「{report.item_name(item_id)}」"
        metric = by_item.get(item_id)
        if metric is None:
            failures.append(f"{what}没有评测用例（门槛 items.{item_id}）")
            continue
        for name, limit in limits.items():
            key = name.removeprefix("max_").removeprefix("min_")
            value = getattr(metric, key)
            if value is None:
                continue
            if (name.startswith("max_") and value > limit) or (name.startswith("min_") and value < limit):
                sign = ">" if name.startswith("max_") else "<"
                failures.append(f"{what}{METRIC_NAMES[key]} {value:.3f} {sign} {limit}（门槛 items.{item_id}.{name}）")
    return failures


def ceiling(report: EvalReport, split: str, item_id: str) -> float | None:
    """The blind readers' mean MAE against each other on this split and item; None with fewer than two."""
    pairs = [
        a for a in report.agreement if a.split == split and a.item == item_id and PROJECT not in a.labellers and a.cases
    ]
    return sum(a.mae for a in pairs) / len(pairs) if pairs else None


def _ceiling_failures(
    report: EvalReport, split: str, excess: dict[str, tuple[float, bool]], min_cases: int = 1
) -> list[str]:
    """Each reader against the readers' ceiling plus the allowed excess (and whether it is the split's own)."""
    failures = []
    for item_id, (allowed, split_own) in excess.items():
        key = "ceiling_heldout" if split_own else "ceiling"
        limit = ceiling(report, split, item_id)
        if limit is None:
            continue
        for m in report.items:
            if m.split != split or m.item != item_id or m.labeller == PROJECT or m.cases < min_cases:
                continue
            if m.mae > limit + allowed:
                failures.append(
                    f"{SPLIT_NAMES[split]}「{report.item_name(item_id)}」对 {m.labeller} 的平均绝对误差 {m.mae:.2f}"
                    f" 高于标注人之间的 {limit:.2f}（门槛 {key}.{item_id}）"
                )
    return failures


def load_thresholds(path: Path) -> Thresholds:
    try:
        return Thresholds.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except (ValidationError, yaml.YAMLError, OSError) as exc:
        raise ConfigError(f"评测阈值文件「{path}」无效：{exc}") from exc


def to_json(reports: list[EvalReport]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in reports], ensure_ascii=False, indent=2) + "\n"
