"""`bandleader run` / `bandleader ui` start the web app; `chat` stays the terminal chat."""

from __future__ import annotations

import pytest

from ui.cli import build_parser, cmd_chat, cmd_ui, main


def test_run_and_ui_start_the_web_app_with_local_defaults() -> None:
    parser = build_parser()
    for command in ("run", "ui"):
        args = parser.parse_args([command])
        assert args.func is cmd_ui
        assert (args.host, args.port, args.api) == ("127.0.0.1", 7860, None)
    args = parser.parse_args(["ui", "--port", "9000", "--host", "0.0.0.0", "--api", "http://h:8000"])
    assert (args.host, args.port, args.api) == ("0.0.0.0", 9000, "http://h:8000")
    assert parser.parse_args(["chat"]).func is cmd_chat


def test_api_flag_fails_clearly_without_a_server(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["run", "--api", f"http://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert "no Bandleader API answers there" in err and "leave out --api" in err
