"""Legacy Word files (.doc, the binary format of Word 97-2003), converted through LibreOffice.

plancheck does not parse the binary .doc format itself: LibreOffice converts it to .docx
(``soffice --headless --convert-to docx``), which is then read like any Word document. The
conversion runs in a temporary directory that is always removed (in a worker process, the
worker's private folder, which its parent removes however the worker ends), with a timeout
(LibreOffice's whole process group is killed at it, and on Ctrl+C or SIGTERM), and with a
private LibreOffice user profile in that directory, so that parallel runs (``--jobs``, the
web page) never share a profile or wait on each other's lock. The input bytes are copied
there: the user's file is never opened by LibreOffice, let alone written.

Without LibreOffice the error says, in both languages, how to save the file as .docx in Word.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

DEFAULT_TIMEOUT = 120  # seconds for one conversion (a fresh profile costs a few seconds)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# where LibreOffice installs itself when it is not on PATH (officials mostly use Windows)
_KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
)

SAVE_AS_DOCX_EN = "open it in Word and save it as .docx (File > Save As > Word Document (.docx))"
SAVE_AS_DOCX_VI = "hãy mở tệp bằng Word và lưu thành .docx (Tệp > Lưu thành > Word Document (.docx))"


def soffice() -> str | None:
    """The LibreOffice program (``PLANCHECK_SOFFICE``, then PATH, then the usual places)."""
    chosen = os.environ.get("PLANCHECK_SOFFICE")
    if chosen:
        return chosen if os.path.isfile(chosen) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN_PLACES if os.path.isfile(p)), None)


def ole_kind(data: bytes) -> str | None:
    """``doc`` or ``xls`` for an OLE2 compound file holding a Word or Excel stream, else None.

    The stream names are stored in UTF-16 in the container's directory, so a byte search
    tells them apart without parsing the container.
    """
    if not data.startswith(OLE2_MAGIC):
        return None
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return None


def doc_to_docx(data: bytes, path: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The .docx bytes of a legacy .doc file, converted by LibreOffice.

    Raises :class:`InputError` (English and Vietnamese) when LibreOffice is not installed,
    does not finish within ``timeout`` seconds, or cannot convert the file.
    """
    program = soffice()
    if program is None:
        raise InputError(
            f"{path}: a legacy Word file (.doc) is read through LibreOffice, which is not installed: "
            f"{SAVE_AS_DOCX_EN}, or install LibreOffice",
            f"{path}: tệp Word cũ (.doc) được đọc qua LibreOffice nhưng máy chưa cài LibreOffice: "
            f"{SAVE_AS_DOCX_VI}, hoặc cài LibreOffice")
    return convert(data, path, "doc", "docx", timeout, program)


def rtf_to_docx(data: bytes, path: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The .docx bytes of a Rich Text file (Word's "Save as RTF", often named .doc),
    converted by LibreOffice; without it, a one-line error saying how to save it as .docx."""
    program = soffice()
    if program is None:
        raise InputError(
            f"{path}: a Rich Text (RTF) file is read through LibreOffice, which is not installed: "
            f"{SAVE_AS_DOCX_EN}, or install LibreOffice",
            f"{path}: tệp Rich Text (RTF) được đọc qua LibreOffice nhưng máy chưa cài LibreOffice: "
            f"{SAVE_AS_DOCX_VI}, hoặc cài LibreOffice")
    return convert(data, path, "rtf", "docx", timeout, program)


def convert(data: bytes, path: str, source_ext: str, target: str, timeout: float = DEFAULT_TIMEOUT,
            program: str | None = None) -> bytes:
    """Convert ``data`` (a file of type ``source_ext``) with LibreOffice to ``target``
    (``docx``, ``pdf``, or a full ``pdf:writer_pdf_Export:{...}`` filter spec); the bytes of
    the result. ``path`` only names the file in error messages."""
    program = program or soffice()
    if program is None:
        raise InputError(f"{path}: LibreOffice is not installed", f"{path}: máy chưa cài LibreOffice")
    target_ext = target.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="plancheck-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        source = work / f"input.{source_ext}"
        source.write_bytes(data)
        out_dir = work / "out"
        out_dir.mkdir()
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", target, "--outdir", str(out_dir), str(source)]
        env = {**os.environ, "HOME": str(work)}  # LibreOffice writes some state under HOME
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, env=env, start_new_session=os.name == "posix")
        except OSError as exc:
            raise InputError(f"{path}: LibreOffice could not be started ({exc.strerror or exc})",
                             f"{path}: không khởi động được LibreOffice ({exc.strerror or exc})") from None
        try:
            output, _ = proc.communicate(timeout=timeout)
        except BaseException as exc:  # the time limit, and Ctrl+C or SIGTERM: LibreOffice's whole group ends
            _kill(proc)
            if not isinstance(exc, subprocess.TimeoutExpired):
                raise
            raise InputError(
                f"{path}: LibreOffice did not convert the file within {timeout:g} s; {SAVE_AS_DOCX_EN}",
                f"{path}: LibreOffice không chuyển đổi xong tệp trong {timeout:g} giây; {SAVE_AS_DOCX_VI}"
            ) from None
        result = out_dir / f"input.{target_ext}"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            said = " ".join(output.decode("utf-8", "replace").split())[-200:]
            detail = f" (exit status {proc.returncode}{': ' + said if said else ''})"
            raise InputError(
                f"{path}: LibreOffice could not convert the file{detail}; {SAVE_AS_DOCX_EN}",
                f"{path}: LibreOffice không chuyển đổi được tệp{detail}; {SAVE_AS_DOCX_VI}")
        return result.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    """End the converter and the processes it started (soffice runs soffice.bin)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
