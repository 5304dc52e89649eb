"""How the rules extractor cuts 问题/措施 sections written in shapes real reports use (convention
item_segmentation). Fixtures are our own wordings, in no eval case."""

from __future__ import annotations

from pathlib import Path

from narratives import with_sections

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _split_enumeration, extract_rules, split_off_measures

MEASURES = "1.按季度调度项目进度，对滞后项目约谈实施单位。\n2.年内完成一次资产盘点，6月底前核销报废设备。"


def test_group_headings_and_the_causes_after_each_group(tmp_path: Path) -> None:
    # A heading per aspect over numbered items, and a 「原因：」 paragraph closing each group.
    problems = "\n".join(
        [
            "（一）部门履职效能方面",
            "1.乡村道路养护任务未完成，计划养护120公里，实际完成96公里。",
            "2.农村客运班线通达率偏低，山区5个行政村未通班车。",
            "原因：养护队伍人手紧，山区线路客流少、运营企业积极性不高。",
            "（二）资产和财务管理方面",
            "1.养护机械账实不符，盘点发现3台压路机已报废未核销。",
            "2.其他应收款中两年以上款项12.4万元未清理。",
            "原因：资产管理由出纳兼任，盘点流于形式。",
            "（三）政府采购方面",
            "零星采购未执行比价，全年3次同类维修服务分别采购。原因：采购计划性不强。",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    # The cause paragraphs are no problems; each gives the causes of its own group's items.
    assert len(facts.problems) == 5
    # A heading over a single item of its own is that item's title, not a member of the group before it.
    assert facts.problems[4].dimensions == ["procurement"]
    assert all(p.cause for p in facts.problems)
    assert "人手紧" in (facts.problems[1].cause or "") and "出纳兼任" in (facts.problems[3].cause or "")
    # The second item under each heading belongs to the heading's aspect as the first does.
    assert "duty_performance" in facts.problems[1].dimensions
    assert "asset_finance" in facts.problems[3].dimensions
    # A justification quotes the item, not the heading it is written under.
    assert [p.quote[:2] for p in facts.problems[:4]] == ["1.", "2.", "1.", "2."]


def test_causes_closing_an_inline_list_belong_to_the_whole_list() -> None:
    listed = "一是预算调整频繁，全年调整4次。二是绩效指标多为定性表述。原因：测算依据不足；指标设置缺少业务科室参与。"
    assert _split_enumeration(listed) == [
        "一是预算调整频繁，全年调整4次。",
        "二是绩效指标多为定性表述。",
        "原因：测算依据不足；指标设置缺少业务科室参与。",
    ]
    # A list whose items each give their own cause keeps them where they stand.
    own = "一是预算调整频繁。原因：测算粗。二是指标定性。原因：科室未参与。"
    assert len(_split_enumeration(own)) == 2


def test_connectives_opening_sentences_list_problems() -> None:
    text = (
        "对照年度目标，我站工作还有差距。一方面，防疫物资采购计划性不强，临时采购占比达四成。"
        "另一方面，绩效目标照搬上年，未随任务调整。此外，冷链设备未登记入账。"
    )
    parts = _split_enumeration(text)
    assert len(parts) == 3 and parts[1].startswith("另一方面") and parts[2].startswith("此外")
    # Inside a sentence the connectives describe one problem.
    one = "项目推进偏慢，一方面，资金到位晚，另一方面，配套资金不足。"
    assert _split_enumeration(one) == [one]


def test_a_section_written_as_a_text_table(tmp_path: Path) -> None:
    problems = "\n".join(
        [
            "序号｜方面｜存在问题｜原因分析",
            "1｜预算管理｜年初预算与实际支出偏差大，培训费执行率47%｜上级培训计划临时调整",
            "2｜政府采购｜两项服务合同到期后未重新采购，延续执行五个月｜续签无人牵头",
        ]
    )
    measures = "\n".join(
        [
            "序号｜整改措施｜责任科室｜完成时限",
            "1｜按上级培训计划测算培训经费，年中调整一次｜财务科｜2026年3月",
            "2｜合同到期前三个月启动采购程序｜办公室｜长期",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    # The header rows are neither a problem nor a measure; every row under the header is a problem, even one
    # that states it without a word of shortcoming, and its cause column is its cause.
    assert len(facts.problems) == 2 and len(facts.measures) == 2
    assert [p.cause for p in facts.problems] == ["上级培训计划临时调整", "续签无人牵头"]
    assert "procurement" in facts.problems[1].dimensions


def test_a_long_lead_in_line_is_no_problem(tmp_path: Path) -> None:
    problems = "\n".join(
        [
            "对照部门整体支出绩效评价指标逐项检查，我中心本年度主要存在以下问题：",
            "1.预算执行进度偏慢，至9月底执行率仅51%。",
            "2.固定资产登记不全，6台设备未入账。",
        ]
    )
    facts = extract_rules(with_sections(tmp_path, problems, MEASURES))
    assert [p.quote[:2] for p in facts.problems] == ["1.", "2."]


def test_measures_written_in_each_problem_after_a_comma(tmp_path: Path) -> None:
    # The 措施 part says the measures are those above; each problem gives its fix in a clause of its own.
    problems = "\n".join(
        [
            "1、渠道维护经费测算粗放，汛期前后支出集中，今后将按渠段长度和设施类型核定维护定额。",
            "2、绩效指标中“灌溉保证率”没有统计口径，下一步将明确测算方法并留存佐证。",
        ]
    )
    measures = "针对以上问题，我所将按上述整改措施逐项落实。"
    facts = extract_rules(with_sections(tmp_path, problems, measures))
    assert facts.measures_in_problems
    assert [m.text[:3] for m in facts.measures] == ["今后将", "下一步"]
    assert facts.problems[0].text.endswith("支出集中") and [m.answers for m in facts.measures] == [[0], [1]]


def test_a_measures_paragraph_led_by_its_opener_lists_its_steps() -> None:
    from reviewer.scoring.rules import steps_listed

    led = "下一步，我站将按养护里程核定经费定额；同时，在绩效目标中增设群众满意度指标；年内完成一次资产全面盘点。"
    assert [s[:4] for s in steps_listed(led)] == ["下一步，", "同时，在", "年内完成"]
    # Prose that ends sentences on the way is one measure.
    prose = "下一步，我站将加强预算管理。预算按养护里程核定；绩效目标增设满意度指标；年内完成盘点。"
    assert steps_listed(prose) == [prose]
    # Since session 15 a cell of steps with no lead lists them too (dev li09, lf16: readers count each step).
    cell = "按养护里程核定经费定额；在绩效目标中增设群众满意度指标；年内完成一次资产全面盘点。"
    assert [s[:4] for s in steps_listed(cell)] == ["按养护里", "在绩效目", "年内完成"]


def test_a_drafted_plan_is_not_a_measure_opening() -> None:
    # 「拟」 opens a measure (「拟于……」), 「拟定的方案」 names a plan: the problem stays whole.
    lexicon = load_lexicon()
    drafted = "1、项目推进缓慢，拟定的实施方案至今未报批，原因是论证不充分。"
    assert split_off_measures([drafted], lexicon) == ([drafted], [], [])
    problems, measures, _ = split_off_measures(["1、项目推进缓慢，原因是论证不充分。拟于一季度完成报批。"], lexicon)
    assert problems == ["1、项目推进缓慢，原因是论证不充分。"] and measures == ["拟于一季度完成报批。"]
