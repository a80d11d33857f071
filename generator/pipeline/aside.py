"""Work done aside: a function run in a forked process on the core the caller leaves idle.

A community's build is one process per community, and MkDocs keeps one core busy; what needs
only the loaded records (the kiosk, open data, the sheets' PDFs) or only a dictionary (jieba's)
runs beside it instead of after it. ``Aside(fn, *args)`` forks at once; ``result()`` waits and
returns ``fn(*args, *sent)`` or raises what it raised (an OSError of a full disk stays one), or
``AsideFailed`` with the reason in words when that cannot travel or the process died. An aside that
needs what the caller makes later (the words jieba is to cut, once MkDocs has built the pages)
is started with ``waits=True``: it runs ``prepare`` at once, then ``send(...)`` hands it the rest.

Results and requests travel pickled through pipes; os.fork rather than multiprocessing, since a
community build already runs in a pool's daemonic worker (which may not start processes of its own).
Each child closes the pipe ends of the asides started before it: one holding another's request
open would keep that one waiting for the end of its request until the holder exits.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
from collections.abc import Callable
from typing import Any

# This process's ends of the pipes of its asides still running: a child forked now closes them.
_OPEN: set[int] = set()


class AsideFailed(RuntimeError):
    """The aside raised what cannot be sent back (``reason``: it in words) or died (``died``)."""

    def __init__(self, reason: str, died: bool = False):
        self.reason, self.died = reason, died
        super().__init__(reason)


def reason_of(exc: BaseException) -> str:
    if type(exc) is RuntimeError and exc.args:
        return str(exc)  # ours, already in words (Pango missing, say)
    return f"{type(exc).__name__}: {exc}"


class Aside:
    def __init__(self, fn: Callable[..., Any], *args: Any, waits: bool = False,
                 prepare: Callable[[], object] | None = None):
        self.parent = os.getpid()
        result_read, result_write = os.pipe()
        request_read, request_write = os.pipe() if waits else (-1, -1)
        self.pid = os.fork()
        if self.pid == 0:
            for fd in _OPEN:
                os.close(fd)
            _OPEN.clear()
            os.close(result_read)
            if waits:
                os.close(request_write)
            _run_and_send(fn, args, prepare, request_read, result_write)  # never returns
        os.close(result_write)
        if waits:
            os.close(request_read)
        self.read, self.request = result_read, request_write
        _OPEN.update(fd for fd in (result_read, request_write) if fd >= 0)

    def send(self, *args: Any) -> None:
        """The rest of the arguments of an aside started with ``waits=True`` (once)."""
        request, self.request = self.request, -1
        _OPEN.discard(request)
        try:
            with os.fdopen(request, "wb") as stream:
                stream.write(pickle.dumps(args))
        except BrokenPipeError:
            pass  # it ended before reading: result() says how

    def ready(self) -> bool:
        """Whether ``result()`` would return at once (the aside has written its result)."""
        return self.read < 0 or bool(select.select([self.read], [], [], 0)[0])

    def result(self) -> Any:
        """Wait for the aside; its value, or AsideFailed."""
        read, self.read = self.read, -1
        _OPEN.discard(read)
        with os.fdopen(read, "rb") as stream:
            data = stream.read()  # to EOF first: a child blocked on a full pipe never exits
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        code = os.waitstatus_to_exitcode(status)
        try:
            outcome, value = pickle.loads(data)
        except Exception:
            outcome, value = "lost", None
        if outcome == "ok" and code == 0:
            return value
        if outcome == "raised":
            raise value
        if outcome == "error":
            raise AsideFailed(value)
        raise AsideFailed(f"信号 {-code}" if code < 0 else f"退出码 {code}", died=True)

    def stop(self) -> None:
        """Never waited for (the build failed before it needed the result): stop and reap it."""
        if self.pid and os.getpid() == self.parent:
            for fd in (self.read, self.request):
                if fd >= 0:
                    _OPEN.discard(fd)
                    os.close(fd)
            self.read = self.request = -1
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0

    def __del__(self):
        self.stop()


def _run_and_send(fn, args, prepare, request_fd: int, result_fd: int) -> None:
    code = 1
    payload: tuple[str, object]  # ("ok", value), ("raised", the exception) or ("error", it in words)
    try:
        try:
            if prepare is not None:
                prepare()
            if request_fd >= 0:
                with os.fdopen(request_fd, "rb") as stream:
                    args = (*args, *pickle.loads(stream.read()))
            payload = ("ok", fn(*args))
            code = 0
        except BaseException as exc:  # noqa: BLE001 - everything goes to the parent
            payload = ("raised", exc) if _travels(exc) else ("error", reason_of(exc))
        with os.fdopen(result_fd, "wb") as stream:
            stream.write(pickle.dumps(payload))
    finally:
        os._exit(code)  # no atexit handlers, no flushing the parent's buffers a second time


def _travels(exc: BaseException) -> bool:
    """Whether the exception comes out of the pipe as it went in (its type and words)."""
    try:
        back = pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return type(back) is type(exc) and str(back) == str(exc)
