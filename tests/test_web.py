"""The local web page: API through Flask's test client, and the page in headless Chromium."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

flask = pytest.importorskip("flask", reason="the web extra is not installed: pip install 'plancheck[web]'")

from plancheck.web import create_app, display_name  # noqa: E402

from .conftest import ROOT, SAMPLES  # noqa: E402


@pytest.fixture()
def client():
    """The page's client: it sends the token its page carries, as the page's script does."""
    app = create_app(max_files=5, max_total_bytes=3 * 1024 * 1024)
    c = app.test_client()
    c.environ_base["HTTP_X_PLANCHECK_TOKEN"] = page_token(c)
    return c


def page_token(c) -> str:
    return re.search(r'<meta name="plancheck-token" content="([^"]+)">', c.get("/").get_data(as_text=True)).group(1)


def files(*paths, extra=()):
    out = [(io.BytesIO(Path(p).read_bytes()), Path(p).name) for p in paths]
    out += [(io.BytesIO(data), name) for name, data in extra]
    return {"files": out}


def cli_json(*args):
    # the code under test, wherever it is checked out (cwd is not the repository root here)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    p = subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True,
                       cwd=str(SAMPLES), env=env)
    return json.loads(p.stdout)


def test_page_is_served_with_its_assets(client):
    r = client.get("/")
    assert r.status_code == 200 and b"plancheck" in r.data
    assert b"http://" not in r.data.replace(b"http://www.w3.org", b"") and b"https://" not in r.data
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200


def test_api_lint_is_the_cli_json(client, seeds):
    r = client.post("/api/lint?lang=en", data=files(seeds / "khanh-hoa-plan.txt"), content_type="multipart/form-data")
    assert r.status_code == 200
    api = r.get_json()
    local = SAMPLES.parent / "tmp-web-khanh-hoa-plan.txt"
    try:
        shutil.copy(seeds / "khanh-hoa-plan.txt", local)
        cli = cli_json("lint", local, "--format", "json", "--lang", "en", "--fail-on", "never")
    finally:
        local.unlink()
    for f in cli["findings"]:
        f["path"] = "khanh-hoa-plan.txt"
    for f in cli["files"]:
        f["path"] = "khanh-hoa-plan.txt"
    assert api == cli


def test_broken_file_beside_a_good_one(client):
    r = client.post("/api/lint", data=files(SAMPLES / "binh-phuoc-2025.csv", extra=[("hỏng.docx", b"PK\x03\x04junk")]),
                    content_type="multipart/form-data")
    body = r.get_json()
    status = {f["path"]: f["status"] for f in body["files"]}
    assert status == {"binh-phuoc-2025.csv": "ok", "hỏng.docx": "error"}
    assert any(f["rule"] == "Y001" for f in body["findings"])
    assert "hỏng.docx" in next(f["error"] for f in body["files"] if f["status"] == "error")


def test_limits(client):
    r = client.post("/api/lint", data={"files": []}, content_type="multipart/form-data")
    assert r.status_code == 400 and "files" in r.get_json()["error"]
    many = {"files": [(io.BytesIO(b"x"), f"f{i}.txt") for i in range(6)]}
    r = client.post("/api/lint?lang=en", data=many, content_type="multipart/form-data")
    assert r.status_code == 400 and "At most 5 files" in r.get_json()["error"]
    big = {"files": [(io.BytesIO(b"x" * (4 * 1024 * 1024)), "big.txt")]}
    r = client.post("/api/lint?lang=en", data=big, content_type="multipart/form-data")
    assert r.status_code == 413 and "3 MiB" in r.get_json()["error"]


def test_file_names_are_never_paths(client):
    r = client.post("/api/lint", data=files(extra=[("../../etc/passwd", (SAMPLES / "clean-province-2025.csv")
                                                                       .read_bytes())]),
                    content_type="multipart/form-data")
    assert r.get_json()["files"][0]["path"] == "passwd"
    assert display_name("..\\..\\x\x00.txt", 0) == "x.txt" and display_name("", 3) == "file-4"


def test_compare_and_report(client, seeds):
    data = files(seeds / "tay-ninh-plan.txt", seeds / "tay-ninh-party-programme.txt")
    r = client.post("/api/compare", data=data, content_type="multipart/form-data")
    body = r.get_json()
    rows = {(d["indicator"], d["year"]): d for d in body["discrepancies"]}
    assert rows[("doctors", 2030)]["status"] == "different"
    counts = body["summary"]
    assert counts["total"] == counts["shown"] == len(body["discrepancies"]) == counts["same"] + counts["different"] + counts["missing"]
    r = client.post("/api/report?format=xlsx", data=files(seeds / "khanh-hoa-plan.txt"),
                    content_type="multipart/form-data")
    assert r.status_code == 200 and r.data[:2] == b"PK"
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(r.data))
    assert wb.worksheets[0].title == "Tổng hợp" and "Khánh Hòa" in wb.sheetnames  # a sheet per province


def test_markup_in_documents_is_text(client):
    evil = ("Số: 1/KH-UBND\nHà Giang, ngày 1 tháng 8 năm 2024\nKẾ HOẠCH\nTT\tChỉ tiêu\tĐơn vị\tĐến năm 2025\t"
            "Đến năm 2030\n1\t<img src=x onerror=alert(1)>Tỷ lệ xã có nhà văn hóa\t%\t<b>50</b>\t<i>bad</i>\n")
    r = client.post("/api/report?format=html", data=files(extra=[("evil.txt", evil.encode())]),
                    content_type="multipart/form-data")
    assert b"<img src=x" not in r.data and b"&lt;img src=x onerror=alert(1)&gt;" in r.data
    js = client.get("/static/app.js").data.decode()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js


# ---------------------------------------------------------------- PDF and .doc; the annotated copy

DATA = ROOT / "tests" / "data"
WORD = SAMPLES / "ha-giang-plan.docx"


def soffice_missing() -> bool:
    from plancheck.readers import legacy

    return legacy.soffice() is None


def without_place(f: dict) -> dict:
    """A finding, locations aside (a PDF's are pages and lines; a message may cite the place)."""
    out = {k: v for k, v in f.items() if k not in ("path", "line", "location")}
    out["message"] = re.sub(r" \((?:đoạn|paragraph|trang|page|dòng|line) [^)]*\)", "", f["message"])
    return out


@pytest.mark.parametrize("other", ["ha-giang-plan.pdf", "ha-giang-plan.doc"])
def test_pdf_and_doc_uploads_give_the_word_files_findings(client, other):
    if other.endswith(".doc") and soffice_missing():
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    for lang in ("vi", "en"):
        r = client.post(f"/api/lint?lang={lang}", data=files(WORD, DATA / other), content_type="multipart/form-data")
        body = r.get_json()
        assert r.status_code == 200 and [f["status"] for f in body["files"]] == ["ok", "ok"], body["files"]
        by_file = {name: [without_place(f) for f in body["findings"] if f["path"] == name]
                   for name in (WORD.name, other)}
        # 9: the urban row of "Tỷ lệ nhà ở kiên cố" (90) is below its own reference value (100)
        assert len(by_file[WORD.name]) == 9 and by_file[other] == by_file[WORD.name]
        if other.endswith(".pdf"):  # placed by page
            assert all(f["location"].get("page") for f in body["findings"] if f["path"] == other)


def test_pdf_uploads_are_read_under_the_limits():
    from plancheck.limits import Limits

    c = create_app(limits=Limits(max_pages=2)).test_client()
    c.environ_base["HTTP_X_PLANCHECK_TOKEN"] = page_token(c)
    r = c.post("/api/lint?lang=en", data=files(DATA / "ha-giang-plan.pdf", SAMPLES / "binh-phuoc-2025.csv"),
               content_type="multipart/form-data")
    (pdf, csv) = r.get_json()["files"]
    assert pdf["error"].startswith("ha-giang-plan.pdf: more than 2 pages: over the limit max-pages")
    assert csv["status"] == "ok"


def run_isolated(code: str, **env) -> dict:
    """Run ``code`` (which prints JSON) in a fresh Python with these environment variables: the
    upload worker's fork server starts there, so LibreOffice is looked up with them."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


POST_THE_DOC = f"""
import io, json, re
from pathlib import Path
from plancheck.web import create_app

if __name__ == "__main__":
    c = create_app().test_client()
    token = re.search(r'name="plancheck-token" content="([^"]+)"', c.get("/").get_data(as_text=True)).group(1)
    out = {{}}
    for lang in ("vi", "en"):
        data = {{"files": [(io.BytesIO(Path({str(DATA / "ha-giang-plan.doc")!r}).read_bytes()), "kế-hoạch.doc")]}}
        r = c.post("/api/lint?lang=" + lang, data=data, content_type="multipart/form-data",
                   headers={{"X-Plancheck-Token": token}})
        out[lang] = r.get_json()["files"][0]
    print(json.dumps(out))
"""


def test_doc_upload_without_libreoffice_says_how_to_save_as_docx(tmp_path):
    out = run_isolated(POST_THE_DOC, PLANCHECK_SOFFICE=str(tmp_path / "not-installed"))
    vi, en = out["vi"]["error"], out["en"]["error"]
    assert out["vi"]["status"] == "error" and "\n" not in vi and "\n" not in en
    assert vi.startswith("kế-hoạch.doc: tệp Word cũ (.doc) được đọc qua LibreOffice nhưng máy chưa cài LibreOffice")
    assert "Tệp > Lưu thành > Word Document (.docx)" in vi
    assert en.startswith("kế-hoạch.doc: a legacy Word file (.doc) is read through LibreOffice, which is not installed")
    assert "File > Save As > Word Document (.docx)" in en


def test_a_conversion_over_the_time_limit_is_stopped_with_its_libreoffice(tmp_path):
    """LibreOffice runs in a session of its own: stopping the worker at the time limit stops it too."""
    pid_file = tmp_path / "soffice.pid"
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 300\n")
    program.chmod(0o755)
    code = f"""
import json
from pathlib import Path
from plancheck.limits import Limits
from plancheck.web import worker

if __name__ == "__main__":
    pairs = worker.read_uploads([("plan.doc", Path({str(DATA / "ha-giang-plan.doc")!r}).read_bytes()),
                                 ("good.csv", Path({str(SAMPLES / "binh-phuoc-2025.csv")!r}).read_bytes())],
                                Limits(), time_limit=2)
    print(json.dumps([[r.status, r.error, r.error_vi] for _, r in pairs]))
"""
    (slow, en, vi), (fine, *_) = run_isolated(code, PLANCHECK_SOFFICE=str(program))
    assert slow == "error" and en.startswith("plan.doc: reading it took longer than 2 s: over the time limit")
    assert vi.startswith("plan.doc: đọc tệp mất quá 2 giây: vượt giới hạn thời gian") and fine == "ok"
    pid = int(pid_file.read_text())
    try:  # ended (at most a zombie waiting for its new parent to reap it)
        assert Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        pass


def comments_of(data: bytes) -> list:
    import docx

    return list(docx.Document(io.BytesIO(data)).comments)


@pytest.mark.parametrize("lang, name, word", [("vi", "ha-giang-plan.nhan-xet.docx", "Cảnh báo"),
                                              ("en", "ha-giang-plan.reviewed.docx", "Warning")])
def test_annotated_copy_of_a_word_plan(client, lang, name, word):
    original = WORD.read_bytes()
    r = client.post(f"/api/annotate?lang={lang}", data=files(WORD), content_type="multipart/form-data")
    assert r.status_code == 200 and r.headers["Content-Disposition"] == f"attachment; filename={name}"
    assert r.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    lint = client.post(f"/api/lint?lang={lang}", data=files(WORD), content_type="multipart/form-data").get_json()
    comments = comments_of(r.data)
    assert len(comments) == len(lint["findings"]) == int(r.headers["X-Plancheck-Findings"]) == 9
    assert {c.author for c in comments} == {"plancheck"}
    assert sorted(c.text.split(" · ")[0] for c in comments) == sorted(f["rule"] for f in lint["findings"])
    for f in lint["findings"]:  # each finding's message is in a comment, in the page's language
        assert any(c.text.startswith(f"{f['rule']} · ") and f["message"] in c.text for c in comments), f
    assert any(word in c.text for c in comments)
    assert WORD.read_bytes() == original


def test_annotated_copy_of_a_workbook_and_a_name_with_diacritics(client):
    from openpyxl import load_workbook

    book = SAMPLES / "quang-tri-2025.xlsx"
    r = client.post("/api/annotate?lang=en", data=files(extra=[("Quảng Trị 2025.xlsx", book.read_bytes())]),
                    content_type="multipart/form-data")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == ("attachment; filename=\"Quang Tri 2025.reviewed.xlsx\"; "
                                                "filename*=UTF-8''Qu%E1%BA%A3ng%20Tr%E1%BB%8B%202025.reviewed.xlsx")
    lint = client.post("/api/lint?lang=en", data=files(book), content_type="multipart/form-data").get_json()
    wb = load_workbook(io.BytesIO(r.data))
    notes = [c.comment.text for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert notes and all(n.count(" · ") >= 1 for n in notes)
    codes = re.findall(r"^([A-Z]\d{3}) · ", "\n".join(notes), re.M)
    assert sorted(codes) == sorted(f["rule"] for f in lint["findings"])


def test_annotated_copy_refusals(client):
    def annotate(data, lang="en"):
        r = client.post(f"/api/annotate?lang={lang}", data=data, content_type="multipart/form-data")
        return r.status_code, r.get_json()["error"]

    assert annotate(files(DATA / "ha-giang-plan.pdf")) == (
        400, "ha-giang-plan.pdf: annotated copies are made of Word (.docx) and Excel (.xlsx) files only.")
    assert annotate(files(DATA / "ha-giang-plan.pdf"), "vi") == (
        400, "ha-giang-plan.pdf: chỉ tạo được bản có nhận xét cho tệp Word (.docx) và Excel (.xlsx).")
    assert annotate(files(WORD, WORD)) == (400, "Send exactly one file for its annotated copy.")
    status, reason = annotate(files(extra=[("hỏng.docx", b"PK\x03\x04junk")]), "vi")
    assert status == 422 and reason.startswith("hỏng.docx: ") and "\n" not in reason
    r = client.post("/api/annotate", data=files(WORD), content_type="multipart/form-data",
                    headers={"X-Plancheck-Token": "guess"})
    assert r.status_code == 403


# ---------------------------------------------------------------- only the page may call the server


def test_other_sites_cannot_call_the_api(client):
    """A form post or a fetch from another site's page, or a name pointed at 127.0.0.1 by
    another site (DNS rebinding), is refused; so is an API call without the page's token."""
    data = lambda: files(SAMPLES / "binh-phuoc-2025.csv")  # noqa: E731
    ok = client.post("/api/lint?lang=en", data=data(), content_type="multipart/form-data",
                     headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 200 and ok.get_json()["findings"]
    for headers, word in [({"Origin": "https://evil.example"}, "other sites"), ({"Origin": "null"}, "other sites"),
                          ({"Sec-Fetch-Site": "cross-site"}, "other sites"), ({"Sec-Fetch-Site": "same-site"},
                                                                                 "other sites"),
                          ({"Host": "evil.example:8000"}, "its own address"),
                          ({"X-Plancheck-Token": ""}, "token"), ({"X-Plancheck-Token": "guess"}, "token")]:
        r = client.post("/api/lint?lang=en", data=data(), content_type="multipart/form-data", headers=headers)
        assert r.status_code == 403 and word in r.get_json()["error"], headers
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
    r = client.get("/", headers={"Host": "127.0.0.1:8000"})
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("indicators: [{name: Tỷ lệ thất nghiệp chung, '2025': *i}]")
    return ("\n".join(lines) + "\n").encode()


def grid_span_bomb() -> bytes:
    """A 36 KB Word file whose one cell spans 100,000,000 columns."""
    import docx

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "TT"
    table.cell(0, 1).text = "Chỉ tiêu"
    buf = io.BytesIO()
    d.save(buf)
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', 1)
            z.writestr(item, data)
    return out.getvalue()


def test_hostile_uploads_never_freeze_the_server(seeds):
    """On waitress, as served: a billion laughs is refused at once; a file that takes too long
    is stopped at the time limit (or refused by the reader's limits) - each an error for its
    file only, the good file's findings reported, and the page served meanwhile."""
    import time
    import urllib.error
    import urllib.request

    from plancheck.web import make_server

    app, srv = make_server("127.0.0.1", 0, time_limit=3)
    threading.Thread(target=srv.run, daemon=True).start()
    base = f"http://127.0.0.1:{srv.effective_port}"
    token = app.config["PLANCHECK_TOKEN"]
    good = (SAMPLES / "binh-phuoc-2025.csv").read_bytes()

    def post(items, api="lint"):
        boundary = "plancheck-test-boundary"
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'
                        .encode() + data + b"\r\n" for name, data in items) + f"--{boundary}--\r\n".encode()
        req = urllib.request.Request(f"{base}/api/{api}?lang=en", data=body, method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Plancheck-Token": token})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as refused:
            return json.loads(refused.read())

    try:
        start = time.monotonic()
        body = post([("laughs.yaml", billion_laughs()), ("good.csv", good)])
        assert time.monotonic() - start < 10
        status = {f["path"]: f for f in body["files"]}
        assert status["good.csv"]["status"] == "ok" and body["findings"]
        assert "max-yaml-nodes" in status["laughs.yaml"]["error"]

        result = {}
        slow = threading.Thread(target=lambda: result.update(post([("span.docx", grid_span_bomb()), ("good.csv", good)])))
        start = time.monotonic()
        slow.start()
        time.sleep(0.5)
        with urllib.request.urlopen(base + "/", timeout=5) as r:  # the page is served meanwhile
            assert r.status == 200
        slow.join(60)
        assert time.monotonic() - start < 30
        status = {f["path"]: f for f in result["files"]}
        assert status["span.docx"]["status"] == "error" and status["span.docx"]["error"].startswith("span.docx: ")
        assert status["good.csv"]["status"] == "ok"
        assert any(f["path"] == "good.csv" and f["rule"] == "Y001" for f in result["findings"])
        # its annotated copy: the same one-line reason, from the worker
        start = time.monotonic()
        assert post([("span.docx", grid_span_bomb())], api="annotate")["error"] == status["span.docx"]["error"]
        assert time.monotonic() - start < 30
    finally:
        srv.close()


def test_time_limit_stops_one_file_and_reads_the_next(seeds):
    from plancheck.limits import Limits
    from plancheck.web import worker

    big = (seeds / "khanh-hoa-plan.txt").read_bytes() * 200  # 17 MB of a real plan: seconds to read
    good = (SAMPLES / "binh-phuoc-2025.csv").read_bytes()
    pairs = worker.read_uploads([("big.txt", big), ("good.csv", good)], Limits(max_bytes=20 * 2**20),
                                time_limit=1)
    (_, slow), (doc, fine) = pairs
    assert slow.status == "error" and slow.error.startswith("big.txt: reading it took longer than 1 s: over the time")
    assert fine.status == "ok" and doc is not None


def test_serve_on_waitress_and_open_the_page(tmp_path):
    """``plancheck serve --open``: a production server (no development-server warning), the
    page opened in the browser named by $BROWSER, refusals of other sites, a clean stop on Ctrl+C."""
    import signal
    import time
    import urllib.error
    import urllib.request

    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BROWSER": f"{sys.executable} {browser} %s"}
    proc = subprocess.Popen([sys.executable, "-m", "plancheck", "serve", "--port", "0", "--open", "--lang", "en"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:(\d+)/) .*X-Plancheck-Token: (\S+)", line)
        assert m, line
        url, token = m.group(1), m.group(3)
        deadline = time.monotonic() + 30
        while not (opened.exists() and opened.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text() == url
        with urllib.request.urlopen(url, timeout=10) as r:
            page = r.read().decode()
            assert r.headers["Server"] == "plancheck" and token in page
        req = urllib.request.Request(url + "api/lint", data=b"", method="POST",
                                     headers={"Origin": "https://evil.example", "X-Plancheck-Token": token})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=10)
        assert refused.value.code == 403
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and err.strip().endswith("plancheck: stopped"), err  # Ctrl+C is how it stops
    assert "WARNING" not in line + err and "Traceback" not in err


# ---------------------------------------------------------------- end to end in Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture()
def server():
    """The page on waitress, as ``plancheck serve`` runs it."""
    from plancheck.web import make_server

    _, srv = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
def test_page_in_headless_chromium(server, seeds, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--window-size=1440,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": str(tmp_path)})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        driver.get(server + "/")
        wait = WebDriverWait(driver, 60)
        upload = driver.find_element(By.ID, "files")
        upload.send_keys("\n".join(str(seeds / n) for n in ("khanh-hoa-plan.txt", "tay-ninh-plan.txt")))
        driver.find_element(By.ID, "run").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "status"), "Đã kiểm tra 2 tệp: 16 phát hiện (7 lỗi,"))
        body = driver.find_element(By.ID, "findings").text
        assert "> 975" in body and "> 97,5" in body and "lỗi đánh máy" in body
        wait.until(EC.visibility_of_element_located((By.ID, "compare")))
        from selenium.webdriver.support.ui import Select

        # the comparison shows the indicator-years that differ, says how many of how many, and can show all
        summary = driver.find_element(By.ID, "cmp-summary").text
        shown = driver.find_elements(By.CSS_SELECTOR, "#cmp tbody tr")
        assert summary.startswith(f"Hiển thị {len(shown)} trên tổng số ") and "khác nhau" in summary
        assert shown and all(r.find_elements(By.CSS_SELECTOR, "td")[-2].text == "khác nhau" for r in shown)
        Select(driver.find_element(By.ID, "cmp-status")).select_by_value("all")
        every = driver.find_elements(By.CSS_SELECTOR, "#cmp tbody tr")
        assert len(every) > len(shown) and f"Hiển thị {len(every)} trên tổng số {len(every)} " in \
            driver.find_element(By.ID, "cmp-summary").text
        assert {r.find_elements(By.CSS_SELECTOR, "td")[-2].text for r in every} >= {"khác nhau", "không nêu"}
        # keyboard: the drop zone and the filters are reachable, the severity filter works

        Select(driver.find_element(By.ID, "f-sev")).select_by_value("error")
        rows = driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
        assert rows and all("error" in r.get_attribute("class") for r in rows)
        Select(driver.find_element(By.ID, "f-sev")).select_by_value("")
        driver.execute_script("window.scrollTo(0, 0);")  # the page from its top, whatever the selects scrolled
        shot = ROOT / "docs" / "screenshot.png"
        if os.environ.get("PLANCHECK_UPDATE_SCREENSHOT"):
            shot.parent.mkdir(exist_ok=True)
            driver.save_screenshot(str(shot))
        else:
            driver.save_screenshot(str(tmp_path / "screenshot.png"))
        driver.find_element(By.ID, "lang-en").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "status"), "Checked 2 files: 16 findings (7 errors,"))
        assert "typing error" in driver.find_element(By.ID, "findings").text
        driver.find_element(By.ID, "dl-xlsx").click()
        WebDriverWait(driver, 60).until(lambda d: (tmp_path / "plancheck-follow-up.xlsx").exists())
        from openpyxl import load_workbook

        assert load_workbook(tmp_path / "plancheck-follow-up.xlsx").worksheets[0].title == "Summary"

        # the Word plan, its PDF and its .doc: each finding's place, and the annotated copy of the .docx
        plans = [WORD, DATA / "ha-giang-plan.pdf"] + ([] if soffice_missing() else [DATA / "ha-giang-plan.doc"])
        driver.execute_script("arguments[0].value = '';", upload)  # a new choice, not more files
        upload.send_keys("\n".join(str(p) for p in plans))
        driver.find_element(By.ID, "run").click()
        expected = len(places(plans, "en"))  # what lint finds in the same files
        for lang, checked, name in [("en", f"Checked {len(plans)} files: {expected} findings", "reviewed"),
                                    ("vi", f"Đã kiểm tra {len(plans)} tệp: {expected} phát hiện", "nhan-xet")]:
            if lang == "vi":
                driver.find_element(By.ID, "lang-vi").click()
            wait.until(EC.text_to_be_present_in_element((By.ID, "status"), checked))
            header = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#findings thead th")]
            assert header[3] == {"vi": "Vị trí", "en": "Where"}[lang]
            shown = sorted((r.find_element(By.CSS_SELECTOR, "td.doc").text,
                            r.find_element(By.CSS_SELECTOR, "td.where").text)
                           for r in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr"))
            assert shown == places(plans, lang)
            assert ("ha-giang-plan.pdf", {"vi": "trang 2, bảng 1, hàng 5, cột 5",
                                          "en": "page 2, table 1, row 5, column 5"}[lang]) in shown
            # the button is offered for the .docx only (a .doc is read as Word but cannot take comments)
            lines = driver.find_elements(By.CSS_SELECTOR, "#filelist li")
            wait.until(lambda d: lines[[p.name for p in plans].index(WORD.name)].find_elements(By.CSS_SELECTOR,
                                                                                              "button.annotate"))
            offered = [li.find_element(By.TAG_NAME, "strong").text for li in lines
                       if li.find_elements(By.CSS_SELECTOR, "button.annotate")]
            assert offered == [WORD.name]
            button = driver.find_element(By.CSS_SELECTOR, "#filelist button.annotate")
            assert button.text == {"vi": "Tải bản có nhận xét", "en": "Download the annotated copy"}[lang]
            button.click()
            copy = tmp_path / f"ha-giang-plan.{name}.docx"
            WebDriverWait(driver, 60).until(lambda d: copy.exists() and copy.stat().st_size)
            comments = comments_of(copy.read_bytes())
            assert len(comments) == 9 and {c.author for c in comments} == {"plancheck"}
            assert any({"vi": "Cảnh báo", "en": "Warning"}[lang] in c.text for c in comments)
            assert f"{copy.name} (9 " in driver.find_element(By.CSS_SELECTOR, "#filelist .note").text
    finally:
        driver.quit()


def places(paths, lang):
    """(file, where) of each finding, as the text and HTML reports say where it is."""
    from types import SimpleNamespace

    from plancheck.engine import Options, run
    from plancheck.model import Location
    from plancheck.reporters import where

    report = run([str(p) for p in paths], Options(lang=lang))
    return sorted((Path(f.path).name, where(SimpleNamespace(location=Location(**f.location.as_dict()), line=f.line,
                                                            row_label=f.row_label), lang))
                  for f in report.findings)
