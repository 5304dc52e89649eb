"""Structured output from the model: the one validation re-ask loop, instructor-style.

Every caller that wants a typed reply (narrative facts, rewrites) goes through `ask_structured`, so
that fence stripping, the JSON-mode fallback, re-asks and the cache key are the same everywhere.
Transport retries, the cache and the token budget stay in `reviewer.llm`, the one module that
imports openai.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import jinja2
from pydantic import BaseModel, ValidationError

from .errors import StructuredOutputError
from .llm import Completion, JsonModeRequired, LLMClient, cache_key
from .quotes import shorten

ReplyT = TypeVar("ReplyT", bound=BaseModel)
Messages = list[dict[str, str]]

REASK_PREFIX = "上次回复有以下问题，请改正后重新输出完整的 JSON：\n"
# A re-ask quotes the rejected reply up to this many characters, never a huge reply whole.
REASK_QUOTE_CHARS = 4000
_FENCED = re.compile(r"```(?:json)?\s*(.*?)\s*(?:```|\Z)", flags=re.DOTALL | re.IGNORECASE)


# -------------------------------------------------------------------------------------------- prompts


@cache
def _template_source(name: str) -> str:
    return resources.files("reviewer.prompts").joinpath(name).read_text("utf-8")


def render_prompt(name: str, **context: object) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    return env.from_string(_template_source(name)).render(**context)


def prompt_version(templates: Sequence[str]) -> str:
    """A short hash of the prompt templates' sources: editing a prompt invalidates its cached replies."""
    return cache_key(*(_template_source(name) for name in templates))[:12]


# ------------------------------------------------------------------------------------------ the loop


def strip_fences(text: str) -> str:
    """The JSON inside a ```json fence wherever it stands (an unclosed fence too), else the text itself."""
    match = _FENCED.search(text)
    return match.group(1) if match else text.strip()


def ask_structured(
    client: LLMClient,
    *,
    build_messages: Callable[[bool], Messages],
    reply_type: type[ReplyT],
    validate: Callable[[ReplyT], list[str]],
    prompt_templates: Sequence[str],
    cache_parts: Sequence[str] = (),
    sample: int = 0,
) -> ReplyT:
    """Ask until the reply parses as `reply_type` and `validate` finds nothing wrong with it.

    `build_messages(json_mode)` gives the opening messages; with json_mode the schema must be in
    the prompt, for endpoints that refuse json_schema. `validate` returns Chinese reasons, which
    are sent back with the reply, at most `settings.max_reasks` times. Raises StructuredOutputError
    when every attempt failed, and LLMError when the endpoint or the token budget gave out.
    """
    settings = client.settings
    schema = reply_type.model_json_schema()
    opening = build_messages(client.json_mode)
    reasks: Messages = []  # kept across a switch to JSON mode: the model sees what it got wrong
    attempts = settings.max_reasks + 1
    reasons: list[str] = []
    last_reply = ""
    last_parsed: ReplyT | None = None

    def check(completion: Completion) -> tuple[ReplyT | None, list[str]]:
        try:
            parsed = reply_type.model_validate_json(strip_fences(completion.text))
        except ValidationError as exc:
            return None, _json_reasons(exc)
        return parsed, validate(parsed)

    def key_of(messages: Messages) -> str:
        return structured_cache_key(client, prompt_templates, cache_parts, schema, messages, sample)

    # Only a validated reply is cached, under the opening messages' key: a rerun asks nothing.
    # (In JSON mode when the endpoint refused json_schema last time.)
    for cached_opening in [opening] if client.json_mode else [opening, build_messages(True)]:
        cached = client.cache_get(key_of(cached_opening))
        if cached is not None:
            parsed, problems = check(cached)
            if parsed is not None and not problems:
                client.usage.cache_hits += 1
                return parsed

    for attempt in range(1, attempts + 1):
        try:
            completion = client.complete(opening + reasks, schema)
        except JsonModeRequired:
            opening = build_messages(True)
            completion = client.complete(opening + reasks, schema)
        last_reply = completion.text[: REASK_QUOTE_CHARS * 2]
        last_parsed, reasons = check(completion)
        if last_parsed is not None and not reasons:
            client.cache_put(key_of(opening), completion)
            return last_parsed
        if attempt < attempts:
            client.usage.reasks += 1
            reasks = [
                *reasks,
                {"role": "assistant", "content": quote_reply(completion.text)},
                {"role": "user", "content": REASK_PREFIX + "\n".join(reasons)},
            ]
    raise StructuredOutputError(attempts=attempts, last_reply=last_reply, reasons=reasons, last_parsed=last_parsed)


def quote_reply(text: str) -> str:
    """The reply as sent back in a re-ask: whole when short, else its first part and a note that it was cut."""
    if len(text) <= REASK_QUOTE_CHARS:
        return text
    return shorten(text, REASK_QUOTE_CHARS) + f"\n（回复共 {len(text)} 字符，过长，此处只引用开头部分）"


def structured_cache_key(
    client: LLMClient,
    prompt_templates: Sequence[str],
    cache_parts: Sequence[str],
    schema: dict[str, Any],
    messages: Messages,
    sample: int,
) -> str:
    """Model, prompt version, the caller's parts, schema, the exact messages and sample number.

    The messages carry the report, the rubric and any re-ask, so a re-run of the same report with
    the same prompts costs nothing, while any change to what the model would see misses the cache.
    """
    return cache_key(
        client.settings.model,
        prompt_version(prompt_templates),
        *cache_parts,
        json.dumps(schema, sort_keys=True),
        json.dumps(messages, ensure_ascii=False),
        str(sample),
    )


def _json_reasons(exc: ValidationError) -> list[str]:
    return [
        f"回复不是符合要求的 JSON：{e['msg'][:200]}（位置 {'.'.join(str(p) for p in e['loc'])[:100]}）"
        for e in exc.errors()[:5]
    ]
