"""川江区's 2023 targets as a YAML file, and the work report that states them in prose.

The report (UTF-8 text) also gives the district's 2022 results; its figures are those of the
monthly workbooks (349.8 亿元, 7.0 %, ...), so a text extractor finds duplicates, not conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REGION = "川江区"
YEAR = 2023
FOLDER = f"{YEAR}-01"
YAML_NAME = f"{REGION}{YEAR}年主要预期目标.yaml"
REPORT_NAME = f"{REGION}{YEAR}年政府工作报告(摘要).txt"
TARGET_COLUMNS = (
    "file_name",
    "region_name",
    "indicator_name",
    "year",
    "target_value",
    "target_unit",
    "target_kind",
    "comparator",
)


@dataclass(frozen=True)
class Target:
    """An annual target as the target file lists it."""

    indicator: str
    kind: str
    value: float | int
    comparator: str
    unit: str | None = None


TARGETS = (
    Target("地区生产总值", "growth_pct", 8.5, "at_least"),
    Target("研发经费投入强度", "rate", 1.2, "at_least", "%"),
    Target("规模以上工业增加值", "growth_pct", 12, "about"),
    Target("固定资产投资", "growth_pct", 18, "about"),
    Target("社会消费品零售总额", "growth_pct", 12, "about"),
    Target("一般公共预算收入", "growth_pct", 7.5, "about"),
    Target("城镇调查失业率", "rate", 5.5, "at_most", "%"),
    Target("城镇新增就业", "level", 5000, "at_least", "人"),
    Target("居民消费价格指数", "growth_pct", 3, "at_most"),
    Target("市场主体", "level", 8.6, "at_least", "万户"),
    Target("市场主体", "growth_pct", 8.9, "at_least"),
    Target("新增四上企业", "level", 55, "at_least", "家"),
    Target("新增规模以上工业企业", "level", 15, "at_least", "家"),
    Target("四上企业", "level", 100, "at_least", "家"),
    Target("新增义务教育学位", "level", 2880, "at_least", "个"),
    Target("新增学前教育学位", "level", 3060, "at_least", "个"),
)

REPORT = """\
川江区2023年政府工作报告(摘要)

——2023年1月10日在川江区第三届人民代表大会第二次会议上
川江区人民政府

一、2022年工作回顾

过去的一年,面对多重超预期因素冲击,全区上下坚持稳中求进工作总基调,经济社会保持平稳健康发展。\
预计全年实现地区生产总值349.8亿元,按可比价格计算增长7.0%;规模以上工业增加值83.9亿元,增长13.5%;\
固定资产投资148.8亿元,增长24.0%,其中工业投资46.8亿元,增长107.5%,战略性新兴产业投资39.1亿元,\
增长12.7倍;社会消费品零售总额完成161.5亿元,同比增长3.0%;一般公共预算收入8.26亿元,增长19.4%。

产业转型步伐加快。电子信息产业集群加速成势,富士康一期满负荷生产,富士康二期、精泰电子一期、\
华勤智能光电产业园即将投产。实施建材扩产能项目10个,总投资7.93亿元;实施智能化改造项目8个,\
总投资2.79亿元。

创新动能持续增强。科技研发投入6180万元,增长22.0%;全区85家规模以上企业研发活动覆盖率达到90%;\
新增专利和科技成果364项,其中新技术56项、新产品108项。高新技术企业孵化器新增入孵企业17家,\
累计达到89家;数字产业园新入驻企业4家,累计入驻41家。

民生福祉持续改善。民生支出13亿元,占一般公共预算支出的70%。建成中小学7所、幼儿园5所,\
总投资5.2亿元,新增学位13725个;家庭医生签约服务16.4万人。

二、2023年主要目标任务

今年全区经济社会发展的主要预期目标是:地区生产总值增长8.5%以上,研发经费投入强度达到1.2%以上;\
规模以上工业增加值增长12%左右,固定资产投资增长18%左右,社会消费品零售总额增长12%左右,\
一般公共预算收入增长7.5%左右;城镇调查失业率控制在5.5%以内,城镇新增就业5000人以上;\
居民消费价格涨幅控制在3%以内。市场主体总量达到8.6万户以上,增长8.9%以上;新增“四上”企业55家以上,\
其中规模以上工业企业15家以上,“四上”企业总数突破100家。新增义务教育学位2880个以上、\
学前教育学位3060个以上。

全力以赴抓项目、扩投资。全年谋划实施重点项目117个,总投资736亿元,年度计划投资253亿元;\
一季度计划开工项目45个,其中12个已于去年四季度提前开工。推动富士康二期、精泰电子一期、\
华勤智能光电产业园3月份投产,星耀智能手机3月份建成组装线、6月份正式投产;\
加快精泰电子二期、川汇智慧物流产业园开工建设;关帝庙历史文化商业街、荷花特色商业街春节前开街运营。
"""


def write_targets(landing_dir: Path) -> tuple[list[Path], list[dict[str, str]]]:
    """The target file and the work report, in January's folder; returns the truth rows."""
    folder = landing_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    yaml_path = folder / YAML_NAME
    lines = [
        f"# {REGION}{YEAR}年经济社会发展主要预期目标(据区政府工作报告)",
        f"region: {REGION}",
        f"year: {YEAR}",
        "publisher: 川江区人民政府",
        "release_date: 2023-01-10",
        "targets:",
    ]
    for target in TARGETS:
        fields = [
            f"indicator: {target.indicator}",
            f"kind: {target.kind}",
            f"value: {target.value}",
            f"comparator: {target.comparator}",
        ]
        if target.unit:
            fields.append(f'unit: "{target.unit}"')
        lines.append(f"  - {{{', '.join(fields)}}}")
    yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report_path = folder / REPORT_NAME
    report_path.write_text(REPORT, encoding="utf-8")
    truth = [
        {
            "file_name": yaml_path.name,
            "region_name": REGION,
            "indicator_name": target.indicator,
            "year": str(YEAR),
            "target_value": str(target.value),
            "target_unit": target.unit or "%",  # growth targets are in per cent
            "target_kind": target.kind,
            "comparator": target.comparator,
        }
        for target in TARGETS
    ]
    return [yaml_path, report_path], truth
