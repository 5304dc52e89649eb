"""The `llm` extractor: the same facts as the rules extractor, read by a model through structured output.

Validation re-asks (bad JSON, a dimension not in the rubric, a quote that is not in the report) go
through `reviewer.structured.ask_structured`, apart from transport retries. Every quote is checked
against the report; nothing the model says is taken on trust.
"""

from __future__ import annotations

import json
import re

from ..llm import LLMClient
from ..llm_settings import LLMSettings
from ..quotes import shorten
from ..rubric import Rubric, load_lexicon
from ..structure import Report
from ..structured import ask_structured, render_prompt
from .facts import NarrativeFacts
from .rules import is_injection

SYSTEM_TEMPLATE = "extract_system.j2"
USER_TEMPLATE = "extract_user.j2"


def facts_schema() -> dict[str, object]:
    return NarrativeFacts.model_json_schema()


def build_messages(report: Report, rubric: Rubric, json_mode: bool) -> list[dict[str, str]]:
    narrative = [i for i in rubric.items if i.section is not None]
    dimensions = next((i.dimensions for i in narrative if i.dimensions), [])
    schema = json.dumps(facts_schema(), ensure_ascii=False)
    # The fixed rubric text comes first so that providers' prefix caches hit across reports.
    system = render_prompt(
        SYSTEM_TEMPLATE, rubric=rubric, items=narrative, dimensions=dimensions, json_mode=json_mode, schema=schema
    )
    problems, measures = report.section("problems"), report.section("measures")
    user = render_prompt(
        USER_TEMPLATE,
        unit=report.unit,
        year=report.year or "",
        problems=_escape(problems.text if problems else ""),
        measures=_escape(measures.text if measures else ""),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _escape(text: str) -> str:
    """Report text cannot close the <report> wrapper and pose as instructions."""
    return re.sub(r"</?\s*(report|section)\b", "〈", text, flags=re.IGNORECASE)


# A quote must identify one sentence of the report: 「预算」 stands in every report and proves nothing.
MIN_QUOTE_CHARS = 6
_TOO_SHORT = f"过短，请摘录能确定是哪一句的原文（至少 {MIN_QUOTE_CHARS} 个字）"
_MAX_REASONS = 12  # what a re-ask lists at most
_SENTENCE_END = re.compile(r"[。！？；;!?\n]+")
_NOT_TEXT = re.compile(r"[\s\W_]+")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def sentence_count(text: str) -> int:
    """How many sentences (or list items) a section has: no reply may list more problems or measures."""
    return sum(1 for part in _SENTENCE_END.split(text) if _NOT_TEXT.sub("", part))


def _too_short(quote: str) -> bool:
    return len(_NOT_TEXT.sub("", quote)) < MIN_QUOTE_CHARS


def validate_facts(facts: NarrativeFacts, report: Report, rubric: Rubric) -> list[str]:
    """What is wrong with a model's facts, in Chinese, to send back. Empty when acceptable."""
    problems: list[str] = []
    for section_id, name, listed in (("problems", "问题", facts.problems), ("measures", "措施", facts.measures)):
        section = report.section(section_id)
        limit = max(1, sentence_count(section.text if section else ""))
        if len(listed) > limit:
            problems.append(
                f"{section_id} 列出了 {len(listed)} 条{name}，多于报告该部分的句子数（{limit}），"
                f"请只列报告中实际写出的{name}"
            )
    source = _normalise(report.document.full_text())
    known = {d.id for i in rubric.items for d in i.dimensions}
    for n, problem in enumerate(facts.problems):
        if _too_short(problem.quote):
            problems.append(f"problems[{n}].quote「{shorten(problem.quote, 40)}」{_TOO_SHORT}")
        for label, quote in (
            ("quote", problem.quote),
            ("text", problem.text),
            ("cause", problem.cause),
            *(("specifics", s) for s in problem.specifics),
        ):
            if quote and _normalise(quote) not in source:
                problems.append(f"problems[{n}].{label}「{shorten(quote, 40)}」不是报告原文，请逐字摘录")
        unknown = [d for d in problem.dimensions if d not in known]
        if unknown:
            problems.append(
                f"problems[{n}].dimensions 含有评分表中没有的维度：{'、'.join(unknown)}；"
                f"只能使用 {'、'.join(sorted(known))}"
            )
    for n, measure in enumerate(facts.measures):
        if _too_short(measure.quote):
            problems.append(f"measures[{n}].quote「{shorten(measure.quote, 40)}」{_TOO_SHORT}")
        elif _normalise(measure.quote) not in source or _normalise(measure.text) not in source:
            problems.append(f"measures[{n}].quote/text「{shorten(measure.quote, 40)}」不是报告原文，请逐字摘录")
        wrong = [a for a in measure.answers if not 0 <= a < len(facts.problems)]
        if wrong:
            problems.append(
                f"measures[{n}].answers 中的问题序号 {wrong} 超出范围（共 {len(facts.problems)} 个问题，从 0 开始）"
            )
    return problems[:_MAX_REASONS]


def _drop_injections(facts: NarrativeFacts) -> NarrativeFacts:
    """A reply that obeyed text addressed to the scorer is not evidence about the department."""
    lexicon = load_lexicon()
    kept = [p for p in facts.problems if not is_injection(p.quote, lexicon)]
    renumber = {old: new for new, old in enumerate(i for i, p in enumerate(facts.problems) if p in kept)}
    measures = [
        m.model_copy(update={"answers": [renumber[a] for a in m.answers if a in renumber]})
        for m in facts.measures
        if not is_injection(m.quote, lexicon)
    ]
    return NarrativeFacts(problems=kept, measures=measures)


def extract_llm(
    report: Report, rubric: Rubric, settings: LLMSettings, client: LLMClient | None = None, sample: int = 0
) -> NarrativeFacts:
    """The report's narrative facts as the model reads them; its cost accrues on `client.usage`.

    Raises StructuredOutputError when the replies stay invalid, LLMError when the endpoint fails.
    """
    client = client or LLMClient(settings)
    facts = ask_structured(
        client,
        build_messages=lambda json_mode: build_messages(report, rubric, json_mode),
        reply_type=NarrativeFacts,
        validate=lambda candidate: validate_facts(candidate, report, rubric),
        prompt_templates=(SYSTEM_TEMPLATE, USER_TEMPLATE),
        cache_parts=(f"{rubric.id}@{rubric.version}",),
        sample=sample,
    )
    return _drop_injections(facts)
