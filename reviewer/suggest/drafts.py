"""What the report documents about itself going wrong, in its own figures: the raw material of a rewrite."""

from __future__ import annotations

import re
from decimal import Decimal

from ..checks.registry import check_spec
from ..model import Paragraph
from ..numbers import Number, find_numbers
from ..review import ReviewResult
from ..rubric import Lexicon, load_lexicon
from ..scoring.facts import NarrativeFacts
from ..scoring.items import IndicatorTableDetail
from ..scoring.rules import problem_list_lead
from ..structure import Report, strip_numbering
from .models import DraftItem


def _num(number: Number | None) -> str:
    return number.text if number is not None else ""


PLACEHOLDER = "〔请填写：{}〕"

# Offices a measure may name, by what they do: words found in the office names the report lists.
_OFFICE_ROLES: dict[str, tuple[str, ...]] = {
    "finance": ("财务", "计财", "财会"),
    "personnel": ("人事", "政工", "组织人事"),
}
_OFFICE_RE = re.compile(r"^[\u4e00-\u9fff]{1,16}(?:办公室|股|科|室|中心|大队)(?:[（(][^）)]{1,20}[）)])?$")

# The author's own problems, by topic: which kind of measure answers each (rewrite_measures.txt.j2).
MEASURE_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("training", ("培训", "素养", "素质", "业务能力", "专业", "人员变动")),
    ("mechanism", ("机制", "制度", "评价工作", "绩效管理工作")),
    ("funds", ("拨付", "资金使用", "结转", "支出进度", "资金到位")),
    ("budgeting", ("预算编制", "预算安排", "年初预算", "费用明细", "预算")),
    ("assets", ("资产",)),
    ("procurement", ("采购",)),
    ("disclosure", ("公开", "应用")),
)


def offices(report: Report) -> list[str]:
    """The offices (科室、股室) the report lists, in its own words (「综合办公室（财务室）」)."""
    names: list[str] = []
    for block in report.document.blocks:
        if not isinstance(block, Paragraph) or "设" not in block.text:
            continue
        parts = [re.sub(r"^(?:即|设有?|内设)", "", p.strip()).strip() for p in re.split(r"[、，,；;：:。]", block.text)]
        listed = [p for p in parts if _OFFICE_RE.match(p)]
        if len(listed) >= 3:  # a list of offices, not a sentence that happens to name one
            names.extend(p for p in listed if p not in names)
    return names


def office_for(report: Report, role: str) -> str:
    """The report's office for `role`, or a visible placeholder when the report names none."""
    words = _OFFICE_ROLES.get(role, ())
    found = next((o for o in offices(report) if any(w in o for w in words)), None)
    return found or PLACEHOLDER.format("责任科室")


Figure = tuple[Decimal, bool]  # a value, and whether it is a percentage


def flagged_figures(result: ReviewResult) -> set[Figure]:
    """Figures the checks found inconsistent: a wrong sum or ratio, or one quantity stated two ways."""
    flagged: set[Figure] = set()
    for finding in result.findings:
        if finding.severity == "info":
            continue
        spec = check_spec(finding.check)
        if spec.correction != "explain":
            if finding.stated is not None:
                flagged.add((Decimal(str(finding.stated)), spec.percent))
        elif finding.location_ref.other is not None:
            flagged.update((Decimal(str(v)), spec.percent) for v in (finding.stated, finding.computed) if v is not None)
    return flagged


def mentions(text: str, figures: set[Figure]) -> bool:
    return any((n.value, n.percent) in figures for n in find_numbers(text))


UNVERIFIED = "〔请核实后填写〕"


def mask_flagged(text: str, figures: set[Figure]) -> tuple[str, bool]:
    """`text` with each flagged figure replaced by 〔请核实后填写〕, and whether any was."""
    out, cursor, masked = [], 0, False
    for number in find_numbers(text):
        at = text.find(number.text, cursor)
        if at < 0:
            continue
        if (number.value, number.percent) in figures:
            out.append(text[cursor:at] + UNVERIFIED)
            masked = True
        else:
            out.append(text[cursor : at + len(number.text)])
        cursor = at + len(number.text)
    out.append(text[cursor:])
    return "".join(out), masked


def documented_problems(
    report: Report, result: ReviewResult, facts: NarrativeFacts, low_execution_percent: Decimal = Decimal(90)
) -> list[DraftItem]:
    """What the report itself shows went wrong, in its own figures: the raw material of a rewrite.

    A figure the checks found inconsistent is never built upon (the author corrects it first, as the
    figure corrections say), and the data errors themselves are no "problem" of the department."""
    flagged = flagged_figures(result)
    finance = office_for(report, "finance")
    drafts: list[DraftItem] = []
    dept = next(iter(report.tables_of("dept_self_eval")), None)
    if dept is not None:
        budget, spent = dept.value("年度资金总额", "全年预算"), dept.value("年度资金总额", "全年执行")
        rate = dept.value("年度资金总额", "执行率")
        rate_ok = not any(f.check == "execution_rate" for f in result.findings)
        low = (
            budget
            and spent
            and budget.number
            and spent.number
            and budget.number.value
            and (spent.number.value / budget.number.value * 100 < low_execution_percent)
        )
        if low and budget and spent and budget.number and spent.number:
            parts = [f"全年预算数{budget.number.text}万元", f"全年执行数{spent.number.text}万元"]
            if rate and rate.number and rate_ok:
                parts.append(f"预算执行率{rate.text}")
            text, masked = mask_flagged("，".join(parts), flagged)
            drafts.append(
                DraftItem(
                    kind="execution",
                    dimension="预算和预算绩效管理",
                    title="预算执行率未达到预期",
                    facts=text,
                    names=[parts[0]] if not mentions(parts[0], flagged) else [],
                    office=finance,
                    unverified=masked,
                )
            )
    drafts.extend(d.model_copy(update={"office": finance}) for d in _project_lines(report, flagged))
    vague = _vague_indicators(result)
    deducted = [
        i
        for form in report.forms()  # whole forms, split ones and indicator blocks standing alone
        for i in form.indicators
        if i.weight and i.score and i.score.value < i.weight.value and not i.deviation
    ]
    if vague or deducted:
        parts = []
        if vague:
            parts.append("部分绩效指标未细化量化，" + "".join(f"「{v}」" for v in vague[:3]) + "等指标值难以衡量")
        for indicator in deducted[:2]:
            line = (
                f"「{indicator.level3}」指标得{_num(indicator.score)}分（分值{_num(indicator.weight)}分），"
                f"偏差原因未作分析"
            )
            if not mentions(line, flagged):
                parts.append(line)
        drafts.append(
            DraftItem(
                kind="indicators",
                dimension="预算和预算绩效管理",
                title="绩效目标设置和自评不够规范",
                facts="；".join(parts),
                names=vague[:3],
                office=finance,
            )
        )
    lexicon = load_lexicon()
    for index, problem in enumerate(facts.problems):
        if not problem.funding_only:
            # The author's own problem keeps the author's own words (and so only the report's figures).
            # The quote is cut at 80 characters; its whole line is the title's source (「……的18.6%」, not 「……的1」).
            line = next((ln for ln in problem.text.split("\n") if ln.startswith(problem.quote)), problem.quote)
            title, titled_flagged = mask_flagged(_title(line, lexicon), flagged)
            body = problem.text.split("\n", 1)[1].strip() if "\n" in problem.text else ""
            whole = strip_numbering(problem.text)
            if not body and title and whole.startswith(title):
                body = whole[len(title) :].lstrip("。，,；; ")  # a one-paragraph problem: after its title
            text, left_out = mask_flagged(body or problem.cause or "", flagged)
            topic = _topic(title) or _topic(text)
            role = "personnel" if topic == "training" else "finance"
            own = _own_measure(facts, index, flagged, lexicon)
            drafts.append(
                DraftItem(
                    kind="original",
                    dimension="",
                    title=title,
                    facts=text,
                    topic=topic,
                    office=office_for(report, role),
                    unverified=left_out or titled_flagged or own.unverified,
                    measure=own.measure,
                    needs_owner=own.needs_owner,
                    needs_deadline=own.needs_deadline,
                )
            )
    return drafts


def _own_measure(facts: NarrativeFacts, problem: int, flagged: set[Figure], lexicon: Lexicon) -> DraftItem:
    """The author's own measure for problem number `problem`, as written, with what it lacks: a concrete
    one about that problem alone. An empty `measure` when there is none (a vague measure, a slogan, a
    request for money, or a long paragraph answering several problems is rewritten instead)."""
    mine = [
        m
        for m in facts.measures
        if m.answers == [problem] and m.concrete and not m.money_only and not m.slogan and not m.off_topic
    ]
    if not mine:
        return DraftItem(kind="original", dimension="", title="", facts="")
    written = "；".join(strip_numbering(m.text or m.quote).strip().rstrip("。；; ") for m in mine)
    text, masked = mask_flagged(written, flagged)
    return DraftItem(
        kind="original",
        dimension="",
        title="",
        facts="",
        measure=text,
        needs_owner=not any(w in written for w in lexicon.measure_owner_markers),
        needs_deadline=not any(w in written for w in lexicon.measure_deadline_markers),
        unverified=masked,
    )


def _title(quote: str, lexicon: Lexicon) -> str:
    """A problem's title: its first sentence, without numbering, and without the section's lead-in that the
    first item of a list carries (「……自评得分92.5分，主要存在以下问题：一是预算执行不均衡，……」, 「……还存在一些
    问题：年初预算编制较粗；……」)."""
    text = strip_numbering(quote).strip()
    lead = _LIST_LEAD.search(text) or problem_list_lead(text, lexicon)
    if lead is not None:
        text = strip_numbering(text[lead.end() :]).strip()
    return re.split(r"[。；！？\n]", text, maxsplit=1)[0].rstrip("。，,；; ")


# A lead-in's colon before the first marker of an inline list (「……以下问题：一是」「……问题：1.」).
_LIST_LEAD = re.compile(
    r"^[^。；]*?[：:]\s*(?=[一二三四五六七八九十]是|\d+[.、．](?!\d)|（[一二三四五六七八九十\d]+）)"
)


def _topic(text: str) -> str:
    return next((topic for topic, words in MEASURE_TOPICS if any(w in text for w in words)), "")


def _project_lines(report: Report, flagged: set[Figure]) -> list[DraftItem]:
    basic = next(iter(report.tables_of("basic_data")), None)
    if basic is None or report.year is None:
        return []
    slow, over = [], []
    for row in {v.row for v in basic.values}:
        budget = basic.value(f"^{re.escape(row)}$", f"^{report.year}年预算")
        spent = basic.value(f"^{re.escape(row)}$", f"^{report.year}年决算")
        if not (budget and spent and budget.number and spent.number) or budget.number.value <= 0:
            continue
        # Project lines only: spending less than planned on 三公经费 or 公用经费 is no shortcoming.
        if not ("项目" in row or "专项" in row) or "小计" in row or row.startswith("项目支出"):
            continue
        line = (row, f"「{row}」年初预算{budget.number.text}万元，实际支出{spent.number.text}万元")
        if mentions(line[1], flagged):
            continue
        if spent.number.value < budget.number.value * Decimal("0.8"):
            slow.append(line)
        elif spent.number.value > budget.number.value:
            over.append(line)
    drafts = []
    for kind, title, lines in (
        ("slow_projects", "部分项目资金使用进度滞后", slow),
        ("over_budget", "部分支出超出年初预算", over),
    ):
        if lines:
            chosen = sorted(lines)[:3]
            drafts.append(
                DraftItem(
                    kind=kind,
                    dimension="资金分配、使用和管理",
                    title=title,
                    facts="；".join(text for _, text in chosen),
                    names=[name for name, _ in chosen],
                )
            )
    return drafts


def _vague_indicators(result: ReviewResult) -> list[str]:
    item = next((i for i in result.items if i.id == "indicator_table"), None)
    if item is None or not isinstance(item.detail, IndicatorTableDetail):
        return []
    return [v for v in item.detail.vague if v and not v.startswith("…")]
