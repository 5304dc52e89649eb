"""The `llm` extractor: the same facts as the rules extractor, read by a model through structured output.

Validation re-asks (bad JSON, a dimension not in the rubric, a quote that is not in the report) are
kept apart from transport retries: each failed reply is sent back once or twice with the error,
instructor-style. Every quote is checked against the report; nothing the model says is taken on trust.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import jinja2
from pydantic import ValidationError

from ..errors import LLMError
from ..llm import JsonModeRequired, LLMClient, Usage, cache_key
from ..llm_settings import LLMSettings
from ..rubric import Rubric, load_lexicon
from ..structure import Report
from .facts import NarrativeFacts
from .rules import is_injection

SYSTEM_TEMPLATE = "extract_system.j2"
USER_TEMPLATE = "extract_user.j2"


@cache
def _template_source(name: str) -> str:
    return resources.files("reviewer.prompts").joinpath(name).read_text("utf-8")


def render_prompt(name: str, **context: object) -> str:
    return _render(name, **context)


def _render(name: str, **context: object) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    return env.from_string(_template_source(name)).render(**context)


def template_version() -> str:
    return cache_key(_template_source(SYSTEM_TEMPLATE), _template_source(USER_TEMPLATE))[:12]


def facts_schema() -> dict[str, object]:
    return NarrativeFacts.model_json_schema()


def build_messages(report: Report, rubric: Rubric, json_mode: bool) -> list[dict[str, str]]:
    narrative = [i for i in rubric.items if i.section is not None]
    dimensions = next((i.dimensions for i in narrative if i.dimensions), [])
    schema = json.dumps(facts_schema(), ensure_ascii=False)
    # The fixed rubric text comes first so that providers' prefix caches hit across reports.
    system = _render(
        SYSTEM_TEMPLATE, rubric=rubric, items=narrative, dimensions=dimensions, json_mode=json_mode, schema=schema
    )
    problems, measures = report.section("problems"), report.section("measures")
    user = _render(
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


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def validate_facts(facts: NarrativeFacts, report: Report, rubric: Rubric) -> list[str]:
    """What is wrong with a model's facts, in Chinese, to send back. Empty when acceptable."""
    problems: list[str] = []
    source = _normalise(report.document.full_text())
    known = {d.id for i in rubric.items for d in i.dimensions}
    for n, problem in enumerate(facts.problems):
        for label, quote in (
            ("quote", problem.quote),
            ("text", problem.text),
            ("cause", problem.cause),
            *(("specifics", s) for s in problem.specifics),
        ):
            if quote and _normalise(quote) not in source:
                problems.append(f"problems[{n}].{label}「{quote[:40]}」不是报告原文，请逐字摘录")
        unknown = [d for d in problem.dimensions if d not in known]
        if unknown:
            problems.append(
                f"problems[{n}].dimensions 含有评分表中没有的维度：{'、'.join(unknown)}；"
                f"只能使用 {'、'.join(sorted(known))}"
            )
    for n, measure in enumerate(facts.measures):
        if _normalise(measure.quote) not in source or _normalise(measure.text) not in source:
            problems.append(f"measures[{n}].quote/text「{measure.quote[:40]}」不是报告原文，请逐字摘录")
        wrong = [a for a in measure.answers if not 0 <= a < len(facts.problems)]
        if wrong:
            problems.append(
                f"measures[{n}].answers 中的问题序号 {wrong} 超出范围（共 {len(facts.problems)} 个问题，从 0 开始）"
            )
    return problems


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
) -> tuple[NarrativeFacts, Usage]:
    client = client or LLMClient(settings)
    messages = build_messages(report, rubric, client.json_mode)
    errors: list[str] = []
    last_reply = ""
    facts = NarrativeFacts()
    for attempt in range(settings.max_reasks + 1):
        try:
            completion = client.complete(messages, facts_schema(), _key(settings, rubric, messages, sample))
        except JsonModeRequired:
            messages = build_messages(report, rubric, json_mode=True) + messages[2:]
            completion = client.complete(messages, facts_schema(), _key(settings, rubric, messages, sample))
        last_reply = completion.text
        try:
            facts = NarrativeFacts.model_validate_json(_strip_fences(completion.text))
            errors = validate_facts(facts, report, rubric)
        except ValidationError as exc:
            errors = [
                f"回复不是符合要求的 JSON：{e['msg']}（位置 {'.'.join(str(p) for p in e['loc'])}）"
                for e in exc.errors()[:5]
            ]
        if not errors:
            return _drop_injections(facts), client.usage
        if attempt < settings.max_reasks:
            client.usage.reasks += 1
            messages = [
                *messages,
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": "上次回复有以下问题，请改正后重新输出完整的 JSON：\n" + "\n".join(errors)},
            ]
    raise LLMError(
        f"模型回复经 {settings.max_reasks} 次重问仍不合格：{'；'.join(errors)}；最后一次回复：{last_reply[:300]}"
    )


def _key(settings: LLMSettings, rubric: Rubric, messages: list[dict[str, str]], sample: int) -> str:
    """Model, template version, rubric version, schema, input and sample number: a re-run costs nothing."""
    return cache_key(
        settings.model,
        template_version(),
        f"{rubric.id}@{rubric.version}",
        json.dumps(facts_schema(), sort_keys=True),
        json.dumps(messages, ensure_ascii=False),
        str(sample),
    )


def _strip_fences(text: str) -> str:
    match = re.search(r"```(?:json)?\s*(.*?)```", text, flags=re.DOTALL)
    return match.group(1) if match else text.strip()
