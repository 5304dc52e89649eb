"""Checks on the narrative's own arithmetic: 「其中」「主要包括」 lists and 「比上年增加…%」 statements."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Source
from ..numbers import Number, fmt
from ..structure import Report, load_table_catalogue
from .arithmetic import compare_ratio, compare_sum
from .collector import Collector
from .findings import Severity
from .prose import GROWTH_RE, GuardedPattern, N, SectionRef, narrative_paragraphs, number, sentence_place, sentences

_CHANGE_RE = re.compile(
    r"(?:比上年|较上年|与上年相比|同比)[^，,。；;\d]{0,4}?(?:增加|减少|增长|下降|上升|节约)了?\s*" + N + r"万元"
)
_PERCENT_RE = re.compile(r"[，,]?\s*(?:增加|减少|增长|下降|上升)?了?\s*" + N + r"\s*[%％]")
_AMOUNT_RE = GuardedPattern(r"([^，,。；;：:、\d]{0,16}?)" + N + r"\s*万元", "万元")
_QIZHONG_RE = re.compile(r"其中[：:]?")
_INNER_RE = GuardedPattern(r"([^，,。；;：:、\d]{1,16}?)" + N + r"万元[，,]?\s*主要包括[：:]([^；;。]+)", "主要包括")


def check_narrative(report: Report, out: Collector) -> None:
    found_sum = found_growth = False
    flattened = load_table_catalogue().flattened_row  # a table row pasted into text is no total and parts
    for section, paragraph in narrative_paragraphs(report):
        said = sentences(paragraph)
        for i, sentence in enumerate(said):
            if flattened is None or not flattened.holds(sentence):
                found_sum |= _inner_lists(section, sentence, paragraph.source, out)
                found_sum |= _qizhong_list(section, sentence, said[i - 1] if i else "", paragraph.source, out)
            found_growth |= _growth(section, sentence, paragraph.source, out)
    if not found_sum:
        out.not_assessable("narrative_sums", "正文中没有「其中」「主要包括」形式的分项金额")
    if not found_growth:
        out.not_assessable("narrative_growth", "正文中没有「比上年增加/减少…%」形式的表述")


def _inner_lists(section: SectionRef, sentence: str, source: Source, out: Collector) -> bool:
    found = False
    for match in _INNER_RE.finditer(sentence):
        parts = [number(m.group(2)) for m in _AMOUNT_RE.finditer(match.group(3))]
        if len(parts) < 2:
            continue
        found = True
        label = _subject(match.group(1)) or "合计"
        total = number(match.group(2))
        _report_list(section, f"{label}{match.group(2)}万元", label, total, parts, source, out)
    return found


def _subject(text: str) -> str:
    """「2023年度一般公共预算财政拨款基本支出」→「一般公共预算财政拨款基本支出」; drops 「为」「决算为」."""
    text = re.sub(r"^(年度|年|度)?(我|本)?(部门|单位)?", "", text.strip())
    return re.sub(r"(支出)?(决算)?(数)?(为|是|达)$", "", text).strip() or text.strip()


def _strip_changes(text: str) -> str:
    return _PERCENT_RE.sub("", _CHANGE_RE.sub("", text))


def _qizhong_list(section: SectionRef, sentence: str, previous: str, source: Source, out: Collector) -> bool:
    at = _QIZHONG_RE.search(sentence)
    if not at:
        return False
    before = _strip_changes(sentence[: at.start()])
    totals = list(_AMOUNT_RE.finditer(before)) or list(_AMOUNT_RE.finditer(_strip_changes(previous)))
    if not totals:
        return False
    total_match = totals[-1]
    parts = [number(m.group(2)) for m in _AMOUNT_RE.finditer(_list_items(_clause_after(sentence, at.end())))]
    if len(parts) < 2:
        return False
    label = _subject(total_match.group(1)) or "合计"
    _report_list(
        section,
        sentence[: at.start()] or previous,
        label,
        number(total_match.group(2)),
        parts,
        source,
        out,
        partial_ok=True,
    )
    return True


_NESTED_RE = re.compile(r"[（(][^（()）]*[）)]")
# A heading run into the paragraph (「（二）」「三、」「 2．」) ends whatever list was open before it.
_HEADING_RE = re.compile(
    r"[（(][一二三四五六七八九十]{1,3}[）)]|(?<![\d一二三四五六七八九十第])[一二三四五六七八九十]{1,3}、|\s\d{1,2}[、．](?!\d)"
)
# A 「其中」 inside a part's own clause (「A 100万元，其中a 60万元、b 40万元；B 50万元」) lists that part.
_INNER_QIZHONG_RE = re.compile(r"[，,]?\s*其中[^；;]*")


def _clause_after(sentence: str, end: int) -> str:
    """What a 「其中」 at `end` lists, up to the bracket that closes around it (「…（其中：a、b）」) or a
    heading run into the text, without the bracketed lists nested in its parts (「A 100万元（其中：a 60万元、
    b 40万元）」 adds A, not a and b)."""
    rest = sentence[end:]
    depth = 0
    for i, char in enumerate(rest):
        depth += char in "（("
        depth -= char in "）)"
        if depth < 0:
            rest = rest[:i]
            break
    heading = _HEADING_RE.search(rest)
    if heading:
        rest = rest[: heading.start()]
    while _NESTED_RE.search(rest):
        rest = _NESTED_RE.sub("", rest)
    return rest


def _list_items(rest: str) -> str:
    """The text of a 「其中」 list's items: its sublists dropped (主要包括…, a part's own 其中…), and
    across 「；」 only while the list goes on one item per clause (「其中A 10万元；B 20万元；C 5万元」),
    never into a clause that says something else (「其中A 10万元、B 20万元；另安排C 5万元」)."""
    rest = _strip_changes(re.sub(r"[，,]?\s*主要包括[：:][^；;。]*", "", rest))
    clauses = re.split(r"[；;]", _INNER_QIZHONG_RE.sub("", rest))
    kept = clauses[:1]
    if len(list(_AMOUNT_RE.finditer(clauses[0]))) == 1:
        for clause in clauses[1:]:
            if next(_AMOUNT_RE.finditer(clause), None) is None:
                break
            kept.append(clause)
    return "；".join(kept)


def _report_list(
    section: SectionRef,
    quote: str,
    label: str,
    total: Number,
    parts: list[Number],
    source: Source,
    out: Collector,
    partial_ok: bool = False,
) -> None:
    comparison = compare_sum(total, parts)
    arithmetic = " + ".join(p.text for p in parts)
    # 「其中」 may list only some items: a shortfall is worth a look, an excess cannot be right.
    severity: Severity = "warning" if partial_ok and comparison.computed < total.value else "error"
    out.compared(
        "narrative_sums",
        comparison,
        total,
        what=f"「{label}」的分项合计",
        arithmetic=arithmetic,
        where=sentence_place(section, quote, source),
        expression=f"分项:{label}:{total.text}",
        anchor=source,
        severity=severity,
        unit="万元",
    )


def _growth(section: SectionRef, sentence: str, source: Source, out: Collector) -> bool:
    found = False
    for match in GROWTH_RE.finditer(sentence):
        found = True
        current, change, percent = number(match.group(2)), number(match.group(4)), number(match.group(5) + "%")
        sign = Decimal(1) if match.group(3) in ("增加", "增长", "上升") else Decimal(-1)
        prior_value = current.value - sign * change.value
        if prior_value <= 0:
            continue
        prior = Number(
            value=prior_value,
            decimals=max(current.decimals, change.decimals),
            text=fmt(prior_value, max(current.decimals, change.decimals, 0)),
        )
        comparison = compare_ratio(percent, change, prior)
        # The prior figure is derived, so it carries both inputs' rounding.
        comparison = comparison.model_copy(
            update={"slack": comparison.slack + abs(comparison.computed) * current.half_unit / prior.value}
        )
        if comparison.verdict == "mismatch" and abs(percent.value - comparison.computed) <= comparison.slack:
            comparison = comparison.model_copy(update={"verdict": "rounding"})
        label = _subject(match.group(1)) or "该项"
        out.compared(
            "narrative_growth",
            comparison,
            percent,
            what=f"「{label}」的变动幅度",
            arithmetic=f"{change.text} ÷ 上年 {prior.text}（{current.text} {'−' if sign > 0 else '+'} {change.text}）",
            where=sentence_place(section, match.group(0), source),
            expression=f"增幅:{label}:{current.text}",
            anchor=source,
            unit="%",
        )
    return found


# ------------------------------------------------------------------------------------------ cross-references
