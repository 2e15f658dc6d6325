"""The rule registry: codes, names, categories, severities, messages and docs.

Everything about a rule that is not its computation lives in ``catalogue.yaml`` beside
this file. Checks refer to rules by code only.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path

from .. import yamlsafe

CATEGORIES = ("metadata", "structure", "unit", "type", "range", "direction", "typo", "temporal",
              "aggregate", "missing", "consistency", "baseline", "text")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORY_LETTER = {"metadata": "M", "structure": "S", "unit": "U", "type": "T", "range": "R",
                   "direction": "D", "typo": "Y", "temporal": "P", "aggregate": "A", "missing": "N",
                   "consistency": "C", "baseline": "B", "text": "X"}
DOC_SECTIONS = ("what", "why", "wrong", "right")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    message_vi: str
    message_en: str
    what: str
    why: str
    wrong: str
    right: str
    supersedes: tuple[str, ...] = ()

    def message(self, lang: str, args: dict) -> str:
        template = self.message_en if lang == "en" else self.message_vi
        return string.Formatter().vformat(template, (), _Default(args))

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "category": self.category,
                "severity": self.severity, "message": {"vi": self.message_vi, "en": self.message_en},
                "what": self.what, "why": self.why, "wrong": self.wrong, "right": self.right,
                "supersedes": list(self.supersedes)}


class _Default(dict):
    def __missing__(self, key):
        return "?"


@functools.lru_cache(maxsize=1)
def registry() -> dict[str, Rule]:
    data = yamlsafe.load((Path(__file__).parent / "catalogue.yaml").read_text(encoding="utf-8"))
    rules: dict[str, Rule] = {}
    for r in data["rules"]:
        rules[r["code"]] = Rule(
            code=r["code"], name=r["name"], category=r["category"], severity=r["severity"],
            message_vi=r["message"]["vi"], message_en=r["message"]["en"], what=r["what"],
            why=r["why"], wrong=r["wrong"], right=r["right"], supersedes=tuple(r.get("supersedes", ())),
        )
    return rules


def get(code: str) -> Rule:
    return registry()[code]


def resolve_selector(selector: str) -> set[str]:
    """Codes matched by a selector: a code, a name, a category, or a glob.

    A glob that looks like a code (``Y*``, ``M00?``) matches codes; any other glob
    (``*typo*``, ``unit-*``) matches names. A single letter is a category letter.
    """
    sel = selector.strip()
    out = set()
    is_glob = any(ch in sel for ch in "*?[")
    code_glob = is_glob and re.fullmatch(r"[A-Za-z][0-9*?\[\]!-]*", sel) is not None
    for rule in registry().values():
        if sel.upper() == rule.code or sel.lower() == rule.name or sel.lower() == rule.category:
            out.add(rule.code)
        elif code_glob and fnmatch.fnmatchcase(rule.code, sel.upper()):
            out.add(rule.code)
        elif is_glob and not code_glob and fnmatch.fnmatchcase(rule.name, sel.lower()):
            out.add(rule.code)
        elif len(sel) == 1 and sel.upper() == rule.code[0]:
            out.add(rule.code)
    return out


def render_doc(rule: Rule, lang: str = "en") -> str:
    lines = [f"{rule.code} {rule.name}  [{rule.category}, {rule.severity}]", ""]
    lines.append("Message (vi): " + rule.message_vi)
    lines.append("Message (en): " + rule.message_en)
    lines += ["", "What it does", "  " + rule.what, "", "Why it matters", "  " + rule.why, "",
              "Example (wrong)", "  " + rule.wrong, "", "Use instead", "  " + rule.right]
    if rule.supersedes:
        lines += ["", "Replaces, on the same cell: " + ", ".join(rule.supersedes)]
    return "\n".join(lines)
