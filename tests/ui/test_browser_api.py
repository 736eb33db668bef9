"""The web app in a real browser against a served API: ``bandleader ui --api URL``.

The test starts the HTTP API (``python -m serving.api``: the same ``serving/api`` app the Ray ingress
serves, here on the in-process agent; the Ray Serve deployment of that app is covered over HTTP by
tests/serving/test_ray_serve.py) and ``bandleader ui --api`` in front of it, each a subprocess on a
free 127.0.0.1 port with its own folders. Chromium then asks a key (the analysis progress streams to
the page while it runs), makes an edit and undoes it from the versions panel; the API itself is
asked afterwards, so the page's actions are known to have reached the server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.ui.test_browser_app import (  # skips this module too when Chromium is missing
    TURN_TIMEOUT_MS,
    _free_port,
    _wait_for_http,
    bot_text,
    browser_context,  # noqa: F401 - the shared fixtures
    open_app_page,
    send,
    shots,  # noqa: F401
    snap,
    song,  # noqa: F401
)

pytestmark = pytest.mark.slow

from playwright.sync_api import BrowserContext, Page, expect  # noqa: E402


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(API URL, web app URL): ``python -m serving.api`` and ``bandleader ui --api`` in front of it."""
    root = tmp_path_factory.mktemp("ui-api")
    env = {
        **os.environ,
        "BANDLEADER_FEATURE_CACHE": str(root / "features"),
        "BANDLEADER_API_RATE_PER_MIN": "0",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TMPDIR": str(root),  # the app's download cache of the API's files stays in the test's folder
    }
    api_port, ui_port = _free_port(), _free_port()
    api_url, ui_url = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{ui_port}/"
    api_log, ui_log = root / "api.log", root / "ui.log"
    api_cmd = [sys.executable, "-m", "serving.api", "--port", str(api_port), "--home", str(root / "server")]
    api = _start(api_cmd, env, api_log)
    try:
        _wait_for_http(api_url + "/healthz", api, api_log, timeout_s=300)
        assert httpx.get(api_url + "/readyz", timeout=600).status_code == 200  # the agent has loaded
        ui_cmd = [sys.executable, "-m", "ui.cli", "--home", str(root / "unused-home"), "ui"]
        ui = _start([*ui_cmd, "--api", api_url, "--port", str(ui_port)], env, ui_log)
        try:
            _wait_for_http(ui_url, ui, ui_log, timeout_s=300)
            yield api_url, ui_url
        finally:
            _stop(ui)
    finally:
        _stop(api)
    assert not (root / "unused-home" / "workspace.db").exists()  # the app kept nothing of its own


@pytest.fixture
def page(browser_context: BrowserContext, served: tuple[str, str]) -> Iterator[Page]:  # noqa: F811
    """A fresh page of the app; fails the test if the page asked any host but the app for anything."""
    _api, app_url = served
    yield from open_app_page(browser_context, app_url)


def test_the_web_app_works_against_the_served_api(
    page: Page,
    served: tuple[str, str],
    song: Path,  # noqa: F811
    shots: Path,  # noqa: F811
) -> None:
    api_url, _app = served
    send(page, "what key is this in?", [song])
    # the analysis's progress comes over the API's event stream while it runs
    status = page.locator("#bl-status")
    expect(status).to_contain_text(
        re.compile(r"Working: Answer question \d+% \(\d+ s\)"), timeout=3 * TURN_TIMEOUT_MS
    )
    expect(page.locator("#bl-now")).to_contain_text("v1 · demo-song.wav", timeout=30_000)
    snap(page, shots, "api-1-progress")
    # the test chord is A, C#, E
    expect(bot_text(page).filter(has_text="A major")).to_be_visible(timeout=5 * TURN_TIMEOUT_MS)

    send(page, "make it 3 dB louder")
    expect(bot_text(page).filter(has_text="Saved as version 2")).to_be_visible(timeout=3 * TURN_TIMEOUT_MS)
    expect(page.locator("#bl-now")).to_contain_text("v2 ·")
    page.wait_for_function(  # the new version's file came from the API and plays: 4 s long
        "() => { const a = document.querySelector('#bl-now-audio audio'); return a && a.duration > 3.5; }",
        timeout=TURN_TIMEOUT_MS,
    )
    snap(page, shots, "api-2-louder")

    page.locator("#bl-undo").click()
    expect(page.locator("#bl-versions-note")).to_contain_text("Undone: now on v1")
    expect(page.locator("#bl-versions")).to_contain_text("▶ v1")
    snap(page, shots, "api-3-undone")

    with httpx.Client(base_url=api_url, timeout=60) as api:  # the server holds what the page did
        sessions = api.get("/v1/sessions").json()["sessions"]
        assert len(sessions) == 1
        versions = api.get(f"/v1/sessions/{sessions[0]['id']}/versions").json()
        assert [v["version"] for v in versions["versions"]] == [1, 2]
        assert versions["current"]["version"] == 1 and [r["version"] for r in versions["redo"]] == [2]
        assert versions["versions"][1]["arguments"]["gain_db"] == 3.0
