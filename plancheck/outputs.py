"""Writing what plancheck produces (reports, baselines, exported suites) without damage.

One function serves ``lint --output``, ``lint --write-baseline``, ``compare --output`` and
``export --output``:

* never onto a file being read: the inputs named on the command line and the files found
  in folders, recognised by path and by identity (a hard link or a symbolic link to an
  input is that input);
* a regular file or a new path is written atomically: a temporary file beside the target,
  renamed over it, so a failed or interrupted run leaves the old file or none, never half
  a report;
* a new file gets the usual permissions (0666 less the umask); an existing file keeps its
  mode (and, where allowed, its owner and group);
* a read-only target is refused, even for root, who could otherwise replace it;
* a character device or a FIFO (``/dev/null``, ``/dev/stdout``, ``>(gzip)``) is written in
  place, never replaced by a regular file; a block device, a socket or a folder is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable

from .errors import InputError


def write_output(target: str, data: str | bytes, inputs: Iterable[str] = (), what: str = "report") -> None:
    """Write ``data`` to ``target`` (see the module's rules); InputError naming it otherwise."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open_output(target, inputs, what) as out:
        out.write(data)


@contextlib.contextmanager
def open_output(target: str, inputs: Iterable[str] = (), what: str = "report"):
    """A binary writer for ``target``, under the module's rules: the output is written as
    it comes (a long report never waits in memory) and, for a regular file, takes the
    target's place only when the block ends without an error."""
    real = os.path.realpath(target)
    _refuse_inputs(target, real, inputs, what)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _cannot(target, what, exc) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{target}: is a folder; name a file for the {what}",
                             f"{target}: là một thư mục; hãy ghi ra một tệp")
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            with _in_place(target, real, what) as out:
                yield out
            return
        if not stat.S_ISREG(st.st_mode):
            kind = "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
                else "a special file"
            raise InputError(f"{target}: is {kind}; refusing to write the {what} onto it",
                             f"{target}: không phải tệp thông thường; không ghi đè lên")
        if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
            raise InputError(f"{target}: the file is read-only; refusing to replace it",
                             f"{target}: tệp chỉ cho phép đọc; không ghi đè lên")
    with _atomically(target, real, st, what) as out:
        yield out


class _Writer:
    """Writes all of each piece to a file descriptor; an OSError names the target."""

    def __init__(self, fd: int, target: str, what: str):
        self.fd, self.target, self.what = fd, target, what

    def write(self, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view):]
        except OSError as exc:
            raise _cannot(self.target, self.what, exc) from None


def _refuse_inputs(target: str, real: str, inputs: Iterable[str], what: str) -> None:
    try:
        target_id = _identity(os.stat(real))
    except OSError:
        target_id = None
    for p in inputs:
        p = str(p)
        if not os.path.isfile(p):
            continue
        same = os.path.realpath(p) == real
        if not same and target_id is not None:
            try:
                same = _identity(os.stat(p)) == target_id
            except OSError:
                same = False
        if same:
            raise InputError(f"{target}: refusing to write the {what} onto an input file ({p} is being linted)",
                             f"{target}: không ghi báo cáo đè lên tệp đầu vào ({p} đang được kiểm tra); "
                             "chọn tên khác cho --output")


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


@contextlib.contextmanager
def _in_place(target: str, real: str, what: str):
    """A character device or a FIFO: written as it is, never created, truncated or replaced."""
    try:
        fd = os.open(real, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _cannot(target, what, exc) from None
    try:
        yield _Writer(fd, target, what)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _atomically(target: str, real: str, st: os.stat_result | None, what: str):
    directory = os.path.dirname(real) or "."
    tmp = os.path.join(directory, f".{os.path.basename(real)}.{os.urandom(4).hex()}.plancheck-tmp")
    fd = None
    try:
        # a new file: 0666 less the umask, as the shell would create it; an existing one: its own mode
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o666 if st is None else 0o600)
        if st is not None:
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
            if hasattr(os, "fchown"):
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except OSError:  # only root may give a file away: the file stays the writer's
                    pass
        yield _Writer(fd, target, what)
        os.fsync(fd)
        os.close(fd)
        fd = None
        os.replace(tmp, real)
    except BaseException as exc:  # an interrupt too: no temporary file is left behind
        if fd is not None:
            os.close(fd)
        if os.path.lexists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot(target, what, exc) from None
        raise


def _cannot(target: str, what: str, exc: OSError) -> InputError:
    from .errors import os_reason

    en, vi = os_reason(exc)
    what_vi = {"report": "báo cáo", "baseline": "tệp baseline", "export": "tệp xuất"}.get(what, "tệp kết quả")
    return InputError(f"{target}: cannot write the {what} ({en})", f"{target}: không ghi được {what_vi} ({vi})")
