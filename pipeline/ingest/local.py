"""Local files and folders: find article files, read them safely, hand back articles or errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import (
    BinaryInput,
    ClaimsError,
    EmptyInput,
    EncodingError,
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    NoArticlesFound,
    UnsupportedInput,
)
from pipeline.ingest.article import SourceArticle
from pipeline.ingest.formats import ARTICLE_SUFFIXES, parser_for

BINARY_SNIFF_BYTES = 8192


def discover_inputs(sources: Iterable[str | Path]) -> Iterator[Path | ClaimsError]:
    """Yield article files under each source, in a stable order, or an error per bad source."""
    for source in sources:
        path = Path(source)
        if not path.exists():
            yield InputNotFound(str(source), "no such file or folder")
        elif path.is_dir():
            yield from discover_folder(path)
        else:
            yield path


def discover_folder(folder: Path) -> Iterator[Path | ClaimsError]:
    try:
        files = sorted(
            path
            for path in folder.rglob("*")
            if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")
            and path.name.lower() != "readme.md"
        )
    except OSError as err:
        yield InputUnreadable(str(folder), f"folder cannot be listed: {err.strerror or err}")
        return
    if not files:
        suffixes = ", ".join(sorted(s for s in ARTICLE_SUFFIXES if s))
        yield NoArticlesFound(str(folder), f"folder has no article files ({suffixes})")
    yield from files


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
                                      "(raise CLAIMS_MAX_INPUT_BYTES if it really is one article)")
        data = path.read_bytes()
    except PermissionError as err:
        raise InputUnreadable(name, "permission denied") from err
    except IsADirectoryError as err:
        raise InputUnreadable(name, "is a folder, not a file") from err
    except OSError as err:
        raise InputUnreadable(name, f"cannot be read: {err.strerror or err}") from err
    if not data.strip():
        raise EmptyInput(name, "file is empty")
    return data


def decode(data: bytes, *, input_name: str) -> str:
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryInput(input_name, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EncodingError(input_name, f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
                                        "re-save it as UTF-8") from err
    return text.removeprefix("\ufeff")


def read_input(path: Path, *, max_bytes: int) -> list[SourceArticle | ClaimsError]:
    """Every article in one file, or the errors that stopped them; never raises for bad content."""
    name = str(path)
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return [UnsupportedInput(name, f"unsupported file type '{path.suffix}'; expected one of "
                                       f"{', '.join(sorted(s for s in ARTICLE_SUFFIXES if s))}")]
    try:
        content = decode(read_bytes(path, max_bytes=max_bytes), input_name=name)
        return list(parser_for(path.suffix)(content, input_name=name))
    except ClaimsError as err:
        return [err]
