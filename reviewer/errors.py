"""The error tree. Only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from .quotes import shorten


class ReviewerError(Exception):
    """Base of every error the tool reports to a person. The message is Chinese and complete."""


class InputError(ReviewerError):
    """A report file that cannot be read: wrong format, broken, empty, too large."""

    def __init__(self, path: str, reason: str, advice: str = "") -> None:
        self.path = path
        self.reason = reason
        self.advice = advice
        text = f"无法读取文件「{path}」：{reason}"
        if advice:
            text += f"。{advice}"
        super().__init__(text)


class RubricError(ReviewerError):
    """A rubric or catalogue file that does not validate."""


class ConfigError(ReviewerError):
    """Another file the user gave that does not validate: evidence, eval cases, eval thresholds."""


class LLMError(ReviewerError):
    """The language-model endpoint failed in a way retries could not fix."""


class StructuredOutputError(LLMError):
    """The model's replies stayed unacceptable (bad JSON, or the caller's checks failed) after every re-ask.

    The fields are for callers that recover from the failure; the message is for the person.
    """

    def __init__(self, attempts: int, last_reply: str, reasons: list[str], last_parsed: object | None = None) -> None:
        self.attempts = attempts
        self.last_reply = last_reply
        self.reasons = reasons
        # The last reply as the caller's reply type when it parsed but failed the caller's checks, else None.
        self.last_parsed = last_parsed
        super().__init__(
            f"模型回复经 {attempts - 1} 次重问仍不合格：{'；'.join(reasons)}；最后一次回复：{shorten(last_reply, 300)}"
        )
