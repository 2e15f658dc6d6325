"""Hostile input, round 2: each case builds its hostile input and runs plancheck on it in a
process under a memory cap and a time limit. A refusal is one line naming the file and the
limit, the exit status is 2, and the other files of the run are still reported.

The reader-internal bombs (a .docx cell spanning 100,000,000 columns, a .docx of 190 MiB of
tiny paragraphs, a 1,000,000-row .xlsx) belong with the readers' own tests.
"""

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

MEMORY_CAP = 1024 * 1024 * 1024  # address space of each plancheck process (a run needs about 400 MiB)
TIME_LIMIT = 60  # seconds for any one run
GOOD = SAMPLES / "binh-phuoc-2025.csv"  # a good file beside the hostile one: its findings must be reported
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's plancheck, whatever the working folder


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def capped(*args, **kw):
    """``python -m plancheck ARGS`` under the memory cap and the time limit; (process, seconds)."""
    if args and args[0] == "lint" and "--lang" not in args:
        args = (*args, "--lang", "en")  # the refusals are checked in English here (in Vietnamese: test_language)
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True,
                       preexec_fn=kw.pop("preexec_fn", _cap), timeout=TIME_LIMIT, env=ENV, **kw)
    return p, time.monotonic() - start


def refused(p, name: str, limit: str) -> str:
    """Exit 2 and exactly one line on stderr naming the file and the limit; the line."""
    assert p.returncode == 2, p.stdout[-2000:] + p.stderr[-2000:]
    assert "Traceback" not in p.stderr
    lines = [line for line in p.stderr.splitlines() if name in line]
    assert len(lines) == 1, p.stderr
    assert limit in lines[0], lines[0]
    return lines[0]


def good_file_reported(p) -> None:
    report = json.loads(p.stdout)
    good = next(f for f in report["files"] if f["path"].endswith(GOOD.name))
    assert good["status"] == "ok"
    assert any(f["rule"] == "Y001" and f["path"].endswith(GOOD.name) for f in report["findings"])


def lint_with_good(hostile, *options, **kw):
    return capped("lint", hostile, GOOD, "--format", "json", "--lang", "en", *options, **kw)


# ---------------------------------------------------------------- YAML and JSON submissions


def billion_laughs() -> str:
    """The classic, as a submission: nine levels of nine aliases, 9**9 values once expanded,
    under one target cell of one row (turned into text, it needs gigabytes), in 408 bytes."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("indicators: [{name: Tỷ lệ thất nghiệp chung, '2025': *i}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_once(tmp_path):
    text = billion_laughs()
    assert len(text.encode()) <= 425
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(text, encoding="utf-8")
    p, seconds = lint_with_good(bomb)
    refused(p, "laughs.yaml", "max-yaml-nodes")
    good_file_reported(p)
    assert seconds < 15


def test_yaml_aliases_within_the_limit_are_read(tmp_path):
    plan = tmp_path / "anchors.yaml"
    plan.write_text("indicators:\n  - &row {name: Tỷ lệ thất nghiệp chung, unit: '%', '2025': '< 3', '2030': '< 3'}\n"
                    "  - {<<: *row, name: Tỷ lệ thất nghiệp khu vực thành thị}\n", encoding="utf-8")
    p, _ = capped("lint", plan, "--format", "json", "--fail-on", "never")
    assert p.returncode == 0 and json.loads(p.stdout)["files"][0]["indicator_rows"] == 2


def test_deeply_nested_yaml_is_refused_before_the_parser_recurses(tmp_path):
    bomb = tmp_path / "deep.yaml"  # libyaml's composer crashes the interpreter on this (a segmentation fault)
    bomb.write_text("indicators: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    p, seconds = lint_with_good(bomb)
    refused(p, "deep.yaml", "max-depth")
    good_file_reported(p)
    assert seconds < 15


def test_json_of_millions_of_values_is_refused_before_parsing(tmp_path):
    bomb = tmp_path / "values.json"
    bomb.write_text("[" + ",".join(["[]"] * 5_000_000) + "]", encoding="utf-8")  # 15 MB, 5 million lists
    p, _ = lint_with_good(bomb)
    refused(p, "values.json", "max-yaml-nodes")
    good_file_reported(p)


def test_deeply_nested_json(tmp_path):
    bomb = tmp_path / "deep.json"
    bomb.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    p, _ = lint_with_good(bomb)
    refused(p, "deep.json", "max-depth")
    good_file_reported(p)


# ---------------------------------------------------------------- CSV submissions


def test_csv_rows(tmp_path):
    bomb = tmp_path / "rows.csv"
    bomb.write_text("name,unit,2025,2030\n" + "Tỷ lệ thất nghiệp chung,%,< 3,< 3\n" * 100_001, encoding="utf-8")
    p, _ = lint_with_good(bomb)
    refused(p, "rows.csv", "max-sheet-rows")
    good_file_reported(p)


def test_csv_of_blank_lines(tmp_path):
    bomb = tmp_path / "blank.csv"
    bomb.write_bytes(b"name,unit,2025,2030\n" + b"\n" * 10_000_000)
    p, _ = lint_with_good(bomb)
    refused(p, "blank.csv", "max-lines")
    good_file_reported(p)


def test_csv_row_of_a_million_cells(tmp_path):
    bomb = tmp_path / "wide.csv"
    bomb.write_bytes(b"name,unit,2025,2030\n" + b"," * 1_000_000 + b"\n")
    p, _ = lint_with_good(bomb)
    assert ":2:" in refused(p, "wide.csv", "max-cells-per-row")
    good_file_reported(p)


def test_limits_can_be_changed_in_the_configuration(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_bytes(GOOD.read_bytes())
    config = tmp_path / "plancheck.toml"
    config.write_text("[limits]\nmax-sheet-rows = 3\n", encoding="utf-8")
    p, _ = capped("lint", plan, "--config", config)
    line = refused(p, "plan.csv", "max-sheet-rows")
    assert "more than 3 rows" in line
    for bad, message in [("max-rows = 3", "unknown limit 'max-rows'"), ("max-lines = '3'", "whole number"),
                         ("max-lines = 0", "whole number"), ("max-bytes = 3", "max-size")]:
        config.write_text(f"[limits]\n{bad}\n", encoding="utf-8")
        p, _ = capped("lint", plan, "--config", config)
        assert p.returncode == 2 and message in p.stderr and "plancheck.toml" in p.stderr, p.stderr


# ---------------------------------------------------------------- streams and special files


def test_dev_zero_stops_at_the_size_limit():
    p, seconds = lint_with_good("/dev/zero")
    refused(p, "/dev/zero", "size limit of 50 MiB")
    good_file_reported(p)
    assert seconds < 30


def test_dev_stdin_stops_at_the_size_limit():
    p, _ = lint_with_good("/dev/stdin", "--max-size", "1", input="x" * (3 * 1024 * 1024))
    refused(p, "/dev/stdin", "size limit of 1 MiB")
    good_file_reported(p)


def test_dev_stdin_is_read():
    p, _ = capped("lint", "/dev/stdin", "--format", "json", "--fail-on", "never", input=GOOD.read_text("utf-8"))
    report = json.loads(p.stdout)
    assert p.returncode == 0 and report["files"][0]["status"] == "ok" and report["findings"]


def test_fifo_in_a_folder_is_skipped_never_opened(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    os.mkfifo(folder / "waiting.txt")  # opening it would wait for a writer forever
    p, _ = capped("lint", folder, "--format", "json", "--fail-on", "never")
    assert p.returncode == 0, p.stderr
    assert "waiting.txt: skipped, not a regular file (a FIFO)" in p.stderr
    assert [Path(f["path"]).name for f in json.loads(p.stdout)["files"]] == [GOOD.name]


def test_missing_path_beside_good_files(tmp_path):
    p, _ = lint_with_good(tmp_path / "no-such-plan.docx")
    assert "no such file or folder" in refused(p, "no-such-plan.docx", "no-such-plan.docx")
    good_file_reported(p)


def test_unreadable_folder_is_an_error(tmp_path):
    """Root reads any folder: as root, the run drops the capabilities that let it (the
    bounding set before exec), as an unprivileged user would lack them."""
    plans = tmp_path / "plans"
    (plans / "locked").mkdir(parents=True)
    (plans / GOOD.name).write_bytes(GOOD.read_bytes())
    (plans / "locked" / "secret.csv").write_bytes(GOOD.read_bytes())
    os.chmod(plans / "locked", 0o000)
    try:
        p, _ = capped("lint", plans, "--format", "json", "--lang", "en", preexec_fn=_without_root_reading)
    finally:
        os.chmod(plans / "locked", 0o755)
    line = refused(p, "locked", "cannot read this folder")
    assert "permission denied" in line.lower()
    good_file_reported(p)


def _without_root_reading():
    _cap()
    if os.geteuid() == 0:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop a capability")


# ---------------------------------------------------------------- never clean by accident


def test_header_not_understood_is_never_prose(tmp_path):
    """The issue's header is understood; one without an indicator column is an error naming its columns."""
    plan = tmp_path / "targets.csv"
    plan.write_text("Indicator name,Units,Target 2025,Target 2030\nTỷ lệ thất nghiệp chung,%,< 3,999\n",
                    encoding="utf-8")
    p, _ = capped("lint", plan, "--format", "json")
    report = json.loads(p.stdout)
    assert p.returncode == 1 and report["files"][0]["layout"] == "csv"
    assert [(f["rule"], f["value"]) for f in report["findings"]] == [("R001", "999")]
    plan.write_text("Description,Units,Target 2025,Target 2030\nTỷ lệ thất nghiệp chung,%,< 3,999\n",
                    encoding="utf-8")
    p, _ = lint_with_good(plan)
    line = refused(p, "targets.csv", "no indicator column")
    assert "columns found: 'Description', 'Units', 'Target 2025', 'Target 2030'" in line
    good_file_reported(p)
    rows = tmp_path / "rows.json"
    rows.write_text('[{"Chỉ tiêu": "Tỷ lệ thất nghiệp chung", "Đơn vị": "%", "Ghi chú": "< 3"}]', encoding="utf-8")
    p, _ = lint_with_good(rows)
    assert "'Chỉ tiêu', 'Đơn vị', 'Ghi chú'" in refused(p, "rows.json", "no milestone-year column")


# ---------------------------------------------------------------- run control


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry))
    return out


def _wait_on_fifo(pid: int, seconds: float = 30) -> None:
    """Until the process waits for a writer of a FIFO (started, past its imports)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/wchan") as fh:
                if "wait_for_partner" in fh.read():
                    return
        except OSError:
            break
        time.sleep(0.05)
    time.sleep(2)  # a kernel that does not show it: time enough to get there


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to count the worker processes")
@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_stops_the_workers_and_leaves_nothing(tmp_path, sig, status):
    """Named FIFOs keep the workers waiting; ``jobs = 400`` in the configuration starts no more
    workers than there are CPUs; the signal ends them all, with no report, half or whole."""
    fifos = []
    for i in range(6):
        os.mkfifo(tmp_path / f"plan-{i}.txt")
        fifos.append(tmp_path / f"plan-{i}.txt")
    (tmp_path / "plancheck.toml").write_text("jobs = 400\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "plancheck", "lint", *fifos, "--format", "json",
                             "-o", out / "report.json", "--write-baseline", out / "baseline.json"],
                            cwd=str(tmp_path), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_cap, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        workers = []
        while time.monotonic() < deadline:
            workers = _children(proc.pid)
            if len(workers) >= min(2, len(os.sched_getaffinity(0))):
                break
            time.sleep(0.1)
        workers = _children(proc.pid)
        for w in workers:
            _wait_on_fifo(w)
        assert 1 <= len(workers) <= len(os.sched_getaffinity(0)), workers
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl+C at a terminal: the whole foreground group
        else:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=TIME_LIMIT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == status, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] in ("plancheck: terminated", "plancheck: interrupted")
    time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]
    assert list(out.iterdir()) == []  # no report, no baseline, no temporary file


def test_jobs_are_bounded():
    from plancheck.engine import Options, cpu_count

    assert Options(jobs=400).jobs == cpu_count() and Options(jobs=0).jobs == 1


def test_jobs_below_one_in_the_configuration(tmp_path):
    (tmp_path / "plancheck.toml").write_text("jobs = 0\n", encoding="utf-8")
    p, _ = capped("lint", GOOD, cwd=str(tmp_path))
    assert p.returncode == 2 and "'jobs' must be at least 1" in p.stderr


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_in_a_single_process_run(tmp_path, sig, status):
    os.mkfifo(tmp_path / "plan.txt")
    proc = subprocess.Popen([sys.executable, "-m", "plancheck", "lint", tmp_path / "plan.txt"], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_cap)
    try:
        _wait_on_fifo(proc.pid)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=TIME_LIMIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == status and "Traceback" not in err, err


# ---------------------------------------------------------------- the counting itself (property-based)

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(list('ab ,:[]{}"\\\'&*!-#\n\tỷệ')), max_size=8)
_TREES = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                      lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_TEXT, kids, max_size=4),
                      max_leaves=30)


def _nodes(value) -> int:
    """Keys and values of a structure, containers included."""
    if isinstance(value, list):
        return 1 + sum(_nodes(v) for v in value)
    if isinstance(value, dict):
        return 1 + sum(1 + _nodes(v) for v in value.values())
    return 1


def _empty_containers(value) -> int:
    if isinstance(value, list):
        return (not value) + sum(_empty_containers(v) for v in value)
    if isinstance(value, dict):
        return (not value) + sum(_empty_containers(v) for v in value.values())
    return 0


def _refused(check, text, limits) -> bool:
    from plancheck.errors import InputError

    try:
        check(text, "t", limits)
    except InputError:
        return True
    return False


@given(_TREES)
def test_json_values_are_counted_on_the_structure_not_in_strings(tree):
    from plancheck.limits import Limits
    from plancheck.readers.structured import _check_json_size

    text = json.dumps(tree, ensure_ascii=False)
    counted = _nodes(tree) - 1 + _empty_containers(tree)  # what precedes each value: , [ { :
    assert not _refused(_check_json_size, text, Limits(max_yaml_nodes=counted))
    assert counted == 0 or _refused(_check_json_size, text, Limits(max_yaml_nodes=counted - 1))


@given(_TREES, st.booleans())
def test_yaml_nodes_are_counted_with_aliases_expanded(tree, shared):
    import yaml

    from plancheck.limits import Limits
    from plancheck.readers.structured import _check_yaml_size

    doc = [tree, tree] if shared else tree  # a shared object is written once, then as an alias
    text = yaml.safe_dump(doc, allow_unicode=True) if not shared else yaml.dump(doc, allow_unicode=True,
                                                                                  Dumper=yaml.SafeDumper)
    assert ("*id" in text) == (shared and isinstance(tree, (list, dict)))
    n = _nodes(doc)
    assert not _refused(_check_yaml_size, text, Limits(max_yaml_nodes=n))
    assert _refused(_check_yaml_size, text, Limits(max_yaml_nodes=n - 1))


# ---------------------------------------------------------------- what already held, and must keep holding


def _office_with_doctype(kind: str, doctype: bytes, text: bytes) -> bytes:
    """A .docx (or .xlsx) whose main XML part declares ``doctype`` and holds ``text`` where a
    cell's text was."""
    import io
    import zipfile

    buf = io.BytesIO()
    if kind == "docx":
        import docx

        d = docx.Document()
        table = d.add_table(rows=2, cols=5)
        for row, cells in enumerate([["TT", "Chỉ tiêu", "Đơn vị", "Đến năm 2025", "Đến năm 2030"],
                                     ["1", "MARK", "%", "< 3", "< 3"]]):
            for i, value in enumerate(cells):
                table.cell(row, i).text = value
        d.save(buf)
        part = "word/document.xml"
    else:
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.append(["name", "unit", "2025", "2030"])
        wb.active.append(["MARK", "%", "< 3", "< 3"])
        wb.save(buf)
        part = "xl/worksheets/sheet1.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                head, rest = data.split(b"?>", 1) if data.startswith(b"<?xml") else (None, data)
                data = (head + b"?>" if head else b"") + doctype + rest.replace(b"MARK", text)
            z.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_external_entities_are_never_resolved(tmp_path, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    root = b"w:document" if kind == "docx" else b"worksheet"
    plan = tmp_path / f"xxe.{kind}"
    plan.write_bytes(_office_with_doctype(kind, b"<!DOCTYPE " + root + b' [<!ENTITY xxe SYSTEM "'
                                          + secret.as_uri().encode() + b'">]>', b"&xxe;"))
    p, _ = capped("lint", plan, GOOD, "--format", "json", "--fail-on", "never")
    assert "SECRET-CONTENT" not in p.stdout + p.stderr and "Traceback" not in p.stderr
    good_file_reported(p)


def test_xml_entity_expansion_is_refused(tmp_path):
    entities = b'<!ENTITY l0 "lol">' + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10)
                                                 for i in range(1, 10))
    plan = tmp_path / "laughs.docx"
    plan.write_bytes(_office_with_doctype("docx", b"<!DOCTYPE w:document [" + entities + b"]>", b"&l9;"))
    p, seconds = lint_with_good(plan)
    assert p.returncode == 2 and "laughs.docx" in p.stderr and "Traceback" not in p.stderr
    good_file_reported(p)
    assert seconds < 30


def test_python_tags_in_a_submission_run_nothing(tmp_path):
    marker = tmp_path / "ran"
    plan = tmp_path / "rows.yaml"
    plan.write_text(f"indicators:\n  - name: !!python/object/apply:os.system ['touch {marker}']\n"
                    "    '2025': '< 3'\n", encoding="utf-8")
    p, _ = lint_with_good(plan)
    assert p.returncode == 2 and "rows.yaml" in p.stderr and "Traceback" not in p.stderr
    assert not marker.exists()
    good_file_reported(p)


def test_the_server_listens_on_127_0_0_1_by_default():
    pytest.importorskip("waitress")
    from plancheck.cli import serve

    assert next(o for o in serve.params if o.name == "host").default == "127.0.0.1"
    from plancheck.web import make_server

    _, server = make_server(port=0)
    try:
        assert server.socket.getsockname()[0] == "127.0.0.1"
    finally:
        server.close()
