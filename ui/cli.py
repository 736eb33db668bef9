"""The ``bandleader`` command line: the web app (``run``/``ui``), terminal ``chat``, one-turn ``ask``,
sessions and the tool registry."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from tools.blas import use_fast_openblas_kernels  # before numpy is loaded

use_fast_openblas_kernels()  # numpy's OpenBLAS kernels named from the CPU's flags (see tools.blas)


def _artifact_json(a: Any) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "id": a.id,
        "kind": a.kind,
        "label": a.label,
        "path": a.path,
        "parent": a.parent,
        "version": a.version,
    }


def turn_json(result: Any) -> dict[str, Any]:
    """The JSON object ``bandleader ask --json`` prints for a TurnResult."""
    return {
        "session": result.session,
        "reply": result.reply,
        "ok": result.ok,
        "tool_calls": [
            {"name": c.name, "arguments": c.arguments, "ok": c.ok, "error": c.error}
            for c in result.tool_calls
        ],
        "artifacts": [_artifact_json(a) for a in result.artifacts],
        "current": _artifact_json(result.current),
        "seconds": round(result.seconds, 3),
    }


def _agent(args: argparse.Namespace) -> Any:
    from agent.agent import Agent
    from ui.llm_cli import planner_for

    return Agent(home=Path(args.home) if args.home else None, planner=planner_for(args))


def _print_event(event: Any) -> None:
    if event.type == "started":
        print(f"  \u25b6 {event.tool} \u2026", file=sys.stderr, flush=True)
    elif event.type == "progress":
        print(f"    {event.tool} {event.fraction * 100:3.0f}% {event.message}", file=sys.stderr, flush=True)
    elif event.type == "failed":
        print(f"  \u2716 {event.tool} failed", file=sys.stderr, flush=True)
    else:
        print(f"  \u2714 {event.tool}", file=sys.stderr, flush=True)


def cmd_ask(args: argparse.Namespace) -> int:
    from agent.agent import TurnResult
    from agent.executor import ToolEvent
    from ui.progress import ProgressBar, wants_bar

    agent = _agent(args)
    result = None
    bar = ProgressBar(enabled=wants_bar(args))
    for item in agent.stream_turn(args.message, args.session, args.attach or []):
        if isinstance(item, TurnResult):
            result = item
        elif isinstance(item, ToolEvent) and bar.enabled:
            bar.event(item)
        elif isinstance(item, ToolEvent) and not args.json and not args.quiet:
            _print_event(item)
    bar.close()
    assert result is not None
    if args.json:
        print(json.dumps(turn_json(result), indent=2))
    else:
        print(result.reply)
        for a in result.artifacts:
            print(f"  [{a.kind}] v{a.version} {a.label}: {a.path}")
        print(f"(session {result.session})", file=sys.stderr)
    return 0 if result.ok else 1


CHAT_HELP = """Type a request, e.g. "normalise this to -14 LUFS", "trim to 30 s", "undo".
Commands: /attach FILE [FILE...]  /versions  /session  /new  /help  /quit"""


def cmd_chat(args: argparse.Namespace) -> int:
    from agent.agent import TurnResult
    from agent.executor import ToolEvent
    from ui.progress import ProgressBar, wants_bar

    agent = _agent(args)
    session = args.session
    staged: list[str] = list(args.attach or [])
    print("Bandleader \u2014 " + CHAT_HELP)
    while True:
        try:
            line = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            continue
        if line.startswith("/"):
            cmd, *rest = shlex.split(line)
            if cmd in ("/quit", "/exit", "/q"):
                return 0
            if cmd == "/help":
                print(CHAT_HELP)
            elif cmd == "/attach":
                for f in rest:
                    if Path(f).expanduser().is_file():
                        staged.append(str(Path(f).expanduser()))
                        print(f"  attached {f} (it goes with your next message)")
                    else:
                        print(f"  no such file: {f}")
            elif cmd == "/new":
                session = None
                print("  a new session starts with your next message")
            elif cmd == "/session":
                print(f"  session: {session or '(new)'}")
            elif cmd == "/versions":
                line = "list versions"
            else:
                print(f"  unknown command {cmd}; /help lists them")
            if cmd != "/versions":
                continue
        result = None
        bar = ProgressBar(enabled=wants_bar(args))
        for item in agent.stream_turn(line, session, staged):
            if isinstance(item, TurnResult):
                result = item
            elif isinstance(item, ToolEvent) and bar.enabled:
                bar.event(item)
            elif isinstance(item, ToolEvent):
                _print_event(item)
        bar.close()
        staged = []
        assert result is not None
        session = result.session
        print(f"bandleader> {result.reply}")
        for a in result.artifacts:
            print(f"  [{a.kind}] v{a.version} {a.label}: {a.path}")


def cmd_ui(args: argparse.Namespace) -> int:
    from ui.app.backend import BackendUnavailableError, make_backend

    try:
        backend = make_backend(api=args.api, home=Path(args.home) if args.home else None)
    except BackendUnavailableError as exc:
        print(exc, file=sys.stderr)
        return 2
    from ui.app.server import launch_app  # imports Gradio (a few seconds)

    print(f"Bandleader is starting on http://{args.host}:{args.port} (Ctrl+C stops it)", file=sys.stderr)
    try:
        launch_app(backend, host=args.host, port=args.port, block=True)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from agent.agent import default_home
    from agent.workspace import Workspace
    from tools.base import ToolError

    ws = Workspace(Path(args.home) if args.home else default_home())
    try:
        if args.action == "list":
            sessions = ws.list_sessions()
            if args.json:
                print(json.dumps([s.model_dump(mode="json") for s in sessions], indent=2))
            elif not sessions:
                print("No sessions yet. Start one with: bandleader chat")
            for s in sessions if not args.json else []:
                cur = f"current v{s.current.version} {s.current.label}" if s.current else "empty"
                print(f"{s.id}\t{s.n_artifacts} versions\t{cur}")
            return 0
        if not args.id:
            print(f"bandleader sessions {args.action} needs a session id", file=sys.stderr)
            return 2
        if args.action == "show":
            session = ws.open_session(args.id)
            current = session.current()
            history = session.history()
            if args.json:
                print(
                    json.dumps(
                        {
                            "session": args.id,
                            "current": current.model_dump(mode="json") if current else None,
                            "versions": [a.model_dump(mode="json") for a in history],
                        },
                        indent=2,
                    )
                )
            else:
                for a in history:
                    mark = "  \u2190 current" if current and a.id == current.id else ""
                    print(f"v{a.version}\t{a.id}\t{a.kind}\t{a.label}\t{a.tool or 'upload'}{mark}")
            return 0
        if args.action == "export":
            session = ws.open_session(args.id)
            dest = Path(args.out or f"{args.id}.zip").resolve()
            print(session.export_zip(dest))
            return 0
        if args.action == "delete":
            ws.delete_session(args.id)
            print(f"deleted {args.id}")
            return 0
    except ToolError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    return 2


def cmd_compose(args: argparse.Namespace) -> int:
    """``bandleader compose PROMPT --out DIR``: write a song (mix, stems, MIDI, MusicXML, LRC, project)."""
    from tools.base import ToolError
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.folder import compose_to_folder
    from ui.progress import ProgressBar, wants_bar

    bar = ProgressBar("compose", enabled=wants_bar(args))
    try:
        song = compose_to_folder(
            ComposeRequest(prompt=args.prompt, seed=args.seed), Path(args.out).expanduser(), check=args.check,
            progress=bar.update,
        )  # fmt: skip
    except ToolError as exc:
        bar.fail()
        print(exc.message, file=sys.stderr)
        return 1
    bar.finish("written")
    if args.json:
        print(json.dumps(song.model_dump(mode="json"), indent=2))
        return 0
    print(f"{song.audio}: {song.key}, {song.tempo_bpm:g} BPM, {song.duration_s:.1f} s ({song.backend})")
    for name, path in song.stems.items():
        print(f"  stem {name}: {path}")
    print(f"  midi {song.midi}\n  musicxml {song.musicxml}\n  project {song.project}\n  lyrics {song.lyrics}")
    for note in song.notes:
        print(f"  note: {note}")
    return 0


def cmd_score_video(args: argparse.Namespace) -> int:
    """``bandleader score-video VIDEO [PROMPT] --out DIR``: music for a video, muxed into an MP4, plus the
    music (WAV) and the song project with its cue sheet, written into DIR."""
    import shutil
    import tempfile

    from agent.agent import Agent
    from tools.audio.probe import detect_kind
    from tools.base import ToolError
    from ui.progress import ProgressBar, wants_bar

    bar = ProgressBar("score-video", enabled=wants_bar(args))
    video = Path(args.video).expanduser()
    out = Path(args.out).expanduser()
    try:
        if not video.is_file():
            raise ToolError(f"I can't find the file {video}: check the path.", code="missing_file")
        if detect_kind(video) != "video":
            raise ToolError(f"{video.name} has no moving picture: give me a video file.", code="not_video")
        with tempfile.TemporaryDirectory(prefix="bandleader-score-") as home:
            agent = Agent(home=Path(home))
            session = agent.workspace.create_session(title=f"score {video.name}")
            upload = session.import_file(video, kind="video", label=video.name)
            arguments: dict[str, Any] = {"video": upload.id, "prompt": args.prompt or ""}
            if args.seed is not None:
                arguments["seed"] = args.seed
            if args.original_audio:
                arguments["original_audio"] = args.original_audio
            result = agent.call_tool(session.session_id, "score_video", arguments, emit=bar.event)
            if not result.ok or result.output is None:
                raise ToolError(result.error or "scoring failed", code=result.error_code or "tool_error")
            o = result.output
            out.mkdir(parents=True, exist_ok=True)
            files = {
                "video": out / f"{video.stem}-scored.mp4",
                "audio": out / "music.wav",
                "project": out / "project.json",
            }
            for key, dest in files.items():
                shutil.copyfile(o[key]["path"], dest)
    except ToolError as exc:
        bar.close()
        print(exc.message, file=sys.stderr)
        return 1
    bar.close()
    report = {key: str(path) for key, path in files.items()}
    report.update(
        {k: o.get(k) for k in ("tempo_bpm", "cuts", "hit_points", "beat_cut_alignment",
                               "motion_loudness_correlation", "backends")}
    )  # fmt: skip
    report.update(
        {k: o.get(k) for k in ("style", "key", "tempo_range_bpm", "duration_s", "video_duration_s",
                               "duration_error_frames", "beat_alignment_score", "sections", "seconds",
                               "notes")}
    )  # fmt: skip
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{report['video']}: {o['style']} in {o['key']} at {o['tempo_bpm']:g} BPM, {o['duration_s']:.2f} s "
        f"({o['duration_error_frames']:.1f} frames off the video)"
    )
    print(f"  music {report['audio']}\n  project {report['project']}")
    if o.get("beat_cut_alignment") is not None:
        print(f"  {o['beat_cut_alignment'] * 100:.0f}% of {len(o['cuts'])} cuts on a beat")
    return 0


def cmd_tools(args: argparse.Namespace) -> int:
    from tools.registry import tool_specs

    specs = tool_specs()
    if getattr(args, "schemas", False):
        from agent.planners.schemas import openai_tool_schemas

        print(json.dumps(openai_tool_schemas(specs), indent=2))
        return 0
    if args.json:
        print(json.dumps([s.model_dump(mode="json") for s in specs], indent=2))
        return 0
    for s in specs:
        print(
            f"{s.name}  [{s.resources.device}, ~{s.resources.seconds_per_audio_minute:g} s per audio minute]"
        )
        print(f"    {s.description}")
        for b in s.backends:
            state = "available" if b["available"] else f"unavailable: {b['reason']}"
            print(f"    backend {b['name']} (licence {b['licence']}): {state}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from evals.cli import run_from_args

    return run_from_args(args)


def cmd_analyze(args: argparse.Namespace) -> int:
    """``bandleader analyze FILE``: the feature sheet (tempo, beats, key, chords, notes, sections, tags)."""
    from tools.base import ToolError
    from tools.understanding.sheet import compute_sheet
    from ui.progress import ProgressBar, wants_bar

    bar = ProgressBar("analyze", enabled=wants_bar(args))
    try:
        sheet = compute_sheet(Path(args.file).expanduser(), use_cache=not args.no_cache, progress=bar.update)
    except ToolError as exc:
        bar.fail()
        print(exc.message, file=sys.stderr)
        return 1
    bar.close()
    if args.json:
        print(json.dumps(sheet.summary_json(), indent=2))
        return 0
    print(f"{sheet.source}: {sheet.duration_s:.1f} s ({sheet.content})")
    print(f"  tempo   {sheet.tempo_bpm} BPM, meter {sheet.meter}, {len(sheet.beats)} beats")
    print(f"  key     {sheet.key} (confidence {sheet.key_confidence:.2f})")
    print(f"  chords  {' '.join(c.label for c in sheet.chords[:16])}")
    print(f"  notes   {len(sheet.notes)} ({len(sheet.melody)} in the melody)")
    print(f"  loud    {sheet.loudness_lufs} LUFS, range {sheet.loudness_range_lu} LU")
    print(f"  sections {', '.join(f'{s.label}@{s.start:.1f}s' for s in sheet.sections)}")
    print(f"  backends {sheet.backends}")
    for remark in sheet.remarks:
        print(f"  note: {remark}")
    return 0


def cmd_caption(args: argparse.Namespace) -> int:
    """``bandleader caption FILE``: a summary and one caption per section, with times."""
    from tools.base import ToolError
    from tools.captioning.captions import compose_captions
    from tools.understanding.sheet import compute_sheet
    from ui.progress import ProgressBar, wants_bar

    bar = ProgressBar("caption", enabled=wants_bar(args))
    try:
        captions = compose_captions(compute_sheet(Path(args.file).expanduser(), progress=bar.update))
    except ToolError as exc:
        bar.fail()
        print(exc.message, file=sys.stderr)
        return 1
    bar.close()
    if args.json:
        print(json.dumps(captions.model_dump(mode="json"), indent=2))
        return 0
    print(captions.summary)
    for s in captions.sections:
        print(f"  {s.caption}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``bandleader`` command."""
    parser = argparse.ArgumentParser(prog="bandleader", description="Bandleader, an agentic music assistant.")
    parser.add_argument("--home", help="data folder (default: $BANDLEADER_HOME or ~/.local/share/bandleader)")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="one turn: send a message (with attachments) and print the reply")
    ask.add_argument("message")
    ask.add_argument("--session", help="session id to continue (created when new)")
    ask.add_argument("--attach", action="append", metavar="FILE", help="attach a file (repeatable)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--quiet", action="store_true", help="no progress lines")
    ask.add_argument("--planner", choices=["local", "llm", "auto"], default="auto")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="interactive chat in the terminal")
    chat.add_argument("--session")
    chat.add_argument("--attach", action="append", metavar="FILE")
    chat.set_defaults(func=cmd_chat)

    for name, text in (
        ("run", "start the Bandleader web app (same as `ui`)"),
        ("ui", "start the web app: chat, players, plots, versions, downloads"),
    ):
        web = sub.add_parser(name, help=text)
        web.add_argument(
            "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this computer only)"
        )
        web.add_argument("--port", type=int, default=7860, help="port (default 7860)")
        web.add_argument("--api", metavar="URL", help="use a served API at URL (key: BANDLEADER_API_KEY)")
        web.set_defaults(func=cmd_ui)

    sessions = sub.add_parser("sessions", help="list, show, export or delete sessions")
    sessions.add_argument("action", choices=["list", "show", "export", "delete"])
    sessions.add_argument("id", nargs="?")
    sessions.add_argument("--out", help="zip path for export")
    sessions.add_argument("--json", action="store_true")
    sessions.set_defaults(func=cmd_sessions)

    analyze = sub.add_parser("analyze", help="the music feature sheet of an audio, video or MIDI file")
    analyze.add_argument("file")
    analyze.add_argument("--json", action="store_true", help="print the whole sheet as JSON")
    analyze.add_argument("--no-cache", action="store_true", help="recompute even when a cached sheet exists")
    analyze.set_defaults(func=cmd_analyze)

    caption = sub.add_parser("caption", help="a musical summary and one caption per section, with times")
    caption.add_argument("file")
    caption.add_argument("--json", action="store_true", help="print one JSON object (no progress bar)")
    caption.set_defaults(func=cmd_caption)

    comp = sub.add_parser("compose", help="write a song from a description into a folder (mix, stems, MIDI)")
    comp.add_argument("prompt", help='what to write, e.g. "a 30 second jazz tune in F major at 140 BPM"')
    comp.add_argument("--out", required=True, help="folder for the files (created)")
    comp.add_argument("--seed", type=int, default=None, help="random seed (same prompt + seed = same song)")
    comp.add_argument("--check", action="store_true", help="measure tempo and key of the result")
    comp.add_argument("--json", action="store_true", help="print one JSON object")
    comp.set_defaults(func=cmd_compose)

    score = sub.add_parser("score-video", help="music for a video, beats on its cuts, muxed into an MP4")
    score.add_argument("video", help="the video file (MP4, MOV, WebM...)")
    score.add_argument("prompt", nargs="?", default="", help='what you want, e.g. "upbeat, drop at 0:12"')
    score.add_argument("--out", required=True, help="folder for the MP4, the music and the project (created)")
    score.add_argument(
        "--seed", type=int, default=None, help="random seed (same video + words + seed = same music)"
    )
    score.add_argument(
        "--original-audio", choices=["duck", "mix", "drop"], default=None, help="the video's own sound"
    )
    score.add_argument("--json", action="store_true", help="print one JSON object")
    score.set_defaults(func=cmd_score_video)

    tools = sub.add_parser("tools", help="the tool registry with each backend's availability and licence")
    tools.add_argument("--json", action="store_true")
    tools.add_argument("--schemas", action="store_true", help="print the OpenAI tool schemas a model sees")
    tools.set_defaults(func=cmd_tools)

    # issue 13: `bandleader plan` (code in ui/plan_cli.py)
    from ui.plan_cli import add_plan_parser

    add_plan_parser(sub)
    from ui.batch_cli import add_batch_parser  # issue 14: `bandleader batch`

    add_batch_parser(sub)
    from ui.separate_cli import add_separate_parser  # issue 15: `bandleader separate`

    add_separate_parser(sub)
    from ui.serve_cli import add_serve_parser  # issue 14: `bandleader serve` (ui/serve_cli.py)

    add_serve_parser(sub)
    from ui.recommend_cli import add_recommend_parsers  # issue 16: `bandleader index`, `recommend`

    add_recommend_parsers(sub)
    from ui.llm_cli import add_llm_parser  # issue 13: `bandleader llm serve-local`

    add_llm_parser(sub)

    ev = sub.add_parser("eval", help="play scripted scenarios against the agent and write reports")
    ev.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders (default: bundled)")
    ev.add_argument("--out", metavar="DIR", help="folder for report.json/.md/.html (required to run)")
    ev.add_argument("--planner", choices=["local", "llm"], default="local")
    ev.add_argument("--api", metavar="URL", help="evaluate a served Bandleader API (not available yet)")
    ev.add_argument("--workers", type=int, default=2, help="scenarios played at once (default 2)")
    ev.add_argument("--timeout", type=float, default=300.0, metavar="S", help="seconds per scenario")
    ev.add_argument("--backend", choices=["auto", "processes", "ray"], default="auto")
    ev.add_argument("--keep-home", action="store_true", help="keep the run's agent home folder")
    ev.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    ev.add_argument(
        "--tags", nargs="+", default=[], metavar="TAG", help="run only scenarios with any of these tags"
    )
    ev.add_argument(
        "--exclude-tags", nargs="+", default=[], metavar="TAG", help="leave out scenarios with these tags"
    )
    ev.add_argument(
        "--compare", nargs=2, metavar=("RUN_A", "RUN_B"), help="what got better or worse from A to B"
    )
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``bandleader`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
