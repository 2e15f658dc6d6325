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
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_OFF = ("", "0", "off", "no", "none", "false")


def directory() -> Path | None:
    """The cache directory, or None when the cache is off."""
    env = os.environ.get("PLANCHECK_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancheck"


@functools.lru_cache(maxsize=1)
def _code() -> bytes:
    """The plancheck code an entry was built by: each module's path, size and modification time."""
    root = Path(__file__).parent
    parts = [sys.version]
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("__pycache__", ".")))
        for name in sorted(filenames):
            if name.endswith(".py"):
                st = os.stat(os.path.join(dirpath, name))
                parts.append(f"{os.path.relpath(os.path.join(dirpath, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


def cached(kind: str, source: Path, data: bytes, build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for the same ``kind``, YAML ``data`` read from
    ``source``, and plancheck code."""
    where = directory()
    if where is None:
        return build()
    key = b"\0".join((kind.encode(), str(source).encode("utf-8", "surrogateescape"), _code(), data))
    prefix = f"{kind}-{zlib.crc32(str(source).encode('utf-8', 'surrogateescape')):08x}-"
    entry = where / f"{prefix}{zlib.crc32(key):08x}.pickle"
    try:
        with open(entry, "rb") as fh:
            stored, value = pickle.load(fh)
    except Exception:  # noqa: BLE001 - no entry, or one unreadable: rebuilt below
        stored = None
    if stored == key:
        return value
    value = build()
    try:
        where.mkdir(parents=True, exist_ok=True)
        for old in where.glob(f"{prefix}*.pickle"):  # entries of an earlier version of the same file
            old.unlink(missing_ok=True)
        tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)  # whole or not at all, whoever writes the same entry at once
        finally:
            tmp.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001, S110 - a cache that cannot be written is no cache, not an error
        pass
    return value
