"""What an extractor reads out of the 问题 and 措施 sections. Models extract these facts; code scores them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema


class ProblemFact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="该问题在报告中的原文（逐字摘录，不得改写），可只摘标题或第一句")
    text: str = Field(default="", description="该问题在报告中的完整原文（逐字摘录），含标题和说明")
    dimensions: list[str] = Field(
        default_factory=list,
        description="该问题所属的评分维度 id，只能从评分表给出的维度中选择；只谈资金不足的问题不属于任何维度",
    )
    cause: str | None = Field(
        default=None, description="报告原文中对该问题原因的分析（逐字摘录）；报告未分析原因则为 null"
    )
    specifics: list[str] = Field(default_factory=list, description="报告原文中支撑该问题的具体数据或事例（逐字摘录）")
    funding_only: bool = Field(description="该问题是否只是资金不足（资金不足、经费紧张、财力有限等任何说法）")
    set_out: bool = Field(
        default=False,
        description="该问题在标题之外是否写出了具体情况（哪项工作、怎样的表现），不只是一句话或又一句「有待加强」",
    )
    stance: bool = Field(
        default=False,
        description="该问题是否只是态度、作风、能力类的表态（「思想认识还需进一步提高」「工作作风有待转变」），"
        "没有指出哪项预算、资金、资产、采购或业务工作的不足",
    )
    # Set by the rules extractor only, never asked of the llm: the n-grams for which the money model judged
    # the problem a funding shortage where the composition of word sets did not.
    model_cues: SkipJsonSchema[list[str]] = Field(default_factory=list)
    # Set by the rules extractor only: the problem is a funding shortage because it puts what went wrong down to money
    # and tells nothing else but what the money did (lexicon money.caused), not because money heads it.
    caused_by_money: SkipJsonSchema[bool] = False


class MeasureFact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="该措施在报告中的原文（逐字摘录，不得改写），可只摘标题或第一句")
    text: str = Field(default="", description="该措施在报告中的完整原文（逐字摘录），含标题和说明")
    answers: list[int] = Field(default_factory=list, description="该措施回应的问题序号（从 0 开始，对应问题列表）")
    concrete: bool = Field(
        description="措施是否具体：针对所列某个问题、写出了可执行的做法；责任主体和完成时间是佐证，不是唯一标准"
    )
    money_only: bool = Field(
        description="该措施是否只是要求增加资金（加大投入、多渠道筹措资金、争取上级支持等任何说法）"
    )
    # As ProblemFact.model_cues: the money model judged the measure a request for money.
    model_cues: SkipJsonSchema[list[str]] = Field(default_factory=list)
    slogan: bool = Field(
        default=False,
        description="该措施是否只是口号或套话：只复述问题本身，或换个问题名称就能放进任何报告",
    )
    off_topic: bool = Field(default=False, description="该措施是否离题：与所列问题无关、属于其他工作（党建、宣传等）")
    steps: int | None = Field(
        default=None,
        description="该措施中写出自己做法的分句数：动作加对象，不只是把问题反过来说，也不只是责任主体和时限；口号为 0",
    )
    repeats: int | None = Field(
        default=None, description="该措施与前面第几条措施（从 0 开始）内容基本相同；不重复则为 null"
    )


class NarrativeFacts(BaseModel):
    """Both sections' facts, as one extraction."""

    model_config = ConfigDict(extra="forbid")

    problems: list[ProblemFact] = Field(default_factory=list, description="存在的问题，按报告顺序")
    measures: list[MeasureFact] = Field(default_factory=list, description="改进措施，按报告顺序")
    ignored_prompts: list[str] = Field(
        default_factory=list,
        description="两部分中保留的模板填写提示（「请简要说明……」等，逐字摘录）：不是内容，不作为问题或措施抽取",
    )
    no_problem_statements: list[str] = Field(
        default_factory=list,
        description="「存在的问题」部分只称没有问题的原文（「未发现明显问题」「未偏离绩效目标」等，逐字摘录）：不是问题",
    )
    acknowledged_gaps: list[str] = Field(
        default_factory=list,
        description="「存在的问题」部分只写成绩、结尾只笼统承认有差距的句子（「但与上级要求相比仍有一定差距」「个别方面还有提升空间」，"
        "逐字摘录）：没有指出具体问题，不作为问题抽取，也不是只称没有问题",
    )
    pasted_causes: list[str] = Field(
        default_factory=list,
        description="几个问题下原样重复的同一段原因（逐字摘录）：换到哪个问题下都成立，不算分析了原因，"
        "这些问题的 cause 为 null",
    )
    measures_in_problems: bool = Field(
        default=False,
        description="措施部分只是引用（「见上」等），措施写在「存在的问题」部分：这些措施照样抽取为措施",
    )
