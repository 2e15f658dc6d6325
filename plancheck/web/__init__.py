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

Only the page may call it. Every request must name this server in its ``Host`` header (a
page of another site that points a name of its own at 127.0.0.1 is refused); a request that
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

``serve`` runs the app on waitress, a production WSGI server.
"""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata

MAX_FILES = 20
MAX_TOTAL_BYTES = 25 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
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
           "host": "Máy chủ này chỉ nhận yêu cầu gửi tới địa chỉ của chính nó.",
           "origin": "Từ chối yêu cầu đến từ một trang web khác.",
           "token": "Thiếu mã của trang (tiêu đề X-Plancheck-Token) hoặc mã không đúng.",
           "annotate_one": "Mỗi lần gửi đúng một tệp để tạo bản có nhận xét.",
           "busy": "Máy chủ đang bận xử lý các tệp khác; hãy thử lại sau {s} giây.",
           "annotate_kind": "{name}: chỉ tạo được bản có nhận xét cho tệp Word (.docx) và Excel (.xlsx)."},
    "en": {"no_files": "No file was sent (field 'files').",
           "too_many": "At most {n} files at a time; {got} were sent.",
           "too_large": "The upload is over {mb} MiB in total.",
           "format": "Unsupported format: {fmt} (xlsx or html).",
           "compare": "Comparing needs at least two files.",
           "host": "This server answers only requests addressed to it by its own address.",
           "origin": "Requests from the pages of other sites are refused.",
           "token": "The page's token (header X-Plancheck-Token) is missing or wrong.",
           "annotate_one": "Send exactly one file for its annotated copy.",
           "busy": "The server is busy with other uploads; try again in {s} seconds.",
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

        self.slots = threading.BoundedSemaphore(max(1, running))
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
               upload_time_limit: float | None = None):
    """The Flask app. ``hosts``: the names the server answers to (None: any, for a server
    listening on every interface); ``token``: the API token (drawn at random by default);
    ``time_limit`` (seconds) and ``memory_limit`` (bytes): per uploaded file, in the worker;
    ``upload_time_limit``: per upload; ``running`` and ``waiting``: uploads worked on at once
    (the CPUs by default) and queued."""
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
            return error("host", 403)
        if request.method in ("GET", "HEAD"):
            return None
        origin = request.headers.get("Origin")
        if origin is not None and origin != request.host_url.rstrip("/"):
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
            try:
                return view(*args, **kw)
            except InputError as exc:  # the report could not be made in time: one line
                return jsonify({"error": exc.message(lang())}), 422
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

    return app


def allowed_hosts(host: str):
    """The Host names a server listening on ``host`` answers to: the loopback names for a
    local server, those and its own address for another, any for every interface."""
    if host in ("0.0.0.0", "::", ""):
        return None
    return tuple(dict.fromkeys((*LOCAL_HOSTS, host)))


def make_server(host: str = "127.0.0.1", port: int = 8000, threads: int | None = None,
                channel_timeout: float = CHANNEL_TIMEOUT, **app_options):
    """A waitress server for the app, listening already (``port`` 0: any free port)."""
    from waitress.server import create_server

    from . import worker

    app = create_app(hosts=allowed_hosts(host), **app_options)
    worker.start()
    body = app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024  # the files and the multipart framing
    # threads: one for each upload the gate admits, and two more that always answer the page
    # and the 503s; inbuf_overflow: request bodies stay in memory, never spooled to a temporary
    # file; an idle connection (a request sent halfway) is closed after channel_timeout seconds
    threads = threads or app.config["PLANCHECK_GATE"].limit + 2
    server = create_server(app, host=host, port=port, threads=threads, max_request_body_size=body,
                           inbuf_overflow=body, ident="plancheck", channel_timeout=channel_timeout,
                           cleanup_interval=max(1, int(channel_timeout // 3)), connection_limit=CONNECTION_LIMIT)
    return app, server


def page_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve(host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False, echo=print,
          lang: str = "en") -> None:
    """Serve the page until Ctrl+C (a normal stop) or SIGTERM; with ``open_browser``, open
    it in the default browser. ``lang``: the language of the lines ``echo`` writes."""
    app, server = make_server(host, port)
    url = page_url(host, server.effective_port)
    token = f"{TOKEN_HEADER}: {app.config['PLANCHECK_TOKEN']}"
    echo(f"plancheck: đang phục vụ tại {url} (nhấn Ctrl+C để dừng); chương trình gửi yêu cầu tự động cần kèm "
         f"tiêu đề {token}" if lang == "vi" else
         f"plancheck: listening on {url} (Ctrl+C to stop); scripts send the header {token}")
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
    echo("plancheck: đã dừng" if lang == "vi" else "plancheck: stopped")
