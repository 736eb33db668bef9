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


def test_api_flag_fails_clearly_until_serving_exists(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--api", "http://127.0.0.1:8000"]) == 2
    err = capsys.readouterr().err
    assert "not available yet" in err and "Leave out --api" in err
