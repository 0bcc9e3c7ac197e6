"""Running the worker process for one file, with its bounds (docs/documents.md, "Limits").

- wall clock: `timeout` seconds for the whole file (the process group is killed past it);
- memory: RLIMIT_AS of `memory_mb` for the worker and what it starts (Tesseract, LibreOffice);
- CPU: RLIMIT_CPU of `timeout` seconds;
- pages: the readers stop at `Limits.max_pages` (and OCR at `Limits.ocr_max_pages`), saying so.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from gongkai.documents.extract import Limits


@dataclass
class Outcome:
    ok: bool
    result: dict | None = None
    error: str = ""
    seconds: float = 0.0


def _limit(memory_mb: int, cpu_seconds: int) -> Callable[[], None]:
    def apply() -> None:
        os.setsid()  # a process group of its own, killed as a whole on timeout
        if memory_mb:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))
        if cpu_seconds:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run_job(name: str, payload: dict, *, limits: Limits, timeout: int, memory_mb: int) -> Outcome:
    """A redaction job (`find`, `redact`) in the bounded worker."""
    payload = {**payload, "limits": asdict(limits)}
    arguments = ["--job", name, json.dumps(payload, ensure_ascii=False)]
    return _run(arguments, timeout=timeout, memory_mb=memory_mb, progress=None)


def run(
    path: str,
    kind: str,
    *,
    limits: Limits,
    timeout: int,
    memory_mb: int,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Read the text of one file in the bounded worker."""
    arguments = [kind, path, json.dumps(asdict(limits))]
    return _run(arguments, timeout=timeout, memory_mb=memory_mb, progress=progress)


def _run(arguments: list[str], *, timeout: int, memory_mb: int, progress) -> Outcome:
    started = time.monotonic()
    command = [sys.executable, "-m", "gongkai.documents.worker", *arguments]
    process = subprocess.Popen(  # noqa: S603 - our interpreter and module
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit(memory_mb, timeout),
        env={**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONUNBUFFERED": "1"},
    )
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    final: dict | None = None
    stderr = b""
    try:
        assert process.stdout is not None and process.stderr is not None  # both are PIPE
        for line in process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "progress" in message and progress:
                progress(*message["progress"])
            elif "result" in message or "error" in message:
                final = message
        stderr = process.stderr.read()
        process.wait()
    finally:
        timer.cancel()
        if process.poll() is None:
            kill()
            process.wait()
    seconds = round(time.monotonic() - started, 3)
    if timed_out.is_set():
        return Outcome(False, error=f"读取超时（超过{timeout}秒），已停止。", seconds=seconds)
    if final is None:
        tail = stderr.decode("utf-8", "replace")
        starved = ("MemoryError", "failed to map segment", "Cannot allocate memory", "bad_alloc")
        if any(s in tail for s in starved) or process.returncode in (-signal.SIGKILL, -signal.SIGSEGV):
            return Outcome(False, error=f"读取时超过内存上限（{memory_mb} MB），已停止。", seconds=seconds)
        if process.returncode == -signal.SIGXCPU:
            return Outcome(False, error=f"读取超过处理时间上限（{timeout}秒），已停止。", seconds=seconds)
        return Outcome(False, error=f"读取进程异常退出（代码 {process.returncode}）。", seconds=seconds)
    if "error" in final:
        return Outcome(False, error=final["error"], seconds=seconds)
    return Outcome(True, result=final["result"], seconds=seconds)
