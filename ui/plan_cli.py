"""``bandleader plan``: run a planner on messages without executing anything, print the plans."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_plan_parser(sub: Any) -> None:
    """Register the ``plan`` subcommand on ``sub`` (an argparse subparsers object)."""
    plan = sub.add_parser("plan", help="what the planner would do with a message (runs nothing)")
    plan.add_argument("message", nargs="?", help="the message (or use --jsonl)")
    plan.add_argument(
        "--jsonl", metavar="FILE", help='one {"message", "context"} object per line ("-": stdin)'
    )
    plan.add_argument(
        "--context",
        choices=["none", "audio", "song", "video", "recommend"],
        default="none",
        help="the session the message is sent in (default none; a line's own context wins)",
    )
    plan.add_argument("--session", help="plan against this saved session's current version instead")
    plan.add_argument("--planner", default="auto", help="local, llm or auto (default: the configured one)")
    plan.add_argument("--json", action="store_true", help="print one JSON object per plan")
    plan.set_defaults(func=cmd_plan)


def _session_summary(args: argparse.Namespace) -> Any:
    from agent.agent import Agent
    from agent.plan import SessionSummary

    agent = Agent(home=Path(args.home) if args.home else None)
    workspace = agent.open_session(args.session)
    summary = workspace.summary()
    return SessionSummary(session_id=args.session, current=summary.current, n_versions=summary.n_artifacts)


def _print(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return
    for c in result["calls"]:
        print(f"{c['tool']} {json.dumps(c['arguments'], ensure_ascii=False)}")
    if result["question"]:
        print(f"question: {result['question']}")
    if result["reply"]:
        print(f"reply: {result['reply']}")
    if not (result["calls"] or result["question"] or result["reply"]):
        print("(nothing)")


def cmd_plan(args: argparse.Namespace) -> int:
    """Print the plan for ``args.message`` or every line of ``args.jsonl``; returns the exit status."""
    from agent.planners.dry_run import CONTEXTS, dry_plan
    from agent.planners.factory import PlannerUnavailableError, make_planner

    if not args.message and not args.jsonl:
        print("bandleader plan: give a MESSAGE or --jsonl FILE", file=sys.stderr)
        return 2
    try:
        planner = make_planner(args.planner)
    except PlannerUnavailableError as exc:
        print(f"bandleader plan: {exc}", file=sys.stderr)
        return 2
    session = _session_summary(args) if args.session else None
    if args.message:
        _print(dry_plan(planner, args.message, args.context, session=session), args.json)
        return 0
    stream = sys.stdin if args.jsonl == "-" else Path(args.jsonl).open()
    status = 0
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                context = item.get("context") or args.context
                if context not in CONTEXTS:
                    raise ValueError(f"context must be one of {', '.join(CONTEXTS)}")
                message = str(item["message"])
            except (ValueError, KeyError, AttributeError) as exc:
                print(f"bandleader plan: line {n}: {exc}", file=sys.stderr)
                status = 1
                continue
            _print(dry_plan(planner, message, context, session=session), args.json)
    return status
