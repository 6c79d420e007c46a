"""What one untrusted file may cost us, and the checks that refuse it before it costs more.

Bureau files come from outside: a file may be huge, a workbook may be a zip bomb (a few
kilobytes that unpack to gigabytes), its XML may declare entities that expand a billion
times ("billion laughs") or fetch external resources, and a sheet may claim cells far out
at column XFD. Each check runs before the expensive step it protects, and each refusal is
an IngestError naming the file and the limit, so the loader quarantines the file.

The limits come from the environment (megabytes and a ratio, all positive numbers):
STATSWH_MAX_FILE_MB (50), STATSWH_MAX_UNCOMPRESSED_MB (200),
STATSWH_MAX_COMPRESSION_RATIO (100) and STATSWH_MAX_CELLS (2,000,000 cells per file).
The program's edge (the CLI, a DAG task, the benchmark) reads them once with
`Limits.from_env()` and passes them down to the readers.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from ingest.errors import IngestError

MB = 1024 * 1024
_CHUNK = 1024 * 1024
# A DTD is the only way to declare entities. Workbook XML never needs one, so its mere
# presence, in UTF-8 or UTF-16 (the encodings XML parsers detect), refuses the file.
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
# How an XML part can start: '<', or a byte-order mark (UTF-8, UTF-16), or UTF-16BE '<'.
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<")
_XML_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)[\"']")


@dataclass(frozen=True)
class Limits:
    """Limits for one file; `from_env` reads them from STATSWH_MAX_* variables."""

    max_file_mb: float = 50
    max_uncompressed_mb: float = 200
    max_compression_ratio: float = 100
    max_cells: float = 2_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by STATSWH_MAX_<FIELD> (e.g. STATSWH_MAX_FILE_MB=20)."""
        environ = os.environ if environ is None else environ
        values = {}
        for field in fields(cls):
            variable = env_variable(field.name)
            if variable not in environ:
                continue
            try:
                value = float(environ[variable])
            except ValueError:
                value = -1.0
            if not value > 0:
                raise ValueError(f"{variable} must be a positive number, not {environ[variable]!r}")
            values[field.name] = value
        return cls(**values)


DEFAULT_LIMITS = Limits()


def env_variable(limit_name: str) -> str:
    """The variable that sets a limit: max_file_mb -> STATSWH_MAX_FILE_MB."""
    return f"STATSWH_{limit_name.upper()}"


def check_file_size(path: Path, limits: Limits) -> None:
    """Refuse a file larger than max_file_mb before anything reads it."""
    size = path.stat().st_size
    if size > limits.max_file_mb * MB:
        raise _refusal(
            path, f"file is {size / MB:.1f} MB", "max_file_mb", f"{limits.max_file_mb:g} MB"
        )


def check_zip_package(
    path: Path, limits: Limits, keep: Callable[[str], bool] = lambda name: False
) -> dict[str, bytes]:
    """Refuse a zip bomb or XML with a DTD in an .xlsx package, before any XML parser runs;
    return the parts `keep` names, unpacked whole, so that the reader does not unpack them
    a second time (the others are scanned a chunk at a time).

    The sizes are those the zip directory declares; Python's zipfile never unpacks more
    than an entry declares (it fails the CRC check instead), so they bound the real work.
    """
    kept = {}
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            _check_sizes(path, entries, limits)
            for entry in entries:
                with package.open(entry) as stream:
                    if keep(entry.filename):
                        kept[entry.filename] = data = stream.read()
                        _check_no_dtd(path, entry.filename, iter((data,)))
                    else:
                        _check_no_dtd(path, entry.filename, iter(lambda: stream.read(_CHUNK), b""))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # an unsupported compression method
        RuntimeError,  # an encrypted entry
        zlib.error,
        EOFError,
        OSError,
    ) as error:
        raise IngestError(path.name, f"not a readable .xlsx workbook ({error})") from error
    return kept


def check_cell_count(file_name: str, cells: int, limits: Limits) -> None:
    """Refuse a file once its sheets hold more than max_cells cells (counted while reading)."""
    if cells > limits.max_cells:
        raise IngestError(
            file_name,
            f"its sheets hold more than {limits.max_cells:,.0f} cells, the limit "
            f"({env_variable('max_cells')}); refused",
        )


def _check_sizes(path: Path, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    uncompressed = sum(entry.file_size for entry in entries)
    if uncompressed > limits.max_uncompressed_mb * MB:
        raise _refusal(
            path,
            f"it unpacks to {uncompressed / MB:.1f} MB",
            "max_uncompressed_mb",
            f"{limits.max_uncompressed_mb:g} MB",
        )
    ratio = uncompressed / max(sum(entry.compress_size for entry in entries), 1)
    if ratio > limits.max_compression_ratio:
        raise _refusal(
            path,
            f"it is compressed {ratio:.0f}:1 (a zip bomb?)",
            "max_compression_ratio",
            f"{limits.max_compression_ratio:g}:1",
        )


def _check_no_dtd(path: Path, part: str, chunks: Iterator[bytes]) -> None:
    """Scan a part (its bytes in chunks) that starts like XML for a DTD, and for an encoding
    that could hide one."""
    chunk = next(chunks, b"")
    if not chunk.lstrip(b" \t\r\n").startswith(_XML_STARTS):
        return
    if declared := _XML_DECLARED_ENCODING.match(chunk):
        encoding = declared.group(1).decode("ascii", "replace")
        if not _scannable(encoding):
            raise IngestError(
                path.name,
                f"part {part} declares the XML encoding {encoding!r}, which "
                "workbooks do not use and this check cannot scan; refused",
            )
    overlap = b""
    while chunk:
        window = overlap + chunk
        if any(mark in window for mark in _DOCTYPE_MARKS):
            raise IngestError(
                path.name,
                f"part {part} declares a DTD (<!DOCTYPE ...>), which workbooks "
                "never need and entity expansion (billion laughs) and external entities "
                "rely on; refused",
            )
        overlap = window[-len(_DOCTYPE_MARKS[1]) :]
        chunk = next(chunks, b"")


def _scannable(encoding: str) -> bool:
    """True for encodings in which a DTD shows as one of _DOCTYPE_MARKS (ASCII-based, UTF-16)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf-16") or "<!DOCTYPE".encode(name, "replace") == b"<!DOCTYPE"


def _refusal(path: Path, found: str, limit_name: str, shown_limit: str) -> IngestError:
    return IngestError(
        path.name,
        f"{found}, over the limit of {shown_limit} ({env_variable(limit_name)}); refused",
    )
