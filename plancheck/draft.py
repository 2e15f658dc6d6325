"""A suite drafted from the targets a parent document states (``plancheck suite draft``).

A plan implements a parent: the province's party programme, a national resolution's annex, a
strategy. Its targets (:mod:`plancheck.extract.statements`) become a suite that
``plancheck lint PLAN --suite draft.yaml`` checks the plan against:

* a target whose subject is an indicator of the base suite (``national``) gives that indicator
  the parent's values (``override: true``): each year's first value, with the parent's line;
  urban and rural targets of an indicator that has those parts give the parts' values;
* any other subject becomes an indicator of its own: its name as written, the other spellings
  as aliases, a type and unit from its values (a percentage, a count per 10,000 people, a
  count, an age), and a direction from its wording ("giảm ... xuống" lowers, "tăng", "nâng"
  raise) - marked ``review: [direction, type]``, for a person to confirm;
* the suite declares the parent once (``reference: {title, number, date, issuer}``) and
  extends the base, so that the indicators the parent does not state keep their values.

``plancheck suite check`` then validates the draft like any suite.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from .catalogue import Suite
from .extract.statements import scope_key
from .model import Document, Target, TargetKind
from .targets import format_target
from .textnorm import fold

_KIND_TITLE = {"plan": "Kế hoạch", "programme": "Chương trình hành động", "resolution": "Nghị quyết",
               "decision": "Quyết định", "scheme": "Đề án", "directive": "Chỉ thị"}


def _value(t: Target) -> str:
    text = format_target(t.value)
    return text[:-1] if text.endswith("%") and t.unit in ("%", None) else text


def _type_of(targets: list[Target]) -> tuple[str, str | None]:
    """(suite type, unit) of a subject's targets."""
    t = targets[0]
    if t.kind == TargetKind.STATE:
        return "qualitative", None
    if t.kind == TargetKind.CHANGE:
        return "rate_per_year", "%"
    if t.unit in ("%", "%/năm"):
        return "percent", "%"
    if t.unit in ("/10.000",):
        return "per_10000", "người"
    if t.unit in ("/1.000",):
        return "per_1000", "người"
    if t.unit in ("tuổi", "năm"):
        return "years", t.unit
    return "count", t.unit


def _slug(subject: str, taken: set[str]) -> str:
    words = [w for w in fold(subject).split() if w not in ("ty", "le", "ti", "cac", "cua", "va", "duoc")][:6]
    base = "_".join(words) or "chi_tieu"
    base = re.sub(r"^[^a-z]+", "", base) or "chi_tieu"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


def draft(doc: Document, base: Suite, name: str) -> dict:
    """The drafted suite as a mapping, ready to be written as YAML."""
    m = doc.meta
    title = " ".join(x for x in (_KIND_TITLE.get(m.doc_type or "", ""), m.number or "") if x) or doc.path
    reference = {"title": title}
    if m.number:
        reference["number"] = m.number
    if m.date:
        reference["date"] = f"{m.date.day:02d}/{m.date.month:02d}/{m.date.year}"
    if m.issuer or m.province:
        reference["issuer"] = " ".join(x for x in (m.issuer, m.province) if x)
    known: OrderedDict[str, dict] = OrderedDict()  # base indicator id -> part -> year -> target
    own: OrderedDict[str, list[Target]] = OrderedDict()  # subject key -> its targets
    for t in doc.targets:
        if t.year is None or t.value.kind in ("none", "unreadable"):
            continue
        if t.indicator and t.indicator in base.indicators:
            part = _part(t, base.indicators[t.indicator])
            known.setdefault(t.indicator, {}).setdefault(part, {}).setdefault(t.year, t)
        else:
            own.setdefault(f"{t.key}|{scope_key(t.scope)}", []).append(t)
    indicators = []
    for iid, parts in known.items():
        values = {}
        for part, years in parts.items():
            block = {y: {"value": _value(t), "at": [str(t.location.line)] if t.location.line else []}
                     for y, t in sorted(years.items())}
            if part is None:
                values.update(block)
            else:
                values[part] = block
        indicators.append({"id": iid, "override": True, "reference": values})
    taken = set(base.indicators)
    for targets in own.values():
        first = targets[0]
        kind, unit = _type_of(targets)
        subject = first.subject[0].upper() + first.subject[1:]
        if first.scope and first.scope not in subject:
            subject = f"{subject} ({first.scope})"
        entry = {"id": _slug(subject, taken), "section": "drafted", "name": subject}
        aliases = sorted({t.subject for t in targets[1:] if t.subject != first.subject})
        if aliases:
            entry["aliases"] = aliases
        entry["type"] = kind
        if unit:
            entry["unit"] = unit
        direction = next((t.direction for t in targets if t.direction), None)
        entry["direction"] = {"increase": "higher", "decrease": "lower"}.get(direction, "none")
        by_year: dict[int, Target] = {}
        for t in targets:
            by_year.setdefault(t.year, t)
        entry["reference"] = {y: {"value": _value(t), "at": [str(t.location.line)] if t.location.line else []}
                              for y, t in sorted(by_year.items())}
        entry["review"] = ["direction", "type"]
        indicators.append(entry)
    return {"suite": name, "title": f"Chỉ tiêu của {title}", "extends": "national", "reference": reference,
            "sections": {"drafted": f"Chỉ tiêu riêng của {title}"}, "indicators": indicators}


def _part(t: Target, indicator) -> str | None:
    """urban | rural for a target of one part of an indicator that has those parts."""
    if "urban_rural" not in (indicator.breakdowns or ()) or not t.scope:
        return None
    f = fold(t.scope)
    if "thanh thi" in f or "do thi" in f:
        return "urban"
    if "nong thon" in f:
        return "rural"
    return None


def draft_yaml(doc: Document, base: Suite, name: str) -> str:
    import yaml

    data = draft(doc, base, name)
    head = (f"# A suite drafted by plancheck from the targets of {data['reference']['title']} ({doc.path}).\n"
            "# Each value cites the line of the parent it was read from (at). Indicators of their own are\n"
            "# marked review: [direction, type]: confirm them, then run 'plancheck suite check' on this file.\n")
    for e in data["indicators"]:
        for values in (e["reference"], *[v for v in e["reference"].values() if isinstance(v, dict) and
                                          all(isinstance(k, int) for k in v)]):
            for v in values.values():
                if isinstance(v, dict) and not v.get("at"):
                    v.pop("at", None)
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
