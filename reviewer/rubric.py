"""Rubrics as data: YAML files validated by a schema on load. A new rubric needs no code."""

from __future__ import annotations

import math
import re
import sys
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .checks.settings import CheckSettings
from .errors import RubricError
from .structure.catalogue import load_section_catalogue, load_table_catalogue, parse_data_file
from .structure.models import ReportKind

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # the package supports 3.10
        from importlib.abc import Traversable


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoticeRule(Strict):
    kind: Literal["notice"]
    issued_points: float
    element_points: float
    per_missing_element: float
    elements: list[str]


class WorkingGroupRule(Strict):
    kind: Literal["working_group"]


class SelfCheckRule(Strict):
    kind: Literal["self_check"]
    per_unit: float


class SubmissionRule(Strict):
    kind: Literal["submission"]
    per_working_day: float


class MainPartRule(Strict):
    """正文: the narrative sections (ids of rubrics/_sections.yaml) that must be there with content."""

    points: float
    per_missing: float
    sections: list[str] = Field(default_factory=list)


class AttachmentsRule(Strict):
    """附件: the table kinds (ids of rubrics/_tables.yaml) that must be attached."""

    points: float
    per_missing: float
    tables: list[str] = Field(default_factory=list)


class CompletenessRule(Strict):
    kind: Literal["completeness"]
    main: MainPartRule
    attachments: AttachmentsRule


class WeightScheme(Strict):
    """One accepted set of first-level weights (预算执行率 is the 年度资金总额 row's 分值), with its source."""

    id: str
    name: str  # the rule it comes from, for the justification (财预〔2021〕101号 …)
    weights: dict[str, float] = Field(min_length=1)
    tables: list[str] = Field(default_factory=list)  # the table kinds it applies to; empty: every kind

    @model_validator(mode="after")
    def _hundred(self) -> WeightScheme:
        total = sum(self.weights.values())
        if abs(total - 100) > 1e-9:
            raise ValueError(f"权重方案「{self.id}」合计为 {total:g}，应为 100")
        return self


class WeightsRule(Strict):
    """The first-level weights a 自评表 may have: any configured scheme is right; the table meets the
    share of its best-matching scheme's categories."""

    points: float
    schemes: list[WeightScheme] = Field(min_length=1)

    def applicable(self, table_kind: str) -> list[WeightScheme]:
        return [s for s in self.schemes if not s.tables or table_kind in s.tables]


class RefinementRule(Strict):
    points: float
    per_unrefined: float


class QualityRule(Strict):
    points: float
    per_vague: float
    max_deduction: float


class IndicatorTableRule(Strict):
    kind: Literal["indicator_table"]
    weights: WeightsRule
    refinement: RefinementRule
    quality: QualityRule


Rule = Annotated[
    NoticeRule | WorkingGroupRule | SelfCheckRule | SubmissionRule | CompletenessRule | IndicatorTableRule,
    Field(discriminator="kind"),
]


class ZeroRule(Strict):
    id: Literal["funding_only", "money_only", "section_empty"]
    text: str


class Dimension(Strict):
    id: str
    name: str


class Conditions(Strict):
    """Minimums of what the engine measures in a narrative section; all must hold (0: no condition)."""

    min_dimensions: int = 0
    min_cause_share: float = 0.0
    min_problems: int = 0  # problems that count (funding-shortage problems do not)
    min_specifics_share: float = 0.0  # share of problems with a figure or a case
    min_coverage: float = 0.0
    min_concrete_share: float = 0.0
    min_measures: int = 0
    min_avg_chars: int = 0  # 「过于简单」: items shorter than this on average stay below the band
    min_substance_share: float = 0.0  # share of problems with a cause or a figure/case
    min_aspects: int = 0  # dimensions, with a dimension's aspects (lexicon dimension_aspects) counted apart
    min_replies: float = 0.0  # share of problems some measure replies to, be it a slogan or a pasted template
    min_steps: int = 0  # clauses of the counted measures that say something of their own (all measures together)
    min_figured: int = 0  # counted measures with a checkable figure: a quantity, amount, share or date

    def met_by(self, measured: dict[str, float]) -> bool:
        return all(
            measured.get(name.removeprefix("min_"), 0) >= limit
            for name, limit in self.model_dump().items()
            if name.startswith("min_")
        )


class Step(Conditions):
    """Points above a band's floor when its conditions hold (convention in_band_placement)."""

    text: str  # what the justification says was met
    points: float = 1


class Band(Conditions):
    label: str
    min: float
    max: float
    # Alternatives: besides its own conditions, a band with alternatives needs one of them to hold as well.
    any_of: list[Conditions] = Field(default_factory=list)
    # Where in the band (convention in_band_placement): the floor, plus the points of every step met,
    # up to the band's ceiling.
    steps: list[Step] = Field(default_factory=list)

    def met_by(self, measured: dict[str, float]) -> bool:
        return super().met_by(measured) and (not self.any_of or any(c.met_by(measured) for c in self.any_of))

    @property
    def range_text(self) -> str:
        return f"{self.min:g}" if self.min == self.max else f"{self.min:g}—{self.max:g}"


ConventionId = Literal[
    "dimensions_per_band",
    "in_band_placement",
    "no_problem_stated",
    "gap_acknowledged",
    "no_answer",
    "measures_referenced",
    "funding_answered",
    "funding_beside_real",
    "template_prompts",
    "coverage_relative_to",
    "concrete_measure",
    "money_beside_real",
    "off_topic",
    "slogans",
    "repeats_count_once",
    "item_segmentation",
    "statement_only",
    "nothing_listed",
    "thin_measures",
    "pasted_causes",
    "stance_only",
    "funding_dominant",
    "narrow_problems",
    "set_out",
    "other_work",
    "money_led",
    "learned_placement",
]


class Convention(Strict):
    """A reading of the rubric's words that a reviewer must decide, written down as data.

    `reading` is what the bureau decided, in the words a justification quotes; `source` names the
    rubric words it reads. The parameters are used only by the conventions that name them.
    """

    id: ConventionId
    name: str
    source: str
    reading: str
    relative_to: Literal["problems", "dimensions", "both"] | None = None  # coverage_relative_to
    # funding_beside_real, money_beside_real, off_topic, measures_referenced: points per item, and at most
    deduction: float | None = None
    max_deduction: float | None = None
    # no_answer: the score of measures that answer none of the problems; statement_only: of a lone statement;
    # nothing_listed: of measures without a step when the report lists no problem; gap_acknowledged: of achievements
    # that only acknowledge a gap
    points: float | None = None
    not_below: float | None = None  # funding_beside_real: its deduction takes no score below this
    min_concrete_share: float | None = None  # funding_answered: the share of measures that are steps
    # other_work: the score when some of the steps, fewer than funding_answered's share, stretch the money
    partial_points: float | None = None
    # funding_dominant: at least this many funding-only problems beside at most this many real ones
    min_funding_problems: int | None = None
    max_real_problems: int | None = None
    max_other_steps: int | None = None  # money_led: at most this many distinct steps beside the requests
    problems_below: float | None = None  # narrow_problems: 反映问题情况 scored below this is a narrow list
    model: str | None = None  # learned_placement: the placement file (next to the rubric, or packaged)
    weight: float | None = Field(default=None, gt=0, le=1)  # learned_placement: its share beside the bands' (1)

    @field_validator("reading", "source")
    @classmethod
    def _no_folding_spaces(cls, text: str) -> str:
        # A folded YAML block joins its lines with a space, which Chinese text does not have.
        return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text.strip())


class RubricItem(Strict):
    id: str
    group: str
    name: str
    points: float
    criteria: str
    evidence: str = ""
    rule: Rule | None = None
    section: Literal["problems", "measures"] | None = None
    zero_rules: list[ZeroRule] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(default_factory=list)
    bands: list[Band] = Field(default_factory=list)
    conventions: list[Convention] = Field(default_factory=list)

    def convention(self, convention_id: ConventionId) -> Convention | None:
        return next((c for c in self.conventions if c.id == convention_id), None)

    @model_validator(mode="after")
    def _consistent(self) -> RubricItem:
        if (self.rule is None) == (self.section is None):
            raise ValueError(f"评分项 {self.id} 必须且只能有 rule 或 section 之一")
        for band in self.bands:
            if not 0 <= band.min <= band.max <= self.points:
                raise ValueError(
                    f"评分项 {self.id} 的档次「{band.label}」分值 {band.min}—{band.max} 超出 0—{self.points}"
                )
        if self.section is not None and not self.bands:
            raise ValueError(f"评分项 {self.id} 缺少档次（bands）")
        last = self.bands[-1] if self.bands else None
        if last is not None and (last.any_of or any(v for k, v in last.model_dump().items() if k.startswith("min_"))):
            raise ValueError(f"评分项 {self.id} 的最后一个档次应无条件，作为兜底")
        ids = [c.id for c in self.conventions]
        if len(ids) != len(set(ids)):
            raise ValueError(f"评分项 {self.id} 的评分口径（conventions）id 重复")
        floor = self.convention("no_answer")
        if floor is not None and not any(b.min <= (floor.points or -1) <= b.max for b in self.bands):
            raise ValueError(f"评分项 {self.id} 的口径 no_answer 须给出落在某一档次内的 points")
        led = self.convention("money_led")
        if led is not None and led.max_other_steps is None:
            raise ValueError(f"评分项 {self.id} 的口径 money_led 须给出 max_other_steps（要钱措施旁至多几条其他做法）")
        coverage = self.convention("coverage_relative_to")
        if coverage is not None and coverage.relative_to is None:
            raise ValueError(
                f"评分项 {self.id} 的口径 coverage_relative_to 须给出 relative_to（problems、dimensions 或 both）"
            )
        return self


class Rubric(Strict):
    id: str
    name: str
    version: str
    source: str = ""
    # The kind of report it scores (dept: 部门整体, project: 项目支出); None: any. A report of the other
    # kind is still scored, and the review says the rubric was not written for it.
    report_kind: ReportKind | None = None
    total_points: float
    items: list[RubricItem]
    checks: CheckSettings = Field(default_factory=CheckSettings)

    @model_validator(mode="after")
    def _adds_up(self) -> Rubric:
        total = sum(i.points for i in self.items)
        if abs(total - self.total_points) > 1e-9:
            raise ValueError(f"各评分项分值合计 {total:g} 与总分 {self.total_points:g} 不符")
        ids = [i.id for i in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError("评分项 id 重复")
        return self

    def item(self, item_id: str) -> RubricItem | None:
        return next((i for i in self.items if i.id == item_id), None)


class ScorerAddress(Strict):
    """Words by which text addressed to the scorer is recognised (see rubrics/_lexicon.yaml)."""

    ignore_verbs: list[str]
    rules: list[str]
    score_asks: list[str]
    negations: list[str]
    requests: list[str]
    targets: list[str]
    addressees: list[str]
    # Requests when they open their clause or follow `request_leads`, unless the ask is reported (`score_reports`
    # just before it) or an evaluation (`report_frames`) stands before them.
    imperative_requests: list[str] = Field(default_factory=list)
    request_leads: list[str] = Field(default_factory=list)
    score_reports: list[str] = Field(default_factory=list)
    report_frames: list[str] = Field(default_factory=list)


class MoneyCauses(Strict):
    """How a problem that puts what went wrong down to money is read (convention funding_beside_real, session 20):
    the money named as the cause and every other clause a recognisable consequence of it (an outcome, the work's
    figures, what those served felt), none naming something of the department's own, is a funding shortage
    (rubrics/_lexicon.yaml, money.caused)."""

    row_label: str  # regex: a form row's label before the problem (「资金到位率：」「主要绩效目标未完成原因分析：」)
    indicator_name: str | None = None  # regex: an indicator row's label and the name after it (group `name`)
    items: str  # regex: the markers of listed causes (一是, （二）, 3.): each item must be money
    cause_told: str  # regex: a clause that gives a cause (因, 由于, 主要是, 受……影响)
    cause_led: str  # regex: a clause opening with its cause, after an optional label
    effect_back: list[str]  # 受此影响: a consequence pointing back at the money before it, not a cause
    more_matters: list[str]  # 另外, 此外: a clause opening another matter
    balances: list[str]  # 结转, 结余: money left over is the unit's own execution, unless told as a consequence
    rate_names: str  # regex: a rate's name (执行率, 完成率), taken out before own words are looked for
    own_qualities: list[str]  # how the unit does its work (不科学, 不规范, 力量): its own, beside any money
    own_when_no_money: list[str]  # 不到位, 未及时: the unit's own in a clause that names no money
    payments: list[str]  # 付款: a payment named, beside money.paid_out and payer_flows
    self_names: list[str]  # 我局, 本单位: the department naming itself
    own_handling: list[str]  # 挤占, 闲置, 约束: the unit's handling of money, never what a want of money does
    short_clause: int  # characters: a clause this short with no shortcoming passes as part of the telling
    effects_felt: list[str]  # 反映, 意见较大, 不便: those served feeling what the money did, a consequence
    own_dimensions: list[str]  # dimension ids whose words are the unit's own beside money (asset_finance)
    told_dimension_words: list[str]  # words of those dimensions a consequence names too (审计: 「决算审计也因此延后」)


class ClauseWords(Strict):
    """How a clause of a problem tells its tie to the clause before it (rubrics/_lexicon.yaml, clauses): the words
    the money readings use to tell a consequence from a cause and a turn."""

    consequence_leads: list[str]  # 导致, 造成: the clause tells what the one before led to
    cause_frames: list[str]  # 受, 由于: the clause opens with its cause
    not_frames: list[str]  # 受援, 因素, 因此: words that only begin with a frame's characters
    continuations: list[str]  # 从而, 以致: a part that goes on from the one before it, not a matter of its own
    left_undone: list[str]  # 未能: after a consequence lead, what the money left undone
    turns: list[str]  # 但, 然而: the clause turns against the one before
    cause_within: str  # regex with groups cause and effect: 「因经费拨付滞后而推迟开展」
    rate_name: str  # regex: a rate's name (「项目完工率」), taken out before failings are looked for in figures


class MoneyWords(Strict):
    """Word sets from which funding-shortage clauses and requests for money are composed (rubrics/_lexicon.yaml,
    conventions funding_beside_real and money_beside_real): a subject and a predicate, never whole phrases."""

    nouns: list[str]
    not_after: list[str]
    not_money: list[str]
    handling: list[str]
    qualities: list[str]
    scarce: list[str]
    shrinking: list[str]
    provision: list[str]
    negations: list[str]
    negated_after: list[str]
    inability: list[str] = Field(default_factory=list)
    arrival: list[str]
    late: list[str]
    upstream: list[str]
    timing: list[str]
    comparison: list[str]
    comparison_joins: list[str]
    large_needs: list[str]
    large: list[str]
    lacking: list[str]
    not_lacking: list[str] = Field(default_factory=list)
    idioms: list[str]
    attributes: list[str]
    # Words that open with a predicate of insufficiency and name a thing (小型水利工程): no continuation of money.
    not_predicates: list[str] = Field(default_factory=list)
    openers: list[str]
    increase: list[str]
    obtain: list[str]
    seek: list[str]
    sought: list[str]
    asked: list[str]
    requests: list[str]
    purposes: list[str]
    terms: list[str]
    rates: list[str]
    own_money: list[str]
    held: list[str]
    own_failings: list[str]
    cause_cuts: list[str]
    workload: list[str] = Field(default_factory=list)
    issued: list[str] = Field(default_factory=list)
    flows: list[str] = Field(default_factory=list)
    fills: list[str] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    not_shortcoming: list[str] = Field(default_factory=list)
    mobilise: list[str] = Field(default_factory=list)
    stewardship: list[str] = Field(default_factory=list)
    frees: list[str] = Field(default_factory=list)
    invests: list[str] = Field(default_factory=list)
    restructures: list[str] = Field(default_factory=list)
    asks: list[str] = Field(default_factory=list)
    payers: list[str] = Field(default_factory=list)
    granted: list[str] = Field(default_factory=list)
    grants: list[str] = Field(default_factory=list)
    answers_to: list[str] = Field(default_factory=list)
    late_for_execution: list[str] = Field(default_factory=list)
    late_told: list[str] = Field(default_factory=list)
    work_shortfall: list[str] = Field(default_factory=list)
    work_not_started: list[str] = Field(default_factory=list)  # regexes: a planned item not carried out
    gap_rate: list[str] = Field(default_factory=list)  # regexes: the execution rate of money that did not come
    capacity_short: list[str] = Field(default_factory=list)  # endings: capacity for the work left short
    worn: list[str] = Field(default_factory=list)  # predicates: things money buys worn out or lacking
    want_effects: list[str] = Field(default_factory=list)  # regexes: what a want of money does (overruns, staff)
    staffing_causes: list[str] = Field(default_factory=list)  # words: capacity put down to staffing, not money
    own_management_capacity: list[str] = Field(default_factory=list)  # words: capacity that stays the unit's own
    unfunded: list[str] = Field(default_factory=list)  # regexes: money a level's budget never takes in
    misuse: list[str] = Field(default_factory=list)
    workload_told: list[str] = Field(default_factory=list)  # regexes: work undertaken or kept, told as the situation
    attributions: list[str] = Field(default_factory=list)
    upstream_handling: list[str] = Field(default_factory=list)  # regexes: the level above allocating its money
    buys: list[str] = Field(default_factory=list)
    payer_flows: list[str] = Field(default_factory=list)
    owed_in: list[str] = Field(default_factory=list)  # 回款: money owed to the unit coming in
    owed_by: list[str] = Field(default_factory=list)  # the payers who owe it (医保): then owed_in is theirs
    short_paid: list[str] = Field(default_factory=list)  # 未足额: paid short by the payer, before payer_flows
    short_paid_own: list[str] = Field(default_factory=list)  # beside short_paid: the department pays short
    paid_out: list[str] = Field(default_factory=list)  # money the department pays or spends, or its own
    recipients: list[str] = Field(default_factory=list)
    received: list[str] = Field(default_factory=list)
    payable_to_unit: list[str] = Field(default_factory=list)  # money another body is to pay the unit (配套资金)
    shortage_outcomes: list[str] = Field(default_factory=list)  # what a want of money does to the work (推迟)
    led_outcomes: list[str] = Field(default_factory=list)  # regexes: outcomes only when led to by money (执行率偏低)
    deviation_cause_leads: list[str] = Field(default_factory=list)  # regexes: 「。主要原因：」 after a deviation told
    paying_bodies: list[str] = Field(default_factory=list)  # 财政: named before 拨付, the payment is theirs
    other_causes: list[str] = Field(default_factory=list)  # causes of another kind than money (选址, 招标)
    after_money: list[str] = Field(default_factory=list)  # regexes: 「资金到位后」 opening a measure
    follow_ups: list[str] = Field(default_factory=list)  # pushing the work on once the money comes (抓紧开工)
    own_steps_after: list[str] = Field(default_factory=list)  # 监管, 审计: a step of the unit's own after the money
    payment_terms: list[str] = Field(default_factory=list)  # 按季预拨: the payer's schedule after a request
    payouts: list[str] = Field(default_factory=list)  # the unit paying beneficiaries (兑付): held up by money short
    effects: list[str] = Field(default_factory=list)
    caused_by: list[str] = Field(default_factory=list)
    payees: list[str] = Field(default_factory=list)
    things_bought: list[str] = Field(default_factory=list)
    own_acts: list[str] = Field(default_factory=list)
    caused: MoneyCauses | None = None
    unpaid: str  # regex: money not yet paid or paid on (「未拨付」「尚未兑付到户」)
    paid_on_to: str  # regex: whom the unit pays on to (「对困难乡镇实行按季预拨」): its own schedule

    @property
    def failings(self) -> list[str]:
        """What names a failing of the department's own beside money: `own_failings`, and misuse (`misuse`)."""
        return self.own_failings + self.misuse

    summed_up: list[str] = Field(default_factory=list)


class NoProblemWords(Strict):
    """A clause that says there is no problem, in any wording (convention no_problem_stated): a negation,
    optional modifiers, then what a problem is called (「暂无存在的问题」「未发现偏离绩效目标的情况」)."""

    negations: list[str]
    modifiers: list[str] = Field(default_factory=list)
    objects: list[str]
    # Negations of finding (「未发现」), after which a list or field may name what was not found and
    # `found_objects` (「情况」) may call it, the object closing its clause.
    findings: list[str] = Field(default_factory=list)
    found_objects: list[str] = Field(default_factory=list)
    # What kinds of misuse joined without 等 may be kinds of (「未发生超标准、超范围支出的情况」).
    kinds_of: list[str] = Field(default_factory=list)
    # Negations of being (「不存在」), which take a free list unless a part of the unit (`partial_subjects`) is the
    # clause's subject.
    beings: list[str] = Field(default_factory=list)
    partial_subjects: list[str] = Field(default_factory=list)


class MoneyModelMargins(Strict):
    """How sure the money model (reviewer/scoring/money_model.py) must be, as log-odds, before it calls a text
    that names money a funding shortage or a request for money where the composition of `money` did not;
    with the reason the margin was chosen (rubrics/_lexicon.yaml)."""

    shortage_margin: float
    request_margin: float
    reason: str


class Lexicon(Strict):
    dimensions: dict[str, list[str]]
    money: MoneyWords
    clauses: ClauseWords
    money_model: MoneyModelMargins | None = None
    money_request_preambles: list[str] = Field(default_factory=list)
    cause_markers: list[str]
    vague_causes: list[str] = Field(default_factory=list)
    cause_patterns: list[str] = Field(default_factory=list)  # regexes: causes without a marker word
    not_causes: list[str] = Field(default_factory=list)  # regexes: 「原因」 as what is left out
    case_patterns: list[str] = Field(default_factory=list)  # regexes: a concrete case besides a figure
    concrete_markers: list[str]
    vague_targets: list[str]
    stopwords: list[str]
    scorer_address: ScorerAddress
    consequence_markers: list[str]
    problem_markers: list[str]
    problem_marker_exceptions: list[str] = Field(default_factory=list)
    problem_marker_exception_patterns: list[str] = Field(default_factory=list)  # regexes, as the words
    slogan_rhythm: str = ""  # regex: 「同部署、同推进、同考核」
    form_field_labels: list[str] = Field(default_factory=list)
    target_shortfall_patterns: list[str] = Field(default_factory=list)  # regexes with target, actual (, bound)
    target_lower_better: list[str] = Field(default_factory=list)
    low_rate_patterns: list[str] = Field(default_factory=list)  # regexes with rate (a percentage)
    low_rate_below: float = 0.0
    low_rate_so_far: list[str] = Field(default_factory=list)  # before a rate in its sentence: the year so far
    template_prompts: list[str]
    off_topic: list[str]
    off_topic_names: dict[str, list[str]] = Field(default_factory=dict)  # other words a problem names that work by
    publicity: list[str] = Field(default_factory=list)  # of off_topic, publicity's words
    publicity_answers: list[str] = Field(default_factory=list)  # publicity that answers a problem of awareness
    added_step_openers: list[str] = Field(default_factory=list)  # 「，同时……」 opens a sentence of its own
    boilerplate: list[str]
    action_markers: list[str]
    no_problem_statements: list[str] = Field(default_factory=list)
    no_problem: NoProblemWords | None = None
    measure_references: list[str] = Field(default_factory=list)
    problem_references: list[str] = Field(default_factory=list)  # 「按照上述问题……」 where problems give measures
    fix_references: list[str] = Field(default_factory=list)  # of those, naming the fixes: steps beside them count
    measure_reference_clauses: list[str] = Field(default_factory=list)  # a pointer ending its clause
    measure_reference_pledges: list[str] = Field(default_factory=list)  # carrying out what is pointed at
    measure_reference_bookkeeping: list[str] = Field(default_factory=list)  # 整改台账, 销号: carrying out
    measure_reference_stances: list[str] = Field(default_factory=list)  # 问题导向, 举一反三: framing the carrying out
    measure_reference_leads: list[str] = Field(default_factory=list)  # 对照: a lead naming what is answered
    measure_reference_purposes: list[str] = Field(default_factory=list)  # 确保: a purpose closing the carrying out
    gap_named_aspects: list[str] = Field(default_factory=list)  # 管理, 精细化: a gap that names where it lies
    gap_specific_aspects: list[str] = Field(default_factory=list)  # 精细化: after a statement of none, a thin problem
    gap_clause_openers: list[str] = Field(default_factory=list)  # 与, 仍: a gap clause that names no subject
    measure_done_steps: list[str] = Field(default_factory=list)  # after 对此: a step the unit has taken
    measure_own_steps: list[str] = Field(default_factory=list)  # beside a pointer: a step of the part's own
    measure_openers: list[str] = Field(default_factory=list)
    measure_later_leads: list[str] = Field(default_factory=list)  # 今后: before the unit naming itself and 将
    measure_later_not_units: list[str] = Field(default_factory=list)  # 我县: a government above the unit
    measure_forecast_verbs: list[str] = Field(default_factory=list)  # 面临: what will happen, not what it will do
    measure_sentence_openers: list[str] = Field(default_factory=list)  # only where a sentence starts
    measure_sentence_opener_leads: list[str] = Field(default_factory=list)  # or after these (对此)
    measure_opener_exceptions: list[str] = Field(default_factory=list)
    template_prompt_verbs: list[str] = Field(default_factory=list)
    template_prompt_sentences: list[str] = Field(default_factory=list)  # regexes, whole sentences
    lead_in_endings: list[str] = Field(default_factory=list)
    shared_cause_openers: list[str] = Field(default_factory=list)
    step_list_openers: list[str] = Field(default_factory=list)  # a measures' lead in place of a colon
    lead_in_max_chars: int = 30  # a longer unnumbered line ending in a colon says something of its own
    # Connectives that list items when each opens a sentence (「一方面，……另一方面，……此外，……」).
    enumeration_words: list[list[str]] = Field(default_factory=list)
    # A section written as a table in text (「序号｜方面｜存在问题｜原因分析」): header words of the column that
    # gives each row's aspect, and of the column that gives its cause (convention item_segmentation).
    table_aspect_columns: list[str] = Field(default_factory=list)
    table_cause_columns: list[str] = Field(default_factory=list)
    table_problem_columns: list[str] = Field(default_factory=list)
    achievements_min_sentences: int = 3
    achievements_min_share: float = 0.7
    achievements_turn_words: list[str] = Field(default_factory=list)
    gap_acknowledgements: list[str] = Field(default_factory=list)  # regexes: room left to improve, acknowledged
    deviation_pattern: str = ""
    indicator_deviation_pattern: str = ""  # an indicator with its target and actual figures, told first
    deviation_cell_label: str = ""  # a regex
    cell_label_endings: list[str] = Field(default_factory=list)  # how a form cell's long label ends
    deviation_restatements: list[str] = Field(default_factory=list)  # regexes: a deviation cell that gives no cause
    own_deviation_causes: list[str] = Field(default_factory=list)
    table_measure_columns: list[str] = Field(default_factory=list)
    owner_deadline_markers: list[str] = Field(default_factory=list)
    measure_owner_markers: list[str] = Field(default_factory=list)  # who does an author's measure (rewrites)
    measure_deadline_markers: list[str] = Field(default_factory=list)  # by when
    slogan_clause_openers: list[str] = Field(default_factory=list)
    slogan_clause_frames: list[str] = Field(default_factory=list)
    slogan_short_openers: list[str] = Field(default_factory=list)
    # A problem that is only a stance (convention stance_only): every clause names a subject of attitude or
    # ability (or of level, naming no dimension) and a soft predicate; framing clauses around it are skipped.
    stance_subjects: list[str] = Field(default_factory=list)
    stance_level_subjects: list[str] = Field(default_factory=list)
    stance_predicates: list[str] = Field(default_factory=list)
    stance_framing: list[str] = Field(default_factory=list)
    stance_pledges: list[str] = Field(default_factory=list)  # regexes: a pledge naming nothing to improve
    # A lead-in that announces a list of problems run on with semicolons (convention item_segmentation); a regex.
    semicolon_list_lead: str = ""
    semicolon_list_lead_sentence: str = ""
    semicolon_item_min_chars: int = 0
    aspect_openers: list[str] = Field(default_factory=list)  # regexes: a sentence opening on an aspect
    section_title_lines: list[str] = Field(default_factory=list)  # regexes: a section's title as a line of it
    # A problem set out beyond its headline (convention set_out): what follows the first clause is at least
    # set_out_min_chars long, has set_out_min_words words of its own and none of set_out_soft_words, in a
    # section that itemises set_out_min_problems problems or more. 0 or empty: no problem is set out.
    set_out_min_chars: int = 0
    set_out_min_words: int = 0
    set_out_min_problems: int = 0
    set_out_soft_words: list[str] = Field(default_factory=list)
    weak_links: list[str] = Field(default_factory=list)
    # dimension id -> aspect id -> words: aspects of one dimension counted apart (convention dimensions_per_band)
    dimension_aspects: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    dimension_default: str | None = None  # the dimension of a problem that names none of `dimensions`' words
    economy_steps: list[str] = Field(default_factory=list)  # steps that stretch the money (funding_answered)

    @model_validator(mode="after")
    def _default_is_a_dimension(self) -> Lexicon:
        if self.dimension_default is not None and self.dimension_default not in self.dimensions:
            raise ValueError(f"dimension_default「{self.dimension_default}」不在 dimensions 中")
        caused = self.money.caused
        unknown = [d for d in (caused.own_dimensions if caused else []) if d not in self.dimensions]
        if unknown:
            raise ValueError(f"money.caused.own_dimensions 中的「{'、'.join(unknown)}」不在 dimensions 中")
        return self


DEFAULT_RUBRIC = "yueyang-dept-2023"


def _packaged() -> Traversable:
    return resources.files("reviewer.rubrics")


# A learned placement (convention learned_placement; reviewer/scoring/placement.py computes the facts and places).
# The facts a placement reads, in the order its trees index them.
# The item's own section as written, counted (reviewer/scoring/placement.py, section_features; session 25).
SECTION_FEATURES = ("part_chars", "part_figures", "part_items", "part_causes", "part_deadlines", "part_lines")
PLACEMENT_FEATURES = (
    "answered",
    "concrete",
    "counted",
    "data",
    "dimensions",
    "cause",
    "funding",
    "measure_chars",
    "measures",
    "money",
    "no_problem",
    "off_topic",
    "problem_chars",
    "problems",
    "prompts",
    "replies",
    "set_out",
    "slogan",
    "stance",
    "steps",
    "text_estimate",
    "touched",
    *SECTION_FEATURES,
)


class PlacementTree(Strict):
    """One regression tree, as parallel arrays: node i splits on `feature[i]` at `threshold[i]` (go left when the
    value is at most the threshold) into `left[i]` and `right[i]`; a leaf has left -1 and holds `value[i]`."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]

    def predict(self, row: list[float]) -> float:
        node = 0
        while self.left[node] >= 0:
            node = self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


class PlacementCheck(Strict):
    row: list[float]
    predicted: float


_WHITE_SPACE_RUNS = re.compile(r"\s\s+")


class TextEstimateCheck(Strict):
    text: str
    predicted: float


class TextEstimate(Strict):
    """A ridge regression over the character n-grams of one part's text (the problems' or the measures' own words, as
    the extractor cut them), giving the readers' mean score the words alone suggest; the placement takes it as one
    feature beside the facts (convention learned_placement). Terms are weighed as scikit-learn's TfidfVectorizer
    weighs them with `analyzer="char"`, `sublinear_tf=True` (lowercase; a run of white space read as one space;
    each term's count 1 + ln(count), times its idf, the row scaled to unit length over the known terms); the
    prediction is that row times each term's weight, plus the intercept. Evaluated in pure Python."""

    reads: Literal["problems", "measures"]
    ngrams: int = Field(ge=1, le=6)  # terms of 1 … ngrams characters
    intercept: float
    # term → [idf, weight]
    terms: dict[str, tuple[float, float]]
    # A few training texts with the trainer's own predictions: tests and the loader check they are reproduced here.
    checks: list[TextEstimateCheck] = []

    def predict(self, text: str) -> float:
        text = _WHITE_SPACE_RUNS.sub(" ", text.lower())
        counts: dict[str, int] = {}
        for n in range(1, self.ngrams + 1):
            for start in range(len(text) - n + 1):
                term = text[start : start + n]
                if term in self.terms:
                    counts[term] = counts.get(term, 0) + 1
        if not counts:
            return self.intercept
        weighed = {term: (1.0 + math.log(count)) * self.terms[term][0] for term, count in counts.items()}
        length = math.sqrt(sum(v * v for v in weighed.values()))
        return self.intercept + sum(v * self.terms[term][1] for term, v in weighed.items()) / length


class Placement(Strict):
    """A tree ensemble: `base` plus `learning_rate` times the sum of its trees (gradient-boosted trees; a random
    forest, its trees' mean, is base 0 and rate 1/trees)."""

    item: str
    source: str  # what it was trained on, for the justification and the README
    cases: int
    readers: int
    features: list[str]
    base: float
    learning_rate: float
    trees: list[PlacementTree]
    # A few training rows (their facts, in `features` order) with the trainer's own predictions: tests check that
    # the trees evaluated here reproduce them.
    checks: list[PlacementCheck] = []
    # The words' own estimate, the feature `text_estimate` (trained on the other writer sets' texts for each training
    # row, as the forest_experiment does, so the trees learned how far to trust it on words they had not seen).
    text_estimate: TextEstimate | None = None

    def predict(self, values: dict[str, float]) -> float:
        row = [values[name] for name in self.features]
        return self.base + self.learning_rate * sum(tree.predict(row) for tree in self.trees)


def parse_placement(text: str, name: str) -> Placement:
    """A placement file's text, validated: any problem is a RubricError naming the file."""
    placement = parse_data_file(text, name, Placement)
    assert isinstance(placement, Placement)
    unknown = [f for f in placement.features if f not in PLACEMENT_FEATURES]
    estimate = placement.text_estimate
    if ("text_estimate" in placement.features) != (estimate is not None):
        raise RubricError(f"「{name}」的特征 text_estimate 与文字估计模型（text_estimate）不配套：请重新导出")
    for tree in placement.trees:
        nodes = len(tree.value)
        if {len(tree.feature), len(tree.threshold), len(tree.left), len(tree.right)} != {nodes} or any(
            left >= 0
            and not (0 <= tree.feature[n] < len(placement.features) and n < left < nodes and n < right < nodes)
            for n, (left, right) in enumerate(zip(tree.left, tree.right, strict=True))
        ):
            raise RubricError(f"「{name}」的回归树结构不完整（节点、特征或子节点编号不一致）：请重新导出")
    if not unknown and any(
        abs(placement.predict(dict(zip(placement.features, c.row, strict=True))) - c.predicted) > 1e-6
        for c in placement.checks
    ):
        raise RubricError(f"「{name}」复算不出训练时的预测值（checks）：文件可能被改动，请重新导出")
    if unknown:
        raise RubricError(f"「{name}」使用了未知的特征：{'、'.join(unknown)}")
    if estimate is not None:
        if any(len(term) > estimate.ngrams for term in estimate.terms):
            raise RubricError(f"「{name}」的文字估计含有长于 {estimate.ngrams} 个字的片段，永远不会被读到：请重新导出")
        # Without its trainer's predictions a changed weight could not be told from a trained one.
        if not estimate.checks or any(abs(estimate.predict(c.text) - c.predicted) > 1e-6 for c in estimate.checks):
            raise RubricError(f"「{name}」的文字估计复算不出训练时的预测值（checks）：文件可能被改动，请重新导出")
    return placement


def _parse_rubric(text: str, name: str, folder: Path | None = None) -> Rubric:
    rubric = parse_data_file(text, name, Rubric)
    assert isinstance(rubric, Rubric)
    _check_references(rubric, name)
    return _with_placements(rubric, name, folder)


def _with_placements(rubric: Rubric, name: str, folder: Path | None) -> Rubric:
    """Each learned placement's model file (convention learned_placement) found and checked when the rubric loads:
    next to a rubric given by path, else among the packaged rubrics; `model` then names where it was found. A
    missing or wrong file is a clear error here, not a crash when a report is scored."""
    items = []
    for item in rubric.items:
        conventions = []
        for convention in item.conventions:
            if (convention.id == "learned_placement") != (convention.model is not None):
                raise RubricError(f"评分表「{name}」：只有口径 learned_placement 有且必须有 model（定位模型文件）")
            if convention.model is not None:
                local = folder / convention.model if folder is not None else None
                packaged = _packaged().joinpath(convention.model)
                if local is not None and local.is_file():
                    where = str(local.resolve())
                elif "/" not in convention.model and "\\" not in convention.model and packaged.is_file():
                    where = convention.model
                else:
                    raise RubricError(
                        f"评分表「{name}」的口径「{convention.name}」指定的定位模型「{convention.model}」不存在："
                        "请把它放在评分表文件旁，或删去这条口径（按评分表各档条件评分）"
                    )
                placement = load_placement(where)
                reads = placement.text_estimate.reads if placement.text_estimate is not None else item.section
                if placement.item != item.id or reads != item.section:
                    raise RubricError(f"评分表「{name}」：定位模型「{convention.model}」不是为评分项 {item.id} 训练的")
                convention = convention.model_copy(update={"model": where})
            conventions.append(convention)
        items.append(item.model_copy(update={"conventions": conventions}))
    return rubric.model_copy(update={"items": items})


@cache
def load_placement(model: str) -> Placement:
    """A placement by where `_with_placements` found it (a file's absolute path, or a packaged file's name), parsed
    once per process: checked when the rubric loads, then used by the scorer (reviewer.scoring.placement). A file
    retrained while the workbench runs is read, and checked against its item, at the next start: re-reading it
    mid-run would score with a file the rubric's checks never saw."""
    path = Path(model)
    source = path if path.is_absolute() else _packaged().joinpath(model)
    return parse_placement(source.read_text("utf-8"), path.name)


def _check_references(rubric: Rubric, name: str) -> None:
    """Every section and table kind the rubric names must exist in the catalogues.

    A typo would otherwise count a part as missing in every report (完整性 15 → 13 for all) or fail
    only when a report is scored.
    """
    known_sections = load_section_catalogue().narrative_ids()
    known_tables = list(load_table_catalogue().names)
    problems = []
    for item in rubric.items:
        sections: list[str] = [item.section] if item.section is not None else []
        tables: list[str] = []
        if isinstance(item.rule, CompletenessRule):
            sections += item.rule.main.sections
            tables += item.rule.attachments.tables
        unknown_sections = [s for s in dict.fromkeys(sections) if s not in known_sections]
        unknown_tables = [t for t in dict.fromkeys(tables) if t not in known_tables]
        if unknown_sections:
            problems.append(
                f"评分项 {item.id} 引用了未知的正文部分「{'」「'.join(unknown_sections)}」；"
                f"已知的部分：{'、'.join(known_sections)}"
            )
        if unknown_tables:
            problems.append(
                f"评分项 {item.id} 引用了未知的表格种类「{'」「'.join(unknown_tables)}」；"
                f"已知的种类：{'、'.join(known_tables)}"
            )
    if problems:
        raise RubricError(f"评分表「{name}」的" + "。".join(problems))


class RubricMismatch(BaseModel):
    """A report of another kind than its rubric is for: the rubric's parts (完整性 …) do not apply as such."""

    model_config = ConfigDict(extra="forbid")

    report_kind: ReportKind
    rubric_kind: ReportKind
    suggested_rubric: str | None = None  # a bundled rubric for the report's kind, by id
    message: str  # for people, in Chinese


# How to supply a rubric for a kind of report no bundled rubric is for (README 「项目支出评分表」).
HOW_TO_SUPPLY = "可另写一份 YAML 评分表（写法见 README「项目支出评分表」一节），用 --rubric 文件路径 指定"


def rubric_mismatch(rubric: Rubric, report_kind: ReportKind) -> RubricMismatch | None:
    """What to tell people when `rubric` is declared for another kind of report than this one."""
    if rubric.report_kind is None or rubric.report_kind == report_kind:
        return None
    catalogue = load_section_catalogue()
    report_name, rubric_name = catalogue.report_name(report_kind), catalogue.report_name(rubric.report_kind)
    fitting = next((r for r in list_rubrics() if r.report_kind == report_kind), None)
    # The items that read the report's parts by its kind (完整性); without one, the whole score.
    structural = [i.name for i in rubric.items if isinstance(i.rule, CompletenessRule)]
    affected = f"{'、'.join(structural)}等项" if structural else "各项评分"
    advice = (
        f"可用 --rubric {fitting.id} 改用「{fitting.name}」"
        if fitting is not None
        else f"未附带适用于{report_name}的评分表，{HOW_TO_SUPPLY}"
    )
    return RubricMismatch(
        report_kind=report_kind,
        rubric_kind=rubric.report_kind,
        suggested_rubric=fitting.id if fitting is not None else None,
        message=(f"本报告是{report_name}，所用评分表适用于{rubric_name}，{affected}仅供参考；{advice}"),
    )


def list_rubrics() -> list[Rubric]:
    rubrics = []
    for entry in sorted(_packaged().iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith("_"):
            rubrics.append(load_rubric(entry.name.rsplit(".", 1)[0]))
    return rubrics


def load_rubric(id_or_path: str = DEFAULT_RUBRIC) -> Rubric:
    """A packaged rubric by id, or a rubric file by path (read afresh each time: it may have been edited;
    parsed again only when its text changed, so that a batch does not parse it once per report)."""
    path = Path(id_or_path)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return _parsed_rubric(path.read_text("utf-8"), str(path))
    return _packaged_rubric(id_or_path)


@lru_cache(maxsize=8)
def _parsed_rubric(text: str, name: str) -> Rubric:
    return _parse_rubric(text, name, Path(name).parent)


@cache
def _packaged_rubric(rubric_id: str) -> Rubric:
    entry = _packaged().joinpath(f"{rubric_id}.yaml")
    if not entry.is_file():
        catalogue = load_section_catalogue()
        bundled = list_rubrics()
        known = "、".join(
            f"{r.id}（{catalogue.report_name(r.report_kind) if r.report_kind else '各类报告'}）" for r in bundled
        )
        covered = {r.report_kind for r in bundled}
        uncovered = [k for k in get_args(ReportKind) if None not in covered and k not in covered]
        missing = "".join(f"；未附带适用于{catalogue.report_name(k)}的评分表，{HOW_TO_SUPPLY}" for k in uncovered)
        raise RubricError(
            f"找不到评分表「{rubric_id}」。可用的评分表：{known}{missing}；也可以给出评分表文件路径（.yaml）"
        )
    return _parse_rubric(entry.read_text("utf-8"), entry.name)


@cache
def load_lexicon() -> Lexicon:
    lexicon = parse_data_file(_packaged().joinpath("_lexicon.yaml").read_text("utf-8"), "_lexicon.yaml", Lexicon)
    assert isinstance(lexicon, Lexicon)
    return lexicon
