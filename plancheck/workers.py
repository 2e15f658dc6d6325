"""Each file's work in a worker process that can be stopped: the time budget of a run.

Every file is read, extracted and checked in a worker process, under the limits of
:mod:`plancheck.limits` and a wall-clock budget per file (``max_seconds``, ``--timeout``).
Workers are long-lived: forked once, after the parent has loaded the suite, so a file costs
no process start. The parent hands each worker a chunk of files and waits on all of them at
once, each with the deadline of the file it is on: a worker says when it has read each file,
and when it has checked its chunk. A worker that passes its deadline is killed, with every
process it started (LibreOffice); one that dies (the kernel's OOM killer, a crash in a
library) is noticed at once. Either way that file becomes a one-line error naming it and
the limit, a new worker takes the rest of the chunk, and the run goes on: a hung parser or
an OOM kill costs one file, never the run. A chunk whose checks fail that way is checked
again file by file, so that only the file to blame is lost.

Each worker has a private temporary folder (mode 0700), its ``tempfile.tempdir``, removed by
the parent when the worker ends, however it ends: a conversion cut short leaves nothing on
disk. Workers ignore Ctrl+C (the parent's to handle) and die of SIGTERM; the parent stops
them all, and what they started, when it is interrupted (``stop_all``).

The CLI forks its workers itself (``os.fork`` and two pipes carrying pickles): importing
``multiprocessing`` would cost a one-plan run more than the fork does. The web server, which
has threads, starts them from a fork server through ``multiprocessing`` (``context``).
Without ``fork`` (Windows) the files are read in the process itself, without the time budget.
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import signal
import struct
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from .errors import InputError

START_LIMIT = 60.0  # seconds for a worker to start (a fork server under load may be slow)
_LIVE: set = set()  # the workers running, to stop them all on an interrupt
_LIVE_LOCK = threading.Lock()
_STOPPING: list = []  # set by stop_all: no worker starts after it (a server shutting down)


FORK = "fork"  # the context of workers this process forks itself (the CLI)


def context(method: str | None = None):
    """How workers are started: ``FORK`` (the CLI: a worker is a fork of this process and
    inherits the loaded suite and modules), or the ``multiprocessing`` context ``method``
    (the web server's fork server); None where there is no fork."""
    if method is None:
        return FORK if hasattr(os, "fork") else None
    import multiprocessing

    try:
        return multiprocessing.get_context(method)
    except ValueError:
        return None


class _Pipe:
    """One side of a pair of pipes carrying pickles, each after its length (what the pool
    needs of a ``multiprocessing`` connection: send, recv, poll, fileno, close)."""

    def __init__(self, read_fd: int, write_fd: int):
        self.read_fd, self.write_fd = read_fd, write_fd

    def fileno(self) -> int:
        return self.read_fd

    def send(self, obj) -> None:
        data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        view = memoryview(struct.pack("!Q", len(data)) + data)
        while view:
            view = view[os.write(self.write_fd, view):]

    def _read(self, n: int) -> bytes:
        parts = []
        while n:
            chunk = os.read(self.read_fd, min(n, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            n -= len(chunk)
        return b"".join(parts)

    def recv(self):
        return pickle.loads(self._read(struct.unpack("!Q", self._read(8))[0]))

    def poll(self, timeout: float | None = 0.0) -> bool:
        return bool(select.select([self.read_fd], [], [], timeout)[0])

    def close(self) -> None:
        for fd in (self.read_fd, self.write_fd):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.read_fd = self.write_fd = -1


class _Forked:
    """A worker this process forks itself, running ``target(conn, *args)``; what the pool
    needs of a ``multiprocessing`` process (pid, start, join, is_alive, exitcode)."""

    def __init__(self, target, args):
        self.target, self.args = target, args
        self.pid = None
        self.exitcode = None
        self.conn = None

    def start(self) -> None:
        down_r, down_w = os.pipe()  # parent -> worker
        up_r, up_w = os.pipe()  # worker -> parent
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 1
            try:
                os.close(down_w)
                os.close(up_r)
                for other in list(_LIVE):  # the other workers' pipes are theirs and the parent's alone
                    conn = getattr(other, "conn", None)
                    if isinstance(conn, _Pipe):
                        conn.close()
                self.target(_Pipe(down_r, up_w), *self.args)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent reports the worker's end
                pass
            finally:
                os._exit(code)
        os.close(down_r)
        os.close(up_w)
        self.pid = pid
        self.conn = _Pipe(up_r, down_w)

    def _reap(self, block: bool) -> None:
        if self.exitcode is not None or self.pid is None:
            return
        try:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            self.exitcode = -1
            return
        if pid:
            self.exitcode = os.waitstatus_to_exitcode(status)

    def is_alive(self) -> bool:
        self._reap(False)
        return self.pid is not None and self.exitcode is None

    def join(self, timeout: float | None = None) -> None:
        if timeout is None:
            self._reap(True)
            return
        deadline = time.monotonic() + timeout
        while self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)


def wait(conns, timeout: float | None):
    """The connections among ``conns`` with something to read (or closed), within ``timeout``."""
    if not conns:
        return []
    ready = select.select([c.fileno() for c in conns], [], [], timeout)[0]
    return [c for c in conns if c.fileno() in ready]


# ---------------------------------------------------------------- what a failure says


def timeout_error(label: str, seconds: float, doing: str = "read") -> tuple[str, str]:
    """(English, Vietnamese) line of a file whose work went over the time budget."""
    if doing == "upload":
        return (f"{label}: not checked: the upload as a whole took longer than {seconds:g} s (the time limit "
                "of one upload); send fewer files at a time",
                f"{label}: chưa được kiểm tra: cả lần tải lên mất quá {seconds:g} giây (giới hạn thời gian của "
                "một lần tải lên); hãy gửi ít tệp hơn mỗi lần")
    what_en = {"read": "reading it", "check": "checking it", "annotate": "annotating it"}[doing]
    what_vi = {"read": "đọc tệp", "check": "kiểm tra tệp", "annotate": "ghi nhận xét vào tệp"}[doing]
    return (f"{label}: {what_en} took longer than {seconds:g} s: over the time limit max-seconds; it was stopped "
            "(raise it with --timeout if the file is genuine)",
            f"{label}: {what_vi} mất quá {seconds:g} giây: vượt giới hạn thời gian max-seconds nên đã dừng "
            "(nếu tệp đúng là như vậy, nâng giới hạn bằng --timeout)")


def died_error(label: str, exitcode: int | None, doing: str = "read") -> tuple[str, str]:
    """(English, Vietnamese) line of a file whose worker died while working on it."""
    what_en = {"read": "reading it", "check": "checking it", "annotate": "annotating it"}[doing]
    what_vi = {"read": "đọc tệp", "check": "kiểm tra tệp", "annotate": "ghi nhận xét vào tệp"}[doing]
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = f"killed by {name}" + (": out of memory?" if -exitcode == signal.SIGKILL else "")
        why_vi = f"bị dừng bởi {name}" + (": hết bộ nhớ?" if -exitcode == signal.SIGKILL else "")
    else:
        why, why_vi = (f"it ended with status {exitcode}" if exitcode is not None else "it ended",
                       f"kết thúc với mã {exitcode}" if exitcode is not None else "đã kết thúc")
    return (f"{label}: the process {what_en} stopped ({why}); the other files were checked",
            f"{label}: tiến trình {what_vi} đã dừng ({why_vi}); các tệp khác vẫn được kiểm tra")


class WorkerFailed(Exception):
    """A worker that went over its time budget (``kind`` "timeout") or died ("died")."""

    def __init__(self, kind: str, exitcode: int | None = None):
        super().__init__(kind)
        self.kind, self.exitcode = kind, exitcode

    def lines(self, label: str, seconds: float, doing: str) -> tuple[str, str]:
        if self.kind == "timeout":
            return timeout_error(label, seconds, doing)
        return died_error(label, self.exitcode, doing)


# ---------------------------------------------------------------- one worker


class Stopping(RuntimeError):
    """No new worker: the program is stopping (Ctrl+C, SIGTERM)."""


class Worker:
    """A worker process running ``target(conn, *args)``, with its private temporary folder."""

    def __init__(self, ctx, target, args, memory: int | None = None):
        if _STOPPING:
            raise Stopping("stopping: no new worker process")
        self.tmp = tempfile.mkdtemp(prefix="plancheck-worker-")
        with _LIVE_LOCK:
            _LIVE.add(self)
        if ctx == FORK:
            self.proc = _Forked(_bootstrap, (self.tmp, memory, target, args))
            try:
                self.proc.start()
            except BaseException:
                self.stop()
                raise
            self.conn = self.proc.conn
            return
        receive, send = ctx.Pipe()
        self.proc = ctx.Process(target=_bootstrap, args=(send, self.tmp, memory, target, args), daemon=True)
        try:
            self.proc.start()
        except BaseException:
            self.stop()
            raise
        send.close()
        self.conn = receive

    def ready(self) -> bool:
        """Whether the worker started and said so (within START_LIMIT)."""
        try:
            return self.conn.poll(START_LIMIT) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def exitcode(self) -> int | None:
        self.proc.join(1)
        return self.proc.exitcode

    def stop(self, wait: float = 0.0) -> None:
        """End the worker (after ``wait`` seconds for it to end by itself), the processes it
        started (LibreOffice runs in a session of its own), and remove its temporary folder."""
        proc = getattr(self, "proc", None)
        try:
            if proc is not None and proc.pid is not None:
                proc.join(wait)
                if proc.is_alive():
                    kill_tree(proc.pid)
                    proc.join()
        finally:
            conn = getattr(self, "conn", None)
            if conn is not None:
                conn.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            with _LIVE_LOCK:
                _LIVE.discard(self)


def stop_all() -> None:
    """Stop every worker still running, and start no other (a server shutting down)."""
    _STOPPING.append(True)
    with _LIVE_LOCK:
        live = list(_LIVE)
    for w in live:
        w.stop()


def kill_tree(pid: int) -> None:
    """SIGKILL to ``pid`` and to every process below it; a process group leader below it
    (LibreOffice, started in a session of its own) with its whole group. The process is
    stopped first, so that it starts nothing while its descendants are listed."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except OSError:
        pass
    below = descendants(pid)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    for child in below:
        try:
            if os.getpgid(child) == child:  # a group leader (soffice): its group, soffice.bin with it
                os.killpg(child, signal.SIGKILL)
            else:
                os.kill(child, signal.SIGKILL)
        except OSError:  # already gone
            pass


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (from /proc; none where there is no /proc)."""
    try:
        entries = [int(e) for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []
    parent = {}
    for e in entries:
        try:
            with open(f"/proc/{e}/stat", "rb") as fh:
                parent[e] = int(fh.read().rsplit(b")", 1)[1].split()[1])  # the name may hold ")"
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        parent_pid = todo.pop()
        children = [c for c, p in parent.items() if p == parent_pid]
        out += children
        todo += children
    return out


def _bootstrap(conn, tmp: str, memory: int | None, target, args) -> None:
    """In the worker: Ctrl+C is the parent's to handle, SIGTERM ends it at once; temporary
    files go to its private folder; its memory is capped; then ``target``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    tempfile.tempdir = tmp
    os.environ["TMPDIR"] = tmp
    cap_memory(memory)
    conn.send("ready")
    try:
        target(conn, *args)
    finally:
        conn.close()


def cap_memory(extra: int | None) -> None:
    """Cap the address space of this process at what it uses now plus ``extra`` bytes."""
    if not extra:
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = size + extra
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):  # not Linux: the limits and the time budget still hold
        pass


# ---------------------------------------------------------------- one call


def call(function, args: tuple, seconds: float, ctx=None, memory: int | None = None):
    """``function(*args)`` in a worker process, within ``seconds``: its value; the
    :class:`InputError` it raised; :class:`WorkerFailed` when it took longer or died. Without
    a way to start one, in this process."""
    ctx = ctx if ctx is not None else context()
    if ctx is None:
        return function(*args)
    worker = Worker(ctx, _call_main, (function, args), memory)
    done = False
    try:
        if not worker.ready():
            raise WorkerFailed("died", worker.exitcode())
        if not worker.conn.poll(seconds):
            raise WorkerFailed("timeout")
        try:
            answer = worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed("died", worker.exitcode()) from None
        done = True
    finally:
        worker.stop(wait=1 if done else 0)
    return _unpacked(answer)


def _call_main(conn, function, args) -> None:
    conn.send(_packed(function, args))


def _packed(function, args):
    try:
        return ("ok", function(*args))
    except InputError as exc:
        return ("input", exc.en, exc.vi)
    except MemoryError:
        return ("memory",)
    except RecursionError:
        return ("recursion",)


def _unpacked(answer):
    kind = answer[0]
    if kind == "ok":
        return answer[1]
    if kind == "input":
        raise InputError(answer[1], answer[2])
    if kind == "memory":
        raise MemoryError()
    raise RecursionError()


# ---------------------------------------------------------------- a pool of workers over files


@dataclass
class _Task:
    chunk: int
    indexes: list[int]  # positions of its items in the run
    items: list
    single: bool = False  # a file checked alone, after its chunk failed


@dataclass
class _Busy:
    worker: Worker
    task: _Task
    position: int = 0  # items read so far: the item being read, or len(items) while checking
    deadline: float = 0.0


@dataclass
class _Chunk:
    expected: set
    parts: list = field(default_factory=list)  # (indexes, output) of each task done
    failed: dict = field(default_factory=dict)  # index -> (en, vi) of an item lost


def pool_run(chunks: list[list], handler, args: tuple, jobs: int, seconds: float, label, ctx=None,
             memory: int | None = None, progress=None, total: float | None = None):
    """Run ``handler`` over chunks of items in ``jobs`` workers (a generator of
    ``(parts, failed)`` per chunk, in the order of the chunks).

    In a worker, ``handler(conn, *args)`` is sent each task's items and answers with
    ``("read", k)`` after item ``k`` and ``("done", output)`` at the end (``serve_tasks``).
    ``parts`` are the (run positions, output) of the tasks that make the chunk, ``failed``
    maps the position of each item lost to its (English, Vietnamese) line. ``label(item)``
    names an item in those lines. ``progress(n)`` is called once per item. With ``total``
    (seconds), the items not done when it has passed are lost too (the web page bounds the
    time one upload holds the server)."""
    ctx = ctx if ctx is not None else context()
    pending: deque[_Task] = deque()
    state: dict[int, _Chunk] = {}
    position = 0
    for c, items in enumerate(chunks):
        indexes = list(range(position, position + len(items)))
        position += len(items)
        state[c] = _Chunk(set(indexes))
        if items:
            pending.append(_Task(c, indexes, list(items)))
    counted: set[int] = set()
    idle: list[Worker] = []
    busy: list[_Busy] = []
    next_chunk = 0

    def count(index: int) -> None:
        if progress and index not in counted:
            counted.add(index)
            progress(1)

    def fail(b: _Busy, error: WorkerFailed) -> None:
        task = b.task
        if b.position < len(task.items):  # reading an item: it is lost, the others are read again
            k = b.position
            state[task.chunk].failed[task.indexes[k]] = error.lines(label(task.items[k]), seconds, "read")
            count(task.indexes[k])
            rest = [i for i in range(len(task.items)) if i != k]
            if rest:
                pending.appendleft(_Task(task.chunk, [task.indexes[i] for i in rest],
                                         [task.items[i] for i in rest], task.single))
        elif len(task.items) == 1:  # checking one item: it is lost
            state[task.chunk].failed[task.indexes[0]] = error.lines(label(task.items[0]), seconds, "check")
        else:  # checking a chunk: each of its items checked alone, to find the one to blame
            for i in reversed(range(len(task.items))):
                pending.appendleft(_Task(task.chunk, [task.indexes[i]], [task.items[i]], True))

    def complete(c: int) -> bool:
        s = state[c]
        done = set(s.failed)
        for indexes, _ in s.parts:
            done.update(indexes)
        return done >= s.expected

    expires = time.monotonic() + total if total else None

    def expire() -> None:
        """The whole run's time is up: every item not done is lost."""
        for b in busy:
            b.worker.stop()
            for k in range(b.position, len(b.task.items)):
                state[b.task.chunk].failed[b.task.indexes[k]] = timeout_error(label(b.task.items[k]), total, "upload")
        busy.clear()
        while pending:
            task = pending.popleft()
            for index, item in zip(task.indexes, task.items):
                state[task.chunk].failed[index] = timeout_error(label(item), total, "upload")
        for c, s in state.items():  # items read by a worker whose chunk was lost
            done = set(s.failed)
            for indexes, _ in s.parts:
                done.update(indexes)
            for index in s.expected - done:
                s.failed[index] = timeout_error(label(chunks_items[index]), total, "upload")

    chunks_items = [item for items in chunks for item in items]
    try:
        while next_chunk < len(chunks):
            while next_chunk < len(chunks) and complete(next_chunk):
                s = state.pop(next_chunk)
                yield s.parts, s.failed
                next_chunk += 1
            if next_chunk >= len(chunks):
                break
            # hand the pending tasks to idle workers, starting workers up to ``jobs``
            while pending and (idle or len(busy) < jobs):
                if idle:
                    worker = idle.pop()
                else:
                    worker = Worker(ctx, serve_tasks, (handler, args), memory)
                    if not worker.ready():
                        code = worker.exitcode()
                        worker.stop()
                        raise RuntimeError(f"a worker process did not start (exit status {code})")
                task = pending.popleft()
                try:
                    worker.conn.send(task.items)
                except (OSError, EOFError):
                    pending.appendleft(task)
                    worker.stop()
                    continue
                busy.append(_Busy(worker, task, 0, time.monotonic() + seconds))
            if not busy:
                continue
            now = time.monotonic()
            if expires is not None and now >= expires:
                expire()
                continue
            timeout = max(0.0, min([b.deadline for b in busy] + ([expires] if expires else [])) - now)
            ready = wait([b.worker.conn for b in busy], timeout)
            for b in list(busy):
                if b.worker.conn not in ready:
                    continue
                try:
                    message = b.worker.conn.recv()
                except (EOFError, OSError):
                    busy.remove(b)
                    code = b.worker.exitcode()
                    b.worker.stop()
                    fail(b, WorkerFailed("died", code))
                    continue
                if message[0] == "read":
                    count(b.task.indexes[message[1]])
                    b.position = message[1] + 1
                    b.deadline = time.monotonic() + seconds
                elif message[0] == "ready":  # the checks imported: the budget of the checking starts now
                    b.deadline = time.monotonic() + seconds
                else:  # ("done", output)
                    busy.remove(b)
                    idle.append(b.worker)
                    state[b.task.chunk].parts.append((b.task.indexes, message[1]))
            now = time.monotonic()
            for b in list(busy):
                if b.deadline <= now and b.worker.conn not in ready:
                    busy.remove(b)
                    b.worker.stop()
                    fail(b, WorkerFailed("timeout"))
    finally:
        for b in busy:
            b.worker.stop()
        for w in idle:
            try:
                w.conn.send(None)  # the end: the worker returns
            except (OSError, EOFError):
                pass
            w.stop(wait=1)


def serve_tasks(conn, handler, args) -> None:
    """In a worker: tasks until the parent sends None or goes away."""
    handler = handler(*args)
    while True:
        try:
            items = conn.recv()
        except (EOFError, OSError):
            return
        if items is None:
            return
        outputs = []
        for k, item in enumerate(items):
            outputs.append(handler.item(item))
            conn.send(("read", k))
        if hasattr(handler, "prepare") and handler.prepare(outputs):
            conn.send(("ready", None))  # (a worker's first imports are no file's time)
        conn.send(("done", handler.finish(outputs)))
