"""JSON and CSV reports written as the run goes: memory does not grow with the files.

The run hands over its chunks one by one (``engine.run_chunks``: file results and their
findings, sorted). Each finding is rendered at once - its CSV row, or its JSON text as the
whole document holds it - and spooled to a temporary file with its sort key; the entries of
the files are rendered and spooled the same way, and the summary is counted. At the end the
spooled chunks are merged (each is sorted already, and no file has findings in two chunks:
a k-way merge reads one finding of each chunk at a time) and written out, then the summary
and the files. The output is byte for byte what ``to_json`` and ``to_csv`` make of the whole
report in memory, which the tests check.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import pickle
import tempfile
from collections import Counter
from operator import itemgetter

from ..model import Finding
from ..rules import SEVERITY_RANK
from . import CSV_HEADERS, JSON_VERSION, csv_fields, file_entry, summary_of

FORMATS = ("json", "csv")


class Tally:
    """What the command needs after the report: the files that could not be read, the
    most severe finding, and the counts of the summary."""

    def __init__(self):
        self.total = 0
        self.severity: Counter = Counter()
        self.category: Counter = Counter()
        self.status: Counter = Counter()
        self.files = 0
        self.errors: list = []  # file results with status "error"
        self.worst = -1  # SEVERITY_RANK of the most severe finding (-1: none)
        self.error_files = 0  # files with an error finding

    def add(self, f: Finding) -> None:
        self.total += 1
        self.severity[f.severity] += 1
        self.category[f.category] += 1
        self.worst = max(self.worst, SEVERITY_RANK[f.severity])

    def reaches(self, level: str) -> bool:
        return self.worst >= SEVERITY_RANK[level]


def write(chunks, fmt: str, lang: str, suites: list[str], out, bom: bool = False) -> Tally:
    """Write the report of ``chunks`` in ``fmt`` (json or csv) to ``out`` (anything with a
    ``write(str)``) as it goes; ``bom``: a CSV starts with a byte order mark."""
    tally = Tally()
    lang_csv = "en" if lang == "en" else "vi"
    with tempfile.TemporaryFile() as findings, tempfile.TemporaryFile() as files:
        runs: list[tuple[int, int]] = []  # each chunk's (offset, findings) in the spool
        for results, chunk_findings in chunks:
            per_file = Counter(f.path for f in chunk_findings)
            start = findings.tell()
            for f in chunk_findings:
                tally.add(f)
                text = _csv_line(f, lang_csv) if fmt == "csv" else _nested(f.as_dict(), 2)
                pickle.dump((f.sort_key(), text), findings, pickle.HIGHEST_PROTOCOL)
            runs.append((start, len(chunk_findings)))
            # no file has findings in two chunks: its error findings are counted in one
            tally.error_files += len({f.path for f in chunk_findings if f.severity == "error"})
            for r in results:
                tally.files += 1
                tally.status[r.status] += 1
                if r.status == "error":
                    tally.errors.append(r)
                if fmt == "json":
                    pickle.dump(_nested(file_entry(r, lang, per_file.get(r.path, 0)), 2), files,
                                pickle.HIGHEST_PROTOCOL)
        merged = heapq.merge(*(_spooled(findings, start, n) for start, n in runs), key=itemgetter(0))
        if fmt == "csv":
            _out(out, ("\ufeff" if bom else "") + _csv_text(CSV_HEADERS[lang_csv]))
            for _, text in merged:
                _out(out, text)
            return tally
        head = json.dumps({"version": JSON_VERSION, "tool": "plancheck", "lang": lang, "suites": suites},
                          ensure_ascii=False, indent=2)
        _out(out, head[:-2] + ',\n  "findings": ')
        _list(out, (text for _, text in merged))
        summary = summary_of(tally.total, tally.severity, tally.category, tally.files, tally.status,
                             error_files=tally.error_files)
        _out(out, ',\n  "summary": ' + _nested(summary, 1) + ',\n  "files": ')
        files.seek(0)
        _list(out, (pickle.load(files) for _ in range(tally.files)))
        _out(out, "\n}\n")
    return tally


def _spooled(spool, start: int, n: int):
    """The ``n`` items spooled from ``start`` (the spool is shared: each read seeks first)."""
    at = start
    for _ in range(n):
        spool.seek(at)
        item = pickle.load(spool)
        at = spool.tell()
        yield item


def _nested(obj, level: int) -> str:
    """``obj`` as ``json.dumps(..., indent=2)`` writes it nested ``level`` deep."""
    return _indented(obj, "  " * level)


_scalar = json.JSONEncoder(ensure_ascii=False).encode


def _indented(obj, pad: str) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)`` with each line after the first
    indented by ``pad``. Python's JSON encoder does not use its C accelerator when it indents
    (a tenth of a 100,000-row submission's run went there); here only the layout is Python,
    every scalar is encoded by the accelerated encoder. The tests compare the two."""
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        if not all(isinstance(k, str) for k in obj):  # keys json turns into strings itself
            return json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
        inner = pad + "  "
        return ("{\n" + ",\n".join(f"{inner}{_scalar(k)}: {_indented(v, inner)}" for k, v in obj.items())
                + "\n" + pad + "}")
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        inner = pad + "  "
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in obj) + "\n" + pad + "]"
    return _scalar(obj)


def _list(out, items) -> None:
    """A JSON list of items rendered by ``_nested(item, 2)``, as ``json.dumps`` lays it out."""
    first = True
    for text in items:
        _out(out, ("[\n    " if first else ",\n    ") + text)
        first = False
    _out(out, "[]" if first else "\n  ]")


def _csv_line(f: Finding, lang: str) -> str:
    return _csv_text(csv_fields(f, lang))


def _csv_text(cells) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


def _out(out, text: str) -> None:
    from ..safetext import json_safe

    out.write(json_safe(text))  # (a CSV cell keeps its "##[": the CSV on stdout is made visible before)
