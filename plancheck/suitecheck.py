"""``plancheck suite check FILE...``: what a suite author must know before a suite is used.

Loading a suite already rejects what the schema forbids (every error names the file, line
and column). Beyond that, a suite can load and still be wrong; this module reports, for the
indicators each file defines or overrides:

* reference values that contradict the direction: a later milestone less ambitious than an
  earlier one (2030 below 2025), or a bound that points the wrong way ("> 3" where lower is
  better);
* reference values of the wrong kind (a level where the indicator needs a number);
* ranges (``bounds``, ``plausible``) that exclude a reference value;
* names and aliases that collide: the same spelling for two indicators (an error), or two
  spellings so close that even a row written exactly as one of them cannot be given to its
  indicator by the matching margin (``Matcher.MARGIN``, the margin lint uses: such a row is
  reported as ambiguous, X004);
* fields marked for review (``review: [direction]``, as a drafted suite marks what it inferred);
* milestone years with no value (a value "-" says the reference states no target: that is a
  value), values for years that are not milestones, and sources declared but never cited;
* a statistics line per file: indicators, values, sources.

Several files are also checked together, as ``lint --suite A --suite B`` combines them: two
files that define one indicator without ``override: true`` are an error naming both.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Indicator, Matcher, Suite, load_suite, load_suites, match_key, resolve_suite_path
from .errors import InputError
from .targets import ambition, level_order

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}
DIRECTION_VI = {"higher": "càng cao càng tốt", "lower": "càng thấp càng tốt"}
DIRECTION_EN = {"higher": "higher is better", "lower": "lower is better"}
PART_VI = {"urban": "thành thị", "rural": "nông thôn"}


@dataclass(frozen=True)
class Problem:
    severity: str  # error | warning | info
    kind: str  # schema, direction, value-kind, range, name-collision, name-too-close, missing-year, ...
    path: str
    line: int | None
    en: str
    vi: str
    column: int | None = None
    indicator: str | None = None

    def where(self) -> str:
        out = shown(self.path)
        if self.line:
            out += f":{self.line}"
            if self.column:
                out += f":{self.column}"
        return out

    def message(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def as_dict(self, lang: str) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "severity": self.severity,
                "kind": self.kind, "indicator": self.indicator, "message": self.message(lang)}


@dataclass
class FileStats:
    path: str
    indicators: int = 0
    values: int = 0  # stated reference values (a number or a level)
    no_target: int = 0  # values "-": the reference states no target that year
    parts: int = 0  # of the values, those of an urban or rural part
    sources: int = 0  # documents cited by the values
    loaded: bool = True

    def line(self, lang: str, counts: dict) -> str:
        path = shown(self.path)
        if not self.loaded:
            return (f"{path}: không nạp được" if lang == "vi" else f"{path}: not loaded")
        if lang == "vi":
            return (f"{path}: {self.indicators} chỉ tiêu, {self.values} giá trị tham chiếu "
                    f"({self.parts} của thành thị/nông thôn), {self.no_target} năm không có mục tiêu (\"-\"), "
                    f"{self.sources} văn bản nguồn; {counts['error']} lỗi, {counts['warning']} cảnh báo, "
                    f"{counts['info']} thông tin")
        return (f"{path}: {_count(self.indicators, 'indicator')}, {_count(self.values, 'reference value')} "
                f"({self.parts} urban/rural), {_count(self.no_target, 'year')} with no target (\"-\"), "
                f"{_count(self.sources, 'source document')}; {_count(counts['error'], 'error')}, "
                f"{_count(counts['warning'], 'warning')}, {_count(counts['info'], 'note')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    stats: list[FileStats] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.severity in ("error", "warning") for p in self.problems)

    def counts(self, path: str | None = None) -> dict:
        out = {"error": 0, "warning": 0, "info": 0}
        for p in self.problems:
            if path is None or p.path == path:
                out[p.severity] += 1
        return out


def shown(path: str) -> str:
    """A path as messages show it: relative to the working directory when it lies under it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # (another drive, on Windows)
        return path
    return path if rel.startswith("..") else rel


_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<rest>.*)$", re.S)


def _from_error(exc: InputError, fallback: str) -> Problem:
    """A load error as a problem, located where its message says."""
    m_en, m_vi = _LOCATED.match(exc.en), _LOCATED.match(exc.vi)
    if m_en:
        return Problem("error", "schema", m_en["path"], int(m_en["line"]), m_en["rest"],
                       m_vi["rest"] if m_vi else exc.vi, int(m_en["col"]) if m_en["col"] else None)
    path, rest_en, rest_vi = fallback, exc.en, exc.vi
    head, sep, tail = exc.en.partition(": ")
    if sep and (head.endswith((".yaml", ".yml")) or head == str(fallback)):
        path, rest_en, rest_vi = head, tail, exc.vi.partition(": ")[2] or exc.vi
    return Problem("error", "schema", path, None, rest_en, rest_vi)


def check(paths: list[str]) -> Result:
    """Every problem of the suites at ``paths`` (each on its own, then together)."""
    result = Result()
    loaded: list[tuple[str, Suite]] = []
    for name in paths:
        try:
            shown = str(resolve_suite_path(name))
            suite = load_suite(name)
        except InputError as exc:
            problem = _from_error(exc, name)
            result.problems.append(problem)
            result.stats.append(FileStats(problem.path if problem.path == name else name, loaded=False))
            continue
        loaded.append((name, suite))
        result.problems.extend(check_suite(suite))
        result.stats.append(stats(suite, shown))
    if len(loaded) > 1:
        try:
            load_suites(tuple(n for n, _ in loaded))
        except InputError as exc:
            result.problems.append(_from_error(exc, loaded[-1][0]))
    result.problems.sort(key=lambda p: (p.path, p.line or 0, SEVERITY_ORDER[p.severity], p.en))
    return result


def _own(suite: Suite) -> list[Indicator]:
    """The indicators the suite's own file defines or overrides (not those it extends)."""
    path = str(suite.path)
    return [i for i in suite.indicators.values() if i.path == path]


def stats(suite: Suite, shown: str) -> FileStats:
    own = _own(suite)
    values = [v for i in own for (part, _), v in i.declared.items() if v.path == str(suite.path)]
    return FileStats(
        path=shown, indicators=len(own), values=sum(v.stated for v in values),
        no_target=sum(not v.stated for v in values),
        parts=sum(1 for i in own for (part, _), v in i.declared.items()
                  if part is not None and v.stated and v.path == str(suite.path)),
        sources=len({v.document.key for v in values if v.document is not None}))


def check_suite(suite: Suite) -> list[Problem]:
    out: list[Problem] = []
    own = _own(suite)
    for ind in own:
        if ind.review:
            out.append(Problem("info", "review", ind.path, ind.line,
                               f"indicator '{ind.id}': marked for review: {', '.join(ind.review)}",
                               f"chỉ tiêu '{ind.id}': cần xem lại: {', '.join(ind.review)}", indicator=ind.id))
        out.extend(_direction(ind, suite))
        out.extend(_kinds_and_ranges(ind))
        out.extend(_years(ind, suite))
    out.extend(_names(suite, {i.id for i in own}))
    out.extend(_unused_sources(suite))
    return out


def _label(year: int, part: str | None, lang: str) -> str:
    if part is None:
        return str(year)
    return f"{year} ({PART_VI[part]})" if lang == "vi" else f"{year} ({part})"


def _direction(ind: Indicator, suite: Suite) -> list[Problem]:
    """Values that point the wrong way, and later milestones less ambitious than earlier ones."""
    out = []
    if ind.direction not in ("higher", "lower"):
        return out
    d_en, d_vi = DIRECTION_EN[ind.direction], DIRECTION_VI[ind.direction]
    for part in (None, *ind.parts):
        values = ind.parts.get(part, {}) if part else ind.national
        for year, v in values.items():
            wrong = (ind.direction == "lower" and v.target.kind == "lower") or (
                ind.direction == "higher" and v.target.kind == "upper")
            if wrong:
                out.append(Problem(
                    "warning", "direction", v.path, v.line,
                    f"indicator '{ind.id}': the {_label(year, part, 'en')} value \"{v.raw}\" sets "
                    f"{'a lower' if v.target.kind == 'lower' else 'an upper'} bound, but {d_en}",
                    f"chỉ tiêu '{ind.id}': giá trị năm {_label(year, part, 'vi')} \"{v.raw}\" đặt "
                    f"{'ngưỡng dưới' if v.target.kind == 'lower' else 'ngưỡng trên'}, trong khi chỉ tiêu {d_vi}",
                    indicator=ind.id))
        years = sorted(values)
        for before, after in zip(years, years[1:]):
            a, b = values[before], values[after]
            worse = False
            ga, gb = ambition(a.target, ind.direction), ambition(b.target, ind.direction)
            if ga is not None and gb is not None:
                worse = gb < ga if ind.direction == "higher" else gb > ga
            la, lb = level_order(a.target.level), level_order(b.target.level)
            if la is not None and lb is not None:
                worse = lb < la
            if worse:
                out.append(Problem(
                    "warning", "direction", b.path, b.line,
                    f"indicator '{ind.id}': the {_label(after, part, 'en')} value \"{b.raw}\" is less ambitious "
                    f"than the {_label(before, part, 'en')} value \"{a.raw}\" ({d_en})",
                    f"chỉ tiêu '{ind.id}': giá trị năm {_label(after, part, 'vi')} \"{b.raw}\" có mức phấn đấu "
                    f"thấp hơn giá trị năm {_label(before, part, 'vi')} \"{a.raw}\" (chỉ tiêu {d_vi})",
                    indicator=ind.id))
    return out


def _kinds_and_ranges(ind: Indicator) -> list[Problem]:
    """Values of a kind no form of the indicator takes, and values its ranges exclude."""
    out = []
    for (part, year), v in sorted(ind.declared.items(), key=lambda kv: (kv[0][1], kv[0][0] or "")):
        t = v.target
        if not v.stated:
            continue
        if not any(f.takes(t.kind) for f in ind.forms):
            out.append(Problem(
                "error", "value-kind", v.path, v.line,
                f"indicator '{ind.id}': the {_label(year, part, 'en')} value \"{v.raw}\" is "
                f"{'a level' if t.kind in ('level', 'school') else 'a number'}, which no accepted form of the "
                f"indicator ({', '.join(f.type for f in ind.forms)}) takes",
                f"chỉ tiêu '{ind.id}': giá trị năm {_label(year, part, 'vi')} \"{v.raw}\" là "
                f"{'một mức' if t.kind in ('level', 'school') else 'một số'}, không thuộc hình thức nào của chỉ "
                f"tiêu ({', '.join(f.type for f in ind.forms)})", indicator=ind.id))
            continue
        if t.kind not in ("exact", "approx", "range", "lower", "upper"):
            continue
        for name, span, severity in (("bounds", ind.bounds, "error"), ("plausible", ind.plausible, "warning")):
            if span is None:
                continue
            lo, hi = span
            outside = ((t.lo is not None and (t.lo > hi or (t.kind != "lower" and t.lo < lo)))
                       or (t.hi is not None and (t.hi < lo or (t.kind != "upper" and t.hi > hi))))
            if outside:
                out.append(Problem(
                    severity, "range", v.path, v.line,
                    f"indicator '{ind.id}': {name} [{_n(lo)}; {_n(hi)}] excludes the {_label(year, part, 'en')} "
                    f"reference value \"{v.raw}\"",
                    f"chỉ tiêu '{ind.id}': khoảng {name} [{_n(lo)}; {_n(hi)}] không chứa giá trị tham chiếu năm "
                    f"{_label(year, part, 'vi')} \"{v.raw}\"", indicator=ind.id))
                break
    return out


def _n(x) -> str:
    from .targets import format_number

    return format_number(float(x))


def _years(ind: Indicator, suite: Suite) -> list[Problem]:
    """Milestones with no value (of the total, and of each part that has values), and values
    for years that are no milestone of the suite."""
    out = []
    milestones = tuple(suite.milestones)
    for (part, year), v in sorted(ind.declared.items(), key=lambda kv: (kv[0][1], kv[0][0] or "")):
        if year not in milestones:
            out.append(Problem(
                "warning", "not-a-milestone", v.path, v.line,
                f"indicator '{ind.id}': a value for {year}, which is not a milestone of the suite "
                f"({', '.join(map(str, milestones))}): it is never compared",
                f"chỉ tiêu '{ind.id}': giá trị cho năm {year}, không phải năm mốc của bộ chỉ tiêu "
                f"({', '.join(map(str, milestones))}): giá trị này không bao giờ được đối chiếu", indicator=ind.id))
    for part in (None, *sorted({p for p, _ in ind.declared if p is not None})):
        missing = [y for y in milestones if (part, y) not in ind.declared]
        if not missing:
            continue
        years_en = ", ".join(map(str, missing))
        what_en = f" ({part})" if part else ""
        what_vi = f" ({PART_VI[part]})" if part else ""
        noted = ind.note and part is None
        why_en = f" (note: {ind.note})" if noted else " (write \"-\" when the reference states no target)"
        why_vi = (f" (ghi chú của bộ chỉ tiêu: “{ind.note}”)" if noted  # the suite's note, quoted as written
                  else " (ghi \"-\" khi văn bản tham chiếu không nêu mục tiêu)")
        out.append(Problem(
            "info", "missing-year", ind.path, ind.line,
            f"indicator '{ind.id}'{what_en}: no reference value for {years_en}{why_en}",
            f"chỉ tiêu '{ind.id}'{what_vi}: không có giá trị tham chiếu cho năm {years_en}{why_vi}", indicator=ind.id))
    return out


def _names(suite: Suite, own: set[str]) -> list[Problem]:
    """Spellings of two indicators that are the same after folding (error), or so close that
    neither wins by the matching margin (warning); at least one of the two is ``own``."""
    from rapidfuzz import fuzz, process

    spellings = [(match_key(n), ind, n) for ind in suite.indicators.values() for n in (ind.name, *ind.aliases)]
    spellings = [s for s in spellings if s[0]]
    keys = [s[0] for s in spellings]
    close = 100.0 - Matcher.MARGIN  # a spelling's own score is 100: another's must not exceed this
    # the combined score (catalogue._score) exceeds ``close`` only through the ratio (the token sort
    # ratio counts at 0.98, the prefix at 0.97); keys that are equal are collisions
    ratio = {(i, j): score for i, key in enumerate(keys)
             for _, score, j in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=close, limit=None)}
    out, seen = [], set()
    for i in range(len(spellings)):
        for j in range(i + 1, len(spellings)):
            (ki, a, na), (kj, b, nb) = spellings[i], spellings[j]
            if a.id == b.id or (a.id not in own and b.id not in own):
                continue
            score = ratio.get((i, j), 0.0)
            if score <= close and ki != kj:
                continue
            pair = (a.id, b.id, ki, kj)
            if pair in seen:
                continue
            seen.add(pair)
            here, other = (a, b) if a.id in own else (b, a)
            n_here, n_other = (na, nb) if here is a else (nb, na)
            if ki == kj:
                out.append(Problem(
                    "error", "name-collision", here.path, here.line,
                    f"indicator '{here.id}': \"{n_here}\" is also a name of '{other.id}' "
                    f"({shown(other.path)}:{other.line}) once case, accents and spelling variants are folded: a row "
                    "written so matches neither",
                    f"chỉ tiêu '{here.id}': \"{n_here}\" trùng với một tên của '{other.id}' "
                    f"({shown(other.path)}:{other.line}) khi bỏ qua chữ hoa, dấu và biến thể chính tả: dòng ghi tên "
                    "này không khớp với chỉ tiêu nào",
                    indicator=here.id))
            else:
                out.append(Problem(
                    "warning", "name-too-close", here.path, here.line,
                    f"indicator '{here.id}': \"{n_here}\" is within the matching margin ({Matcher.MARGIN:g} points) of "
                    f"\"{n_other}\" of '{other.id}' ({shown(other.path)}:{other.line}; {score:.0f}% similar): "
                    "rows written like either are reported as ambiguous",
                    f"chỉ tiêu '{here.id}': \"{n_here}\" gần với \"{n_other}\" của '{other.id}' "
                    f"({shown(other.path)}:{other.line}; tương đồng {score:.0f}%) trong phạm vi ngưỡng phân định "
                    f"({Matcher.MARGIN:g} điểm): dòng ghi như một trong hai tên sẽ bị coi là không phân định được",
                    indicator=here.id))
    return out


def _unused_sources(suite: Suite) -> list[Problem]:
    """Sources the suite's own file declares that no value names or cites."""
    path = str(suite.path)
    cited = set()
    for ind in suite.indicators.values():
        for v in ind.declared.values():
            if v.document is not None:
                cited.add(v.document.key)
            cited.update(c.split(":", 1)[0] for c in v.at if ":" in c)
    own_keys = _own_source_keys(suite)
    return [Problem("info", "unused-source", path, None,
                    f"source '{key}' is declared but no value names or cites it",
                    f"nguồn '{key}' được khai báo nhưng không giá trị nào dẫn đến", None)
            for key in own_keys if key not in cited]


def _own_source_keys(suite: Suite) -> list[str]:
    from .catalogue import read_suite_file

    try:
        return list(read_suite_file(Path(suite.path)).sources)
    except InputError:  # (loaded a moment ago: only a file changed meanwhile gets here)
        return []


def render_text(result: Result, lang: str) -> str:
    lines = []
    for p in result.problems:
        severity = SEVERITY_VI[p.severity] if lang == "vi" else p.severity
        lines.append(f"{p.where()}: {severity}: {p.message(lang)}")
    for s in result.stats:
        lines.append(s.line(lang, result.counts(s.path)))
    return "\n".join(lines) + "\n"


def render_json(result: Result, lang: str) -> str:
    import json

    return json.dumps({"problems": [p.as_dict(lang) for p in result.problems],
                       "files": [{"path": s.path, "loaded": s.loaded, "indicators": s.indicators, "values": s.values,
                                  "no_target": s.no_target, "parts": s.parts, "sources": s.sources,
                                  **result.counts(s.path)} for s in result.stats],
                       "failed": result.failed}, ensure_ascii=False, indent=2) + "\n"
