"""Detecting the encoding of bureau text files."""

from __future__ import annotations

import codecs

import pytest

from ingest.encoding import UndecodableError, decode

TEXT = "社会消费品零售总额完成161.5亿元,同比增长3%"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gbk"),
        ((TEXT + "𠀀").encode("gb18030"), "gb18030"),
    ],
)
def test_each_encoding_is_detected(content: bytes, encoding: str) -> None:
    decoded = decode(content)
    assert decoded.encoding == encoding
    assert decoded.text.startswith(TEXT)


def test_bytes_in_no_known_encoding_are_refused() -> None:
    with pytest.raises(UndecodableError, match="not UTF-8, GBK or GB18030"):
        decode(b"\x81\x20\xff\xfe\x80")
