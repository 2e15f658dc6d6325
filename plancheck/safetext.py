"""Text from an input, made safe for where it is shown.

Everything a report shows may come from an input: cell text, file and sheet names, the
columns quoted in an error. Each destination has characters it must never receive as they
are:

* a terminal (the text report, ``compare``, every line on stderr): control characters
  (ESC starts the ANSI and OSC sequences that recolour, hide text or plant hyperlinks; a
  carriage return or a new line forges the next line) and the bidirectional overrides that
  reorder what is shown: each is shown as a visible escape (``\\x1b``, ``\\n``, ``\\u202e``);
* a CI log (the same lines, and ``--format github``): GitHub reads a line that starts with
  ``::`` (after blanks) as a workflow command, and ``##[`` anywhere in a line as one of the
  older form: an input's text never starts a line (its new lines are escaped) and ``##[`` is
  written ``##\\[``; a line the report starts with such text is prefixed with ``\\``;
* XML (the XLSX and Word outputs): characters XML 1.0 cannot hold are dropped;
* a SARIF URI: percent-encoded, relative to the working folder when the file is in it.

A file name that is not valid UTF-8 reaches Python with its bytes kept as lone surrogates;
it is shown everywhere with a visible escape for each such byte (``k\\xe9-hoach.csv``), so no
output fails to encode it.
"""

from __future__ import annotations

import os
import re

# C0 and C1 controls, DEL, the bidirectional embeddings, overrides and isolates, lone surrogates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND_START = re.compile(r"^(\s*)(::)", re.MULTILINE)
# characters XML 1.0 cannot hold (tab, new line and carriage return it can)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str | None) -> str | None:
    """``text`` with control characters, bidirectional overrides and undecodable bytes shown
    as escapes, and the ``##[`` of a CI log command broken (for a terminal or a CI log)."""
    if text is None or not isinstance(text, str):
        return text
    if text.isprintable() and "##[" not in text:
        return text
    return _UNSAFE.sub(_escape, text).replace("##[", "##\\[")


def guard_lines(text: str) -> str:
    """A whole output for a terminal or a CI log, made of lines the program wrote around
    ``visible`` texts: a line that would start with ``::`` gets a ``\\`` before it."""
    if "::" not in text:
        return text
    return _COMMAND_START.sub(r"\1\\\2", text)


def for_terminal(text: str | None) -> str | None:
    """One line for stderr or stdout: ``visible``, and never a workflow command."""
    return None if text is None else guard_lines(visible(text))


def shown_path(path: str) -> str:
    """The path as reports show it: the bytes of a name that is not UTF-8 as ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", _escape, path)


def xml_safe(text):
    """A text XML can hold: the characters it cannot (``\\x0b``, ``\\x1b``...) dropped."""
    if isinstance(text, str) and _NOT_XML.search(text):
        return _NOT_XML.sub("", text)
    return text


def sarif_uri(path: str, cwd: str | None = None) -> str:
    """A SARIF ``uri`` for ``path``: relative to the working folder and percent-encoded
    (``README.md#.txt`` -> ``README.md%23.txt``), or an absolute ``file:`` URI when the file is
    outside it. The bytes of a name are encoded as they are (a non-UTF-8 name too)."""
    from urllib.parse import quote_from_bytes

    cwd = cwd or os.getcwd()
    raw = path.replace("\\", "/") if os.sep == "\\" else path
    absolute = os.path.abspath(raw)
    try:
        rel = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive (Windows)
        rel = None
    if rel is not None and not rel.startswith(".." + os.sep) and rel != "..":
        return quote_from_bytes(os.fsencode(rel.replace(os.sep, "/")), safe="/")
    uri = quote_from_bytes(os.fsencode(absolute.replace(os.sep, "/")), safe="/")
    return "file://" + (uri if uri.startswith("/") else "/" + uri)


def json_safe(text: str) -> str:
    """A JSON text that a CI log cannot take for a command: the ``[`` of ``##[`` (which can only
    stand in a string) written as ``\u005b``, which every JSON reader decodes back."""
    return text.replace("##[", "##\\u005b") if "##[" in text else text


def terminal_text(text: str) -> str:
    """A whole output for a terminal or a CI log (lines the program laid out, texts from
    inputs within them): control characters but the new lines shown as escapes, ``##[``
    broken, and no line starting a workflow command."""
    if not text.isprintable():
        text = "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return guard_lines(text.replace("##[", "##\\["))


def neutral_results(results):
    """File results with their paths and reasons ``visible`` (copies; the originals untouched)."""
    import copy

    out = []
    for r in results:
        shown = copy.copy(r)
        shown.path, shown.error, shown.error_vi = visible(r.path), visible(r.error), visible(r.error_vi)
        shown.notes = [(visible(en), visible(vi)) for en, vi in r.notes]
        out.append(shown)
    return out


def neutral_findings(findings):
    """Findings with every text from the input ``visible`` (copies)."""
    from dataclasses import replace

    names = ("path", "row_label", "row_name", "value", "message", "suggestion", "indicator_name")
    out = []
    for f in findings:
        changed = {n: visible(getattr(f, n)) for n in names}
        changed = {n: v for n, v in changed.items() if v is not getattr(f, n)}
        loc = f.location
        if loc.sheet is not None and visible(loc.sheet) is not loc.sheet:
            changed["location"] = replace(loc, sheet=visible(loc.sheet))
        out.append(replace(f, **changed) if changed else f)
    return out


def neutral_report(report):
    """The report with every text from an input ``visible``: for a terminal, a CI log, a CSV."""
    from dataclasses import replace

    return replace(report, files=neutral_results(report.files), findings=neutral_findings(report.findings))
