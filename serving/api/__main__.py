"""``python -m serving.api [--host H] [--port P] [--home DIR]``: the HTTP API on an in-process agent.

Binds 127.0.0.1 unless ``--host`` (or ``BANDLEADER_API_HOST``) says otherwise; prints
``Bandleader API on http://HOST:PORT`` once it listens (``--port 0`` picks a free port).
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main(argv: Sequence[str] | None = None) -> int:
    """Serves the API until interrupted; returns the exit status."""
    import uvicorn

    from serving.api.app import make_app
    from serving.api.settings import ApiSettings

    parser = argparse.ArgumentParser(prog="python -m serving.api", description=__doc__)
    parser.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 8000; 0 = any free one)")
    parser.add_argument("--home", default=None, help="sessions folder (default $BANDLEADER_HOME)")
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port is not None:
        overrides["port"] = args.port
    settings = ApiSettings.from_env(**overrides)
    app = make_app(settings, Path(args.home) if args.home else None)
    sock = socket.socket(socket.AF_INET6 if ":" in settings.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))
    host, port = sock.getsockname()[:2]
    print(f"Bandleader API on http://{host}:{port}", file=sys.stderr, flush=True)
    config = uvicorn.Config(app, log_level="warning", timeout_keep_alive=5, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
