"""The domain vocabulary as data: which sections a report has, which tables, and how each is recognised.

Two YAML files packaged beside the rubrics (files starting with `_` are not rubrics): `_sections.yaml`
for the narrative parts and `_tables.yaml` for the attached tables. Both are validated on load like a
rubric, so a typo in a regex or a key is one clear error naming the file, not a silent miss.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache, cached_property
from importlib import resources
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import RubricError

SECTIONS_FILE = "_sections.yaml"
TABLES_FILE = "_tables.yaml"

# Table kinds the code gives a meaning to (indicators are read from the self-evaluation forms, fields
# from the project report form, figures are cross-checked against the basic data table). Renaming one
# in the data alone would silently switch that reading off, so the catalogue must define them.
CODE_TABLE_KINDS = ("basic_data", "dept_self_eval", "project_self_eval", "project_report")
# The composition groups of a 部门整体 form the checks add up (income_composition, expense_composition).
CODE_COMPOSITION_GROUPS = ("按收入性质分", "按支出性质分")
# Narrative sections the scorer and the suggestions read by id.
CODE_SECTION_IDS = ("problems", "measures")
_ANSWER_PUNCTUATION = "。. "


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"「{pattern}」不是有效的正则表达式：{exc}") from exc
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _unique(ids: list[str], what: str) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"{what} id 重复：{'、'.join(repeated)}")


# ---------------------------------------------------------------------------------------------- sections


class SectionSpec(Strict):
    """One part of a report's narrative, recognised by its heading whatever the numbering."""

    id: str
    name: str
    headings: tuple[Regex, ...] = Field(min_length=1)  # variants of the title, tried as one alternation
    requires_content: bool = True  # 「无」 under it counts as empty
    # A table inside this part whose header (first or second row) names one of these words is part of its text (a
    # 问题—原因—措施 list as a table): each row one line, its cells joined by 「｜」, the text-table form the narrative
    # scorer reads. Any other table (figures, a form, a signature block) is passed over and the part stays open;
    # in a part without such words a table closes it.
    table_headers: tuple[str, ...] = ()

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(self.headings))


class ReportSections(Strict):
    name: str
    sections: tuple[SectionSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _well_formed(self) -> ReportSections:
        ids = [s.id for s in self.sections]
        _unique(ids, f"{self.name}的正文部分")
        missing = [i for i in CODE_SECTION_IDS if i not in ids]
        if missing:
            raise ValueError(f"{self.name}缺少程序要读取的正文部分：{'、'.join(missing)}")
        return self


class FormField(Strict):
    """A labelled cell of the table-form 项目支出绩效自评报告, read as a section of scope 'project'."""

    id: str
    name: str
    label: Regex


class ProjectForm(Strict):
    name: str
    fields: tuple[FormField, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> ProjectForm:
        _unique([f.id for f in self.fields], f"{self.name}的栏目")
        return self


def _bare_answer(word: str) -> str:
    if not word or word != word.strip(_ANSWER_PUNCTUATION):
        raise ValueError(f"「{word}」应为不带句号和空格的词：比较前会先去掉答案两端的句号")
    return word


class FormPart(Strict):
    """A row or column of a form holding one of the report's parts (存在问题, 改进措施 …). A cell that
    holds both (「存在问题和改进措施」) gives each part its own stretch when the author marked them
    (「问题：…；措施：…」): from `starts` up to `until`; unmarked, each part is the whole text."""

    id: str
    label: Regex
    starts: Regex | None = None
    until: Regex | None = None

    def text_in(self, text: str) -> str:
        if self.starts is not None:
            start = re.search(self.starts, text)
            if start is not None:
                text = text[start.end() :]
        if self.until is not None:
            end = re.search(self.until, text)
            if end is not None and end.start() > 0:
                text = text[: end.start()]
        return text.strip().strip("；;，,").strip()


class Identity(Strict):
    """How titles, units and years are written: regexes, see docs/forms.md."""

    titles: tuple[Regex, ...] = Field(min_length=1)  # title lines, in order of preference
    dept_title: Regex  # words of a title that make it a 部门整体 report
    unit_labels: Regex  # the label of a 「单位名称：…」 line
    form_unit_labels: Regex  # the label cell of a form naming the unit (实施单位, 主管部门 …)
    unit_suffix: Regex  # how a unit's name ends (局, 中心 …)


class NotAReport(Strict):
    other_titles: tuple[Regex, ...] = ()  # a first line saying the document is something else
    min_sections: int = 2  # narrative parts with content that make a report without a filled form


class SectionCatalogue(Strict):
    source: str = Field(min_length=1)
    dept: ReportSections  # 部门整体支出绩效自评报告
    project: ReportSections  # a prose 项目支出绩效自评报告
    project_form: ProjectForm
    empty_answers: tuple[Annotated[str, AfterValidator(_bare_answer)], ...] = Field(min_length=1)
    template_prompts: tuple[Regex, ...] = ()
    form_parts: tuple[FormPart, ...] = ()
    toc_entry: Regex = "$^"
    toc_title: Regex = "$^"
    identity: Identity
    not_a_report: NotAReport = NotAReport()

    @cached_property
    def empty_answer_set(self) -> frozenset[str]:
        return frozenset(self.empty_answers)

    def report_name(self, kind: str) -> str:
        """The Chinese name of a report kind (dept → 部门整体支出绩效自评报告, project → 项目支出绩效自评报告)."""
        return self.dept.name if kind == "dept" else self.project.name

    def section_name(self, section_id: str) -> str:
        """The standard Chinese name of a narrative section (dept parts first); the id if unknown."""
        specs = [*self.dept.sections, *self.project.sections]
        return next((s.name for s in specs if s.id == section_id), section_id)

    @cached_property
    def prompt_pattern(self) -> re.Pattern[str] | None:
        return re.compile("|".join(self.template_prompts)) if self.template_prompts else None

    def has_section(self, report_kind: str, section_id: str) -> bool:
        """Whether `section_id` is a part of a report of `report_kind` (社会保险基金预算支出情况 is not a
        part of a 项目支出 report)."""
        sections = self.dept if report_kind == "dept" else self.project
        return any(s.id == section_id for s in sections.sections)

    def narrative_ids(self) -> list[str]:
        """Every section id a report's own narrative may have, dept parts first."""
        ids = [s.id for s in self.dept.sections]
        return ids + [s.id for s in self.project.sections if s.id not in ids]


# ---------------------------------------------------------------------------------------------- tables


class TableKindSpec(Strict):
    id: str
    name: str
    self_eval: bool = False  # a self-evaluation form: its money block and indicators are checked
    indicators: bool = False  # an indicator block without money rows: its indicators alone are checked
    # The kinds of report that attach it (部门整体 forms to a 部门整体 report); empty: any.
    report_kinds: tuple[Literal["dept", "project"], ...] = ()


class ClassificationRule(Strict):
    """A table is of `kind` when every all_of regex, at least one any_of regex and no none_of regex matches."""

    kind: str
    all_of: tuple[Regex, ...] = ()
    any_of: tuple[Regex, ...] = ()
    none_of: tuple[Regex, ...] = ()

    @model_validator(mode="after")
    def _says_something(self) -> ClassificationRule:
        if not self.all_of and not self.any_of:
            raise ValueError(f"表格种类 {self.kind} 的识别规则至少要有 all_of 或 any_of")
        return self

    def holds(self, text: str) -> bool:
        return (
            all(re.search(p, text) for p in self.all_of)
            and (not self.any_of or any(re.search(p, text) for p in self.any_of))
            and not any(re.search(p, text) for p in self.none_of)
        )


class IndicatorColumns(Strict):
    """Header words of the indicator block of a 自评表: which column holds what."""

    level1: Regex
    level2: Regex
    level3: Regex
    target: Regex
    actual: Regex
    weight: Regex
    score: Regex
    deviation: Regex
    direction: Regex | None = None  # a column of its own for =, ≥, ≤ or 定性 (指标性质)


class IndicatorDirection(Strict):
    """How a 「less is better」 or a qualitative indicator is told (regexes)."""

    at_most: Regex  # in the 指标性质 column or the target
    at_most_categories: Regex  # in the 一级/二级指标
    qualitative: Regex  # in the 指标性质 column


class ExecutionExplanation(Strict):
    """A sentence explaining a low 执行率: it names the spending (`topic`) and gives a cause (regexes)."""

    topic: Regex
    cause: Regex


class Named(Strict):
    """A name the checks read, and the pattern of how departments write it."""

    name: str
    pattern: Regex

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


class LabelSynonym(Named):
    """A label written differently by province (`pattern`), read by the checks as `name`."""


class LabelSynonyms(Strict):
    rows: tuple[LabelSynonym, ...] = ()
    columns: tuple[LabelSynonym, ...] = ()


class CompositionGroup(Named):
    """One way a 部门整体 form breaks down its 年度资金总额 (按收入性质分, 按支出性质分): the group label as
    departments write it (`pattern`), and the 年度资金总额 column its parts add up to when each part is one
    figure (`total_column`)."""

    total_column: str


class Composition(Strict):
    groups: tuple[CompositionGroup, ...] = ()
    # The year columns a part written as a row of figures adds up in, each to the 年度资金总额 of that column.
    amount_columns: tuple[str, ...] = ()

    def group_of(self, label: str) -> CompositionGroup | None:
        """The group a label names (「按收入性质分：」「按资金来源分」), if any."""
        return next((g for g in self.groups if g.regex.search(label)), None)

    def group(self, name: str) -> CompositionGroup:
        return next(g for g in self.groups if g.name == name)


class DeclaredWeights(Strict):
    """How a report states its own first-level weights (「产出指标权重40%、效益指标30%…」)."""

    cue: Regex  # a clause that declares weights says so (权重, 分值 …)
    min_categories: int = Field(default=3, ge=2)  # categories with a figure, adding up to 100


class FlattenedRow(Strict):
    """A table row pasted into a paragraph: header words in a run, or figures side by side."""

    header_words: Regex  # column headers (预算数, 执行数 …)
    min_header_words: int = Field(default=2, ge=1)
    adjacent_figures: Regex  # two figures with nothing but spacing between them

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        return re.compile(self.header_words), re.compile(self.adjacent_figures)

    def holds(self, text: str) -> bool:
        headers, figures = self._patterns
        return len(headers.findall(text)) >= self.min_header_words or figures.search(text) is not None


class TableCatalogue(Strict):
    source: str = Field(min_length=1)
    kinds: tuple[TableKindSpec, ...] = Field(min_length=1)
    classification: tuple[ClassificationRule, ...]  # tried top-down: the first rule that holds wins
    fallback: str  # the kind of a table no rule recognises
    indicator_columns: IndicatorColumns
    label_synonyms: LabelSynonyms = LabelSynonyms()
    indicator_direction: IndicatorDirection
    execution_explanation: ExecutionExplanation
    funding_sources: tuple[Regex, ...] = ()  # the 「其中」 rows that make up 年度资金总额
    composition: Composition = Composition()  # a 部门整体 form's 按收入性质分 / 按支出性质分 groups
    # First-level weight categories (the keys of a rubric's weight schemes) → the word naming one in a
    # 一级指标 or in a report's own declaration.
    weight_categories: dict[str, str] = Field(default_factory=dict)
    declared_weights: DeclaredWeights | None = None
    flattened_row: FlattenedRow | None = None

    @model_validator(mode="after")
    def _consistent(self) -> TableCatalogue:
        ids = [k.id for k in self.kinds]
        _unique(ids, "表格种类")
        unknown = [r.kind for r in self.classification if r.kind not in ids]
        if self.fallback not in ids:
            unknown.append(self.fallback)
        if unknown:
            raise ValueError(f"识别规则引用了未定义的表格种类：{'、'.join(unknown)}；已定义：{'、'.join(ids)}")
        missing = [k for k in CODE_TABLE_KINDS if k not in ids]
        if missing:
            raise ValueError(f"缺少程序要读取的表格种类：{'、'.join(missing)}")
        groups = [g.name for g in self.composition.groups]
        missing = [g for g in CODE_COMPOSITION_GROUPS if g not in groups]
        if missing:
            raise ValueError(f"composition 缺少程序要核对的分组：{'、'.join(missing)}")
        return self

    @cached_property
    def names(self) -> dict[str, str]:
        return {k.id: k.name for k in self.kinds}

    def belongs_to(self, table_kind: str, report_kind: str) -> bool:
        """Whether a report of `report_kind` attaches tables of `table_kind` (a kind declared for no report
        kind in particular belongs to all)."""
        spec = next((k for k in self.kinds if k.id == table_kind), None)
        return spec is None or not spec.report_kinds or report_kind in spec.report_kinds

    @cached_property
    def self_eval_kinds(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds if k.self_eval)

    @cached_property
    def indicator_kinds(self) -> tuple[str, ...]:
        """The kinds whose indicators are read: the self-evaluation forms, then the indicator blocks that
        stand alone."""
        return self.self_eval_kinds + tuple(k.id for k in self.kinds if k.indicators and not k.self_eval)

    @cached_property
    def block_kinds(self) -> tuple[str, ...]:
        """The indicator blocks that stand without money rows."""
        return tuple(k for k in self.indicator_kinds if k not in self.self_eval_kinds)

    def canonical_row(self, label: str) -> str:
        return next((s.name for s in self.label_synonyms.rows if s.regex.search(label)), label)

    def canonical_column(self, label: str) -> str:
        return next((s.name for s in self.label_synonyms.columns if s.regex.search(label)), label)

    def kind_of(self, text: str) -> str:
        return next((r.kind for r in self.classification if r.holds(text)), self.fallback)


class _TableKindNames(Mapping[str, str]):
    """Table kind → Chinese name, read from the catalogue when first asked rather than at import."""

    def __getitem__(self, kind: str) -> str:
        return load_table_catalogue().names[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(load_table_catalogue().names)

    def __len__(self) -> int:
        return len(load_table_catalogue().names)


TABLE_KIND_NAMES: Mapping[str, str] = _TableKindNames()


# ---------------------------------------------------------------------------------------------- loading


# libyaml's parser where PyYAML was built with it: a tenth of the pure-Python parser's time, which was
# most of a cold start (rubric, catalogues and lexicon).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> object:
    # A placement file is JSON, which YAML reads too, but a JSON parser reads its megabyte of trees far faster.
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass  # YAML flow mappings start with 「{」 too
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # a safe loader: plain data only
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises again, with the pure parser's message as before


def parse_data_file(text: str, name: str, model: type[BaseModel]) -> BaseModel:
    """A YAML text validated by `model`; any problem is a RubricError naming the file."""
    try:
        data = _load_yaml(text)
    except yaml.YAMLError as exc:
        raise RubricError(f"「{name}」不是有效的 YAML：{exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise RubricError(f"「{name}」未通过校验：{problems}") from exc


def _packaged_text(name: str) -> str:
    return resources.files("reviewer.rubrics").joinpath(name).read_text("utf-8")


def parse_section_catalogue(text: str, name: str = SECTIONS_FILE) -> SectionCatalogue:
    catalogue = parse_data_file(text, name, SectionCatalogue)
    assert isinstance(catalogue, SectionCatalogue)
    return catalogue


def parse_table_catalogue(text: str, name: str = TABLES_FILE) -> TableCatalogue:
    catalogue = parse_data_file(text, name, TableCatalogue)
    assert isinstance(catalogue, TableCatalogue)
    return catalogue


@cache
def load_section_catalogue() -> SectionCatalogue:
    return parse_section_catalogue(_packaged_text(SECTIONS_FILE))


@cache
def load_table_catalogue() -> TableCatalogue:
    return parse_table_catalogue(_packaged_text(TABLES_FILE))
