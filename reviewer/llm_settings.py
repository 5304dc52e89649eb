"""Settings and usage of the opt-in llm scorer: endpoint, key and model from the environment or the command line.

Kept free of openai so that the review's JSON contract (which carries `LLMUsage`) imports without it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer

NO_ENDPOINT = (
    "未指定模型服务地址：报告内容属于政务数据，只发往您明确指定的服务。"
    "请设置环境变量 OPENAI_BASE_URL（如 http://127.0.0.1:8000/v1）或使用 --base-url 指定"
)


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str
    base_url: str | None = None  # required before any request: never the SDK's default endpoint
    api_key: str | None = None
    # Wall-clock limits, in seconds. `timeout` bounds one request from connect to the last byte, however
    # slowly the bytes trickle; `first_byte_timeout` bounds any silence (waiting for the reply included);
    # `report_deadline` bounds every request, retry and re-ask of one report together.
    timeout: float = 90.0
    connect_timeout: float = 10.0
    first_byte_timeout: float = 90.0
    report_deadline: float = 300.0
    max_reply_bytes: int = 1_000_000  # a reply larger than this is an endpoint error, read no further
    progress_every: float = 15.0  # print a waiting line this often while a request is open (0: never)
    max_attempts: int = 4  # transport retries: 429, 5xx, timeouts
    max_reasks: int = 2  # validation re-asks: bad JSON, unknown dimension, quote not in the report
    max_tokens: int = 2000
    token_budget: int = 60000  # per report, over every attempt
    response_format: str = "auto"  # auto | json_schema | json_object
    cache_dir: Path | None = None
    samples: int = 1

    @classmethod
    def from_environment(
        cls, model: str | None = None, base_url: str | None = None, **overrides: object
    ) -> LLMSettings:
        """Settings from the command line and the environment; raises LLMError without a model or an endpoint."""
        from .errors import LLMError

        name = model or os.environ.get("REVIEWER_MODEL")
        if not name:
            raise LLMError("未指定模型：请用 --model 或环境变量 REVIEWER_MODEL 给出模型名")
        endpoint = (base_url or os.environ.get("OPENAI_BASE_URL") or "").strip()
        if not endpoint:
            raise LLMError(NO_ENDPOINT)
        cache = os.environ.get("REVIEWER_CACHE_DIR")
        settings = cls(
            model=name,
            base_url=endpoint,
            api_key=os.environ.get("OPENAI_API_KEY") or "not-needed",
            cache_dir=Path(cache) if cache else Path.home() / ".cache" / "reviewer" / "llm",
        )
        return settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})


class Usage(BaseModel):
    """Cost of one report's model calls, over every attempt, re-ask and caller."""

    model_config = ConfigDict(extra="forbid")

    model: str
    requests: int = 0
    tokens: int = 0
    cache_hits: int = 0
    transport_retries: int = 0
    reasks: int = 0
    mode: str = ""


class LLMUsage(Usage):
    """`ReviewResult.llm_usage`: the client's usage, how many extractions were run, and the last error if any."""

    samples: int = 1
    error: str | None = None

    @model_serializer(mode="wrap")
    def _omit_absent_error(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The JSON contract has no "error" key when every extraction succeeded (not "error": null).
        data: dict[str, Any] = handler(self)
        if data.get("error") is None:
            data.pop("error", None)
        return data
