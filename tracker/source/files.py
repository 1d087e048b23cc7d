"""Files the tracker creates: always new (O_EXCL), never through a symlink (O_NOFOLLOW), and
made durable before they are renamed into place, so that a file planted at a temporary name
cannot redirect a write and a reader never sees half a file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from secrets import token_hex
from typing import BinaryIO

NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def write_new(path: Path, data: bytes, mode: int) -> None:
    """A new file at `path` holding `data`, synced; `FileExistsError` if anything (a file, a
    symlink) is there already."""
    with _new(path, mode) as handle:
        handle.write(data)


def temporary_name(path: Path) -> Path:
    """An unpredictable hidden name beside `path`."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}-{token_hex(4)}")


@contextmanager
def replaced_whole(path: Path, mode: int = 0o644) -> Iterator[BinaryIO]:
    """Write `path` whole or not at all: the block writes a new temporary file beside it,
    which replaces `path` when the block ends without an error (and is removed otherwise)."""
    temporary = temporary_name(path)
    try:
        with _new(temporary, mode) as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def replace_whole(path: Path, data: bytes, mode: int = 0o644) -> None:
    with replaced_whole(path, mode) as handle:
        handle.write(data)


@contextmanager
def _new(path: Path, mode: int) -> Iterator[BinaryIO]:
    descriptor = os.open(path, NEW_FILE, mode)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), mode)  # the mode asked for, whatever the umask
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
