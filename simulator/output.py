"""Serialising simulator records to JSON lines, in chunks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO


def jsonl_chunks(records: Iterable[tuple[int, str, str]], chunk_size: int = 4096) -> Iterator[bytes]:
    """Group (time, key, JSON text) records into newline-terminated UTF-8 byte chunks."""
    buffer: list[str] = []
    append = buffer.append
    for _, _, line in records:
        append(line)
        if len(buffer) >= chunk_size:
            append("")
            yield "\n".join(buffer).encode()
            buffer.clear()
    if buffer:
        append("")
        yield "\n".join(buffer).encode()


def write_jsonl(records: Iterable[tuple[int, str, str]], out: BinaryIO, chunk_size: int = 4096) -> int:
    """Write records as JSON lines; returns the number of bytes written."""
    written = 0
    for chunk in jsonl_chunks(records, chunk_size):
        written += out.write(chunk)
    return written
