"""The web app in a real browser: Playwright drives Debian's Chromium against `bandleader ui`.

The app runs as a subprocess on a free 127.0.0.1 port with its own temporary home; each flow opens
a fresh page (a fresh chat session). Screenshots of every step go to the test's temporary folder and
are copied to /tmp/ui-shots/ for people to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.agent.conftest import write_song

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SHOTS_COPY = Path("/tmp/ui-shots")
TURN_TIMEOUT_MS = 60_000
UPLOAD_LIMIT_MB = 2
"""The app under test refuses bigger uploads (the test songs are about 0.7 MB)."""

# Keep every <audio> element the page creates, including those held by the chat's waveform players
# (WaveSurfer keeps its media element inside a shadow root, out of document.querySelectorAll's reach).
RECORD_AUDIO_ELEMENTS = """
(() => {
  window.__blAudios = [];
  const create = document.createElement.bind(document);
  document.createElement = function (tag, options) {
    const el = create(tag, options);
    if (String(tag).toLowerCase() === "audio") window.__blAudios.push(el);
    return el;
  };
})();
"""

if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (scripts/setup.sh --test)",
                allow_module_level=True)  # fmt: skip

from playwright.sync_api import BrowserContext, Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"bandleader ui exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"bandleader ui did not answer at {url} within {timeout_s:.0f} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`bandleader ui` on a free port with a fresh home, as a separate process."""
    root = tmp_path_factory.mktemp("ui-app")
    port = _free_port()
    log = root / "server.log"
    env = {
        **os.environ,
        "BANDLEADER_HOME": str(root / "home"),
        "BANDLEADER_MAX_UPLOAD_MB": str(UPLOAD_LIMIT_MB),
        "BANDLEADER_FEATURE_CACHE": str(root / "features"),  # analyses really run, nothing cached
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "--home", str(root / "home"), "ui", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for_http(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser_context() -> Iterator[BrowserContext]:
    """One Chromium and one context for the module (pages share the cached app assets)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        context.add_init_script(RECORD_AUDIO_ELEMENTS)
        yield context
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ui-shots")
    SHOTS_COPY.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser_context: BrowserContext, app_url: str) -> Iterator[Page]:
    """A fresh page (a fresh chat session); fails the test if the page asked another host for anything."""
    yield from open_app_page(browser_context, app_url)


def open_app_page(browser_context: BrowserContext, app_url: str) -> Iterator[Page]:
    """A fresh page of the app at ``app_url``, ready for input (the body of a ``page`` fixture); after
    the test, fails it if the page asked any host but the app for anything."""
    pg = browser_context.new_page()
    outside: list[str] = []
    pg.on(
        "request",
        lambda r: None if r.url.startswith((app_url, "data:", "blob:")) else outside.append(r.url),
    )
    pg.goto(app_url)
    expect(pg.locator("#bl-input textarea")).to_be_visible(timeout=30_000)
    yield pg
    pg.close()
    assert outside == [], f"the page made requests outside the app: {outside}"


def snap(page: Page, shots: Path, name: str, full_page: bool = True) -> None:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    shutil.copy(path, SHOTS_COPY / path.name)


def send(page: Page, text: str, files: list[Path] = ()) -> None:  # type: ignore[assignment]
    """Attach ``files`` (waiting for their thumbnails) and submit ``text`` from the chat box."""
    if files:
        page.set_input_files("#bl-input input[type=file]", [str(f) for f in files])
        expect(page.locator("#bl-input .thumbnail-item")).to_have_count(len(files))
    box = page.locator("#bl-input textarea")
    expect(box).to_be_editable()
    box.fill(text)
    box.press("Enter")


def bot_text(page: Page) -> Any:
    return page.locator("#bl-chat .bot")


@pytest.fixture(scope="module")
def song(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_song(tmp_path_factory.mktemp("media") / "demo-song.wav", seconds=4.0)


@pytest.fixture(scope="module")
def chorale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 12 s of Bach's chorale BWV 80.8 (D major), rendered from its MIDI with FluidSynth."""
    folder = tmp_path_factory.mktemp("chorale")
    wav, flac = folder / "render.wav", folder / "bach-chorale.flac"
    midi = Path(__file__).resolve().parents[1] / "data" / "understanding" / "bwv80.8.mid"
    sf2 = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
    subprocess.run(["fluidsynth", "-ni", "-F", str(wav), "-r", "22050", str(sf2), str(midi)],
                   check=True, capture_output=True)  # fmt: skip
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-t", "12", "-ac", "1", str(flac)],
                   check=True)  # fmt: skip
    return flac


def test_ask_the_key_of_an_upload_and_see_its_beats(page: Page, chorale: Path, shots: Path) -> None:
    snap(page, shots, "1a-empty")
    send(page, "what key is this in?", [chorale])
    # while the analysis runs, the page says what is running, how far it is and for how long
    status = page.locator("#bl-status")
    expect(status).to_contain_text(re.compile(r"Working: Answer question \d+% \(\d+ s\)"), timeout=30_000)
    first = status.inner_text()
    # the upload is a saved version already: the side panel shows it before the answer comes
    expect(page.locator("#bl-now")).to_contain_text("v1 · bach-chorale.flac", timeout=10_000)
    assert not bot_text(page).filter(has_text="D major").count()
    snap(page, shots, "1b-progress-while-analysing")
    page.wait_for_function(
        "t => { const s = document.querySelector('#bl-status'); return s && s.innerText !== t; }",
        arg=first,
        timeout=10_000,
    )
    expect(bot_text(page).filter(has_text="D major")).to_be_visible(timeout=TURN_TIMEOUT_MS)
    expect(page.locator("#bl-now")).to_contain_text("v1 · bach-chorale.flac")
    plot = page.locator("#bl-waveform img")
    expect(plot).to_be_visible()
    assert plot.evaluate("img => img.complete && img.naturalWidth > 300")
    # the question measured the beats, so the note saying they are unknown has gone
    expect(page.locator("#bl-waveform-note")).not_to_contain_text("appear here once")
    expect(page.locator("#bl-versions")).to_contain_text("▶ v1")
    snap(page, shots, "1c-key-answer-with-beats")

    page.get_by_role("tab", name="Spectrogram").click()
    page.locator("#bl-spec-btn").click()
    spectrogram = page.locator("#bl-spectrogram img")
    expect(spectrogram).to_be_visible(timeout=TURN_TIMEOUT_MS)
    assert spectrogram.evaluate("img => img.complete && img.naturalWidth > 300")
    expect(page.locator("#bl-tab-spectrogram")).to_contain_text("Spectrogram of v1 · bach-chorale.flac")
    snap(page, shots, "1d-spectrogram")


def test_ask_how_loud_an_upload_is(page: Page, song: Path, shots: Path) -> None:
    send(page, "how loud is it?", [song])
    expect(bot_text(page).filter(has_text="integrated loudness")).to_contain_text(
        "LUFS", timeout=TURN_TIMEOUT_MS
    )
    expect(page.locator("#bl-now")).to_contain_text("v1 · demo-song.wav")


def test_ask_for_a_song_and_it_plays(page: Page, shots: Path) -> None:
    send(page, "write a 15 second jazz tune in F major at 120 BPM")
    reply = bot_text(page).filter(has_text="Saved as version 1")
    # composing, rendering and measuring the song (first use in a fresh app process) takes longest
    expect(reply).to_contain_text("F major", timeout=3 * TURN_TIMEOUT_MS)
    expect(reply).to_contain_text("120")
    # the chat's player and the side panel's player both decode the song: 15 s long
    page.wait_for_function(
        "() => window.__blAudios.some(a => a.duration > 14 && a.duration < 16.5)", timeout=TURN_TIMEOUT_MS
    )
    page.wait_for_function(
        "() => { const a = document.querySelector('#bl-now-audio audio'); return a && a.duration > 14; }",
        timeout=TURN_TIMEOUT_MS,
    )
    expect(page.locator("#bl-waveform-note")).not_to_contain_text("appear here once")
    snap(page, shots, "5a-song-written")
    # the song's own chords and notes are drawn
    page.get_by_role("tab", name="Chords").click()
    expect(page.locator("#bl-chords img")).to_be_visible()
    page.get_by_role("tab", name="Piano roll").click()
    roll = page.locator("#bl-roll img")
    expect(roll).to_be_visible()
    assert roll.evaluate("img => img.complete && img.naturalWidth > 300")
    snap(page, shots, "5b-song-piano-roll")
    # its stems, MIDI, MusicXML and lyrics are one click away
    page.get_by_role("tab", name="Downloads").click()
    page.locator("#bl-song-files-btn").click()
    listed = page.locator("#bl-song-files")  # Gradio shows "song .mid": name and extension apart
    expect(listed).to_contain_text(re.compile(r"song\s*\.mid"), timeout=TURN_TIMEOUT_MS)
    expect(listed).to_contain_text(re.compile(r"song\s*\.musicxml"))
    expect(listed).to_contain_text(re.compile(r"drums\s*\.wav"))
    expect(listed).to_contain_text(re.compile(r"\.zip"))
    snap(page, shots, "5c-song-files")


def test_an_edit_makes_a_version_that_plays(page: Page, song: Path, shots: Path) -> None:
    send(page, "normalise this to -14 LUFS", [song])
    reply = bot_text(page).filter(has_text="Saved as version 2")
    expect(reply).to_contain_text("-14.0 LUFS", timeout=TURN_TIMEOUT_MS)
    expect(page.locator("#bl-chat").get_by_text("v2 · normalised to -14 LUFS")).to_be_visible()
    expect(page.locator("#bl-now")).to_contain_text("v2 · normalised to -14 LUFS")

    # the side panel's player (the browser's own <audio>) loads the new version's file
    player = page.locator("#bl-now-audio audio")
    expect(player).to_have_attribute("src", re.compile(r"v002-normalised-to-14-lufs\.wav$"))
    page.wait_for_function(
        "() => { const a = document.querySelector('#bl-now-audio audio'); return a && a.duration > 0; }",
        timeout=TURN_TIMEOUT_MS,
    )
    duration = player.evaluate("a => a.duration")
    assert duration == pytest.approx(4.0, abs=0.1)
    # the chat's players (the upload and v2) decode their files too
    page.wait_for_function(
        "() => window.__blAudios.filter(a => a.duration > 0).length >= 2", timeout=TURN_TIMEOUT_MS
    )
    snap(page, shots, "2-normalised-version-plays")


def test_undo_from_the_versions_panel(page: Page, song: Path, shots: Path) -> None:
    send(page, "make it 3 dB louder", [song])
    expect(bot_text(page).filter(has_text="Saved as version 2")).to_be_visible(timeout=TURN_TIMEOUT_MS)
    table = page.locator("#bl-versions")
    expect(table).to_contain_text("▶ v2")
    snap(page, shots, "3a-before-undo")

    page.locator("#bl-undo").click()
    expect(page.locator("#bl-versions-note")).to_contain_text("Undone: now on v1")
    expect(table).to_contain_text("▶ v1")
    expect(table).not_to_contain_text("▶ v2")
    expect(page.locator("#bl-now")).to_contain_text("v1 · demo-song.wav")
    snap(page, shots, "3b-after-undo")

    page.locator("#bl-redo").click()
    expect(table).to_contain_text("▶ v2")
    expect(page.locator("#bl-now")).to_contain_text("v2 ·")

    # compare v1 -> v2: the tool, its setting and the loudness difference measured by describe_audio
    page.locator("#bl-compare").get_by_text("Compare two versions").click()
    page.locator("#bl-cmp-btn").click()
    result = page.locator("#bl-cmp-result")
    expect(result).to_contain_text("+3.0 LU", timeout=TURN_TIMEOUT_MS)
    expect(result).to_contain_text("Change level (gain 3 dB) → v2")
    snap(page, shots, "3c-compare")

    # downloads: the current mix under a readable name, and the whole session as a zip
    page.get_by_role("tab", name="Downloads").click()
    expect(page.locator("#bl-files a")).to_have_attribute("href", re.compile(r"/v002-gain-3-db\.wav$"))
    page.locator("#bl-zip").click()
    expect(page.locator("#bl-zip-file a")).to_have_attribute("href", re.compile(r"\.zip$"))
    snap(page, shots, "3d-downloads")

    # pick v1 in the table: it plays in its own player and can be made current
    page.get_by_role("tab", name="Versions").click()
    table.get_by_test_id("cell-1-1").click()  # row 2 (v1), column "What"
    expect(page.locator("#bl-pick-audio")).to_be_visible()
    page.wait_for_function(
        "() => { const a = document.querySelector('#bl-pick-audio audio'); return a && a.duration > 0; }"
    )
    page.locator("#bl-make-current").click()
    expect(table).to_contain_text("▶ v1")
    expect(page.locator("#bl-now")).to_contain_text("v1 · demo-song.wav")
    snap(page, shots, "3e-picked-v1")

    # a new session empties the chat; the earlier one reopens from the list as it was left
    page.locator("#bl-new-session").click()
    expect(page.locator("#bl-chat")).not_to_contain_text("Saved as version 2")
    expect(page.locator("#bl-now")).to_contain_text("Nothing yet")
    sessions = page.locator("#bl-session-list label")
    before = sessions.count()
    sessions.filter(has_text="2 versions").first.click()
    expect(bot_text(page).filter(has_text="Saved as version 2")).to_be_visible()
    expect(page.locator("#bl-now")).to_contain_text("v1 · demo-song.wav")
    expect(table).to_contain_text("▶ v1")
    snap(page, shots, "3f-reopened-session")

    # deleting it (after the browser's confirmation) empties the page and the list loses it
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#bl-delete").click()
    expect(page.locator("#bl-sessions-note")).to_contain_text("Deleted")
    expect(page.locator("#bl-now")).to_contain_text("Nothing yet")
    expect(sessions).to_have_count(before - 1)


def test_a_corrupt_upload_gets_a_clear_error_and_the_session_goes_on(
    page: Page, song: Path, shots: Path, tmp_path: Path
) -> None:
    corrupt = tmp_path / "broken.wav"
    corrupt.write_bytes(np.random.default_rng(7).bytes(20_000))
    send(page, "how loud is it?", [corrupt])
    error = bot_text(page).filter(has_text="broken.wav")
    expect(error).to_contain_text("could not be read", timeout=TURN_TIMEOUT_MS)
    expect(error).to_contain_text("⚠")
    snap(page, shots, "4a-corrupt-upload")

    send(page, "how loud is it?", [song])
    expect(bot_text(page).filter(has_text="integrated loudness")).to_contain_text(
        "LUFS", timeout=TURN_TIMEOUT_MS
    )
    expect(page.locator("#bl-now")).to_contain_text("demo-song.wav")
    snap(page, shots, "4b-session-goes-on")

    # a file over the upload limit is refused before it is sent, with the limit in words
    big = write_song(tmp_path / "long-take.wav", seconds=15.0)
    assert big.stat().st_size > UPLOAD_LIMIT_MB * 1_000_000
    page.set_input_files("#bl-input input[type=file]", str(big))
    refusal = page.get_by_text(re.compile(rf"exceed the maximum allowed size of {UPLOAD_LIMIT_MB}(\.0)? Mb"))
    expect(refusal.first).to_be_visible()
    page.wait_for_function(  # the notice fades in
        "() => [...document.querySelectorAll('.toast-body')].some(t => "
        "t.innerText.includes('exceed the maximum allowed size') && getComputedStyle(t).opacity === '1')"
    )
    expect(page.locator("#bl-input .thumbnail-item")).to_have_count(0)
    expect(page.locator("#bl-hint")).to_contain_text(f"Uploads up to {UPLOAD_LIMIT_MB} MB")
    snap(page, shots, "4c-upload-too-large", full_page=False)  # the refusal is a floating notice
