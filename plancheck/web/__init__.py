"""``plancheck serve``: a local web page over the same library calls as the CLI.

Uploads are processed in memory: file names are only labels, never paths; nothing is
written to disk. The API returns exactly the JSON of the CLI:

* ``POST /api/lint`` (multipart, field ``files``, repeatable; query ``lang``) - the JSON of
  ``plancheck lint --format json``;
* ``POST /api/compare`` - the JSON of ``plancheck compare --format json``;
* ``POST /api/report?format=xlsx`` - the follow-up workbook (``format=html``: the HTML report);
* ``POST /api/annotate`` (one file, a .docx or an .xlsx) - its annotated copy, as
  ``plancheck annotate`` writes it (one Word comment per finding; a cell comment and a fill
  on each offending cell), in ``lang``, named after the upload: ``KẾ-HOẠCH.nhan-xet.docx``
  in Vietnamese, ``KẾ-HOẠCH.reviewed.docx`` in English. It is made in memory and never
  written to disk.

``GET /healthz`` (no token) says the server is up: its version, its workers, what it can read.

Only the page may call it. Every request must name this server in its ``Host`` header - a
loopback name, the address it listens on (for every interface: this machine's names and
addresses) or a name given with ``--allow-host`` (a page of another site that points a name of
its own at the server is refused, 403 and a line quoting the name); a request that
comes from a page of another origin (``Origin``, ``Sec-Fetch-Site``) is refused; and the
API needs the token the server drew at its start, which its page carries and sends in the
``X-Plancheck-Token`` header (another site's page can neither read it nor send the header
without the server's consent, which it never gives). An upload's whole work - reading,
checking, the report, the annotated copy - is done in worker processes under the limits of
``plancheck lint``, a time limit per file, a memory cap and a time limit per upload
(``worker.py``); the server's threads only wait for them.

The server stays responsive under load: at most ``running`` uploads are worked on at once
and ``waiting`` more wait their turn; any other is answered at once with HTTP 503 and a
``Retry-After`` header, and waitress keeps threads free for the page. An upload holds at
most ``MAX_FILES`` files (the multipart parser stops past them). A connection idle for
``CHANNEL_TIMEOUT`` seconds (a request sent halfway and left) is closed.

``serve`` runs the app on waitress, a production WSGI server; behind a reverse proxy
(``--trusted-proxy``) waitress takes the client's address, the scheme, the name and the port
from the proxy's ``X-Forwarded-*`` headers, and drops them from any other client. Its access
log (:class:`AccessLog`) has one line per request, without any file's name or content.
"""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata

MAX_FILES = 20
MAX_TOTAL_BYTES = 25 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
FRAMING = 1024 * 1024  # a request may be this much larger than its files (a reverse proxy's limit: their sum)
WAITING = 4  # uploads that may wait for their turn (beyond those worked on); more: 503
RETRY_AFTER = 10  # seconds, in the Retry-After of a 503
CHANNEL_TIMEOUT = 15  # seconds a connection may stay idle (a half-sent request) before it is closed
CONNECTION_LIMIT = 200
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_HEADER = "X-Plancheck-Token"

MESSAGES = {
    "vi": {"no_files": "Chưa chọn tệp nào (trường 'files').",
           "too_many": "Tối đa {n} tệp mỗi lần; đã gửi {got}.",
           "too_large": "Tổng dung lượng tải lên vượt quá {mb} MiB.",
           "format": "Định dạng không hỗ trợ: {fmt} (xlsx hoặc html).",
           "compare": "Cần ít nhất hai tệp để so sánh.",
           "host": "Máy chủ này chỉ nhận yêu cầu gửi tới địa chỉ của chính nó hoặc tên được cho phép "
                   "(--allow-host); không nhận tên '{name}'.",
           "origin": "Từ chối yêu cầu đến từ một trang web khác.",
           "token": "Thiếu mã của trang (tiêu đề X-Plancheck-Token) hoặc mã không đúng.",
           "annotate_one": "Mỗi lần gửi đúng một tệp để tạo bản có nhận xét.",
           "busy": "Máy chủ đang bận xử lý các tệp khác; hãy thử lại sau {s} giây.",
           "stopping": "Máy chủ đang dừng; hãy thử lại sau {s} giây.",
           "annotate_kind": "{name}: chỉ tạo được bản có nhận xét cho tệp Word (.docx) và Excel (.xlsx)."},
    "en": {"no_files": "No file was sent (field 'files').",
           "too_many": "At most {n} files at a time; {got} were sent.",
           "too_large": "The upload is over {mb} MiB in total.",
           "format": "Unsupported format: {fmt} (xlsx or html).",
           "compare": "Comparing needs at least two files.",
           "host": "This server answers only requests addressed to it by its own address or an allowed name "
                   "(--allow-host); '{name}' is neither.",
           "origin": "Requests from the pages of other sites are refused.",
           "token": "The page's token (header X-Plancheck-Token) is missing or wrong.",
           "annotate_one": "Send exactly one file for its annotated copy.",
           "busy": "The server is busy with other uploads; try again in {s} seconds.",
           "stopping": "The server is stopping; try again in {s} seconds.",
           "annotate_kind": "{name}: annotated copies are made of Word (.docx) and Excel (.xlsx) files only."},
}


def display_name(raw: str | None, index: int) -> str:
    """A label for an uploaded file: its base name, printable, never a path."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[:120] or f"file-{index + 1}"


ANNOTATED = {"vi": "nhan-xet", "en": "reviewed"}  # "nhận xét": comments; ASCII, safe in any file name


def annotated_name(name: str, kind: str, lang: str) -> str:
    """The annotated copy's name: the upload's, with ``.nhan-xet`` (``.reviewed`` in English)
    before the extension: ``ha-giang-plan.docx`` -> ``ha-giang-plan.nhan-xet.docx``."""
    stem = name[: -len(kind) - 1] if name.lower().endswith(f".{kind}") else name
    return f"{stem or 'plancheck'}.{ANNOTATED['en' if lang == 'en' else 'vi']}.{kind}"


def host_name(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` -> ``::1``."""
    if host.startswith("["):
        return host[1:].split("]")[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def shown_host(host: str) -> str:
    """A Host header as a reason may quote it: printable, at most 100 characters."""
    return re.sub(r"[^\x21-\x7e]", "?", host)[:100]


def _in_memory_request():
    from flask import Request

    class InMemoryRequest(Request):
        """Uploaded files stay in memory (bounded by MAX_CONTENT_LENGTH), never in a temporary file."""

        def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
            import io

            return io.BytesIO()

    return InMemoryRequest


class Gate:
    """Admission of uploads: ``running`` worked on at once, ``waiting`` more queued; past
    that, ``enter`` says no at once (the request is answered 503)."""

    def __init__(self, running: int, waiting: int):
        import threading

        self.running = max(1, running)
        self.slots = threading.BoundedSemaphore(self.running)
        self.limit = max(1, running) + max(0, waiting)
        self.admitted = 0
        self.lock = threading.Lock()

    def enter(self) -> bool:
        with self.lock:
            if self.admitted >= self.limit:
                return False
            self.admitted += 1
        self.slots.acquire()
        return True

    def leave(self) -> None:
        self.slots.release()
        with self.lock:
            self.admitted -= 1


def default_running() -> int:
    from ..engine import cpu_count

    return cpu_count()


def create_app(max_files: int = MAX_FILES, max_total_bytes: int = MAX_TOTAL_BYTES, limits=None,
               token: str | None = None, hosts=LOCAL_HOSTS, time_limit: float | None = None,
               memory_limit: int | None = None, running: int | None = None, waiting: int = WAITING,
               upload_time_limit: float | None = None, access_log=None):
    """The Flask app. ``hosts``: the names the server answers to (None: any name, for a
    test); ``token``: the API token (drawn at random by default);
    ``time_limit`` (seconds) and ``memory_limit`` (bytes): per uploaded file, in the worker;
    ``upload_time_limit``: per upload; ``running`` and ``waiting``: uploads worked on at once
    (the CPUs by default) and queued; ``access_log``: a text stream that gets one line per
    request (:class:`AccessLog`), or None."""
    import functools

    from flask import Flask, Response, jsonify, render_template, request, send_file

    from .. import __version__
    from ..engine import Options
    from ..errors import InputError
    from ..limits import Limits
    from . import worker

    limits = (limits or Limits()).with_overrides(max_bytes=MAX_FILE_BYTES)
    token = token or secrets.token_urlsafe(24)
    names = None if hosts is None else {h.lower() for h in hosts}
    app = Flask(__name__)
    app.request_class = _in_memory_request()
    app.config["MAX_CONTENT_LENGTH"] = max_total_bytes
    app.config["MAX_FORM_PARTS"] = max_files + 10  # the multipart parser stops past them (413)
    app.config["PLANCHECK_TOKEN"] = token
    app.config["PLANCHECK_HOSTS"] = tuple(hosts) if hosts is not None else ("*",)
    gate = Gate(running or default_running(), waiting)
    app.config["PLANCHECK_GATE"] = gate
    per_file = time_limit or worker.TIME_LIMIT
    per_upload = upload_time_limit or worker.UPLOAD_TIME_LIMIT
    memory = memory_limit or worker.MEMORY_LIMIT
    app.json.ensure_ascii = False

    def lang() -> str:
        return "en" if request.args.get("lang") == "en" else "vi"

    def error(key: str, status: int, **kw):
        return jsonify({"error": MESSAGES[lang()][key].format(**kw)}), status

    @app.before_request
    def only_the_page():
        if names is not None and host_name(request.host).lower() not in names:
            return error("host", 403, name=shown_host(request.host))
        if request.method in ("GET", "HEAD"):
            return None
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() != request.host_url.rstrip("/").lower():
            return error("origin", 403)
        if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            return error("origin", 403)
        if not hmac.compare_digest(request.headers.get(TOKEN_HEADER, ""), token):
            return error("token", 403)
        return None

    def admitted(view):
        """An API call worked on only when the gate lets it in; else 503 and Retry-After."""

        @functools.wraps(view)
        def wrapper(*args, **kw):
            if not gate.enter():
                body, status = error("busy", 503, s=RETRY_AFTER)
                body.headers["Retry-After"] = str(RETRY_AFTER)
                return body, status
            from ..workers import Stopping

            try:
                return view(*args, **kw)
            except InputError as exc:  # the report could not be made in time: one line
                return jsonify({"error": exc.message(lang())}), 422
            except Stopping:  # Ctrl+C or SIGTERM while this upload waited: no traceback, a clear answer
                body, status = error("stopping", 503, s=RETRY_AFTER)
                body.headers["Retry-After"] = str(RETRY_AFTER)
                return body, status
            finally:
                gate.leave()

        return wrapper

    def options() -> Options:
        return Options(lang=lang(), limits=limits)

    def uploads():
        files = request.files.getlist("files")
        files = [f for f in files if f and (f.filename or f.content_length)]
        if not files:
            return None, error("no_files", 400)
        if len(files) > max_files:
            return None, error("too_many", 400, n=max_files, got=len(files))
        request.environ["plancheck.files"] = len(files)  # counted in the access log, never named
        items, seen = [], {}
        for i, f in enumerate(files):
            name = display_name(f.filename, i)
            if name in seen:
                seen[name] += 1
                stem, dot, ext = name.rpartition(".")
                name = f"{stem} ({seen[name]}).{ext}" if dot else f"{name} ({seen[name]})"
            seen.setdefault(name, 1)
            items.append((name, f.read(MAX_FILE_BYTES + 1)))
        return items, None

    @app.errorhandler(413)
    def too_large(_exc):
        return error("too_large", 413, mb=max_total_bytes // 2**20)

    @app.get("/")
    def index():
        page = render_template("index.html", version=__version__, max_files=max_files,
                               max_mb=max_total_bytes // 2**20, token=token)
        return Response(page, mimetype="text/html", headers={"Cache-Control": "no-store"})

    @app.get("/healthz")
    def healthz():
        """For a monitor or a load balancer: no token, nothing of any upload."""
        from ..readers import legacy

        body = {"status": "ok", "version": __version__, "workers": gate.running,
                "waiting": gate.limit - gate.running, "busy": gate.admitted,
                "readers": {"pdf": _has_module("pdfplumber"), "doc": legacy.soffice() is not None}}
        response = jsonify(body)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.post("/api/lint")
    @admitted
    def api_lint():
        items, err = uploads()
        if err:
            return err
        body = worker.check_uploads(items, options(), "json", per_file, memory, per_upload)
        return Response(body, mimetype="application/json")

    @app.post("/api/report")
    @admitted
    def api_report():
        fmt = request.args.get("format", "xlsx")
        if fmt not in ("xlsx", "html"):
            return error("format", 400, fmt=fmt)
        items, err = uploads()
        if err:
            return err
        made = worker.check_uploads(items, options(), fmt, per_file, memory, per_upload)
        if fmt == "html":
            return Response(made, mimetype="text/html")
        name = "plancheck-theo-doi.xlsx" if lang() == "vi" else "plancheck-follow-up.xlsx"
        return Response(made[0], mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.post("/api/annotate")
    @admitted
    def api_annotate():
        import io

        from ..readers.docx import check_zip

        items, err = uploads()
        if err:
            return err
        if len(items) != 1:
            return error("annotate_one", 400)
        name, data = items[0]
        if data[:4] != b"PK\x03\x04":  # a zip container: Word or Excel, told apart by their parts
            return error("annotate_kind", 400, name=name)
        try:
            names = set(check_zip(data, name, limits).namelist())
        except InputError as exc:
            return jsonify({"error": exc.message(lang())}), 422
        kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
        if kind is None:
            return error("annotate_kind", 400, name=name)
        try:
            copy, found = worker.annotate_upload(name, data, kind, options(), per_file, memory)
        except InputError as exc:
            return jsonify({"error": exc.message(lang())}), 422
        mimetype = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    if kind == "docx" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response = send_file(io.BytesIO(copy), mimetype=mimetype, as_attachment=True,
                             download_name=annotated_name(name, kind, lang()))
        response.headers["X-Plancheck-Findings"] = str(found)
        return response

    @app.post("/api/compare")
    @admitted
    def api_compare():
        items, err = uploads()
        if err:
            return err
        national = request.args.get("national") == "1"
        if len(items) < 2 and not national:
            return error("compare", 400)
        body = worker.compare_uploads(items, options(), national, per_file, memory, per_upload)
        return Response(body, mimetype="application/json")

    if access_log is not None:
        app.wsgi_app = AccessLog(app.wsgi_app, access_log)
    return app


def _has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class _Logged:
    """A response's body, counted as it is sent; its access log line written when the server
    closes it (PEP 3333: always, however the response ended)."""

    def __init__(self, log, environ, body, status, start):
        self.log, self.environ, self.body, self.status, self.start, self.sent = log, environ, body, status, start, 0

    def __iter__(self):
        for chunk in self.body:
            self.sent += len(chunk)
            yield chunk

    def close(self):
        import time

        try:
            close = getattr(self.body, "close", None)
            if close:
                close()
        finally:
            self.log.write(self.environ, self.status[0] if self.status else "-", self.sent,
                           time.monotonic() - self.start)


LOGGED_QUERY = ("lang", "format", "national")  # the query parameters an access log line keeps


class AccessLog:
    """WSGI middleware: one line per request on ``stream``, written when its answer has been sent::

        2025-06-02T09:14:03+07:00 10.0.4.17 POST /api/lint?lang=en 200 48213 1.742s files=2

    time, client address (the proxy's client with ``--trusted-proxy``), method, path with only
    the query parameters ``lang``, ``format`` and ``national``, status, bytes sent, duration and,
    for an upload, how many files it held. Never a file's name or content, nor any header (the
    token is a header)."""

    def __init__(self, app, stream):
        import threading

        self.app, self.stream, self.lock = app, stream, threading.Lock()

    def __call__(self, environ, start_response):
        import time

        start = time.monotonic()
        status = []

        def starting(code, headers, exc_info=None):
            status[:] = [code.split(" ", 1)[0]]
            return start_response(code, headers, exc_info) if exc_info else start_response(code, headers)

        return _Logged(self, environ, self.app(environ, starting), status, start)

    def write(self, environ, status: str, sent: int, seconds: float) -> None:
        from datetime import datetime
        from urllib.parse import parse_qsl, quote, urlencode

        path = quote(environ.get("PATH_INFO", "") or "/", safe="/-._~")[:200]
        query = [(k, v[:20]) for k, v in parse_qsl(environ.get("QUERY_STRING", "")) if k in LOGGED_QUERY]
        if query:
            path += "?" + urlencode(query)
        method = re.sub(r"[^A-Z]", "", environ.get("REQUEST_METHOD", ""))[:10] or "-"
        client = re.sub(r"[^0-9A-Za-z.:\[\]_-]", "", environ.get("REMOTE_ADDR", "") or "")[:64] or "-"
        line = (f"{datetime.now().astimezone().isoformat(timespec='seconds')} {client} {method} {path} {status} "
                f"{sent} {seconds:.3f}s")
        if "plancheck.files" in environ:
            line += f" files={environ['plancheck.files']}"
        with self.lock:
            try:
                self.stream.write(line + "\n")
                self.stream.flush()
            except (OSError, ValueError):  # a log that cannot be written never fails a request
                pass


ANY_ADDRESS = ("0.0.0.0", "::", "")


def machine_names(ipv6: bool = False) -> tuple[str, ...]:
    """This machine's names and addresses, as its network may address it: its host name, its
    fully qualified name, the addresses these resolve to, and the address it reaches other
    networks from (no packet is sent); IPv4 addresses, or IPv6 ones with ``ipv6``."""
    import socket

    family = socket.AF_INET6 if ipv6 else socket.AF_INET
    probe = "2001:db8::1" if ipv6 else "192.0.2.1"  # documentation addresses: only the route is looked up
    names = [socket.gethostname(), socket.getfqdn()]
    for name in names[:2]:
        try:
            names += [info[4][0] for info in socket.getaddrinfo(name, None, family, proto=socket.IPPROTO_TCP)]
        except OSError:
            pass
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))
            names.append(s.getsockname()[0])
    except OSError:
        pass
    return tuple(dict.fromkeys(n.lower().split("%")[0] for n in names if n))


def allowed_hosts(host: str, extra=()) -> tuple[str, ...]:
    """The Host names a server listening on ``host`` answers to: the loopback names, its own
    address (for every interface, ``0.0.0.0`` or ``::``: this machine's names and addresses),
    and the names ``extra`` (``--allow-host``)."""
    own = machine_names(ipv6=host == "::") if host in ANY_ADDRESS else (host,)
    names = (*LOCAL_HOSTS, *own, *(host_name(h.strip()).lower() for h in extra))
    return tuple(dict.fromkeys(n for n in names if n))


PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"}


def make_server(host: str = "127.0.0.1", port: int = 8000, threads: int | None = None,
                channel_timeout: float = CHANNEL_TIMEOUT, allow_hosts=(), trusted_proxy: str | None = None,
                **app_options):
    """A waitress server for the app, listening already (``port`` 0: any free port).
    ``allow_hosts``: names it answers to besides its own address; ``trusted_proxy``: the
    address of a reverse proxy whose ``X-Forwarded-For``, ``-Host``, ``-Proto`` and ``-Port``
    are believed (those of any other client are dropped)."""
    from waitress.server import create_server

    from . import worker

    app = create_app(hosts=allowed_hosts(host, allow_hosts), **app_options)
    proxy = {} if not trusted_proxy else {"trusted_proxy": trusted_proxy, "trusted_proxy_headers": PROXY_HEADERS,
                                          "clear_untrusted_proxy_headers": True}
    worker.start()
    body = app.config["MAX_CONTENT_LENGTH"] + FRAMING  # the files and the multipart framing
    # threads: one for each upload the gate admits, and two more that always answer the page
    # and the 503s; inbuf_overflow: request bodies stay in memory, never spooled to a temporary
    # file; an idle connection (a request sent halfway) is closed after channel_timeout seconds
    threads = threads or app.config["PLANCHECK_GATE"].limit + 2
    server = create_server(app, host=host, port=port, threads=threads, max_request_body_size=body,
                           inbuf_overflow=body, ident="plancheck", channel_timeout=channel_timeout,
                           cleanup_interval=max(1, int(channel_timeout // 3)), connection_limit=CONNECTION_LIMIT,
                           **proxy)
    return app, server


def page_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


SAY = {
    "vi": {"listening": "plancheck: trang kiểm tra ở {url} (Ctrl+C để dừng); tập lệnh gửi kèm tiêu đề {header}: {token}",
           "hosts": "plancheck: nhận yêu cầu gửi tới các tên: {names}",
           "network": "plancheck: máy khác trong mạng mở trang ở {urls}",
           "local": "plancheck: chỉ máy này mở được trang; để phục vụ cả phòng: --host 0.0.0.0 --allow-host TÊN-MÁY",
           "proxy": "plancheck: tin các tiêu đề X-Forwarded-* chỉ khi gửi từ {proxy}",
           "log": "plancheck: nhật ký truy cập: {log}",
           "no_pdf": "plancheck: chưa cài pdfplumber: tệp .pdf sẽ bị báo không đọc được "
                     "(pip install 'plancheck[web]')",
           "no_doc": "plancheck: chưa cài LibreOffice: tệp .doc sẽ bị báo cần lưu thành .docx "
                     "(apt-get install libreoffice-writer-nogui)",
           "stopped": "plancheck: đã dừng"},
    "en": {"listening": "plancheck: listening on {url} (Ctrl+C to stop); scripts send the header {header}: {token}",
           "hosts": "plancheck: answers requests addressed to: {names}",
           "network": "plancheck: other machines of the network open the page at {urls}",
           "local": "plancheck: only this machine can open the page; to serve an office: "
                    "--host 0.0.0.0 --allow-host MACHINE-NAME",
           "proxy": "plancheck: believes X-Forwarded-* headers only from {proxy}",
           "log": "plancheck: access log: {log}",
           "no_pdf": "plancheck: pdfplumber is not installed: .pdf files will be reported unreadable "
                     "(pip install 'plancheck[web]')",
           "no_doc": "plancheck: LibreOffice is not installed: .doc files will be reported to need saving as .docx "
                     "(apt-get install libreoffice-writer-nogui)",
           "stopped": "plancheck: stopped"},
}


def startup_lines(app, host: str, port: int, lang: str = "vi", trusted_proxy: str | None = None,
                  log_name: str | None = None) -> list[str]:
    """What ``plancheck serve`` says when it starts: where it serves, which names it answers
    to, and what the page cannot read on this machine."""
    from ..readers import legacy

    say = SAY["en" if lang == "en" else "vi"]
    hosts = app.config["PLANCHECK_HOSTS"]
    lines = [say["listening"].format(url=page_url(host, port), header=TOKEN_HEADER,
                                     token=app.config["PLANCHECK_TOKEN"])]
    lines.append(say["hosts"].format(names=", ".join(hosts)))
    remote = [h for h in hosts if h not in LOCAL_HOSTS and not h.startswith("127.")]
    if host in LOCAL_HOSTS or host.startswith("127."):
        if not trusted_proxy:
            lines.append(say["local"])
    elif remote:
        lines.append(say["network"].format(urls=", ".join(page_url(h, port) for h in remote[:4])))
    if trusted_proxy:
        lines.append(say["proxy"].format(proxy=trusted_proxy))
    if log_name:
        lines.append(say["log"].format(log=log_name))
    if not _has_module("pdfplumber"):
        lines.append(say["no_pdf"])
    if legacy.soffice() is None:
        lines.append(say["no_doc"])
    return lines


def serve(host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False, echo=print, lang: str = "vi",
          allow_hosts=(), trusted_proxy: str | None = None, access_log=None, log_name: str | None = None) -> None:
    """Serve the page until Ctrl+C (a normal stop) or SIGTERM; with ``open_browser``, open
    it in the default browser. ``access_log``: a text stream for one line per request."""
    app, server = make_server(host, port, allow_hosts=allow_hosts, trusted_proxy=trusted_proxy,
                              access_log=access_log)
    url = page_url(host, server.effective_port)
    for line in startup_lines(app, host, server.effective_port, lang, trusted_proxy, log_name):
        echo(line)
    if open_browser:
        import threading
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    from ..workers import stop_all

    try:
        server.run()  # until Ctrl+C, the way to stop it (waitress then shuts its threads down)
    finally:
        server.close()
        stop_all()  # the uploads still being worked on: their workers, and what they started (LibreOffice)
    echo(SAY["en" if lang == "en" else "vi"]["stopped"])
