"""Untrusted files stay harmless: size limits, zip bombs, XML entities, far-out cells."""

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import openpyxl
import pytest
from defusedxml import EntitiesForbidden
from openpyxl import Workbook

import ingest.workbook
from ingest.errors import IngestError
from ingest.limits import Limits
from ingest.loader import StoreDirs, ingest_files
from ingest.readers import read_file

GOOD_ROWS = [["社会消费品零售总额", "1-6月", 80.3, "亿元", 5.1]]
SHEET_PART = "xl/worksheets/sheet1.xml"
LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n'
)
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def repack(source: Path, target: Path, **changes: bytes | Callable[[bytes], bytes]) -> Path:
    """Copy a workbook's zip, replacing or transforming parts; extra names are added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            content = old.read(name)
            change = changes.pop(name, None)
            if callable(change):
                content = change(content)
            elif change is not None:
                content = change
            new.writestr(name, content)
        for name, content in changes.items():
            assert not callable(content), f"{name} is not in the workbook"
            new.writestr(name, content)
    return target


def with_prolog(prolog: str) -> Callable[[bytes], bytes]:
    """Replace a part's XML declaration with `prolog` (declaration plus a DTD)."""

    def change(content: bytes) -> bytes:
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        return prolog.encode("utf-8") + body

    return change


@pytest.fixture
def good(table_xlsx: Callable[..., Path]) -> Path:
    return table_xlsx("good.xlsx", *GOOD_ROWS)


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a workbook with openpyxl fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened a file the checks should have refused")

    monkeypatch.setattr(ingest.workbook, "load_workbook", refuse)


# --- settings -------------------------------------------------------------------------------


def test_limits_default_to_the_documented_values() -> None:
    assert Limits.from_env({}) == Limits(
        max_file_mb=50, max_uncompressed_mb=200, max_compression_ratio=100, max_cells=2_000_000
    )


def test_limits_come_from_the_environment() -> None:
    limits = Limits.from_env({"STATSWH_MAX_FILE_MB": "5", "STATSWH_MAX_COMPRESSION_RATIO": "20.5"})
    assert (limits.max_file_mb, limits.max_compression_ratio) == (5, 20.5)
    assert limits.max_uncompressed_mb == 200


@pytest.mark.parametrize("value", ["abc", "0", "-3", ""])
def test_a_bad_limit_names_its_variable(value: str) -> None:
    with pytest.raises(ValueError, match="STATSWH_MAX_UNCOMPRESSED_MB must be a positive number"):
        Limits.from_env({"STATSWH_MAX_UNCOMPRESSED_MB": value})


# --- file size ------------------------------------------------------------------------------


def test_oversized_workbook_is_refused_naming_file_and_limit(good: Path, no_openpyxl: None) -> None:
    with pytest.raises(IngestError, match=r"over the limit of 0\.001 MB") as caught:
        read_file(good, Limits(max_file_mb=0.001))  # about 1 kB
    assert caught.value.file_name == "good.xlsx"
    assert "STATSWH_MAX_FILE_MB" in str(caught.value)


def test_oversized_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("指标名称,数值\n" + "零售,1.0\n" * 200, encoding="utf-8")
    with pytest.raises(IngestError, match=r"big\.csv: file is 0\.0 MB.*STATSWH_MAX_FILE_MB"):
        read_file(path, Limits(max_file_mb=0.001))


# --- zip bombs ------------------------------------------------------------------------------


def test_highly_compressed_workbook_is_refused_before_openpyxl_opens_it(
    tmp_path: Path, good: Path, no_openpyxl: None
) -> None:
    bomb = repack(good, tmp_path / "bomb.xlsx", **{"xl/media/padding.xml": b"\0" * 20_000_000})
    assert bomb.stat().st_size < 100_000
    with pytest.raises(IngestError, match="STATSWH_MAX_COMPRESSION_RATIO") as caught:
        read_file(bomb)
    assert caught.value.file_name == "bomb.xlsx"
    assert "over the limit of 100:1" in str(caught.value)


def test_workbook_unpacking_beyond_the_limit_is_refused(
    tmp_path: Path, good: Path, no_openpyxl: None
) -> None:
    # Random bytes do not compress, so only the total size can refuse this one.
    big = repack(good, tmp_path / "big.xlsx", **{"xl/media/image1.bin": bytes(range(256)) * 8192})
    with pytest.raises(IngestError, match=r"unpacks to 2\.0 MB, over the limit of 1 MB"):
        read_file(big, Limits(max_uncompressed_mb=1))


# --- XML entities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "prolog"),
    [
        (SHEET_PART, LAUGHS),
        (SHEET_PART, EXTERNAL),
        ("xl/workbook.xml", LAUGHS),
        ("[Content_Types].xml", LAUGHS),
    ],
)
def test_xml_with_a_dtd_is_refused(
    tmp_path: Path, good: Path, no_openpyxl: None, part: str, prolog: str
) -> None:
    laughs = repack(good, tmp_path / "laughs.xlsx", **{part: with_prolog(prolog)})
    with pytest.raises(IngestError, match=rf"part {re.escape(part)} declares a DTD") as caught:
        read_file(laughs)
    assert str(caught.value).startswith("laughs.xlsx: ")


def test_dtd_in_a_utf16_part_is_refused(tmp_path: Path, good: Path, no_openpyxl: None) -> None:
    def to_utf16(content: bytes) -> bytes:
        text = with_prolog(LAUGHS.replace("UTF-8", "UTF-16"))(content).decode("utf-8")
        return text.encode("utf-16")

    laughs = repack(good, tmp_path / "laughs16.xlsx", **{SHEET_PART: to_utf16})
    with pytest.raises(IngestError, match="declares a DTD"):
        read_file(laughs)


def test_xml_in_an_encoding_the_scan_cannot_read_is_refused(
    tmp_path: Path, good: Path, no_openpyxl: None
) -> None:
    ebcdic = repack(
        good,
        tmp_path / "ebcdic.xlsx",
        **{SHEET_PART: with_prolog('<?xml version="1.0" encoding="cp500"?>')},
    )
    with pytest.raises(IngestError, match="declares the XML encoding 'cp500'"):
        read_file(ebcdic)


def test_openpyxl_refuses_entities_too_through_defusedxml(tmp_path: Path, good: Path) -> None:
    """The second line of defence: openpyxl parses with defusedxml when it is installed."""
    laughs = repack(good, tmp_path / "laughs.xlsx", **{SHEET_PART: with_prolog(LAUGHS)})
    assert openpyxl.xml.DEFUSEDXML
    with pytest.raises(ValueError, match="could not read worksheets") as caught:
        openpyxl.load_workbook(laughs, read_only=True)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)


# --- cells ----------------------------------------------------------------------------------


def test_sheet_with_too_many_cells_is_refused(
    xlsx: Callable[..., Path],
) -> None:
    path = xlsx("wide.xlsx", [["指标名称", "数值"], *[["零售", 1.0] for _ in range(60)]])
    with pytest.raises(IngestError, match=r"more than 100 cells.*STATSWH_MAX_CELLS"):
        read_file(path, Limits(max_cells=100))


def test_cells_far_out_at_column_xfd_are_refused_not_expanded(
    tmp_path: Path,
) -> None:
    workbook = Workbook()
    for row in range(1, 21):  # 20 rows reaching column XFD: 327,680 cells once padded
        workbook.active.cell(row=row, column=16384, value=1)
    path = tmp_path / "far_out.xlsx"
    workbook.save(path)
    assert path.stat().st_size < 10_000
    with pytest.raises(IngestError, match="more than 100,000 cells"):
        read_file(path, Limits(max_cells=100_000))


def test_a_declared_dimension_does_not_pad_the_grid(tmp_path: Path, good: Path) -> None:
    def claim_xfd(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)

    huge = repack(good, tmp_path / "dimension.xlsx", **{SHEET_PART: claim_xfd})
    # Padded to XFD, 3 rows would be 49,152 cells.
    [observation] = read_file(huge, Limits(max_cells=1000)).observations
    assert observation.value_published == 80.3


# --- through the loader ---------------------------------------------------------------------


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield connection
    connection.close()


def test_refused_files_are_quarantined_while_the_rest_of_the_batch_loads(
    tmp_path: Path,
    table_xlsx: Callable[..., Path],
    good: Path,
    con: duckdb.DuckDBPyConnection,
) -> None:
    bomb = repack(good, tmp_path / "bomb.xlsx", **{"xl/media/padding.xml": b"\0" * 20_000_000})
    laughs = repack(good, tmp_path / "laughs.xlsx", **{SHEET_PART: with_prolog(LAUGHS)})
    big = tmp_path / "big.csv"
    big.write_text("指标名称,数值\n" + "零售,1.0\n" * 100_000, encoding="utf-8")
    second = table_xlsx("second.xlsx", *GOOD_ROWS, sheet="淮阳区")
    dirs = StoreDirs(tmp_path / "archive", tmp_path / "quarantine")

    results = ingest_files(
        [good, bomb, laughs, big, second], con, dirs, limits=Limits(max_file_mb=1)
    )

    assert [r.status for r in results] == [
        "loaded",
        "quarantined",
        "quarantined",
        "quarantined",
        "loaded",
    ]
    assert "STATSWH_MAX_COMPRESSION_RATIO" in results[1].message
    assert "declares a DTD" in results[2].message
    assert "STATSWH_MAX_FILE_MB" in results[3].message
    rows = con.execute(
        "select file_name, status, size_bytes, error from raw.source_files order by file_name"
    ).fetchall()
    assert {name: status for name, status, _, _ in rows} == {
        "good.xlsx": "loaded",
        "bomb.xlsx": "quarantined",
        "laughs.xlsx": "quarantined",
        "big.csv": "quarantined",
        "second.xlsx": "loaded",
    }
    assert {name: size for name, _, size, _ in rows}["big.csv"] == big.stat().st_size
    assert con.execute("select count(*) from raw.indicator_observations").fetchone() == (2,)
    reasons = sorted(p.name for p in dirs.quarantine.glob("*.reason.txt"))
    assert len(reasons) == 3
    stored_big = next(dirs.quarantine.glob("*__big.csv"))
    assert stored_big.read_bytes() == big.read_bytes()
