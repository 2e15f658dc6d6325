"""A cache of what plancheck builds from YAML: the parsed and validated suites, the rule
catalogue, the reference documents.

Parsing and validating them (and importing PyYAML to do it) costs about 25 ms, a tenth of a
one-plan run in a pre-commit hook; reading the pickled result costs under one. An entry
holds the exact key it was built from: the kind of entry, the Python version, the
plancheck code (name, size and modification time of each of its modules) and the bytes of
the YAML file with its path; any difference is a miss and rebuilds it, so an edited suite
or an upgraded plancheck never sees a stale entry. Invalid YAML raises before anything is
stored, so its error is reported on every run.

Where: ``$PLANCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/plancheck``, else
``~/.cache/plancheck``; ``PLANCHECK_CACHE_DIR=off`` turns the cache off. A directory that
cannot be written, or an entry that cannot be read, only costs the rebuild.

An entry is a pickle, and loading a pickle can run code: the directory is made readable and
writable by its owner only, and one that belongs to another user or that others may write
to (a shared ``/tmp`` folder, a CI cache) is not used. The key is read and compared before
the value is unpickled.
"""

from __future__ import annotations

import functools
import os
import pickle
import stat
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_OFF = ("", "0", "off", "no", "none", "false")
_MAGIC = b"plancheck-cache-1\n"


def directory() -> Path | None:
    """The cache directory, or None when the cache is off."""
    env = os.environ.get("PLANCHECK_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):  # no home directory to expand to: no cache (not a "~" folder here)
        return None
    return Path(base) / "plancheck"


@functools.lru_cache(maxsize=1)
def _code() -> bytes | None:
    """The plancheck an entry was built by: its version, the Python version, and each file of
    the package (modules, compiled modules, the YAML catalogues) with its size and modification
    time; None when none can be listed (the cache is then off)."""
    from . import __version__

    root = Path(__file__).parent
    parts = [__version__, sys.version]
    try:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(("__pycache__", ".")))
            for name in sorted(filenames):
                if name.startswith(".") or not name.endswith((".py", ".pyc", ".yaml", ".yml", ".json")):
                    continue  # (an editor's lock or backup file is no part of the code)
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue  # gone while listed (an upgrade under way): its absence is in the key
                parts.append(f"{os.path.relpath(path, root)}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    return "\n".join(parts).encode("utf-8", "surrogateescape") if len(parts) > 2 else None


def _private(where: Path) -> bool:
    """Whether ``where`` is a directory of this user that no one else may write to."""
    try:
        st = os.stat(where)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid"):  # (POSIX; on Windows a user's cache folder is private by default)
        return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return True


def cached(kind: str, source: Path, data: bytes, build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same ``kind``, YAML ``data`` read from
    ``source``, and plancheck code."""
    where = directory()
    code = _code() if where is not None else None
    if where is None or code is None:
        return build()
    key = b"\0".join((kind.encode(), str(source).encode("utf-8", "surrogateescape"), code, data))
    prefix = f"{kind}-{zlib.crc32(str(source).encode('utf-8', 'surrogateescape')):08x}-"
    entry = where / f"{prefix}{zlib.crc32(key):08x}.pickle"
    try:
        with open(entry, "rb") as fh:
            # the key first, compared before anything is unpickled, in a folder only this user writes
            if fh.read(len(_MAGIC)) == _MAGIC and fh.read(len(key) + 1) == key + b"\0" and _private(where):
                return pickle.load(fh)
    except Exception:  # noqa: BLE001, S110 - no entry, or one unreadable: rebuilt below
        pass
    value = build()
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(where):
            return value
        for old in where.glob(f"{prefix}*.pickle"):  # entries of an earlier version of the same file
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=entry.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + key + b"\0")
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)  # whole or not at all, whoever writes the same entry at once
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # noqa: BLE001, S110 - a cache that cannot be written is no cache, not an error
        pass
    return value
