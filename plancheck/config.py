"""Configuration: ``plancheck.toml`` or ``[tool.plancheck]`` in ``pyproject.toml``.

Looked up from the current folder upwards (stopping at a repository root), or named with
``--config``. Command-line options override it. Unknown keys and wrong types are errors
naming the file and the key.

A configuration that would silence findings (``ignore``, ``select``, ``severity``,
``per-path-ignores``, ``include``, ``exclude``, ``fail-on``, ``baseline``, ``suites``) is used
only when no one but the current user can change it: the file and its folder belong to the
user (or to root, who can write anything anyway) and neither is writable by the group or by
others. Otherwise - a ``plancheck.toml`` planted in a shared ``/tmp`` above the working
folder, a file another user owns - it is ignored, with a warning naming it and saying why,
as the cache ignores a folder others may write to.

    [tool.plancheck]
    suites = ["national"]
    select = []
    ignore = ["X001"]
    fail-on = "error"
    lang = "vi"
    include = []
    exclude = ["drafts/*"]
    max-size = 50
    jobs = 2
    baseline = "plancheck-baseline.json"

    [tool.plancheck.severity]
    B001 = "info"

    [tool.plancheck.per-path-ignores]
    "legacy/*.txt" = ["S*", "X002"]

    [tool.plancheck.limits]      # see plancheck/limits.py; max-size above is the size limit
    max-yaml-nodes = 500000
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, os_reason

KEYS: dict[str, type | tuple] = {
    "suites": list, "select": list, "ignore": list, "fail-on": str, "lang": str, "include": list,
    "exclude": list, "max-size": int, "jobs": int, "baseline": str, "severity": dict, "per-path-ignores": dict,
    "limits": dict,
}
CHOICES = {"fail-on": ("error", "warning", "info", "never"), "lang": ("vi", "en")}
TYPE_VI = {list: "một danh sách", str: "một chuỗi ký tự", int: "một số nguyên", dict: "một bảng (table)",
           bool: "một giá trị đúng/sai", float: "một số thực"}


SILENCING = ("ignore", "select", "severity", "per-path-ignores", "include", "exclude", "fail-on", "baseline",
             "suites")


@dataclass
class Config:
    path: Path | None = None
    values: dict = field(default_factory=dict)
    ignored: tuple[str, str] | None = None  # (English, Vietnamese) warning: a configuration not used

    def get(self, key, default=None):
        return self.values.get(key, default)


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in ("plancheck.toml", "pyproject.toml"):
            p = folder / name
            if p.is_file():
                if name == "pyproject.toml" and not _has_tool_section(p):
                    continue
                return p
        if (folder / ".git").exists():
            break
    return None


def _has_tool_section(p: Path) -> bool:
    try:
        return "plancheck" in tomllib.loads(p.read_text(encoding="utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
        return False


def load_config(path: str | os.PathLike | None = None, search: bool = True) -> Config:
    p = Path(path) if path else (find_config() if search else None)
    if p is None:
        return Config()
    from .limits import DEFAULT
    from .readers import bounded_read

    try:
        data = tomllib.loads(bounded_read(str(p), DEFAULT.max_bytes).decode("utf-8"))
    except RecursionError:
        raise InputError(f"{p}: invalid TOML: nested too deeply", f"{p}: tệp cấu hình lồng nhau quá sâu") from None
    except FileNotFoundError:
        raise InputError(f"{p}: configuration file not found",
                         f"{p}: không tìm thấy tệp cấu hình (kiểm tra đường dẫn của --config)") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: invalid TOML: {exc}",
                         f"{p}: tệp cấu hình sai cú pháp TOML ở dòng {exc.lineno}, cột {exc.colno}") from None
    except (OSError, UnicodeDecodeError) as exc:
        en, vi = os_reason(exc) if isinstance(exc, OSError) else (str(exc), "tệp không phải văn bản UTF-8")
        raise InputError(f"{p}: cannot read configuration: {en}",
                         f"{p}: không đọc được tệp cấu hình: {vi}") from None
    if p.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("plancheck", {})
        where = "[tool.plancheck]"
    else:
        table = data
        where = "the top level"
    for key, value in table.items():
        if key not in KEYS:
            where_vi = "[tool.plancheck]" if where == "[tool.plancheck]" else "cấp ngoài cùng"
            raise InputError(f"{p}: unknown key '{key}' in {where} (allowed: {', '.join(KEYS)})",
                             f"{p}: khóa '{key}' trong {where_vi} không được hỗ trợ (các khóa hợp lệ: "
                             f"{', '.join(KEYS)})")
        if not isinstance(value, KEYS[key]) or isinstance(value, bool):
            raise InputError(f"{p}: key '{key}' must be a {KEYS[key].__name__}, got {type(value).__name__}",
                             f"{p}: khóa '{key}' phải là {TYPE_VI[KEYS[key]]}, nhưng đang là "
                             f"{TYPE_VI.get(type(value), type(value).__name__)}")
        if key in CHOICES and value not in CHOICES[key]:
            raise InputError(f"{p}: key '{key}' must be one of {', '.join(CHOICES[key])}, got '{value}'",
                             f"{p}: khóa '{key}' phải là một trong các giá trị {', '.join(CHOICES[key])}, "
                             f"nhưng đang là '{value}'")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise InputError(f"{p}: key '{key}' must be a list of strings",
                             f"{p}: khóa '{key}' phải là một danh sách chuỗi ký tự")
    for code, level in table.get("severity", {}).items():
        if level not in ("error", "warning", "info"):
            raise InputError(f"{p}: severity of '{code}' must be error, warning or info, got '{level}'",
                             f"{p}: mức độ của '{code}' phải là error, warning hoặc info, nhưng đang là '{level}'")
    for glob, rules in table.get("per-path-ignores", {}).items():
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise InputError(f"{p}: per-path-ignores '{glob}' must be a list of rule selectors",
                             f"{p}: per-path-ignores '{glob}' phải là một danh sách quy tắc")
    _check_selectors(p, table)
    _check_limits(p, table.get("limits", {}))
    if "jobs" in table and table["jobs"] < 1:
        raise InputError(f"{p}: key 'jobs' must be at least 1, got {table['jobs']}",
                         f"{p}: khóa 'jobs' phải từ 1 trở lên, đang là {table['jobs']}")
    if "max-size" in table and table["max-size"] < 1:
        raise InputError(f"{p}: key 'max-size' must be at least 1 (MiB), got {table['max-size']}",
                         f"{p}: khóa 'max-size' phải từ 1 (MiB) trở lên, đang là {table['max-size']}")
    values = dict(table)
    silencing = [k for k in SILENCING if k in values]
    if silencing:
        why = _untrusted(p)
        if why:
            keys = ", ".join(silencing)
            return Config(None, {}, (
                f"{p}: configuration ignored: it sets {keys}, which would silence findings, and {why[0]} "
                "(make it yours and writable by you only: chown, chmod go-w on it and its folder)",
                f"{p}: bỏ qua tệp cấu hình: tệp đặt {keys}, có thể che các phát hiện, trong khi {why[1]} "
                "(hãy để tệp thuộc về bạn và chỉ mình bạn được ghi: chown, chmod go-w cho tệp và thư mục chứa nó)"))
    if "baseline" in values:
        values["baseline"] = str((p.parent / values["baseline"]).resolve()) if not os.path.isabs(
            values["baseline"]) else values["baseline"]
    return Config(p, values)


def _untrusted(p: Path) -> tuple[str, str] | None:
    """Why someone other than the current user could change the configuration ``p`` (None
    when no one can): it or its folder belongs to another user, or the group or others may
    write to it. Root may write anything anyway: what root owns is trusted."""
    import stat

    if not hasattr(os, "getuid"):  # (Windows: no owners to compare here)
        return None
    me = os.getuid()
    checks = [(p, "the file", "tệp"), (p.parent, "its folder", "thư mục chứa tệp")]
    real = p.resolve()
    if real != p.absolute():
        checks += [(real, "the file it links to", "tệp được liên kết tới"),
                   (real.parent, "that file's folder", "thư mục của tệp đó")]
    for where, en, vi in checks:
        try:
            st = os.stat(where)
        except OSError:
            return (f"{en} cannot be checked", f"không kiểm tra được {vi}")
        if st.st_uid not in (me, 0):
            return (f"{en} belongs to another user (uid {st.st_uid})", f"{vi} thuộc về người dùng khác (uid {st.st_uid})")
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return (f"others may write to {en}", f"người khác có thể ghi vào {vi}")
    return None


def limit_overrides(cfg: Config) -> dict[str, int]:
    """The limits set in the configuration, as ``Limits`` field names and values."""
    return {k.replace("-", "_"): v for k, v in cfg.get("limits", {}).items()}


def _check_limits(p: Path, table: dict) -> None:
    from .limits import Limits, key

    allowed = [key(n) for n in Limits.names() if n != "max_bytes"]
    for name, value in table.items():
        if name == "max-bytes":
            raise InputError(f"{p}: the size limit is set with 'max-size' (MiB) in [tool.plancheck], "
                             "not in [tool.plancheck.limits]",
                             f"{p}: giới hạn dung lượng đặt bằng khóa 'max-size' (MiB) trong [tool.plancheck], "
                             "không đặt trong [tool.plancheck.limits]")
        if name not in allowed:
            raise InputError(f"{p}: unknown limit '{name}' in [tool.plancheck.limits] (allowed: {', '.join(allowed)})",
                             f"{p}: không có giới hạn '{name}' trong [tool.plancheck.limits] (các giới hạn có: "
                             f"{', '.join(allowed)})")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"{p}: limit '{name}' must be a whole number of at least 1, got {value!r}",
                             f"{p}: giới hạn '{name}' phải là số nguyên từ 1 trở lên, đang là {value!r}")


def _check_selectors(p: Path, table: dict) -> None:
    from .rules import resolve_selector

    sels = list(table.get("select", [])) + list(table.get("ignore", [])) + list(table.get("severity", {}))
    for rules in table.get("per-path-ignores", {}).values():
        sels += rules
    for s in sels:
        if not resolve_selector(s):
            raise InputError(f"{p}: rule '{s}' does not exist (see 'plancheck rules')",
                             f"{p}: không có quy tắc '{s}' (xem danh sách bằng 'plancheck rules')")
