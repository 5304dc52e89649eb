"""Material from outside the report (自评通知, 工作小组, 单位自查, 报送日期), supplied as a YAML or JSON file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError


class NoticeEvidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    issued: bool
    elements: list[str] = Field(default_factory=list, description="通知包含的要素，如 自评范围、自评主要依据…")


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notice: NoticeEvidence | None = None
    working_group: bool | None = None
    units_not_self_checked: list[str] | None = None
    deadline: dt.date | None = None
    submitted: dt.date | None = None


def load_evidence(path: str | Path) -> Evidence:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))  # JSON is YAML too
    except FileNotFoundError as exc:
        raise ConfigError(f"佐证材料文件「{path}」不存在") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"佐证材料文件「{path}」不是有效的 YAML/JSON：{exc}") from exc
    try:
        return Evidence.model_validate(data or {})
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise ConfigError(f"佐证材料文件「{path}」未通过校验：{problems}") from exc


def working_days_late(deadline: dt.date, submitted: dt.date) -> int:
    """Chinese working days after the deadline up to and including the submission day.

    Weekends, statutory holidays and make-up working days (调休) come from the chinese_calendar
    package, which is maintained each year from the State Council's notice.
    """
    import chinese_calendar

    late = 0
    day = deadline + dt.timedelta(days=1)
    while day <= submitted:
        try:
            if chinese_calendar.is_workday(day):
                late += 1
        except NotImplementedError as exc:
            raise ConfigError(f"节假日日历不支持 {day.year} 年，请升级 chinesecalendar 包") from exc
        day += dt.timedelta(days=1)
    return late
