"""Settings and usage of the opt-in llm scorer: endpoint, key and model from the environment or the command line.

Kept free of openai so that the review's JSON contract (which carries `LLMUsage`) imports without it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str
    base_url: str | None = None
    api_key: str | None = None
    timeout: float = 60.0
    max_attempts: int = 4  # transport retries: 429, 5xx, timeouts
    max_reasks: int = 2  # validation re-asks: bad JSON, unknown dimension, quote not in the report
    max_tokens: int = 2000
    token_budget: int = 60000  # per report, over every attempt
    response_format: str = "auto"  # auto | json_schema | json_object
    cache_dir: Path | None = None
    samples: int = 1

    @classmethod
    def from_environment(cls, model: str | None = None, **overrides: object) -> LLMSettings:
        from .errors import LLMError

        name = model or os.environ.get("REVIEWER_MODEL")
        if not name:
            raise LLMError("未指定模型：请用 --model 或环境变量 REVIEWER_MODEL 给出模型名")
        cache = os.environ.get("REVIEWER_CACHE_DIR")
        settings = cls(
            model=name,
            base_url=os.environ.get("OPENAI_BASE_URL"),
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
