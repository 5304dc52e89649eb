"""Funding-only problems and money-only measures judged by what a clause is about (conventions
funding_beside_real and money_beside_real), on wordings written for this test and used by no eval case:
the judgement must catch the next writer's phrasings, not a list of the last writer's."""

from __future__ import annotations

import pytest

from reviewer.rubric import load_lexicon
from reviewer.scoring.rules import _funding_only, _money_only

LEXICON = load_lexicon()

# The subject is money available to the department, the predicate says it is not enough, in any order.
FUNDING_ONLY = [
    "办公经费标准多年未调整，已不能适应当前物价水平。",
    "乡镇事业站所运转经费长期偏少，部分站所只能向上级借款维持日常开支。",
    "本级财政收入下滑，对我局业务经费的安排逐年压缩，今年比上年减少18%。",
    "环卫作业面积逐年扩大，财政拨款增长跟不上作业量的增加。",
    "上级下达的项目普遍要求县级按比例配套，我县无力足额配套。",
    "基层卫生院人员经费缺乏稳定来源，主要依靠业务收入弥补。",
    "防汛抗旱专项资金规模较小，与承担的防汛抗旱任务不相适应。",
    "文物保护资金严重匮乏，大量不可移动文物得不到及时修缮。",
    "缺少必要的执法装备购置经费，执法车辆老化严重。",
    "护林员补助标准过低，难以调动护林员的积极性。",
    "养老机构建设补贴资金到位率仅为六成，部分项目被迫停工。",
    "经费投入与群众日益增长的文化需求相比差距较大。",
    "近年来上级对我县的补助资金大幅缩水，本级财力难以承担配套任务。",
    "二是项目建设资金筹措难度大，县本级可用财力十分紧张。",
    "残疾人两项补贴所需资金逐年增加，县级财政负担较重，难以为继。",
    "社区工作者报酬等刚性支出增长较快，而运转经费没有同步增长。",
    "三是村级组织运转保障经费偏少，部分村无钱办事。",
    "上级专项转移支付下达时间偏晚，且数额逐年递减。",
    "全年需要经费约300万元，实际安排仅120万元，缺口较大。",
    "乡镇财力薄弱，对村级组织的补助难以兑现。",
    "受经济下行影响，县级一般公共预算收入连续两年负增长，部门公用经费被迫压减。",
    "工作经费缺口逐年扩大。",
    "部分乡镇配套资金长期拖欠，项目无法按时结算。",
    "各级财政对养老服务的投入总量偏小，人均投入低于全省平均。",
    "政府购买服务资金来源不稳定，年度间波动大。",
    # A shortfall beside a payment told by when it was made is still a shortfall (money.late_told does not clear it).
    "上级补助资金到位迟缓，村卫生室补助年底才兑付。",
    "县级配套资金难以落实，部分村卫生室补助年底才兑付。",
    "单位经费入不敷出，护林员补助12月才发放。",
    "一是运转保障经费没有稳定来源，临聘人员工资常常到年底才发放。",
    "因县级财力无法足额配套，部分村卫生室补助年底才兑付。",
    "上级补助资金下达较晚，县级配套资金难以落实，支出集中在第四季度。",
    # Forced by the shortage (「只能……挤占」), and money not provided in the budget.
    "二是新建设施的运维经费未列入预算，只能从日常公用经费中挤占，运转压力较大。",
    # The planned work a shortage left undone is its consequence (lexicon money.work_shortfall).
    "年度计划维修农村饮水工程30处，实际完成22处，主要原因是维修经费到位不足。",
    "因财力所限，部分应纳入预算的民生项目未能安排。",
    "专项经费多年维持在20万元，与业务量增长不相称。",
    "二是资金保障渠道单一。除上级补助外，没有其他稳定的资金来源，项目建设资金主要靠争取。",
    "办案经费严重不足，办案人员外出调查取证常常自掏腰包。",
    "县级财政十分困难，连续三年未安排业务工作专项经费。",
    "随着服务人口增加，卫生院运行成本上升，财政补助增长赶不上支出增长。",
    "各项补助标准与周边县市相比明显偏低。",
    "社区矫正经费没有纳入财政预算，工作开展缺乏基本保障。",
    "乡镇一级几乎没有可用财力，农村公益事业建设只能依靠上级。",
    "救助资金需求逐年增大，现有资金盘子难以覆盖。",
    "县财政仅能保工资、保运转，业务经费基本无从安排。",
    "财政供给不足，部分乡镇兽医站已多年没有业务经费。",
    "县本级可统筹使用的财力极为有限。",
    "专项业务费连续多年零增长。",
    "我局无独立预算，所有开支依靠县委办统一安排，业务工作经常因经费问题搁置。",
    "公益性岗位补贴由县级全额承担，财政负担日益沉重。",
    "乡镇财政所人员经费、公用经费均由乡镇自行解决，保障十分困难。",
    "项目资金下达后，部分乡镇配套资金不到位，导致工程停工。",
    "资金投入不足，基础设施建设滞后。",
    "问题：运转经费不足。原因：县级财力有限，上级补助少。",
    "资金缺口大,项目推进慢。",
    "受疫情影响,财政收入锐减,部门预算被大幅压缩。",
    "单位属差额拨款事业单位，财政拨款仅能覆盖60%的人员工资，其余靠自收自支弥补，运转压力较大。",
    "林业有害生物防治经费多年来一直靠临时申请解决，没有列入年度预算。",
    "由于历史原因，我局办公用房维修改造资金长期无着落。",
    "专项资金安排与实际需求差距较大，只能优先保障重点工作。",
    "上级下达的补助资金远远不能弥补实际成本。",
]

# The department's own handling of money, or a shortcoming beside the money: real problems.
REAL = [
    "专项经费执行率偏低，年末结余占比达31%，原因是项目前期准备不足。",
    "补助资金发放不及时，原因是乡镇审核环节多。",
    "部分项目资金使用不规范，存在挤占挪用现象。",
    "绩效目标与资金规模不匹配，产出指标沿用上年数值。",
    "资金拨付进度缓慢，平均支付周期超过30天。",
    "跨年度结转资金较多，上年结转资金当年仅支出45%。",
    "缺乏资金管理经验，财务人员对新出台的制度掌握不够。",
    "经费预算编制不够细化，未按项目逐项测算。",
    "资金分配标准不统一，部分乡镇按人头平均分配。",
    "预算执行率低，原因是上级资金下达较晚。",
    "经费紧张，同时财务人员业务能力不强，会计核算不够规范。",
    "人力投入不足，绩效评价工作只由财务人员兼任。",
    "资金支付进度滞后，年底实际支出149万元，原因是审核周期长。",
    "项目实施中存在资金到位晚、部分设备安装调试推迟的问题。",
    "配套设施建设滞后，部分站点未能按期投入使用。",
    "资金下达后未及时分解，部分资金在局本级滞留三个月。",
    "经费保障与实际需求测算脱节，预算编制依据不足。",
    "一般性支出压减不到位，三公经费同比增长8%。",
    "基层财务人员力量薄弱，加之经费紧张，业务培训难以开展。",
    "项目资金使用率低，部分项目资金闲置超过一年。",
    "上级资金到位后，我局拨付环节多，平均耗时45天。",
    "预算安排与实际需求不匹配，部分项目年中大幅追加、部分项目大量结余。",
    "经费测算不够精准，年初预算与执行数差异较大。",
    "部分专项经费结余较多，同时又有部分工作经费不足。",
    "财政资金绩效评价覆盖面不足，仅对3个项目开展评价。",
    "资金到位率不高的原因是项目申报材料不全，未通过上级审核。",
    "绩效目标设置偏低，与资金投入规模不匹配。",
    "资金分配没有与绩效评价结果挂钩。",
    "部分资金未按规定用途使用，存在截留挪用风险。",
    "财政资金支付时间长，影响项目推进。",
    "资金安排碎片化，难以集中力量办大事。",
    "经费不足，绩效意识不强。",
    "资金紧张，财务制度执行不严。",
    "问题：部分项目资金支付缓慢。原因：审批流程长。",
    "资金拨付不及时,影响项目进度。",
    # The department's own payment told by when it was made (lexicon money.late_told).
    "市级奖补资金10月才拨付到局，部分合作社的奖补资金次年才兑付。",
    "省级专项资金9月拨付到县，乡镇敬老院的运营补助年底才陆续发放。",
    "年度计划完成农村公路养护120公里，实际完成96公里，原因是施工单位进场晚。",
    # Planned against done beside a shortage, with a cause or a failing of the department's own: real.
    "养护经费不足，年度计划完成农村公路养护120公里，实际完成96公里，因施工单位进场晚。",
    "经费保障不足，培训计划12期实际完成8期，部分科室未按计划参训。",
    # Misuse offered with a shortage as its excuse is the department's own.
    "专项经费不足，只能挪用其他专项资金垫付，违反了专款专用规定。",
    "部分项目经费未列入年初预算即开始支出，存在先支后补现象。",
    "政府采购项目未列入采购预算，存在未报先采。",
    "预算执行率偏低，仅为78%，原因是项目资金到位晚、前期手续办理慢。",
    "经费报销手续不完备，原因是财务人员业务不熟。",
    "预算单位财务人员力量薄弱。",
    "预算科人员少，审核力量不足。",
    "预算未同步调整。",
    "预算与实际需求不匹配，年中多次调整。",
    "预算安排不够细化，部分项目只列总额。",
    "预算安排依据不足，未按实际需求测算。",
    "资金安排不够合理，重点项目保障不足。",
    # Work that relies on taking other funds admits an irregularity of the department's own.
    "社区矫正经费没有纳入财政预算，工作开展主要靠挤占其他经费。",
]

# Every clause obtains or increases money, leads up to asking for it, or says what it is for.
MONEY_ONLY = [
    "积极向省财政厅申报农村危房改造补助资金，力争补助规模比上年扩大。",
    "向县政府专题汇报，请求将社区运转经费标准提高到每年20万元。",
    "协调财政部门在年度预算中足额安排人员经费和公用经费。",
    "加大向上对接力度，争取更多转移支付向我县倾斜。",
    "建议县财政提高村级组织运转经费补助标准。",
    "通过争取一般债券、发动乡贤捐资等方式筹集建设资金。",
    "请求上级加大对我县的转移支付力度，缓解县级财政压力。",
    "统筹整合涉农资金，集中投向高标准农田建设。",
    "申请将护林员补助纳入省级财政保障范围。",
    "积极争取一般性转移支付和专项转移支付，弥补运转经费缺口。",
    "加强与上级主管部门的沟通衔接，争取更多项目落户我县。",
    "多方筹措文物保护经费，确保重点文物得到及时修缮。",
    "积极争取上级资金，确保资金及时足额到位。",
    "向县财政申请调增年度预算，优先安排防汛物资储备。",
    "用好专项债政策，通过融资解决项目建设资金。",
    "积极向上争取中央预算内投资，减轻县级配套压力。",
    "寻求省级主管部门的资金支持，保证基层站所正常运转。",
    "主动对接发改、财政等部门，积极谋划项目、争取资金。",
    "力争将我县纳入省级试点县，获取更多奖补资金。",
    "积极向社会募集善款，弥补救助资金不足。",
    "建议提高公用经费定额标准，保障基本运转。",
    "呼吁上级加大对革命老区的转移支付。",
    "积极争取地方政府专项债券额度。",
    "将人员经费缺口报县政府常务会研究解决。",
    "积极向上级部门汇报，力争将我局纳入省级补助范围。",
    "申请财政追加预算50万元，用于购置执法装备。",
    "积极争取政策性银行贷款支持。",
    "建立多元化投入机制，吸引社会资本参与。",
    "协调县财政将人员经费足额纳入年初预算。",
    "继续争取中央和省级财政加大对我县的支持力度。",
    "积极向上争取一般性转移支付，确保机构正常运转。",
    "主动与县财政局对接，争取将专项经费提高至每年50万元。",
    "争取社会各界支持，设立关爱基金。",
    "加大财政资金保障力度，逐年提高公用经费定额。",
    "多方争取资金，解决历史欠账问题。",
    "建议县委县政府高度重视，将我局工作经费列入财政预算足额保障。",
    "积极对接省市相关部门，争取在资金分配上给予倾斜。",
    "加强向上汇报沟通，争取上级在项目和资金上给予更多支持。",
    "积极争取将我县列为省级试点，以获得专项补助。",
    "请求县财政按实际需要核增人员经费。",
    "拓宽资金筹措渠道,鼓励社会力量参与。",
    "争取福彩公益金支持敬老院改造。",
    # Held money put to use among the channels of raising money is one more channel.
    "多渠道筹措资金，盘活闲置资金，引导社会资本投入项目建设。",
]

# A step that manages money is real, however much money it names.
NOT_MONEY_ONLY = [
    "制定专项资金使用负面清单，每季度公开一次资金使用情况。",
    "对结余资金按规定收回统筹，用于急需项目。",
    "建立资金拨付台账，按月跟踪支出进度。",
    "加大资金监管力度，每半年开展一次专项检查。",
    "项目资金分批下达，验收合格后再拨付尾款。",
    "压减一般性支出10%，节约的经费优先保障基层站所运转。",
    "在争取上级资金的同时，制定项目建设奖补办法，明确奖补标准。",
    "按项目评审结果分配补助资金，不再按申报数平均分配。",
    "提高资金使用效益，对闲置资金及时盘活。",
    "盘活存量资金，压减一般性支出，优先保障重点项目。",
    "对财政资金下达时间滞后的项目，加强与财政部门的沟通联系，尽早取得资金的拨付。",
    "与财政部门提前对接资金下达时间，资金到位前完成招标文件编制。",
    "将结转资金纳入次年预算统筹安排，逾期未用的按规定收回。",
    "加大财政资金绩效评价力度，评价结果与下年预算安排挂钩。",
    "对上级提前下达的转移支付资金，在一个月内分解到具体项目。",
    "建立经费支出月度分析制度，超进度的项目暂停支付。",
    "严格执行公务接待标准，压减三公经费10%。",
    "积极争取上级资金，同时建立项目储备库，按轻重缓急排序实施。",
    "对上级下达的资金，在10个工作日内分解下达到项目单位。",
    "建立资金需求测算机制，按轻重缓急安排预算。",
    "整合部门内部各项经费，统一调配使用。",
    "争取上级资金的同时，严格按照资金管理办法使用，确保专款专用。",
    "每季度召开一次资金调度会，对支出进度慢的项目约谈负责人。",
    "对上级资金实行专账核算，专款专用。",
    "争取在6月底前完成全部项目资金的拨付。",
    "优化支出结构，压减非急需非刚性支出，腾出资金保障重点工作。",
    "年中原则上不再追加预算，确需追加的报局党组审定。",
    "未细化到实施内容的项目不纳入年初预算。",
    "建立项目资金支付进度周报制度，对滞后项目督办。",
    "严格执行预算，无预算不开支，确需追加的按程序报批。",
    "加强与上级部门沟通，提前掌握资金下达计划，做好项目前期准备。",
]


@pytest.mark.parametrize("problem", FUNDING_ONLY)
def test_a_shortage_of_money_is_funding_only_in_any_wording(problem: str) -> None:
    assert _funding_only(problem, LEXICON)


@pytest.mark.parametrize("problem", REAL)
def test_the_departments_handling_of_money_is_a_real_problem(problem: str) -> None:
    assert not _funding_only(problem, LEXICON)


@pytest.mark.parametrize("measure", MONEY_ONLY)
def test_obtaining_money_is_money_only_in_any_wording(measure: str) -> None:
    assert _money_only(measure, LEXICON)


@pytest.mark.parametrize("measure", NOT_MONEY_ONLY)
def test_managing_money_is_a_real_step(measure: str) -> None:
    assert not _money_only(measure, LEXICON)


# Whole sections in shapes departments use (subheads, a lead-in line, 一是…二是… run-ons): (problems, measures,
# the item, whether it must be 0). A section left as None keeps the seed's.
SECTIONS = [
    (
        # A deviation put down to a failing of the department's own is a problem, not the shortages' evidence.
        "偏差原因：政府采购执行率年度指标95%，实际完成80%，因采购计划编制不科学。\n"
        "存在的问题：一是县级配套资金难以足额到位；二是上级补助资金逐年减少。",
        None,
        "problems",
        False,
    ),
    (
        # A form's deviations beside problems listed apart that are all funding: only funding is raised.
        "偏差原因：危房改造户数年度指标800户，实际完成720户，因部分农户外出务工未能按期开工。\n"
        "存在的问题：一是县级配套资金难以足额到位，缺口约150万元；二是上级补助资金逐年减少。",
        None,
        "problems",
        True,
    ),
    (
        "我所存在的主要困难：一是办公经费标准多年未调整，已不能适应当前物价水平；二是护林员补助标准过低，"
        "难以调动护林员的积极性；三是上级专项转移支付下达时间偏晚，且数额逐年递减。",
        None,
        "problems",
        True,
    ),
    (
        "（一）经费保障方面。我中心为公益一类事业单位，运转完全依赖财政拨款，近三年公用经费年均下降8%，"
        "而服务人次年均增长12%，收支缺口逐年扩大。\n"
        "（二）设备更新方面。检测设备大多购置于十年前，因无专项资金安排，至今未能更新。",
        None,
        "problems",
        True,
    ),
    (
        "存在的主要困难：\n1.财政保障与事业发展需要不相适应。随着城区扩张，环卫保洁面积较上年增加30万平方米，"
        "但作业经费仍按原标准核拨。\n2.历史欠账较多。以前年度工程欠款尚有260万元未能偿还。",
        None,
        "problems",
        True,
    ),
    (
        "一是上级安排的工作经费远不够用；二是县里配套的钱迟迟落实不了；三是项目前期费用没有出处。",
        None,
        "problems",
        True,
    ),
    (
        "1.经费紧张。\n2.专项资金使用不规范，存在以拨代支现象。\n3.财务人员不足，会计与出纳由一人兼任。",
        None,
        "problems",
        False,
    ),
    (None, "1.向县政府专题汇报，请求提高办公经费标准。\n2.积极争取地方政府专项债券额度。", "suggestions", True),
    (
        None,
        "（一）主动向市局争取业务经费补助。\n（二）积极争取县政府在明年预算中予以倾斜。\n"
        "（三）探索通过政府购买服务方式吸引社会资金投入。",
        "suggestions",
        True,
    ),
    (
        None,
        "下一步，我们将一方面积极向上汇报，争取更多的资金和项目支持；另一方面加强与县财政的沟通，"
        "争取将工作经费列入年度预算足额保障，为工作开展提供坚实的资金保障。",
        "suggestions",
        True,
    ),
    (None, "1.争取上级转移支付资金。\n2.申请发行地方政府专项债券。\n3.鼓励社会捐助。", "suggestions", True),
    (
        None,
        "1.编制分年度资金需求计划，按轻重缓急排出项目实施顺序。\n2.压减会议费、差旅费等一般性支出，"
        "节约资金用于设备维修。\n3.对闲置检测设备进行调剂使用。",
        "suggestions",
        False,
    ),
    # Context beside the shortage (workload, area, figures of the work), and a problem that only gives that
    # background beside a funding problem (issue-money2: written for this test, in no eval case).
    (
        "我站负责全县7个乡镇的动物防疫工作，辖区养殖户3200余户，防疫任务逐年加重。但防疫经费多年维持在12万元，"
        "疫苗运输、冷链等开支无力承担，收支矛盾突出。",
        None,
        "problems",
        True,
    ),
    (
        "1.服务对象大幅增加。全县60岁以上老人较上年增加4100人。\n2.养老服务补贴资金不足，县级配套难以足额落实。",
        None,
        "problems",
        True,
    ),
    (
        "1.服务对象大幅增加。全县60岁以上老人较上年增加4100人。\n2.养老服务补贴资金不足。\n"
        "3.补贴发放审核不严，个别已故人员仍在领取。",
        None,
        "problems",
        False,
    ),
    # Asking a payer, held money directed to a gap: requests; held money under a rule of stewardship: a step.
    (
        None,
        "1.报请县政府对敬老院运转经费予以兜底。\n2.盘活乡镇历年结存资金，统筹用于弥补运转缺口。",
        "suggestions",
        True,
    ),
    (None, "1.对结余资金按规定收回，统筹用于急需项目。\n2.报请县政府对敬老院运转经费予以兜底。", "suggestions", False),
    # Money freed by cuts and put into the work: beside real problems it is more money for that work
    # (money_beside_real); beside a funding shortage the same cut answers it (funding_answered).
    (
        "1.图书室利用率低，全年借阅不足200人次，原因是开放时间与居民空闲时间错开。\n"
        "2.活动经费拨付偏晚，活动集中在第四季度，原因是审批环节多。",
        "1.积极争取上级文化专项补助。\n2.优化支出结构，压减会议费和差旅费，腾出资金用于社区文化室改造。",
        "suggestions",
        True,
    ),
    (
        "1.社区文化活动经费多年未增加，保障水平偏低。",
        "1.优化支出结构，压减会议费和差旅费，腾出资金用于社区文化室改造。",
        "suggestions",
        False,
    ),
]


@pytest.mark.parametrize(("problems", "measures", "item", "zero"), SECTIONS)
def test_sections_in_new_wordings(tmp_path, problems: str | None, measures: str | None, item: str, zero: bool) -> None:
    # 「只提出资金不足问题的不得分」「只提出加大资金投入建议的不得分」 through the whole review.
    from narratives import with_sections

    from reviewer.review import ReviewOptions, review_report

    scored = {i.id: i for i in review_report(with_sections(tmp_path, problems, measures), ReviewOptions()).items}[item]
    rule = "只提出资金不足问题的不得分" if item == "problems" else "只提出加大资金投入建议的不得分"
    assert (scored.points == 0 and rule in scored.justification) is zero, scored.justification
