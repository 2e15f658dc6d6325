"""The rule registry: codes, names, categories, severities, messages and docs.

Everything about a rule that is not its computation lives in ``catalogue.yaml`` beside
this file. Checks refer to rules by code only.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import cache, yamlsafe

CATEGORIES = ("metadata", "structure", "unit", "type", "range", "direction", "typo", "temporal",
              "aggregate", "missing", "consistency", "baseline", "text")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORY_LETTER = {"metadata": "M", "structure": "S", "unit": "U", "type": "T", "range": "R",
                   "direction": "D", "typo": "Y", "temporal": "P", "aggregate": "A", "missing": "N",
                   "consistency": "C", "baseline": "B", "text": "X"}
DOC_SECTIONS = ("what", "why", "what_vi", "why_vi", "wrong", "right")
SEVERITY_LABELS = {"vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"},
                   "en": {"error": "Error", "warning": "Warning", "info": "Info"}}
CATEGORY_LABELS = {
    "vi": {"metadata": "Thông tin văn bản", "structure": "Cấu trúc", "unit": "Đơn vị", "type": "Kiểu giá trị",
           "range": "Miền giá trị", "direction": "Chiều chỉ tiêu", "typo": "Lỗi đánh máy",
           "temporal": "Năm mốc", "aggregate": "Chung - thành phần", "missing": "Không nêu mục tiêu",
           "consistency": "Nhất quán", "baseline": "So với quốc gia", "text": "Chính tả, tên"},
    "en": {c: c for c in CATEGORIES},
}


def severity_label(severity: str, lang: str) -> str:
    return SEVERITY_LABELS["vi" if lang == "vi" else "en"].get(severity, severity)


def category_label(category: str, lang: str) -> str:
    return CATEGORY_LABELS["vi" if lang == "vi" else "en"].get(category, category)


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def template_text(template: str) -> str:
    """A message template as a reader sees it: what each finding fills in shown as "…"."""
    return _PLACEHOLDER.sub("…", template)


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
    what_vi: str = ""
    why_vi: str = ""

    def message(self, lang: str, args: dict) -> str:
        template = self.message_en if lang == "en" else self.message_vi
        return template.format_map(_Default(args))

    def template(self, lang: str) -> str:
        """The message template in ``lang``, as a reader sees it (see ``template_text``)."""
        return template_text(self.message_en if lang == "en" else self.message_vi)

    def doc(self, lang: str) -> tuple[str, str]:
        """(what it does, why it matters) in ``lang``."""
        return (self.what, self.why) if lang == "en" else (self.what_vi, self.why_vi)

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "category": self.category,
                "severity": self.severity, "message": {"vi": self.message_vi, "en": self.message_en},
                "what": self.what, "why": self.why, "what_vi": self.what_vi, "why_vi": self.why_vi,
                "wrong": self.wrong, "right": self.right, "supersedes": list(self.supersedes)}


class _Default(dict):
    def __missing__(self, key):
        return "?"


@functools.lru_cache(maxsize=1)
def registry() -> dict[str, Rule]:
    path = Path(__file__).parent / "catalogue.yaml"
    data = path.read_bytes()
    return cache.cached("rules", path, data, lambda: _parse_registry(data))


def _parse_registry(raw: bytes) -> dict[str, Rule]:
    data = yamlsafe.load(raw.decode("utf-8"))
    rules: dict[str, Rule] = {}
    for r in data["rules"]:
        rules[r["code"]] = Rule(
            code=r["code"], name=r["name"], category=r["category"], severity=r["severity"],
            message_vi=r["message"]["vi"], message_en=r["message"]["en"], what=r["what"],
            why=r["why"], wrong=r["wrong"], right=r["right"], supersedes=tuple(r.get("supersedes", ())),
            what_vi=r["what_vi"], why_vi=r["why_vi"],
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


DOC_HEADINGS = {
    "vi": {"message": "Nội dung thông báo", "what": "Quy tắc phát hiện gì", "why": "Vì sao cần sửa",
           "wrong": "Ví dụ sai", "right": "Nên viết", "supersedes": "Thay cho các phát hiện sau trên cùng ô",
           "filled": "(… là phần được điền theo từng phát hiện)"},
    "en": {"message": "Message", "what": "What it does", "why": "Why it matters", "wrong": "Example (wrong)",
           "right": "Use instead", "supersedes": "Replaces, on the same cell",
           "filled": "(… is what each finding fills in)"},
}


def render_doc(rule: Rule, lang: str = "vi") -> str:
    """A rule's documentation in ``lang``: message, what it does, why, a wrong and a right example."""
    h = DOC_HEADINGS["en" if lang == "en" else "vi"]
    what, why = rule.doc(lang)
    kind = (f"{rule.category}, {rule.severity}" if lang == "en"
            else f"{category_label(rule.category, lang)}, {severity_label(rule.severity, lang).lower()}")
    lines = [f"{rule.code} {rule.name}  [{kind}]",
             "", f"{h['message']}: {rule.template(lang)}", f"  {h['filled']}",
             "", h["what"], "  " + what, "", h["why"], "  " + why, "",
             h["wrong"], "  " + rule.wrong, "", h["right"], "  " + rule.right]
    if rule.supersedes:
        lines += ["", f"{h['supersedes']}: " + ", ".join(rule.supersedes)]
    return "\n".join(lines)
