"""``bandleader llm serve-local``: start the local planner model on vLLM (CPU build) and keep it up."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any


def add_llm_parser(sub: Any) -> None:
    """Register the ``llm`` subcommand (``serve-local``) on ``sub`` (an argparse subparsers object)."""
    llm = sub.add_parser("llm", help="the planner language model: serve it locally on vLLM")
    llm_sub = llm.add_subparsers(dest="llm_command", required=True)
    serve = llm_sub.add_parser(
        "serve-local", help="serve SmolLM2-135M (or --model DIR) on 127.0.0.1 with vLLM's OpenAI API"
    )
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    which = serve.add_mutually_exclusive_group()
    which.add_argument("--model", metavar="DIR", help="a Hugging Face model folder (default: SmolLM2-135M)")
    which.add_argument(
        "--tuned",
        action="store_true",
        help="the planner fine-tuned for Bandleader's tools (base + the committed LoRA adapter, merged once)",
    )
    serve.set_defaults(func=cmd_serve_local)


def cmd_serve_local(args: argparse.Namespace) -> int:
    """Builds the vLLM venv and the model folder when missing, starts the server and waits until
    interrupted; returns the exit status."""
    from serving.llm.model_prep import convert
    from serving.llm.server import start_local_server
    from serving.llm.venv import ensure_vllm_venv

    try:
        print("Preparing the vLLM environment (minutes the first time)...", file=sys.stderr, flush=True)
        ensure_vllm_venv()
        if args.tuned:
            from agent.planners.tuning.merge import build_planner_model

            print("Building the fine-tuned planner (once)...", file=sys.stderr, flush=True)
            model_dir = build_planner_model()
        else:
            model_dir = Path(args.model) if args.model else convert()
        print(f"Starting vLLM for {model_dir.name} on port {args.port}...", file=sys.stderr, flush=True)
        server = start_local_server(model_dir, args.port)
    except (RuntimeError, FileNotFoundError, OSError) as exc:
        print(f"The local language model could not start: {exc}", file=sys.stderr)
        return 1
    print(f"Ready in {server.started_s:.0f} s. Use it with:", file=sys.stderr)
    print(f"  export BANDLEADER_LLM_URL={server.url} BANDLEADER_LLM_MODEL={server.model}")
    print("  bandleader ask --planner llm 'make a jazz song at 100 bpm'", file=sys.stderr)
    print(f"(server log: {server.log_path}; Ctrl-C stops it)", file=sys.stderr, flush=True)
    try:
        while server.alive():
            time.sleep(1.0)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0 if server.process.returncode in (0, -15, None) else 1


def planner_for(args: argparse.Namespace) -> Any:
    """The planner ``--planner`` names (absent or 'auto': ``BANDLEADER_PLANNER``, else local), or
    None for the agent's default; exits with a plain message when it cannot be built."""
    from agent.planners.factory import PlannerUnavailableError, default_planner_name, make_planner

    name = getattr(args, "planner", None) or "auto"
    if name == "auto" and default_planner_name() == "local":
        return None  # the agent's own default (loaded lazily)
    try:
        return make_planner(name)
    except PlannerUnavailableError as exc:
        raise SystemExit(f"bandleader: {exc}") from exc
