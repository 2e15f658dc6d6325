"""``plancheck serve``: a local web page over the same library calls as the CLI.

Uploads are processed in memory: file names are only labels, never paths; nothing is
written to disk. The API returns exactly the JSON of the CLI:

* ``POST /api/lint`` (multipart, field ``files``, repeatable; query ``lang``) - the JSON of
  ``plancheck lint --format json``;
* ``POST /api/compare`` - the JSON of ``plancheck compare --format json``;
* ``POST /api/report?format=xlsx`` - the follow-up workbook (``format=html``: the HTML report).
"""

from __future__ import annotations

import re
import unicodedata

MAX_FILES = 20
MAX_TOTAL_BYTES = 25 * 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024

MESSAGES = {
    "vi": {"no_files": "Chưa chọn tệp nào (trường 'files').",
           "too_many": "Tối đa {n} tệp mỗi lần; đã gửi {got}.",
           "too_large": "Tổng dung lượng tải lên vượt quá {mb} MiB.",
           "format": "Định dạng không hỗ trợ: {fmt} (xlsx hoặc html).",
           "compare": "Cần ít nhất hai tệp để so sánh."},
    "en": {"no_files": "No file was sent (field 'files').",
           "too_many": "At most {n} files at a time; {got} were sent.",
           "too_large": "The upload is over {mb} MiB in total.",
           "format": "Unsupported format: {fmt} (xlsx or html).",
           "compare": "Comparing needs at least two files."},
}


def display_name(raw: str | None, index: int) -> str:
    """A label for an uploaded file: its base name, printable, never a path."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[:120] or f"file-{index + 1}"


def create_app(max_files: int = MAX_FILES, max_total_bytes: int = MAX_TOTAL_BYTES):
    from flask import Flask, Response, jsonify, render_template, request

    from .. import __version__
    from ..engine import Options, load_suites, read_and_extract, run_inputs
    from ..reporters import to_json
    from ..reporters import compare as compare_report
    from ..reporters import followup

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_total_bytes
    app.json.ensure_ascii = False

    def lang() -> str:
        return "en" if request.args.get("lang") == "en" else "vi"

    def error(key: str, status: int, **kw):
        return jsonify({"error": MESSAGES[lang()][key].format(**kw)}), status

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
        return render_template("index.html", version=__version__, max_files=max_files,
                               max_mb=max_total_bytes // 2**20)

    @app.post("/api/lint")
    def api_lint():
        items, err = uploads()
        if err:
            return err
        report = run_inputs(items, Options(lang=lang(), max_bytes=MAX_FILE_BYTES))
        return Response(to_json(report), mimetype="application/json")

    @app.post("/api/report")
    def api_report():
        fmt = request.args.get("format", "xlsx")
        if fmt not in ("xlsx", "html"):
            return error("format", 400, fmt=fmt)
        items, err = uploads()
        if err:
            return err
        report = run_inputs(items, Options(lang=lang(), max_bytes=MAX_FILE_BYTES))
        if fmt == "html":
            return Response(followup.to_html(report), mimetype="text/html")
        name = "plancheck-theo-doi.xlsx" if lang() == "vi" else "plancheck-follow-up.xlsx"
        return Response(followup.to_xlsx(report),
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.post("/api/compare")
    def api_compare():
        from ..compare import align

        items, err = uploads()
        if err:
            return err
        if len(items) < 2 and request.args.get("national") != "1":
            return error("compare", 400)
        suite = load_suites(("national",))
        docs, names, errors = [], [], []
        for name, data in items:
            doc, result = read_and_extract(name, suite, MAX_FILE_BYTES, data=data)
            if doc is None:
                errors.append({"path": name, "error": result.reason(lang())})
                continue
            docs.append(doc)
            names.append(name)
        national = request.args.get("national") == "1"
        rows = align(docs, suite, names, national=national)
        body = compare_report.to_json(rows, names + (["national"] if national else []), lang())
        if errors:
            import json

            data = json.loads(body)
            data["errors"] = errors
            body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return Response(body, mimetype="application/json")

    return app


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    from werkzeug.serving import run_simple

    run_simple(host, port, create_app(), threaded=True, use_reloader=False, use_debugger=False)
