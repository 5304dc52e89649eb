"""The language-model client: the one module that imports openai.

Transport retries (429 honouring Retry-After, 5xx, timeouts; bounded backoff) live here and are
kept apart from validation re-asks, which belong to `reviewer.structured`. The SDK's own retries are off
so that the two are not stacked.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import openai
from pydantic import BaseModel, ConfigDict
from tenacity import RetryCallState, retry, retry_if_exception, stop_after_attempt

from .errors import LLMError
from .llm_settings import LLMSettings, Usage

__all__ = ["Completion", "JsonModeRequired", "LLMClient", "Usage", "cache_key"]

_MAX_WAIT = 30.0


class Completion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    tokens: int
    mode: str
    cached: bool = False


def _transient(exc: BaseException) -> bool:
    return isinstance(
        exc, openai.RateLimitError | openai.InternalServerError | openai.APITimeoutError | openai.APIConnectionError
    )


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value:
            try:
                return min(_MAX_WAIT, float(value) * scale)
            except ValueError:
                return None
    return None


def _wait(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    hinted = _retry_after(exc)
    if hinted is not None:
        return hinted
    return min(_MAX_WAIT, 0.5 * 2 ** (state.attempt_number - 1))


class LLMClient:
    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.usage = Usage(model=settings.model)
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key or "not-needed",
            timeout=settings.timeout,
            max_retries=0,
        )
        self._json_schema_ok = settings.response_format != "json_object"
        # Qwen/vLLM-style switches that turn thinking off; a strict endpoint refuses them, and is then
        # asked again without them rather than failing every report over a courtesy field.
        self._thinking_off: dict[str, Any] | None = (
            {"chat_template_kwargs": {"enable_thinking": False}, "enable_thinking": False}
            if settings.base_url and "api.openai.com" not in settings.base_url
            else None
        )

    @property
    def json_mode(self) -> bool:
        """True once the endpoint is known (or configured) not to take json_schema."""
        return not self._json_schema_ok

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any], cache_key: str) -> Completion:
        cached = self._cache_get(cache_key)
        if cached is not None:
            self.usage.cache_hits += 1
            return cached
        if self.usage.tokens >= self.settings.token_budget:
            raise LLMError(
                f"已用 {self.usage.tokens} tokens，超出每份报告 {self.settings.token_budget} 的预算，停止调用"
            )
        completion = self._complete_with_retries(messages, schema)
        self._cache_put(cache_key, completion)
        return completion

    def _complete_with_retries(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        def before_sleep(state: RetryCallState) -> None:
            self.usage.transport_retries += 1

        call = retry(
            retry=retry_if_exception(_transient),
            wait=_wait,
            reraise=True,
            before_sleep=before_sleep,
            stop=stop_after_attempt(self.settings.max_attempts),
        )(self._complete_once)
        try:
            return call(messages, schema)
        except openai.APIStatusError as exc:
            raise LLMError(f"模型服务返回错误 {exc.status_code}：{_short(exc.message)}") from exc
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            raise LLMError(f"无法连接模型服务（{type(exc).__name__}），已重试 {self.settings.max_attempts} 次") from exc

    def _complete_once(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        self.usage.requests += 1
        try:
            try:
                response = self._create(messages, schema)
            except openai.BadRequestError as exc:
                if self._thinking_off is None or not _about_thinking(exc):
                    raise
                self._thinking_off = None
                self.usage.requests += 1
                response = self._create(messages, schema)
        except openai.BadRequestError as exc:
            if self._json_schema_ok and self.settings.response_format == "auto" and _about_format(exc):
                # Endpoints such as DeepSeek and most Qwen deployments take JSON mode only.
                self._json_schema_ok = False
                raise JsonModeRequired() from exc
            raise
        usage = response.usage
        tokens = (usage.prompt_tokens + usage.completion_tokens) if usage else 0
        self.usage.tokens += tokens
        self.usage.mode = "json_schema" if self._json_schema_ok else "json_object"
        text = response.choices[0].message.content or "" if response.choices else ""
        return Completion(text=text, tokens=tokens, mode=self.usage.mode)

    def _create(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Any:
        if self._json_schema_ok:
            response_format: Any = {
                "type": "json_schema",
                "json_schema": {"name": "narrative_facts", "schema": schema, "strict": False},
            }
        else:
            response_format = {"type": "json_object"}
        return self._client.chat.completions.create(
            model=self.settings.model,
            messages=messages,  # type: ignore[arg-type]
            response_format=response_format,
            # Several samples only disagree usefully when they are drawn, not taken greedily.
            temperature=0 if self.settings.samples == 1 else 0.7,
            max_tokens=self.settings.max_tokens,
            extra_body=self._thinking_off,
        )

    # ---------------------------------------------------------------------------------------- cache

    def _cache_path(self, key: str) -> Path | None:
        if self.settings.cache_dir is None:
            return None
        return self.settings.cache_dir / f"{key}.json"

    def _cache_get(self, key: str) -> Completion | None:
        path = self._cache_path(key)
        if path is None or not path.exists():
            return None
        try:
            data = json.loads(path.read_text("utf-8"))
            return Completion(text=data["text"], tokens=0, mode=data.get("mode", ""), cached=True)
        except (OSError, ValueError, KeyError):
            return None

    def _cache_put(self, key: str, completion: Completion) -> None:
        path = self._cache_path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"text": completion.text, "mode": completion.mode}, ensure_ascii=False), "utf-8")
        tmp.replace(path)


class JsonModeRequired(Exception):
    """The endpoint refused json_schema: the caller asks again at once with the schema in the prompt."""


def _about_format(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "structured" in text


def _about_thinking(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "enable_thinking" in text or "chat_template_kwargs" in text


def _short(text: str) -> str:
    return text if len(text) <= 200 else text[:200] + "…"


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
