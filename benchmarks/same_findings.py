"""Findings and name matches of this checkout against another commit's, on the same inputs.

    python benchmarks/same_findings.py [--base main] [--plans 300] [--seed 1] [--keep DIR]

Exports ``--base`` (``git archive``) to a temporary folder, generates a corpus of ``--plans``
plans (``benchmarks/make_corpus.py``), and runs both trees' ``python -m plancheck lint`` on:
the seeds (``../shared/seeds``), ``sample_data/``, the PDF and Word files of ``tests/data/``
and the corpus, in Vietnamese and English, as JSON and CSV (and text), to standard output and
to a file, with one job and (the corpus) two. For each run it compares the findings' (rule,
path, location, line, value, message, suggestion), and the whole output byte for byte with
the exit status and the messages on standard error. It also compares, file by file, what name
matching gave: each table row's indicator, score, candidates and catalogue spelling, and
each target read in the body. Exit status 0 when everything is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

FIELDS = ("rule", "path", "location", "line", "value", "message", "suggestion")

# run inside each tree (PYTHONPATH): every file read, extracted and matched as lint does it
MATCHES = r"""
import json, sys
from plancheck.engine import load_suites, read_and_extract
suite = load_suites(("national",))
out = {}
for path in sys.argv[1:]:
    doc, result = read_and_extract(path, suite)
    if doc is None:
        out[path] = {"status": result.status, "error": result.error}
        continue
    rows = [[t.index, r.index, r.name, r.indicator, r.match_score, [list(c) for c in (r.candidates or ())],
             r.matched_alias] for t in doc.tables for r in t.rows]
    body = [[n.indicator, n.year, n.raw, n.breakdown, n.line, n.text] for n in doc.narrative]
    out[path] = {"rows": rows, "narrative": body}
print(json.dumps(out, ensure_ascii=False, sort_keys=True, default=str))
"""


def env_for(tree: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    return env


def lint(tree: Path, paths: list[str], *extra: str) -> bytes:
    """The report (standard output, or the file of ``-o``), the exit status and standard error."""
    cmd = [sys.executable, "-m", "plancheck", "lint", *paths, "--no-config", *extra]
    done = subprocess.run(cmd, env=env_for(tree), cwd=tempfile.gettempdir(), capture_output=True)
    if done.returncode not in (0, 1, 2):
        raise SystemExit(f"{tree}: lint failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    out = done.stdout
    if "-o" in extra:
        target = Path(extra[extra.index("-o") + 1])
        out = target.read_bytes()
        target.unlink()
    return out + b"\n--- exit %d\n" % done.returncode + done.stderr


def matches(tree: Path, files: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", MATCHES, *files], env=env_for(tree), cwd=tempfile.gettempdir(),
                          capture_output=True, check=True)
    return json.loads(done.stdout)


def findings(fmt: str, out: bytes) -> list:
    report = out[:out.rindex(b"\n--- exit ")]
    if fmt == "json":
        return [[f[k] for k in FIELDS] for f in json.loads(report)["findings"]]
    return list(csv.reader(io.StringIO(report.decode("utf-8-sig"))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="main", help="the commit to compare with (default: main)")
    ap.add_argument("--plans", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--keep", type=Path, help="keep the base tree and the corpus in this folder")
    ap.add_argument("--groups", default="seeds,samples,tests/data,corpus", help="inputs to compare (comma list)")
    ap.add_argument("--no-matching", action="store_true", help="compare the outputs only")
    args = ap.parse_args(argv)

    from make_corpus import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        base = work / "base"
        if not base.is_dir():
            base.mkdir(parents=True)
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base], capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        corpus = work / f"corpus-{args.plans}-{args.seed}"
        if not corpus.is_dir() and "corpus" in args.groups:
            make_corpus(corpus, args.plans, args.seed)
        groups = {
            "seeds": sorted(str(p) for p in args.seeds.glob("*") if p.is_file()),
            "samples": [str(ROOT / "sample_data")],
            "tests/data": sorted(str(p) for p in (ROOT / "tests" / "data").iterdir()
                                 if p.suffix in (".pdf", ".docx")),
            "corpus": [str(corpus)],
        }
        same = True
        wanted = args.groups.split(",")
        for group, paths in groups.items():
            if group not in wanted:
                continue
            if not paths:
                print(f"{group}: no files, skipped")
                continue
            # (format, language, jobs, to a file): the report, its exit status and its messages
            runs = [(fmt, lang, "1", False) for fmt in ("json", "csv") for lang in ("vi", "en")]
            runs += [("json", "vi", "1", True), ("csv", "vi", "1", True), ("text", "vi", "1", False)]
            if group == "corpus":
                runs += [("json", "vi", "2", False), ("csv", "en", "2", True)]
            for fmt, lang, jobs, to_file in runs:
                extra = ["--format", fmt, "--lang", lang, "--jobs", jobs]
                if to_file:
                    extra += ["-o", str(work / f"report.{fmt}")]
                old, new = lint(base, paths, *extra), lint(ROOT, paths, *extra)
                a, b = (findings(fmt, old), findings(fmt, new)) if fmt != "text" else ([old], [new])
                ok = a == b
                same &= ok and old == new
                counted = f"{len(a)} findings" if fmt != "text" else "the text report"
                print(f"{group:10} {fmt:4} {lang} jobs={jobs}{' -o' if to_file else '   '}: {counted}, "
                      f"{'same findings' if ok else 'FINDINGS DIFFER'}, "
                      f"{'byte-identical output' if old == new else 'OUTPUT DIFFERS'}")
                if not ok:
                    for x, y in zip(a, b):
                        if x != y:
                            print(f"   first difference:\n     base: {x}\n     this: {y}")
                            break
            if args.no_matching:
                continue
            files = [str(p) for p in Path(paths[0]).rglob("*") if p.is_file()] if group in ("samples", "corpus") \
                else paths
            files = sorted(f for f in files if not f.endswith(".json"))
            old_m, new_m = matches(base, files), matches(ROOT, files)
            differ = [f for f in files if old_m.get(f) != new_m.get(f)]
            rows = sum(len(v.get("rows", ())) for v in new_m.values())
            body = sum(len(v.get("narrative", ())) for v in new_m.values())
            print(f"{group:10} matching: {len(files)} files, {rows} table rows, {body} body targets: "
                  f"{'same' if not differ else f'{len(differ)} FILES DIFFER, first {differ[0]}'}")
            same &= not differ
        print("everything is the same" if same else "DIFFERENCES FOUND")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
