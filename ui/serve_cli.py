"""``bandleader serve``: the full product on Ray Serve (a local Ray, or a cluster with ``--address``).

- ``bandleader serve [--port P] [--host H] [--config FILE] [--address auto] [--num-cpus N]``
  starts Ray (or joins the cluster at ``--address``), deploys the application from the config and
  serves until stopped (Ctrl-C or ``--stop``); prints ``Bandleader API on http://HOST:PORT`` once
  it answers ``/readyz``.
- ``bandleader serve --status`` prints the application's deployments and their state (JSON with ``--json``).
- ``bandleader serve --stop`` stops the server started from this artifact store.

The running server is recorded in ``<artifact store>/serve.json`` (pid, URL, Ray address, metrics port).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

STATE_FILE = "serve.json"
"""Name of the record of the running server inside the artifact store."""


def add_serve_parser(sub: Any) -> None:
    """Register the ``serve`` subcommand on ``sub`` (an argparse subparsers object)."""
    serve = sub.add_parser("serve", help="run the HTTP API and the tools on Ray Serve (local or a cluster)")
    serve.add_argument("--port", type=int, default=None, help="HTTP port (default: the config's, 8000)")
    serve.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    serve.add_argument("--config", metavar="FILE", help="serve config YAML (default serving/config.yaml)")
    serve.add_argument("--address", help="join this Ray cluster ('auto' or HOST:PORT)")
    serve.add_argument("--num-cpus", type=float, default=None, help="CPUs for the local Ray (default all)")
    serve.add_argument("--metrics-port", type=int, default=None, help="Ray's Prometheus port")
    serve.add_argument("--status", action="store_true", help="show the running application's deployments")
    serve.add_argument("--stop", action="store_true", help="stop the server started from this store")
    serve.add_argument("--json", action="store_true", help="print --status as one JSON object")
    serve.set_defaults(func=cmd_serve)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, exited but not yet reaped by its parent, is not alive)."""
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def read_state(store: Path) -> dict[str, Any] | None:
    """The record of the server running from ``store`` (None when none is running)."""
    path = store / STATE_FILE
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and _alive(int(state.get("pid", -1))) else None


def use_cluster_token(state: dict[str, Any]) -> None:
    """Points this process at the token of the server's local Ray (Ray's token authentication)."""
    token_path = state.get("auth_token_path")
    if token_path:
        os.environ["RAY_AUTH_MODE"] = "token"
        os.environ["RAY_AUTH_TOKEN_PATH"] = str(token_path)
        os.environ.pop("RAY_AUTH_TOKEN", None)
        if "ray" in sys.modules:  # Ray read its config at import: make it read the new mode
            from ray._raylet import Config

            Config.initialize("")


def _new_cluster_token(store: Path) -> Path:
    """A fresh token for a local Ray, readable only by this user; returns its file."""
    import secrets

    path = store / "ray_auth_token"
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32))
    return path


def _config(args: argparse.Namespace) -> Any:
    from serving.ray.config import load_config

    overrides: dict[str, Any] = {}
    if getattr(args, "home", None):
        overrides["artifact_store"] = args.home
    config = load_config(args.config, **overrides)
    if args.port is not None:
        config.ingress.port = args.port
    if args.host:
        config.ingress.host = args.host
    return config


def cmd_serve(args: argparse.Namespace) -> int:
    """Runs, inspects or stops the server (see the module docstring); returns the exit status."""
    from tools.base import ToolError

    try:
        config = _config(args)
        if args.status:
            return _status(config.store(), args.json)
        if args.stop:
            return _stop(config.store())
        return _run(config, args)
    except ToolError as exc:
        print(exc.message, file=sys.stderr)
        return 2


def _status(store: Path, as_json: bool) -> int:
    state = read_state(store)
    if state is None:
        print(f"No Bandleader server is running from {store}.", file=sys.stderr)
        return 1
    import ray
    from ray import serve

    use_cluster_token(state)
    ray.init(address=state["ray_address"], logging_level="ERROR", log_to_driver=False)
    try:
        apps = serve.status().applications
        app = apps.get("bandleader")
        deployments = (
            {name: {"status": str(d.status.value), "replicas": dict(d.replica_states)}
             for name, d in app.deployments.items()}
            if app else {}
        )  # fmt: skip
        report = {
            "url": state["url"],
            "status": str(app.status.value) if app else "NOT_DEPLOYED",
            "ray_address": state["ray_address"],
            "metrics_port": state.get("metrics_port"),
            "deployments": deployments,
        }
    finally:
        ray.shutdown()
    if as_json:
        print(json.dumps(report))
    else:
        print(f"Bandleader API on {report['url']}: {report['status']}")
        for name, d in deployments.items():
            replicas = ", ".join(f"{n} {state_}" for state_, n in d["replicas"].items())
            print(f"  {name:<22} {d['status']:<10} {replicas}")
        if report["metrics_port"]:
            print(f"  Ray metrics (Prometheus) on port {report['metrics_port']}")
    return 0


def _stop(store: Path, wait_s: float = 90.0) -> int:
    state = read_state(store)
    if state is None:
        print(f"No Bandleader server is running from {store}.", file=sys.stderr)
        return 1
    pid = int(state["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_s
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        print(f"The server (pid {pid}) did not stop within {wait_s:.0f} s.", file=sys.stderr)
        return 1
    print("Bandleader server stopped.", file=sys.stderr)
    return 0


def _wait_ready(url: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=10) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def _run(config: Any, args: argparse.Namespace) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    store: Path = config.store()
    store.mkdir(parents=True, exist_ok=True)
    running = read_state(store)
    if running is not None:
        print(f"A Bandleader server is already running from {store} at {running['url']}.", file=sys.stderr)
        return 1
    token = None if args.address else _new_cluster_token(store)
    if token is not None:
        use_cluster_token({"auth_token_path": str(token)})
    import ray
    from ray import serve

    from serving.ray.application import APP_NAME, LLM_APP_NAME, build_application, build_llm_application

    metrics_port = args.metrics_port or _free_port()
    # Serve's proxy must answer its ready/health checks within 5/10 s by default; on a busy laptop it
    # misses that and is restarted over and over. Values set by the person are kept.
    for name, seconds in (("RAY_SERVE_PROXY_READY_CHECK_TIMEOUT_S", "60"),
                          ("RAY_SERVE_PROXY_HEALTH_CHECK_TIMEOUT_S", "60")):  # fmt: skip
        os.environ.setdefault(name, seconds)
    # the store and the code travel to every worker through the environment / working dir
    # every BANDLEADER_* setting (API keys, limits, database URL, caches) reaches every replica
    env = {k: v for k, v in os.environ.items() if k.startswith(("BANDLEADER_", "RAY_SERVE_PROXY_"))}
    env.update({"BANDLEADER_HOME": str(store), "HF_HUB_OFFLINE": "1"})
    if args.address:
        ray.init(address=args.address, runtime_env={"env_vars": env}, logging_level="WARNING")
    else:
        from tools.ray_tasks import init_local_ray

        init_local_ray(
            num_cpus=args.num_cpus, include_dashboard=False, _metrics_export_port=metrics_port,
            runtime_env={"env_vars": env}, logging_level="WARNING",
        )  # fmt: skip
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    url = f"http://{config.ingress.host}:{config.ingress.port}"
    try:
        for attempt in (1, 2, 3):  # serve.start waits 60 s for the HTTP proxy: a busy machine can miss it
            try:
                serve.start(http_options={"host": config.ingress.host, "port": config.ingress.port})
                break
            except ray.exceptions.GetTimeoutError:
                if attempt == 3:
                    raise
                print("Ray Serve's HTTP proxy was slow to start; waiting for it again.", file=sys.stderr)
        if config.llm_deployment is not None:  # the planner's model first: the agent calls it
            serve.run(build_llm_application(config), name=LLM_APP_NAME,
                      route_prefix=config.llm_deployment.route_prefix, blocking=False)  # fmt: skip
        serve.run(build_application(config), name=APP_NAME, route_prefix="/", blocking=False)
        gcs = ray.get_runtime_context().gcs_address
        state = {
            "pid": os.getpid(), "url": url, "ray_address": gcs, "metrics_port": metrics_port,
            "auth_token_path": str(token) if token else None,
        }  # fmt: skip
        (store / STATE_FILE).write_text(json.dumps(state))
        if not _wait_ready(url, 300):
            print(f"The server at {url} did not become ready; see the Ray logs.", file=sys.stderr)
            return 1
        print(f"Bandleader API on {url} (Ray metrics on port {metrics_port})", file=sys.stderr, flush=True)
        while not stop.wait(1.0):
            pass
        return 0
    finally:
        (store / STATE_FILE).unlink(missing_ok=True)
        try:
            if args.address:
                serve.delete(APP_NAME)
                if config.llm_deployment is not None:
                    serve.delete(LLM_APP_NAME)
            else:
                serve.shutdown()
        finally:
            ray.shutdown()
