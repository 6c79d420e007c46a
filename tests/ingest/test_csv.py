"""CSV files in the encodings and with the delimiters bureaus use, read by the sheet shapes."""

import codecs
from datetime import date
from pathlib import Path

import pytest

from ingest.csv_grid import sniff_delimiter
from ingest.errors import IngestError
from ingest.readers import read_file

# A neighbour county's indicator table, as it is exported to CSV.
ROWS = [
    ["郸城县主要经济指标(2023年1-6月)", "", "", "", ""],
    ["指标名称", "时期", "数值", "单位", "比上年同期增长(%)"],
    ["社会消费品零售总额", "1-6月", "80.30", "亿元", "5.0"],
    ["一般公共预算收入", "1-6月", "52,345", "万元", "-3.2%"],
    ["规模以上工业增加值", "1-6月", "—", "亿元", "８．１"],
    ["注:增速按现价计算。", "", "", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    """Write rows the way a spreadsheet exports them (fields quoted only where needed)."""

    def field(text: str) -> str:
        return f'"{text}"' if delimiter in text or '"' in text else text

    lines = (delimiter.join(field(text) for text in row) for row in rows)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def shown(parsed: object) -> list[tuple[object, ...]]:
    return [
        (o.indicator_name, o.value_published, o.value_decimals, o.unit_published, o.yoy_growth_pct)
        for o in parsed.observations
    ]


EXPECTED = [
    ("社会消费品零售总额", 80.3, 2, "亿元", 5.0),
    ("一般公共预算收入", 52345.0, 0, "万元", -3.2),
    ("规模以上工业增加值", None, None, None, 8.1),
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_each_encoding_reads_the_same_table(tmp_path: Path, encoding: str) -> None:
    rows = [*ROWS, ["资料来源:郸城县统计局(𠀀)" if encoding == "gb18030" else "", "", "", "", ""]]
    path = write_csv(tmp_path / "郸城县.csv", rows, encoding)
    if encoding == "gb18030":  # a character outside GBK makes it GB18030 proper
        with pytest.raises(UnicodeEncodeError):
            "𠀀".encode("gbk")
    parsed = read_file(path)
    assert shown(parsed) == EXPECTED
    retail = parsed.observations[0]
    assert (retail.region_name, retail.sheet_name, retail.row_number) == ("郸城县", "郸城县", 3)
    assert (retail.period_type, retail.period_end) == ("ytd", date(2023, 6, 30))


def test_gbk_bytes_are_not_mistaken_for_utf8(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", ROWS, "gbk")
    assert not path.read_bytes().startswith(codecs.BOM_UTF8)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert read_file(path).observations[0].indicator_name == "社会消费品零售总额"


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "table.csv", ROWS, "utf-8", delimiter)
    assert shown(read_file(path)) == EXPECTED


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("标题\n指标,数值\n零售,1\n", ","),
        ("标题,含逗号\n指标\t数值\t增长\n零售\t1,234.5\t3.0\n投资\t70\t2.0\n", "\t"),
        ("指标;数值;增长\n零售;1,234.5;3.0\n投资;2,000;2.0\n", ";"),
        ('指标,数值\n零售,"1,234.5"\n', ","),
        ("只有一列\n", ","),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_text_figures_keep_their_written_decimals(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "decimals.csv", ROWS, "utf-8")
    retail = read_file(path).observations[0]
    assert (retail.value_published, retail.value_decimals, retail.growth_decimals) == (80.3, 2, 1)


def test_bad_cell_names_file_row_and_column(tmp_path: Path) -> None:
    rows = [list(row) for row in ROWS]
    rows[3][4] = "3.2.1"
    path = write_csv(tmp_path / "bad.csv", rows, "gbk")
    with pytest.raises(IngestError) as caught:
        read_file(path)
    assert (caught.value.file_name, caught.value.row, caught.value.column) == ("bad.csv", 4, "E")
    assert "growth rate '3.2.1' is not a number" in str(caught.value)


def test_bytes_in_no_known_encoding_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x81\x20\xff\xfe\x80,1\n")
    with pytest.raises(IngestError, match=r"^binary\.csv: not UTF-8, GBK or GB18030"):
        read_file(path)


def test_csv_without_a_known_table_says_what_it_skipped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notes.csv", [["说明"], ["本表为快报数"]], "utf-8")
    with pytest.raises(IngestError, match=r"no figures found.*notes.*no numeric cells"):
        read_file(path)


def test_two_row_header_as_exported_from_the_monthly_workbook(tmp_path: Path) -> None:
    rows = [
        ["郸城县主要经济指标(2023年1-6月)", "", "", "", ""],
        ["编制单位:周口市统计局  发布日期:2023-07-15", "", "", "", ""],
        ["指标名称", "时期", "本期", "", "比上年同期增长(%)"],
        ["", "", "数值", "单位", ""],
        ["社会消费品零售总额", "1-6月", "80.3", "亿元", "5.0"],
        ["", "", "", "", ""],
        ["注:1.地区生产总值增速按可比价格计算。2.“—”表示无数据。", "", "", "", ""],
    ]
    parsed = read_file(write_csv(tmp_path / "郸城县主要经济指标_2023年06月.csv", rows, "gbk"))
    [retail] = parsed.observations
    assert (retail.row_number, retail.value_published, retail.unit_published) == (5, 80.3, "亿元")
    assert (parsed.publisher, parsed.release_date) == ("周口市统计局", date(2023, 7, 15))
