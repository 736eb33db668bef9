"""Finding and running the ffmpeg/ffprobe command-line programs."""

from __future__ import annotations

import fcntl
import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from typing import IO

from tools.audio.limits import FFMPEG_TIMEOUT_S
from tools.base import ToolError

_PREFIX = re.compile(r"^\[[^\]]*@ 0x[0-9a-f]+\]\s*")
# An absolute path in ffmpeg's message (a server's upload folder) says nothing to a person and leaks
# where files live: keep only the file's own name.
_ABSOLUTE_PATH = re.compile(r"(?:[A-Za-z]:)?[/\\](?:[^/\\:\s]+[/\\])+(?=[^/\\:\s]+)")
_INSTALL_HINT = "install ffmpeg (e.g. `apt-get install ffmpeg`) and try again"


def binary(name: str) -> str:
    """Absolute path of ``ffmpeg`` or ``ffprobe``; ToolError("missing_dependency") when not installed."""
    found = shutil.which(name)
    if found is None:
        raise ToolError(
            f"{name} is not installed on this machine: {_INSTALL_HINT}.", code="missing_dependency"
        )
    return found


def check_ffmpeg() -> str | None:
    """None when ffmpeg and ffprobe are both on PATH, else a reason a person can act on."""
    missing = [name for name in ("ffmpeg", "ffprobe") if shutil.which(name) is None]
    if missing:
        return f"{' and '.join(missing)} not found: {_INSTALL_HINT}"
    return None


def _grow_pipe(stream: IO[bytes] | None) -> None:
    """Ask Linux for a 1 MiB pipe buffer (fewer context switches when piping raw audio)."""
    if stream is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return
    try:
        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except OSError:
        pass  # not permitted or not a pipe: the default buffer works too


def run(
    name: str, args: Sequence[str], *, input_bytes: bytes | None = None, timeout_s: float = FFMPEG_TIMEOUT_S
) -> subprocess.CompletedProcess[bytes]:
    """Run ``name`` (ffmpeg/ffprobe) with ``args``; returns the completed process (stdout/stderr as bytes).

    ``input_bytes`` is fed to its stdin. Does not raise on a non-zero exit status; raises
    ToolError("timeout") when it runs longer than ``timeout_s`` seconds.
    """
    cmd = [binary(name), *args]
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _grow_pipe(proc.stdout)
    err: list[bytes] = []
    killed = threading.Event()

    def drain_stderr() -> None:
        assert proc.stderr is not None
        err.append(proc.stderr.read())

    def feed_stdin() -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(input_bytes or b"")
        except (BrokenPipeError, OSError):
            pass  # ffmpeg exited early; its status and stderr say why
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def kill() -> None:
        killed.set()
        proc.kill()

    threads = [threading.Thread(target=drain_stderr, daemon=True)]
    if input_bytes is not None:
        threads.append(threading.Thread(target=feed_stdin, daemon=True))
    for thread in threads:
        thread.start()
    timer = threading.Timer(timeout_s, kill)
    timer.start()
    try:
        assert proc.stdout is not None
        out = proc.stdout.read()
        proc.wait()
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for thread in threads:
            thread.join()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    if killed.is_set():
        raise ToolError(
            f"{name} took longer than {timeout_s:.0f} s and was stopped: try a shorter file.", code="timeout"
        )
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err[0] if err else b"")


def stderr_excerpt(stderr: bytes | str, max_chars: int = 160) -> str:
    """The first error line of ffmpeg's stderr (without its ``[codec @ 0x...]`` prefix), at most
    ``max_chars`` characters, to end a human message with."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [_ABSOLUTE_PATH.sub("", _PREFIX.sub("", line)).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    excerpt = lines[0]
    if len(excerpt) > max_chars:
        excerpt = excerpt[: max_chars - 1] + "…"
    return excerpt
