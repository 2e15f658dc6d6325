"""Indicator suites: loading and validating the YAML, and matching row names to ids.

A suite is declarative YAML (see ``suites/national.yaml`` and ``docs/suites.md``). It is
checked against ``SUITE_SCHEMA`` when loaded; any error names the file, line and column.
YAML is loaded with the safe loader: nothing in a suite can construct objects or run code.

A suite is a document of its own: it declares the document it takes its values from once
(``reference: {title, number, date, issuer}``), and each indicator's values per milestone
year (and per urban/rural part) live under ``reference:`` (``national:`` is accepted too),
each naming its source document (by default the suite's reference) and, optionally, where
the value was read (``at: [KEY:LINE]``). A suite can ``extends:`` another; an indicator the
other suite already defines is changed only with ``override: true``, and two suites that
define one id without it are an error naming both files and lines.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .errors import InputError, os_reason
from .targets import TargetValue, canonical_unit, parse_target
from .textnorm import clean, fold

SUITES_DIR = Path(__file__).parent / "suites"

# value type -> (accepted canonical units, hard bounds, target kinds accepted)
NUMERIC = ("exact", "approx", "lower", "upper", "range")
VALUE_TYPES: dict[str, dict] = {
    "percent": {"units": ["%"], "bounds": [0, 100], "kinds": NUMERIC},
    "per_10000": {"units": ["người", "giường"], "bounds": [0, 10000], "kinds": NUMERIC},
    "per_1000": {"units": ["người"], "bounds": [0, 1000], "kinds": NUMERIC},
    "count": {"units": ["căn hộ", "người", "giường"], "bounds": [0, math.inf], "kinds": NUMERIC},
    "years": {"units": ["tuổi", "năm"], "bounds": [0, 120], "kinds": NUMERIC},
    "index": {"units": [None, "chỉ số"], "bounds": [0, 1], "kinds": NUMERIC},
    "rate_per_year": {"units": ["%/năm", "%"], "bounds": [0, 100], "kinds": NUMERIC},
    "multiple": {"units": ["lần"], "bounds": [0, 1000], "kinds": NUMERIC},
    "area_per_person": {"units": ["m2/người"], "bounds": [0, 1000], "kinds": NUMERIC},
    "school_level": {"units": ["bậc học"], "bounds": None, "kinds": ("school",)},
    "qualitative": {"units": ["mức độ"], "bounds": None, "kinds": ("level",)},
}
DIRECTIONS = ("higher", "lower", "none")
_TYPE_VI = {"str": "một chuỗi ký tự", "num": "một số", "int": "một số nguyên", "bool": "một giá trị đúng/sai",
            "map": "một bảng khóa - giá trị", "list": "một danh sách"}
BREAKDOWNS = ("urban_rural", "region", "school_level")
# the parts of a total that can carry reference values of their own (``reference: {urban: {2030: ...}}``)
PARTS = ("urban", "rural")
PART_OF = {"urban": "urban_rural", "rural": "urban_rural"}

_STR = {"type": "str"}
_LIST_STR = {"type": "list", "items": _STR}
_NUM = {"type": "num"}
_PAIR = {"type": "list", "items": _NUM, "len": 2}
_CITATION = r"^(?:[A-Za-z0-9_.-]+:)?\d+(?:-\d+)?$"  # KEY:LINE of a source's copy, or LINE of the value's own
# one reference value: the target as a plan would write it ("< 3", "khoảng 30", "-" for "the
# reference states no target for this year"), its source document (a key of ``sources``; by
# default the suite's ``reference``), where it was read (``KEY:LINE`` of a source's copy, or ``LINE``
# of its own source) and a note
_VALUE = {"type": "map", "required": ["value"],
          "fields": {"value": _STR, "source": _STR, "note": _STR,
                     "at": {"type": "list", "items": {"type": "str", "pattern": _CITATION}}}}
_REFERENCE_VALUE = {"type": "either", "scalar": _STR, "map": _VALUE}
_YEARS = {"type": "map", "keys": "year", "values": _REFERENCE_VALUE}
_REFERENCES = {"type": "map", "keys": "year_or_part", "values": _REFERENCE_VALUE, "parts": _YEARS}
_DOCUMENT_FIELDS = {"title": _STR, "number": _STR, "date": _STR, "issuer": _STR, "name": _STR, "name_en": _STR,
                    "url": _STR, "file": _STR}
_DOCUMENT = {"type": "map", "fields": _DOCUMENT_FIELDS}
# another accepted way to state an indicator: a value type, with its unit when it is not the
# type's usual one (a rate in %, or a level such as "Hoàn thành" with the unit "Mức độ")
_FORM = {"type": "map", "required": ["type"],
         "fields": {"type": {"type": "str", "enum": list(VALUE_TYPES)}, "unit": _STR}}
INDICATOR_SCHEMA = {
    "type": "map",
    "required": ["id", "section", "name", "type", "direction"],
    "required_unless": "override",  # an override gives only what it changes
    "fields": {
        "id": {"type": "str", "pattern": r"^[a-z][a-z0-9_]*$"},
        "override": {"type": "bool"},
        "section": _STR,
        "name": _STR,
        "aliases": _LIST_STR,
        "type": {"type": "str", "enum": list(VALUE_TYPES)},
        "unit": _STR,
        "direction": {"type": "str", "enum": list(DIRECTIONS)},
        "bounds": _PAIR,
        "plausible": _PAIR,
        "breakdowns": {"type": "list", "items": {"type": "str", "enum": list(BREAKDOWNS)}},
        "universal": {"type": "bool"},
        "reference": _REFERENCES,
        "national": _REFERENCES,
        "forms": {"type": "list", "items": _FORM},
        "note": _STR,
        # what a person should confirm (a drafted suite marks the direction it inferred from the wording)
        "review": {"type": "list", "items": {"type": "str", "enum": ["name", "aliases", "type", "unit", "direction",
                                                                     "reference", "section", "bounds", "plausible"]}},
    },
}
SUITE_SCHEMA = {
    "type": "map",
    "required": ["suite", "indicators"],
    "fields": {
        "suite": {"type": "str", "pattern": r"^[a-z][a-z0-9_-]*$"},
        "title": _STR,
        "version": _NUM,
        "reference": _DOCUMENT,
        "extends": _STR,
        "milestones": {"type": "list", "items": {"type": "int"}},
        "sources": {"type": "map", "keys": "str", "values": {"type": "either", "scalar": _STR, "map": _DOCUMENT}},
        "sections": {"type": "map", "keys": "str", "values": _STR},
        "severity": {"type": "map", "keys": "str", "values": {"type": "str", "enum": ["error", "warning", "info"]}},
        "ignore": _LIST_STR,
        "indicators": {"type": "list", "items": INDICATOR_SCHEMA},
    },
}

# the kind of a document, from the code in its number ("68/NQ-CP", "232-CTr/TU", "2161/QĐ-TTg")
DOCUMENT_KINDS = {
    "nq": ("Nghị quyết", "Resolution"), "ctr": ("Chương trình hành động", "Action Programme"),
    "qđ": ("Quyết định", "Decision"), "qd": ("Quyết định", "Decision"), "kh": ("Kế hoạch", "Plan"),
    "ct": ("Chỉ thị", "Directive"), "nđ": ("Nghị định", "Decree"), "nd": ("Nghị định", "Decree"),
    "tt": ("Thông tư", "Circular"), "kl": ("Kết luận", "Conclusion"), "tb": ("Thông báo", "Notice"),
    "hd": ("Hướng dẫn", "Guidance"), "ctr-ubnd": ("Chương trình", "Programme"),
}


@dataclass(frozen=True)
class Source:
    """A document a suite takes values from: a resolution, a programme, a decision, or a
    provincial copy of one (``file`` says where that copy is kept, for ``at`` citations)."""

    key: str
    title: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    name: str | None = None  # the short name findings use ("Chương trình hành động 232-CTr/TU")
    name_en: str | None = None
    url: str | None = None
    file: str | None = None

    def kind(self) -> tuple[str, str] | None:
        for token in re.split(r"[/\-\s]+", (self.number or "").casefold()):
            if token in DOCUMENT_KINDS:
                return DOCUMENT_KINDS[token]
        return None

    def label(self, lang: str = "vi") -> str:
        """The document as a finding names it: its short name, else its kind and number
        ("Nghị quyết 68/NQ-CP", "Resolution 68/NQ-CP"), else its title."""
        if lang == "en" and self.name_en:
            return self.name_en
        kind = self.kind()
        if self.number and kind and not (lang != "en" and self.name):
            return f"{kind[1] if lang == 'en' else kind[0]} {self.number}"
        return self.name or self.number or self.title or self.key

    def citation(self, lang: str = "vi") -> str:
        """The document in full: "Nghị quyết 68/NQ-CP ngày 09/5/2024 của Chính phủ"."""
        out = self.label(lang)
        if self.date:
            out += f" ({self.date})" if lang == "en" else f" ngày {self.date}"
        if self.issuer:
            out += f", {self.issuer}" if lang == "en" else f" của {self.issuer}"
        return out


@dataclass(frozen=True)
class NationalValue:
    """A reference value of an indicator for one milestone year (named for the national suite,
    which was the first; any suite's values are these)."""

    raw: str
    target: TargetValue
    source: str  # the key of its source in ``Suite.sources``
    document: Source | None = None  # that source
    at: tuple[str, ...] = ()  # where it was read: "KEY:LINE" of a source's copy
    note: str | None = None
    path: str | None = None  # the suite file and line that state it
    line: int | None = None

    @property
    def stated(self) -> bool:
        """Whether the reference states a target for the year (``-`` says it states none)."""
        return self.target.kind != "none"


ReferenceValue = NationalValue


@dataclass(frozen=True)
class Form:
    """One accepted way to state an indicator: a value type and the units that go with it."""

    type: str
    units: tuple[str | None, ...]
    label: str | None = None  # the unit as the suite writes it ("Mức độ"), for messages

    @property
    def numeric(self) -> bool:
        return self.type not in ("school_level", "qualitative")

    @property
    def unit_label(self) -> str | None:
        return self.label or next((u for u in self.units if u), None)

    def takes(self, kind: str) -> bool:
        """Whether a target of this kind (``exact``, ``level``...) states this form."""
        return kind in VALUE_TYPES[self.type]["kinds"]


@dataclass(frozen=True)
class Indicator:
    id: str
    section: str
    name: str
    aliases: tuple[str, ...]
    type: str
    direction: str
    units: tuple[str | None, ...]
    bounds: tuple[float, float] | None
    plausible: tuple[float, float] | None
    breakdowns: tuple[str, ...]
    universal: bool
    national: dict[int, NationalValue] = field(default_factory=dict)  # the stated reference values
    more_forms: tuple[Form, ...] = ()  # accepted besides the main form (type, units)
    unit_label: str | None = None  # the main unit as the suite writes it
    parts: dict[str, dict[int, NationalValue]] = field(default_factory=dict)  # urban/rural values
    # every value the suite gives, "-" (no target that year) included: (part or None, year) -> value
    declared: dict[tuple[str | None, int], NationalValue] = field(default_factory=dict)
    note: str | None = None
    review: tuple[str, ...] = ()  # fields a person should confirm (``review: [direction]``)
    document: Source | None = None  # the reference of the suite that defines (or last overrode) it
    path: str = ""  # where it is defined (or last overridden): file and line
    line: int = 0
    origin: tuple[str, int] = ("", 0)  # where it was first defined
    fields: dict = field(default_factory=dict, compare=False, repr=False)  # as the YAML states them

    @property
    def numeric(self) -> bool:
        return self.type not in ("school_level", "qualitative")

    @property
    def reference(self) -> dict[int, NationalValue]:
        return self.national

    def value(self, year: int, part: str | None = None) -> NationalValue | None:
        """The stated reference value for ``year`` (of the ``part`` "urban" or "rural")."""
        return (self.parts.get(part, {}) if part else self.national).get(year)

    @property
    def forms(self) -> tuple[Form, ...]:
        """Every accepted form, the main one (``type``, ``units``) first."""
        return (Form(self.type, self.units, self.unit_label),) + self.more_forms

    @property
    def all_units(self) -> tuple[str | None, ...]:
        """The units of every accepted form, in order, without repeats."""
        return tuple(dict.fromkeys(u for f in self.forms for u in f.units))

    @property
    def reading_bounds(self) -> tuple[float, float] | None:
        return self.plausible or self.bounds


@dataclass
class Suite:
    name: str
    path: Path
    title: str
    milestones: tuple[int, ...]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]
    severity: dict[str, str]
    ignore: tuple[str, ...]
    reference: Source | None = None
    extends: str | None = None
    files: tuple[str, ...] = ()  # the files it was built from, the extended ones first
    # of one file, before the suites it extends are applied: the indicators it overrides,
    # (fields as written, line), and the line of ``extends``
    overrides: dict[str, tuple[dict, int]] = field(default_factory=dict)
    extends_line: int = 0

    @functools.cached_property
    def matcher(self) -> "Matcher":
        return Matcher(self.indicators.values())

    def document(self, key: str | None) -> Source | None:
        return self.sources.get(key) if key else self.reference


# ---------------------------------------------------------------- loading


def resolve_suite_path(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.exists():
            raise InputError(f"{p}: suite file not found", f"{p}: không tìm thấy tệp bộ chỉ tiêu")
        return p
    candidate = SUITES_DIR / f"{name_or_path}.yaml"
    if not candidate.exists():
        known = ", ".join(sorted(x.stem for x in SUITES_DIR.glob("*.yaml")))
        raise InputError(f"suite '{name_or_path}' not found (built-in suites: {known})",
                         f"không có bộ chỉ tiêu '{name_or_path}' (các bộ có sẵn: {known}; hoặc ghi đường dẫn tệp .yaml)")
    return candidate


@functools.lru_cache(maxsize=16)
def load_suite(name_or_path: str = "national") -> Suite:
    """A suite with the suites it extends applied."""
    return _resolve(resolve_suite_path(name_or_path), ())


def load_suites(names) -> Suite:
    """The suites of a run combined into one. An indicator two of them define is an error
    naming both files and lines, unless the later one overrides it (``override: true``) or
    both have it from the same definition (two suites that extend the same one)."""
    suites = [load_suite(n) for n in names] or [load_suite("national")]
    if len(suites) == 1:
        return suites[0]
    base = suites[0]
    merged = Suite(name="+".join(s.name for s in suites), path=base.path, title=base.title,
                   milestones=base.milestones, indicators=dict(base.indicators), sources=dict(base.sources),
                   severity=dict(base.severity), ignore=tuple(base.ignore), reference=base.reference,
                   files=tuple(base.files))
    for s in suites[1:]:
        for iid, ind in s.indicators.items():
            before = merged.indicators.get(iid)
            if before is None or before == ind:
                merged.indicators[iid] = ind
            elif before.origin == ind.origin:
                if (ind.path, ind.line) != ind.origin:  # the later suite overrides the common definition
                    merged.indicators[iid] = ind
            elif (ind.path, ind.line) != ind.origin and (before.path, before.line) == before.origin:
                merged.indicators[iid] = ind  # an explicit override in the later suite
            else:
                raise _twice(iid, ind.path, ind.line, before.path, before.line)
        merged.sources.update(s.sources)
        merged.severity.update(s.severity)
        merged.ignore = tuple(merged.ignore) + tuple(s.ignore)
        merged.files = tuple(dict.fromkeys(merged.files + s.files))
    return merged


def _twice(iid: str, path, line, other_path, other_line) -> InputError:
    return InputError(f"{path}:{line}: indicator '{iid}' is already defined in {other_path}:{other_line}; "
                      "write 'override: true' in the later one to replace it",
                      f"{path}:{line}: chỉ tiêu '{iid}' đã được khai báo tại {other_path}:{other_line}; "
                      "muốn thay thế thì ghi 'override: true' ở khai báo sau")


def _resolve(path: Path, chain: tuple[Path, ...]) -> Suite:
    real = path.resolve()
    if real in chain:
        cycle = " -> ".join(str(p) for p in (*chain, real))
        raise InputError(f"{path}: suites extend each other in a cycle ({cycle})",
                         f"{path}: các bộ chỉ tiêu kế thừa nhau thành vòng ({cycle})")
    layer = read_suite_file(path)
    base = None
    if layer.extends:
        base = _resolve(_extended_path(layer), chain + (real,))
    return _apply(base, layer)


def _extended_path(layer: Suite) -> Path:
    """The file of the suite ``layer`` extends: a built-in name, or a path relative to ``layer``."""
    name = layer.extends
    where = f"{layer.path}:{layer.extends_line}"
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or "/" in name or "\\" in name:
        p = p if p.is_absolute() else layer.path.parent / p
        if not p.exists():
            raise InputError(f"{where}: extends '{name}': file not found ({p})",
                             f"{where}: kế thừa '{name}': không tìm thấy tệp ({p})")
        return p
    try:
        return resolve_suite_path(name)
    except InputError as exc:
        raise InputError(f"{where}: extends: {exc.en}", f"{where}: kế thừa: {exc.vi}") from None


def _apply(base: Suite | None, layer: Suite) -> Suite:
    """``layer`` (one file) on top of ``base`` (what it extends, resolved)."""
    if base is None:
        for iid, (_, line) in layer.overrides.items():
            raise InputError(f"{layer.path}:{line}: indicator '{iid}' has 'override: true', but the suite extends "
                             "no suite that defines it (add 'extends: national', or remove 'override')",
                             f"{layer.path}:{line}: chỉ tiêu '{iid}' ghi 'override: true' nhưng bộ chỉ tiêu không "
                             "kế thừa bộ nào có chỉ tiêu này (thêm 'extends: national' hoặc bỏ 'override')")
        return dataclasses.replace(layer, overrides={}, files=(str(layer.path),))
    indicators = dict(base.indicators)
    for iid, ind in layer.indicators.items():
        if iid in indicators:
            before = indicators[iid]
            raise _twice(iid, ind.path, ind.line, before.path, before.line)
        indicators[iid] = ind
    sources = {**base.sources, **layer.sources}
    for iid, (raw, line) in layer.overrides.items():
        if iid not in indicators:
            raise InputError(f"{layer.path}:{line}: indicator '{iid}' has 'override: true', but {base.path} "
                             "defines no such indicator",
                             f"{layer.path}:{line}: chỉ tiêu '{iid}' ghi 'override: true' nhưng {base.path} "
                             "không có chỉ tiêu này")
        indicators[iid] = _overridden(indicators[iid], raw, line, layer, sources)
    return Suite(name=layer.name, path=layer.path, title=layer.title, milestones=layer.milestones or base.milestones,
                 indicators=indicators, sources=sources, severity={**base.severity, **layer.severity},
                 ignore=tuple(base.ignore) + tuple(layer.ignore), reference=layer.reference or base.reference,
                 extends=layer.extends, files=tuple(base.files) + (str(layer.path),))


def read_suite_file(path: Path) -> Suite:
    """One suite file, parsed and validated, without the suites it extends (cached)."""
    from .limits import current
    from .readers import bounded_read

    try:
        data = bounded_read(str(path), current().max_bytes)  # the size limit of any input (/dev/zero stops)
    except OSError as exc:
        en, vi = os_reason(exc)
        raise InputError(f"{path}: cannot read suite: {en}", f"{path}: không đọc được bộ chỉ tiêu: {vi}") from None
    return cache.cached("suite", path, data, lambda: _parse_suite(path, data))


def _parse_suite(path: Path, raw: bytes) -> Suite:
    import yaml

    from . import yamlsafe

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read suite: {exc}",
                         f"{path}: không đọc được bộ chỉ tiêu: tệp không phải văn bản UTF-8") from None
    from .limits import current
    from .readers.structured import _check_yaml_size

    _check_yaml_size(text, str(path), current())  # aliases of aliases, nesting: as in a submission
    loader = yamlsafe.loader_class()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (ValueError, OverflowError) as exc:  # a number of thousands of digits, a date out of range
        detail = str(exc).split(";")[0][:200]
        raise InputError(f"{path}: a value cannot be read ({detail})",
                         f"{path}: không đọc được một giá trị ({detail})") from None
    except RecursionError:
        raise InputError(f"{path}: structure nested too deeply to read",
                         f"{path}: cấu trúc lồng nhau quá sâu, không đọc được") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}{where}: invalid YAML: {problem}",
                         f"{path}{where}: sai cú pháp YAML ({problem})") from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError(f"{path}: empty suite", f"{path}: bộ chỉ tiêu trống")
    _validate(node, SUITE_SCHEMA, path, "suite")
    return _build_suite(data, node, path)


def _validate(node, schema: dict, path: Path, where: str) -> None:
    import yaml

    def fail(n, msg, vi=None):
        at = f"{path}:{n.start_mark.line + 1}:{n.start_mark.column + 1}: {where}: "
        raise InputError(at + msg, at + (vi or msg))

    t = schema["type"]
    if t == "either":  # a scalar (the short form) or a mapping (the full one)
        _validate(node, schema["map"] if isinstance(node, yaml.MappingNode) else schema["scalar"], path, where)
        return
    if t == "map":
        if not isinstance(node, yaml.MappingNode):
            fail(node, "expected a mapping", "cần một bảng khóa - giá trị")
        seen = set()
        for k, v in node.value:
            key = k.value
            if key in seen:
                fail(k, f"duplicate key '{key}'", f"khóa '{key}' bị lặp lại")
            seen.add(key)
            if "fields" in schema:
                if key not in schema["fields"]:
                    allowed = ", ".join(schema["fields"])
                    fail(k, f"unknown key '{key}' (allowed: {allowed})",
                         f"khóa '{key}' không được hỗ trợ (các khóa hợp lệ: {allowed})")
                _validate(v, schema["fields"][key], path, f"{where}.{key}")
            elif schema.get("keys") == "year_or_part" and key in PARTS:
                _validate(v, schema["parts"], path, f"{where}.{key}")
            else:
                if schema.get("keys") in ("year", "year_or_part") and not re.fullmatch(r"20\d\d", str(key)):
                    expected = "a milestone year" + (f" or one of {', '.join(PARTS)}"
                                                     if schema["keys"] == "year_or_part" else "")
                    expected_vi = "một năm mốc" + (f" hoặc một trong {', '.join(PARTS)}"
                                                   if schema["keys"] == "year_or_part" else "")
                    fail(k, f"expected {expected}, got '{key}'", f"cần {expected_vi}, nhưng đang là '{key}'")
                _validate(v, schema["values"], path, f"{where}.{key}")
        unless = schema.get("required_unless")
        waived = unless is not None and any(k.value == unless and _scalar(v) is True for k, v in node.value)
        for req in schema.get("required", []) if not waived else (["id"] if "id" in schema["fields"] else []):
            if req not in seen:
                fail(node, f"missing required key '{req}'", f"thiếu khóa bắt buộc '{req}'")
    elif t == "list":
        if not isinstance(node, yaml.SequenceNode):
            fail(node, "expected a list", "cần một danh sách")
        if "len" in schema and len(node.value) != schema["len"]:
            fail(node, f"expected {schema['len']} items", f"cần đúng {schema['len']} phần tử")
        for i, item in enumerate(node.value):
            _validate(item, schema["items"], path, f"{where}[{i}]")
    else:
        if not isinstance(node, yaml.ScalarNode):
            fail(node, f"expected a {t}", f"cần {_TYPE_VI[t]}")
        value = _scalar(node)
        ok = {
            "str": lambda v: isinstance(v, (str, int, float)) and not isinstance(v, bool),
            "num": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "bool": lambda v: isinstance(v, bool),
        }[t](value)
        if not ok:
            fail(node, f"expected a {t}, got '{node.value}'", f"cần {_TYPE_VI[t]}, nhưng đang là '{node.value}'")
        if "enum" in schema and str(value) not in schema["enum"]:
            fail(node, f"'{value}' is not one of: {', '.join(schema['enum'])}",
                 f"'{value}' không thuộc các giá trị: {', '.join(schema['enum'])}")
        if "pattern" in schema and not re.match(schema["pattern"], str(value)):
            fail(node, f"'{value}' does not match {schema['pattern']}",
                 f"'{value}' không đúng mẫu {schema['pattern']}")


def _scalar(node):
    """The Python value of a resolved scalar node, without re-parsing."""
    tag, text = node.tag, node.value
    if tag.endswith(":int"):
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag.endswith(":float"):
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on")
    if tag.endswith(":null"):
        return None
    return text


def _units(value_type: str, unit) -> tuple[str | None, ...]:
    """The units of a form: the one the suite names first, then the type's usual ones."""
    units = tuple(VALUE_TYPES[value_type]["units"])
    if unit:
        own = canonical_unit(str(unit))
        units = (own,) + tuple(u for u in units if u != own)
    return units


def _text(node) -> str:
    """A scalar as the suite writes it (a date stays "2024-05-09", not a date object)."""
    return str(node.value)


def _mapping(node) -> dict:
    return {k.value: v for k, v in node.value}


def _document(key: str, node) -> Source:
    if not hasattr(node, "value") or isinstance(node.value, str):
        return Source(key=key, title=_text(node))
    return Source(key=key, **{k: _text(v) for k, v in _mapping(node).items()})


# the keys of an indicator that are not its own fields (values and the override flag)
_NOT_FIELDS = ("id", "override", "reference", "national")


def _build_suite(data: dict, node, path: Path) -> Suite:
    top = _mapping(node)
    sources = {str(k.value): _document(str(k.value), v) for k, v in (top["sources"].value if "sources" in top else ())}
    reference = _document("reference", top["reference"]) if "reference" in top else None
    context = (path, sources, reference)
    indicators: dict[str, Indicator] = {}
    overrides: dict[str, tuple[dict, int]] = {}
    seen: dict[str, int] = {}
    for raw, inode in zip(data["indicators"], top["indicators"].value):
        line = inode.start_mark.line + 1
        iid = raw["id"]
        if iid in seen:
            raise InputError(f"{path}:{line}: indicator id '{iid}' is defined twice (also at line {seen[iid]})",
                             f"{path}:{line}: mã chỉ tiêu '{iid}' được khai báo hai lần (cả ở dòng {seen[iid]})")
        seen[iid] = line
        if "reference" in raw and "national" in raw:
            raise InputError(f"{path}:{line}: indicator '{iid}': give its values under 'reference' or 'national', "
                             "not both", f"{path}:{line}: chỉ tiêu '{iid}': ghi giá trị ở 'reference' hoặc "
                             "'national', không ghi cả hai")
        inode_map = _mapping(inode)
        raw_values = _raw_values(inode_map.get("reference") or inode_map.get("national"))
        if raw.get("override"):
            # applied (and its values read against the overridden indicator) when the suites are
            overrides[iid] = ({**{k: v for k, v in raw.items() if k not in ("reference", "national")},
                               "_values": raw_values}, line)
            continue
        fields = {k: v for k, v in raw.items() if k not in _NOT_FIELDS}
        ind = _indicator(iid, fields, {}, str(path), line, None, reference)
        indicators[iid] = dataclasses.replace(ind, **_value_fields(_values(ind, raw_values, context, iid)))
    from .rules import resolve_selector

    for sel in list(data.get("severity") or {}) + list(data.get("ignore") or ()):
        if not resolve_selector(str(sel)):
            raise InputError(f"{path}: rule '{sel}' does not exist (see 'plancheck rules')",
                             f"{path}: không có quy tắc '{sel}' (xem danh sách bằng 'plancheck rules')")
    return Suite(
        name=str(data["suite"]), path=path, title=str(data.get("title", data["suite"])),
        milestones=tuple(data.get("milestones") or ()) or (() if data.get("extends") else (2025, 2030)),
        indicators=indicators, sources=sources, severity=dict(data.get("severity") or {}),
        ignore=tuple(data.get("ignore") or ()), reference=reference,
        extends=str(data["extends"]) if data.get("extends") else None, files=(str(path),), overrides=overrides,
        extends_line=top["extends"].start_mark.line + 1 if "extends" in top else 0,
    )


def _raw_values(node) -> list[tuple[str | None, int, dict, int]]:
    """The values under ``reference:`` as (part, year, {value, source, at, note}, line)."""
    out = []
    if node is None:
        return out
    for k, v in node.value:
        if k.value in PARTS:
            out.extend((k.value, year, entry, line) for _, year, entry, line in _raw_values(v))
            continue
        line = v.start_mark.line + 1
        if isinstance(v.value, list):  # the full form
            m = _mapping(v)
            entry = {key: _text(m[key]) for key in ("value", "source", "note") if key in m}
            if "at" in m:
                entry["at"] = tuple(_text(x) for x in m["at"].value)
        else:
            entry = {"value": _text(v)}
        out.append((None, int(k.value), entry, line))
    return out


def _values(ind: Indicator, raw_values, context, iid: str) -> dict[tuple[str | None, int], NationalValue]:
    """The reference values (as ``_raw_values`` reads them), read against ``ind``'s bounds."""
    path, sources, reference = context
    out = {}
    for part, year, entry, line in raw_values:
        where = f"{path}:{line}: indicator '{iid}'"
        where_vi = f"{path}:{line}: chỉ tiêu '{iid}'"
        key = entry.get("source")
        if key is not None and key not in sources:
            raise InputError(f"{where}: unknown source '{key}' (declare it under 'sources')",
                             f"{where_vi}: nguồn '{key}' chưa được khai báo trong mục sources")
        if key is None and reference is None:
            raise InputError(f"{where}: the value for {year} names no source, and the suite declares no "
                             "'reference' document",
                             f"{where_vi}: giá trị năm {year} không ghi nguồn, và bộ chỉ tiêu không khai báo văn bản "
                             "'reference'")
        for cited in entry.get("at", ()):
            if ":" in cited and cited.split(":", 1)[0] not in sources:
                raise InputError(f"{where}: 'at: {cited}' cites an undeclared source",
                                 f"{where_vi}: 'at: {cited}' dẫn một nguồn chưa khai báo trong mục sources")
        if part is not None and PART_OF[part] not in ind.breakdowns:
            raise InputError(f"{where}: values for '{part}' need 'breakdowns: [{PART_OF[part]}]'",
                             f"{where_vi}: giá trị cho '{part}' cần khai báo 'breakdowns: [{PART_OF[part]}]'")
        target = parse_target(entry["value"], ind.reading_bounds)
        if target.kind == "unreadable":
            raise InputError(f"{where}: unreadable reference value '{entry['value']}'",
                             f"{where_vi}: không đọc được giá trị tham chiếu '{entry['value']}'")
        out[(part, year)] = NationalValue(entry["value"], target, key or "", sources.get(key) if key else reference,
                                          tuple(entry.get("at", ())), entry.get("note"), str(path), line)
    return out


def _value_fields(declared: dict) -> dict:
    """``declared`` (every value, "-" included) as the indicator's fields."""
    national = {y: v for (p, y), v in sorted(declared.items(), key=lambda kv: kv[0][1]) if p is None and v.stated}
    parts: dict[str, dict[int, NationalValue]] = {}
    for (p, y), v in sorted(declared.items(), key=lambda kv: kv[0][1]):
        if p is not None and v.stated:
            parts.setdefault(p, {})[y] = v
    return {"declared": dict(declared), "national": national, "parts": parts}


def _indicator(iid: str, fields: dict, declared: dict, path: str, line: int, origin, document) -> Indicator:
    """An indicator from its fields as the YAML states them."""
    units = _units(fields["type"], fields.get("unit"))
    more_forms = tuple(Form(f["type"], _units(f["type"], f.get("unit")), str(f["unit"]) if f.get("unit") else None)
                       for f in fields.get("forms") or ())
    vt = VALUE_TYPES[fields["type"]]
    bounds = tuple(fields["bounds"]) if fields.get("bounds") else (tuple(vt["bounds"]) if vt["bounds"] else None)
    plausible = tuple(fields["plausible"]) if fields.get("plausible") else None
    return Indicator(
        id=iid, section=str(fields["section"]), name=str(fields["name"]),
        aliases=tuple(str(a) for a in fields.get("aliases") or ()), type=fields["type"],
        direction=fields["direction"], units=units, bounds=bounds, plausible=plausible,
        breakdowns=tuple(fields.get("breakdowns") or ()), universal=bool(fields.get("universal", False)),
        more_forms=more_forms, unit_label=str(fields["unit"]) if fields.get("unit") else None,
        note=str(fields["note"]) if fields.get("note") else None, review=tuple(fields.get("review") or ()),
        document=document, path=path, line=line,
        origin=origin or (path, line), fields=dict(fields), **_value_fields(declared))


def _overridden(before: Indicator, raw: dict, line: int, layer: Suite, sources: dict) -> Indicator:
    """``before`` with what an override entry of ``layer`` changes: the fields it gives replace
    the earlier ones, its aliases are added to them, and its values replace those of the same
    year (and part); a value "-" says the new reference states no target that year."""
    fields = {**before.fields, **{k: v for k, v in raw.items() if k not in _NOT_FIELDS and k not in ("_values",
                                                                                                     "aliases")}}
    fields["aliases"] = list(dict.fromkeys([*(before.fields.get("aliases") or ()), *(raw.get("aliases") or ())]))
    draft = _indicator(before.id, fields, {}, str(layer.path), line, before.origin, layer.reference or before.document)
    declared = dict(before.declared)
    context = (layer.path, sources, layer.reference or before.document)
    for (part, year), v in _values(draft, raw.get("_values", ()), context, before.id).items():
        declared[(part, year)] = v
    return dataclasses.replace(draft, **_value_fields(declared))


# ---------------------------------------------------------------- matching

ABBREVIATIONS = [
    (r"\bLLLĐ\b", "lực lượng lao động"),
    (r"\bBHXH\b", "bảo hiểm xã hội"),
    (r"\bBHYT\b", "bảo hiểm y tế"),
    (r"\bBHTN\b", "bảo hiểm thất nghiệp"),
    (r"\bNCC\b", "người có công"),
    (r"\bDTTS\b", "dân tộc thiểu số"),
    (r"\bKCB\b", "khám chữa bệnh"),
    (r"\bGDNN\b", "giáo dục nghề nghiệp"),
    (r"\bTT&TT\b", "thông tin và truyền thông"),
    (r"\bCNTT\b", "công nghệ thông tin"),
    (r"\bXHCN\b", "xã hội chủ nghĩa"),
]
_LEADING_NOISE = re.compile(r"^(?:[+\-–•*]\s*|phan dau (?:co |dat )?|trong do,? )+")
_TRAILING_NOISE = re.compile(r"\s*\((?:quoc gia|tinh|ca nuoc)\)\s*$")


_ABBREVIATION = re.compile("|".join(f"({pattern})" for pattern, _ in ABBREVIATIONS), re.IGNORECASE)
# each abbreviation as written, case-folded: a text holding none of them has none to expand (the
# pattern ignores case, which case folding covers), and this test costs far less than the search
_ABBREVIATION_WORDS = tuple(pattern[2:-2].casefold() for pattern, _ in ABBREVIATIONS)


def expand_abbreviations(text: str) -> str:
    folded = text.casefold()
    if not any(w in folded for w in _ABBREVIATION_WORDS):
        return text
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.lastindex - 1][1], text)


@functools.lru_cache(maxsize=1 << 15)
def match_key(text: str) -> str:
    """The folded key used to compare a row name with catalogue names."""
    f = fold(expand_abbreviations(clean(text)))
    f = _LEADING_NOISE.sub("", f)
    f = re.sub(r"\b(?:quoc gia|tren 10 000 dan|10 000 dan|tren (?:1 |mot )?van dan|(?:1 |mot )?van dan)\b", " ", f) \
        if len(f.split()) > 3 else f
    f = re.sub(r"^ti trong\b", "ti le", f)  # "tỉ trọng lao động nông nghiệp": a share, written as a rate
    f = f.replace("do tuoi", "tuoi")  # "đúng độ tuổi" and "đúng tuổi" are one phrase
    return re.sub(r"\s+", " ", f).strip()


@dataclass(frozen=True)
class Match:
    indicator: str | None
    score: float
    candidates: tuple[tuple[str, float], ...]
    alias: str | None = None  # the catalogue spelling matched
    # no indicator because two claim the name with nearly the same score (within ``MARGIN``)
    ambiguous: bool = False


class Matcher:
    """Fuzzy matching of row names to indicator ids (rapidfuzz on folded text).

    A name is matched on its key (:func:`match_key`): names with the same key share one
    result, which every stage (table rows, sub-targets, the prose reader) reuses. The
    result of a key is defined by :meth:`match_full`: the catalogue spellings that three
    rapidfuzz scorers rank in their top 8 (ratio, token sort, partial ratio) are ranked by
    the combined score :func:`_score`. Most keys are settled without the costly third
    scorer (:meth:`_settled`): the ratio and token-sort scores of every spelling are
    computed in one pass each, and when no spelling outside the first two top 8s can
    reach the result (and no tie leaves its order to chance), the partial-ratio picks
    cannot change it either - the result is then the same, at a fraction of the cost.
    """

    ACCEPT = 88.0
    MARGIN = 2.0
    TOP = 8  # spellings picked by each scorer
    MEMO = 1 << 14  # results kept

    def __init__(self, indicators):
        self.keys: list[tuple[str, str, str]] = []  # (key, id, spelling)
        for ind in indicators:
            for name in (ind.name, *ind.aliases):
                self.keys.append((match_key(name), ind.id, name))
        self._choices = [k for k, _, _ in self.keys]
        self._sorted = [_sorted_tokens(k) for k in self._choices]  # token sort ratio = ratio of these
        self._memo: dict[str, Match] = {}  # key -> result, for every name matched in this process
        # the exact and alias dictionary: a key that is one catalogue spelling's, and no other's
        spellings: dict[str, set] = {}
        for key, iid, spelling in self.keys:
            spellings.setdefault(key, set()).add((iid, spelling))
        self._exact = {key: next(iter(found)) for key, found in spellings.items() if len(found) == 1}

    def match(self, name: str) -> Match:
        key = match_key(name)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= self.MEMO:
                self._memo.clear()  # memory stays bounded on a run with very many distinct names
            found = self._memo[key] = self._match_key(key)
        return found

    def warm(self) -> None:
        """Match every catalogue spelling (what most rows write) now: before worker processes
        are started, which then share these results instead of each computing them."""
        for _, _, spelling in self.keys:
            self.match(spelling)

    def match_full(self, name: str) -> Match:
        """The result by definition: all three scorers' picks, each spelling's combined score."""
        return self._full(match_key(name))

    def _full(self, key: str) -> Match:
        from rapidfuzz import fuzz, process

        if not key:
            return Match(None, 0.0, ())
        # native scorers pick the candidates; the combined score ranks only those
        picked = set()
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio, fuzz.partial_ratio):
            for _, _, idx in process.extract(key, self._choices, scorer=scorer, limit=self.TOP):
                picked.add(idx)
        return self._decide([(_score(key, self._choices[i]), i) for i in picked])

    def _decide(self, scored) -> Match:
        """The result from the (combined score, spelling) of the picked spellings, in order."""
        best_by_id: dict[str, tuple[float, str]] = {}
        for score, idx in scored:
            _, iid, spelling = self.keys[idx]
            if iid not in best_by_id or score > best_by_id[iid][0]:
                best_by_id[iid] = (score, spelling)
        ranked = sorted(best_by_id.items(), key=lambda kv: -kv[1][0])
        candidates = tuple((iid, round(s, 1)) for iid, (s, _) in ranked[:3])
        if not ranked:
            return Match(None, 0.0, ())
        best_id, (best, spelling) = ranked[0]
        second = ranked[1][1][0] if len(ranked) > 1 else 0.0
        if best >= self.ACCEPT and best - second >= self.MARGIN:
            return Match(best_id, best, candidates, spelling)
        # two indicators claim the name by less than the margin: neither is given it
        return Match(None, best, candidates, ambiguous=best >= self.ACCEPT)

    def _match_key(self, key: str) -> Match:
        if not key:
            return Match(None, 0.0, ())
        exact = self._exact.get(key)
        if exact is not None and key not in self._crowded:
            # a catalogue spelling as it is: only it scores 100 (another id's spelling scores at
            # most 98), so the definition accepts it; its candidates are worked out when read
            return Match(exact[0], 100.0, Candidates(self, key), exact[1])
        return self._scored(key)

    @functools.cached_property
    def _crowded(self) -> frozenset[str]:
        """Catalogue spellings another indicator's spelling comes within ``MARGIN`` of (a long
        name and another differing by a character): the scores decide those, as any name. Only
        the ratio can exceed 100 - MARGIN (the token sort ratio counts at 0.98, the prefix at
        0.97), and only between names of 49 characters or more."""
        from rapidfuzz import fuzz, process

        close = 100.0 - self.MARGIN
        long = [(key, iid) for key, iid, _ in self.keys if len(key) >= 49]
        choices = [key for key, _ in long]
        out = set()
        for key, iid in long:
            for _, score, j in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=close, limit=None):
                if score > close and long[j][1] != iid:
                    out.add(key)
        return frozenset(out)

    def _scored(self, key: str) -> Match:
        """The result by the scores (the shortcut when it settles the key, else the definition)."""
        settled = self._settled(key)
        return settled if settled is not None else self._with_partial(key)

    def _with_partial(self, key: str) -> Match:
        """``_full``, reusing the ratio and token-sort passes already made: the same picks,
        added in the same order (so the same set, iterated alike), scored alike."""
        from rapidfuzz import fuzz, process

        scores = self._scores(key)
        by_partial = [idx for _, _, idx in process.extract(key, self._choices, scorer=fuzz.partial_ratio,
                                                           limit=self.TOP)]
        picked = set()
        for idx in scores.by_ratio[:self.TOP] + scores.by_sort[:self.TOP] + by_partial:
            picked.add(idx)
        return self._decide([(scores.combined(i), i) for i in picked])

    def _settled(self, key: str) -> Match | None:
        """The result of ``key`` when the ratio and token-sort picks settle it (else None)."""
        scores = self._scores(key)
        picked = dict.fromkeys(scores.by_ratio[:self.TOP] + scores.by_sort[:self.TOP])
        best: dict[str, list] = {}  # id -> [best score, its spellings]
        for i in picked:
            score = scores.combined(i)
            _, iid, spelling = self.keys[i]
            entry = best.get(iid)
            if entry is None or score > entry[0]:
                best[iid] = [score, {spelling}]
            elif score == entry[0]:
                entry[1].add(spelling)
        ranked = sorted(best.values(), key=lambda e: -e[0])
        if len(ranked) < 3 or len(ranked[0][1]) > 1:
            return None  # a new id would be a candidate, or the spelling matched is left to order
        levels = [e[0] for e in ranked[:4]]
        if any(a <= b for a, b in zip(levels, levels[1:])):
            return None  # tied ids: their order is left to the order of the picks
        floor = levels[2]
        # a spelling outside the picks that the partial ratio might add, scoring as high as
        # the third id, could change the candidates: then the full definition decides
        if scores.any_reaches(floor, exclude=picked):
            return None
        return self._decide([(scores.combined(i), i) for i in picked])

    @functools.lru_cache(maxsize=4096)
    def _scores(self, key: str) -> _Scores:
        return _Scores(self, key)

    @functools.lru_cache(maxsize=16384)
    def could_reach(self, name: str, score: float) -> bool:
        """Whether ``match(name).score`` can reach ``score``: each component of :func:`_score`
        is bounded over every catalogue spelling, several times faster than a match. A
        caller trying many spans of prose as names skips those that cannot."""
        from rapidfuzz import fuzz, process

        key = match_key(name)
        if not key:
            return False
        if key in self._exact:
            return 100.0 >= score - 1e-6
        found = self._memo.get(key)
        if found is not None:
            return found.score >= score - 1e-6
        score -= 1e-6  # the components are compared after a product: keep clear of rounding
        # the token sort ratio is the ratio of the words sorted (the catalogue's sorted once)
        if process.extractOne(key, self._choices, scorer=fuzz.ratio, score_cutoff=score) or \
                process.extractOne(_sorted_tokens(key), self._sorted, scorer=fuzz.ratio, score_cutoff=score / 0.98):
            return True
        n = len(key)
        if n < 25:
            return False
        # the prefix component: a truncated name, or a name followed by more words
        cutoff = score / 0.97
        longer = [c[:n] for c in self._choices if n <= len(c) <= n / 0.6]
        if longer and process.extractOne(key, longer, scorer=fuzz.ratio, score_cutoff=cutoff):
            return True
        return any(process.extractOne(key[:length], group, scorer=fuzz.ratio, score_cutoff=cutoff)
                   for length, group in self._by_length.items() if 25 <= length < n and length >= 0.6 * n)

    @functools.cached_property
    def _indices_by_length(self) -> list[tuple[int, list[int]]]:
        """The spellings (their indices) of each length."""
        out: dict[int, list[int]] = {}
        for i, c in enumerate(self._choices):
            out.setdefault(len(c), []).append(i)
        return sorted(out.items())

    @functools.cached_property
    def _by_length(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for c in self._choices:
            out.setdefault(len(c), []).append(c)
        return out


class Candidates(Sequence):
    """The candidates of an exact match - the three best ids and their scores - worked out the
    first time they are read (a matched row's candidates are rarely read: only a name that
    matches no indicator shows them). They equal the tuple the full definition gives, and a
    copy (pickle) is that tuple."""

    __slots__ = ("_matcher", "_key", "_value")

    def __init__(self, matcher: "Matcher", key: str):
        self._matcher, self._key, self._value = matcher, key, None

    def _get(self) -> tuple:
        if self._value is None:
            self._value = tuple(self._matcher._scored(self._key).candidates)
        return self._value

    def __getitem__(self, i):
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __eq__(self, other) -> bool:
        return self._get() == (other._get() if isinstance(other, Candidates) else other)

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())

    def __reduce__(self):
        return tuple, (self._get(),)


class _Scores:
    """The ratio and token-sort scores of one key against every catalogue spelling (one
    rapidfuzz pass each); the prefix component of the combined score on demand."""

    __slots__ = ("matcher", "key", "ratio", "sort", "by_ratio", "by_sort", "_prefix")

    def __init__(self, matcher: Matcher, key: str):
        self.matcher, self.key = matcher, key
        self.ratio, self.by_ratio = _all_scores(key, matcher._choices)
        self.sort, self.by_sort = _all_scores(_sorted_tokens(key), matcher._sorted)
        self._prefix: dict[int, float] = {}

    def prefix(self, i: int) -> float:
        """The prefix component of :func:`_score` for spelling ``i``."""
        p = self._prefix.get(i)
        if p is None:
            p = self._prefix[i] = _prefix(self.key, self.matcher._choices[i])
        return p

    def combined(self, i: int) -> float:
        """``_score(key, spelling i)``, from the same three components."""
        return max(self.ratio[i], self.sort[i] * 0.98, self.prefix(i))

    def any_reaches(self, score: float, exclude=()) -> bool:
        """Whether the combined score of some spelling (not in ``exclude``) is at least ``score``."""
        # the best ratio and token sort outside ``exclude``: the first in each order
        if next((self.ratio[i] for i in self.by_ratio if i not in exclude), 0.0) >= score:
            return True
        if next((self.sort[i] for i in self.by_sort if i not in exclude), 0.0) * 0.98 >= score:
            return True
        n = len(self.key)
        if n < 25:
            return False  # the prefix component needs names of 25 characters or more
        ratio = self.ratio
        for m, spellings in self.matcher._indices_by_length:
            shorter = min(n, m)
            if shorter < 25 or shorter < 0.6 * max(n, m):
                continue
            # bounded by the ratio: the common subsequence of a prefix is at most the whole's
            # (a bound to skip by, kept clear of rounding)
            factor = (n + m) / (2 * shorter) * 0.97
            for i in spellings:
                if ratio[i] * factor + 1e-6 >= score and i not in exclude and self.prefix(i) >= score:
                    return True
        return False


def _all_scores(key: str, choices: list[str]) -> tuple[list[float], list[int]]:
    """The ratio of ``key`` to each choice, and the choices in the order ``process.extract``
    ranks them (best first; of equal scores, the first choice first)."""
    from rapidfuzz import fuzz, process

    scores = [0.0] * len(choices)
    order = []
    for _, s, i in process.extract(key, choices, scorer=fuzz.ratio, limit=None):
        scores[i] = s
        order.append(i)
    return scores, order


def _sorted_tokens(text: str) -> str:
    """The text rapidfuzz's token sort ratio compares: its words sorted, joined by spaces."""
    return " ".join(sorted(text.split()))


def _prefix(a: str, b: str) -> float:
    """A truncated or wrapped row name: the shorter one is a prefix of the longer one."""
    from rapidfuzz import fuzz

    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 25 and len(shorter) >= 0.6 * len(longer):
        return fuzz.ratio(shorter, longer[: len(shorter)]) * 0.97
    return 0.0


def _score(a: str, b: str, **kwargs) -> float:
    from rapidfuzz import fuzz

    ratio = fuzz.ratio(a, b)
    sort = fuzz.token_sort_ratio(a, b)
    return max(ratio, sort * 0.98, _prefix(a, b))
