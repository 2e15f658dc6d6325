"""The rule registry: codes, names, categories, docs."""

import re
from pathlib import Path

from plancheck.rules import CATEGORIES, CATEGORY_LETTER, registry


def test_rules_are_complete_and_consistent():
    names = set()
    for code, rule in registry().items():
        assert re.fullmatch(r"[A-Z]\d{3}", code)
        assert rule.code[0] == CATEGORY_LETTER[rule.category], code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
        assert rule.name not in names
        names.add(rule.name)
        assert rule.category in CATEGORIES and rule.severity in ("error", "warning", "info")
        for section in (rule.what, rule.why, rule.what_vi, rule.why_vi, rule.wrong, rule.right, rule.message_vi,
                        rule.message_en):
            assert section and section.strip()
        # both languages fill the same placeholders, and a message is more than a placeholder
        vi, en = (set(re.findall(r"\{(\w+)\}", m)) for m in (rule.message_vi, rule.message_en))
        assert vi == en, code
        assert re.sub(r"\{\w+\}", "", rule.message_en).strip(" .;:"), code
        assert "có lẽ" not in (rule.message_vi + rule.what_vi + rule.why_vi).lower(), code
        assert rule.wrong != rule.right
        for other in rule.supersedes:
            assert other in registry()


def test_every_rule_is_implemented():
    source = "".join(p.read_text(encoding="utf-8")
                     for p in (Path(__file__).parent.parent / "plancheck" / "checks").glob("*.py"))
    for code in registry():
        assert f'"{code}"' in source, f"no check emits {code}"
