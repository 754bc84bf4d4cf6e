"""Safe, bounded reads of the files a user names: regular files only (a FIFO, a device, a
folder or a socket is refused before it is opened for reading, with its kind named), every
read bounded by a size limit, and short sanitised excerpts for messages.

Every refusal is an :class:`UnreadableFile` carrying a problem code (``io``, ``not-a-file``,
``file-too-large``, ``bad-path``), a reason and a hint; each caller turns it into its own
positioned :class:`~pacspec.diagnostics.Problem`. Imports nothing from pacspec.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Final

from pacspec.reasons import Reason

__all__ = [
    "MAX_NAME",
    "MAX_PATH",
    "UnreadableFile",
    "check_path",
    "excerpt",
    "file_kind",
    "kind_reason",
    "read_bounded",
    "regular_file",
    "shown_path",
]

MAX_PATH: Final = 4096
"""The longest path accepted (characters), as Linux's ``PATH_MAX``."""

MAX_NAME: Final = 255
"""The longest file name accepted (one path component), as most file systems."""


class UnreadableFile(Exception):
    """A file that is not read, and why. ``code`` is the problem code to report."""

    def __init__(self, code: str, reason: str, hint: str | None = None,
                 words: Reason | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.hint = hint
        self.words = words
        """``reason`` and ``hint`` as a code (the labels ``words.code`` and
        ``words.code + "_hint"``), for messages in the user's language."""


def file_kind(mode: int) -> str:
    """What a file of mode ``mode`` is, in words: ``a folder``, ``a FIFO (named pipe)``..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISREG(mode):
        return "a regular file"
    return "not a regular file"


def excerpt(text: str, limit: int = 24) -> str:
    """At most ``limit`` characters of ``text``, quoted, on one line: control and format
    characters shown as ``?``, the rest cut with ``…``. For messages that name a value read
    from a file without echoing its content."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text[: limit + 1])
    if len(text) > limit:
        clean = clean[: max(limit - 1, 1)] + "…"
    return repr(clean)


def shown_path(path: str | os.PathLike[str], limit: int = 200) -> str:
    """``path`` for a message, unquoted: a NUL shown as ``\\0``, other control characters
    as ``?``, cut at ``limit`` characters with ``…``; an empty path shown as ``''``."""
    text = os.fsdecode(os.fspath(path))
    text = "".join("\\0" if ch == "\x00" else ch if ch.isprintable() else "?" for ch in text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text or "''"


def check_path(path: str | os.PathLike[str]) -> str:
    """``path`` as a string when it can name a file: no NUL byte, at most :data:`MAX_PATH`
    characters, no component over :data:`MAX_NAME`; :class:`UnreadableFile` (``bad-path``)
    otherwise."""
    try:
        text = os.fspath(path)
    except TypeError:
        raise UnreadableFile("bad-path", "the path is not text",
                             words=Reason("file_path_not_text")) from None
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if "\x00" in text:
        raise UnreadableFile("bad-path", "the path contains a NUL byte (\\0)",
                             "remove the NUL character from the path", Reason("file_path_nul"))
    if len(text) > MAX_PATH:
        raise UnreadableFile("bad-path", f"the path is {len(text)} characters long, more "
                             f"than {MAX_PATH}", "use a shorter path",
                             Reason("file_path_long", {"n": len(text), "limit": MAX_PATH}))
    longest = max((len(part) for part in text.replace("\\", "/").split("/")), default=0)
    if longest > MAX_NAME:
        raise UnreadableFile("bad-path", f"a name in the path is {longest} characters long, "
                             f"more than {MAX_NAME}", "use shorter file and folder names",
                             Reason("file_name_long", {"n": longest, "limit": MAX_NAME}))
    return text


def _os_reason(exc: OSError) -> UnreadableFile:
    if exc.errno == errno.ELOOP:
        return UnreadableFile("io", "too many levels of symbolic links (a symlink loop?)",
                              "fix the symbolic link", Reason("file_symlink_loop"))
    if exc.errno == errno.ENOENT:
        return UnreadableFile("io", "No such file or directory", words=Reason("file_missing"))
    if exc.errno == errno.ENAMETOOLONG:
        return UnreadableFile("bad-path", "the file name is too long",
                              "use shorter file and folder names")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return UnreadableFile("io", f"cannot read the file: {reason}")


def regular_file(path: str | os.PathLike[str]) -> os.stat_result:
    """The status of ``path`` (symlinks followed) when it is a regular file;
    :class:`UnreadableFile` otherwise (``not-a-file`` names its kind). Nothing is opened,
    so a FIFO does not block."""
    name = check_path(path)
    try:
        info = os.stat(name)
    except OSError as exc:
        raise _os_reason(exc) from None
    except ValueError as exc:  # anything the OS layer refuses as a path
        raise UnreadableFile("bad-path", f"the path cannot be used: {exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(info.st_mode)
    return info


def kind_reason(mode: int) -> Reason:
    """What a file of ``mode`` that is not a regular file is, as a label code
    (``file_is_folder``, ``file_is_fifo``...), for messages in the user's language."""
    kind = ("folder" if stat.S_ISDIR(mode) else "fifo" if stat.S_ISFIFO(mode)
            else "char_device" if stat.S_ISCHR(mode) else "block_device" if stat.S_ISBLK(mode)
            else "socket" if stat.S_ISSOCK(mode) else "other")
    return Reason(f"file_is_{kind}")


def _not_regular(mode: int) -> UnreadableFile:
    words = kind_reason(mode)
    reason = ("it is not a regular file" if words.code == "file_is_other"
              else f"it is {file_kind(mode)}, not a regular file")
    return UnreadableFile("not-a-file", reason, "name a regular file", words)


def _too_large(size: int, limit: int) -> UnreadableFile:
    return UnreadableFile("file-too-large", f"the file is {size} bytes, more than the limit "
                          f"of {limit} bytes", "split the file, or raise the size limit",
                          Reason("file_too_large", {"size": str(size), "limit": str(limit)}))


def read_bounded(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes``. The file is opened
    without blocking (a FIFO swapped in after the check is refused, not waited on), checked
    with ``fstat`` and read up to ``max_bytes + 1`` bytes whatever its reported size (files
    of ``/proc`` say 0). :class:`UnreadableFile` for anything else."""
    name = check_path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        info = os.stat(name)  # refuse devices and FIFOs before opening them at all
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode)
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        fd = os.open(name, flags)
    except OSError as exc:
        raise _os_reason(exc) from None
    except ValueError as exc:
        raise UnreadableFile("bad-path", f"the path cannot be used: {exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode)
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _os_reason(exc) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise UnreadableFile("file-too-large", f"the file is more than the limit of "
                             f"{max_bytes} bytes", "split the file, or raise the size limit")
    return data
