"""Decoding text files whose encoding nobody states: UTF-8, GBK or GB18030.

Chinese offices still send GBK; UTF-8 is tried first because GBK would accept many
UTF-8 byte sequences as wrong characters. GB18030 is a superset of GBK, so a file
that is not UTF-8 is decoded as GB18030 and reported as GBK when GBK alone suffices.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it turned out to be in."""

    text: str
    encoding: str


class UndecodableError(ValueError):
    """Raised when the bytes are none of the encodings bureaus use."""


def decode(content: bytes) -> DecodedText:
    """Decode bytes as UTF-8 (with or without BOM), GBK or GB18030, in that order."""
    if content.startswith(codecs.BOM_UTF8):
        return DecodedText(content[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            return DecodedText(content.decode(encoding), encoding)
        except UnicodeDecodeError as error:
            last_error = error
    raise UndecodableError(
        f"not UTF-8, GBK or GB18030 text (byte {last_error.start}: {last_error.reason})"
    )
