"""Build the form fixtures (.docx) and their eval cases from the facts in docs/forms.md.

    python tests/data/forms/make_forms.py

Every sentence here is written for these fixtures; the layouts (title forms, header words, heading
variants, merged cells, Word numbering, full-width spaces, template prompts) follow the published forms
listed in docs/forms.md. Each fixture is one `Form`: the figures are computed here, and so are the labels
(unit, year, kind, table kinds, sections, the findings that must be found and the correct figures that
must not be flagged), so a fixture and its case cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent
CASES = HERE.parents[2] / "evals" / "cases" / "forms"
FW = "\u3000"  # full-width space

# ------------------------------------------------------------------------------------------ vocabulary


@dataclass(frozen=True)
class Columns:
    """How a province writes the money block and the indicator block of its 自评表."""

    money_row: str = "年度资金总额"
    budget: str = "全年预算数"
    spent: str = "全年执行数"
    rate: str = "执行率"
    weight: str = "分值"
    score: str = "得分"
    target: str = "年度指标值"
    actual: str = "实际完成值"
    cause: str = "偏差原因分析及改进措施"
    direction: str = ""  # a 指标性质 column (Sichuan)


CENTRAL = Columns()
AB = Columns(budget="全年预算数（A）", spent="全年执行数（B）", rate="执行率（B/A）", actual="全年实际值")
SHORT = Columns(money_row="资金总额", actual="实际值", cause="未完成原因及拟采取的改进措施")
TOTAL = Columns(money_row="总额", budget="年度预算数", spent="执行数（B）", actual="实际完成值")
SICHUAN = Columns(
    money_row="总额",
    budget="调整后预算数",
    spent="预算执行数",
    rate="预算执行率",
    weight="权重",
    target="指标值",
    actual="完成值",
    cause="未完成原因分析",
    direction="指标性质",
)


@dataclass
class Ind:
    level1: str
    level2: str
    level3: str
    target: str
    actual: str
    weight: float | None
    score: float | None
    cause: str = ""
    direction: str = ""


def _d(x: float) -> Decimal:
    return Decimal(str(x))


def _round(x: Decimal, places: int = 2) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def standard_indicators(cost: bool = False, satisfaction: bool = True) -> list[Ind]:
    """A project's indicators: 10号 weights, or 101号 with 成本指标, or 效益 taking 满意度's 10."""
    if cost:
        rows = [
            Ind("产出指标", "数量指标", "完成培训人次", "≥800人次", "856人次", 20, 20),
            Ind("产出指标", "质量指标", "培训合格率", "≥95%", "97%", 20, 20),
            Ind("成本指标", "经济成本指标", "人均培训成本", "≤450元", "438元", 20, 20),
            Ind("效益指标", "社会效益指标", "学员就业率", "≥70%", "74%", 20, 20),
            Ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", 10, 10),
        ]
        return rows
    rows = [
        Ind("产出指标", "数量指标", "维修养护河道长度", "≥36公里", "38公里", 20, 20),
        Ind("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 15, 15),
        Ind("产出指标", "时效指标", "完工时间", "11月底前", "11月20日完工", 15, 15),
        Ind("效益指标", "社会效益指标", "沿线村组受益户数", "≥1200户", "1260户", 15, 15),
        Ind("效益指标", "生态效益指标", "水质达标率", "≥90%", "92%", 15, 15),
    ]
    if satisfaction:
        rows.append(Ind("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", 10, 10))
    else:
        rows.append(Ind("效益指标", "可持续影响指标", "设施正常运行年限", "≥5年", "5年", 10, 10))
    return rows


def dept_indicators() -> list[Ind]:
    return [
        Ind("产出指标", "数量指标", "年度重点工作完成数", "≥12项", "12项", 20, 20),
        Ind("产出指标", "质量指标", "行政执法案卷合格率", "≥95%", "98%", 15, 15),
        Ind("产出指标", "时效指标", "资金拨付及时率", "100%", "100%", 15, 15),
        Ind("效益指标", "社会效益指标", "政务服务事项网上可办率", "≥90%", "96%", 15, 15),
        Ind("效益指标", "可持续影响指标", "制度建设完善程度", "健全", "已修订内控制度8项", 15, 15),
        Ind("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥90%", "94%", 10, 10),
    ]


# ------------------------------------------------------------------------------------------ one fixture


@dataclass
class Form:
    id: str
    province: str
    unit: str
    year: int
    kind: str  # dept | project (the report's kind); transfer reports are project reports
    layout: str  # dept | project | sichuan_form | transfer
    title: str
    title_break: bool = False  # the title broken over two lines, as Word reports often are
    year_in_title: bool = True
    unit_line: str = ""  # a 「单位名称：…」 line under the title
    columns: Columns = CENTRAL
    project: str = "农村河道维修养护项目"
    budget: float = 120.0
    spent: float = 116.4
    stated_rate: str | None = None  # as written; None: computed correctly
    exec_weight: float = 10
    stated_exec_score: float | None = None
    indicators: list[Ind] = field(default_factory=standard_indicators)
    stated_total: float | None = None
    stated_total_weight: float = 100
    headings: str = "text"  # text (一、 in the text) | auto (Word numbering) | mixed
    problems_heading: str = "存在的问题及原因分析"
    measures_heading: str = "下一步改进措施"
    combined_heading: str = ""  # one heading for both (transfer forms)
    inline: bool = False  # 「存在的问题：…」 inline
    toc: bool = False
    template_prompts: bool = False  # the form's 存在问题/改进措施 cells left with the template's prompts
    empty_answers: bool = False  # 「暂无」 in 存在问题/改进措施
    declared: str = ""  # a sentence declaring the report's own first-level weights
    prose: list[str] = field(default_factory=list)  # more paragraphs under the budget part
    narrative_parts: bool = True  # 问题 and 措施 as sections of the narrative
    form_rows: list[tuple[str, str]] = field(default_factory=list)  # rows under the form (label, content)
    project_list: list[tuple[str, ...]] = field(default_factory=list)  # rows of an attached list of projects
    findings: list[dict] = field(default_factory=list)
    not_flagged: list[dict] = field(default_factory=list)
    items: dict = field(default_factory=dict)
    note: str = ""

    # ---- derived figures
    @property
    def rate(self) -> Decimal:
        return _d(self.spent) / _d(self.budget) * 100

    @property
    def rate_text(self) -> str:
        return self.stated_rate or f"{_round(self.rate)}%"

    @property
    def exec_score(self) -> Decimal:
        if self.stated_exec_score is not None:
            return _d(self.stated_exec_score)
        return _round(_d(self.exec_weight) * min(self.rate / 100, Decimal(1)))

    @property
    def score_sum(self) -> Decimal:
        return self.exec_score + sum((_d(i.score) for i in self.indicators if i.score is not None), Decimal(0))

    @property
    def total_text(self) -> str:
        return f"{self.stated_total:g}" if self.stated_total is not None else f"{self.score_sum.normalize():f}"

    @property
    def scored(self) -> bool:
        return any(i.weight is not None for i in self.indicators)


def _num(x: float | Decimal) -> str:
    return f"{Decimal(str(x)).normalize():f}"


# ------------------------------------------------------------------------------------------ writing


class Writer:
    def __init__(self, form: Form) -> None:
        self.form = form
        self.doc = docx.Document()
        self.numbered = 0

    def para(self, text: str, style: str | None = None, center: bool = False) -> None:
        p = self.doc.add_paragraph(text, style=style)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def body(self, text: str) -> None:
        self.para(FW * 2 + text)

    def heading(self, number: str, text: str, level: int = 1) -> None:
        """A heading numbered in its text (「一、」), or by Word (the number is not in the text)."""
        style = self.form.headings
        if style == "mixed":
            style = "auto" if level == 1 else "text"
        if style == "auto":
            self.para(text, style="List Number" if level == 1 else "List Number 2")
        else:
            self.para(f"{number}{FW if level == 1 else ''}{text}" if level == 1 else f"{number}{text}")

    def title(self) -> None:
        f = self.form
        if f.title_break and len(f.title) > 12:
            cut = f.title.index("绩效")
            self.para(f.title[:cut], center=True)
            self.para(f.title[cut:], center=True)
        else:
            self.para(f.title, center=True)
        if f.unit_line:
            self.para(f.unit_line)

    def toc(self) -> None:
        self.para(f"目{FW}{FW}录", center=True)
        for n, name in enumerate(
            ["基本情况", "绩效目标完成情况", self.form.problems_heading, self.form.measures_heading]
        ):
            self.para(f"{'一二三四'[n]}、{name}{'.' * 12}{n + 2}")

    # ---- tables
    def money_block(self, table, start: int, sources: list[tuple[str, float, float]]) -> int:
        c = self.form.columns
        hdr = table.rows[start].cells
        labels = ["", "年初预算数", c.budget, c.spent, c.weight, c.rate, c.score]
        for i, text in enumerate(labels):
            hdr[i + 1].text = text
        f = self.form
        row = table.rows[start + 1].cells
        values = [
            c.money_row,
            _num(f.budget),
            _num(f.budget),
            _num(f.spent),
            _num(f.exec_weight),
            f.rate_text,
            _num(f.exec_score),
        ]
        for i, text in enumerate(values):
            row[i + 1].text = text
        for n, (label, budget, spent) in enumerate(sources):
            r = table.rows[start + 2 + n].cells
            r[1].text = f"其中：{label}" if n == 0 else label
            r[2].text = _num(budget)
            r[3].text = _num(budget)
            r[4].text = _num(spent)
            r[5].text = "—"
            r[6].text = f"{_round(_d(spent) / _d(budget) * 100)}%" if budget else "—"
            r[7].text = "—"
        top = table.cell(start, 0)
        top.merge(table.cell(start + 1 + len(sources), 0))
        top.text = "年度资金情况（万元）"
        return start + 2 + len(sources)

    def indicator_block(self, table, start: int) -> int:
        f, c = self.form, self.form.columns
        headers = ["一级指标", "二级指标", "三级指标"]
        if c.direction:
            headers.append(c.direction)
        headers += [c.target, c.actual]
        if f.scored:
            headers += [c.weight, c.score]
        headers.append(c.cause)
        width = len(table.columns)
        cells = table.rows[start].cells
        for i, text in enumerate(headers):
            cells[width - len(headers) + i].text = text
        first = start + 1
        level1_first: dict[str, int] = {}
        for n, ind in enumerate(f.indicators):
            r = table.rows[first + n].cells
            values = [ind.level1, ind.level2, ind.level3]
            if c.direction:
                values.append(ind.direction or _direction_sign(ind.target))
            values += [ind.target, ind.actual]
            if f.scored:
                values += ["" if ind.weight is None else _num(ind.weight), "" if ind.score is None else _num(ind.score)]
            values.append(ind.cause)
            for i, text in enumerate(values):
                r[width - len(headers) + i].text = text
            level1_first.setdefault(ind.level1, first + n)
        # 一级指标 cells merged down over their indicators, as in the published forms
        col = width - len(headers)
        bounds = list(level1_first.items())
        for k, (name, row_at) in enumerate(bounds):
            end = (bounds[k + 1][1] if k + 1 < len(bounds) else first + len(f.indicators)) - 1
            if end > row_at:
                merged = table.cell(row_at, col).merge(table.cell(end, col))
                merged.text = name
        left = table.cell(start, 0).merge(table.cell(first + len(f.indicators) - 1, width - len(headers) - 1))
        left.text = "绩效指标"
        return first + len(f.indicators)

    def self_eval_table(self, extra_rows: list[tuple[str, str]] = ()) -> None:
        f = self.form
        sources = [("财政拨款", f.budget, f.spent), ("其他资金", 0, 0)]
        rows = 2 + 2 + len(sources) + 2 + len(f.indicators) + (1 if f.scored else 0) + len(extra_rows)
        headers = 3 + (1 if f.columns.direction else 0) + 2 + (2 if f.scored else 0) + 1
        table = self.doc.add_table(rows=rows, cols=max(8, headers + 1))
        table.style = "Table Grid"
        width = len(table.columns)
        head = table.cell(0, 0).merge(table.cell(0, 1))
        head.text = {"dept": "部门名称", "transfer": "转移支付（项目）名称"}.get(f.layout, "项目名称")
        rest = table.cell(0, 2).merge(table.cell(0, width - 1))
        rest.text = f.unit if f.layout == "dept" else f.project
        unit_label = table.cell(1, 0).merge(table.cell(1, 1))
        unit_label.text = "主管部门" if f.layout == "transfer" else "实施单位"
        unit_cell = table.cell(1, 2).merge(table.cell(1, width - 1))
        unit_cell.text = f.unit
        at = self.money_block(table, 2, sources)
        goal = table.cell(at, 0).merge(table.cell(at, 1))
        goal.text = "年度总体目标"
        goal_text = table.cell(at, 2).merge(table.cell(at, width - 1))
        goal_text.text = "按计划完成年度任务，资金按进度拨付使用，服务对象总体满意。"
        at = self.indicator_block(table, at + 1)
        if f.scored:
            total = table.rows[at].cells
            total[0].text = "总分"
            total[width - 3].text = _num(f.stated_total_weight)
            total[width - 2].text = f.total_text
            at += 1
        for label, content in extra_rows:
            lab = table.cell(at, 0).merge(table.cell(at, 1))
            lab.text = label
            body = table.cell(at, 2).merge(table.cell(at, width - 1))
            body.text = content
            at += 1

    def save(self) -> Path:
        path = HERE / f"{self.form.id}.docx"
        self.doc.core_properties.author = "reviewer fixtures"
        self.doc.save(str(path))
        return path


def _direction_sign(target: str) -> str:
    for sign in "≥≤=":
        if target.startswith(sign):
            return sign
    return "定性" if not any(ch.isdigit() for ch in target) else "="


# ------------------------------------------------------------------------------------------ narratives

PROBLEMS = [
    "一是绩效目标设置不够精准，部分指标以「按计划完成」表述，难以量化考核，原因是编制预算时对工作量测算不足；",
    "二是项目资金拨付集中在第四季度，上半年支出进度偏慢，主要是工程招标手续办理时间较长；",
    "三是固定资产登记与财务账目存在出入，原因是资产管理人员调整后交接不完整。",
]
MEASURES = [
    "一是在编制下年度预算时，由财务股牵头对照工作量逐项测算指标值，做到可量化、可考核；",
    "二是建立按月调度支出进度的台账，对进度滞后的项目由分管领导约谈督办；",
    "三是年内组织一次资产清查，账实核对后于年底前完成资产卡片更新。",
]


def write_narrative(w: Writer) -> None:
    f = w.form
    prose_kind = "部门" if f.layout == "dept" else "项目"
    w.heading("一、", f"{prose_kind}基本情况" if f.layout != "transfer" else "绩效目标分解下达情况")
    w.heading("（一）", f"{prose_kind}概况", level=2)
    if f.layout == "dept":
        w.body(f"{f.unit}为财政全额拨款行政单位，内设股室6个，核定编制34名，年末实有在职人员31名。")
    else:
        w.body(f"{f.project}由{f.unit}组织实施，主要用于辖区内的工程建设和日常维护。")
    w.heading("（二）", "预算收支情况" if f.layout == "dept" else "资金投入情况", level=2)
    w.body(f"{f.year}年全年预算数{_num(f.budget)}万元，全年执行数{_num(f.spent)}万元，预算执行率{f.rate_text}。")
    for text in f.prose:
        w.body(text)
    if f.layout == "dept":
        w.heading("二、", "部门整体支出绩效情况")
    else:
        w.heading("二、", "绩效目标完成情况分析" if f.layout == "transfer" else "项目绩效目标完成情况")
    w.body("年度确定的产出和效益指标大部分已经完成，工程质量经验收全部合格，服务对象反映良好。")
    if f.declared:
        w.body(f.declared)
    if f.combined_heading:
        w.heading("三、", f.combined_heading)
        w.body("（一）偏离目标的原因。" + PROBLEMS[1])
        w.body("（二）下一步改进措施。" + MEASURES[1])
        w.heading("四、", "其他需要说明的问题")
        w.body("无。")
        return
    if not f.narrative_parts:
        w.heading("三、", "其他需要说明的问题")
        w.body("各项目的自评情况详见附表。")
        return
    if f.inline:
        w.heading("三、", "存在的问题和改进措施")
        w.body(f"{f.problems_heading}：" + "".join(PROBLEMS[:2]))
        w.body(f"{f.measures_heading}：" + "".join(MEASURES[:2]))
    else:
        w.heading("三、", f.problems_heading)
        for text in PROBLEMS:
            w.body(text)
        w.heading("四、", f.measures_heading)
        for text in MEASURES:
            w.body(text)
    w.heading("五、", "绩效自评结果拟应用和公开情况")
    w.body("自评结果将作为下年度预算安排的参考，并随部门决算在门户网站公开。")


def build_other(w: Writer) -> Path:
    """Documents that are not reports: a rules notice, a 决算 with its contents page, a blank template."""
    f = w.form
    if f.layout == "notice":
        w.para(f"{f.unit}关于印发项目支出绩效评价管理办法的通知", center=True)
        w.body("各预算单位：为规范财政资金绩效评价工作，现将管理办法印发给你们，请遵照执行。")
        w.para("第一章　总则", center=True)
        w.body("第一条　为提高财政资金使用效益，根据有关规定，制定本办法。")
        w.body("第二条　单位自评由预算单位对照绩效目标自行组织实施，结果报同级财政部门备案。")
        w.body("第三条　自评结果作为改进管理和安排以后年度预算的重要依据。")
    elif f.layout == "toc_only":
        w.para(f"{f.unit}{f.year}年度部门决算", center=True)
        w.para(f"目{FW}录", center=True)
        for n, name in enumerate(["单位概况", "部门决算情况说明", "名词解释", "附件", "附表"]):
            w.para(f"第{'一二三四五'[n]}部分　{name}{'.' * 10}{n + 3}")
    else:  # a blank template: headings and prompts, and a form with its headers only
        w.para("项目支出绩效自评报告", center=True)
        w.para("单位名称（盖章）：")
        for number, heading in (("一、", "项目基本情况"), ("二、", "存在的问题及原因分析"), ("三、", "下一步改进措施")):
            w.heading(number, heading)
            w.body("请填写……（500字以内）")
        table = w.doc.add_table(rows=3, cols=8)
        table.style = "Table Grid"
        for i, text in enumerate(
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
        ):
            table.cell(0, i).text = text
        table.cell(1, 0).text = "产出指标"
        table.cell(2, 0).text = "效益指标"
    return w.save()


def build(form: Form) -> Path:
    w = Writer(form)
    if form.layout in ("notice", "toc_only", "blank"):
        return build_other(w)
    if form.layout == "sichuan_form":
        w.para(form.title, center=True)
        problems = "结合自评情况，分析存在的问题及原因。(200字以内)" if form.template_prompts else PROBLEMS[1]
        measures = (
            "针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。(200字以内)"
            if form.template_prompts
            else MEASURES[1]
        )
        if form.empty_answers:
            problems = measures = "暂无"
        rows = form.form_rows or [("存在问题", problems), ("改进措施", measures)]
        w.self_eval_table(
            [
                ("评价结论", f"项目自评得分{form.total_text}分，年度任务按计划完成。"),
                *rows,
                ("项目负责人：", "财务负责人："),
            ],
        )
        return w.save()
    w.title()
    if form.toc:
        w.toc()
    write_narrative(w)
    table_title = {
        "dept": "部门整体支出绩效自评表",
        "project": "项目支出绩效自评表",
        "transfer": "转移支付区域绩效自评表",
    }[form.layout]
    w.para(f"附件：{form.year}年度{table_title}" if "年度" in form.title else f"附件：{table_title}")
    extra = [("偏离绩效目标的原因和下一步改进措施", PROBLEMS[1] + MEASURES[1])] if form.layout == "transfer" else []
    w.self_eval_table([*extra, *form.form_rows])
    if form.project_list:
        w.para(f"附件：{form.year}年度项目支出绩效自评情况汇总表")
        table = w.doc.add_table(rows=len(form.project_list), cols=len(form.project_list[0]))
        table.style = "Table Grid"
        for r, values in enumerate(form.project_list):
            for c, text in enumerate(values):
                table.cell(r, c).text = text
    return w.save()


# ------------------------------------------------------------------------------------------ labels


def table_kinds(form: Form) -> list[str]:
    if form.layout == "blank":
        return ["indicator_block"]  # the template's indicator block, headers only (no money rows)
    if form.layout in ("notice", "toc_only"):
        return []
    return {
        "dept": ["dept_self_eval"],
        "project": ["project_self_eval"],
        "sichuan_form": ["project_self_eval"],
        "transfer": ["transfer_self_eval"],
    }[form.layout]


def sections(form: Form) -> list[str]:
    if form.layout in ("notice", "toc_only", "blank"):
        return []
    if not form.narrative_parts and not form.project_list:
        return []
    if form.layout == "sichuan_form":
        return [] if (form.template_prompts or form.empty_answers) else ["problems", "measures"]
    return ["problems", "measures"]


def case(form: Form) -> dict:
    other = form.layout in ("notice", "toc_only", "blank")  # not a report: no unit or year to label
    data: dict = {
        "id": f"forms-{form.id}",
        "title": f"{form.province} {form.year} {form.title}",
        "report": f"../../../tests/data/forms/{form.id}.docx",
        "structure": {
            "unit": None if other else form.unit,
            "year": None if other else form.year,
            "kind": form.kind,
            "table_kinds": table_kinds(form),
            "sections": sections(form),
            "status": "not_a_report" if other else "ok",
        },
        "findings": form.findings,
        "not_flagged": [
            *form.not_flagged,
            {"check": "execution_rate", "reason": f"{_num(form.spent)} ÷ {_num(form.budget)} 与填报执行率相符"}
            if form.stated_rate is None
            else None,
            {"check": "target_vs_actual", "reason": "各指标的完成值与得分一致（≤ 目标达到即满分）"}
            if not any(x["check"] == "target_vs_actual" for x in form.findings)
            else None,
            {"check": "level1_weight", "reason": "一级指标权重符合所配置的方案之一"},
        ],
    }
    data["not_flagged"] = [x for x in data["not_flagged"] if x]
    if form.items:
        data["items"] = form.items
    if form.note:
        data["note"] = form.note
    return data


def exec_rate_finding(form: Form) -> dict:
    stated = Decimal(form.rate_text.rstrip("%"))
    return {
        "check": "execution_rate",
        "stated": float(stated),
        "computed": float(_round(form.rate, 4)),
        "reason": f"{_num(form.spent)} ÷ {_num(form.budget)} = {_round(form.rate)}%，填报 {form.rate_text}",
    }


def total_finding(form: Form) -> dict:
    return {
        "check": "total_score",
        "stated": float(_d(form.stated_total or 0)),
        "computed": float(form.score_sum),
        "reason": f"各项得分合计 {_num(form.score_sum)}，总分填报 {form.total_text}",
    }


# ------------------------------------------------------------------------------------------ the fixtures


def forms() -> list[Form]:
    f: list[Form] = []
    add = f.append
    # ---- 部门整体 reports
    add(
        Form(
            "hn-dept-2022",
            "湖南",
            "临湘市农业农村局",
            2022,
            "dept",
            "dept",
            "临湘市农业农村局2022年度部门整体支出绩效自评报告",
            title_break=True,
            indicators=dept_indicators(),
            budget=2350.6,
            spent=2211.84,
        )
    )
    add(
        Form(
            "sc-dept-2022",
            "四川",
            "青川县文化广播电视和旅游局",
            2022,
            "dept",
            "dept",
            "青川县文化广播电视和旅游局2022年部门整体支出绩效自评报告",
            headings="auto",
            indicators=dept_indicators(),
            budget=860,
            spent=842.5,
            columns=AB,
        )
    )
    add(
        Form(
            "yn-dept-2023",
            "云南",
            "弥勒市自然资源局",
            2023,
            "dept",
            "dept",
            "二〇二三年度弥勒市自然资源局部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=1520.3,
            spent=1498.62,
            problems_heading="主要问题",
            measures_heading="相关建议",
        )
    )
    add(
        Form(
            "hen-dept-2022",
            "河南",
            "许昌市水利工程服务中心",
            2022,
            "dept",
            "dept",
            "许昌市水利工程服务中心 2022 年整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=803.74,
            spent=803.74,
            problems_heading="存在问题",
            measures_heading="改进措施",
            toc=True,
        )
    )
    add(
        Form(
            "gx-dept-2021",
            "广西",
            "百色市右江区教育局",
            2021,
            "dept",
            "dept",
            "2021年度部门整体支出绩效评价报告",
            unit_line="单位名称：百色市右江区教育局",
            indicators=dept_indicators(),
            budget=4620.5,
            spent=4563.1,
            measures_heading="几点建议",
        )
    )
    add(
        Form(
            "hb-dept-2023",
            "湖北",
            "荆门市东宝区卫生健康局",
            2023,
            "dept",
            "dept",
            "荆门市东宝区卫生健康局2023年度整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=3120,
            spent=3057.6,
            inline=True,
            problems_heading="存在的问题",
            measures_heading="下一步措施",
            columns=SHORT,
        )
    )
    add(
        Form(
            "jx-dept-2022-rate",
            "江西",
            "上饶市广丰区市场监督管理局",
            2022,
            "dept",
            "dept",
            "上饶市广丰区市场监督管理局2022年度部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=1280,
            spent=1216,
            stated_rate="96.5%",
            headings="mixed",
            note="执行率填错：1216 ÷ 1280 = 95%",
        )
    )
    f[-1].findings = [exec_rate_finding(f[-1])]
    add(
        Form(
            "ah-dept-2023-total",
            "安徽",
            "六安市金安区民政局",
            2023,
            "dept",
            "dept",
            "六安市金安区民政局2023年度部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=2040,
            spent=2019.6,
            stated_total=99.5,
            toc=True,
        )
    )
    f[-1].findings = [total_finding(f[-1])]
    add(
        Form(
            "gz-dept-2022-over",
            "贵州",
            "遵义市播州区林业局",
            2022,
            "dept",
            "dept",
            "遵义市播州区林业局2022年部门整体支出绩效自评报告",
            budget=930,
            spent=911.4,
            indicators=[
                *dept_indicators()[:5],
                Ind("满意度指标", "服务对象满意度指标", "林农满意度", "≥90%", "92%", 10, 11),
            ],
        )
    )
    f[-1].findings = [
        {"check": "score_within_weight", "stated": 11, "computed": 10, "reason": "满意度得分 11 超过分值 10"},
        # The 总分 agrees with the 得分 as filled; once the 11 is at most 10 it is 99.8 (said in advance).
        {"check": "total_score", "stated": 100.8, "computed": 99.8, "reason": "满意度得分按分值 10 计后总分为 99.8"},
    ]
    add(
        Form(
            "sd-dept-2023-unmet",
            "山东",
            "临沂市兰山区司法局",
            2023,
            "dept",
            "dept",
            "临沂市兰山区司法局2023年度部门整体支出绩效自评报告",
            budget=760,
            spent=752.4,
            indicators=[
                *dept_indicators()[:1],
                Ind("产出指标", "质量指标", "行政执法案卷合格率", "≥95%", "98%", 15, 13),
                *dept_indicators()[2:],
            ],
            headings="auto",
            problems_heading="存在的主要问题",
            measures_heading="整改措施",
        )
    )
    f[-1].findings = [
        {
            "check": "target_vs_actual",
            "stated": 13,
            "computed": 15,
            "reason": "合格率 98% 已达到 ≥95%，却扣 2 分且未说明",
        }
    ]
    f[-1].stated_total = float(f[-1].score_sum)
    add(
        Form(
            "zj-dept-2022",
            "浙江",
            "衢州市柯城区住房和城乡建设局",
            2022,
            "dept",
            "dept",
            "衢州市柯城区住房和城乡建设局2022年度部门整体支出绩效自评报告",
            title_break=True,
            indicators=dept_indicators(),
            budget=5210.8,
            spent=5049.27,
            columns=TOTAL,
        )
    )
    add(
        Form(
            "gs-dept-2023-score",
            "甘肃",
            "天水市麦积区人力资源和社会保障局",
            2023,
            "dept",
            "dept",
            "天水市麦积区人力资源和社会保障局2023年度部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=1800,
            spent=1674,
            stated_exec_score=10,
            note="执行率 93%，得分应为 9.3 却填 10",
        )
    )
    f[-1].findings = [
        {"check": "execution_score", "stated": 10, "computed": 9.3, "reason": "10 × 93% = 9.3，填报 10"},
        {"check": "total_score", "stated": 100, "computed": 99.3, "reason": "执行率得分改为 9.3 后总分为 99.3"},
    ]
    # ---- 项目 reports (prose + 项目支出绩效自评表)
    add(
        Form(
            "hn-proj-2023-cost",
            "湖南",
            "岳阳市人力资源服务中心",
            2023,
            "project",
            "project",
            "2023年度职业技能提升培训项目支出绩效自评报告",
            unit_line="单位名称：岳阳市人力资源服务中心",
            project="职业技能提升培训项目",
            indicators=standard_indicators(cost=True),
            budget=300,
            spent=294,
            note="财预〔2021〕101号的成本方案：成本20/产出40/效益20/满意度10 + 执行率10；人均成本 438 元 ≤ 450 元达标",
        )
    )
    add(
        Form(
            "yn-proj-2024",
            "云南",
            "红河州数据发展中心",
            2024,
            "project",
            "project",
            "红河州数据发展中心2024年度项目支出绩效单位自评报告",
            project="政务数据共享平台运维项目",
            budget=861.46,
            spent=846.2,
        )
    )
    add(
        Form(
            "hen-proj-2022",
            "河南",
            "许昌市河湖水系水源调度中心",
            2022,
            "project",
            "project",
            "许昌市河湖水系水源调度中心2022年项目支出绩效自评报告",
            project="闸坝工程运行维修项目",
            budget=46,
            spent=46,
            headings="auto",
            columns=AB,
        )
    )
    add(
        Form(
            "gx-proj-2021-nosat",
            "广西",
            "百色市田阳区水利局",
            2021,
            "project",
            "project",
            "百色市田阳区水利局2021年度农村饮水安全维修养护项目绩效自评报告",
            indicators=standard_indicators(satisfaction=False),
            budget=210,
            spent=204.6,
            project="农村饮水安全维修养护项目",
            note="无满意度指标，其 10 分并入效益（效益 40）",
        )
    )
    add(
        Form(
            "hb-proj-2022-rate",
            "湖北",
            "宜昌市夷陵区农业农村局",
            2022,
            "project",
            "project",
            "宜昌市夷陵区农业农村局2022年度高标准农田建设项目支出绩效自评报告",
            budget=650,
            spent=617.5,
            stated_rate="98%",
            project="高标准农田建设项目",
            columns=SHORT,
        )
    )
    f[-1].findings = [exec_rate_finding(f[-1])]
    add(
        Form(
            "jx-proj-2023-total",
            "江西",
            "赣州市南康区教育科学体育局",
            2023,
            "project",
            "project",
            "赣州市南康区教育科学体育局2023年度学生营养改善计划项目支出绩效自评报告",
            project="学生营养改善计划项目",
            budget=1890,
            spent=1738.8,
            stated_total=100,
            toc=True,
        )
    )
    f[-1].findings = [total_finding(f[-1])]
    add(
        Form(
            "ah-proj-2022-unmet",
            "安徽",
            "阜阳市颍州区城市管理局",
            2022,
            "project",
            "project",
            "阜阳市颍州区城市管理局2022年度背街小巷改造项目支出绩效自评报告",
            project="背街小巷改造项目",
            budget=480,
            spent=470.4,
            indicators=[
                Ind("产出指标", "数量指标", "改造背街小巷条数", "≥40条", "42条", 25, 22),
                *standard_indicators()[1:],
            ],
            problems_heading="问题及原因",
            measures_heading="意见建议",
        )
    )
    f[-1].findings = [
        {"check": "target_vs_actual", "stated": 22, "computed": 25, "reason": "42 条已达到 ≥40 条，却扣 3 分且未说明"},
        {"check": "weight_total", "stated": 100, "computed": 105, "reason": "10 + 25 + 15 + 15 + 15 + 15 + 10 = 105"},
        {"check": "weight_total", "stated": 100, "computed": 105, "reason": "总分行分值 100，而各项分值合计 105"},
    ]
    f[-1].stated_total = float(f[-1].score_sum)
    add(
        Form(
            "gz-proj-2023",
            "贵州",
            "毕节市七星关区交通运输局",
            2023,
            "project",
            "project",
            "二〇二三年度毕节市七星关区交通运输局农村公路养护项目支出绩效自评报告",
            project="农村公路养护项目",
            budget=720,
            spent=705.6,
            headings="mixed",
            columns=TOTAL,
        )
    )
    add(
        Form(
            "sd-proj-2022-cost",
            "山东",
            "潍坊市坊子区人力资源和社会保障局",
            2022,
            "project",
            "project",
            "潍坊市坊子区人力资源和社会保障局2022年度创业培训补贴项目支出绩效自评报告",
            project="创业培训补贴项目",
            indicators=standard_indicators(cost=True),
            budget=150,
            spent=147,
            problems_heading="存在的问题",
            measures_heading="改进措施",
            columns=SHORT,
        )
    )
    add(
        Form(
            "zj-proj-2023-score",
            "浙江",
            "丽水市莲都区生态环境分局",
            2023,
            "project",
            "project",
            "丽水市莲都区生态环境分局2023年度大气污染防治项目支出绩效自评报告",
            project="大气污染防治项目",
            budget=400,
            spent=372,
            stated_exec_score=9.5,
            stated_total=99.5,
            note="执行率 93%，执行率得分应为 9.3",
        )
    )
    f[-1].findings = [
        {"check": "execution_score", "stated": 9.5, "computed": 9.3, "reason": "10 × 93% = 9.3，填报 9.5"},
        {"check": "total_score", "stated": 99.5, "computed": 99.3, "reason": "执行率得分改为 9.3 后总分为 99.3"},
    ]
    add(
        Form(
            "central-proj-2022",
            "中央部门",
            "中国地震局地球物理研究所",
            2022,
            "project",
            "project",
            "中国地震局地球物理研究所2022年度项目支出绩效自评报告",
            project="地震观测台网运维项目",
            indicators=standard_indicators(cost=True),
            budget=1260,
            spent=1247.4,
            columns=CENTRAL,
        )
    )
    add(
        Form(
            "central-proj-2023-ab",
            "中央部门",
            "国家林业和草原局调查规划设计院",
            2023,
            "project",
            "project",
            "国家林业和草原局调查规划设计院2023年度项目支出绩效自评报告",
            project="森林资源监测项目",
            budget=980,
            spent=960.4,
            columns=AB,
            headings="auto",
        )
    )
    # ---- Sichuan form-only reports
    add(
        Form(
            "sc-form-2023",
            "四川",
            "青神县发展和改革局",
            2023,
            "project",
            "sichuan_form",
            "部门预算项目支出绩效自评表(2023年度)",
            project="粮食应急保障项目",
            columns=SICHUAN,
            budget=251.89,
            spent=251.89,
            indicators=[
                Ind("产出指标", "数量指标", "应急网点覆盖乡镇数", "≥12个", "12个", 30, 30),
                Ind("产出指标", "质量指标", "储备粮质量达标率", "=100%", "100%", 30, 30),
                Ind("效益指标", "社会效益指标", "科目调整次数", "≤10次", "4次", 30, 30),
            ],
        )
    )
    add(
        Form(
            "sc-form-2022-prompts",
            "四川",
            "夹江县农业农村局",
            2022,
            "project",
            "sichuan_form",
            "部门预算项目支出绩效自评表(2022年度)",
            project="动物防疫补助项目",
            columns=SICHUAN,
            budget=86,
            spent=86,
            template_prompts=True,
            indicators=[
                Ind("产出指标", "数量指标", "强制免疫病种数", "≥5种", "5种", 45, 45),
                Ind("效益指标", "经济效益指标", "结余率", "≤5%", "0%", 45, 45),
            ],
            note="存在问题、改进措施两栏只留着模板提示语：未填写",
        )
    )
    add(
        Form(
            "sc-form-2021-empty",
            "四川",
            "洪雅县民政局",
            2021,
            "project",
            "sichuan_form",
            "部门预算项目支出绩效自评表(2021年度)",
            project="城乡低保资金项目",
            columns=SICHUAN,
            budget=1320,
            spent=1320,
            empty_answers=True,
            indicators=[
                Ind("产出指标", "数量指标", "足额保障率", "=100%", "100%", 22.5, 22.5),
                Ind("产出指标", "数量指标", "科目调整次数", "≤10次", "3次", 22.5, 22.5),
                Ind("产出指标", "时效指标", "按时发放率", "=100%", "100%", 22.5, 22.5),
                Ind("效益指标", "经济效益指标", "结余率", "≤5%", "0%", 22.5, 22.5),
            ],
            note="存在问题、改进措施填「暂无」",
        )
    )
    add(
        Form(
            "sc-form-2024-interval",
            "四川",
            "丹棱县交通运输局",
            2024,
            "project",
            "sichuan_form",
            "部门预算项目支出绩效自评表(2024年度)",
            project="农村客运补贴项目",
            columns=SICHUAN,
            budget=200,
            spent=170,
            stated_exec_score=7,
            indicators=[
                Ind("产出指标", "数量指标", "补贴客运班线条数", "≥18条", "18条", 30, 30),
                Ind("成本指标", "经济成本指标", "每条班线补贴标准", "9.5", "9.4", 30, 30, direction="≤"),
                Ind("效益指标", "社会效益指标", "通客车建制村比例", "100", "100", 30, 30, direction="="),
            ],
            note="执行率 85%，按财预〔2021〕101号区间计分得 7 分；补贴标准 9.4 ≤ 9.5 达标，满分正确",
        )
    )
    f[-1].not_flagged = [
        {"check": "execution_score", "reason": "85% 属 80%–100% 区间，101号区间计分 10 × 0.7 = 7"},
    ]
    f[-1].findings = [
        {
            "check": "low_execution_unexplained",
            "stated": 85,
            "computed": 90,
            "reason": "执行率 85% 低于 90%，四川表样要求说明原因，原因栏空着",
        },
    ]
    add(
        Form(
            "hn-proj-2022-missed",
            "湖南",
            "常德市鼎城区水利局",
            2022,
            "project",
            "sichuan_form",
            "常德市鼎城区水利局项目支出绩效自评表(2022年度)",
            project="山塘清淤整治项目",
            columns=SICHUAN,
            budget=300,
            spent=291,
            indicators=[
                Ind("产出指标", "数量指标", "清淤山塘座数", "95", "91", 30, 30, direction="≥"),
                Ind("成本指标", "经济成本指标", "每座清淤成本", "3", "2.9", 30, 30, direction="≤"),
                Ind("效益指标", "社会效益指标", "新增蓄水能力达标率", "90", "93", 30, 30, direction="≥"),
            ],
            note="清淤山塘 91 座未达 95 座，却得满分",
        )
    )
    f[-1].findings = [
        {
            "check": "target_vs_actual",
            "stated": 30,
            "computed": round(30 * 91 / 95, 4),
            "reason": "91 < 95 未达标却满分，按完成比例约 28.74 分",
        },
    ]
    # ---- 转移支付 reports
    transfer = [
        Ind("产出指标", "数量指标", "抽检批次", "≥120批次", "131批次", None, None),
        Ind("产出指标", "质量指标", "抽检合格率", "≥97%", "98.5%", None, None),
        Ind("效益指标", "社会效益指标", "食品安全事故发生数", "≤0起", "0起", None, None),
        Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥85%", "90%", None, None),
    ]
    add(
        Form(
            "sc-transfer-2021",
            "四川",
            "汶川县市场监督管理局",
            2021,
            "project",
            "transfer",
            "汶川县2021年中央食品监管专项转移支付绩效自评报告",
            project="中央食品监管补助资金",
            budget=3,
            spent=3,
            indicators=list(transfer),
            combined_heading="偏离绩效目标的原因和下一步改进措施",
            columns=AB,
        )
    )
    add(
        Form(
            "hb-transfer-2022",
            "湖北",
            "恩施市卫生健康局",
            2022,
            "project",
            "transfer",
            "恩施市2022年度基本公共卫生服务补助资金转移支付绩效自评报告",
            project="基本公共卫生服务补助资金",
            budget=2860,
            spent=2802.8,
            indicators=list(transfer),
            combined_heading="偏离绩效目标的原因和下一步改进措施",
            columns=AB,
            headings="auto",
        )
    )
    add(
        Form(
            "gs-transfer-2023-rate",
            "甘肃",
            "定西市安定区农业农村局",
            2023,
            "project",
            "transfer",
            "定西市安定区2023年度农业相关转移支付区域绩效自评报告",
            project="农业相关转移支付资金",
            budget=5400,
            spent=5238,
            stated_rate="99%",
            indicators=list(transfer),
            combined_heading="偏离绩效目标的原因和下一步改进措施",
            columns=AB,
        )
    )
    f[-1].findings = [exec_rate_finding(f[-1])]
    add(
        Form(
            "hb-transfer-2024",
            "河北",
            "承德市双桥区生态环境局",
            2024,
            "project",
            "transfer",
            "承德市双桥区2024年度大气污染防治资金转移支付绩效自评报告",
            project="大气污染防治资金",
            budget=1200,
            spent=1176,
            indicators=list(transfer),
            combined_heading="偏离绩效目标的原因和下一步改进措施",
            columns=AB,
        )
    )
    add(
        Form(
            "gd-dept-2023",
            "广东",
            "韶关市武江区应急管理局",
            2023,
            "dept",
            "dept",
            "韶关市武江区应急管理局2023年度部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=690,
            spent=676.2,
            headings="auto",
            toc=True,
            problems_heading="存在问题",
            measures_heading="下一步工作计划",
        )
    )
    # ---- conventions: 101号 pass line and grades, declared weights, 「其中」 lists, combined 问题/措施 cells
    add(
        Form(
            "ln-proj-2023-passline",
            "辽宁",
            "铁岭市银州区水务局",
            2023,
            "project",
            "project",
            "铁岭市银州区水务局2023年度城区供水管网改造项目支出绩效自评报告",
            project="城区供水管网改造项目",
            budget=560,
            spent=548.8,
            indicators=[
                Ind(
                    "产出指标",
                    "数量指标",
                    "改造供水管网长度",
                    "≥20公里",
                    "18公里",
                    20,
                    15,
                    "两处路段征地协调未完成，顺延施工",
                ),
                Ind("产出指标", "质量指标", "改造管网验收合格率", "≥98%", "99%", 15, 15),
                Ind(
                    "产出指标",
                    "时效指标",
                    "新增通水入户数",
                    "≥500户",
                    "450户",
                    15,
                    13.5,
                    "部分住户年底前未办完开户手续",
                ),
                Ind("效益指标", "社会效益指标", "城区供水保障能力", "明显提升", "基本达到预期", 10, 10),
                Ind("效益指标", "可持续影响指标", "管网长效管护机制", "建立健全", "已完成管护制度建设", 10, 9),
                Ind("效益指标", "经济效益指标", "管网漏损率", "≤12%", "15%", 10, 6, "老旧支管尚未全部更换"),
                Ind("满意度指标", "服务对象满意度指标", "用水户满意度", "≥90%", "93%", 10, 10),
            ],
            note=(
                "管网长度 18/20 = 90%：101号 (90%−60%)÷40%×20 = 15 分，正确；入户数 450/500 按比例 13.5 分，正确；"
                "漏损率 ≤12% 实际 15%（完成率 80%）：按比例 8 分、101号 5 分，填 6 分不符合任何方法；"
                "「基本达到预期」属 101号部分达成档（60%–80%，6–8 分），却得满分；「已完成」9/10 属达成档，正确"
            ),
        )
    )
    f[-1].findings = [
        {
            "check": "target_vs_actual",
            "stated": 6,
            "computed": 8,
            "reason": "漏损率完成率 80%：按比例 8 分、101号 5 分，填 6 分",
        },
        {"check": "target_vs_actual", "stated": 10, "computed": 8, "reason": "「基本达到」属部分达成档，最高 8 分"},
    ]
    f[-1].not_flagged = [
        {
            "check": "target_vs_actual",
            "location_contains": ["改造供水管网长度"],
            "reason": "101号 60% 及格线计分 15 分",
        },
        {"check": "target_vs_actual", "location_contains": ["新增通水入户数"], "reason": "按完成比例 13.5 分"},
        {"check": "target_vs_actual", "location_contains": ["管网长效管护机制"], "reason": "达成档 80%–100%：9 分"},
    ]
    declared_indicators = [
        Ind("产出指标", "数量指标", "建成村级电商服务站", "≥30个", "32个", 20, 20),
        Ind("产出指标", "质量指标", "服务站验收合格率", "≥95%", "100%", 20, 20),
        Ind("效益指标", "经济效益指标", "带动农产品网络销售额", "≥800万元", "860万元", 20, 20),
        Ind("效益指标", "社会效益指标", "带动就业人数", "≥120人", "131人", 20, 20),
        Ind("满意度指标", "服务对象满意度指标", "经营户满意度", "≥90%", "94%", 10, 10),
    ]
    add(
        Form(
            "nm-proj-2022-declared",
            "内蒙古",
            "赤峰市松山区商务局",
            2022,
            "project",
            "project",
            "赤峰市松山区商务局2022年度电子商务进农村项目支出绩效自评报告",
            project="电子商务进农村项目",
            budget=400,
            spent=392,
            indicators=declared_indicators,
            declared="本项目结合带动增收的实施重点，一级指标权重按产出指标40%、效益指标40%、满意度指标10%、预算执行率10%设置。",
            note="报告自行声明的权重方案 产出40/效益40/满意度10/执行率10，自评表与之相符",
        )
    )
    f[-1].items = {"indicator_table": {"points": 20, "reason": "自评表符合报告自行声明的权重方案；指标均细化且可衡量"}}
    add(
        Form(
            "jl-proj-2023-declared-off",
            "吉林",
            "四平市铁西区农业农村局",
            2023,
            "project",
            "project",
            "四平市铁西区农业农村局2023年度农田水利设施维护项目支出绩效自评报告",
            project="农田水利设施维护项目",
            budget=260,
            spent=254.8,
            indicators=[
                Ind("产出指标", "数量指标", "维修灌溉泵站座数", "≥16座", "16座", 25, 25),
                Ind("产出指标", "质量指标", "维修工程验收合格率", "100%", "100%", 20, 20),
                Ind("效益指标", "经济效益指标", "恢复灌溉面积", "≥8000亩", "8150亩", 20, 20),
                Ind("效益指标", "生态效益指标", "渠道渗漏损失降低率", "≥10%", "11%", 15, 15),
                Ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "92%", 10, 10),
            ],
            form_rows=[("权重说明", "一级指标权重：产出指标40%，效益指标40%，满意度指标10%，预算执行率10%")],
            note="表下声明 产出40/效益40/满意度10/执行率10，自评表却是产出45/效益35：与所有方案都不符，权重只得一半",
        )
    )
    f[-1].items = {
        "indicator_table": {"points": 17.5, "reason": "产出45/效益35 与声明的方案和评分表的方案都只符合一半类别"}
    }
    add(
        Form(
            "cq-dept-2023-lists",
            "重庆",
            "重庆市璧山区交通运输委员会",
            2023,
            "dept",
            "dept",
            "重庆市璧山区交通运输委员会2023年度部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=1050,
            spent=1000,
            prose=[
                "全年支出1000万元，其中：基本支出640万元；项目支出360万元。",
                "基本支出640万元，其中：人员经费520万元（其中：工资福利支出410万元、社会保障缴费110万元），公用经费120万元。",
                "项目支出360万元，其中：农村公路养护210万元，其中日常养护150万元、应急抢修60万元；危桥改造150万元。",
                "专项业务费150万元，其中：检测费90万元、咨询费60万元；另安排上年结转资金25万元用于设备维修。",
                "主要项目执行情况：项目名称 预算数 执行数 执行率 "
                "农村公路养护 220万元 210万元 95.45% 危桥改造 150万元 150万元 100%",
                "公用经费120万元，其中：办公费45万元、差旅费38万元、维修费52万元。",
            ],
            note=(
                "「其中」清单：跨「；」逐项列举的、括号内和分项自带的「其中」、「；」后另起的一句、"
                "抄进正文的表格行都不误报；公用经费分项 135 > 120 是真错"
            ),
        )
    )
    f[-1].findings = [
        {
            "check": "narrative_sums",
            "stated": 120,
            "computed": 135,
            "reason": "办公费、差旅费、维修费合计 135，超过公用经费 120",
        },
    ]
    f[-1].not_flagged = [
        {"check": "narrative_sums", "location_contains": ["全年支出"], "reason": "640 + 360 = 1000，清单跨「；」"},
        {"check": "narrative_sums", "location_contains": ["人员经费"], "reason": "括号内的「其中」不计入"},
        {"check": "narrative_sums", "location_contains": ["农村公路养护"], "reason": "分项自带的「其中」不计入"},
        {"check": "narrative_sums", "location_contains": ["检测费"], "reason": "「；」后另起一句，不属清单"},
        {"check": "narrative_sums", "location_contains": ["项目名称"], "reason": "表格行，不是合计与分项"},
    ]
    add(
        Form(
            "sx-form-2023-combined",
            "陕西",
            "宝鸡市渭滨区文化和旅游局",
            2023,
            "project",
            "sichuan_form",
            "宝鸡市渭滨区文化和旅游局项目支出绩效自评表(2023年度)",
            project="公共文化服务体系建设项目",
            columns=SICHUAN,
            budget=180,
            spent=180,
            indicators=[
                Ind("产出指标", "数量指标", "送戏下乡场次", "≥60场", "64场", 30, 30),
                Ind("产出指标", "质量指标", "文化站免费开放率", "=100%", "100%", 30, 30),
                Ind("效益指标", "社会效益指标", "群众参与活动人次", "≥20000人次", "23500人次", 30, 30),
            ],
            form_rows=[("存在问题和改进措施", "问题：" + PROBLEMS[1] + "措施：" + MEASURES[1])],
            note="「存在问题和改进措施」一栏写作「问题：…措施：…」：问题和措施各取其段，上一行的评价结论不算",
        )
    )
    add(
        Form(
            "fj-dept-2022-column",
            "福建",
            "漳州市龙文区教育局",
            2022,
            "dept",
            "dept",
            "漳州市龙文区教育局2022年度部门整体支出绩效自评报告",
            indicators=dept_indicators(),
            budget=6120,
            spent=5997.6,
            narrative_parts=False,
            project_list=[
                ("序号", "项目名称", "预算数（万元）", "执行数（万元）", "评价结论", "存在问题及改进措施"),
                ("1", "校舍维修改造项目", "820", "801.5", "按期完成，质量合格", PROBLEMS[2] + MEASURES[2]),
                ("2", "教师培训项目", "96", "92", "完成年度培训计划", PROBLEMS[0] + MEASURES[0]),
            ],
            note="问题和措施写在项目汇总表的「存在问题及改进措施」栏，正文不另列；旁边的「评价结论」栏不算",
        )
    )
    # ---- documents that are not reports
    add(
        Form(
            "gx-notice-2021",
            "广西",
            "百色市财政局",
            2021,
            "project",
            "notice",
            "关于印发项目支出绩效评价管理办法的通知",
            note="制度文件，不是报告",
        )
    )
    add(
        Form(
            "bj-final-accounts-2021",
            "北京",
            "北京市文物局",
            2021,
            "project",
            "toc_only",
            "北京市文物局2021年度部门决算",
            note="部门决算的目录页，不是报告",
        )
    )
    add(
        Form(
            "blank-template",
            "中央部门",
            "",
            2023,
            "project",
            "blank",
            "项目支出绩效自评报告",
            note="空白模板：只有标题、提示语和表头，未填写",
        )
    )
    for other in f[-3:]:
        other.not_flagged = []
    return f


def main() -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    for form in forms():
        build(form)
        text = "# Generated by tests/data/forms/make_forms.py from its Form; edit there, not here.\n"
        text += yaml.safe_dump(case(form), allow_unicode=True, sort_keys=False, width=200)
        (CASES / f"{form.id}.yaml").write_text(text, encoding="utf-8")
    print(f"{len(forms())} fixtures")


if __name__ == "__main__":
    main()
