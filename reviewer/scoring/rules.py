"""The offline `rules` extractor: lexicons per dimension, cause and vagueness markers, jieba for matching."""

from __future__ import annotations

import collections
import itertools
import logging
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from ..model import Paragraph
from ..numbers import find_numbers
from ..rubric import Lexicon, MoneyWords, ScorerAddress, load_lexicon
from ..structure import Report, is_empty_answer, load_section_catalogue, section_specs, strip_numbering
from .facts import MeasureFact, NarrativeFacts, ProblemFact
from .money_model import Judgement, packaged_model

_TITLE_MAX = 32


def narrative_units(paragraphs: list[Paragraph]) -> list[str]:
    """Split a section into its items: a short numbered title joins the paragraph under it."""
    units: list[list[str]] = []
    open_title = False
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        body = strip_numbering(text)
        # The part's own title repeated as its first line (「四、改进措施」, dev li09) heads no item.
        if not units and section_title_line(text, load_lexicon()):
            continue
        # An item closed by 「；」 is one of a list (「3.申请追加下年度预算，确保工程完工；」, dev lg11), not a title.
        is_title = (
            (paragraph.numbered or body != text) and len(body) <= _TITLE_MAX and not text.endswith(("。", "；", ";"))
        )
        if is_title:
            units.append([text])
            open_title = True
        elif open_title and units:
            units[-1].append(text)
            open_title = False
        else:
            units.append([text])
            open_title = False
    return [part for u in units for part in _split_enumeration("\n".join(u))]


_ORDINALS = "一二三四五六七八九十"
# Inline enumerations found in one paragraph or one form cell: 「一是…二是…」「第一，…第二，…」
# 「（一）…（二）…」「1.…2.…」「(1)…(2)…」「①…②…」.
_FAMILIES: list[list[str]] = [
    [f"{o}是" for o in _ORDINALS],
    [f"第{o}，" for o in _ORDINALS],
    [f"（{o}）" for o in _ORDINALS],
    [f"（{n}）" for n in range(1, 11)],
    [f"({n})" for n in range(1, 11)],
    [f"{n}." for n in range(1, 11)],
    [f"{n}、" for n in range(1, 11)],
    list("①②③④⑤⑥⑦⑧⑨⑩"),
    ["首先", "其次", "再次", "最后"],
]
# 「一、……。二、……」 run on in one paragraph (dev kc16): only where a sentence starts, not 「统一、规范」.
_SENTENCE_FAMILIES: list[list[str]] = [[f"{o}、" for o in _ORDINALS]]


# An enumeration that a stated problem opens to list its causes (convention item_segmentation): the item
# has said something of its own (a full stop) and the list follows a cause opener.
_CAUSE_LIST = re.compile(r"[。；;][^。；;]*原因[^。；;]{0,6}\s*$")


# 「一是……。二是……。原因：……」: causes after an inline list, in a sentence of their own.
_LIST_CAUSE = re.compile(r"(?<=[。；;])\s*原因(?:分析)?[：:]")


def _split_enumeration(text: str) -> list[str]:
    """「一是…；二是…；三是…」 (or 1.…2.… in a form cell) in one paragraph is several items."""
    words = [[f"{w}，" for w in family] for family in load_lexicon().enumeration_words]
    for family in [*_FAMILIES, *_SENTENCE_FAMILIES, *words]:
        cuts = []
        search_from = 0
        for marker in family:
            at = _marker_at(text, marker, search_from, sentence=family in words or family in _SENTENCE_FAMILIES)
            if at < 0:
                break
            cuts.append(at)
            search_from = at + len(marker)
        if len(cuts) >= 2 and (_CAUSE_LIST.search(text[: cuts[0]]) or _cause_lead(text[: cuts[0]])):
            # 「……执行率62.7%。原因：一是……二是……」: one problem's causes, not new problems; 「原因：一是……二是……」
            # as a paragraph or form cell of its own gives the causes of the problems above it (shared_causes).
            return [text]
        if len(cuts) >= 2:
            cuts[0] = 0  # an introduction before the first marker stays with the first item
            items = [text[a:b].strip("；;，, \n") for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
            return _list_cause_apart(items)
    return [text]


def _list_cause_apart(items: list[str]) -> list[str]:
    """「一是A。二是B。原因：……；……」 with no cause in A: the causes close the list, not B alone (convention
    item_segmentation). They become a unit of their own, which group_causes reads as the causes of the items
    before it; a list whose items each give their cause keeps them."""
    last = _LIST_CAUSE.search(items[-1])
    if last is None or any("原因" in item for item in items[:-1]):
        return items
    return [*items[:-1], items[-1][: last.start()].strip(), items[-1][last.start() :].strip()]


_STEP_LIST_MIN = 3
_STEP_LEAD = r"[^：:；;]{4,80}[：:]|[^：:；;|｜，,。]{2,16}[ \u3000]*[|｜][ \u3000]*"


def steps_listed(unit: str) -> list[str]:
    """「对上述问题，我局将……：前期征求意见后再立项；欠缴租金按季度清收；……」: an unnumbered measure paragraph
    whose lead ends in a colon and whose steps follow it separated by semicolons lists several measures
    (convention item_segmentation), as 「一是……二是……」 does; the lead stays with the first step."""
    if strip_numbering(unit) != unit or "\n" in unit.strip():
        return [unit]
    # A form's cell label before a bar (「改进措施 | 积极争取……；逐步更新老旧作业车辆」, dev li17) leads as a colon
    # does.
    lead = re.match(_STEP_LEAD, unit) or _opener_lead(unit)
    if lead is None:
        return _bare_steps(unit)
    steps = [s for s in re.split(r"[；;]", unit[lead.end() :]) if len(s.strip("。 ")) >= 4]
    if len(steps) < _STEP_LIST_MIN:
        return [unit]
    return [lead.group(0) + steps[0].strip(), *(s.strip() for s in steps[1:])]


def _bare_steps(unit: str) -> list[str]:
    """「结合普查工作时序合理安排分年度预算；对上级统一配发事项……加强沟通；加强对区县普查数据质量的核查。」 (dev
    li09, lf16: readers count each step): one sentence of steps between semicolons, with no lead, lists them."""
    if re.search(r"[。！？!?]", unit.strip().rstrip("。！？!? ")):
        return [unit]
    steps = [s.strip() for s in re.split(r"(?<=[；;])", unit) if s.strip()]
    if len(steps) < _STEP_LIST_MIN or any(len(s.strip("；;。 ")) < _BARE_STEP_CHARS for s in steps):
        return [unit]
    # A part that only sets the goal of the steps before it (「……；确保年底执行率达到95%以上。」, session 15's review)
    # makes the sentence one measure.
    if any(s.startswith(_GOAL_OPENERS) for s in steps[1:]):
        return [unit]
    return steps


_BARE_STEP_CHARS = 8
_GOAL_OPENERS = ("确保", "力争", "做到", "实现", "以便", "从而", "使")


def _opener_lead(unit: str) -> re.Match[str] | None:
    """「下一步，我馆将……合理编制收支预算；主动对接……；制定……检修计划」: a paragraph that opens as the measures'
    own lead (lexicon step_list_openers) and goes on in one sentence of steps between semicolons lists them,
    as a lead ending in a colon does. A form cell that only runs clauses together is left whole."""
    openers = load_lexicon().step_list_openers
    if not openers or re.search(r"[。！？!?]", unit.strip().rstrip("。！？!? ")):
        return None
    return re.match(f"(?:{'|'.join(map(re.escape, openers))})[，,]?", unit)


def _cause_lead(lead: str) -> bool:
    """「原因：」「原因分析：」「产生上述问题的原因主要有：」 before a list: a list of causes, not of problems."""
    lead = strip_numbering(lead.strip())
    openers = ("原因", *load_lexicon().shared_cause_openers)
    return "原因" in lead and lead.startswith(openers) and not re.search(r"[。；;]", lead)


_YEAR_AFTER = re.compile(r"(?:19|20)\d{2}年")


def _marker_at(text: str, marker: str, start: int, sentence: bool = False) -> int:
    """Where a marker starts an item: 「2.」 not inside 「2.5万元」, 「1、」 not inside 「11、」; a connective
    (`sentence`) only where it opens a sentence, not 「一方面」 inside 「另一方面」 or mid-sentence."""
    at = text.find(marker, start)
    while at >= 0:
        before = text[at - 1] if at > 0 else ""
        after = text[at + len(marker)] if at + len(marker) < len(text) else ""
        digit_marker = marker[0].isdigit()
        # 「1.2025年制定……」: an item that opens with a year, not the decimal 1.2025.
        year = bool(_YEAR_AFTER.match(text, at + len(marker)))
        if sentence:
            # 「三、四季度支出集中」: 三、 before another numeral counts quarters, it opens no item.
            ordinal_run = marker.endswith("、") and (after in _ORDINALS or after.isdigit())
            if before in ("", "。", "；", ";", "\n") and not ordinal_run:
                return at
        elif not (digit_marker and (before.isdigit() or before == "." or (after.isdigit() and not year))):
            return at
        at = text.find(marker, at + 1)
    return -1


def states_a_problem(text: str, lexicon: Lexicon) -> bool:
    """Filler (「我局高度重视…取得了较好成效」) states no shortcoming and is not a problem; nor does a marker inside
    a word that only resolves or counts (「不断提高」「不少于20场」, lexicon problem_marker_exceptions)."""
    if _low_rate(text, lexicon):  # read before the exceptions take 「不低于」 away from 「不低于85%」
        return True
    if lexicon.problem_marker_exceptions:
        text = re.sub(_alternation(tuple(lexicon.problem_marker_exceptions)), "", text)
    text = _without_exception_patterns(text, lexicon)
    return any(m in text for m in lexicon.problem_markers) or falls_short_of_target(text, lexicon)


def _without_exception_patterns(text: str, lexicon: Lexicon) -> str:
    """The text without what states no shortcoming (lexicon problem_marker_exception_patterns: 「三公经费无一超标」,
    「协助企业解决融资、用工等问题26个」), each pattern taken out in the lexicon's order."""
    for pattern in lexicon.problem_marker_exception_patterns:
        text = _pattern(pattern).sub("", text)
    return text


def _low_rate(text: str, lexicon: Lexicon) -> bool:
    """A rate of completion told low on its own (「完成率62.3%」; lexicon low_rate_patterns, below low_rate_below)."""
    for sentence in _sentences(_THOUSANDS.sub("", text)):
        for pattern in lexicon.low_rate_patterns:
            for found in re.finditer(pattern, sentence):
                so_far = any(w in sentence[: found.start()] for w in lexicon.low_rate_so_far)
                if float(found.group("rate")) < lexicon.low_rate_below and not so_far:
                    return True
    return False


_CEILINGS = ("不超过", "不高于", "≤", "<=", "控制在")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def falls_short_of_target(text: str, lexicon: Lexicon) -> bool:
    """A target and what was achieved in figures (「目标值24期，实际完成19期」; lexicon target_shortfall_patterns),
    the figure on the wrong side of its target: below it, or above a ceiling (「不超过」「≤」). Both figures in the
    same unit, not ordinals; where less is better (lexicon target_lower_better), only with a floor written."""
    text = _THOUSANDS.sub("", text)  # 「计划投放苗种2,000万尾，实际投放1,640万尾」
    for pattern in lexicon.target_shortfall_patterns:
        for found in re.finditer(pattern, text):
            bound = found.groupdict().get("bound") or ""
            unit_after = [text[found.end(g) : found.end(g) + 1] for g in ("target", "actual")]
            if unit_after[0] != unit_after[1] or not unit_after[0].strip() or unit_after[0] in "，,。；;":
                continue
            if any(text[found.start(g) - 1 : found.start(g)] == "第" for g in ("target", "actual")):
                continue
            sentence = next((s for s in _sentences(text) if found.group(0) in s), found.group(0))
            floor = bool(bound) and bound not in _CEILINGS
            # A cap overrun (「≤1500元」, actual 1680) is one whatever the indicator (session 14's review).
            # Where less is better is told by the indicator, before its figures: a cause after them (「……实际完成
            # 104公里，主要原因为雨季施工期缩短」) names no duration of the indicator's own.
            end = sentence.find(found.group(0))
            told = sentence[: end + len(found.group(0))] if end >= 0 else sentence
            if not floor and bound not in _CEILINGS and any(w in told for w in lexicon.target_lower_better):
                continue
            target, actual = float(found.group("target")), float(found.group("actual"))
            if (actual > target) if bound in _CEILINGS else (actual < target):
                return True
    return False


# ----------------------------------------------------------------------- text addressed to the scorer

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;\n]+|$)")
_NEGATION_WINDOW = 6


def normalise_for_address(text: str) -> str:
    """NFKC (full-width letters, compatibility forms), zero-width characters removed, lines joined, lower case."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    text = re.sub(r"\s*\n\s*", "", text)
    return re.sub(r"[ \t]+", " ", text).lower()


def addressed_to_scorer(sentence: str, lexicon: Lexicon) -> bool:
    """Whether a sentence asks the scorer for something: to ignore the rubric, or a score for this report."""
    words = lexicon.scorer_address
    text = normalise_for_address(sentence)
    squeezed = text.replace(" ", "")
    for verb in words.ignore_verbs:
        at = squeezed.find(verb.replace(" ", ""))
        if at >= 0 and any(rule.replace(" ", "") in squeezed[at:] for rule in words.rules):
            return True
    for ask in words.score_asks:
        for at in _find_all(text, ask):
            before = text[:at]
            negated = any(n in before[-_NEGATION_WINDOW:] for n in words.negations)
            asked = (
                any(r in before for r in words.requests)
                or _imperative_request(before, words)
                or any(a in text for a in words.addressees)
            )
            aimed = any(t in text for t in words.targets) or any(a in text for a in words.addressees)
            if asked and aimed and not negated:
                return True
    return False


def _imperative_request(before: str, words: ScorerAddress) -> bool:
    """「给本节打满分」「综上，本部分可给予本单位满分」: a request word opening its clause or after a word leading a
    request; not 「去年省厅给我局第一档」 (a subject before it), 「给我局扣减15分」 (the ask reported) or 「经考核，给予
    我局第一档评价」 (an evaluation framing it). `before`: the sentence up to the ask."""
    if not words.imperative_requests:
        return False
    leads = f"|{_alternation(tuple(words.request_leads))}" if words.request_leads else ""
    opening = f"(?:^|[，,。；;！!？?：:、\\s]{leads})(?:{_alternation(tuple(words.imperative_requests))})"
    found = [m.start() for m in re.finditer(opening, before)]
    if not found:
        return False
    reported = any(r in before[-_NEGATION_WINDOW:] for r in words.score_reports)
    framed = any(f in before[: found[-1]] for f in words.report_frames)
    return not (reported or framed)


def _find_all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _sentences_kept(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def is_injection(text: str, lexicon: Lexicon) -> bool:
    """Whether the text is addressed to the scorer through and through (every sentence of it)."""
    sentences = [s for s in _sentences_kept(text) if s.strip(" \n。；;")]
    return bool(sentences) and all(addressed_to_scorer(s, lexicon) for s in sentences)


def without_scorer_address(units: list[str], lexicon: Lexicon) -> list[str]:
    """The units with every sentence addressed to the scorer removed (a unit left empty is dropped).

    Sentences end at a full stop or a line break; two pieces split by a line break (inside one unit or
    across two) are also judged joined, so a phrase broken over lines is still seen whole. Units with
    nothing addressed to the scorer are returned as they are, so evidence stays verbatim.
    """
    pieces = [(n, piece) for n, unit in enumerate(units) for piece in _SENTENCE.findall(unit) if piece]
    drop = [addressed_to_scorer(piece, lexicon) for _, piece in pieces]
    for k in range(len(pieces) - 1):
        first, second = pieces[k][1], pieces[k + 1][1]
        if not re.search(r"[。！？!?；;]\s*$", first) and addressed_to_scorer(first + second, lexicon):
            drop[k] = drop[k + 1] = True
    kept = []
    for n, unit in enumerate(units):
        flags = [f for (m, _), f in zip(pieces, drop, strict=True) if m == n]
        if not any(flags):
            kept.append(unit)
            continue
        rest = "".join(piece for (m, piece), f in zip(pieces, drop, strict=True) if m == n and not f).strip()
        if rest:
            kept.append(rest)
    return kept


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[，,；;。！!？?\n]", strip_numbering(text)) if c.strip()]


_SUBHEAD = re.compile(r"(?P<title>[^，。；：:\n]{2,14})[：:]")
# 「问题1」「问题二」「第三」: a label and a number before the colon, naming nothing.
_NUMBER_LABEL = re.compile(r"(?:问题|不足|短板|第)\s*[0-9０-９一二三四五六七八九十]+")


def _dimensions(text: str, lexicon: Lexicon) -> list[str]:
    """The dimensions an item's headline names (convention dimensions_per_band), or its body when the headline
    names none."""
    lines = text.split("\n", 1)
    title, body = (lines[0], lines[1]) if len(lines) == 2 else ("", text)
    subhead = _SUBHEAD.match(strip_numbering(text)) if len(lines) == 1 else None
    if subhead and _NUMBER_LABEL.fullmatch(subhead.group("title")):
        # 「问题5：土地储备形成的资产底数不清。」: a numbered label is the item's number, not its title (hw04).
        text = text[subhead.end() :]
        subhead = None
    if subhead:  # 「（一）预算管理方面：……」: the subhead before the colon is the item's title
        title, body = subhead.group("title"), text[text.index(subhead.group("title")) + len(subhead.group(0)) :]
    elif not title and len(sentences := _sentences(strip_numbering(text))) > 1 and len(sentences[0]) <= _TITLE_MAX:
        # 「1、项目结转结余资金较多。……原因是核查人员不足」: a short first sentence is the item's headline
        # (convention dimensions_per_band); a word in its cause (「人员」) does not add a dimension.
        title, body = sentences[0], "".join(sentences[1:])
    # A headline that names no dimension (「二是项目推进慢。」) leaves the body to say it only by words named twice
    # there: a word in passing (「由于人员不足」) is no more the item's subject than in a headline's cause.
    return _dimensions_named(title, body, lexicon)


def _dimensions_named(title: str, body: str, lexicon: Lexicon) -> list[str]:
    """The dimensions a headline names, or else those the body names twice (once when there is no headline);
    the one named in the opening clause first (the unit readers' aspect: 「（五）政府采购方面」 before the
    预算执行率 of its figures), then in the lexicon's order."""
    named = {d: any(w in title for w in words) for d, words in lexicon.dimensions.items()}
    if any(named.values()):
        found = [d for d, in_title in named.items() if in_title]
    else:
        found = [
            d for d, words in lexicon.dimensions.items() if len({w for w in words if w in body}) >= (2 if title else 1)
        ]
    opening = _clauses(title or body)[:1]
    return sorted(found, key=lambda d: not any(w in c for c in opening for w in lexicon.dimensions[d]))


def _problem_dimensions(unit: str, lexicon: Lexicon) -> list[str]:
    """A problem's dimensions; one that names none is about the department's own work (lexicon
    `dimension_default`)."""
    return _dimensions(unit, lexicon) or ([lexicon.dimension_default] if lexicon.dimension_default else [])


def _only_about_money(clauses: list[str], money: list[str], lexicon: Lexicon, problem: bool = True) -> bool:
    """Some clauses are about money and the rest only say what that leads to or what it is for.

    A remaining clause passes when it has no words of its own (「下一步」), or names no step, no figure,
    no handling of money (「资金支付进度滞后」「尽早取得资金的拨付」 are the department's own) and nothing
    another dimension would, and is short, or (in a problem) a consequence (「部分站所只能向上级借款维持
    日常开支」) or states no shortcoming at all (「上级下达的项目普遍要求县级按比例配套」: the workload or
    need behind the shortage).
    """
    if not money:
        return False
    generic = set(lexicon.boilerplate)
    other_words = [w for d, words in lexicon.dimensions.items() if d != "fund_management" for w in words]
    gap_rates = _gap_rates(clauses, money, lexicon) if problem else set()
    owned = problem and _names_own_failing(clauses, lexicon)
    undone = _work_left_undone(clauses, money, gap_rates, lexicon) if problem else set()
    for n, clause in enumerate(clauses):
        if clause in money or clause in gap_rates:
            continue
        if problem and any(w in clause for w in lexicon.money.misuse):  # 「存在未报先采」: its own misuse
            return False
        # The unit's situation (workload, area, prices: 「承担的……工作任务逐年加重」「辖14个行政村」) or, in a
        # problem, the money named as the subject of what follows (「……库房安全管理等经费」); in a measure, the
        # problem a request answers (「针对……的问题」).
        if problem and (_background(clause, lexicon) or _money_subject(clause, lexicon)):
            continue
        # The things money buys worn or lacking (「卫生监督执法装备不足」「快速检测设备配备不足」 after 「经费紧张」,
        # dev jp12), as beside the shortage (`_conditions_only`), unless the problem names a failing of the department's
        # own in them (「……长期未列入更新计划」).
        if problem and _worn_things(clause, lexicon) and not owned:
            continue
        if not problem and clause.strip().startswith(tuple(lexicon.money.answers_to)):
            continue
        consequence = (
            any(m in clause for m in lexicon.consequence_markers)
            or _led_to_by_money(clauses, n, money, lexicon)
            or (problem and _overrun_for_want(clause, clauses[:n], money, lexicon))
        )
        shortcoming = any(m in clause for m in lexicon.problem_markers)
        # A shortcoming in how the department manages (「绩效意识不强」「未通过上级审核」), not a consequence of
        # the money (「基础设施建设滞后」), is its own however short; so is one given as the cause.
        if problem and shortcoming and _own_failing(clause, consequence, lexicon):
            return False
        if not (_content_words(clause, lexicon) - generic):
            continue
        purpose = not problem and clause.strip().startswith(tuple(lexicon.money.purposes))
        # 「制定奖补办法」 is a step; in a problem 「仍执行多年前核定的定额标准」 describes the money.
        if not problem and any(m in clause for m in lexicon.action_markers) and not purpose:
            return False
        # Money that cannot be paid for want of it (「交通补助无法足额发放」) is what the shortage does, as in
        # _own_matter, unless a failing of the department's own is named beside it.
        unable = problem and _unable_for_want(clause, lexicon)
        if unable and not any(w in clause for w in lexicon.money.failings):
            continue
        # What the shortage held up, told as such (「影响村医补助及时发放」, dev js18): its 发放 is not handling.
        if problem and clause.strip().startswith(tuple(lexicon.money.effects)):
            continue
        if _handles_money(clause, lexicon, problem):
            return False
        other = any(w in clause for w in other_words if len(w) > 2)
        # The money's own make-up in figures (「其中中央补助680万元、省级补助310万元、县级配套270万元」, dev mz18): no
        # shortcoming, only amounts of the money the problem is about.
        if problem and not shortcoming and not other and _AMOUNT.search(clause) and _money_nouns(clause, lexicon.money):
            continue
        # A figure is allowed when it is an amount of money (「全年尚有35万元未落实」: the size of the gap) or,
        # in a problem, the growth of the work the money has to pay for (「服务人次年均增长12%」).
        growth = problem and not shortcoming and any(w in clause for w in lexicon.money.increase)
        # So is, in a problem, what the shortage cut (「服务学生数由计划46人减为35人」): a consequence naming no
        # dimension of the department's own, or the planned work it left undone (`undone`).
        cut = problem and (consequence or clause in undone) and not other
        if re.search(r"\d", _DATES.sub("", _AMOUNT.sub("", clause))) and not growth and not cut:
            return False
        if len(clause) <= 16 and (consequence or not other):
            continue
        if problem and not other and len(clause) <= 30 and (consequence or not shortcoming):
            continue
        return False
    return True


def _led_to_by_money(clauses: list[str], n: int, money: list[str], lexicon: Lexicon) -> bool:
    """A clause that opens with 导致/造成 right after a clause of money (「资金缺口较大，导致部分……工程进度滞后」, dev
    mq10: both readers 0) says what the shortage led to, when it is only an outcome (`_only_an_outcome`); elsewhere
    导致 gives a cause, not a consequence. So does a clause right after money given as its cause (「受资金不足影响，项目
    绩效目标未能全部实现」, dev or17: both readers 0)."""
    return _led_by_money(clauses, n, money, lexicon) and _only_an_outcome(
        _without_led_outcomes(clauses[n], lexicon.money), lexicon
    )


def _led_by_money(clauses: list[str], n: int, money: Collection[str], lexicon: Lexicon) -> bool:
    """Told right after a clause of money as what it led to: opening with 导致/造成, or after money given as its
    cause."""
    return (
        n > 0
        and clauses[n - 1] in money
        and (
            clauses[n].strip().startswith(tuple(lexicon.clauses.consequence_leads))
            or _opens_with_cause(clauses[n - 1], lexicon)
        )
    )


def _without_led_outcomes(clause: str, words: MoneyWords) -> str:
    """The clause without the outcomes a want of money leads to when told as what it led to (money.led_outcomes:
    「导致预算执行率偏低」 names 执行 as the work's measure, not as a failing of the department's)."""
    return _patterns(words).led_outcomes.sub("", clause)


def _only_an_outcome(clause: str, lexicon: Lexicon) -> bool:
    """What a want of money does to the work (money.shortage_outcomes: 推迟, 滞后, 未完成) and no shortcoming besides
    (「前期论证不充分」「跟踪督促不到位」 are the unit's own)."""
    outcomes = lexicon.money.shortage_outcomes
    rest = re.sub(_alternation(tuple(outcomes)), "", clause) if outcomes else clause
    return not states_a_problem(rest, lexicon) and not _shortcoming_words(rest, lexicon)


def _overrun_for_want(clause: str, before: list[str], money: list[str], lexicon: Lexicon) -> bool:
    """What a want of money does, told after (`before`: the clauses before it) a clause of money short for it
    (lexicon money.want_effects): running costs overrun, a team that will not stay."""
    return any(c in money for c in before) and _patterns(lexicon.money).want_effects.search(clause) is not None


def _work_left_undone(clauses: list[str], money: list[str], gap_rates: set[str], lexicon: Lexicon) -> set[str]:
    """The clauses telling planned work against what was done, with figures (「年度计划维修养护农村供水工程45处」
    「实际完成37处」; lexicon money.work_shortfall), in a problem about money that gives no other cause
    (「……因施工单位进场晚」) and no failing of the department's own (「部分科室未按计划参训」「尚未启动前期工作」):
    what the shortage left undone (dev ir17, every reader 0). `gap_rates` are the problem's gap rates (`_gap_rates`),
    part of the money like its funding clauses."""
    text = "，".join(clauses)
    told = [m.span() for p in _patterns(lexicon.money).work_shortfall for m in p.finditer(text)]
    others = [c for c in clauses if c not in money and c not in gap_rates]
    if not told or any(m in c for c in others for m in lexicon.cause_markers + lexicon.money.failings):
        return set()
    spans, at = {}, 0
    for clause in clauses:
        spans[clause] = (at, at + len(clause))
        at += len(clause) + 1
    told_clauses = {c for c, (a, b) in spans.items() if any(a < end and start < b for start, end in told)}
    # Right after the told shortfall, a planned item not carried out (「1所中心校食堂改造未实施」) is more of the same,
    # when nothing else of substance is told beside them (「系我局前期选址论证不充分」 is the unit's own cause).
    pattern = _patterns(lexicon.money).work_not_started
    not_started = {c for n, c in enumerate(clauses) if n > 0 and clauses[n - 1] in told_clauses and pattern.search(c)}
    generic = set(lexicon.boilerplate)
    # (A clause of two characters is the lead a split left behind: 「主要」 of 「主要原因是……」.)
    rest = [
        c
        for c in others
        if c not in told_clauses | not_started and len(c.strip()) > 2 and _content_words(c, lexicon) - generic
    ]
    return told_clauses | (not_started if not rest else set())


def _gap_rates(clauses: list[str], money: list[str], lexicon: Lexicon) -> set[str]:
    """The execution rate of money that did not come, told right after it with its figure and nothing else
    (「主要原因是县级配套资金未能到位，资金执行率为76.2%」; lexicon money.gap_rate): the gap's size, not a failing
    of budget execution."""
    patterns = _patterns(lexicon.money)
    rates = set()
    for n, clause in enumerate(clauses):
        rate = patterns.gap_rate.search(clause)
        if not (n > 0 and rate and clauses[n - 1] in money):
            continue
        before = clauses[n - 1]
        # Money that did not come (「未能到位」), not money that came late (late_for_execution's matter); a rate below
        # 100%; and nothing after the rate but money (「……，同时我局前期工作谋划不足」 keeps its own cause).
        came_short = patterns.negated.search(before) and not patterns.late.search(before)
        # A problem that already named its execution (「预算执行进度缓慢。……」) is about execution, rate and all.
        execution_named = any(w in c for c in clauses[: n - 1] for w in lexicon.money.late_for_execution)
        if (
            came_short
            and not execution_named
            and float(rate.group("rate")) < 100
            and all(c in money for c in clauses[n + 1 :])
        ):
            rates.add(clause)
    return rates


def _shortcoming_words(clause: str, lexicon: Lexicon) -> bool:
    """A shortcoming stated as a word of its own (「不足」「未能」「没有」), not a marker inside another word
    (「不断增加」「慢病防控」)."""
    markers = set(lexicon.problem_markers)
    negations = tuple(lexicon.money.negations)
    return any(
        w in markers or (w.startswith(negations) and w not in lexicon.money.not_shortcoming) for w in _segmented(clause)
    )


def _background(clause: str, lexicon: Lexicon) -> bool:
    """The situation behind a shortage (convention funding_beside_real): the unit's workload, area or prices
    (「承担的……工作任务逐年加重」「辖14个行政村」「市场价格已大幅上涨」), naming no money, no handling of it,
    no failing of the department's own and no shortcoming: context, whatever its length or figures."""
    words = lexicon.money
    if not any(w in clause for w in words.workload) or _money_nouns(clause, words) or _AMOUNT.search(clause):
        return False
    # The work it undertakes or keeps names no handling and no shortcoming (「承担……管理等工作」「任务未相应调减」).
    for pattern in words.workload_told:
        clause = re.sub(pattern, "", clause)
    managed = [w for d, ws in lexicon.dimensions.items() if d != "duty_performance" for w in ws]
    return not (
        any(w in clause for w in words.own_failings + words.handling + managed) or _shortcoming_words(clause, lexicon)
    )


def _money_subject(clause: str, lexicon: Lexicon) -> bool:
    """A clause that only names money, as the subject of what follows (「我馆……库房安全管理等经费」): what
    stands before the money says what it pays for, not how it is handled."""
    nouns = _money_nouns(clause, lexicon.money)
    return (
        bool(nouns)
        and clause.rstrip().endswith(clause[nouns[-1][0] : nouns[-1][1]])
        and not _shortcoming_words(clause, lexicon)
    )


def _background_only(text: str, lexicon: Lexicon) -> bool:
    """A problem that only gives the situation behind the shortages beside it (「一是承担任务繁重。……样本量比上年
    增长约30%」): every clause is context or says nothing of its own, and one at least is context."""
    clauses = _problem_clauses(text, lexicon)
    generic = set(lexicon.boilerplate)
    context = [c for c in clauses if _background(c, lexicon)]
    rest = [c for c in clauses if c not in context]
    own = tuple(lexicon.money.own_failings)
    return bool(context) and all(
        not (_content_words(c, lexicon) - generic)
        or (len(c) <= 16 and not _shortcoming_words(c, lexicon) and not any(w in c for w in own))
        for c in rest
    )


def _worn_things(clause: str, lexicon: Lexicon) -> bool:
    """A clause telling things money buys worn out or lacking (money.things_bought, money.worn) and no failing of the
    department's own in handling them (「设备未入账」「车辆管理不规范」)."""
    words = lexicon.money
    if not (any(w in clause for w in words.things_bought) and any(w in clause for w in words.worn)):
        return False
    # A lack is of the things themselves (「缺少执法车辆」「功能室不足」), not of what is done with them
    # (「部分设备缺乏日常维护保养」「缺少操作规程」: the unit's own; session 22's review).
    patterns = _patterns(words)
    if not patterns.wear.search(clause) and not patterns.lack_of_things.search(clause.strip()):
        return False
    bare = patterns.any_own_in_thing.sub("", clause)
    return not any(w in bare for w in _any_own(words))


def _names_own_failing(clauses: list[str], lexicon: Lexicon) -> bool:
    """A failing of the department's own named in the clauses (money.own_failings), but for a word of it inside the
    name of a thing bought (「卫生监督执法装备」)."""
    words = lexicon.money
    named = _patterns(words).own_in_thing
    return any(w in named.sub("", clause) for clause in clauses for w in words.own_failings)


def _any_own(words: MoneyWords) -> list[str]:
    """Every word that names the department's own doing beside money: its failings, misuse and own acts."""
    return words.own_failings + words.failings + words.misuse + words.own_acts


def _conditions_only(text: str, lexicon: Lexicon) -> bool:
    """A problem that only tells the things money buys worn out or lacking (「基层农牧站办公设备老化，缺少车辆，下乡
    服务困难」; money.things_bought, money.worn) and what that makes hard: beside funding shortages, the same shortage
    (dev km18, both readers 0: 「设备老化缺车辆本质上都是经费不足问题」). A failing of the department's own
    (「设备未入账」「车辆管理不规范」) keeps it its own."""
    words = lexicon.money
    clauses = _problem_clauses(text, lexicon)
    worn = [c for c in clauses if _worn_things(c, lexicon)]
    own = _any_own(words)
    # After the things are named, a clause telling them worn needs not name them again (「检测设备更新滞后。……多为
    # 2013年配备，超期服役，故障率高」, dev ob17: both readers count it with the shortages beside it); a clause only
    # telling what the things are (「现有大型检测设备多为2013年配备」) is part of the same telling.
    # Only wear, not a lack (缺乏, 不足: 「部分设备缺乏日常维护保养」 is the unit's own), and nothing else wrong
    # beside it (「设备资产底数不清」「场地利用率低」).
    if worn and clauses and clauses[0] in worn:
        wear = _patterns(words).wear
        worn += [
            c
            for c in clauses[1:]
            if c not in worn
            and (wear.search(c) or any(w in c for w in words.things_bought))
            and not states_a_problem(wear.sub("", c), lexicon)
        ]
    return bool(worn) and all(
        (c in worn or (len(c.strip()) <= 16 and any(m in c for m in lexicon.consequence_markers)))
        and not any(w in c for w in own)
        for c in clauses
    )


def _held_up_by_money(text: str, lexicon: Lexicon) -> bool:
    """A problem that only tells work held up and, as its one cause, money arriving late (「部分项目实施进度滞后｜资金
    到位晚，影响工程招标和施工」): beside funding shortages, the same shortage (dev lh18, both readers 0). Each clause
    (a row's cells apart) is the money late, or short and only the delay (money.late) or what it led to; another cause
    (「因征地协调难」) or a failing of the department's own keeps it its own."""
    words = lexicon.money
    patterns = _patterns(words)
    cells = [part for part in text.split(_CELL) if not part.strip().isdigit()]  # a row's serial number is no clause
    clauses = [c for part in cells for c in _problem_clauses(part, lexicon)]
    # The money comes to the department (「资金到位晚」), not paid out or spent by it (「资金支付进度缓慢」
    # 「支出进度慢」) and not its own (「单位自筹资金到位晚」): session 15's review.
    money_late = [
        c
        for c in clauses
        if patterns.late.search(c) and patterns.nouns.search(c) and not any(w in c for w in words.paid_out)
    ]
    own = _any_own(words) + words.paid_out
    return bool(money_late) and all(
        c in money_late
        or (
            len(c.strip()) <= 16
            and (any(w in c for w in words.late) or any(m in c for m in lexicon.consequence_markers))
            and not any(w in c for w in own)
        )
        for c in clauses
    )


def _own_failing(clause: str, consequence: bool, lexicon: Lexicon) -> bool:
    """A shortcoming clause beside a funding shortage that is the department's own: given as the cause
    (「原因是申报材料不全」), or naming how it manages (a dimension or `own_failings` word) and not
    marked as a consequence."""
    money = lexicon.money
    if clause.startswith(tuple(money.cause_cuts)):
        return True
    bare = _patterns(money).money_names.sub("", clause)
    managed = any(w in bare for ws in lexicon.dimensions.values() for w in ws) or any(
        w in clause for w in money.own_failings
    )
    return managed and not consequence


# ------------------------------------------------------------- funding shortage and requests for money
# Conventions funding_beside_real and money_beside_real, judged by what a clause is about: a subject (a
# money noun) and a predicate (a shortfall, or an action obtaining money) composed from the small word sets
# of `money` in rubrics/_lexicon.yaml, in either order, never by a list of whole phrases.

_AMOUNT = re.compile(r"[\d.]+[万亿]?元")
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
# A count of work done: a number with the unit of what is done (not 次, which counts reports and meetings too).
_WORK_COUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:个|处|公里|千米|米|场|人次|户|台|件|项|所|座|村|亩|条|间|套|宗|批|家)")
_GAP = 12  # characters between a money noun and its predicate (attributes: 「经费的安排逐年」)


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> str:
    """A regular expression for any of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern(expression: str) -> re.Pattern[str]:
    """A lexicon's regular expression, compiled once."""
    return re.compile(expression)


@dataclass(frozen=True)
class _MoneyPatterns:
    """The word sets of `money` as compiled patterns, built once per lexicon."""

    nouns: re.Pattern[str]
    asked_nouns: re.Pattern[str]
    not_money: re.Pattern[str]
    scarce: re.Pattern[str]
    led_outcomes: re.Pattern[str]  # money.led_outcomes: outcomes only when led to by money
    negated_after: re.Pattern[str]
    large_needs: re.Pattern[str]
    negated: re.Pattern[str]
    late: re.Pattern[str]
    late_told: re.Pattern[str]
    # Each pattern on its own, searched in the lexicon's order (the first that matches is the one a reading uses).
    work_shortfall: tuple[re.Pattern[str], ...]
    work_not_started: re.Pattern[str]
    gap_rate: re.Pattern[str]
    unfunded: re.Pattern[str]
    summed_up: tuple[re.Pattern[str], ...]
    arrived_late: re.Pattern[str]
    # The lexicon's alternatives in one pattern: a search finds the leftmost, the first listed where two start together.
    deviation_cause_lead: re.Pattern[str]
    after_money: re.Pattern[str]
    payer_late: re.Pattern[str]
    payer_short: re.Pattern[str]
    # A word of handling, or of the department's own doing, inside the name of a thing bought (「卫生监督执法车辆」).
    handling_in_thing: re.Pattern[str]
    own_in_thing: re.Pattern[str]
    any_own_in_thing: re.Pattern[str]
    comparison: re.Pattern[str]
    # A clause opening with 与/同… and closing on a comparison (「，与承担的工作任务不匹配」): what money is measured
    # against.
    measured_against: re.Pattern[str]
    want_effects: re.Pattern[str]
    lacking: re.Pattern[str]
    obtain: re.Pattern[str]
    seek: re.Pattern[str]
    sought: re.Pattern[str]
    increase: re.Pattern[str]
    money_names: re.Pattern[str]
    cause_cut: re.Pattern[str]
    upstream: re.Pattern[str]
    asks: re.Pattern[str]
    payers: re.Pattern[str]
    favour: re.Pattern[str]
    granted: re.Pattern[str]
    provision: re.Pattern[str]
    # Money the department pays or spends told late (「工程款支付滞后」).
    paid_out_late: re.Pattern[str]
    # money.caused's regular expressions (`_caused_by_money_only`); never matching when the lexicon has none.
    row_label: re.Pattern[str]
    cause_items: re.Pattern[str]
    cause_told: re.Pattern[str]
    cause_led: re.Pattern[str]
    rate_names: re.Pattern[str]
    unpaid: re.Pattern[str]
    paid_on_to: re.Pattern[str]
    # money.worn split in two: words of wear (老化, 陈旧, 更新滞后) and words of lack (缺少, 不足: those also among
    # `negations` or `scarce`), and a lack of the things themselves (「缺少执法车辆」「功能室不足」).
    wear: re.Pattern[str]
    lack_of_things: re.Pattern[str]


_BUILT: dict[int, tuple[MoneyWords, _MoneyPatterns]] = {}


def _wear_words(words: MoneyWords, lack: bool) -> list[str]:
    """money.worn's words of lack (also among `negations` or `scarce`: 缺少, 不足) or, with `lack` false, of wear."""
    return [w for w in words.worn if (w in words.negations or w in words.scarce) == lack]


def _patterns(words: MoneyWords) -> _MoneyPatterns:
    built = _BUILT.get(id(words))
    if built is not None and built[0] is words:
        return built[1]

    def any_of(*sets: list[str]) -> str:
        return _alternation(tuple(w for s in sets for w in s))

    def either(expressions: list[str]) -> re.Pattern[str]:
        # No pattern at all when the lexicon lists none (an empty alternation would match everywhere).
        return re.compile("|".join(f"(?:{p})" for p in expressions) or "(?!)")

    provision = any_of(words.provision)
    caused = words.caused

    def in_thing(named: list[str]) -> re.Pattern[str]:
        if not (named and words.things_bought):
            return re.compile("(?!)")
        return re.compile(f"(?:{any_of(named)})[\u4e00-\u9fff]{{0,4}}?(?:{any_of(words.things_bought)})")

    # A favour granted by whoever pays (「给予倾斜」「予以统筹考虑」).
    favour = f"(?:{any_of(words.grants)}).{{0,3}}?(?:{any_of(words.granted)})"
    patterns = _MoneyPatterns(
        nouns=re.compile(f"{any_of(words.nouns)}|{_AMOUNT.pattern}"),
        asked_nouns=re.compile(f"{any_of(words.nouns, words.asked)}|{_AMOUNT.pattern}"),
        not_money=re.compile(any_of(words.not_money)),
        scarce=re.compile(any_of(words.scarce, words.shrinking)),
        negated_after=re.compile(f"(?:{provision})(?:{any_of(words.negated_after)})"),
        large_needs=re.compile(f"(?:{any_of(words.large_needs)}).{{0,3}}?(?:{any_of(words.large)})"),
        negated=re.compile(f"(?:{any_of(words.negations)}).{{0,4}}?(?:{provision})"),
        late=re.compile(f"(?:{any_of(words.arrival)}).{{0,4}}?(?:{any_of(words.late)})"),
        payer_late=re.compile(f"(?:{any_of(words.payer_flows)}).{{0,4}}?(?:{any_of(words.late)})")
        if words.payer_flows
        else re.compile("(?!)"),
        payer_short=re.compile(f"(?:{any_of(words.short_paid)}).{{0,2}}?(?:{any_of(words.payer_flows)})")
        if words.short_paid and words.payer_flows
        else re.compile("(?!)"),
        handling_in_thing=in_thing(words.handling),
        own_in_thing=in_thing(words.own_failings),
        any_own_in_thing=in_thing(_any_own(words)),
        late_told=either(words.late_told),
        work_shortfall=tuple(re.compile(p) for p in words.work_shortfall),
        work_not_started=either(words.work_not_started),
        gap_rate=either(words.gap_rate),
        led_outcomes=either(words.led_outcomes),
        unfunded=either(words.unfunded),
        summed_up=tuple(re.compile(p) for p in words.summed_up),
        arrived_late=re.compile(f"才(?:{any_of(words.arrival)})"),
        deviation_cause_lead=either(words.deviation_cause_leads),
        after_money=either(words.after_money),
        comparison=re.compile(any_of(words.comparison)),
        measured_against=re.compile(
            f"[，,](?:{any_of(words.comparison_joins)})[^，,。；;]*(?:{any_of(words.comparison)})"
        ),
        want_effects=either(words.want_effects),
        lacking=re.compile(any_of(words.lacking)),
        obtain=re.compile(any_of(words.obtain)),
        seek=re.compile(any_of(words.seek)),
        sought=re.compile(any_of(words.sought)),
        increase=re.compile(any_of(words.increase)),
        money_names=re.compile(f"[\u4e00-\u9fff]{{0,2}}(?:{any_of(words.nouns)})"),
        cause_cut=re.compile(f"(?=(?:{any_of(words.cause_cuts)}))"),
        upstream=re.compile(any_of(words.upstream)),
        # 「请」 asks; inside 「申请」「邀请」「聘请」「请示」 it does not.
        asks=re.compile(f"(?<![申邀聘])(?:{any_of(words.asks)})(?!示)"),
        payers=re.compile(any_of(words.payers)),
        favour=re.compile(favour),
        granted=re.compile(f"(?:{favour})|{any_of(words.increase)}"),
        provision=re.compile(provision),
        row_label=either([caused.row_label] if caused else []),
        cause_items=either([caused.items] if caused else []),
        cause_told=either([caused.cause_told] if caused else []),
        cause_led=either([caused.cause_led] if caused else []),
        rate_names=either([caused.rate_names] if caused else []),
        paid_out_late=re.compile(f"(?:{any_of(words.paid_out)}).{{0,4}}?(?:{any_of(words.late)})")
        if words.paid_out
        else re.compile("(?!)"),
        wear=re.compile(any_of(_wear_words(words, lack=False)) or "(?!)"),
        lack_of_things=re.compile(
            f"(?:{any_of(_wear_words(words, lack=True))})[^，,。；;]{{0,4}}(?:{any_of(words.things_bought)})"
            f"|(?:{any_of(words.things_bought)})(?:{any_of(_wear_words(words, lack=True))})[。；;，,]?\\s*$"
        )
        if words.things_bought and _wear_words(words, lack=True)
        else re.compile("(?!)"),
        unpaid=re.compile(words.unpaid),
        paid_on_to=re.compile(words.paid_on_to),
    )
    if len(_BUILT) > 8:
        _BUILT.clear()
    _BUILT[id(words)] = (words, patterns)
    return patterns


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _money_nouns(clause: str, words: MoneyWords, asked: bool = False) -> list[tuple[int, int]]:
    """Where the clause names money (or an amount of it) that is money and not its handling or an office;
    with `asked`, also what a measure may ask for beyond money nouns (「追加预算」)."""
    patterns = _patterns(words)
    spans = _spans(patterns.asked_nouns if asked else patterns.nouns, clause)
    other = _spans(patterns.not_money, clause)  # 「人力投入」「财政部门」
    # Nouns side by side are one name (「补贴资金兑付率」, dev ku14): what follows the last decides for all.
    ends = {a: b for a, b in spans}
    for a, _ in reversed(spans):
        ends[a] = ends.get(ends[a], ends[a])
    return [
        (a, b)
        for a, b in spans
        if not clause[ends[a] :].lstrip("的").startswith(tuple(words.not_after + words.handling))
        and not clause[:a].endswith(tuple(words.own_money))
        and not any(x <= a and b <= y for x, y in other)
    ]


def _handles(text: str, words: MoneyWords) -> bool:
    """Words between a money noun and its predicate that make the clause about the department's own
    handling or planning of money (「资金拨付滞后」「预算安排依据不足」), not about how much there is. A handling
    word naming a thing bought (「卫生监督执法车辆和快检设备购置经费」, dev jp12) handles no money."""
    text = _patterns(words).handling_in_thing.sub("", text)
    return any(w in text for w in words.handling + words.own_money + words.qualities)


def _handles_money(clause: str, lexicon: Lexicon, problem: bool) -> bool:
    """The department's own handling of money (「资金支付进度滞后」「严格按照资金管理办法使用」「部分项目
    大量结余」): a handling word where money is named, or a fund-management word that is handling by itself;
    in a measure also speeding money it is due (「尽早取得资金的拨付」), which asks for no more. A measure's
    purpose (「确保资金及时足额到位」) is not handling; 「城市管理任务繁重」 manages no money."""
    words = lexicon.money
    if not problem and clause.strip().startswith(tuple(words.purposes)):
        return False
    if problem:  # 「中央和省级……补助资金分配更多向脱贫县倾斜」: the level above allocates, not the department
        for pattern in words.upstream_handling:
            clause = re.sub(pattern, "", clause)
    if problem and not _shortcoming_words(clause, lexicon):
        # 「项目资金分年度拨付」: how money comes, when the flow is the only handling named.
        handled = [w for w in words.handling + words.own_money + words.qualities if w in clause]
        if handled and all(any(w in f or f in w for f in words.flows) for w in handled):
            return False
    named = any(n in clause for n in words.nouns) or bool(_AMOUNT.search(clause))
    inherent = [w for w in lexicon.dimensions.get("fund_management", []) if w in words.handling]
    # 「第四季度才拨付到位」: paid in is the money's arrival, not its handling.
    arrived = re.sub(
        f"(?:{_alternation(tuple(words.handling))})(?=(?:{_alternation(tuple(words.arrival))}))", "", clause
    )
    if (_handles(clause, words) and named) or any(w in arrived for w in inherent):
        return True
    return not problem and any(t in clause for t in words.timing) and any(a in clause for a in words.arrival)


def _shortfalls(clause: str, words: MoneyWords) -> list[tuple[int, int, str]]:
    """Predicates of insufficiency: (start, end, kind): "plain" (scarce, shrinking: 预算 may be their subject),
    "proper" (a negated provision, a large need, late arrival: the subject is a money noun proper) or
    "compares" (the subject stands before 与)."""
    patterns = _patterns(words)
    # Money issued (下达) comes from above by its very name: 「资金下达时间偏晚」.
    upstream = any(u in clause for u in words.upstream + words.issued)
    found = [(a, b, "plain") for a, b in _spans(patterns.scarce, clause)]
    found += [(a, b, "proper") for p in (patterns.negated_after, patterns.large_needs) for a, b in _spans(p, clause)]
    # 「补助难以兑现」 is a shortfall; 「资金未能及时兑现」 is lateness, which is the department's own unless
    # the money is granted from above (「上级资金未及时到位」).
    negated = _spans(patterns.negated, clause)
    found += [(a, b, "proper") for a, b in negated if upstream or not any(t in clause[a:b] for t in words.timing)]
    if upstream:  # 「上级资金到位迟缓」「第二批于11月下旬才下达」: granted money that comes late
        found += [(a, b, "proper") for p in (patterns.late, patterns.arrived_late) for a, b in _spans(p, clause)]
    found += [(a, b, "compares") for a, b in _spans(patterns.comparison, clause)]
    # 「仅支出45%」「不够细化」: what follows decides; the department spent little or planned badly.
    return [(a, b, c) for a, b, c in found if not clause[b:].startswith(tuple(words.handling + words.qualities))]


def _is_funding(clause: str, lexicon: Lexicon) -> bool:
    """A clause whose subject is money available to the department and whose predicate is a shortfall."""
    words = lexicon.money
    # What states no shortcoming (「协助企业解决融资、用工等问题26个」: problems solved for others) has no predicate
    # of shortfall either (lexicon problem_marker_exception_patterns).
    clause = _without_exception_patterns(clause, lexicon)
    if any(i in clause for i in words.idioms):
        return True
    if any(w in clause for w in words.misuse):  # 「未列入年初预算即开始支出」: the department's own misuse
        return False
    if _patterns(words).unfunded.search(clause):  # 「……经费一直未纳入县级预算」
        return True
    nouns = _money_nouns(clause, words)
    asked = _money_nouns(clause, words, asked=True)  # 「部门预算被大幅压缩」, but not 「预算未同步调整」
    for start, _, kind in _shortfalls(clause, words):
        if kind == "compares":  # 「X与Y不相匹配」: the subject is X
            joins = [clause.find(j, 1) for j in words.comparison_joins if 0 < clause.find(j, 1) < start]
            subject_end = min(joins, default=start)
            if any(b <= subject_end and not _handles(clause[b:subject_end], words) for _, b in nouns):
                return True
        elif any(
            b <= start and start - b <= _GAP and not _handles(clause[b:start], words)
            for _, b in (asked if kind == "plain" else nouns)
        ):
            return True
    # 「缺少……资金」「连续三年未安排……经费」「无独立预算」: the lack comes first, the money after it.
    lacking = [
        (c, d)
        for c, d in _spans(_patterns(words).lacking, clause) + _spans(_patterns(words).negated, clause)
        # 「与社保经办无关的会务费用」 lacks nothing; 「实际支出不到200万元」 is spending, not a lack.
        if not clause[c:].startswith(tuple(words.not_lacking)) and not clause[:c].endswith(tuple(words.handling))
    ]
    return any(0 <= a - d <= _GAP and not _handles(clause[d:a], words) for _, d in lacking for a, _ in asked)


def _continues_money(clause: str, words: MoneyWords) -> bool:
    """A clause with no subject of its own that goes on about the money before it (「多年未作调整」)."""
    rest = clause.strip()
    while rest.startswith(tuple(words.openers)):
        rest = rest[next(len(o) for o in sorted(words.openers, key=len, reverse=True) if rest.startswith(o)) :]
    if rest.startswith(tuple(words.not_predicates)):  # 「小型水利工程管护主体不明确」 (dev ly17) has a subject
        return False
    if rest.startswith(tuple(words.comparison_joins)):  # 「与承担的任务不相适应」
        return any(kind == "compares" for _, _, kind in _shortfalls(rest, words))
    if rest.startswith(tuple(words.attributes)):
        return any(a <= 4 for a, _, _ in _shortfalls(rest, words))
    return any(a == 0 for a, _, _ in _shortfalls(rest, words))


def _funding_clauses(clauses: list[str], lexicon: Lexicon) -> list[str]:
    """The funding-shortage clauses; a clause with no subject of its own (「缺口较大」) takes the money
    named before it in the same problem as its subject."""
    found: list[str] = []
    for n, clause in enumerate(clauses):
        money_before = any(_money_nouns(c, lexicon.money) for c in clauses[:n])
        if _is_funding(clause, lexicon) or (money_before and _continues_money(clause, lexicon.money)):
            found.append(clause)
    return found


def _obtains_money(clause: str, lexicon: Lexicon) -> bool:
    """A measure clause whose action is obtaining or increasing money (争取/申请/筹措/统筹……资金,
    加大……保障力度, 提高……补助标准, 争取支持/项目), not putting money the department holds to use."""
    words = lexicon.money
    if any(w in clause for w in words.own_money + words.held):  # 「将结转资金纳入次年预算」: money already held
        return False
    patterns = _patterns(words)
    # 「对接资金下达时间」 asks when money comes, not for more of it.
    nouns = [
        (a, b)
        for a, b in _money_nouns(clause, words, asked=True)
        if not clause[b:].lstrip("的").startswith(tuple(words.arrival))
    ]
    # 「争取……项目资金的拨付」: 项目 names the money that follows it, which decides.
    sought = [(a, b) for a, b in _spans(patterns.sought, clause) if not clause[b:].startswith(tuple(words.nouns))]
    end = len(clause.rstrip("。；; "))
    for c, d in _spans(patterns.obtain, clause):
        if any(n in clause[max(0, c - 2) : c] for n in [*words.negations, "禁"]):  # 「不再追加」 is a rule
            continue
        # The object is the money named next, or however long a list stands before it, the money that ends
        # the clause (「争取法律援助、社区矫正等中央和省级补助资金」).
        if any(a - d >= 0 and (a - d <= _GAP + 2 or b == end) and not _handles(clause[d:a], words) for a, b in nouns):
            return True
        # Asked to be paid what another body owes the unit (money.payable_to_unit): the payer's 拨付 is the money asked.
        if any(
            0 <= a - d <= _GAP + 2
            and any(f in clause[d:a] for f in words.flows)
            and not _handles(re.sub(_alternation(tuple(words.flows)), "", clause[d:a]), words)
            and any(w in clause[a:b] for w in words.payable_to_unit)
            for a, b in nouns
        ):
            return True
    upstream = _spans(patterns.upstream, clause)
    for _, d in _spans(patterns.seek, clause):  # 「争取在资金分配上给予倾斜」: the favour sought decides
        # 「用好用足上级关于……的各项扶持政策」: a favour from above, however far.
        if any(0 <= a - d <= _GAP or any(d <= u and v <= a for u, v in upstream) for a, _ in sought):
            return True
    if _asks_payer(clause, words):
        return True
    # 「争取在资金分配中对城区救助需求给予统筹考虑」: a favour sought of whoever allocates, however far (dev ju18).
    sought_from = [d for _, d in _spans(patterns.seek, clause)]
    if sought_from and words.grants and words.granted and patterns.favour.search(clause, min(sought_from)):
        return True
    for a, e in _spans(patterns.increase, clause):  # 「补助规模比上年扩大」
        # 「确保资金及时足额发放」 pays out money held: handling, not more of it (dev kc11).
        if clause[e:].startswith(tuple(words.handling)):
            continue
        if any(0 <= a - b <= _GAP and not _handles(clause[b:a], words) for _, b in nouns):
            return True
    requests = [r for r in words.requests if r in clause]
    return any(r != "争取" for r in requests) or clause.rstrip().endswith("争取")


def _asks_payer(clause: str, words: MoneyWords, alone: bool = False) -> bool:
    """Asks someone above to pay (「报请区财政予以兜底保障」「恳请上级在资金分配上……予以倾斜」「请财政局……
    足额拨付……经费」): an ask, a payer right after it, then money (not its handling) or a favour granted.
    With `alone`, any ask of a payer (「恳请县委县政府高度重视」): what leads up to a request."""
    patterns = _patterns(words)
    for _, d in _spans(patterns.asks, clause):
        payer = patterns.payers.match(clause, d) or patterns.payers.match(clause, d + 1)
        if payer is None:
            continue
        rest = clause[payer.end() :]
        if alone or patterns.granted.search(rest) or _money_nouns(rest, words, asked=True):
            return True
    return False


def _fills_gap(clause: str, words: MoneyWords) -> bool:
    """Fills a gap in money (「补足残疾人康复救助的缺口」「弥补财政投入不足」「补充养老服务设施建设资金」)."""
    for fill in words.fills:
        at = clause.find(fill)
        if at >= 0:
            after = clause[at + len(fill) : at + len(fill) + _GAP + 2]
            if any(g in after for g in words.gaps) or _money_nouns(after, words):
                return True
    return False


def _due_sooner(clause: str, words: MoneyWords) -> bool:
    """Money due, asked to come sooner (「力争提前下达资金」)."""
    return any(t in clause for t in words.timing) and any(a in clause for a in words.arrival)


def _mobilises_held(clause: str, words: MoneyWords) -> bool:
    """Puts money or assets the department holds to use (「盘活存量资金」「对……结存的零星资金进行清理盘活」
    「通过盘活闲置资产变现筹措资金」)."""
    return any(w in clause for w in words.mobilise) and any(w in clause for w in words.own_money + words.held)


def _problem_clauses(text: str, lexicon: Lexicon) -> list[str]:
    """The clauses of a problem, each cut again before a cause it gives (「……不高的原因是申报材料不全」), without a
    deviation cell's label and the indicator it names (「偏差原因分析（时效指标：年底前完工率100%，实际80%）：」, dev
    jp16: the figures are the deviation the money explains, not a matter of the unit's own)."""
    text = _without_deviation_label(text, lexicon)
    cut = _patterns(lexicon.money).cause_cut
    return [part for clause in _clauses(text) for part in cut.split(clause) if part.strip()]


@dataclass(frozen=True)
class MoneyCall:
    """Whether a problem is only a funding shortage (a measure only a request for money), and the money
    model's cues when the model, not the composition of word sets, decided it."""

    only: bool
    cues: list[str]
    caused: bool = False  # a shortage because what went wrong is put down to money (`_caused_by_money_only`)


def _money_call(text: str, judgement: Judgement, lexicon: Lexicon) -> MoneyCall:
    """The composition of word sets decides first; the money model judges what it left (`_model_cues`)."""
    if judgement == "shortage":
        reading = _funding_reading(text, lexicon)
        if reading is not None:
            return MoneyCall(only=True, cues=[], caused=reading == "caused")
    elif _step_apart(text, lexicon):
        return MoneyCall(only=False, cues=[])
    elif _money_composed(text, lexicon):
        return MoneyCall(only=True, cues=[])
    cues = _model_cues(text, judgement, lexicon)
    return MoneyCall(only=bool(cues), cues=cues)


def _step_apart(measure: str, lexicon: Lexicon) -> bool:
    """A sentence of its own in a measure (after 「；」 or 「。」) that names no money and sets a step of the unit's own
    (「……争取更多项目资金支持；加快推进征地拆迁，确保汛前完成主体工程建设。」, dev oe08: both readers count it): the
    measure is not only a request, whatever its clauses before. Not a purpose or a pledge alone (「确保项目顺利
    实施」), nor another request in other words (「督促各区县落实分担责任，确保经费足额到位」)."""
    sentences = [s.strip() for s in re.split(r"[；;。]", strip_numbering(measure)) if s.strip()]
    if len(sentences) < 2:
        return False
    generic = set(lexicon.boilerplate)
    words = lexicon.money
    return any(
        not _money_nouns(s, words)
        and not any(w in s for w in words.seek)
        and not any(_obtains_money(c, lexicon) for c in _clauses(s))
        and not s.startswith((*words.purposes, *words.answers_to))
        and bool(_content_words(_clauses(s)[0], lexicon) - generic)
        for s in sentences[1:]
    )


def _funding_only(text: str, lexicon: Lexicon) -> bool:
    """A problem that is only a funding shortage: by composition, or by the money model."""
    return _money_call(text, "shortage", lexicon).only


def _model_cues(text: str, judgement: Judgement, lexicon: Lexicon) -> list[str]:
    """When a text that names money is, by the money model, a funding shortage (a request for money) beyond
    the lexicon's margin: the n-grams that weighed most; otherwise nothing (conventions funding_beside_real,
    money_beside_real). The composition of word sets decides first; the model judges what it left."""
    margins = lexicon.money_model
    if margins is None or not _money_nouns(text, lexicon.money, asked=judgement == "request"):
        return []
    if _own_matter(text, judgement == "shortage", lexicon):
        return []
    if judgement == "shortage" and _paid_late(text, lexicon):
        return []
    # Nor where money given as the cause stands beside a word of the unit's own failing or misuse outside the
    # background (「由于中央资金下达较晚，……项目负责人对工期安排不当」, session 21's probes).
    if judgement == "shortage" and _failing_beside_money(text, lexicon):
        return []
    model = packaged_model(judgement)
    margin = margins.shortage_margin if judgement == "shortage" else margins.request_margin
    return model.cues(text) if model.score(text) > margin else []


def _failing_beside_money(text: str, lexicon: Lexicon) -> bool:
    """Money given as the cause (`_opens_with_cause`) and, in a clause of its own that is not the background and states
    a shortcoming, a word of the department's failing, quality of work or misuse (money.failings,
    money.caused.own_qualities): the money model may not overrule it."""
    told = _money_told(text, lexicon)
    if told is None or not told.clauses or not _opens_with_cause(told.clauses[0], lexicon):
        return False
    words = lexicon.money
    assert words.caused is not None  # _money_told gives nothing without it
    own = [*words.failings, *words.caused.own_qualities]
    money = set(told.funding) | set(told.laid)
    return any(
        clause not in money
        and not _background(clause, lexicon)
        and any(w in clause for w in own)
        # A shortcoming stated, not work named (「承担的……预算绩效评价等工作任务逐年增加」, dev kc12: every reader 0).
        and (_shortcoming_words(clause, lexicon) or any(w in clause for w in words.misuse))
        for clause in told.clauses
    )


def _own_matter(text: str, problem: bool, lexicon: Lexicon) -> bool:
    """A clause the model may not overrule, beside whatever it weighs: in a problem, the department's handling,
    planning or stewardship of money (「未按项目实施方案使用」「资金安排碎片化」「一般性支出压减不到位」) or a
    failing of its own (「财务人员力量薄弱」); in a measure, a step of its own (「同时建立项目储备库」) or the
    handling of money. The model sees a text whole and cannot tell such a clause from the money beside it."""
    words = lexicon.money
    if problem:
        clauses = _problem_clauses(text, lexicon)
        # A clause with no subject of its own continues the money before it (「经费偏少，与承担的工作任务不匹配」, dev
        # kw18): the shortage, not a handling of the department's.
        funding = _funding_clauses(clauses, lexicon)
        owned = _names_own_failing(clauses, lexicon)
        for n, clause in enumerate(clauses):
            # Every clause _is_funding holds is among `funding`; of the rest there, only those naming no money.
            if clause in funding and (not _money_nouns(clause, words) or _is_funding(clause, lexicon)):
                continue
            # Worn things are what a want of money leaves, unless the problem names a failing of the department's own
            # (「……长期未列入更新计划」), as in _only_about_money.
            worn = _worn_things(clause, lexicon) and not owned
            if worn or _overrun_for_want(clause, clauses[:n], funding, lexicon):
                continue
            if any(w in clause for w in words.misuse):  # 「三公经费超支」: its own misuse, as in _only_about_money
                return True
            # Context states no shortcoming (「我所承担……预算编制和执行等工作」「刚性支出已占到可用财力的九成以上」
            # 「补助改为按因素法分配后」): handling words there name the work or the money, not a failing.
            # (A marker of two characters or more counts inside a word: 「力量薄弱」.)
            markers = [m for m in lexicon.problem_markers if len(m) > 1]
            stated = _shortcoming_words(clause, lexicon) or any(
                w in clause for w in words.qualities + words.own_money + markers
            )
            if not stated:
                continue
            # Money that cannot be paid for want of it is what the shortage does, not how the department handles
            # money (「因前期费用不能及时支付而推迟开工」), unless a failing of its own is named beside it.
            # So is what it led to, told right after it (`_led_to_by_money`).
            led = _led_to_by_money(clauses, n, funding, lexicon)
            led_to = _unable_for_want(clause, lexicon) or led
            told = _without_led_outcomes(clause, words) if led else clause
            if led_to and not any(w in told for w in words.failings):
                continue
            # With no money named, a handling word is the department's own only beside a shortcoming of its
            # own (「未按项目实施方案使用」), not when it is the shortcoming (「挤占了项目安排的空间」: crowded out).
            unnamed = re.sub(_alternation(tuple(words.handling)), "", clause)
            if (
                _handles_money(clause, lexicon, True)
                or (_handles(clause, words) and _shortcoming_words(unnamed, lexicon))
                or any(w in clause for w in words.stewardship)
            ):
                return True
            consequence = any(m in clause for m in lexicon.consequence_markers)
            if any(m in clause for m in lexicon.problem_markers) and _own_failing(clause, consequence, lexicon):
                return True
        return False
    clauses = [c for c in _clauses(text) if len(c.strip()) > 2]
    for n, clause in enumerate(clauses):
        if _obtains_money(clause, lexicon) or _sets_terms(clauses, n, lexicon):
            continue
        # A clause seeking money (「争取将……纳入省级生态效益补偿范围」) is no step of the department's own,
        # whatever handling word its object's name holds; nor is money from above flowing with the work it
        # assigns (「属地工作任务下达时同步拨付工作经费」) when the flow is the only handling named.
        if any(r in clause for r in words.requests) and _money_nouns(clause, words, asked=True):
            continue
        handled = [w for w in words.handling + words.own_money + words.qualities if w in clause]
        from_above = any(u in clause for u in words.upstream + words.issued)
        if from_above and handled and all(any(w in f or f in w for f in words.flows) for w in handled):
            continue
        purpose = clause.strip().startswith(tuple(words.purposes))
        if (any(m in clause for m in lexicon.action_markers) and not purpose) or _handles_money(clause, lexicon, False):
            return True
        # A step with its deadline or owner and a count of work done (「年底前完成18公里路面修补」): not a date, a
        # rate or money (「2025年年内落实经费保障」「资金到位率年内达到95%」), nor a report about money
        # (「每季度报送1次资金需求」).
        if (
            any(m in clause for m in lexicon.concrete_markers)
            and _WORK_COUNT.search(_DATES.sub("", clause))
            and not _money_nouns(clause, words, asked=True)
            and not any(w in clause for w in words.obtain + words.seek + words.requests)
            and not any(re.search(p, clause.strip()) for p in lexicon.money_request_preambles)
        ):
            return True
    return False


def _sets_terms(clauses: list[str], n: int, lexicon: Lexicon) -> bool:
    """A measure clause after a request that sets the terms of the money asked (「按站点数量核定定额标准」)."""
    words = lexicon.money
    clause = clauses[n].strip()
    return (
        n > 0
        and _obtains_money(clauses[n - 1], lexicon)
        and clause.startswith(tuple(words.terms))
        and any(r in clause for r in words.rates)
    )


def _unable_for_want(clause: str, lexicon: Lexicon) -> bool:
    """What cannot be paid or done for want of money (money.inability: 「只能从基本支出中挤占」), or what it left
    undone, told as its consequence (「导致部分资金未能在年度内拨付至基层医疗卫生机构」, dev lw18)."""
    return any(w in clause for w in lexicon.money.inability) or (
        clause.strip().startswith(tuple(lexicon.clauses.consequence_leads))
        and any(w in clause for w in lexicon.clauses.left_undone)
    )


_INDICATOR_ROW = re.compile(
    r"^[^。；;]{0,30}(?:目标值|指标值|年度指标)[^。；;]{0,16}实际[^。；;]{0,16}[。；;]\s*偏差(?:原因)?(?:分析|说明)?[：:]"
    # The indicator named with its figures in brackets, then its causes (「项目按期完工率（目标100%，完成62%）：……」).
    r"|^[^。；;（(]{2,30}[（(](?:目标|指标)[^（()）。]{0,20}(?:完成|实际)[^（()）。]{0,16}[）)][：:]"
)


def _funding_composed(text: str, lexicon: Lexicon) -> bool:
    """A problem that is only a funding shortage by the word sets (`_funding_reading`)."""
    return _funding_reading(text, lexicon) is not None


def _funding_reading(text: str, lexicon: Lexicon) -> Literal["headed", "caused"] | None:
    """Which composition reads the problem as only a funding shortage: headed by the money (`_funding_headed`), or
    putting what went wrong down to money and naming nothing of its own (`_caused_by_money_only`); None for neither.

    A headline that gives the money as the cause (「由于上级补助资金下达较晚，……」, lexicon clauses.cause_frames) is
    weighed as the second reading weighs it: a clause of the department's own after it (「且施工单位资质不符合要求，
    被责令整改」「另有……工程量核定不准」, session 21's probes) keeps the problem real."""
    if _funding_headed(text, lexicon):
        told = _money_told(text, lexicon)
        if told is None or not told.clauses or told.clauses[0] not in told.funding:
            return "headed"
        if not (_opens_with_cause(told.clauses[0], lexicon) and _own_beside_money(told, lexicon)):
            return "headed"
        return None  # the second reading weighs the same clauses and finds the same of its own
    return "caused" if _caused_by_money_only(text, lexicon) else None


def _opens_with_cause(clause: str, lexicon: Lexicon) -> bool:
    """The clause opens with its cause (「由于上级补助资金下达较晚」「受县级财力紧张影响」), not with a word that only
    begins with the same characters (「受援县」「因素法」「因此」; lexicon clauses.not_frames)."""
    told = clause.strip()
    return told.startswith(tuple(lexicon.clauses.cause_frames)) and not told.startswith(
        tuple(lexicon.clauses.not_frames)
    )


def _funding_headed(text: str, lexicon: Lexicon) -> bool:
    """A problem whose subject is the money available (convention funding_beside_real).

    The subject is the problem's headline: its first sentence (「一是经费保障水平偏低。」). When that opens with
    a shortfall of money (gap, tightness, late or shrinking arrival, matching funds) and says nothing else,
    the problem is a funding shortage whatever explanation follows (「本级财政安排的业务经费多年未增长」), unless it
    gives the money as the cause and then something of the department's own (`_funding_reading`, session 21).
    A problem headed by anything else (「预算执行率低，原因是资金下达较晚」) stays a real problem; so do the
    department's own handling of funds (拨付, 使用, 支付进度), which the funding wordings exclude.
    """
    text = _FORM_LABEL.sub("", text, count=1)  # 「偏差原因：」 labels the cell; its 偏差 is no shortfall
    # An indicator's row, its target and actual figures, then its deviation's causes (「1.资金执行率：目标值100%，实际
    # 完成81.2%。偏差原因：第二批中央和省级资金12月份才下达，县级配套资金因财力紧张未能足额到位……」, dev lw18: both
    # readers 2–3 for a form whose deviations are all put down to money): the causes say what the deviation is.
    row = _INDICATOR_ROW.match(text)
    if row is not None:
        # Every cause it gives: one of the department's own beside the money (「……项目单位前期准备不充分，招标推迟」,
        # session 16's review) keeps the deviation its own.
        causes = [c for c in re.split(r"[；;]", text[row.end() :]) if c.strip("。 ")]
        return bool(causes) and all(_money_and_outcomes_only(c, lexicon) for c in causes)
    causes = _causes_of_deviation(text, lexicon)
    if causes and all(_money_and_outcomes_only(c, lexicon) for c in causes):
        return True
    clauses = _problem_clauses(text, lexicon)
    if not clauses or _late_for_execution(text, lexicon) or _paid_late(text, lexicon):
        return False
    # The subject: a funding clause, or a lead-in that names no dimension (「近年来单位承担的任务逐年增加」);
    # 「结转结余资金较多，由于项目资金下达较晚……」 is about the department's balances, not its funding.
    # 「残疾人两项补贴所需资金逐年增加」 names money, not the handling of it: a lead-in like the workload.
    # A dimension counts when named outside a money noun's own name (「人员经费」 is money, not staff).
    # The opening: the first clause that states a shortfall; a form's label and the figures it starts from
    # (「偏差原因：本项目年初申报预算60万元，实际到位资金32万元，……」, dev ie19) only lead up to it.
    # Worn things (「执法车辆老化严重，无力更新」) are what the want of money leaves, not the opening of a matter.
    opening = next(
        (
            c
            for c in clauses
            if _is_funding(c, lexicon) or (_shortcoming_words(c, lexicon) and not _worn_things(c, lexicon))
        ),
        clauses[0],
    )
    funding = _funding_clauses(clauses, lexicon)
    laid_on_money = _laid_on_money(text, clauses, funding, lexicon)
    # 「资金保障不足与资金使用不规范同时存在」: a headline that also names the department's own handling is a real
    # problem (dev ih04, ih08, readers ao/ap and units-17/18).
    first = _sentences(strip_numbering(text))[0]
    own_part = (
        "，".join(c for c in _problem_clauses(first, lexicon) if c not in laid_on_money) if laid_on_money else first
    )
    if own_part and _names_own_handling(own_part, lexicon):
        return False
    money = lexicon.money
    bare = _patterns(money).money_names.sub("", opening)
    dimension_words = [w for ws in lexicon.dimensions.values() for w in ws]
    flows = money.arrival + ([] if _shortcoming_words(opening, lexicon) else money.flows)  # 「资金分年度拨付」
    named = [w for w in dimension_words if w in bare and not any(a in w for a in flows)]
    if not (_is_funding(opening, lexicon) or opening in laid_on_money) and named:
        return False
    if _only_about_money(clauses, funding + laid_on_money, lexicon):
        return True
    # The author's own summing-up that the problem is funding (「总体看，经费保障不足是制约我中心履职的主要问题」, dev
    # iw16, every reader 0; lexicon money.summed_up), with no misuse of the department's own beside it.
    summary = next((m for p in _patterns(lexicon.money).summed_up if (m := p.search(text))), None)
    if summary and _is_funding(summary.group(0), lexicon) and not any(w in text for w in lexicon.money.misuse):
        return True
    headline = _problem_clauses(first, lexicon)
    if not headline or not _is_funding(headline[0], lexicon):
        return False
    return _only_about_money(headline, _funding_clauses(headline, lexicon), lexicon)


def _caused_by_money_only(text: str, lexicon: Lexicon) -> bool:
    """A problem that names money as the cause of what went wrong and says nothing against it (lexicon money.caused).

    The word-set compositions account for every clause; a fresh writer's consequences (「3座旅游厕所中1座仅完成主体
    结构」) fall through them though every reader reads the form as money only (pending nh, session 20). Here, with
    a funding clause, or money arriving or paid late given as the cause, the other clauses need only read as what the
    money did (an outcome, the work's figures, what those served felt) and name nothing of the department's own
    (`_own_beside_money`). Counting every clause without a word of its own as a consequence zeroed real problems
    (session 20's review): the unit's own failings are worded too many ways for a list.
    """
    told = _money_told(text, lexicon)
    return told is not None and not _own_beside_money(told, lexicon)


@dataclass(frozen=True)
class _MoneyTold:
    """A problem's clauses (its form row's label taken off) and which of them are money: `composed` by the word sets,
    `funding` those and money arriving or paid late from a payer (`_late_from_payer`), `laid` what the compositions
    lay on the money."""

    text: str
    clauses: list[str]
    composed: list[str]
    funding: list[str]
    laid: list[str]


def _money_told(text: str, lexicon: Lexicon) -> _MoneyTold | None:
    """The problem's money, or None when it names none, or when it is money that came late told by the spending it
    crowded into the year's end or the unit's own late payouts with no shortfall named: budget execution (the
    convention's reading; dev hz07, ic16, io09), whatever else is told."""
    words = lexicon.money
    if words.caused is None:
        return None
    text = _without_indicator_name(text, lexicon)
    text = _patterns(words).row_label.sub("", text, count=1)
    if _late_for_execution(text, lexicon) or _paid_late(text, lexicon):
        return None
    clauses = _problem_clauses(text, lexicon)
    composed = _funding_clauses(clauses, lexicon)
    funding = composed + [c for c in clauses if c not in composed and _late_from_payer(c, text, lexicon)]
    if not funding:
        return None
    return _MoneyTold(text, clauses, composed, funding, _laid_on_money(text, clauses, funding, lexicon))


def _without_indicator_name(text: str, lexicon: Lexicon) -> str:
    """The problem without an indicator row's label and the indicator's name after it (lexicon
    money.caused.indicator_name: 「偏差指标：……培训演练次数。」), where the name states no shortcoming."""
    caused = lexicon.money.caused
    found = _pattern(caused.indicator_name).match(text) if caused and caused.indicator_name else None
    if found is None:
        return text
    return text if _states_a_shortcoming(found.group("name"), lexicon) else text[found.end() :]


def _states_a_shortcoming(text: str, lexicon: Lexicon) -> bool:
    """A marker of a problem anywhere (`states_a_problem`) or a shortcoming word of its own (`_shortcoming_words`):
    what keeps a form's name or note from being passed over as the form's own words."""
    return states_a_problem(text, lexicon) or _shortcoming_words(text, lexicon)


def _own_beside_money(told: _MoneyTold, lexicon: Lexicon) -> bool:
    """Something of the department's own beside the money (lexicon money.caused): a listed cause without money
    (「一是……三是部分造林地块立地条件差」, dev jj10), a low execution beside money that only came late, a failing or a
    quality of its own work, a cause of another kind, another matter (「另外部分乡镇补助物资发放签收表填写不完整」, dev
    me18), a balance left over, its own late or short payments."""
    words = lexicon.money
    caused = words.caused
    assert caused is not None  # _money_told gives nothing without it
    patterns = _patterns(words)
    text, clauses = told.text, told.clauses
    money = set(told.funding) | set(told.laid)
    cuts = [m.start() for m in patterns.cause_items.finditer(text)]
    if len(cuts) >= 2 and any(
        not any(c in text[a:b] for c in money) for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)
    ):
        return True
    # Spending crowded into the year's end or a low execution rate beside money that only came late, no shortfall of
    # it named elsewhere (「中央资金11月才下达，支出集中在第四季度，执行率偏低」): budget execution.
    execution = [c for c in clauses if any(w in c for w in words.late_for_execution)]
    if execution and not any(patterns.scarce.search(c) for c in clauses if c not in execution):
        return True
    own = [
        *words.own_failings,
        *words.failings,
        *words.misuse,
        *words.other_causes,
        *words.qualities,
        *words.staffing_causes,
        *caused.own_handling,
        *caused.own_qualities,
        # The words of the dimensions no want of money explains (「资产底数不清」), not the things money buys.
        *(
            w
            for d in caused.own_dimensions
            for w in lexicon.dimensions.get(d, [])
            if w not in words.things_bought and w not in caused.told_dimension_words
        ),
    ]
    sentences = re.split(r"[。；;\n]", text)
    return any(_own_clause(clause, told, own, sentences, money, lexicon) for clause in clauses)


def _own_clause(
    clause: str, told: _MoneyTold, own: list[str], sentences: list[str], money: set[str], lexicon: Lexicon
) -> bool:
    """One clause of a problem about money that names something of the department's own (`_own_beside_money`)."""
    words = lexicon.money
    caused = words.caused
    assert caused is not None
    patterns = _patterns(words)
    # An outcome told as what the money led to (「导致预算执行率偏低」) is read without it (money.led_outcomes).
    led = _led_by_money(told.clauses, told.clauses.index(clause), money, lexicon)
    stated = _without_led_outcomes(clause, words) if led else clause
    # Another cause or a misuse named beside the money even within its clause (「配套资金未到位、技术指导跟不上」).
    # (Not in the money's own name: 「加装电梯前期补贴」 names a subsidy.)
    bare = patterns.money_names.sub("", clause)
    # Work of another kind named in what the money could not let go on, with no cause of its own in the clause
    # (「部分已招标项目无法签订施工合同」「前期工作被迫暂停」, session 21's review), is what the money did.
    unable = any(w in clause for w in words.inability) and not patterns.cause_told.search(clause)
    other = any(w in bare for w in words.other_causes) and not unable
    if clause not in told.laid and (other or any(w in bare for w in words.misuse)):
        return True
    # The department's own handling joined to the money in one clause (「经费紧张和支出管理不规范」).
    if clause in told.composed and _names_own_handling(clause, lexicon):
        return True
    # Another matter opened, or a quality of the unit's own work, inside a clause the compositions read as money
    # (「同时个别标段施工单位组织不力、人员机械投入不足」: 投入 there is effort, not money).
    opened = next((m for m in caused.more_matters if clause.strip().startswith(m)), None)
    # (「同时导致部分农民工工资未能按时发放」 goes on with what the money did.)
    # An opener standing alone (「另外，省级资金下达时间较晚，……」, dev ol17) leaves the matter to the clauses after it,
    # each judged on its own.
    rest = clause.strip()[len(opened) :].strip() if opened else ""
    if (rest and not rest.startswith(tuple(lexicon.clauses.consequence_leads))) or any(
        w in bare for w in caused.own_qualities
    ):
        return True
    # The department naming itself in a shortcoming (「我局未能及时采取约谈等措施」).
    names_self = any(w in clause for w in caused.self_names)
    if clause not in told.funding and names_self and _shortcoming_words(clause, lexicon):
        return True
    if clause in told.funding:
        return False
    if any(w in clause for w in caused.balances) and not any(m in clause for m in lexicon.consequence_markers):
        return True
    # A clause of figures only (「年初申报预算860万元」) names no failing, whatever words its items carry; what the
    # compositions laid on the money is checked too (「……快检设备不足，长期未列入更新计划」 is its own).
    figures = _AMOUNT.search(clause) and not any(m in clause for m in lexicon.problem_markers)
    # (Work of another kind the money could not let go on is no word of the unit's own either, as above.)
    own_here = [w for w in own if w not in words.other_causes] if unable else own
    if not figures and any(w in patterns.rate_names.sub("", stated) for w in own_here):
        return True
    if clause in told.laid:
        return False
    # Work not in place with no money in the clause (「我局对施工进度跟踪督促不到位」) is the unit's own; so is money it
    # pays late itself (「镇财政所拨付补助资金不及时」「工程款支付滞后两个月」); 拨付 late with no payer named is the
    # payer's (「资金拨付滞后，施工单位垫资能力有限」, dev ng05: both readers 0).
    named_money = patterns.nouns.search(clause)
    paying = any(w in clause for w in [*words.paid_out, *words.payer_flows, *caused.payments])
    if not (named_money or paying) and any(w in clause for w in caused.own_when_no_money):
        return True
    own_payer = any(w in clause for w in words.short_paid_own)
    if (named_money and own_payer and patterns.payer_late.search(clause)) or (
        paying and patterns.paid_out_late.search(clause) and not patterns.payer_late.search(clause)
    ):
        return True
    # Paying out to those it pays (「部分农户补贴未足额拨付到户」), or the unit naming itself as the one that pays
    # (「我局未足额拨付合同款项」): its own payout.
    paid = patterns.rate_names.sub("", clause)  # 「补贴资金兑付率」 names a rate, not a payout
    if any(w in paid for w in words.payees + caused.self_names) and any(w in paid for w in words.paid_out):
        return True
    # A shortcoming the clause states must be what the money did (an outcome word and nothing else of substance:
    # 「未能在旺季前投入使用」「工期延误4个月」), or what could not be paid or done for want of it; any other
    # (「部分监测数据人工填报存在错报漏报」「已有设备无专人保管」) is the unit's own, however it is worded (session 20's
    # review: a list of the unit's own words alone let half of a reviewer's real problems through).
    # What a want of money does to those it pays, where the problem gives the money as the cause (「人员待遇偏低。
    # 由于财力有限，……」「骨干演员离团」, dev pt04: both readers 0 for problems all put down to money; lexicon
    # money.want_effects). A team heading a problem that names no want (「村级防疫员队伍不稳定。……补助标准偏低」,
    # dev id17) stays the unit's own.
    want_effect = patterns.want_effects.search(clause) is not None and any(
        patterns.cause_told.search(c) for c in told.funding
    )
    felt = [w for w in caused.effects_felt if w in clause]
    felt_words = _alternation(tuple(felt)) if felt else ""
    outcome = (stated != clause or any(w in clause for w in words.shortage_outcomes)) and _only_an_outcome(
        stated, lexicon
    )
    if (
        _shortcoming_words(clause, lexicon)
        and not _unable_for_want(clause, lexicon)
        and not outcome
        and not (felt and not _shortcoming_words(re.sub(felt_words, "", clause), lexicon))
        and not _work_figures(clause, lexicon)
        and not want_effect
        # Paid late by whoever pays (「因付款不及时施工单位放缓进度」): the money, given as the cause of the rest.
        and not (paying and patterns.cause_told.search(clause) and not names_self)
    ):
        return True
    # A clause that states no shortcoming is what the money did when it tells an outcome, the work's figures, what
    # those served felt or the situation; anything else of some length is a matter of its own (「现有车辆存在公车私用
    # 现象」「已采购的建材露天堆放」).
    if not (
        felt
        or any(w in clause for w in words.shortage_outcomes)
        or _unable_for_want(clause, lexicon)  # 「前期工作被迫暂停」: what the want of money forced
        or want_effect  # 「近三年有7名骨干演员离团」 (dev pt04)
        or _work_figures(clause, lexicon)
        or _AMOUNT.search(clause)
        or _background(clause, lexicon)
        or patterns.cause_led.search(clause)  # 「原因是今年农户购机需求旺盛」: a cause that states no shortcoming
        or named_money
        or paying
        or len(clause.strip()) <= caused.short_clause
    ):
        return True
    # A cause of another kind: a clause opening with its cause that names a shortcoming (「主要原因是缺乏专业人员」),
    # or a cause in a sentence without money.
    if patterns.cause_led.search(clause) and any(m in clause for m in lexicon.problem_markers):
        return True
    # A cause given in the clause that is not the money's effect pointed back at (「受此影响」): a second cause after
    # the money (「已建成的2所因师资未配备无法开园」), unless a payment (「因付款不及时」), or any cause in a sentence
    # without money.
    if not patterns.cause_told.search(clause) or any(b in clause for b in caused.effect_back):
        return False
    sentence = next((s for s in sentences if clause in s), clause)
    return (_shortcoming_words(clause, lexicon) and not paying) or not any(m in sentence for m in money)


def _work_figures(clause: str, lexicon: Lexicon) -> bool:
    """A clause of figures (the work done, a rate, an amount, a date: 「完成4所」「全年完成率仅62%」
    「年内仅拨付60万元」) whose only shortcoming is its 仅: how far the money let the work go."""
    rest = _DATES.sub("", _PERCENT.sub("", _WORK_COUNT.sub("", _AMOUNT.sub("", clause))))
    return rest != clause and not _shortcoming_words(rest.replace("仅", "").replace("只", ""), lexicon)


def _late_from_payer(clause: str, text: str, lexicon: Lexicon) -> bool:
    """Money arriving late from a source the problem names (上级, 补助), paid late by a paying body named in the
    clause (「区财政资金拨付滞后」), or either given as the cause (「因资金到位晚」「主要是服务购买经费拨付滞后」);
    never money the clause says the unit pays on (`short_paid_own`, `payees`)."""
    words = lexicon.money
    patterns = _patterns(words)
    arriving = patterns.late.search(clause) or patterns.arrived_late.search(clause)
    paid = patterns.payer_late.search(clause)
    if not ((arriving or paid) and patterns.nouns.search(clause)):
        return False
    if any(w in clause for w in words.short_paid_own + words.payees):
        return False
    if paid and any(b in clause for b in words.paying_bodies):
        return True
    return bool(patterns.cause_led.search(clause)) or bool(arriving and patterns.upstream.search(text))


def _laid_on_money(text: str, clauses: list[str], funding: list[str], lexicon: Lexicon) -> list[str]:
    """Beside the funding clauses, what the text lays on the money: money paid late by its payer, what a closing clause
    attributes to it, capacity it leaves short, what a sentence tells after it as its cause, and what it held up."""
    laid = (
        _paid_late_by_payer(clauses, funding, text, lexicon)
        + _attributed_to_money(text, clauses, funding, lexicon)
        + _capacity_left_short(clauses, funding, lexicon)
        + _effects_of_money(text, funding, lexicon)
    )
    return laid + _held_up_after(clauses, funding + laid, lexicon)


def _causes_of_deviation(text: str, lexicon: Lexicon) -> list[str]:
    """A deviation told in sentences of its own and then its causes under a lead (money.deviation_cause_leads:
    「……计划新建及改造管网15.8公里，实际完成9.6公里。主要原因：一是……；二是……」, pending ng04): each cause, when the
    deviation names no failing of the unit's own and gives no cause itself; otherwise nothing."""
    words = lexicon.money
    text = _without_deviation_label(text, lexicon)  # 「偏差原因分析：」 labels the cell, not a cause
    lead = _patterns(words).deviation_cause_lead.search(text)
    if lead is None:
        return []
    deviation, told = text[: lead.start()], text[lead.end() :]
    if any(m in deviation for m in lexicon.cause_markers):
        return []
    # Figures or outcomes only: a shortcoming headed first (「二是增殖放流效果评估不足。……」, dev jo17) is the problem
    # the causes analyse, not a deviation they explain. The names of the indicators measured (「高血压患者规范管理率」)
    # are no failing; a failing told beside the figures (「项目管理不规范」) is.
    if not _told_as_deviation(deviation, lexicon):
        return []
    causes = [strip_numbering(c) for c in re.split(r"[；;]|。(?=.)", told) if c.strip("。 \n")]
    # A closing sentence of the money's own figures (「资金执行率为71.2%，剩余资金结转下年」, dev ni15) tells more of
    # the deviation, not a cause; a cause with figures of anything else (「二是12个标段中有5个标段招标延误2个月」,
    # session 18's review) is a cause.
    last = _clauses(causes[-1]) if len(causes) > 1 else []
    if last and all(_patterns(words).nouns.search(c) for c in last) and _told_as_deviation(causes[-1], lexicon):
        causes = causes[:-1]
    return causes


def _money_and_outcomes_only(cause: str, lexicon: Lexicon) -> bool:
    """A deviation's cause that is money and nothing else: composed as a funding shortage, and no clause beside the
    money a cause of another kind (money.other_causes: 「部分村选址变更」「招标延误」) or a shortcoming that is not only
    an outcome (「部分乡镇群众发动不充分」「技术指导跟不上」): the composition of a headline problem lets short clauses
    pass as its effects; in a list of causes they are causes (session 18's review)."""
    if not _funding_composed(cause, lexicon):
        return False
    words = lexicon.money
    clauses = _problem_clauses(cause, lexicon)
    funding = _funding_clauses(clauses, lexicon)
    laid = _laid_on_money(cause, clauses, funding, lexicon)
    for clause in clauses:
        # Named beside the money even within its clause (「配套资金未到位及选址变更所致」).
        if clause not in laid and any(w in clause for w in words.other_causes):
            return False
        if clause in funding or clause in laid:
            continue
        if _patterns(words).nouns.search(clause) or _AMOUNT.search(clause):
            continue
        if _shortcoming_words(clause, lexicon) and not (
            _shortage_outcome(clause, lexicon) or _unable_for_want(clause, lexicon)
        ):
            return False
    return True


def _shortage_outcome(clause: str, lexicon: Lexicon) -> bool:
    """Only what a want of money does to the work (money.shortage_outcomes named, nothing else stated), naming nothing
    of the unit's own (「项目验收不及时」「决算审计滞后」 are its handling, session 18's review)."""
    told = clause.strip()
    lead = next((w for w in lexicon.clauses.consequence_leads if told.startswith(w)), "")
    told = told[len(lead) :]
    return (
        any(w in told for w in lexicon.money.shortage_outcomes)
        and _only_an_outcome(told, lexicon)
        and not _of_its_own(told, lexicon)
        and not any(w in told for w in lexicon.money.failings + lexicon.cause_markers)
    )


def _told_as_deviation(text: str, lexicon: Lexicon) -> bool:
    """Every clause figures (no failing named beside them but in an indicator's name) or an outcome only."""
    failings = lexicon.money.failings
    rate_name = _pattern(lexicon.clauses.rate_name)
    for clause in _clauses(strip_numbering(text)):
        in_figures = re.search(r"\d", clause) and not any(w in rate_name.sub("", clause) for w in failings)
        if not (in_figures or _only_an_outcome(clause, lexicon)):
            return False
    return True


def _paid_late_by_payer(clauses: list[str], funding: list[str], text: str, lexicon: Lexicon) -> list[str]:
    """Money the unit receives, paid out late by whoever pays it (「基本公共卫生服务补助资金拨付时间较晚」): its
    拨付 is the payer's when the unit names itself as one that receives (「我院」「我校」; money.recipients) and the
    money is granted (money.received), or when another clause beside it tells money from above arriving late
    (「……资金拨付滞后，上级补助资金到位时间较晚」; dev jr09, js18). Otherwise 拨付 is the department's own. So is
    money paid short (「项目资金未足额拨付」, money.short_paid) beside a funding clause, when no payee is named."""
    words = lexicon.money
    patterns = _patterns(words)
    arrived_late = any(patterns.late.search(c) for c in funding)
    # Money from above short (「但县级配套资金迟迟未能落实」, pending ng15): what the unit pays on comes late too.
    short_from_above = any(any(w in c for w in words.upstream + words.payable_to_unit) for c in funding)
    # A unit that receives may also pay out: naming who is paid keeps its 拨付 its own (money.payees).
    recipient = any(w in text for w in words.recipients) and not any(w in text for w in words.payees)
    paid_short = [
        c
        for c in clauses
        if c not in funding
        and funding
        and patterns.payer_short.search(c)
        and not any(w in text for w in words.payees + words.short_paid_own)
    ]

    def payers_late(clause: str) -> bool:
        late = patterns.payer_late.search(clause)
        if late is None or any(w in clause for w in words.misuse):
            return False
        # The money named before its 拨付 (which _money_nouns reads as handling), or the body that pays named as its
        # subject (「县级财政拨付不及时」, pending ng11) beside a funding clause. Money granted from above
        # (「补助资金拨付滞后」 beside 「体检经费短缺」, dev ni03) is paid by whoever grants it. Not when the unit
        # names itself or whom it pays (「我局临时救助资金拨付滞后」), or a failing of its own (「……拨付审核滞后」):
        # session 18's review.
        own = any(w in clause for w in words.short_paid_own + words.payees + words.failings)
        granted = any(w in clause for w in words.received)
        if patterns.nouns.search(clause) and (
            arrived_late
            or (short_from_above and not own)
            or (recipient and granted)
            or (granted and bool(funding) and not own)
            or _owed_by_payer(clause, words)
        ):
            return True
        return bool(funding) and not own and clause[: late.start()].rstrip().endswith(tuple(words.paying_bodies))

    return paid_short + [c for c in clauses if c not in funding and c not in paid_short and payers_late(c)]


def _owed_by_payer(clause: str, words: MoneyWords) -> bool:
    """Money owed to the unit coming in (「医保资金回款滞后」, money.owed_in) from a payer it names (money.owed_by);
    not the unit's own collecting (「检测服务收费回款不及时，……催收力度不够」, session 16's review)."""
    return any(w in clause for w in words.owed_in) and any(p in clause for p in words.owed_by)


def _attributed_to_money(text: str, clauses: list[str], funding: list[str], lexicon: Lexicon) -> list[str]:
    """The clauses a closing funding clause lays on the money: those of its sentence (「办公用房老旧，监测设备不足，
    均因缺乏资金无法改善」; lexicon money.attributions), or of the whole problem when the money is its only cause
    (「2.教学设备陈旧。……运行缓慢，因缺少资金一直未能更新。」, dev ka16: both readers 0; money.caused_by, no other
    cause told). What the shortage causes, but never a clause of the department's own (`_of_its_own`)."""
    words = lexicon.money
    before = clauses[:-1]
    if (
        len(clauses) >= 2
        and clauses[-1] in funding
        and clauses[-1].strip().startswith(tuple(words.caused_by))
        and not any(m in c for c in before for m in lexicon.cause_markers)
        and not any(_of_its_own(c, lexicon) for c in before)
    ):
        return before
    attributed: list[str] = []
    for sentence in _sentences(text):
        told = _problem_clauses(sentence, lexicon)
        if len(told) >= 2 and told[-1] in funding and told[-1].strip().startswith(tuple(words.attributions)):
            attributed += [c for c in told[:-1] if not _of_its_own(c, lexicon)]
    return attributed


def _effects_of_money(text: str, funding: list[str], lexicon: Lexicon) -> list[str]:
    """The clauses a sentence tells after its money given as the cause (「受县级财力紧张影响，配套资金难以按期落实，
    工程进度款支付滞后，……项目完工时间较计划推迟约4个月」, dev mz18: both readers 0): what the shortage did, unless
    one names a failing of the department's own (money.failings) or gives another cause."""
    words = lexicon.money
    effects: list[str] = []
    for sentence in _sentences(text):
        told = _problem_clauses(sentence, lexicon)
        framed = next(
            (n for n, c in enumerate(told) if c in funding and _opens_with_cause(c, lexicon)),
            None,
        )
        if framed is None:
            continue
        after = [c for c in told[framed + 1 :] if c not in funding]
        # Failings hold misuse; a cause of another kind (「部分改厕户选择自行建设」) is no effect (session 18's review).
        if any(w in c for c in after for w in words.failings + lexicon.cause_markers + words.other_causes):
            continue
        # Every one only an outcome: a shortcoming of the unit's own beside them (「我局对项目进度跟踪督促不到位」「前期
        # 论证不充分」, session 17's review) keeps the sentence its own.
        if not all(_only_an_outcome(c, lexicon) for c in after):
            continue
        effects += after
    return effects


def _held_up_after(clauses: list[str], money: list[str], lexicon: Lexicon) -> list[str]:
    """After a clause of money short or late, what it held up and nothing else: the unit's payments to beneficiaries
    late or short (「……县级配套补助因财力紧张未能落实，作业补贴兑付滞后」, pending ng07; money.payouts), work put
    off for money told within its clause (「部分体检、随访工作因经费拨付滞后而推迟开展」, pending ng16), and work not
    started or targets missed: each only an outcome, with no failing of the unit's own and no other cause."""
    words = lexicon.money
    first = next((n for n, c in enumerate(clauses) if c in money), None)
    if first is None:
        return []
    held: list[str] = []
    other_matters = [w for d, ws in lexicon.dimensions.items() if d != "fund_management" for w in ws if len(w) > 2]
    # A chain: each clause right after the money or after what it held up; a clause of anything else, or one that
    # turns (「但对象动态调整存在滞后」, held-out lb10), ends it.
    for n, clause in enumerate(clauses[first + 1 :], start=first + 1):
        # Money told as come (「中央资金虽已到位」, pending ng15) goes on about the money: neither held up nor the end.
        if clause in money or (_money_nouns(clause, words) and not _shortcoming_words(clause, lexicon)):
            continue
        if clauses[n - 1] not in money and clauses[n - 1] not in held and not _money_nouns(clauses[n - 1], words):
            break
        if clause.strip().startswith(tuple(lexicon.clauses.turns)) or any(w in clause for w in words.failings):
            break
        within = _pattern(lexicon.clauses.cause_within).search(clause)
        if within is not None:
            cause = within.group("cause")
            if not (_is_funding(cause, lexicon) or _patterns(words).payer_late.search(cause)) or not _only_an_outcome(
                clause[: within.start("cause")] + within.group("effect"), lexicon
            ):
                break
            held.append(clause)
            continue
        if any(m in clause for m in lexicon.cause_markers):
            break
        # Work not started or put off, targets missed (「剩余6.2公里管网……未开工」「污水收集率提升目标未实现」), naming
        # no matter of the unit's own (「信息化建设滞后」「项目验收不及时」「决算审计滞后」, session 18's review).
        outcome = _shortage_outcome(clause, lexicon) and not any(w in clause for w in other_matters)
        if not (outcome or _payout_held_up(clause, lexicon)):
            break
        held.append(clause)
    return held


def _payout_held_up(clause: str, lexicon: Lexicon) -> bool:
    """The unit's payment to its beneficiaries late or short and nothing else (「作业补贴兑付滞后」「村医补助未能按季度
    足额兑现」; money.payouts): its lateness is what the money did to it; a handling or failing of its own beside the
    payment (「审核」「台账」) is not."""
    words = lexicon.money
    if not any(w in clause for w in words.payouts) or any(w in clause for w in words.other_causes):
        return False
    told = re.sub(_alternation(tuple(words.late)), "", clause) if words.late else clause
    bare = re.sub(_alternation(tuple(words.payouts)), "", told)
    return _only_an_outcome(told, lexicon) and not _of_its_own(bare, lexicon)


def _capacity_left_short(clauses: list[str], funding: list[str], lexicon: Lexicon) -> list[str]:
    """A short clause of capacity for the work (「项目检查验收力量不足」; money.capacity_short) right after a funding
    clause, with no other shortcoming: what the shortage leaves (dev jo18, both readers 0: 「基层林业站人员经费和
    工作经费紧张，项目检查验收力量不足」). On its own (「财务人员力量薄弱」) capacity stays the department's own."""
    words = lexicon.money
    # Capacity for the department's own management (money.own_management_capacity) stays its own; so does capacity
    # an earlier clause puts down to staffing (「单位编制数少」).
    managed = words.own_management_capacity
    return [
        clause
        for n, clause in enumerate(clauses)
        if n > 0
        and clauses[n - 1] in funding
        and clause not in funding
        and any(clause.strip().endswith(w) for w in words.capacity_short)
        and len(clause.strip()) <= 16
        and not any(w in clause for w in words.failings + words.misuse + managed)
        and not any(w in c for c in clauses[:n] for w in words.staffing_causes)
    ]


def _of_its_own(clause: str, lexicon: Lexicon) -> bool:
    """A clause naming a matter of the department's own, which no attribution lays on the money: a word of a dimension
    other than its duties and what money buys (money.things_bought), a handling word, a failing or an act of its own
    (「固定资产账实不符」「预算编制不够细化」「未按规定公示」; session 12's review)."""
    words = lexicon.money
    bare = _patterns(words).money_names.sub("", clause)
    dimension = [
        w for d, ws in lexicon.dimensions.items() if d != "duty_performance" for w in ws if w not in words.things_bought
    ]
    return any(w in bare for w in dimension + words.failings + words.handling + words.own_acts)


# A form cell's label before its text: 「偏差原因：」「存在问题：」「问题说明：」.
_FORM_LABEL = re.compile(r"^\s*[^：:，,。；;\n]{0,6}(?:原因|问题|情况|说明)[：:]")


def _names_own_handling(headline: str, lexicon: Lexicon) -> bool:
    """A headline that joins a shortfall of money to the department's own handling of it (「A与B」「A和B」)."""
    # 「经费偏少，与承担的工作任务不匹配」 (dev kw18): a clause opening with 与 before a comparison says what the money
    # is measured against, not a second matter; 「资金到位与工作进度不同步」 (dev jm10) joins two within one clause.
    measured = _patterns(lexicon.money).measured_against.sub("", headline)
    parts = [headline, *(p for p in _JOINED.split(measured) if not _is_funding(p, lexicon))]
    return any(_own_matter(part, True, lexicon) for part in parts)


# 「A与B」「A和B」「A及B」, not 及 inside 及时, 涉及, 以及.
_JOINED = re.compile(r"与|和|(?<![涉以])及(?!时)")


def _late_for_execution(text: str, lexicon: Lexicon) -> bool:
    """Money from above that comes late, told by the spending it crowds into the year's end and with no shortfall
    of the money itself (lexicon money.late_for_execution): budget execution, not a shortage."""
    words = lexicon.money
    patterns = _patterns(words)
    lead = problem_list_lead(text, lexicon)
    text = text[lead.end() :] if lead else text  # the list's lead-in 「仍存在一些不足：」 is no shortfall
    return (
        bool(_spans(patterns.late, text) or _spans(patterns.arrived_late, text))
        and any(w in text for w in words.late_for_execution)
        and not _spans(patterns.scarce, text)  # scarce and shrinking alike
    )


def _paid_late(text: str, lexicon: Lexicon) -> bool:
    """The department's own payments to beneficiaries told by when they were made (「部分村卫生室补助年底才兑付」,
    lexicon money.late_told): budget execution, when no clause is about a shortfall of money (「配套资金难以落实」
    「经费入不敷出」) and no money from above is dated by its arrival (「部分资金12月份才到位」: external, dev ig05)."""
    patterns = _patterns(lexicon.money)
    if not patterns.late_told.search(text) or patterns.arrived_late.search(text):
        return False
    return not any(_is_funding(clause, lexicon) for clause in _problem_clauses(text, lexicon))


def _funding_flags(units: list[str], own: list[bool], lexicon: Lexicon) -> list[bool]:
    """Which problems are only a funding shortage (convention funding_beside_real): each judged on its own
    (`own`), and beside them a problem that only gives their background (the workload, the area: 「一是承担任务
    繁重。……」 before 「二是财政保障能力弱。……」) is part of the shortage, not a shortcoming of the department's."""
    flags = list(own)
    if not any(flags):
        return flags
    return [
        f
        or _background_only(u, lexicon)
        or _conditions_only(u, lexicon)
        or _held_up_by_money(u, lexicon)
        or _grant_unpaid_only(u, lexicon)
        for u, f in zip(units, flags, strict=True)
    ]


def _grant_unpaid_only(text: str, lexicon: Lexicon) -> bool:
    """A problem that only tells money granted from above not yet paid on, and what waits for it (「14户因补助资金未
    拨付暂未开工」「已竣工户中有23户补助资金尚未兑付到户」, dev ni16 beside 「县级配套未到位」): beside funding
    shortages, the same shortage. A failing of the unit's own, or another cause, keeps it its own."""
    words = lexicon.money
    not_paid = _patterns(words).unpaid
    clauses = _problem_clauses(text, lexicon)
    unpaid = [
        c
        for c in clauses
        if any(w in c for w in words.received)
        and not_paid.search(c)
        and not any(w in c for w in words.failings)
        and not any(m in not_paid.sub("", c) for m in lexicon.cause_markers if m != "因")
    ]
    return bool(unpaid) and all(c in unpaid or _only_an_outcome(c, lexicon) for c in clauses)


def _money_only(text: str, lexicon: Lexicon) -> bool:
    """A measure that only asks for money: by composition, or by the money model."""
    return _money_call(text, "request", lexicon).only


def _freed_for_more(text: str, lexicon: Lexicon) -> bool:
    """Money freed by cuts and put into the work (「压减一般性支出，挤出资金集中投入……建设」): more money for that
    work when no listed problem is a funding shortage for the cut to ease (convention money_beside_real); the
    caller decides that. Every other clause only cuts or restructures."""
    words = lexicon.money
    clauses = [c for c in _clauses(text) if len(c.strip()) > 2]
    freed = [
        c
        for c in clauses
        if any(w in c for w in words.frees) and any(w in c for w in words.nouns) and any(w in c for w in words.invests)
    ]
    if not freed:
        return False
    return all(any(w in c for w in words.stewardship + words.restructures) for c in clauses if c not in freed)


def _money_composed(text: str, lexicon: Lexicon) -> bool:
    """Only asks for more money, in any wording (convention money_beside_real): every clause whose action is
    obtaining money (争取/筹措/筹集/追加/提高…标准、比例、安排), what leads up to that request (「主动向县委、
    县政府汇报」), the shortfall it answers (「解决资金不足问题」) and its purpose (「保障各项工作正常运转」)."""
    clauses = [c for c in _clauses(text) if len(c.strip()) > 2]
    words = lexicon.money
    if _after_the_money_only(clauses, lexicon):
        return True
    money = [c for c in clauses if _obtains_money(c, lexicon)]
    # Held money directed to pay for something (「盘活存量资金，统筹用于经办服务能力建设」) raises money for it;
    # with a rule of stewardship (「按规定收回」「压减」) it is management.
    purposes = [c for c in clauses[1:] if c.strip().startswith(tuple(words.purposes))]
    if not any(w in text for w in words.stewardship):
        # Money found to fill a gap (「从其他科目调剂资金补足……的缺口」) is money raised for it.
        money += [c for c in clauses if _fills_gap(c, words) and c not in money]
        held = [c for c in clauses if _mobilises_held(c, words) and c not in money]
        # Among channels of raising money (「多渠道筹措资金，盘活存量资金，吸引社会资本参与乡村建设」, dev ir16, every
        # reader 0) held money put to use is one more channel.
        channels = len(money) >= 2 and all(c in money or c in held for c in clauses)
        if purposes or channels:
            money += held
    # Money due sooner to ease a shortage of money (「力争提前下达资金，缓解地方垫资压力」) is asked for; to
    # prepare the work (「提前掌握资金下达计划，做好项目前期准备」) it is handling.
    if any(_is_funding(c, lexicon) for c in purposes):
        money += [c for c in clauses if _due_sooner(c, words) and c not in money]
    # So is money sought from above to come sooner (「争取2024年资金提前下达，尽早到位」, dev ni01: both readers count
    # the measure a request), and its arrival sooner told right after it.
    for n, clause in enumerate(clauses):
        sought = any(w in clause for w in words.seek) or (n > 0 and clauses[n - 1] in money)
        paid_on = any(w in clause for w in words.payees + words.short_paid_own)  # 「及时足额拨付到村」 is the unit's
        if clause not in money and _due_sooner(clause, words) and sought and not paid_on:
            money.append(clause)
    if not money:
        return False
    # What leads up to the request: a report or talk upward (money_request_preambles), or studying the
    # money on offer above (「认真研究中央和省级政法转移支付政策」).
    upward = tuple(words.upstream)
    around = [
        c
        for n, c in enumerate(clauses)
        if _is_funding(c, lexicon)
        or _sets_terms(clauses, n, lexicon)
        or any(re.search(p, c.strip()) for p in lexicon.money_request_preambles)
        or _asks_payer(c, words, alone=True)
        or (
            any(u in c for u in upward)
            and any(s in c for s in words.sought)
            and not any(m in c for m in lexicon.action_markers)
        )
    ]
    # What the project sought builds (「积极争取项目支持，新建2个病死畜禽收集点」, dev js17: readers 5/7, the measure
    # read as money asked for): the clause right after the request, opening with a building verb (money.buys).
    # So does a favour asked of the payer right after a request (「争取上级加大补助力度，在资金分配上给予倾斜」, dev
    # kc17: both readers 0): 给予/予以 and what is granted.
    buys = tuple(words.buys)
    favour = _patterns(words).favour
    bought = [
        c
        for before, c in itertools.pairwise(clauses)
        if before in money
        and (
            c.strip().startswith(buys)
            or (words.grants and words.granted and favour.search(c))
            # How the money asked for is to be paid (「协调县财政尽早足额落实县级配套资金，实行按季预拨」, pending
            # ng16): the payer's schedule, the request going on.
            or (
                any(t in c for t in words.payment_terms)
                and len(c.strip()) <= _SHORT_STANCE_MAX
                and not any(w in c for w in words.payees + words.short_paid_own)
                and not _patterns(words).paid_on_to.search(c)
            )
        )
    ]
    return _only_about_money(clauses, money + around + bought + _payer_grants(clauses, lexicon), lexicon, problem=False)


def _after_the_money_only(clauses: list[str], lexicon: Lexicon) -> bool:
    """A measure set to start once the money comes (「资金到位后督促施工单位抓紧开工，确保剩余2座水库汛前完成主体工程」
    「待上级资金拨付后及时支付工程款」, dev ni01: both readers count it no step of the unit's own; money.after_money)
    that only pushes the work or the payments on (money.follow_ups) or says what for: the request for money goes on.
    A step of the department's own after it (「建立资金拨付台账」, an action marker) is a measure of its own."""
    if not clauses:  # a measure of nothing but a short word (「无。」) has no opening
        return False
    words = lexicon.money
    after_money = _patterns(words).after_money
    # The condition opens the measure, or its second clause after a short subject (「对已完工程，待上级资金拨付后……」).
    subject = strip_numbering(clauses[0]).strip()
    short_subject = len(subject) <= _SHORT_STANCE_MAX and not _obtains_money(subject, lexicon)
    opening = clauses[:1] + (clauses[1:2] if short_subject else [])
    at = next((n for n, c in enumerate(opening) if after_money.search(strip_numbering(c).strip())), None)
    if at is None:
        return False
    rest = [after_money.sub("", strip_numbering(c).strip()) for c in clauses[at:]]
    return all(
        not any(m in c for m in lexicon.action_markers + words.own_steps_after)
        and (any(f in c for f in words.follow_ups) or c.strip().startswith(tuple(words.purposes)))
        for c in rest
        if c.strip()
    )


def _payer_grants(clauses: list[str], lexicon: Lexicon) -> list[str]:
    """After a clause that asks a payer (「建议县财政加大……投入力度」), the clauses that go on to provide money
    (「安排专项资金用于……设备购置」「落实……人员经费保障」) say what the payer is asked to give: the request goes
    on, whatever the money is for (convention money_beside_real; ia17 by readers w/x, both 0)."""
    words = lexicon.money
    asked = next((n for n, c in enumerate(clauses) if _asks_payer(c, words)), None)
    if asked is None:
        return []
    patterns = _patterns(words)

    def named(c: str) -> list[int]:
        # Money however it is used next (「专项资金用于」): what it is for does not make the payer's gift a step.
        other = _spans(patterns.not_money, c)
        return [a for a, b in _spans(patterns.asked_nouns, c) if not any(x <= a and b <= y for x, y in other)]

    return [
        c
        for c in clauses[asked + 1 :]
        if any(0 <= a - d <= _GAP for _, d in _spans(patterns.provision, c) for a in named(c))
    ]


def _sentences(text: str) -> list[str]:
    """Sentences that stand verbatim in the report: split at 。；; and never across paragraphs."""
    return [s.strip() for s in re.split(r"(?<=[。；;])|\n", text) if s and s.strip()]


def _sentences_with(text: str, words: list[str]) -> list[str]:
    return [s for s in _sentences(text) if any(w in s for w in words)]


# 「存在一些不足，主要是……」「问题主要是……」 lists the problems themselves: the marker follows a word for the
# shortcomings, not a stated problem (convention dimensions_per_band). The word must stand as a noun (at the
# start, or after 一些/以下/的…): in 「对年度工作量预计不足，造成……」 不足 is a shortfall and what follows is its
# consequence, the clause before it the cause (hr02, both readers).
_LISTING = re.compile(r"(^|一些|以下|如下|几个|几点|主要|存在|的|些|个|等)(不足|问题|短板|差距|方面)[，,：:]?\s*$")


def _cause(text: str, lexicon: Lexicon) -> str | None:
    """The first sentence that gives a cause; words that name none (「既有客观因素，也有主观因素」) do not."""
    for sentence in _sentences(text):
        named = sentence
        for vague in lexicon.vague_causes:
            named = re.sub(re.escape(vague), lambda m: m.group(0) if _names_before(m) else "", named)
        for pattern in lexicon.not_causes:
            named = re.sub(pattern, "", named)
        for marker in lexicon.cause_markers:
            at = named.find(marker)
            if at >= 0 and not _LISTING.search(strip_numbering(named[:at])):
                return sentence
        if any(re.search(pattern, named) for pattern in lexicon.cause_patterns):
            return sentence
    return None


def _names_before(vague: re.Match[str]) -> bool:
    """「既有地处偏远、税源少的客观原因」: causes named before 「的」 close with the vague word, which then stays;
    「有其自身的客观原因」「各方面的客观原因」 name none."""
    before = vague.string[: vague.start()]
    if not before.endswith("的"):
        return False
    named = re.split(r"[，,。；;：:]|有|是|为", before[:-1])[-1]
    return len(named) >= _NAMED_CAUSE_MIN_CHARS and named not in _NO_NAMED_CAUSE


_NAMED_CAUSE_MIN_CHARS = 4
_NO_NAMED_CAUSE = {"其自身", "自身", "一定", "各方面", "多方面", "方方面面", "客观上", "主观上"}


def is_set_out(problem: str, lexicon: Lexicon) -> bool:
    """Set out beyond its headline (convention set_out): after the first clause (under a group heading, of the item
    below it), words of its own that say which work and how, not one more soft clause (「……还需进一步加强」)."""
    if not lexicon.set_out_min_chars:
        return False
    item = problem.partition("\n")[2] if _under_heading(problem) else problem
    clauses = [c for c in re.split(r"[，,。；;：:\n]", strip_numbering(item)) if c]
    rest = "".join(clauses[1:])
    return (
        len(rest) >= lexicon.set_out_min_chars
        and len(_own_words(rest, [], lexicon)) >= lexicon.set_out_min_words
        and not any(w in rest for w in lexicon.set_out_soft_words)
    )


def is_stance(problem: str, lexicon: Lexicon) -> bool:
    """Only the staff's attitude, style or ability, no matter of the work (convention stance_only): every clause
    but the framing ones names a stance subject and a soft predicate; no figure, no cause."""
    text = strip_numbering(problem)
    if not lexicon.stance_subjects or find_numbers(_DATES.sub("", text)) or _cause(text, lexicon):
        return False
    clauses = [c for c in _clauses(text) if c and not _framing(c, lexicon)]
    clauses = [c for c in (_SLOGAN_LEAD.sub("", c) for c in clauses) if c and not re.fullmatch(r"\d+年", c)]
    return bool(clauses) and all(_stance_clause(c, lexicon) for c in clauses)


def _framing(clause: str, lexicon: Lexicon) -> bool:
    """「在县委、县政府的坚强领导下」「取得了一定成效」: the report's frame around its list, stating no shortcoming
    (「项目未取得预期成效」 states one)."""
    # A clause that names the gap while it frames (「但与上级要求相比仍有一定差距」) is a stance, not its frame.
    # A pledge that names nothing to improve (「需要在今后工作中持续改进」) frames the gap; 「政府采购流程需要持续改进」
    # names a matter (session 23's review).
    if any(_pattern(p).fullmatch(clause.strip("。；;，, ")) for p in lexicon.stance_pledges):
        return True
    return (
        any(w in clause for w in lexicon.stance_framing)
        and not re.search(r"未|不|没有|缺", clause)
        and not any(w in clause for w in lexicon.stance_predicates)
    )


def _stance_clause(clause: str, lexicon: Lexicon) -> bool:
    """A soft predicate on the staff's attitude or ability, or on a level that names no dimension of the rubric
    (「管理水平有待提升」, not 「资产管理水平不高」)."""
    if not any(w in clause for w in lexicon.stance_predicates):
        return False
    # The staff's attitude or ability stays a stance in a field too (「思想认识方面还有差距」「业务能力方面有待提高」);
    # any other gap in a field the clause names (「在精细化管理方面仍有一定差距」, dev ij10: readers 9/10) is a matter
    # of the work.
    if any(w in clause for w in lexicon.stance_subjects):
        return True
    if re.search(r"[\u4e00-\u9fff]{2,}方面", clause):
        return False
    named = any(w in clause for words in lexicon.dimensions.values() for w in words)
    return not named and any(w in clause for w in lexicon.stance_level_subjects)


def without_pasted_causes(problems: list[ProblemFact]) -> tuple[list[ProblemFact], list[str]]:
    """Problems without the causes pasted under two or more of them in the same words (convention pasted_causes):
    「原因：对预算绩效管理重视程度不够，业务学习不够深入。」 under every problem explains none of them. A causes
    paragraph the report gives once for all its problems (item_segmentation) is not in any problem's own text
    and stays."""
    own = [_cause_words(p.cause) if p.cause and p.cause in p.text else "" for p in problems]
    counts = collections.Counter(w for w in own if w)
    pasted = {w for w, n in counts.items() if n >= 2}
    if not pasted:
        return problems, []
    quoted = list(dict.fromkeys(p.cause for p, w in zip(problems, own, strict=True) if w in pasted and p.cause))
    kept = [p.model_copy(update={"cause": None}) if w in pasted else p for p, w in zip(problems, own, strict=True)]
    return kept, quoted


def _cause_words(cause: str) -> str:
    """A cause's words without its 「原因：」 lead and punctuation, to see the same cause under two problems."""
    return re.sub(r"[\s，,。；;：:、]", "", re.sub(r"^.*?原因(?:是|在于|主要是|为)?[：:]?", "", cause, count=1))


def _specifics(text: str, lexicon: Lexicon) -> list[str]:
    """Sentences with a figure or a case (lexicon case_patterns: a count in words, a named indicator or project);
    a date (「2023年」) is when, not a figure."""
    return [
        s
        for s in _sentences(text)
        if find_numbers(_DATES.sub("", strip_numbering(s))) or any(re.search(p, s) for p in lexicon.case_patterns)
    ]


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=4096)
def _segmented(text: str) -> tuple[str, ...]:
    """jieba's words of a text. Memoised: segmenting is most of the extractor's time, and it compares
    every measure with every problem, so one report segments the same few texts five times over."""
    return tuple(_jieba().lcut(text))


_FIGURE_WORD_RE = re.compile(r"[\d.%％]+")


def _content_words(text: str, lexicon: Lexicon) -> set[str]:
    words = _segmented(strip_numbering(text))
    stop = set(lexicon.stopwords)
    return {w for w in words if len(w) >= 2 and w not in stop and not _FIGURE_WORD_RE.fullmatch(w)}


def _answers(measure: str, problems: list[str], lexicon: Lexicon, slogan: bool = False) -> list[int]:
    """The problems a measure is aimed at: those it shares most words with (words any report could use
    do not count), and any other it shares at least half as many with; a single shared word counts
    only with a shared dimension, and a measure with content of its own (not a slogan) that shares
    only a word any money matter names (「经费」) is about something else (convention no_answer)."""
    generic = set(lexicon.boilerplate)
    measure_words = _content_words(measure, lexicon) - generic
    measure_dims = set(_dimensions(measure, lexicon)) | set(_loose_dimensions(measure, lexicon))
    weak = set() if slogan else set(lexicon.weak_links)
    shared = []
    for problem in problems:
        words = _words_shared(measure, measure_words, problem, generic, lexicon)
        dims = measure_dims & (set(_dimensions(problem, lexicon)) | set(_loose_dimensions(problem, lexicon)))
        # A single shared word that any money matter names (「经费」「预算」) aims at nothing in particular; one
        # shared with the words around it (「完善工程管护机制」 for 「管护机制不健全」, dev is04) names the matter.
        phrase = len(words) == 1 and bool(words - weak) and _shares_phrase(measure, problem, next(iter(words)), generic)
        # A shared word of four characters in the problem's headline names the matter by itself
        # (「统一申报材料清单」 for 「部分县（区）申报材料不规范」, dev pd17: readers 8/8 count the measure); met only
        # in its details (「食品安全宣传周」 against 「……食品安全抽检经费……」, dev iu08: its four readers count no
        # measure) it names nothing.
        phrase = phrase or (len(words) == 1 and _headline_word(next(iter(words - weak), ""), problem))
        # A slogan that restates its problem (「增强工作计划性」 for 「部分工作计划性不强」, dev pg13: readers 6/6,
        # 「仅形式上对应问题」) touches it by the one telling word it repeats: 「过于简单」, not an answer (convention
        # slogans).
        shared.append(len(words) if len(words) >= 2 or (words - weak and (dims or phrase or slogan)) else 0)
    best = max(shared, default=0)
    return [i for i, n in enumerate(shared) if n and (n == best or n >= max(2, best / 2))]


def _headline_word(word: str, problem: str) -> bool:
    """A word of at least _PHRASE_CHARS characters in the problem's first clause."""
    clauses = _clauses(strip_numbering(problem))
    return len(word) >= _PHRASE_CHARS and bool(clauses) and word in clauses[0]


def _words_shared(measure: str, measure_words: set[str], problem: str, generic: set[str], lexicon: Lexicon) -> set[str]:
    """The telling words a measure and a problem share (`measure_words`: the measure's own, less `generic`), as
    substrings either way, so that segmentation (「业务人员」 against 「业务」「人员不足」) does not matter."""
    problem_words = _content_words(problem, lexicon) - generic
    return {w for w in measure_words if w in problem} | {w for w in problem_words if w in measure}


_PHRASE_CHARS = 4


def _shares_phrase(measure: str, problem: str, word: str, generic: set[str]) -> bool:
    """The measure and the problem share a run of _PHRASE_CHARS Chinese characters holding `word` and a word any
    report could use (「管护机制」: the matter and what of it is managed)."""
    for found in re.finditer(re.escape(word), measure):
        for start in range(max(found.end() - _PHRASE_CHARS, 0), found.start() + 1):
            run = measure[start : start + _PHRASE_CHARS]
            rest = run.replace(word, "")
            if (
                len(run) == _PHRASE_CHARS
                and re.fullmatch(r"[\u4e00-\u9fff]+", run)
                and run in problem
                and any(len(g) > 1 and g in rest for g in generic)
            ):
                return True
    return False


def _parallel(measures: list[str], problems: list[str]) -> bool:
    """Measures numbered as the problems are, one for one (「（一）……（四）」 under 「（一）……（四）」)."""
    return (
        len(measures) == len(problems) >= 2
        and all(strip_numbering(m) != m.strip() for m in measures)
        and all(strip_numbering(p) != p.strip() for p in problems)
    )


def _answers_in_parallel(measure: str, problem: str, index: int, lexicon: Lexicon) -> list[int]:
    """A measure that shares no telling word with any problem, in a list set out one for one with the problems,
    answers the problem of its own number when it is about that problem's dimension (「（二）加快预算执行。
    建立预算执行通报制度」 under 「（二）项目执行进度不均衡」: dev ic12, readers y/z/aa/ab 「四条措施与四个问题
    一一对应」)."""
    return [index] if set(_dimensions(measure, lexicon)) & set(_dimensions(problem, lexicon)) else []


# An item's number at the start of one of its lines: 「（2）」「(2)」「2.」「二、」「（二）」.
_ITEM_LABEL = re.compile(
    r"^\s*(第?[一二三四五六七八九十]+[、.．]|[（(](?:[一二三四五六七八九十]+|\d{1,2})[）)]|\d{1,2}[、.．](?!\d))", re.M
)


def _item_label(label: str) -> str:
    """「(2)」 and 「（2）」, 「2、」 and 「2.」 are the same number."""
    return label.strip().translate(str.maketrans("()．、", "（）..")).removeprefix("第")


def _label_style(label: str) -> str:
    return re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "9", label))


def _numbered_alike(measures: list[str], problems: list[str]) -> dict[int, int]:
    """Measures numbered as some of the problems are, where the lists are not one for one: a form's 「（1）……（4）」
    measures under its 「（1）……（4）」 problems, with a deviation told above them as one more problem (dev oi09,
    readers 15/15). Each measure's number must stand at the start of a line of exactly one problem, and no two
    measures may share a problem; otherwise nothing is paired."""
    found = [_ITEM_LABEL.match(m) for m in measures]
    labels = [_item_label(f.group(1)) for f in found if f]
    if len(measures) < 2 or len(labels) != len(measures) or len(set(labels)) != len(labels):
        return {}
    held = [{_item_label(x) for x in _ITEM_LABEL.findall(p)} for p in problems]
    # The problems numbered in the measures' style are exactly the measures' numbers: two measures 「1、2、」 under
    # five problems 「1、……5、」 are not numbered alike (n42).
    styles = {_label_style(label) for label in labels}
    if {label for there in held for label in there if _label_style(label) in styles} != set(labels):
        return {}
    pairs: dict[int, int] = {}
    for index, label in enumerate(labels):
        holders = [n for n, labels_there in enumerate(held) if label in labels_there]
        if len(holders) != 1:
            return {}
        pairs[index] = holders[0]
    return pairs if len(set(pairs.values())) == len(pairs) else {}


def _answers_numbered_alike(measure: str, problems: list[str], index: int, lexicon: Lexicon) -> list[int]:
    """A measure under the number of its problem answers it when it shares a telling word with it (「并联审核」 for
    「审核环节多、时限长」): the number says which problem the word is aimed at."""
    generic = set(lexicon.boilerplate)
    measure_words = _content_words(measure, lexicon) - generic
    # Compared as `_answers` compares (「档案」 in 「档案管理」); a dimension alone is too loose here (「规范合同管理」
    # under 「政府采购程序不规范」; session 23's review).
    return [index] if _words_shared(measure, measure_words, problems[index], generic, lexicon) else []


def _loose_dimensions(text: str, lexicon: Lexicon) -> list[str]:
    return [d for d, words in lexicon.dimensions.items() if any(w in text for w in words)]


def without_achievements(unit: str, lexicon: Lexicon) -> str:
    """A paragraph of achievements that closes on its shortcoming (「……各项工作取得了较好成效，但……仍有一定差距。」,
    dev ij10: readers 9/10, 「整段几乎都是成绩罗列」): the problem is what the paragraph says from its first sentence
    that states one; the achievements' figures and fields are no data or aspect of it (convention no_problem_stated)."""
    sentences = _sentences(unit)
    first = next(
        (n for n, s in enumerate(sentences) if states_a_problem(without_no_problem(s, lexicon), lexicon)), None
    )
    if first is None:
        return unit
    # The shortcoming turns from what went before (「……取得了较好成效，但……」); a problem that opens with its own
    # figures (「……安排1200万元……实际支出610万元……资金执行率偏低。」) has no such turn and stays whole.
    if not any(w in sentences[first] for w in lexicon.achievements_turn_words):
        return unit
    # Within that sentence, achievements before a turn to a gap acknowledged and nothing more are no part of it
    # either (「总体来看，……管理规范，绩效目标基本完成，但与上级要求和群众期盼相比仍有一定差距。」, dev mq08: readers
    # 0/2); a turn to a matter keeps its sentence whole.
    sentence = sentences[first]
    turns = [at for w in lexicon.achievements_turn_words if (at := sentence.find(w)) > 0 and sentence[at - 1] in "，,"]
    turn = min(turns, default=0)
    if turn and (states_a_problem(sentence[:turn], lexicon) or not is_stance(sentence[turn:], lexicon)):
        turn = 0
    # After fewer sentences of achievements, only a turn to a gap owned and nothing named, not even an attitude
    # (「项目总体完成较好，工作中还存在一些不足，有待进一步改进。」, dev ol11: readers 2/3, scored 8), is set apart;
    # 「……但仍存在预算绩效管理意识不够强……等问题」 (dev lg06: readers 10/8) names what falls short and stays whole. Nor
    # does such a gap need the achievements' share of the paragraph.
    rest = sentence[turn:]
    gap_only = (
        (turn > 0 or (first > 0 and rest.lstrip().startswith(tuple(lexicon.achievements_turn_words))))
        and is_stance(rest, lexicon)
        and not any(
            w in rest
            for w in [*lexicon.stance_subjects, *lexicon.stance_level_subjects, *lexicon.gap_named_aspects]
            if w != "差距"
        )
        and not _dimensions(rest, lexicon)
        and all(_gap_clause(clause, lexicon) for clause in re.split(r"[，,]", rest) if clause.strip("。； "))
    )
    if first < lexicon.achievements_min_sentences and not gap_only:
        return unit
    if not gap_only and sum(len(s) for s in sentences[:first]) + turn < lexicon.achievements_min_share * len(unit):
        return unit
    return unit[unit.index(sentence) + turn :]


def _gap_clause(clause: str, lexicon: Lexicon) -> bool:
    """A clause of a bare acknowledged gap: after the turn word, it opens with a comparison, 仍/还 or a pledge, not
    with a subject of its own (「养护质量与群众期盼相比仍有差距」)."""
    bare = clause.strip().removeprefix("。")
    for turn in lexicon.achievements_turn_words:
        bare = bare.removeprefix(turn)
    return bare.startswith(tuple(lexicon.gap_clause_openers))


def _first_sentence(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= 80 else first[:80]


def without_prompts(units: list[str], lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Units with the template's filling prompts (「请简要说明…」) taken out, and the prompts taken out.

    A prompt is not content (convention template_prompts): a sentence that holds one is dropped, and a
    unit left with nothing is no problem or measure. What stays is verbatim report text.
    """
    kept: list[str] = []
    prompts: list[str] = []
    for unit in units:
        if bracketed_prompt(unit, lexicon) or _labelled_prompt(unit, lexicon):
            prompts.append(unit)
            continue
        opening = _opening_prompt(unit, lexicon)
        sentences = _sentences(unit)
        asked = _asking_brackets(unit, lexicon)
        if (
            not any(p in unit for p in lexicon.template_prompts)
            and not asked
            and opening is None
            and not any(_prompt_sentence(s, lexicon) for s in sentences)
        ):
            kept.append(unit)
            continue
        # 「（请填写项目实施中存在的主要问题）补贴面积核实工作量大……」: the author wrote on after the bracketed prompt;
        # the prompt goes, what they wrote stays (ic03, readers y/z/aa/ab score the content).
        spans = [m for m in _BRACKET_SPAN.finditer(unit) if any(p in m.group(0) for p in lexicon.template_prompts)]
        spans = sorted({m.span(): m for m in [*spans, *asked]}.values(), key=lambda m: m.start())
        if opening is not None and all(m.span() != opening.span() for m in spans):
            spans = sorted([*spans, opening], key=lambda m: m.start())
        prompts += [m.group(0) for m in spans]
        for m in reversed(spans):
            unit = unit[: m.start()] + "\n" + unit[m.end() :]
        sentences = _sentences(unit)
        told = [s for s in sentences if any(p in s for p in lexicon.template_prompts) or _prompt_sentence(s, lexicon)]
        prompts += told
        rest = [s for s in sentences if s not in told]
        if sum(len(strip_numbering(s).strip("：:。 ")) for s in rest) >= 6:
            kept.append("\n".join(rest))
    return kept, prompts


def _asking_brackets(unit: str, lexicon: Lexicon) -> list[re.Match[str]]:
    """Brackets anywhere in the unit that ask the author to write something (「（如存在偏差，请从资金、管理等方面说明
    偏差原因）」, dev ip12): 请 and a prompt verb soon after it."""
    verbs = _alternation(tuple(lexicon.template_prompt_verbs))
    return [
        m
        for m in _BRACKET_SPAN.finditer(unit)
        if re.search(f"请(?!示)[^）)】〕]{{0,16}}(?:{verbs})", m.group(0)) and not find_numbers(m.group(0))
    ]


def _prompt_sentence(sentence: str, lexicon: Lexicon) -> bool:
    """A whole sentence that only tells the author what to write (lexicon template_prompt_sentences), after its cell's
    label (「存在问题：」)."""
    body = strip_numbering(sentence).strip()
    label = _CELL_LABEL.match(body)
    body = (body[label.end() :] if label else body).strip().rstrip("。.；;：: ")
    return bool(body) and any(re.fullmatch(p, body) for p in lexicon.template_prompt_sentences)


_BRACKET_SPAN = re.compile(r"[（(【〔][^（(【〔）)】〕\n]*[）)】〕]")
_BRACKETED = re.compile(r"^[（(【\[〔](?P<inner>[^）)】\]〕]*)[）)】\]〕][。.]?$")


def _opening_prompt(unit: str, lexicon: Lexicon) -> re.Match[str] | None:
    """A bracketed prompt that opens the unit, or its cell's label, with the author's text after it
    (「（针对存在的问题提出具体改进措施）加强管理……」, dev ik13): told by a prompt verb, not a listed phrase."""
    label = _CELL_LABEL.match(unit.strip())
    start = len(unit) - len(unit.lstrip()) + (label.end() if label else 0)
    span = _BRACKET_SPAN.match(unit, start)
    if span is None or len(span.group(0)) < _OPENING_PROMPT_MIN_CHARS or not unit[span.end() :].strip():
        return None
    # An instruction opens with its verb and holds no figure: 「（根据年初绩效目标，应完成12公里……）」 and 「（经分析，
    # 主要是……）」 are the author's own.
    inner = span.group(0)[1:-1]
    if inner.startswith("请") and not inner.startswith("请示"):  # 「（请对照……字数控制在300字以内）」
        return span
    if find_numbers(inner) or not inner.startswith(tuple(lexicon.template_prompt_verbs)):
        return None
    return span


_OPENING_PROMPT_MIN_CHARS = 8  # 「（含结转）」 and other short asides are the author's own


def _labelled_prompt(unit: str, lexicon: Lexicon) -> bool:
    """A form cell's label and the bracketed prompt under it, nothing else (「偏差原因：（对未完成的绩效指标逐项说明
    偏差原因……）」, dev ih13)."""
    line = unit.strip()
    # The label may be long when it ends with a cell's name (「偏差大或目标未完成原因分析：」, dev jo13; lexicon
    # cell_label_endings): what follows it must be wholly a prompt.
    label = _CELL_LABEL.match(line) or _long_cell_label(line, lexicon)
    if label is not None and bracketed_prompt(_without_empty_answer(line[label.end() :]), lexicon):
        return True
    # The part's own title with the prompt between it and its colon (「存在的问题及原因分析（请结合自评情况……不超过
    # 300字）：」, dev jv13: read as a problem before).
    span = _BRACKET_SPAN.search(line)
    return (
        span is not None
        and not line[span.end() :].strip("：: ")
        and section_title_line(line[: span.start()], lexicon)
        and bracketed_prompt(span.group(0), lexicon)
    )


def _without_empty_answer(cell: str) -> str:
    """A cell's prompt without the 「/」 or 「无」 the author put after it (「偏差原因：（未完成的指标须逐项说明
    原因）/」, dev pe15: readers 0/0, read as a problem for its 未): the answer leaves the cell empty."""
    spans = list(_BRACKET_SPAN.finditer(cell))
    if not spans:
        return cell
    after = cell[spans[-1].end() :]
    return cell[: spans[-1].end()] if after.strip() and is_empty_answer(after) else cell


def _long_cell_label(line: str, lexicon: Lexicon) -> re.Match[str] | None:
    """A label longer than _CELL_LABEL allows that ends with a form cell's name (lexicon cell_label_endings)."""
    long = _LONG_CELL_LABEL.match(line)
    named = long is not None and long.group(0).strip().rstrip("：:").endswith(tuple(lexicon.cell_label_endings))
    return long if named else None


def bracketed_prompt(unit: str, lexicon: Lexicon) -> bool:
    """A paragraph wholly in brackets that tells the author what to write (「（对照……分析存在的问题及原因）」)."""
    lines = [line.strip() for line in unit.split("\n") if line.strip()]
    return bool(lines) and all(
        (m := _BRACKETED.match(strip_numbering(line))) is not None
        and any(v in m.group("inner") for v in lexicon.template_prompt_verbs)
        for line in lines
    )


def listed_units(units: list[str], table: TextTable | None, lexicon: Lexicon) -> list[str]:
    """A section's items: without a text table's header and its unfilled rows, lead-in lines and 「无」."""
    blank = table.blank_rows() if table else set()
    return [u for u in without_lead_ins(without_header(units, table), lexicon) if not _is_none(u) and u not in blank]


def without_form_fields(units: list[str], lexicon: Lexicon) -> list[str]:
    """Problem units without the form's own fields that open a line (「项目名称：义务教育薄弱环节改善……」, dev ka02:
    read as a problem for its 薄弱; lexicon form_field_labels): the field's value, up to a space, a comma or a full
    stop, is what the form is about; what follows it on the line (「……　存在问题：部分村垃圾清运不及时」) is kept."""
    if not lexicon.form_field_labels:
        return units
    labels = _alternation(tuple(lexicon.form_field_labels))
    plain = re.compile(f"^(?:{labels})[：:][^\\s\u3000，,。；;]*[\\s\u3000，,。；;]*")
    # A bracketed note in the value is part of it, commas and all (「资金名称：……补助资金（上级补助48万元，要求地方配套
    # 48万元，实际到位15万元）」, dev ps18, pp18: the note's tail was read as a problem of its own); not a note that
    # states one (「项目名称：乡村道路建设项目（进度滞后，……主要是征地协调不力）」, session 27's review), nor one
    # left open.
    noted = re.compile(f"^(?:{labels})[：:](?:[（(][^（()）\\n]*[）)]|[^\\s\u3000，,。；;（(])*[\\s\u3000，,。；;]*")

    def field(body: str) -> re.Match[str] | None:
        found = noted.match(body)
        if found is None:
            return None
        notes = re.findall(r"[（(]([^（()）\n]*)[）)]", found.group(0))
        left_open = body[found.end() :].startswith(("（", "("))
        if left_open or any(_note_states_a_problem(n, lexicon) for n in notes):
            return plain.match(body)
        return found

    kept = []
    for unit in units:
        bare = [(line, strip_numbering(line.strip())) for line in unit.split("\n")]
        lines = [body[found.end() :] if (found := field(body)) else line for line, body in bare]
        rest = "\n".join(line for line in lines if line.strip()).strip()
        if rest:
            kept.append(rest)
    return kept


def _note_states_a_problem(note: str, lexicon: Lexicon) -> bool:
    """A bracketed note in a form field that states a problem or labels one (「存在问题：……」
    「……主要是征地协调不力」)."""
    return "问题" in note or "原因" in note or _states_a_shortcoming(note, lexicon)


def without_header(units: list[str], table: TextTable | None) -> list[str]:
    """Units without a text table's header row (「序号｜方面｜存在问题｜原因分析」): it names columns only."""
    return [u for u in units if table is None or u != table.header]


def without_lead_ins(units: list[str], lexicon: Lexicon) -> list[str]:
    """Units without the lines that only introduce the list below them (「存在的问题主要有三个方面：」;
    convention shared_causes), and the section's own title repeated as its first line (「存在的问题及原因分析」)."""
    return [u for u in units if not _is_lead_in(u, lexicon) and not section_title_line(u, lexicon)]


def _is_lead_in(unit: str, lexicon: Lexicon) -> bool:
    """An unnumbered single short line ending with a colon (lexicon lead_in_max_chars, lead_in_endings)."""
    return (
        bool(unit.strip())
        and "\n" not in unit.strip()
        and strip_numbering(unit) == unit
        and len(unit.strip()) <= lexicon.lead_in_max_chars
        and unit.strip().endswith(tuple(lexicon.lead_in_endings))
    )


def section_title_line(line: str, lexicon: Lexicon) -> bool:
    """A section's title, or a form's part label, as a line of the section (「存在的问题及原因分析」「（二）存在问题」
    「（一）偏差原因」; lexicon section_title_lines)."""
    bare = strip_numbering(line).strip()
    return any(re.fullmatch(pattern, bare) for pattern in lexicon.section_title_lines)


def _own_words(measure: str, problems: list[str], lexicon: Lexicon) -> set[str]:
    """A measure's words that are neither its problems' words nor words any report could use."""
    generic = set(lexicon.boilerplate)
    words = _content_words(re.sub(r"「[^」]*」", "", measure), lexicon) - generic
    for problem in problems:
        words -= _content_words(problem, lexicon)
    return words


def is_slogan(measure: str, problems: list[str], lexicon: Lexicon) -> bool:
    """Restates a problem or could stand in any report (convention slogans): at most one word of its own
    and no figure (「采购项目提前30日公开」 sets a checkable rule, however close to its problem's words)."""
    if find_numbers(strip_numbering(measure)):
        return False
    # A deadline of its own makes the problem's words a commitment (「年底前及时核算发放人民陪审员补助」 under
    # 「年末部分补助尚未发放」, dev jh20: its four readers count it among three matching measures); the problem's
    # own date restated is not one (「确保三季度末执行率达到序时进度要求」, dev ih15), nor is a stock owner
    # (「明确专人负责」).
    dated = any(
        len(m) >= 2 and m in measure and not any(m in p for p in problems) for m in lexicon.measure_deadline_markers
    )
    restates = len(_own_words(measure, problems, lexicon)) <= 1 and not dated
    return restates or _slogan_chain(measure, lexicon)


_PURPOSE_FRAMES = ("确保", "为")
_SHORT_STANCE_MAX = 12  # characters: a short clause may be a stance (slogan_short_openers); a step is told longer


def _slogan_chain(measure: str, lexicon: Lexicon) -> bool:
    """Clauses most of them 「进一步……」 phrases (all of them when only two), and no step or instrument named.
    The problem it is pasted under (「针对……的问题：」) is no clause of its own (hw17, hv12)."""
    measure = _PROBLEM_NAMED.sub("", measure)
    if any(m in measure for m in lexicon.action_markers + lexicon.concrete_markers):
        return False
    # 「（一）加强预算编制管理。进一步细化……」: the measure's title names its subject; the steps follow it.
    titled = re.match(r"^[^。；;，,]{2,12}。(?=.)", strip_numbering(measure))
    body = strip_numbering(measure)[titled.end() :] if titled else measure
    if titled and len(_clauses(body)) < 2:  # 「加强管理。严格执行预算。」 is two stances, not a title and a step
        body = measure
    clauses = [c for c in (_SLOGAN_LEAD.sub("", c) for c in _clauses(body)) if c]
    openers = tuple(lexicon.slogan_clause_openers)
    # A clause opening with a stance word or a manner or purpose frame (「以钉钉子精神……」「为……提供保障」,
    # lexicon slogan_clause_frames) is a slogan clause however long; others only when short.
    opening = (*openers, *lexicon.slogan_clause_frames)
    short = (*openers, *lexicon.slogan_short_openers)
    slogans = [
        c for c in clauses if c.startswith(opening) or (len(c) <= _SHORT_STANCE_MAX and any(o in c[:6] for o in short))
    ]
    # A closing purpose after a step (「加快项目实施进度，冬春季完成设计、招标等前期工作，确保施工期开工即支付」, dev
    # nb02: both readers count it among four matching measures) is what the step is for, not a stance of its own.
    # Only after a step told at some length (「规范资金使用，确保资金安全」 is two stances, session 17's review).
    steps = [c for c in clauses[:-1] if c not in slogans and len(c) > _SHORT_STANCE_MAX]
    if len(clauses) >= 3 and clauses[-1].startswith(_PURPOSE_FRAMES) and steps:
        purpose, clauses = clauses[-1], clauses[:-1]
        slogans = [c for c in slogans if c is not purpose]
    # More than half of three or more clauses (「进一步细化……要求，提前布置……，结合……编制，提高……」 is two of
    # four, and steps: ic12), all of two.
    if len(clauses) >= 3:
        return 2 * len(slogans) > len(clauses)
    return len(clauses) == 2 and len(slogans) == 2


# 「针对重点项目前期工作经费使用效率不高的问题：」: the problem a measure is pasted under.
_PROBLEM_NAMED = re.compile(r"针对[^，,。；;：:]{0,60}?(?:问题|不足|情况)[：:，,]?")
# What stands before a clause's own words: 「一是」 and the speaker's 「下一步，我局将」.
_SLOGAN_LEAD = re.compile(r"^(?:[一二三四五六七八九十]是|下一步|我[^，,。；]{0,3}将|[要将])+")


def repeats_of(measures: list[str], problems: list[str], lexicon: Lexicon) -> list[int | None]:
    """For each measure, the earlier measure it repeats (convention repeats_count_once), else None.

    Compared without the problems' words (「针对「…」，由分管领导牵头…」 is one measure however many
    problems it is pasted under): the same words, or nine in ten of them, are a repeat.
    """
    problem_words = {w for p in problems for w in _content_words(p, lexicon)}
    stripped = [_content_words(re.sub(r"「[^」]*」", "", m), lexicon) - problem_words for m in measures]
    result: list[int | None] = []
    for index, words in enumerate(stripped):
        earlier = next(
            (
                j
                for j in range(index)
                if words and stripped[j] and len(words & stripped[j]) / len(words | stripped[j]) >= 0.9
            ),
            None,
        )
        result.append(earlier)
    return result


def steps_of(measure: str, problems: list[str], lexicon: Lexicon) -> int:
    """The clauses of a measure that say something of their own (convention concrete_measure): a word that is
    neither its problems' (「加快普查经费支出进度」 against 「支出进度仅为32%」), nor one any report could use,
    nor a date."""
    generic = set(lexicon.boilerplate)
    problem_words = {w for p in problems for w in _content_words(p, lexicon)}
    problem_text = "\n".join(problems)
    count = 0
    for clause in _clauses(re.sub(r"「[^」]*」", "", measure)):
        words = _content_words(_DATES.sub("", clause), lexicon) - generic - problem_words
        # Either way round, as in _answers: 「经费支出」 is made of the problem's 「经费」 and 「支出」.
        count += any(w not in problem_text and not any(p in w for p in problem_words) for w in words)
    return count


def templates(measures: list[str], repeats: list[int | None]) -> set[int]:
    """The measures that are one sentence pasted under several problems with only the problem's name changed
    (convention slogans): the report itself shows the text could stand under any problem. A measure
    written twice word for word is a repeat (repeats_count_once), not a template."""
    bare = [strip_numbering(m) for m in measures]
    pasted = {n for n, of in enumerate(repeats) if of is not None and bare[n] != bare[of]}
    return pasted | {of for n, of in enumerate(repeats) if n in pasted and of is not None}


def stretches_money(measure: str, lexicon: Lexicon) -> bool:
    """A step that stretches the money available (economy_steps: cuts, quotas, priorities, idle assets)."""
    return any(w in measure for w in lexicon.economy_steps)


def requests_with_economies(measure: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """One measure that asks for money first and adds a line or two of economies after it (「积极向上级争取项目资金和
    财力补助，多渠道筹措资金，保障……；同时厉行节约，压减一般性支出。」, dev jb16, readers 0/0/2/3: 「主体是争取资金」):
    the requests its opening sentence makes (one per clause that obtains money) and the economy lines after it (one per
    sentence, each stretching money without a figure: 「公务接待费较上年再压减10%」 is a step of its own). None when the
    measure is not shaped so (convention money_led counts the two sides)."""
    # 「……，同时厉行节约」 begins a sentence of its own however it is punctuated (lexicon added_step_openers).
    text = strip_numbering(measure)
    if lexicon.added_step_openers:
        text = re.sub(f"[，,]\\s*(?={_alternation(tuple(lexicon.added_step_openers))})", "；", text)
    sentences = [s.strip(" \t\n。；;") for s in _SENTENCE.findall(text)]
    sentences = [s for s in sentences if s]
    if len(sentences) < 2 or not _money_only(sentences[0], lexicon):
        return None
    economies = sentences[1:]
    if not all(stretches_money(s, lexicon) and not re.search(r"\d", s) for s in economies):
        return None
    requests = sum(1 for c in _clauses(sentences[0]) if _obtains_money(c, lexicon))
    return max(requests, 1), len(economies)


_FIRST_ITEM = re.compile(r"[。；;]\s*(?:一是|（一）|\(1\)|1[.、．]|第一，|首先，?)")


def _off_topic(measure: str, answers: list[int], lexicon: Lexicon, problems: tuple[str, ...]) -> bool:
    """About work that answers no listed problem (convention off_topic): a measure about it that answers none, or one
    led by it (its first clause) when no problem names that work, whatever words it shares with them (「二是加强宣传
    引导，……宣传“四好农村路”建设成效」 under a problem of road works' delays, dev jd20: readers 3–5, 「与所列问题
    无关」), unless it sets a concrete step. Publicising a policy or moving the people served (「加大政策宣传力度，
    让农户了解政策」「进村入户开展参保动员」) answers a problem of awareness or take-up and is not led off topic."""
    if not answers:
        return any(w in measure for w in lexicon.off_topic)
    # A step with a deadline, an owner or a figure is a reply whatever leads it (「坚持党建引领，……年底前完成5个村道路
    # 硬化项目验收」「加大文旅宣传推介力度，年内举办推介会3场」).
    text = strip_numbering(measure)
    # 「同部署、同推进、同考核」 is a slogan's rhythm, not an instrument (dev ju11: a 党建 line both readers off topic).
    steps = re.sub(lexicon.slogan_rhythm, "", text) if lexicon.slogan_rhythm else text
    if any(m in steps for m in lexicon.concrete_markers) or re.search(r"\d", steps):
        return False
    # The lead is the first clause of substance: 「下一步，」「今后，」 open the paragraph, they lead nothing (dev jk16:
    # 「下一步，我单位将坚持以党建引领业务工作，……」, every reader 「措施为党建、作风、宣传……与问题均不对应」).
    # A preamble of guidance before the list's first marker (「下一步，我局将坚持以……为指导，深入学习贯彻……。一是加强
    # 党的建设，……」, dev lz13: both readers 2–3, every measure 党建 or 宣传) leads no step: the first item does.
    first_item = _FIRST_ITEM.search(text)
    if first_item is not None:
        text = text[first_item.end() :]
    clauses = [c for c in _clauses(text) if c.strip() not in lexicon.step_list_openers]
    lead = clauses[0] if clauses else ""
    answering = any(w in measure for w in lexicon.publicity_answers)
    return any(
        w in lead
        and not any(n in p for n in [w, *lexicon.off_topic_names.get(w, [])] for p in problems)
        and not (answering and w in lexicon.publicity)
        for w in lexicon.off_topic
    )


def _eases_shortage(
    measure: str, problems: list[ProblemFact], slogan: bool, money_only: bool, lexicon: Lexicon
) -> list[int]:
    """When every problem is a funding shortage, an internal step (a plan, a priority list, cuts, idle
    assets put to use; not a request for money) answers them all (convention funding_answered)."""
    if not problems or not all(p.funding_only for p in problems) or slogan or money_only:
        return []
    step = any(m in measure for m in lexicon.concrete_markers + lexicon.action_markers)
    return list(range(len(problems))) if step or find_numbers(strip_numbering(measure)) else []


def _concrete(measure: str, slogan: bool, answers: list[int], lexicon: Lexicon) -> bool:
    """An actionable step aimed at a stated problem (convention concrete_measure).

    Owner, deadline, a figure or a named instrument are evidence of a step; a slogan or a measure
    that answers no problem is not concrete whatever it names.
    """
    if slogan or not answers:
        return False
    undated = _DATES.sub("", strip_numbering(measure))
    return (
        any(m in measure for m in lexicon.concrete_markers if m not in lexicon.owner_deadline_markers)
        or any(m in measure for m in lexicon.action_markers)
        or bool(find_numbers(undated))
    )


# A date or deadline (「2024年底前」「6月底」「2024年度」) is when, not what: not a figure of a step.
_DATES = re.compile(r"\d{4}年度?(\d{1,2}月)?(\d{1,2}日)?|\d{1,2}月(\d{1,2}日)?")


def extract_rules(report: Report) -> NarrativeFacts:
    lexicon = load_lexicon()
    problems_section = report.section("problems")
    measures_section = report.section("measures")
    raw_problems, problem_prompts = without_prompts(
        without_scorer_address(
            [
                without_part_label(item)
                for unit in narrative_units(problems_section.paragraphs if problems_section else [])
                for item in semicolon_items(unit, lexicon)
            ],
            lexicon,
        ),
        lexicon,
    )
    raw_measures, measure_prompts = without_prompts(
        without_scorer_address(
            [
                without_part_label(step)
                for unit in narrative_units(measures_section.paragraphs if measures_section else [])
                for step in steps_listed(unit)
            ],
            lexicon,
        ),
        lexicon,
    )
    # 「改进措施：」 above the list is a lead-in, as in the 问题 section (convention template_prompts); so is a
    # table's header row (「序号｜整改措施｜责任部门｜完成时限」).
    measure_table = text_table(raw_measures, lexicon, lexicon.table_measure_columns)
    measure_units = listed_units(raw_measures, measure_table, lexicon)
    # A measures part that opens by pointing back at the problems (「见上。」「按上述整改措施逐项落实」): the measures
    # are those written under each problem, and whatever steps of its own the part adds beside its pointer.
    beside = pointer_remainder(measure_units[0], lexicon) if measure_units else None
    # A part of one paragraph naming the problems above as what it carries out points back too (lexicon
    # problem_references; dev nt19, nv18), when at least half the problems give their own measures and the part
    # says nothing besides carrying them out (「逐项整改销号」「建立整改台账」) or stances framing that
    # (「坚持问题导向，举一反三」「不断提升管理水平」, dev of19). 「针对上述问题，」 may lead it; followed by steps of
    # the part's own it is no pointer (session 22's review: the check of what it says besides).
    split = None
    if beside is None and len(measure_units) == 1:
        split = split_off_measures(raw_problems, lexicon)
        fixes = split[1]
        unit = strip_numbering(measure_units[0]).strip()
        parts = pointer_parts(measure_units[0], lexicon, problems_named=True) if fixes else None
        if parts is not None and 2 * len(fixes) >= len(raw_problems):
            pointer, named = parts
            # The pointer itself may carry the fixes out (「认真抓好上述问题的整改落实，确保各项工作取得实效。」,
            # dev pi19: readers 8/10, scored 4).
            carries = _carries_out(pointer, lexicon)
            if _only_carries_out(named, lexicon, carried=carries):
                beside = ""  # what it says besides the pointer only carries the fixes out: no step of its own
            elif carries or any(w in unit for w in lexicon.fix_references):
                # It names the fixes or carries them out: its own steps are measures beside them (「认真抓好上述问题的
                # 整改落实，同时建立养护台账」, session 26's review: scored 4, below the pointer alone).
                beside = named
    in_problems = beside is not None
    # A measure written under its problem answers that problem whatever words it uses (hw19, hx07).
    written_under: dict[str, str] = {}
    if beside is not None:
        kept_problems, measures_there, owners = split or split_off_measures(raw_problems, lexicon)
        # Beside the pointer: its own steps (each clause that names one) and the paragraphs after it, a list of its
        # own measures (「我局将严格按照上述整改措施抓好落实。\n2.……\n3.……」), but for pledges (「力争3个月内全部整改
        # 到位。」).
        pieces = [p for p in re.split(r"[。；;\n]+", beside) if p.strip()]
        later = [u for u in measure_units[1:] if pointer_remainder(u, lexicon) is None and not _pledge_only(u, lexicon)]
        own_steps = [p for p in pieces if _names_own_step(p, lexicon)] + later
        if measures_there:
            raw_problems, measure_units = kept_problems, measures_there + own_steps
            written_under = dict(zip(measures_there, owners, strict=True))
        elif own_steps:  # nothing stands in the problems: the part's own words are its measures
            in_problems = False
        else:
            raw_problems, measure_units = kept_problems, []
    raw_problems = without_form_fields(raw_problems, lexicon)
    table = text_table(raw_problems, lexicon, lexicon.table_problem_columns)
    kept = listed_units(raw_problems, table, lexicon)
    kept, given_causes = group_causes(trailing_causes_apart(kept, lexicon), lexicon)
    # What a problem is about: its group's heading, or its row's aspect cell, as its title.
    # A heading that only labels the form's part (「（二）存在问题」「（一）偏差原因」) names no aspect of the items
    # under it.
    titles = {
        unit: title
        for unit, title in (group_headings(kept) | (table.aspects if table else {})).items()
        if not section_title_line(title, lexicon)
    }
    titled = {unit: f"{title}\n{unit}" for unit, title in titles.items()}
    # Each unit's money judgement once: it decides what is a problem, which problems are funding-only, and
    # the cues a justification names.
    shortage = {u: _money_call(u, "shortage", lexicon) for u in kept}
    # A row under a header that names the problems is one, in whatever words it states it.
    rows = set(table.rows) if table else set()
    problem_units = [
        u
        for u in kept
        if (not _opens_with_none(u, lexicon) and _states_own_problem(u, lexicon))
        or shortage[u].only
        or (u in rows and not says_no_problem(u, lexicon) and not _met_row(u, lexicon))
    ]
    no_problem = [
        s for u in kept if u not in problem_units for s in _sentences(u) if says_no_problem(s, lexicon) or _is_none(s)
    ]
    contents = table.contents if table else {}
    # A paragraph of achievements is its closing shortcoming only: judged again on those words.
    trimmed = {
        u: u if u in contents or u in titles or u in written_under.values() else without_achievements(u, lexicon)
        for u in problem_units
    }
    for whole, own in trimmed.items():
        if own != whole:
            shortage[own] = _money_call(own, "shortage", lexicon)
            for keyed in (titled, given_causes):
                if whole in keyed:
                    keyed[own] = keyed[whole]
    # Achievements closing on a stance that names no matter of the work (「……但与群众期盼相比，工作中还有一定差距。」,
    # dev io19: readers 2/3) state no problem but acknowledge a gap (convention gap_acknowledged).
    hollow = [u for u, own in trimmed.items() if own != u and is_stance(own, lexicon)]
    acknowledged = [_first_sentence(trimmed[u]) for u in hollow]
    # Room left to improve closing a paragraph of achievements that states no problem (「个别方面还有提升空间」): a gap
    # acknowledged as well; not after a section's bare declaration of none (「经自查，未发现明显问题。」), not with a
    # figure (then it tells a matter), and only where no problem is listed.
    if not problem_units:
        sentences = [s for u in kept for s in _sentences(u)]
        after_none = {s for u in kept for s in gaps_after_none(u, lexicon)}
        acknowledged += [
            s
            for n, s in enumerate(sentences)
            # After a section's bare declaration of none, with no achievements before it, no gap is acknowledged
            # (「经自查，未发现明显问题。工作仍有提升空间。」, session 13): the section states none.
            if n >= lexicon.achievements_min_sentences
            and (
                s in after_none
                or (
                    not find_numbers(_DATES.sub("", s))
                    and _acknowledges_gap(s, lexicon)
                    and not says_no_problem(s, lexicon)
                )
            )
        ][:1]
        no_problem = [s for s in no_problem if s not in acknowledged]
    problem_units = [trimmed[u] for u in problem_units if u not in hollow]
    funding = _funding_flags(problem_units, [shortage[u].only for u in problem_units], lexicon)
    problems = [
        ProblemFact(
            # The item's own first line, not the heading of its group (「（三）资金使用和管理方面」 names no problem).
            quote=_first_sentence(
                unit.partition("\n")[2] if _CELL not in unit and _under_heading(unit) else _row_text(unit, contents)
            ),
            text=unit,
            # A row's aspect is its aspect cell and what it states, not the words of its cause cell.
            dimensions=[]
            if only
            else _problem_dimensions(
                titled.get(unit, unit) if unit not in contents else f"{titles.get(unit, '')}\n{contents[unit]}",
                lexicon,
            ),
            cause=(table.causes.get(unit) if table else None)
            or _in_cell(_cause(unit, lexicon), lexicon)
            or (_cause(given_causes[unit], lexicon) if unit in given_causes else None),
            specifics=_specifics(unit, lexicon),
            funding_only=only,
            set_out=is_set_out(unit, lexicon),
            stance=not only and is_stance(unit, lexicon),
            model_cues=shortage[unit].cues if only else [],
            caused_by_money=only and shortage[unit].caused,
        )
        for unit, only in zip(problem_units, funding, strict=True)
    ]
    problems, pasted_causes = without_pasted_causes(problems)
    all_funding = bool(funding) and all(funding)
    repeats = repeats_of(measure_units, problem_units, lexicon)
    pasted = templates(measure_units, repeats)
    measures = []
    parallel = _parallel(measure_units, problem_units)
    numbered_alike = {} if parallel else _numbered_alike(measure_units, problem_units)
    for index, (unit, repeat) in enumerate(zip(measure_units, repeats, strict=True)):
        slogan = index in pasted or is_slogan(unit, problem_units, lexicon)
        request = _money_call(unit, "request", lexicon)
        steps = 0 if slogan else steps_of(unit, problem_units, lexicon)
        # A chain of stance clauses replies only by its own words: a money word it shares with a problem (hv08),
        # or the problem it is pasted under (「针对……的问题：进一步加强预算绩效管理，提高资金使用效益。」 hw17, hv12),
        # is no reply unless the chain restates the problems with no word of its own (h15, hr07: 「进一步加强预算管理，
        # 提高预算执行效率」 beside 「预算执行进度有待加快」).
        chain = slogan and _slogan_chain(unit, lexicon)
        own = _PROBLEM_NAMED.sub("", unit)
        answers = (
            _answers(own, problem_units, lexicon, len(_own_words(own, problem_units, lexicon)) <= 1)
            if chain
            else _answers(unit, problem_units, lexicon, slogan)
            or _eases_shortage(unit, problems, slogan, request.only, lexicon)
        )
        if not answers and not slogan and not request.only and parallel:
            answers = _answers_in_parallel(unit, problem_units[index], index, lexicon)
        elif not answers and not slogan and not request.only and index in numbered_alike:
            answers = _answers_numbered_alike(unit, problem_units, numbered_alike[index], lexicon)
        owner = written_under.get(unit)
        if owner in problem_units and not slogan:
            answers = sorted({*answers, problem_units.index(owner)})
        # More money for a thing out of the department's own spending restructured (「优化支出结构，……逐步增加装备更新
        # 投入」, dev mr11: both readers count it) answers a problem of its own spending, not a want of money.
        # Not beside an ask upward (「优化支出结构，积极争取上级加大资金支持力度……」, session 17's review).
        rebalanced = (
            any(w in unit for w in lexicon.money.restructures)
            and not any(w in unit for w in lexicon.money.upstream)
            and any(not funding[i] for i in answers)
        )
        measures.append(
            MeasureFact(
                quote=_first_sentence(_row_text(unit, measure_table.contents if measure_table else {})),
                text=unit,
                answers=answers,
                concrete=_concrete(unit, slogan, answers, lexicon),
                money_only=(request.only and not rebalanced) or (not any(funding) and _freed_for_more(unit, lexicon)),
                model_cues=request.cues,
                slogan=slogan,
                steps=steps,
                # A funding shortage is answered by a step that stretches the money (economy_steps), not by
                # publicity or party work however many words they share (「开展档案宣传活动」 beside 「档案……经费
                # 长期偏紧」; convention off_topic).
                off_topic=_off_topic(
                    unit,
                    answers if not all_funding or stretches_money(unit, lexicon) else [],
                    lexicon,
                    tuple(problem_units),
                ),
                repeats=repeat,
            )
        )
    return NarrativeFacts(
        problems=problems,
        measures=measures,
        ignored_prompts=problem_prompts + measure_prompts,
        pasted_causes=pasted_causes,
        no_problem_statements=no_problem,
        acknowledged_gaps=acknowledged,
        measures_in_problems=in_problems and bool(measure_units),
    )


def _states_own_problem(unit: str, lexicon: Lexicon) -> bool:
    """A problem stated once the unit's clauses saying there is none are out; in a deviation cell that says there was
    none, its label (「偏差原因：」) is no shortcoming either (lexicon deviation_cell_label)."""
    deviation = _deviation_cell(unit, lexicon)
    if deviation is not None:
        # 「补贴机具数量｜指标值≥900台｜实际完成812台｜偏差原因分析：未达到。」 (dev ku14): a form's row, its
        # indicator's name no shortcoming. Its figures short of the target, a deviation cell that says anything but
        # that there was none (「受雨季影响」), or another cell that states a problem (「备注：3户验收资料不全」) are.
        said = _deviation_told(deviation, lexicon)
        others = [c for c in unit.split(_CELL)[1:] if c != deviation]
        return (
            falls_short_of_target(unit, lexicon)
            or bool(said)
            or any(states_a_problem(without_no_problem(c, lexicon), lexicon) for c in others)
        )
    text = _without_gaps_after_none(without_no_problem(unit, lexicon), unit, lexicon)
    return states_a_problem(
        _without_deviation_label(text, lexicon) if text != unit else text, lexicon
    ) or _named_gap_after_none(unit, lexicon)


def _gap_after_none(sentence: str, lexicon: Lexicon) -> bool:
    """A sentence that says there is no problem and then owns room to improve, naming nothing (「总体来看，本年度未发现
    重大问题，个别工作还需进一步完善。」, dev oy08: readers 6/3, scored 10): a gap acknowledged (convention
    gap_acknowledged), no problem stated."""
    after = _after_none([sentence], 0, lexicon)
    # One that names where it lies is a thin problem (`_named_gap_after_none`).
    gaps = [c for c in after if _acknowledges_gap(c, lexicon) and not _gap_names_aspect(c, lexicon)]
    return bool(gaps) and all(c in gaps or says_no_problem(c, lexicon) for c in after)


def _named_gap_after_none(unit: str, lexicon: Lexicon) -> bool:
    """Room to improve owned right after a statement of none, in the same sentence or the next, that names where it
    lies (「未发现明显问题，但在预算执行精细化方面仍有提升空间」, dev pi12: readers 6/8, scored 0): a thin problem
    (convention gap_acknowledged). Without a statement of none before it (「各项指标全面完成，管理水平仍有提升空间」)
    it stays what the achievements around it make of it (session 26's review)."""
    sentences = _sentences(unit)
    return any(
        _acknowledges_gap(c, lexicon) and _gap_names_aspect(c, lexicon)
        for n in range(len(sentences))
        for c in _after_none(sentences, n, lexicon)
    )


def _after_none(sentences: list[str], n: int, lexicon: Lexicon) -> list[str]:
    """The clauses of sentence `n` after its first statement of none; with no such statement of its own, all its
    clauses when the sentence before it states none, else nothing."""
    clauses = _clauses(sentences[n])
    nones = [k for k, c in enumerate(clauses) if says_no_problem(c, lexicon)]
    if nones:
        return clauses[nones[0] + 1 :]
    return clauses if n and says_no_problem(sentences[n - 1], lexicon) else []


def _gap_names_aspect(clause: str, lexicon: Lexicon) -> bool:
    """The gap names a matter of the work (lexicon gap_specific_aspects: 精细化, 规范化; or a dimension's words), not
    management at large (「但管理工作仍有提升空间」)."""
    return any(w in clause for w in lexicon.gap_specific_aspects) or bool(_dimensions(clause, lexicon))


def _bare_gap(sentence: str, lexicon: Lexicon) -> bool:
    """A sentence that only owns room to improve, naming nothing (「个别工作还需进一步完善。」)."""
    clauses = _clauses(sentence)
    return bool(clauses) and all(_acknowledges_gap(c, lexicon) and not _gap_names_aspect(c, lexicon) for c in clauses)


def _acknowledges_gap(text: str, lexicon: Lexicon) -> bool:
    """Room to improve owned (lexicon gap_acknowledgements: 「仍有提升空间」「个别工作还需进一步完善」), whether or not
    it names where (`_gap_names_aspect` tells)."""
    return any(re.search(p, text) for p in lexicon.gap_acknowledgements)


def gaps_after_none(unit: str, lexicon: Lexicon) -> list[str]:
    """The unit's sentences that acknowledge a gap right after saying there is no problem, within the sentence
    (`_gap_after_none`) or in the next one (「本年度未发现重大问题。个别工作还需进一步完善。」, session 25's review)."""
    sentences = _sentences(unit)
    return [
        s
        for n, s in enumerate(sentences)
        if _gap_after_none(s, lexicon)
        or (n > 0 and _bare_gap(s, lexicon) and says_no_problem(sentences[n - 1], lexicon))
    ]


def _without_gaps_after_none(text: str, unit: str, lexicon: Lexicon) -> str:
    """`text` (the unit without its statements of none) less the unit's gaps acknowledged after a statement of none
    (`gaps_after_none`)."""
    for sentence in gaps_after_none(unit, lexicon):
        text = text.replace(without_no_problem(sentence, lexicon), "", 1)
    return text


def _deviation_told(cell: str, lexicon: Lexicon) -> str:
    """What a deviation cell says once its label and any statement that there was none are out."""
    return without_no_problem(_without_deviation_label(cell, lexicon), lexicon).strip(_BLANK_CELL + "。.；;，,")


def _deviation_cell(unit: str, lexicon: Lexicon) -> str | None:
    """A table row's cell that opens with a deviation label (「偏差原因分析：……」), where the row has other cells."""
    cells = unit.split(_CELL)
    if len(cells) < 2 or not lexicon.deviation_cell_label:
        return None
    return next((c for c in cells if _deviation_labelled(c, lexicon)), None)


def _deviation_labelled(cell: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.deviation_cell_label) and re.match(lexicon.deviation_cell_label, cell) is not None


def _without_deviation_label(text: str, lexicon: Lexicon) -> str:
    """The text after a deviation cell's label (lexicon deviation_cell_label: 「偏差原因：」「偏差原因分析（时效指标：
    ……）：」), or the text itself when it opens with none."""
    label = re.match(lexicon.deviation_cell_label, text) if lexicon.deviation_cell_label else None
    return text[label.end() :] if label else text


def without_no_problem(text: str, lexicon: Lexicon) -> str:
    """The text without its clauses that say there is no problem (convention no_problem_stated)."""
    clauses = re.split(r"(?<=[，,；;。])", text)
    return "".join(c for c in clauses if not says_no_problem(c, lexicon))


def says_no_problem(text: str, lexicon: Lexicon) -> bool:
    """A listed statement (「均已完成」) or a negation, modifiers and a problem's name (「暂无存在的问题」)."""
    words = lexicon.no_problem
    if any(w in text for w in lexicon.no_problem_statements):
        return True
    if words is None:
        return False
    pattern = _no_problem_pattern(
        tuple(words.negations),
        tuple(words.modifiers),
        tuple(words.objects),
        tuple(words.findings),
        tuple(words.found_objects),
        tuple(words.kinds_of),
    )
    if pattern.search(text):
        return True
    if not words.beings:
        return False
    # 「不存在超标准、超范围支出等问题」 states none; 「部分单位并无专职财务人员、……等情况」 states a problem of some.
    being = _free_list_pattern(
        tuple(words.beings), tuple(words.modifiers), tuple(words.objects), tuple(words.found_objects)
    )
    for found in being.finditer(text):
        clause = re.split(r"[，,。；;！!？?\n]", text[: found.start()])[-1]
        if not _partial_subject(clause, tuple(words.partial_subjects)):
            return True
    return False


def _partial_subject(clause: str, partial: tuple[str, ...]) -> bool:
    """Some of the unit's parts as the subject (「部分单位」「个别项目」), not 本部分/各部分, and not a part of which
    均 says the same (「抽查的部分项目均不存在……」)."""
    if not partial:
        return False
    return any("均" not in clause[m.end() :] for m in re.finditer(f"(?<![本各大])(?:{_alternation(partial)})", clause))


@lru_cache(maxsize=4)
def _no_problem_pattern(
    negations: tuple[str, ...],
    modifiers: tuple[str, ...],
    objects: tuple[str, ...],
    findings: tuple[str, ...],
    found_objects: tuple[str, ...],
    kinds_of: tuple[str, ...],
) -> re.Pattern[str]:
    modifier = _modifier_pattern(modifiers)
    # 「无法及时拨付等问题」「未能……等问题」 state a problem: 无/未 there is no 「none」.
    negation = f"(?:{_alternation(negations)})(?![法能])"
    bare = f"{negation}{modifier}(?:{_alternation(objects)})"
    if not modifiers:
        return re.compile(bare)
    # 「没有截留、挤占、挪用等问题」「无挤占挪用情况」「未发生截留、挪用等违规违纪情况」: what was not found listed by
    # the modifiers (kinds of misuse) or called a situation, the object closing its clause.
    named = _alternation((*objects, *found_objects))
    # The list closed by 等, or two kinds or more joined by 、/和, perhaps naming what they are kinds of (`kinds_of`),
    # and called what follows (「未发生超预算、无预算支出的情况」, dev iu15).
    kinds = _alternation(modifiers)
    of = f"(?:{_alternation(kinds_of)})?" if kinds_of else ""
    misuse = f"(?:(?:{kinds})[、，,和及与或]?){{1,6}}等|(?:(?:{kinds})[、和及与或]){{1,5}}(?:{kinds}){of}的?"
    listed = f"{negation}{modifier}(?:{misuse})?{modifier}(?:{named}){_CLOSES}"
    if not findings:
        return re.compile(f"{bare}|{listed}")
    # After a negation of finding, a list of any words or a field (「未发现资金使用方面的违规问题」, dev it19); after a
    # bare 没有/尚无 the same words state a problem (「部分项目没有按期完工等情况时有发生」).
    found = _free_list_pattern(findings, modifiers, objects, found_objects).pattern
    return re.compile(f"{bare}|{listed}|{found}")


_CLOSES = "(?=(?:发生|存在|出现)?(?:$|[，,。；;！!）)\\s]))"


def _modifier_pattern(modifiers: tuple[str, ...]) -> str:
    """At most two modifiers, each may take 的 (「明显的」「重大」); nothing when there are none."""
    return f"(?:(?:{_alternation(modifiers)})的?){{0,2}}" if modifiers else ""


@lru_cache(maxsize=8)
def _free_list_pattern(
    negations: tuple[str, ...], modifiers: tuple[str, ...], objects: tuple[str, ...], found_objects: tuple[str, ...]
) -> re.Pattern[str]:
    """A negation, then what was not found named by a list of any words closed by 等 or by a field (「……方面的」),
    then a problem's name closing its clause. Not any words before the name (「未发现申报材料中存在的问题，造成多拨
    补贴3.2万元」「审核时未发现部分农户重复申报补贴问题」 report a failure to find; session 11's review)."""
    modifier = _modifier_pattern(modifiers)
    free = "(?:[^，,。；;]{1,20}(?:等|方面的?))?"
    named = _alternation((*objects, *found_objects))
    return re.compile(f"(?:{_alternation(negations)}){modifier}{free}{modifier}(?:{named}){_CLOSES}")


def pointer_remainder(unit: str, lexicon: Lexicon, problems_named: bool = False) -> str | None:
    """None when the unit does not point back at the problems (convention measures_referenced); else what it says
    besides its pointer (`pointer_parts`)."""
    parts = pointer_parts(unit, lexicon, problems_named)
    return parts[1] if parts is not None else None


def pointer_parts(unit: str, lexicon: Lexicon, problems_named: bool = False) -> tuple[str, str] | None:
    """None when the unit does not point back at the problems (convention measures_referenced); else its pointer and
    what it says besides. The pointer is a clause of its first sentence, when that sentence is short (「见上。」
    「改进措施已在上一部分结合问题逐条写明，此处不再重复。」 hx07; 「我局已在各问题后逐条提出整改措施」 hw19), or the
    clause opening a longer one (「按照上述问题中提出的措施抓好整改落实，继续做好……」 dev iv18)."""
    sentences = _sentences(unit)
    first = strip_numbering(sentences[0]) if sentences else ""
    clauses = [c for c in re.split(r"(?<=[，,])", first) if c]
    at = next((n for n, clause in enumerate(clauses) if _points_at_problems(clause, lexicon, problems_named)), None)
    # 「针对以上问题，我局将按照上述要求……」: a lead naming what is answered comes before the opening pointer.
    leads = next((n for n, c in enumerate(clauses) if not _names_what_it_answers(c, lexicon)), 0)
    # Naming the problems above as what it answers may lead a long sentence whose other clauses the caller checks
    # only carry their fixes out (「针对上述问题，我中心将坚持问题导向，……建立问题整改台账……」, dev of19).
    if at is None or (len(first) > _REFERENCE_CHARS and at != leads and not (problems_named and at == 0)):
        return None
    body = strip_numbering(unit)
    # The leads naming what the pointer answers go with it: they carry nothing out of their own.
    pointer = "".join(clauses[: at + 1]) if at == leads else clauses[at]
    start = body.find(pointer)
    rest = body[:start] + body[start + len(pointer) :] if start >= 0 else ""
    return pointer, rest.strip("，,。；; \n")


def _names_what_it_answers(clause: str, lexicon: Lexicon) -> bool:
    """A clause leading a pointer by naming what it answers (「针对以上问题」「我局将对照本次自评发现的问题」)."""
    caused = lexicon.money.caused
    bare = clause.strip()
    for name in caused.self_names if caused else []:
        bare = bare.removeprefix(name)
    bare = bare.removeprefix("将")
    if bare.startswith(tuple(lexicon.money.answers_to)):
        return True
    # 「对照」 leads only when it names the problems (not 「对照省厅考核要求」, session 24's review).
    return bare.startswith(tuple(lexicon.measure_reference_leads)) and "问题" in bare


def _points_at_problems(clause: str, lexicon: Lexicon, problems_named: bool = False) -> bool:
    """A clause with a word pointing at the measures above (「见上」「上述措施」), or ending on one that points only
    as a whole (「整改措施同上。」; 「同上年相比」 is no pointer); with `problems_named`, also one naming the problems
    above (「按照上述问题逐项落实整改」), which the caller allows only where the problems give their own measures."""
    bare = clause.strip("。；;，, \n")
    if bare.endswith(tuple(lexicon.measure_reference_clauses)):
        return True
    words = [*lexicon.measure_references, *(lexicon.problem_references if problems_named else [])]
    return len(bare) <= _REFERENCE_CHARS and any(w in bare for w in words)


def _only_carries_out(text: str, lexicon: Lexicon, carried: bool = False) -> bool:
    """Every clause only carries out the measures pointed at (`_carries_out`), or there is none. Slogans alone
    (「进一步强化预算绩效管理，不断提升资金使用效益」) carry nothing out: one clause at least must, unless the pointer
    itself did (`carried`)."""
    clauses = [c for c in re.split(r"[，,。；;\n]+", text) if c.strip()]
    carrying = [c for c in clauses if _carries_out(c, lexicon)]
    return not clauses or (
        (bool(carrying) or carried) and all(c in carrying or _stance_of_carrying_out(c, lexicon) for c in clauses)
    )


def _carries_out(text: str, lexicon: Lexicon) -> bool:
    """Words that carry the measures pointed at out (lexicon measure_reference_pledges, measure_reference_bookkeeping:
    「整改落实」「建立整改台账」「逐项整改销号」; measure_reference_stances)."""
    words = [
        *lexicon.measure_reference_pledges,
        *lexicon.measure_reference_bookkeeping,
        *lexicon.measure_reference_stances,
    ]
    return any(w in text for w in words)


def _stance_of_carrying_out(clause: str, lexicon: Lexicon) -> bool:
    """A slogan clause beside the pointer (「不断提升预算绩效管理水平」): it opens with a stance word and names no
    action, instrument or step of its own."""
    clause = _SLOGAN_LEAD.sub("", clause.strip())
    openers = (*lexicon.slogan_clause_openers, *lexicon.measure_reference_purposes)
    return clause.startswith(openers) and not _names_own_step(clause, lexicon)


def _pledge_only(text: str, lexicon: Lexicon) -> bool:
    """A paragraph that only pledges to carry out the measures pointed at (「我局将逐项抓好落实。」「力争3个月内全部
    整改到位。」): no step of its own, a pledge or deadline word."""
    pledges = lexicon.measure_reference_pledges + lexicon.owner_deadline_markers
    return not _names_own_step(text, lexicon) and any(w in text for w in pledges)


def _names_own_step(text: str, lexicon: Lexicon) -> bool:
    """Beside a pointer, a step of the measures part's own (「同时建立绩效目标审核制度」「年底前由财务股牵头修订
    指标库」): an action or an instrument named. The pledge to carry out the measures pointed at (「逐项抓好落实，
    确保整改到位」「力争3个月内全部整改到位」「确保整改率达到100%」) is none: its deadline, figure and 逐项 belong
    to them."""
    pledged = set(lexicon.measure_reference_pledges) | set(lexicon.owner_deadline_markers)
    words = lexicon.action_markers + lexicon.concrete_markers + lexicon.measure_own_steps
    return any(m in text for m in words if m not in pledged)


# A sentence that points back is short: longer, it says more than where the measures are.
_REFERENCE_CHARS = 50


def split_off_measures(units: list[str], lexicon: Lexicon) -> tuple[list[str], list[str], list[str]]:
    """Problems that give their own measure (「……下一步将……」): the problem up to the sentence that opens
    the measure, and the measure from there on; a unit with no opener stays a problem. Third: the problem
    each measure was written under."""
    problems, measures, owners = [], [], []
    opener_words = tuple(lexicon.measure_openers)
    not_openers = tuple(lexicon.measure_opener_exceptions)
    for unit in units:
        # 「……预算执行波动较大，今后将按……细化测算标准」: the measure may open a clause, not only a sentence.
        sentences = re.findall(r"[^。！？!?；;，,\n]*(?:[。！？!?；;，,\n]+|$)", unit)
        sentences = [s for s in sentences if s]
        openers = [
            n
            for n, s in enumerate(sentences)
            if n
            and not strip_numbering(s).startswith(not_openers)
            and (
                strip_numbering(s).startswith(opener_words)
                or _later_own_step(s, lexicon)
                or _opens_own_step(sentences[n - 1], s, lexicon)
            )
        ]
        at = openers[0] if openers else None
        if at is None:
            problems.append(unit)
            continue
        problems.append("".join(sentences[:at]).rstrip("，, "))
        measures.append("".join(sentences[at:]))
        owners.append(problems[-1])
    return problems, measures, owners


_UNIT_NAMED = r"我[\u4e00-\u9fff]{1,3}?"


def _later_own_step(piece: str, lexicon: Lexicon) -> bool:
    """A later time, then the unit naming itself and what it will do (「今后我院将在编制预算时……」; lexicon
    measure_later_leads): not a government above it (measure_later_not_units: 「今后我县将……」), not what will happen
    to it (measure_forecast_verbs: 「今后我院将面临……」), not what it does with money (「今后我局将部分资金用于……」)."""
    body = strip_numbering(piece).strip()
    lead = next((w for w in lexicon.measure_later_leads if body.startswith(w)), None)
    if lead is None:
        return False
    rest = body[len(lead) :].lstrip("，, ")
    named = _pattern(rf"({_UNIT_NAMED})(?:将要|将|要)").match(rest)
    if named is None or named.group(1) in lexicon.measure_later_not_units:
        return False
    forecast = rest[named.end() :].startswith(tuple(lexicon.measure_forecast_verbs))
    return not forecast and not _WHAT_WAS_DONE_WITH.search(rest)


def _unit_acts(piece: str, lexicon: Lexicon) -> bool:
    """The unit naming itself and what it will do (「我站将……」) or a step it has taken (「我中心已成立……」, lexicon
    measure_done_steps); not what it did about the cause (「我局已多次向财政局申请，但……」) or owns to (「我局要负主要
    管理责任」; session 23's review)."""
    done = _alternation(tuple(lexicon.measure_done_steps)) or "(?!)"
    return _pattern(rf"{_UNIT_NAMED}(?:将|已(?:经)?(?:{done}))").match(piece) is not None


def _opens_own_step(before: str, piece: str, lexicon: Lexicon) -> bool:
    """The unit naming itself before its step (lexicon measure_sentence_openers: 「我局将……」「已要求各……」) opens a
    measure where a sentence starts or after 「对此，」, and not where 将 tells what it did with money (「我镇将部分项目
    资金用于日常办公支出」)."""
    lead = before.strip().rstrip("，,")
    # The unit naming itself tells its fix, done or to do (「对此，我中心已成立项目推进专班」 dev of19), where a
    # sentence starts or after 「对此，」.
    named = piece.startswith(tuple(lexicon.measure_sentence_openers)) or _unit_acts(piece, lexicon)
    if not named:
        return False
    if _WHAT_WAS_DONE_WITH.search(piece):
        return False
    return before.rstrip().endswith(("。", "！", "？", "!", "?", "\n")) or lead in lexicon.measure_sentence_opener_leads


# 将 as 把: what the unit did with money or effort (「将部分项目资金用于」「将20万元工作经费平均分配给」
# 「将主要精力放在」).
_WHAT_WAS_DONE_WITH = re.compile(r"将[^，,。；;]{0,16}?(?:用于|分配|放在|挪|拨给|拨付给|转入|划入)")


def _opens_causes(unit: str, lexicon: Lexicon) -> bool:
    """A paragraph that analyses the causes of problems listed before it (「原因分析：以上问题主要是由于…」
    「从原因看，……造成……」; convention shared_causes): it opens with a cause opener and gives a cause."""
    openers = ("原因：", "原因:", *lexicon.shared_cause_openers)
    return strip_numbering(unit).lstrip().startswith(openers) and _cause(unit, lexicon) is not None


def problem_list_lead(text: str, lexicon: Lexicon) -> re.Match[str] | None:
    """「……还存在一些问题：」 at the start of `text`: the lead-in that announces a list of problems (lexicon
    semicolon_list_lead), or None."""
    return re.match(lexicon.semicolon_list_lead, text) if lexicon.semicolon_list_lead else None


def semicolon_items(unit: str, lexicon: Lexicon) -> list[str]:
    """「……还存在一些问题：A；B；C。」: after a lead-in that announces the problems, each part between semicolons is
    one problem (convention item_segmentation); the lead-in stays with the first. A numbered item keeps its
    semicolons (its facts, or its causes)."""
    if strip_numbering(unit) != unit.strip():
        return [unit]
    lead = problem_list_lead(unit, lexicon)
    if lead is None:
        aspects = _aspect_items(unit, lexicon)
        if len(aspects) > 1:
            return aspects
        listed = _listed_after_sentence(unit, lexicon)
        return listed if len(listed) > 1 else _bare_problem_items(unit, lexicon)
    rest = unit[lead.end() :].strip()
    if strip_numbering(rest) != rest:  # 「……以下问题：一是……；同时……」: an enumeration, already cut at its markers
        return [unit]
    parts = [p.strip() for p in re.split(r"(?<=[；;])", rest) if p.strip()]
    if len(parts) < 2 or any(len(p.strip("；;。 ")) < lexicon.semicolon_item_min_chars for p in parts):
        return [unit]
    return [unit[: lead.end()] + parts[0], *parts[1:]]


_LIST_AFTER_SENTENCE_MIN = 3


def _listed_after_sentence(unit: str, lexicon: Lexicon) -> list[str]:
    """「从自评情况看，……还存在一些薄弱环节。A；B；C；D。其中……的主要原因是……」 (dev lw10: both readers 15/16 for four
    aspects with a cause): a sentence announcing shortcomings, then three or more parts between semicolons that each
    state one, lists them as a lead-in with a colon does."""
    lead = re.match(lexicon.semicolon_list_lead_sentence, unit) if lexicon.semicolon_list_lead_sentence else None
    if lead is None:
        return [unit]
    rest = unit[lead.end() :].strip()
    parts = [p.strip() for p in re.split(r"(?<=[；;])", rest) if p.strip()]
    if len(parts) < _LIST_AFTER_SENTENCE_MIN:
        return [unit]
    # What closes the last part after its full stop stays with it, for trailing_causes_apart to judge; the part is
    # judged up to that stop.
    stop = parts[-1].find("。")
    judged = [*parts[:-1], parts[-1][: stop + 1] if stop >= 0 else parts[-1]]
    if any(
        len(p.strip("；;。 ")) < lexicon.semicolon_item_min_chars or not states_a_problem(p, lexicon) for p in judged
    ):
        return [unit]
    # Parts about one matter (「道路硬化项目开工较晚；施工单位进场推迟两个月；年底仅完成工程量的60%」: one project's
    # delay and its evidence, session 16's review) are one problem: the parts must name two dimensions or more.
    if len({d for p in judged for d in _dimensions(p, lexicon)}) < 2:
        return [unit]
    return [unit[: lead.end()] + parts[0], *parts[1:]]


def _bare_problem_items(unit: str, lexicon: Lexicon) -> list[str]:
    """「部分项目年初预算编制不够细化，年中调整较多；社区网格化管理经费绩效指标偏重数量……；……」 (dev ia06: its
    readers count six problems): one sentence of parts between semicolons, with no lead, each stating a shortcoming,
    lists them, as the measures' bare steps do (`_bare_steps`)."""
    if _CELL in unit or "|" in unit:  # a table row's cells: judged as the row
        return [unit]
    parts = _bare_steps(unit)
    # A paragraph that gives causes (「偏差原因分析：……；主要原因是……；……」, 「原因：一是……；二是……」) is one
    # problem and its causes, or the causes of the problems before it. A form's label alone (「偏差原因分析：资金下达
    # 较晚……；部分工程位置分散……；完成率88%……；年度资金执行率79.4%；受益人口指标达到目标值。」, dev ly08: both readers
    # count several deviations) heads a list of deviations, and a part that states none (an indicator met) goes with
    # the deviation before it.
    label = re.match(lexicon.deviation_cell_label, unit) if lexicon.deviation_cell_label else None
    head = parts[0]
    # Deviations are told by their figures: a cell of causes alone (「偏差原因分析：上级资金下达较晚；项目前期工作推进
    # 缓慢；部分农户配合度不高」) gives one deviation's causes (session 16's review).
    if (
        label is not None
        and len(parts) >= 2
        and "原因" not in unit[label.end() :]
        and sum(bool(re.search(r"\d", _DATES.sub("", p))) for p in parts) >= 2
    ):
        parts = _joined_to_deviations(parts, lexicon)
        head = parts[0][label.end() :]
    if len(parts) < 2 or "原因" in head or not all(states_a_problem(p, lexicon) for p in parts):
        return [unit]
    # A part that opens on a cause or a consequence (「受疫情影响，……」「在此情况下，……」) goes with the one before it.
    joined = (*lexicon.clauses.continuations, *lexicon.cause_markers)
    if any(strip_numbering(p).startswith(joined) for p in parts[1:]):
        return [unit]
    return parts


def _joined_to_deviations(parts: list[str], lexicon: Lexicon) -> list[str]:
    """A form cell's parts with each part that states no deviation joined to the one before it."""
    joined: list[str] = []
    for part in parts:
        if joined and not states_a_problem(part, lexicon):
            joined[-1] += part
        else:
            joined.append(part)
    return joined


def _aspect_items(unit: str, lexicon: Lexicon) -> list[str]:
    """「……但也存在一些不足。在预算管理上，……；在绩效管理上，……；在资产管理上，……」 (dev li08: its readers count
    four aspects): parts between semicolons that each open on an aspect (lexicon aspect_openers) are one problem each;
    what comes before the first stays with it."""
    if not lexicon.aspect_openers:
        return [unit]
    opener = re.compile("|".join(f"(?:{p})" for p in lexicon.aspect_openers))
    starts = [m.start() for m in opener.finditer(unit) if m.start() == 0 or unit[m.start() - 1] in "；;。\n"]
    if len(starts) < 2:
        return [unit]
    cuts = [0, *starts[1:]]
    parts = [unit[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(unit)], strict=True)]
    # Each part a shortcoming: a page of achievements told by aspect (「在财务管理方面，……」, dev ij10) is one unit, for
    # `without_achievements` to find its closing shortcoming in.
    if any(
        len(p.strip("；;。 ")) < lexicon.semicolon_item_min_chars or not states_a_problem(p, lexicon) for p in parts[1:]
    ):
        return [unit]
    return parts


def trailing_causes_apart(units: list[str], lexicon: Lexicon) -> list[str]:
    """「……6.零星采购未纳入采购计划。原因主要是业务股室与财务股衔接不紧，……」: a causes sentence written on at the
    end of the last item, when most items before it give no cause of their own, analyses them all (convention
    item_segmentation) and becomes a causes paragraph of its own."""
    before = units[:-1]
    # Two items before it at least: after a single one, the last item's cause is as likely its own.
    if len(before) < 2 or any(_opens_causes(u, lexicon) for u in before):  # each group has its causes paragraph
        return units
    if 2 * sum(_cause(u, lexicon) is not None for u in before) >= len(before):
        return units
    last = units[-1]
    sentences = _sentences(last)
    at = next((n for n, s in enumerate(sentences) if n and _opens_causes(s, lexicon)), None)
    if at is None:
        return units
    cut = last.rfind(sentences[at])
    return [*before, last[:cut].rstrip(), last[cut:]]


def group_causes(units: list[str], lexicon: Lexicon) -> tuple[list[str], dict[str, str]]:
    """The units that are problems, and the causes each was given by a paragraph of causes (convention
    item_segmentation). One such paragraph analyses all the problems; several, each after its group
    (「（二）履职方面 1.…… 2.…… 原因：……」), each the problems since the previous one."""
    at = [n for n, unit in enumerate(units) if n and _opens_causes(unit, lexicon)]
    problems = [u for n, u in enumerate(units) if n not in at]
    if len(at) == 1:
        return problems, dict.fromkeys(problems, units[at[0]])
    given: dict[str, str] = {}
    for start, end in zip([-1, *at], at, strict=False):
        given |= dict.fromkeys(units[start + 1 : end], units[end])
    return problems, given


def group_headings(units: list[str]) -> dict[str, str]:
    """「（一）预算管理方面」 over 「1.……」「2.……」: a short heading joined to its group's first item names the
    aspect of each numbered item under it (convention item_segmentation), not only of the first."""
    headings: dict[str, str] = {}
    current = None
    for unit in units:
        first, _, rest = unit.partition("\n")
        if rest and _is_heading(first):  # a title of its own: a new group, or an item that is its own group
            current = first if _under_heading(unit) else None
        elif current and strip_numbering(unit) != unit.strip():
            headings[unit] = current
        else:
            current = None
    return headings


def _under_heading(unit: str) -> bool:
    """A group's heading on the first line of its first item, the item numbered of its own below it."""
    first, _, rest = unit.partition("\n")
    return bool(rest) and _is_heading(first) and strip_numbering(rest) != rest.strip()


def _is_heading(line: str) -> bool:
    body = strip_numbering(line)
    return body != line.strip() and len(body) <= _TITLE_MAX and not line.rstrip().endswith("。")


_CELL = "｜"


@dataclass
class TextTable:
    """A section written as table rows in text (「序号｜方面｜存在问题｜原因分析」): its header row, the rows, and each
    row's aspect, cause and content (the problem or the measure itself) as its columns give them (convention
    item_segmentation)."""

    header: str
    rows: list[str]
    aspects: dict[str, str]
    causes: dict[str, str]
    contents: dict[str, str]

    def blank_rows(self) -> set[str]:
        """Rows whose problem or measure cell is blank or a dash (「政府采购｜—｜—」): a heading left unfilled."""
        return {row for row, text in self.contents.items() if not text.strip(_BLANK_CELL)}


_BLANK_CELL = " \t—－-/／无"


def _met_row(row: str, lexicon: Lexicon) -> bool:
    """An indicator's row, its target and actual figures, whose deviation cell says none (the section catalogue's
    empty answers) and whose figures meet the target (「维修改造校舍面积｜1200平方米｜1200平方米｜无」, dev mk14: a form
    of met indicators, readers 6/4, read as five problems) states no problem. A row of a problem whose cause cell is
    「无」 has no two figures and stays one."""
    cells = [c.strip() for c in row.split(_CELL)]
    return (
        len(find_numbers(row)) >= 2
        and any(c and is_empty_answer(c) for c in cells[1:])
        and not falls_short_of_target(row, lexicon)
    )


def text_table(units: list[str], lexicon: Lexicon, content_columns: list[str]) -> TextTable | None:
    """The header row is the first with cells, all short words without figures, over at least one row.
    A row's content is the cell under the first of `content_columns` a header cell names (「存在问题」, 「改进措施」
    before 「对应问题」), else its longest cell that is neither its aspect nor its cause."""
    at = next((n for n, u in enumerate(units) if _CELL in u), None)
    if at is None or at + 1 >= len(units) or _CELL not in units[at + 1]:
        return None
    # The header may close a unit that a sub-heading opens (「（一）绩效指标偏差情况」 over 「指标｜年度指标值｜……」).
    header = [c.strip() for c in units[at].rsplit("\n", 1)[-1].split(_CELL)]
    if any(len(c) > 8 or find_numbers(c) for c in header):
        return None
    aspect = next((i for i, c in enumerate(header) if any(w in c for w in lexicon.table_aspect_columns)), None)
    cause = next((i for i, c in enumerate(header) if any(w in c for w in lexicon.table_cause_columns)), None)
    others = [i for i in range(len(header)) if i not in (aspect, cause)]
    rows = [u for u in units[at + 1 :] if len(u.split(_CELL)) == len(header)]
    # The columns the first content word names (「存在问题」 before 「整改内容」); of those (「问题类型」
    # 「问题描述」), the one that says most.
    word = next((w for w in content_columns if any(w in header[i] for i in others)), None)
    named = [i for i in others if word is not None and word in header[i]]
    content = max(named, key=lambda i: sum(len(r.split(_CELL)[i]) for r in rows)) if named and rows else None
    table = TextTable(header=units[at], rows=rows, aspects={}, causes={}, contents={})
    for row in rows:
        cells = [c.strip() for c in row.split(_CELL)]
        if aspect is not None and cells[aspect]:
            table.aspects[row] = cells[aspect]
        if cause is not None and len(cells[cause]) >= 4:
            table.causes[row] = cells[cause]
        table.contents[row] = cells[content] if content is not None else max((cells[i] for i in others), key=len)
    return table


def without_part_label(unit: str) -> str:
    """「存在问题：1.设备采购……」「改进措施：加强……」: a form cell's label naming the part the unit stands in (kept by
    the section finder so that a list after it is read as one) is no word of the unit's own."""
    body = strip_numbering(unit)
    label = _PART_LABEL.match(body)
    if label is None or not body[label.end() :].strip():
        return unit
    name = label.group(0).strip().rstrip("：:").strip()
    specs = [spec for spec in section_specs("dept") if spec.id in ("problems", "measures")]
    return body[label.end() :] if any(spec.pattern.search(name) for spec in specs) else unit


# A part's own name as a cell label, numbered or not (「（一）存在问题：」「存在的主要问题及原因分析：」).
_PART_LABEL = re.compile(r"^[^（(：:\n]{1,16}[：:]\s*")


def _in_cell(sentence: str | None, lexicon: Lexicon) -> str | None:
    """A cause found in a table row outside a read table: the cell that gives it (verbatim), not the joined row."""
    if sentence is None or _CELL not in sentence:
        return sentence
    cells = sentence.split(_CELL)
    labelled = [c for c in cells if _deviation_labelled(c, lexicon)]
    # A deviation cell gives its deviation's cause, whatever its words (「4座选址调整，延至次年」), unless it only
    # restates the miss (「偏差原因分析：未达到。」, dev ku14: its label's 原因 is no cause; lexicon
    # deviation_restatements).
    for cell in labelled:
        told = _deviation_told(cell, lexicon)
        if told and not any(re.fullmatch(p, told) for p in lexicon.deviation_restatements):
            return cell.strip()
    # A cell that holds the form's prompt (「（请说明未完成原因）」, dev mf13: both readers 8, no cause given) gives
    # none.
    found = next(
        (
            c.strip()
            for c in cells
            if c not in labelled and _cause(c, lexicon) and not any(w in c for w in lexicon.template_prompts)
        ),
        None,
    )
    if found is None and labelled:
        return None
    return found or _longest_cell(sentence)


def _longest_cell(row: str) -> str:
    """A table row outside a recognised table (no header row read): its longest cell, verbatim in the report."""
    return max((c.strip() for c in row.split(_CELL)), key=len)


def _row_text(unit: str, contents: dict[str, str]) -> str:
    """What a unit says for its quote: a table row's content cell where the header was read, its longest cell where
    none was (the joined row is in no report), else the unit itself."""
    if unit in contents:
        return contents[unit]
    return _longest_cell(unit) if _CELL in unit else unit


def _opens_with_none(text: str, lexicon: Lexicon) -> bool:
    """「存在的问题：无。本年度资金全部按时发放……未发现截留、挤占等问题。」: what follows 「无」 says why there is
    none, whatever problem words it names (convention no_problem_stated)."""
    first = _SENTENCE.match(strip_numbering(text))
    if first is None or not _is_none(first.group(0)):
        return False
    # What follows says why there is none, not 「但资产台账登记不全」.
    rest = strip_numbering(text)[first.end() :].strip()
    return not rest or (
        not rest.startswith(tuple(lexicon.clauses.turns)) and any(says_no_problem(c, lexicon) for c in _sentences(rest))
    )


def _is_none(text: str) -> bool:
    """「无」 as a problem or a measure: the same words that leave a section empty, also after a form cell's label
    (「偏差原因分析：无。」, dev ij12)."""
    body = strip_numbering(text).strip()
    # A form's longer label with its bracket (「偏差原因分析及改进措施（满意度指标）：/」, dev jp03) heads a cell too.
    label = _CELL_LABEL.match(body) or _LONG_CELL_LABEL.match(body)
    empty = load_section_catalogue().empty_answer_set
    return body.strip("。. ") in empty or (label is not None and body[label.end() :].strip("。. ") in empty)


# No clause break in it: 「资金拨付不及时，原因：无」 states a problem.
_LONG_CELL_LABEL = re.compile(r"^[^：:\n，,。；;]{1,40}[：:]\s*")


# A form cell's label before its text (「偏差原因：」「改进措施：」): short, no bracket, ending with a colon.
_CELL_LABEL = re.compile(r"^[^（(：:\n]{1,10}[：:]\s*")
