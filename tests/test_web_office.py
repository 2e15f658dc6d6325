"""The page for an office: ``plancheck serve --host --allow-host --trusted-proxy --access-log``,
GET /healthz, every format the page accepts, and the page from 360 px to wide screens."""

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

flask = pytest.importorskip("flask", reason="the web extra is not installed: pip install 'plancheck[web]'")

from plancheck.web import AccessLog, allowed_hosts, create_app, make_server  # noqa: E402

from .conftest import ROOT, SAMPLES  # noqa: E402

DATA = ROOT / "tests" / "data"


def page_token(c) -> str:
    return re.search(r'<meta name="plancheck-token" content="([^"]+)">', c.get("/").get_data(as_text=True)).group(1)


def upload(*paths):
    return {"files": [(io.BytesIO(Path(p).read_bytes()), Path(p).name) for p in paths]}


# ---------------------------------------------------------------- what pip install 'plancheck[web]' brings


def test_the_web_extra_brings_the_pdf_reader():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {re.split(r"[<>=!~\[ ;]", req, maxsplit=1)[0].lower() for req in extras["web"]}
    assert {"flask", "waitress", "pdfplumber"} <= names


ACCEPTED = [SAMPLES / "ha-giang-plan.docx", DATA / "ha-giang-plan.doc", DATA / "ha-giang-plan.pdf",
            SAMPLES / "quang-tri-2025.xlsx", SAMPLES / "binh-phuoc-2025.csv", SAMPLES / "ha-giang-plan.txt",
            SAMPLES / "ha-giang-plan.md"]


def test_the_page_reads_every_format_lint_reads():
    from plancheck.readers import legacy

    plans = [p for p in ACCEPTED if p.suffix != ".doc" or legacy.soffice()]
    c = create_app().test_client()
    page = c.get("/").get_data(as_text=True)
    accept = re.search(r'accept="([^"]+)"', page).group(1).split(",")
    assert {p.suffix for p in ACCEPTED} <= set(accept)
    r = c.post("/api/lint?lang=en", data=upload(*plans), content_type="multipart/form-data",
               headers={"X-Plancheck-Token": page_token(c)})
    body = r.get_json()
    assert r.status_code == 200 and [(f["path"], f["status"]) for f in body["files"]] == [
        (p.name, "ok") for p in plans], body["files"]
    assert {f["path"] for f in body["findings"]} == {p.name for p in plans}


MISSING_READERS = """
import io, json, re, sys
from pathlib import Path
from plancheck.web import create_app

if __name__ == "__main__":
    c = create_app().test_client()
    token = re.search(r'name="plancheck-token" content="([^"]+)"', c.get("/").get_data(as_text=True)).group(1)
    out = {"healthz": c.get("/healthz").get_json()}
    for lang in ("vi", "en"):
        data = {"files": [(io.BytesIO(Path(p).read_bytes()), Path(p).name) for p in sys.argv[1:]]}
        r = c.post("/api/lint?lang=" + lang, data=data, content_type="multipart/form-data",
                   headers={"X-Plancheck-Token": token})
        out[lang] = r.get_json()["files"]
    print(json.dumps(out))
"""


def test_without_libreoffice_and_pdfplumber_each_file_says_so(tmp_path):
    """The optional reader and program missing: each .pdf and .doc gets a one-line reason that
    says what to install, in the page's language; the other files are checked; /healthz tells."""
    blocked = tmp_path / "site"
    blocked.mkdir()
    # pdfplumber not installed, in this process and in the upload workers' fork server
    (blocked / "sitecustomize.py").write_text("import sys\nsys.modules['pdfplumber'] = None\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocked), str(ROOT)]),
           "PLANCHECK_SOFFICE": str(tmp_path / "not-installed")}
    p = subprocess.run([sys.executable, "-c", MISSING_READERS, str(DATA / "ha-giang-plan.pdf"),
                        str(DATA / "ha-giang-plan.doc"), str(SAMPLES / "binh-phuoc-2025.csv")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["healthz"]["readers"] == {"pdf": False, "doc": False}
    for lang, pdf_hint, doc_hint in [("en", "reading PDF files needs pdfplumber: pip install",
                                      "a legacy Word file (.doc) is read through LibreOffice, which is not installed"),
                                     ("vi", "để đọc tệp PDF cần cài pdfplumber: pip install",
                                      "tệp Word cũ (.doc) được đọc qua LibreOffice nhưng máy chưa cài LibreOffice")]:
        pdf, doc, csv = out[lang]
        assert pdf["status"] == doc["status"] == "error" and csv["status"] == "ok"
        assert pdf["error"].startswith("ha-giang-plan.pdf: ") and pdf_hint in pdf["error"], pdf
        assert doc["error"].startswith(f"ha-giang-plan.doc: {doc_hint}"), doc
        assert "\n" not in pdf["error"] + doc["error"]


# ---------------------------------------------------------------- the names a server answers to


def test_allowed_hosts():
    assert allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "::1")
    assert allowed_hosts("10.1.2.3", ["Plancheck.Office.example", "[fe80::1]:8443"]) == (
        "127.0.0.1", "localhost", "::1", "10.1.2.3", "plancheck.office.example", "fe80::1")
    every = allowed_hosts("0.0.0.0", ["plancheck.office.example"])  # this machine's names and addresses
    import socket

    assert {"localhost", socket.gethostname().lower(), "plancheck.office.example"} <= set(every)
    assert not any(":" in h for h in every if h != "::1")  # an IPv4 socket: no IPv6 address offered


def office_client(**kw):
    c = create_app(hosts=allowed_hosts("10.1.2.3", ["plancheck.office.example"]), **kw).test_client()
    c.environ_base["HTTP_HOST"] = "plancheck.office.example:8000"
    c.environ_base["HTTP_X_PLANCHECK_TOKEN"] = page_token(c)
    return c


@pytest.mark.parametrize("host", ["plancheck.office.example:8000", "PLANCHECK.office.example", "10.1.2.3:8000",
                                  "127.0.0.1:8000", "localhost"])
def test_an_allowed_host_is_served(host):
    c = office_client()
    assert c.get("/", headers={"Host": host}).status_code == 200
    r = c.post("/api/lint?lang=en", data=upload(SAMPLES / "binh-phuoc-2025.csv"), content_type="multipart/form-data",
               headers={"Host": host, "Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200 and r.get_json()["findings"]


@pytest.mark.parametrize("host", ["evil.example", "plancheck.office.example.evil.example", "10.1.2.4",
                                  "office.example", "localhost.evil.example:8000"])
def test_a_host_not_allowed_is_refused_with_a_one_line_reason(host):
    c = office_client()
    for lang, said in [("en", f"by its own address or an allowed name (--allow-host); '{host}' is neither."),
                       ("vi", f"hoặc tên được cho phép (--allow-host); không nhận tên '{host}'.")]:
        for r in (c.get(f"/?lang={lang}", headers={"Host": host}), c.get(f"/healthz?lang={lang}", headers={"Host": host}),
                  c.post(f"/api/lint?lang={lang}", data=upload(SAMPLES / "binh-phuoc-2025.csv"),
                         content_type="multipart/form-data", headers={"Host": host})):
            reason = r.get_json()["error"]
            assert r.status_code == 403 and "\n" not in reason
            assert reason.endswith(said), reason


def test_origin_and_token_are_checked_on_an_allowed_name():
    c = office_client()
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "http://plancheck.office.example:9999"},
                    {"Origin": "https://plancheck.office.example:8000"}, {"Sec-Fetch-Site": "cross-site"},
                    {"X-Plancheck-Token": "guess"}):
        r = c.post("/api/lint?lang=en", data=upload(SAMPLES / "binh-phuoc-2025.csv"),
                   content_type="multipart/form-data", headers=headers)
        assert r.status_code == 403, headers


# ---------------------------------------------------------------- /healthz and the access log


def test_healthz_needs_no_token_and_says_nothing_of_uploads():
    from plancheck import __version__

    c = create_app(running=3, waiting=2).test_client()  # no token sent
    r = c.get("/healthz")
    body = r.get_json()
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    assert body["status"] == "ok" and body["version"] == __version__
    assert body["workers"] == 3 and body["waiting"] == 2 and body["busy"] == 0
    assert set(body) == {"status", "version", "workers", "waiting", "busy", "readers"}
    assert c.post("/healthz").status_code in (403, 405)  # the token is asked first


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d) (\S+) ([A-Z]+) (\S+) (\d{3}) (\d+) "
                      r"(\d+\.\d{3})s(?: files=(\d+))?$")


def test_the_access_log_has_one_line_per_request_and_no_file_name_content_or_token():
    log = io.StringIO()
    c = create_app(access_log=log).test_client()
    r = c.get("/")
    token = re.search(r'name="plancheck-token" content="([^"]+)"', r.get_data(as_text=True)).group(1)
    r.close()
    plan = (SAMPLES / "binh-phuoc-2025.csv").read_bytes()
    data = {"files": [(io.BytesIO(plan), "Kế hoạch bí mật 2025.csv"), (io.BytesIO(b"secret words"), "ghi-chu.txt")]}
    r = c.post(f"/api/lint?lang=en&token={token}&x=Kế", data=data, content_type="multipart/form-data",
               headers={"X-Plancheck-Token": token}, environ_base={"REMOTE_ADDR": "10.0.4.17"})
    assert r.status_code == 200 and r.get_json()["findings"]
    r.close()  # as a server closes each answer (PEP 3333) once it is sent: its line is written then
    c.get("/healthz").close()
    c.get("/", headers={"Host": "evil.example"}).close()
    lines = log.getvalue().splitlines()
    assert len(lines) == 4, lines
    parsed = [LOG_LINE.match(line) for line in lines]
    assert all(parsed), lines
    page, lint, health, refused = (m.groups() for m in parsed)
    assert page[2:5] == ("GET", "/", "200") and int(page[5]) > 1000
    assert lint[1:5] == ("10.0.4.17", "POST", "/api/lint?lang=en", "200") and lint[7] == "2"
    assert int(lint[5]) == len(r.data)
    assert health[2:5] == ("GET", "/healthz", "200") and health[7] is None
    assert refused[2:5] == ("GET", "/", "403")
    text = log.getvalue()
    for secret in (token, "bí mật", "Kế", "ghi-chu", "secret", "binh", "Bình Phước", "X-Plancheck"):
        assert secret not in text, secret


def test_a_log_that_cannot_be_written_fails_no_request():
    class Broken(io.StringIO):
        def write(self, s):
            raise OSError(28, "No space left on device")

    c = create_app(access_log=Broken()).test_client()
    r = c.get("/healthz")
    assert r.status_code == 200 and r.get_json()["status"] == "ok"
    r.close()


def test_access_log_path_is_sanitized():
    log = io.StringIO()
    app = AccessLog(lambda environ, start: (start("404 NOT FOUND", []), [b"x"])[1], log)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/a b\n2025-01-01 forged line", "QUERY_STRING": "format=xlsx",
               "REMOTE_ADDR": "10.0.0.1\nforged"}
    body = app(environ, lambda *a: None)
    assert b"".join(body) == b"x" and not log.getvalue()
    body.close()
    (line,) = log.getvalue().splitlines()
    assert LOG_LINE.match(line) and " /a%20b%0A2025-01-01%20forged%20line?format=xlsx 404 1 " in line
    assert " 10.0.0.1forged " in line


# ---------------------------------------------------------------- on waitress: a reverse proxy in front


EXAMPLES = ROOT / "docs" / "examples"
PUBLIC = "kehoach.so-ldtbxh.example"  # the name of the examples


def exec_start(path: Path) -> dict:
    """The options of the (last) ``plancheck serve`` of a unit file's ExecStart, as the command parses them."""
    from plancheck.cli import serve

    line = [v for v in re.findall(r"^ExecStart=(.*)$", path.read_text(encoding="utf-8"), re.M) if v][-1]
    program, command, *args = line.split()
    assert program.endswith("/bin/plancheck") and command == "serve", line
    return serve.make_context("serve", args).params


def nginx_directives(path: Path) -> list[tuple[str, ...]]:
    text = re.sub(r"#[^\n]*", "", path.read_text(encoding="utf-8"))
    return [tuple(d.split()) for d in re.split(r"[;{}]", text) if d.strip()]


@pytest.fixture()
def proxied():
    """The server as the drop-in of docs/examples runs it behind nginx on the same machine."""
    params = exec_start(EXAMPLES / "plancheck-web-proxy.conf")
    assert params["host"] == params["trusted_proxy"] == "127.0.0.1" and PUBLIC in params["allow_hosts"]
    log = io.StringIO()
    app, srv = make_server(params["host"], 0, allow_hosts=params["allow_hosts"], trusted_proxy=params["trusted_proxy"],
                           access_log=log)
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}", app.config["PLANCHECK_TOKEN"], log
    srv.close()


def nginx_headers(client: str = "10.0.4.17") -> dict:
    """The headers nginx sends with docs/examples/nginx-plancheck.conf for a page of
    https://kehoach.so-ldtbxh.example/ opened by ``client``."""
    values = {"$host": PUBLIC, "$scheme": "https", "$server_port": "443", "$remote_addr": client}
    return {d[1]: values[d[2]] for d in nginx_directives(EXAMPLES / "nginx-plancheck.conf")
            if d[0] == "proxy_set_header"}


FORWARDED = nginx_headers()


def test_the_nginx_example_matches_the_server():
    from plancheck.web import FRAMING, MAX_TOTAL_BYTES, worker

    directives = {d[0]: d[1:] for d in nginx_directives(EXAMPLES / "nginx-plancheck.conf")}
    assert directives["client_max_body_size"] == (f"{(MAX_TOTAL_BYTES + FRAMING) // 2**20}m",)
    assert int(directives["proxy_read_timeout"][0].rstrip("s")) > worker.UPLOAD_TIME_LIMIT
    assert directives["proxy_request_buffering"] == ("off",) and directives["proxy_max_temp_file_size"] == ("0",)
    params = exec_start(EXAMPLES / "plancheck-web-proxy.conf")
    assert directives["proxy_pass"] == (f"http://{params['host']}:{params['port']}",)
    assert FORWARDED == {"Host": PUBLIC, "X-Forwarded-Host": PUBLIC, "X-Forwarded-Proto": "https",
                         "X-Forwarded-Port": "443", "X-Forwarded-For": "10.0.4.17"}


def test_the_systemd_unit():
    unit = (EXAMPLES / "plancheck-web.service").read_text(encoding="utf-8")
    for line in ("User=plancheck", "Restart=on-failure", "KillSignal=SIGINT", "WantedBy=multi-user.target"):
        assert f"\n{line}\n" in unit, line
    params = exec_start(EXAMPLES / "plancheck-web.service")
    assert params["host"] == "0.0.0.0" and PUBLIC in params["allow_hosts"] and params["access_log"] == "-"
    docs = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    for example in ("plancheck-web.service", "plancheck-web-proxy.conf", "nginx-plancheck.conf"):
        assert (EXAMPLES / example).read_text(encoding="utf-8").strip() in docs, example  # shown as it is
    analyze = shutil.which("systemd-analyze")
    if analyze:  # systemd's own check of the unit, its program replaced by one that exists here
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "plancheck-web.service"
            copy.write_text(unit.replace("/opt/plancheck/venv/bin/plancheck", sys.executable), encoding="utf-8")
            p = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60)
            assert p.returncode == 0 and "plancheck-web.service" not in p.stderr, p.stderr


def call(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null") if "json" in r.headers.get("Content-Type", "") else None
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def logged(log, text: str) -> bool:
    """Whether ``text`` reaches the log within 10 s: waitress writes a request's line once it
    has sent the answer, a moment after the client has it."""
    deadline = time.monotonic() + 10
    while text not in log.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    return text in log.getvalue()


def multipart(name, data):
    boundary = "plancheck-office-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'.encode()
            + data + f"\r\n--{boundary}--\r\n".encode())
    return body, f"multipart/form-data; boundary={boundary}"


def test_behind_a_reverse_proxy_the_public_name_and_its_https_origin_are_accepted(proxied):
    base, token, log = proxied
    body, kind = multipart("plan.csv", (SAMPLES / "binh-phuoc-2025.csv").read_bytes())
    status, answer = call(base + "/api/lint?lang=en", body, {**FORWARDED, "Origin": f"https://{PUBLIC}",
                                                             "Content-Type": kind, "X-Plancheck-Token": token})
    assert status == 200 and answer["findings"]
    # the page's own origin behind TLS: the scheme and port the proxy forwards make it match
    assert logged(log, " 10.0.4.17 POST /api/lint?lang=en 200 ")  # the reviewer's address, not the proxy's
    # the http origin of the same name is another origin
    status, answer = call(base + "/api/lint?lang=en", body, {**FORWARDED, "Origin": f"http://{PUBLIC}",
                                                             "Content-Type": kind, "X-Plancheck-Token": token})
    assert status == 403 and "other sites" in answer["error"]


def test_behind_a_reverse_proxy_on_another_port(proxied):
    """nginx listening on 8443: the port it forwards makes the page's origin match."""
    base, token, _ = proxied
    body, kind = multipart("plan.csv", (SAMPLES / "binh-phuoc-2025.csv").read_bytes())
    status, _ = call(base + "/api/lint", body, {**FORWARDED, "X-Forwarded-Port": "8443", "Content-Type": kind,
                                                 "Origin": f"https://{PUBLIC}:8443", "X-Plancheck-Token": token})
    assert status == 200


def test_behind_a_reverse_proxy_other_names_are_refused(proxied):
    base, token, _ = proxied
    for name in ("evil.example", f"{PUBLIC}.evil.example"):
        status, answer = call(base + "/healthz?lang=en", headers={**FORWARDED, "Host": name, "X-Forwarded-Host": name})
        assert status == 403 and f"'{name}' is neither" in answer["error"]


def test_forwarded_headers_of_an_untrusted_client_are_ignored():
    """Without --trusted-proxy, a client cannot claim another name or address with X-Forwarded-*."""
    log = io.StringIO()
    _, srv = make_server("127.0.0.1", 0, access_log=log)
    threading.Thread(target=srv.run, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{srv.effective_port}"
        assert call(base + "/healthz", headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-For": "6.6.6.6"})[0] \
            == 200
        assert logged(log, " 127.0.0.1 GET /healthz 200 ") and "6.6.6.6" not in log.getvalue()
        status, _ = call(base + "/healthz", headers={"Host": "plancheck.office.example"})
        assert status == 403
    finally:
        srv.close()


# ---------------------------------------------------------------- plancheck serve, as an office runs it


def serve(*args, env=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "plancheck", "serve", "--port", "0", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop(proc) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return err


def started(proc, lines: int) -> list[str]:
    return [proc.stderr.readline().rstrip("\n") for _ in range(lines)]


def test_serve_for_an_office_says_where_and_to_which_names(tmp_path):
    log = tmp_path / "access.log"
    proc = serve("--host", "0.0.0.0", "--allow-host", "plancheck.office.example", "--allow-host", "kehoach.local",
                 "--access-log", str(log))
    try:
        first, hosts, network, logged = started(proc, 4)
        m = re.fullmatch(r"plancheck: trang kiểm tra ở http://127\.0\.0\.1:(\d+)/ \(Ctrl\+C để dừng\); tập lệnh gửi kèm "
                         r"tiêu đề X-Plancheck-Token: (\S+)", first)
        assert m, first
        port, token = m.groups()
        assert hosts.startswith("plancheck: nhận yêu cầu gửi tới các tên: 127.0.0.1, localhost, ::1, ")
        assert hosts.endswith(", plancheck.office.example, kehoach.local")
        assert network.startswith("plancheck: máy khác trong mạng mở trang ở http://")
        assert f"http://plancheck.office.example:{port}/" in network
        assert logged == f"plancheck: nhật ký truy cập: {log}"
        base = f"http://127.0.0.1:{port}"
        assert call(base + "/healthz", headers={"Host": f"kehoach.local:{port}"})[0] == 200
        status, answer = call(base + "/healthz", headers={"Host": "evil.example"})
        assert status == 403 and "'evil.example'" in answer["error"]
        body, kind = multipart("kế-hoạch.csv", (SAMPLES / "binh-phuoc-2025.csv").read_bytes())
        assert call(base + "/api/lint", body, {"Content-Type": kind, "X-Plancheck-Token": token})[0] == 200
        deadline = time.monotonic() + 10
        while log.read_text(encoding="utf-8").count("\n") < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        err = stop(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and err.strip().endswith("plancheck: đã dừng"), err
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [LOG_LINE.match(line).group(3, 4, 5) for line in lines] == [
        ("GET", "/healthz", "200"), ("GET", "/healthz", "403"), ("POST", "/api/lint", "200")]
    assert LOG_LINE.match(lines[2]).group(8) == "1" and "kế" not in log.read_text(encoding="utf-8")
    assert token not in log.read_text(encoding="utf-8") + err


def test_serve_in_english_on_this_machine_logs_to_standard_error():
    proc = serve("--lang", "en", env={"PLANCHECK_SOFFICE": "/nonexistent/soffice"})
    try:
        first, hosts, local, no_doc = started(proc, 4)
        port = re.fullmatch(r"plancheck: listening on http://127\.0\.0\.1:(\d+)/ \(Ctrl\+C to stop\); scripts send "
                            r"the header X-Plancheck-Token: \S+", first).group(1)
        assert hosts == "plancheck: answers requests addressed to: 127.0.0.1, localhost, ::1"
        assert local == ("plancheck: only this machine can open the page; to serve an office: "
                         "--host 0.0.0.0 --allow-host MACHINE-NAME")
        assert no_doc.startswith("plancheck: LibreOffice is not installed: .doc files will be reported")
        assert call(f"http://127.0.0.1:{port}/healthz")[1]["readers"]["doc"] is False
        err = stop(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert re.search(r"^\S+ 127\.0\.0\.1 GET /healthz 200 \d+ \d+\.\d{3}s$", err, re.M), err
    assert err.strip().endswith("plancheck: stopped")


def test_serve_refuses_a_bad_host_name_and_an_unwritable_log(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "plancheck", "serve", "--allow-host", "http://x/"], capture_output=True,
                       text=True, env=env, timeout=60)
    assert p.returncode == 2 and "'http://x/' không phải tên máy hay địa chỉ" in p.stderr and "Traceback" not in p.stderr
    p = subprocess.run([sys.executable, "-m", "plancheck", "serve", "--lang", "en", "--access-log",
                        str(tmp_path / "no" / "such" / "dir.log")], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 1 and p.stderr.startswith("Error: cannot write the access log ") and "Traceback" not in p.stderr


# ---------------------------------------------------------------- from 360 px to wide screens

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WIDTHS = [(360, 780, True), (800, 900, False), (1024, 800, False), (1400, 900, False)]  # 1024: the table's least


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
def test_the_page_from_360_px_to_wide_screens_keeps_the_suggestion_in_view(tmp_path):
    """At 360, 800 and 1400 px wide: no horizontal scroll of the page, and every suggested
    correction shown and inside the window. Screenshots: docs/web-360.png, -800, -1400
    (PLANCHECK_UPDATE_SCREENSHOT=1 rewrites them)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    _, srv = make_server("127.0.0.1", 0)
    threading.Thread(target=srv.run, daemon=True).start()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--hide-scrollbars", "--window-size=1400,900", f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        driver.get(f"http://127.0.0.1:{srv.effective_port}/")
        plans = [SAMPLES / "ha-giang-plan.docx", SAMPLES / "binh-phuoc-2025.csv"]
        driver.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in plans))
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 60).until(EC.text_to_be_present_in_element((By.ID, "status"), "Đã kiểm tra 2 tệp:"))
        WebDriverWait(driver, 60).until(EC.visibility_of_element_located((By.ID, "cmp")))  # its wide table too
        driver.execute_script("document.activeElement.blur();")  # no focus ring in the screenshots
        for width, height, mobile in WIDTHS:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
            driver.execute_script("window.scrollTo(0, 0);")
            inner = driver.execute_script("return window.innerWidth;")
            assert inner == width
            assert driver.execute_script("return document.documentElement.scrollWidth;") <= inner, width
            cells = [c for c in driver.find_elements(By.CSS_SELECTOR, "#findings td.sugg") if c.get_attribute("textContent")]
            assert len(cells) >= 10  # the findings of the two samples that carry a correction
            for cell in cells:
                rect = driver.execute_script("var r = arguments[0].getBoundingClientRect();"
                                             "return [r.left, r.right, r.width, r.height];", cell)
                assert cell.is_displayed() and rect[2] > 0 and rect[3] > 0, (width, cell.text)
                assert 0 <= rect[0] and rect[1] <= inner, (width, rect, cell.text)
            header = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#findings thead th")]
            if width < 1024:  # a card per finding: each value says its column's name
                assert cells[0].get_attribute("data-label") == "Đề xuất sửa"
                assert driver.execute_script("return getComputedStyle(arguments[0], '::before').content;",
                                             cells[0]) == '"Đề xuất sửa"'
            else:
                assert header[-1] == "Đề xuất sửa"
            # wide: the page from its top; narrow: from the summary line, the first cards in view
            driver.execute_script("window.scrollTo(0, arguments[0] ? document.getElementById('status')"
                                  ".getBoundingClientRect().top + window.scrollY - 8 : 0);", width < 1024)
            shot = ROOT / "docs" / f"web-{width}.png"
            if width == 1024:
                continue
            if os.environ.get("PLANCHECK_UPDATE_SCREENSHOT"):
                driver.save_screenshot(str(shot))
            else:
                driver.save_screenshot(str(tmp_path / shot.name))
    finally:
        driver.quit()
        srv.close()
