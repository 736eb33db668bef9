"""``bandleader serve`` as a child process on 127.0.0.1: start, wait for ready, kill replicas, stop.

Used by the Ray Serve tests and ``benchmarks/serve_load.py`` so both exercise the real command.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(path: Path, store: Path, port: int, **settings: Any) -> Path:
    """Writes a serve config YAML at ``path`` (store, ingress port, top-level ``settings``); returns it."""
    data: dict[str, Any] = {"artifact_store": str(store), "ingress": {"host": "127.0.0.1", "port": port}}
    data.update(settings)
    path.write_text(yaml.safe_dump(data))
    return path


@dataclass
class ServeProcess:
    """A running ``bandleader serve``: its URL, store, config and log file."""

    proc: subprocess.Popen[bytes]
    url: str
    store: Path
    config: Path
    log: Path

    def state(self) -> dict[str, Any]:
        """The server's ``serve.json`` record (pid, Ray address, token file, metrics port)."""
        return dict(json.loads((self.store / "serve.json").read_text()))

    def _in_ray(self, code: str) -> Any:
        """Runs ``code`` (which sets ``result``) in a fresh Python joined to the server's Ray cluster and
        returns ``result`` (JSON). A fresh process, because Ray keeps the first auth token and cluster a
        process saw: a test process that ran other Ray work earlier could not join this one."""
        state = self.state()
        env = {**os.environ}
        env.pop("RAY_AUTH_TOKEN", None)
        env.pop("RAY_ADDRESS", None)
        if state.get("auth_token_path"):
            env["RAY_AUTH_MODE"] = "token"
            env["RAY_AUTH_TOKEN_PATH"] = str(state["auth_token_path"])
        script = (
            "import json, ray, ray.util\n"
            f"ray.init(address={state['ray_address']!r}, logging_level='ERROR', log_to_driver=False)\n"
            f"{code}\n"
            "print('RESULT ' + json.dumps(result))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=180
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"joining the server's Ray cluster failed: {done.stderr[-2000:]}")
        return json.loads(lines[-1][len("RESULT ") :])

    def session_dir(self) -> Path:
        """The folder of the server's Ray session (logs under ``logs/``)."""
        return Path(self._in_ray("result = ray._private.worker.global_worker.node.get_session_dir_path()"))

    def replica_names(self, deployment: str) -> list[str]:
        """Actor names of ``deployment``'s live replicas (e.g. ``tools-generation``, ``agent``)."""
        marker = f"#{deployment}#"
        names = self._in_ray("result = [a['name'] for a in ray.util.list_named_actors(all_namespaces=True)]")
        return [name for name in names if marker in name]

    def kill_replica(self, deployment: str) -> str:
        """Kills one replica of ``deployment`` (Serve starts a new one); returns the killed actor's name."""
        names = self.replica_names(deployment)
        if not names:
            raise RuntimeError(f"no replica of {deployment} is running")
        self._in_ray(
            f"ray.kill(ray.get_actor({names[0]!r}, namespace='serve'), no_restart=True); result = True"
        )
        return names[0]

    def stop(self, timeout_s: float = 120.0) -> int:
        """Stops the server (SIGTERM; SIGKILL of its group after ``timeout_s``); returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        return int(self.proc.returncode or 0)


def start_server(
    config: Path, store: Path, log: Path, *, num_cpus: float = 2, timeout_s: float = 600.0
) -> ServeProcess:
    """Starts ``bandleader serve --config CONFIG`` (niced, its own process group) and waits until it
    prints that it is ready; returns the running server. RuntimeError (with the log's tail) otherwise."""
    cfg = yaml.safe_load(config.read_text())
    url = f"http://127.0.0.1:{cfg['ingress']['port']}"
    env = dict(os.environ, BANDLEADER_HOME=str(store), HF_HUB_OFFLINE="1", RAY_USAGE_STATS_ENABLED="0")
    cmd = ["nice", "-n", "10", sys.executable, "-m", "ui.cli", "serve", "--config", str(config)]
    cmd += ["--num-cpus", str(num_cpus)]
    offset = log.stat().st_size if log.exists() else 0
    out = log.open("ab")
    proc = subprocess.Popen(
        cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    server = ServeProcess(proc=proc, url=url, store=store, config=config, log=log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        if b"Bandleader API on" in log.read_bytes()[offset:]:
            return server
        time.sleep(1.0)
    server.stop(timeout_s=60)
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"bandleader serve did not become ready:\n{tail}")
