"""Indicator suites: loading and validating the YAML, and matching row names to ids.

A suite is declarative YAML (see ``suites/national.yaml``). It is checked against
``SUITE_SCHEMA`` when loaded; any error names the file, line and column. YAML is loaded
with the safe loader: nothing in a suite can construct objects or run code.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yamlsafe
from .errors import InputError
from .targets import Target, canonical_unit, parse_target
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
BREAKDOWNS = ("urban_rural", "region", "school_level")

_STR = {"type": "str"}
_LIST_STR = {"type": "list", "items": _STR}
_NUM = {"type": "num"}
_PAIR = {"type": "list", "items": _NUM, "len": 2}
_NATIONAL_VALUE = {"type": "map", "required": ["value", "source"],
                   "fields": {"value": _STR, "source": _STR}}
INDICATOR_SCHEMA = {
    "type": "map",
    "required": ["id", "section", "name", "type", "direction"],
    "fields": {
        "id": {"type": "str", "pattern": r"^[a-z][a-z0-9_]*$"},
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
        "national": {"type": "map", "keys": "year", "values": _NATIONAL_VALUE},
    },
}
SUITE_SCHEMA = {
    "type": "map",
    "required": ["suite", "indicators"],
    "fields": {
        "suite": {"type": "str", "pattern": r"^[a-z][a-z0-9_-]*$"},
        "title": _STR,
        "version": _NUM,
        "milestones": {"type": "list", "items": {"type": "int"}},
        "sources": {"type": "map", "keys": "str", "values": _STR},
        "sections": {"type": "map", "keys": "str", "values": _STR},
        "severity": {"type": "map", "keys": "str", "values": {"type": "str", "enum": ["error", "warning", "info"]}},
        "ignore": _LIST_STR,
        "indicators": {"type": "list", "items": INDICATOR_SCHEMA},
        "extends": _STR,
    },
}


@dataclass(frozen=True)
class NationalValue:
    raw: str
    target: Target
    source: str


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
    national: dict[int, NationalValue] = field(default_factory=dict)

    @property
    def numeric(self) -> bool:
        return self.type not in ("school_level", "qualitative")

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
    sources: dict[str, str]
    severity: dict[str, str]
    ignore: tuple[str, ...]

    @functools.cached_property
    def matcher(self) -> "Matcher":
        return Matcher(self.indicators.values())


# ---------------------------------------------------------------- loading


def resolve_suite_path(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.exists():
            raise InputError(f"{p}: suite file not found")
        return p
    candidate = SUITES_DIR / f"{name_or_path}.yaml"
    if not candidate.exists():
        known = ", ".join(sorted(x.stem for x in SUITES_DIR.glob("*.yaml")))
        raise InputError(f"suite '{name_or_path}' not found (built-in suites: {known})")
    return candidate


@functools.lru_cache(maxsize=16)
def load_suite(name_or_path: str = "national") -> Suite:
    path = resolve_suite_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read suite: {exc}") from None
    loader = yamlsafe.Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}{where}: invalid YAML: {problem}") from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError(f"{path}: empty suite")
    _validate(node, SUITE_SCHEMA, path, "suite")
    return _build_suite(data, node, path)


def _validate(node, schema: dict, path: Path, where: str) -> None:
    def fail(n, msg):
        raise InputError(f"{path}:{n.start_mark.line + 1}:{n.start_mark.column + 1}: {where}: {msg}")

    t = schema["type"]
    if t == "map":
        if not isinstance(node, yaml.MappingNode):
            fail(node, "expected a mapping")
        seen = set()
        for k, v in node.value:
            key = k.value
            if key in seen:
                fail(k, f"duplicate key '{key}'")
            seen.add(key)
            if "fields" in schema:
                if key not in schema["fields"]:
                    allowed = ", ".join(schema["fields"])
                    fail(k, f"unknown key '{key}' (allowed: {allowed})")
                _validate(v, schema["fields"][key], path, f"{where}.{key}")
            else:
                if schema.get("keys") == "year" and not re.fullmatch(r"20\d\d", str(key)):
                    fail(k, f"expected a milestone year, got '{key}'")
                _validate(v, schema["values"], path, f"{where}.{key}")
        for req in schema.get("required", []):
            if req not in seen:
                fail(node, f"missing required key '{req}'")
    elif t == "list":
        if not isinstance(node, yaml.SequenceNode):
            fail(node, "expected a list")
        if "len" in schema and len(node.value) != schema["len"]:
            fail(node, f"expected {schema['len']} items")
        for i, item in enumerate(node.value):
            _validate(item, schema["items"], path, f"{where}[{i}]")
    else:
        if not isinstance(node, yaml.ScalarNode):
            fail(node, f"expected a {t}")
        value = _scalar(node)
        ok = {
            "str": lambda v: isinstance(v, (str, int, float)) and not isinstance(v, bool),
            "num": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "bool": lambda v: isinstance(v, bool),
        }[t](value)
        if not ok:
            fail(node, f"expected a {t}, got '{node.value}'")
        if "enum" in schema and str(value) not in schema["enum"]:
            fail(node, f"'{value}' is not one of: {', '.join(schema['enum'])}")
        if "pattern" in schema and not re.match(schema["pattern"], str(value)):
            fail(node, f"'{value}' does not match {schema['pattern']}")


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


def _build_suite(data: dict, node, path: Path) -> Suite:
    indicators: dict[str, Indicator] = {}
    sources = {str(k): str(v) for k, v in (data.get("sources") or {}).items()}
    ind_nodes = dict((k.value, v) for k, v in node.value)["indicators"].value
    for raw, inode in zip(data["indicators"], ind_nodes):
        line = inode.start_mark.line + 1
        iid = raw["id"]
        if iid in indicators:
            raise InputError(f"{path}:{line}: indicator id '{iid}' is defined twice")
        vt = VALUE_TYPES[raw["type"]]
        units = tuple(vt["units"])
        if raw.get("unit"):
            units = (canonical_unit(raw["unit"]),) + tuple(u for u in units if u != canonical_unit(raw["unit"]))
        bounds = tuple(raw["bounds"]) if raw.get("bounds") else (tuple(vt["bounds"]) if vt["bounds"] else None)
        plausible = tuple(raw["plausible"]) if raw.get("plausible") else None
        national = {}
        for year, nv in (raw.get("national") or {}).items():
            if nv["source"] not in sources:
                raise InputError(f"{path}:{line}: indicator '{iid}': unknown source '{nv['source']}'")
            target = parse_target(str(nv["value"]), plausible or bounds)
            if target.kind == "unreadable":
                raise InputError(f"{path}:{line}: indicator '{iid}': unreadable national value '{nv['value']}'")
            national[int(year)] = NationalValue(str(nv["value"]), target, nv["source"])
        indicators[iid] = Indicator(
            id=iid, section=str(raw["section"]), name=str(raw["name"]),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()), type=raw["type"],
            direction=raw["direction"], units=units, bounds=bounds, plausible=plausible,
            breakdowns=tuple(raw.get("breakdowns") or ()), universal=bool(raw.get("universal", False)),
            national=national,
        )
    from .rules import resolve_selector

    for sel in list(data.get("severity") or {}) + list(data.get("ignore") or ()):
        if not resolve_selector(str(sel)):
            raise InputError(f"{path}: rule '{sel}' does not exist (see 'plancheck rules')")
    return Suite(
        name=str(data["suite"]), path=path, title=str(data.get("title", data["suite"])),
        milestones=tuple(data.get("milestones") or (2025, 2030)), indicators=indicators,
        sources=sources, severity=dict(data.get("severity") or {}), ignore=tuple(data.get("ignore") or ()),
    )


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


def expand_abbreviations(text: str) -> str:
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.lastindex - 1][1], text)


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


class Matcher:
    """Fuzzy matching of row names to indicator ids (rapidfuzz on folded text)."""

    ACCEPT = 88.0
    MARGIN = 2.0

    def __init__(self, indicators):
        self.keys: list[tuple[str, str, str]] = []  # (key, id, spelling)
        for ind in indicators:
            for name in (ind.name, *ind.aliases):
                self.keys.append((match_key(name), ind.id, name))
        self._choices = [k for k, _, _ in self.keys]

    @functools.lru_cache(maxsize=4096)
    def match(self, name: str) -> Match:
        from rapidfuzz import fuzz, process

        key = match_key(name)
        if not key:
            return Match(None, 0.0, ())
        # native scorers pick the candidates; the combined score ranks only those
        picked = set()
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio, fuzz.partial_ratio):
            for _, _, idx in process.extract(key, self._choices, scorer=scorer, limit=8):
                picked.add(idx)
        results = [(self._choices[i], _score(key, self._choices[i]), i) for i in picked]
        best_by_id: dict[str, tuple[float, str]] = {}
        for _, score, idx in results:
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
        if best >= 97 and best > second:
            return Match(best_id, best, candidates, spelling)
        return Match(None, best, candidates)


    @functools.lru_cache(maxsize=16384)
    def could_reach(self, name: str, score: float) -> bool:
        """Whether ``match(name).score`` can reach ``score``: each component of :func:`_score`
        is bounded over every catalogue spelling, several times faster than a match. A
        caller trying many spans of prose as names skips those that cannot."""
        from rapidfuzz import fuzz, process

        key = match_key(name)
        if not key:
            return False
        score -= 1e-6  # the components are compared after a product: keep clear of rounding
        if process.extractOne(key, self._choices, scorer=fuzz.ratio, score_cutoff=score) or \
                process.extractOne(key, self._choices, scorer=fuzz.token_sort_ratio, score_cutoff=score / 0.98):
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
    def _by_length(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for c in self._choices:
            out.setdefault(len(c), []).append(c)
        return out


def _score(a: str, b: str, **kwargs) -> float:
    from rapidfuzz import fuzz

    ratio = fuzz.ratio(a, b)
    sort = fuzz.token_sort_ratio(a, b)
    # a truncated or wrapped row name: the shorter one is a prefix of the longer one
    shorter, longer = sorted((a, b), key=len)
    prefix = 0.0
    if len(shorter) >= 25 and len(shorter) >= 0.6 * len(longer):
        prefix = fuzz.ratio(shorter, longer[: len(shorter)]) * 0.97
    return max(ratio, sort * 0.98, prefix)
