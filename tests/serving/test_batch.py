"""``bandleader batch``: Ray tasks over a folder, resumable by content hash, failures listed per file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from serving.batch import find_inputs, record_path, run_batch
from tests.terminal import run_in_terminal

pytestmark = pytest.mark.slow

SR = 22050


def write_clicks(path: Path, bpm: float, seconds: float = 8.0) -> Path:
    """A click track at ``bpm``: short decaying 1 kHz bursts on every beat (mono, 22.05 kHz)."""
    y = np.zeros(int(seconds * SR), dtype=np.float32)
    n = np.arange(800)
    burst = (np.exp(-n / 120.0) * np.sin(2 * np.pi * 1000 * n / SR)).astype(np.float32)
    for t in np.arange(0.0, seconds - 0.1, 60.0 / bpm):
        i = int(t * SR)
        y[i : i + len(burst)] += 0.5 * burst
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(path, y, SR)
    return path


def make_folder(folder: Path) -> dict[str, Path]:
    files = {
        "slow.wav": write_clicks(folder / "slow.wav", 100.0),
        "sub/fast.wav": write_clicks(folder / "sub" / "fast.wav", 140.0),
        "broken.wav": folder / "broken.wav",
    }
    files["broken.wav"].write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt this is not audio at all" * 20)
    (folder / "notes.txt").write_text("not media; the batch leaves it alone")
    return files


def _tempo(out: Path, rel: str) -> float:
    record = json.loads(record_path(out, Path(rel), "analyze").read_text())
    return float(record["sheet"]["tempo_bpm"])


def test_batch_analyze_on_ray_lists_failures_and_resumes(tmp_path: Path) -> None:
    folder, out = tmp_path / "tracks", tmp_path / "out"
    files = make_folder(folder)
    assert [p.name for p in find_inputs(folder, "analyze", out)] == ["broken.wav", "slow.wav", "fast.wav"]

    seen: list[tuple[str, int, int]] = []
    report = run_batch("analyze", folder, out, num_cpus=2, use_ray=True,
                       on_file=lambda o, n, total: seen.append((o.status, n, total)))  # fmt: skip
    assert report.backend == "ray" and (report.done, report.skipped, report.failed) == (2, 0, 1)
    assert [n for _, n, _ in seen] == [1, 2, 3] and {t for _, _, t in seen} == {3}
    broken = next(f for f in report.files if f.input == "broken.wav")
    assert broken.status == "failed" and "broken.wav" in broken.error and "Traceback" not in broken.error
    assert _tempo(out, "slow.wav") == pytest.approx(100.0, abs=2.0)  # the music, from each task
    assert _tempo(out, "sub/fast.wav") == pytest.approx(140.0, abs=2.0)
    saved = json.loads((out / "batch-report.json").read_text())
    assert saved["failed"] == 1 and saved["files"][0]["input"] == "broken.wav"

    again = run_batch("analyze", folder, out, use_ray=False)  # resumed: nothing done twice
    assert {f.input: f.status for f in again.files} == {
        "broken.wav": "failed", "slow.wav": "skipped", "sub/fast.wav": "skipped",
    }  # fmt: skip

    write_clicks(files["slow.wav"], 120.0)  # a changed input is analysed again
    third = run_batch("analyze", folder, out, use_ray=False)
    assert {f.input: f.status for f in third.files}["slow.wav"] == "done"
    assert {f.input: f.status for f in third.files}["sub/fast.wav"] == "skipped"
    assert _tempo(out, "slow.wav") == pytest.approx(120.0, abs=2.0)


def test_batch_cli_shows_a_bar_in_a_terminal_and_prints_clean_json(tmp_path: Path) -> None:
    folder = tmp_path / "tracks"
    write_clicks(folder / "one.wav", 120.0, seconds=4.0)
    (folder / "bad.mp3").write_bytes(b"ID3 not really an mp3" * 10)
    rc, shown = run_in_terminal("batch", "analyze", str(folder), "--no-ray")
    assert rc == 1, shown  # one file failed; the other was done
    assert "batch analyze  [" in shown and "2/2 files" in shown
    text = shown.split("\r\x1b[K")[-1]
    assert "failed   bad.mp3:" in text and "1 done, 0 skipped (already done), 1 failed" in text

    rc, shown = run_in_terminal("batch", "analyze", str(folder), "--no-ray", "--json")
    assert rc == 1 and "\x1b" not in shown
    report = json.loads(shown.replace("\r\n", "\n"))
    assert {f["input"]: f["status"] for f in report["files"]} == {"bad.mp3": "failed", "one.wav": "skipped"}


def test_batch_refuses_a_missing_folder_clearly(tmp_path: Path) -> None:
    rc, shown = run_in_terminal("batch", "analyze", str(tmp_path / "nope"), "--json")
    assert rc == 2 and "is not a folder" in shown and "Traceback" not in shown


def test_batch_score_video_writes_each_videos_music_and_lists_a_broken_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tools.video.test_mux import make_cut_clip
    from tools.video.mux import probe_streams

    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "features"))
    monkeypatch.setenv("BANDLEADER_VIDEO_CACHE", str(tmp_path / "video-cache"))
    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")
    folder, out = tmp_path / "clips", tmp_path / "scored"
    folder.mkdir()
    make_cut_clip(folder / "clip.mp4", [1.5, 3.0], 4.5, fps=25, size=(160, 120), audio=False)
    (folder / "broken.mov").write_bytes(b"\x00\x00\x00\x18ftypqt  not a movie" * 8)
    report = run_batch("score-video", folder, out, use_ray=False)
    status = {f.input: f for f in report.files}
    assert status["broken.mov"].status == "failed" and "broken.mov" in status["broken.mov"].error
    assert status["clip.mp4"].status == "done"
    scored = out / "clip.mp4.scored"
    streams = {s["codec_type"]: s for s in probe_streams(scored / "clip-scored.mp4")}
    assert set(streams) == {"video", "audio"} and abs(float(streams["audio"]["duration"]) - 4.5) <= 0.1
    assert json.loads((scored / "project.json").read_text())["tempo_bpm"] > 0
    assert run_batch("score-video", folder, out, use_ray=False).files[1].status == "skipped"


def test_batch_index_on_ray_fills_the_catalogue_and_resumes(tmp_path: Path) -> None:
    from tools.recommend import Catalogue

    folder, out, cat = tmp_path / "library", tmp_path / "out", tmp_path / "catalogue"
    files = make_folder(folder)
    ticks: list[tuple[str, int, int]] = []
    report = run_batch("index", folder, out, catalogue=cat, num_cpus=2, use_ray=True,
                       on_file=lambda o, n, total: ticks.append((o.input, n, total)))  # fmt: skip
    assert report.backend == "ray" and report.catalogue == str(cat)
    assert {f.input: f.status for f in report.files} == {
        "broken.wav": "failed", "slow.wav": "done", "sub/fast.wav": "done",
    }  # fmt: skip
    assert [n for _, n, _ in ticks] == [1, 2, 3] and {t for *_, t in ticks} == {3}
    broken = next(f for f in report.files if f.input == "broken.wav")
    assert "broken.wav" in broken.error and "Traceback" not in broken.error
    catalogue = Catalogue(cat)  # the music, from each Ray task, in the catalogue's rows
    assert catalogue.row(files["slow.wav"].resolve())["tempo_bpm"] == pytest.approx(100.0, abs=2.0)
    assert catalogue.row(files["sub/fast.wav"].resolve())["tempo_bpm"] == pytest.approx(140.0, abs=2.0)

    again = run_batch("index", folder, out, catalogue=cat, use_ray=False)  # resumed: nothing twice
    assert {f.input: f.status for f in again.files} == {
        "broken.wav": "failed", "slow.wav": "skipped", "sub/fast.wav": "skipped",
    }  # fmt: skip
    write_clicks(files["slow.wav"], 120.0)  # a changed file is indexed again
    third = run_batch("index", folder, out, catalogue=cat, use_ray=False)
    assert {f.input: f.status for f in third.files}["slow.wav"] == "done"
    assert Catalogue(cat).row(files["slow.wav"].resolve())["tempo_bpm"] == pytest.approx(120.0, abs=2.0)
    assert len(Catalogue(cat)) == 2


def test_batch_index_without_a_catalogue_says_what_to_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BANDLEADER_CATALOGUE", raising=False)
    (tmp_path / "music").mkdir()
    rc, shown = run_in_terminal("batch", "index", str(tmp_path / "music"), "--json")
    assert rc == 2 and "--catalogue" in shown and "Traceback" not in shown
