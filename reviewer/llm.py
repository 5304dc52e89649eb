"""The language-model client: the one module that imports openai.

Transport retries (429 honouring Retry-After, 5xx, timeouts; bounded backoff) live here and are
kept apart from validation re-asks, which belong to `reviewer.structured`. The SDK's own retries are off
so that the two are not stacked.

The boundary cannot leak or hang: no client exists without an endpoint the user named; every socket
read, write and connect is bounded by what is left of the request's wall-clock deadline (so a server
trickling one byte a second is cut off) and of the report's; a reply is read up to a size cap and no
further; a body that is not a chat completion (an HTML page, plain text) is an endpoint error.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpcore2 as httpcore
import httpx2 as httpx
import openai
from pydantic import BaseModel, ConfigDict
from tenacity import RetryCallState, retry, retry_if_exception

from .errors import LLMError
from .files import write_atomically
from .llm_settings import NO_ENDPOINT, LLMSettings, Usage
from .quotes import shorten

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


# ------------------------------------------------------------------------------ the wall-clock bound


class _Budget:
    """One request's limits: the moment it must be over, and how many bytes it may read."""

    def __init__(self, ends: float, max_bytes: int) -> None:
        self.ends = ends
        self.max_bytes = max_bytes
        self.read = 0
        self.too_large = False
        self.expired = False

    def bound(self, timeout: float | None) -> float:
        """`timeout` shortened to what is left; raises the timeout at once when nothing is."""
        left = self.ends - time.monotonic()
        if left <= 0:
            self.expired = True
            raise httpcore.ReadTimeout("请求总时限已到")
        return left if timeout is None else min(timeout, left)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("reviewer_llm_budget", default=None)


def _bound(timeout: float | None) -> float | None:
    budget = _BUDGET.get()
    return timeout if budget is None else budget.bound(timeout)


class _BoundedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = self._inner.read(max_bytes, _bound(timeout))
        budget = _BUDGET.get()
        if budget is not None:
            budget.read += len(data)
            if budget.read > budget.max_bytes:
                budget.too_large = True
                raise httpcore.ReadError("回复超过大小上限")
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        return _BoundedStream(self._inner.start_tls(ssl_context, server_hostname, _bound(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _BoundedBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _BoundedStream(self._inner.connect_tcp(host, port, _bound(timeout), local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _BoundedStream(self._inner.connect_unix_socket(path, _bound(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _BoundedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose every socket operation is bounded by `_BUDGET`."""

    def __init__(self, base_url: str) -> None:
        ssl_context = httpx.create_ssl_context() if base_url.lower().startswith("https") else None
        proxy = _proxy_for(base_url)
        backend = _BoundedBackend()
        if proxy:
            url = httpx.URL(proxy)
            self._pool = httpcore.HTTPProxy(
                proxy_url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
                ssl_context=ssl_context,
                network_backend=backend,
            )
        else:
            self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=backend)


def _proxy_for(url: str) -> str | None:
    """The proxy the environment names for this endpoint (HTTP(S)_PROXY, NO_PROXY), if any."""
    host = httpx.URL(url).host
    if not host or urllib.request.proxy_bypass(host):
        return None
    scheme = httpx.URL(url).scheme
    proxy = urllib.request.getproxies().get(scheme)
    return proxy if proxy and proxy.startswith(("http://", "https://")) else None


# ------------------------------------------------------------------------------------------- client


class LLMClient:
    def __init__(self, settings: LLMSettings) -> None:
        if not (settings.base_url or "").strip():
            raise LLMError(NO_ENDPOINT)  # never the SDK's default endpoint: report text is government data
        base_url = str(settings.base_url)
        self.settings = settings
        self.usage = Usage(model=settings.model)
        self._report_ends = time.monotonic() + settings.report_deadline
        http_client = httpx.Client(
            transport=_BoundedTransport(base_url),
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout, read=settings.first_byte_timeout),
            # A compressed reply could inflate past the size cap after it was counted.
            headers={"Accept-Encoding": "identity"},
        )
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=settings.api_key or "not-needed",
            timeout=settings.timeout,
            max_retries=0,
            http_client=http_client,
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

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        """One reply from the endpoint, after transport retries; never cached here (see `cache_put`)."""
        if self.usage.tokens >= self.settings.token_budget:
            raise LLMError(
                f"已用 {self.usage.tokens} tokens，超出每份报告 {self.settings.token_budget} 的预算，停止调用"
            )
        self._check_report_deadline()
        return self._complete_with_retries(messages, schema)

    def _check_report_deadline(self) -> None:
        if time.monotonic() >= self._report_ends:
            raise LLMError(f"本报告的模型调用已超过 {self.settings.report_deadline:g} 秒的总时限，停止调用")

    def _complete_with_retries(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        def before_sleep(state: RetryCallState) -> None:
            self.usage.transport_retries += 1

        def stop(state: RetryCallState) -> bool:
            return state.attempt_number >= self.settings.max_attempts or time.monotonic() >= self._report_ends

        def wait(state: RetryCallState) -> float:
            return max(0.0, min(_wait(state), self._report_ends - time.monotonic()))

        call = retry(
            retry=retry_if_exception(_transient), wait=wait, reraise=True, before_sleep=before_sleep, stop=stop
        )(self._complete_once)
        try:
            return call(messages, schema)
        except openai.APIStatusError as exc:
            raise LLMError(f"模型服务返回错误 {exc.status_code}：{_short(exc.message)}") from exc
        except openai.APITimeoutError as exc:
            raise LLMError(
                f"模型服务未在时限内答完（单次请求上限 {self.settings.timeout:g} 秒，连接上限 "
                f"{self.settings.connect_timeout:g} 秒，本报告上限 {self.settings.report_deadline:g} 秒），"
                f"共请求 {self.usage.requests} 次"
            ) from exc
        except openai.APIConnectionError as exc:
            raise LLMError(f"无法连接模型服务（{type(exc).__name__}），共请求 {self.usage.requests} 次") from exc

    def _complete_once(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        self.usage.requests += 1
        try:
            try:
                response = self._bounded_create(messages, schema)
            except openai.BadRequestError as exc:
                if self._thinking_off is None or not _about_thinking(exc):
                    raise
                self._thinking_off = None
                self.usage.requests += 1
                response = self._bounded_create(messages, schema)
        except openai.BadRequestError as exc:
            if self._json_schema_ok and self.settings.response_format == "auto" and _about_format(exc):
                # Endpoints such as DeepSeek and most Qwen deployments take JSON mode only.
                self._json_schema_ok = False
                raise JsonModeRequired() from exc
            raise
        text, tokens = _reply_of(response)
        if len(text.encode("utf-8")) > self.settings.max_reply_bytes:
            raise LLMError(_too_large(self.settings.max_reply_bytes))
        self.usage.tokens += tokens
        self.usage.mode = "json_schema" if self._json_schema_ok else "json_object"
        return Completion(text=text, tokens=tokens, mode=self.usage.mode)

    def _bounded_create(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Any:
        """One request within the request's and the report's deadline, read up to the size cap."""
        self._check_report_deadline()
        ends = min(time.monotonic() + self.settings.timeout, self._report_ends)
        budget = _Budget(ends, self.settings.max_reply_bytes)
        token = _BUDGET.set(budget)
        stop_waiting = self._announce_waiting(ends)
        try:
            return self._create(messages, schema)
        except openai.APIConnectionError as exc:
            if budget.too_large:
                raise LLMError(_too_large(self.settings.max_reply_bytes)) from exc
            if budget.expired and not isinstance(exc, openai.APITimeoutError):
                raise openai.APITimeoutError(request=exc.request) from exc
            raise
        except ValueError as exc:  # a body declared JSON that does not parse
            raise LLMError(f"模型服务的回复不是有效的 JSON（{_short(str(exc))}），请检查 OPENAI_BASE_URL") from exc
        finally:
            stop_waiting()
            _BUDGET.reset(token)

    def _announce_waiting(self, ends: float) -> Callable[[], None]:
        """Print a line to stderr every `progress_every` seconds while the request is open."""
        every = self.settings.progress_every
        if every <= 0:
            return lambda: None
        done = threading.Event()
        start = time.monotonic()

        def run() -> None:
            while not done.wait(every):
                waited, left = time.monotonic() - start, max(0.0, ends - time.monotonic())
                line = f"正在等待模型服务回复：已等待 {waited:.0f} 秒，最多再等 {left:.0f} 秒……"
                print(line, file=sys.stderr, flush=True)

        threading.Thread(target=run, name="llm-wait", daemon=True).start()
        return done.set

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

    def cache_get(self, key: str) -> Completion | None:
        """A reply cached by `cache_put`; the caller validates it again before trusting it."""
        path = self._cache_path(key)
        if path is None or not path.exists():
            return None
        try:
            if path.stat().st_size > self.settings.max_reply_bytes * 2:
                return None
            data = json.loads(path.read_text("utf-8"))
            return Completion(text=data["text"], tokens=0, mode=data.get("mode", ""), cached=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def cache_put(self, key: str, completion: Completion) -> None:
        """Store a reply the caller has validated, atomically under a unique temporary name."""
        path = self._cache_path(key)
        if path is None:
            return
        data = json.dumps({"text": completion.text, "mode": completion.mode}, ensure_ascii=False)
        with contextlib.suppress(OSError):  # a cache that cannot be written costs a request next time
            write_atomically(path, data)


class JsonModeRequired(Exception):
    """The endpoint refused json_schema: the caller asks again at once with the schema in the prompt."""


def _about_format(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "structured" in text


def _about_thinking(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "enable_thinking" in text or "chat_template_kwargs" in text


def _reply_of(response: Any) -> tuple[str, int]:
    """The reply's text and tokens; an endpoint error when the body is not a chat completion."""
    choices = getattr(response, "choices", None)
    if isinstance(response, str | bytes) or not isinstance(choices, list) or not choices:
        body = response if isinstance(response, str) else type(response).__name__
        raise LLMError(
            f"模型服务的回复不是对话补全格式（可能是网页、代理或网关的错误页）：{_short(str(body))}；"
            "请检查 OPENAI_BASE_URL 是否指向兼容 OpenAI 的接口"
        )
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    usage = getattr(response, "usage", None)
    try:
        tokens = int(usage.prompt_tokens or 0) + int(usage.completion_tokens or 0) if usage else 0
    except (TypeError, ValueError, AttributeError):
        tokens = 0
    return (content if isinstance(content, str) else ""), tokens


def _too_large(limit: int) -> str:
    return f"模型服务的回复超过 {limit // 1000} KB 的上限，已停止读取"


def _short(text: str) -> str:
    return shorten(text, 200)


def cache_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
