"""CI outputs: SARIF 2.1.0, GitHub workflow annotations, and finding fingerprints.

A fingerprint identifies a finding across edits that shift lines: it hashes the file
path, the rule, what the finding is about (indicator or row name, year) and the value as
written - never the line number. Two identical findings in one file are told apart by
their order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from .. import __version__
from ..model import Finding, Report
from ..rules import DOC_HEADINGS, registry
from ..safetext import sarif_uri

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def fingerprints(findings: list[Finding]) -> list[str]:
    seen: Counter = Counter()
    out = []
    for f in findings:
        subject = f.indicator or (f.row_name or "")
        base = "\x1f".join([f.path.replace("\\", "/"), f.rule, subject, str(f.year or ""), f.value or ""])
        seen[base] += 1
        digest = hashlib.sha256(f"{base}\x1f{seen[base]}".encode("utf-8")).hexdigest()[:32]
        out.append(digest)
    return out


def to_sarif(report: Report) -> str:
    rules = list(registry().values())
    index = {r.code: i for i, r in enumerate(rules)}
    lang = report.lang
    driver_rules = []
    words = DOC_HEADINGS["en" if lang == "en" else "vi"]
    for r in rules:
        what, why = r.doc(lang)
        driver_rules.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.template(lang)},
            "fullDescription": {"text": what},
            "help": {"text": f"{why}\n{words['wrong']}: {r.wrong}\n{words['right']}: {r.right}"},
            "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            "properties": {"category": r.category, "tags": [r.category]},
        })
    results = []
    for f, fp in zip(report.findings, fingerprints(report.findings)):
        region = {"startLine": f.line} if f.line else {}
        location = {"physicalLocation": {"artifactLocation": {"uri": sarif_uri(f.path)}}}
        if region:
            location["physicalLocation"]["region"] = region
        text = f.message + (f" -> {f.suggestion}" if f.suggestion else "")
        result = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {"plancheck/v1": fp},
            "properties": {"category": f.category, "indicator": f.indicator, "row_label": f.row_label,
                           "row_name": f.row_name, "year": f.year, "value": f.value, "suggestion": f.suggestion},
        }
        if not f.line and f.location.as_dict():
            result["locations"][0]["logicalLocations"] = [{"name": f.location.describe(lang), "kind": "element"}]
        elif f.row_label and not f.line:
            result["locations"][0]["logicalLocations"] = [{"name": f"TT {f.row_label}", "kind": "row"}]
        if f.location.as_dict():
            result["properties"]["location"] = f.location.as_dict()
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "plancheck", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/plancheck/", "rules": driver_rules}},
            "results": results,
            "artifacts": [{"location": {"uri": sarif_uri(fr.path)}} for fr in report.files],
            "invocations": [{"executionSuccessful": all(fr.status != "error" for fr in report.files),
                             "toolExecutionNotifications": [
                                 {"level": "error" if fr.status == "error" else "note",
                                  "message": {"text": fr.reason(lang)}} for fr in report.files
                                 if fr.status in ("error", "skipped")] + [
                                 {"level": "warning", "message": {"text": f"{fr.path}: {fr.incomplete(lang)}"}}
                                 for fr in report.files if fr.notes]}],
        }],
    }
    if report.hidden_by_baseline:  # said where a reader of the run looks, and counted for a program
        from . import hidden_note

        run = doc["runs"][0]
        run["invocations"][0]["toolExecutionNotifications"].append(
            {"level": "note", "message": {"text": hidden_note(report.hidden_by_baseline, lang)}})
        run["properties"] = {"hiddenByBaseline": report.hidden_by_baseline}
    from ..safetext import json_safe

    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def to_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in report.findings:
        props = [f"file={_escape_prop(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_prop(f.rule + ' ' + f.name)}")
        msg = f.message + (f" -> {f.suggestion}" if f.suggestion else "")
        if not f.line and f.location.as_dict():  # a Word, PDF or workbook place: said in the message
            msg = f"[{f.location.describe(report.lang)}] {msg}"
        lines.append(f"::{level[f.severity]} {','.join(props)}::{_escape_data(msg)}")
    for fr in report.files:
        if fr.status == "error":
            lines.append(f"::error file={_escape_prop(fr.path)}::{_escape_data(fr.reason(report.lang) or '')}")
        elif fr.status == "skipped":
            lines.append(f"::notice file={_escape_prop(fr.path)}::{_escape_data(fr.reason(report.lang) or '')}")
        if fr.notes:
            lines.append(f"::warning file={_escape_prop(fr.path)}::{_escape_data(fr.incomplete(report.lang) or '')}")
    if report.hidden_by_baseline:
        from . import hidden_note

        lines.append(f"::notice::{_escape_data(hidden_note(report.hidden_by_baseline, report.lang))}")
    return "\n".join(lines) + ("\n" if lines else "")
