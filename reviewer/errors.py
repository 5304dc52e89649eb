"""The error tree. Only the CLI turns these into messages and exit codes."""

from __future__ import annotations


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
