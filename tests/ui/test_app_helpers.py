"""The app's pure helpers: text formats, the versions table, compare text, downloads, chat messages,
progress, overlays and the ticking stream."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tools.base import ArtifactInfo
from ui.app.chat import (
    ProgressBoard,
    artifact_messages,
    conversation_messages,
    reply_message,
    text_bar,
    user_message,
)
from ui.app.downloads import download_artifacts, friendly_name, friendly_path
from ui.app.format import clock, file_size, format_arguments, is_reference, slug, tool_title, when
from ui.app.history import (
    HISTORY_HEADERS,
    compare_text,
    history_rows,
    lineage,
    made_by,
    row_version,
    version_choices,
)
from ui.app.overlays import (
    overlays_from_results,
    parse_notes,
    parse_spans,
    parse_times,
    results_in_conversation,
)
from ui.app.streaming import TICK, with_ticks

NOW = time.mktime((2025, 3, 3, 14, 30, 0, 0, 0, -1))


def art(version: int, *, tool: str | None = None, parent: str | None = None, kind: str = "audio",
        label: str | None = None, arguments: dict[str, Any] | None = None, path: str = "/x/obj.wav",
        sha: str | None = None, created: float = NOW) -> ArtifactInfo:  # fmt: skip
    return ArtifactInfo(
        id=f"a-{version:012x}",
        kind=kind,
        label=label or f"version {version}",
        path=path,
        parent=parent,
        thread="t-1",
        version=version,
        tool=tool,
        arguments=arguments or {},
        created=created,
        sha256=sha or f"{version:064x}",
        size_bytes=10,
    )


# ---------------------------------------------------------------------------------------- format


@pytest.mark.parametrize(
    ("seconds", "decimals", "text"),
    [(0, 0, "0:00"), (5, 0, "0:05"), (65.4, 0, "1:05"), (59.96, 1, "1:00.0"), (4.25, 1, "0:04.2"),
     (3725, 0, "1:02:05"), (-3, 0, "0:00")],
)  # fmt: skip
def test_clock(seconds: float, decimals: int, text: str) -> None:
    assert clock(seconds, decimals) == text


def test_arguments_in_words_with_units_and_without_references() -> None:
    args = {"audio": "a-0123456789ab", "target_lufs": -14.0, "true_peak_ceiling_dbfs": -1.0, "fade_s": 2}
    assert format_arguments(args) == "target -14 LUFS, true peak ceiling -1 dBFS, fade 2 s"
    assert format_arguments({"source": "current", "gain_db": 3.0}) == "gain 3 dB"
    # a long prompt is cut, an internal switch is not shown
    prompt = {"prompt": "write a 15 second jazz tune in F major at 120 BPM", "check": True}
    assert format_arguments(prompt) == "prompt “write a 15 second jazz tune in…”"
    assert format_arguments({f"k{i}": i for i in range(6)}, limit=2) == "k0 0, k1 1, …"
    assert format_arguments(None) == ""
    assert is_reference("version:2") and is_reference("@c1") and not is_reference("wav")


def test_tool_titles_times_sizes_and_slugs() -> None:
    assert tool_title(None) == "Upload"
    assert tool_title("normalize_loudness") == "Normalise loudness"
    assert tool_title("time_stretch") == "Time stretch"
    assert when(NOW - 60, NOW) == time.strftime("%H:%M", time.localtime(NOW - 60))
    assert when(NOW - 3 * 86400, NOW).startswith("28 Feb ")
    assert [file_size(n) for n in (12, 812_000, 4_200_000)] == ["12 B", "812 kB", "4.2 MB"]
    assert slug("Normalised to -14 LUFS!") == "normalised-to-14-lufs"
    assert slug("***") == "version"


# ---------------------------------------------------------------------------------------- history


def test_history_rows_newest_first_with_the_current_marked() -> None:
    v1 = art(1, label="song.wav")
    v2 = art(2, tool="gain", parent=v1.id, label="gain +3 dB", arguments={"gain_db": 3.0})
    rows = history_rows([v1, v2], current_id=v1.id, now=NOW)
    assert rows == [
        ["v2", "gain +3 dB", "Change level", time.strftime("%H:%M", time.localtime(NOW))],
        ["▶ v1", "song.wav", "Upload", time.strftime("%H:%M", time.localtime(NOW))],
    ]
    assert len(HISTORY_HEADERS) == len(rows[0])
    assert [row_version(r[0]) for r in rows] == [2, 1]
    assert row_version("") is None
    assert version_choices([v1, v2]) == [("v2 · gain +3 dB", v2.id), ("v1 · song.wav", v1.id)]
    assert made_by(v2) == "Change level (gain 3 dB)" and made_by(v1) == "Upload"


def test_lineage_between_versions() -> None:
    v1 = art(1)
    v2 = art(2, tool="gain", parent=v1.id)
    v3 = art(3, tool="trim", parent=v2.id)
    other = art(4)
    history = [v1, v2, v3, other]
    assert [a.version for a in lineage(history, v1.id, v3.id)] == [2, 3]
    assert lineage(history, v3.id, v1.id) is None
    assert lineage(history, v1.id, other.id) is None


def test_compare_text_reports_tools_steps_and_differences() -> None:
    v1 = art(1, label="song.wav")
    v2 = art(2, tool="normalize_loudness", parent=v1.id, label="normalised to -14 LUFS",
             arguments={"audio": v1.id, "target_lufs": -14.0})  # fmt: skip
    v3 = art(3, tool="trim", parent=v2.id, label="trimmed", arguments={"end_s": 2.0})
    facts1 = {
        "duration_s": 4.0,
        "integrated_lufs": -33.8,
        "peak_dbfs": -26.2,
        "sample_rate": 44100,
        "channels": 2,
    }
    facts3 = {
        "duration_s": 2.0,
        "integrated_lufs": -14.0,
        "peak_dbfs": -6.3,
        "sample_rate": 44100,
        "channels": 2,
    }
    text = compare_text(v1, v3, facts1, facts3, [v1, v2, v3])
    assert "**v1 · song.wav** → **v3 · trimmed**" in text
    assert "| Loudness | -33.8 LUFS | -14.0 LUFS | +19.8 LU |" in text
    assert "| Length | 0:04.0 (4.00 s) | 0:02.0 (2.00 s) | -2.00 s |" in text
    assert "| Peak | -26.2 dBFS | -6.3 dBFS | +19.9 dB |" in text
    assert "Sample rate" not in text  # unchanged facts are left out
    assert "1. Normalise loudness (target -14 LUFS) → v2" in text
    assert "2. Trim (end 2 s) → v3" in text
    backwards = compare_text(v3, v1, facts3, facts1, [v1, v2, v3])
    assert (
        "Steps from v1 to v3:" in backwards
        and "| Loudness | -14.0 LUFS | -33.8 LUFS | -19.8 LU |" in backwards
    )


def test_compare_text_without_facts_or_with_one_version() -> None:
    v1, v2 = art(1), art(2, kind="midi")
    text = compare_text(v1, v2, {"duration_s": 1.0}, None, [v1, v2])
    assert "| Loudness | — | — |  |" in text and "only audio can be measured" in text
    assert "not made one from the other" in text
    assert "same version" in compare_text(v1, v1, None, None)


def test_compare_text_shows_changed_formats() -> None:
    v1, v2 = art(1), art(2, tool="convert", parent="a-000000000001")
    text = compare_text(
        v1, v2, {"sample_rate": 44100, "format": "wav"}, {"sample_rate": 48000, "format": "mp3"}
    )
    assert "| Sample rate | 44100 Hz | 48000 Hz | changed |" in text
    assert "| Format | wav | mp3 | changed |" in text


# ---------------------------------------------------------------------------------------- downloads


def test_download_names_and_links(tmp_path: Path) -> None:
    stored = tmp_path / "objects" / "ab" / ("f" * 64 + ".wav")
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"0123456789")
    upload = art(1, label="My Song.wav", path=str(stored))
    edit = art(12, tool="gain", label="gain +3 dB", path=str(stored))
    assert friendly_name(upload) == "v001-my-song.wav"
    assert friendly_name(edit) == "v012-gain-3-db.wav"
    link = friendly_path(edit, tmp_path / "downloads")
    assert link.name == "v012-gain-3-db.wav" and link.read_bytes() == b"0123456789"
    assert friendly_path(edit, tmp_path / "downloads") == link  # reused
    assert stored.read_bytes() == b"0123456789"  # the stored version is untouched


def test_downloads_list_is_generic_over_artifacts() -> None:
    v1 = art(1)
    v2 = art(2, tool="gain", parent=v1.id)
    midi = art(3, kind="midi", tool="transcribe")
    video = art(4, kind="video", tool="score_video")
    same_video = art(5, kind="video", tool="score_video", sha=video.sha256)
    chosen = download_artifacts([v1, v2, midi, video, same_video], current=v2)
    assert [a.version for a in chosen] == [2, 5, 3]
    assert download_artifacts([], None) == []


# ---------------------------------------------------------------------------------------- chat


def event(kind: str, t: float, fraction: float = 0.0, message: str = "", tool: str = "normalize_loudness"):
    return SimpleNamespace(type=kind, call_id="c1", tool=tool, fraction=fraction, message=message, time=t)


def test_progress_board_shows_tool_percent_and_elapsed() -> None:
    board = ProgressBoard(started=100.0)
    (waiting,) = board.messages(now=101.0)
    assert waiting["metadata"]["status"] == "pending" and waiting["metadata"]["log"] == "1 s"
    assert board.status_line(now=102.0) == "Reading your request… 2 s"

    board.update(event("started", 102.0))
    board.update(event("progress", 104.0, 0.4, "measuring"))
    (running,) = board.messages(now=105.5)
    assert running["metadata"] == {"title": "Normalise loudness", "status": "pending", "log": "40% · 3.5 s"}
    assert running["content"] == f"{text_bar(0.4)} 40% — measuring"
    assert board.status_line(now=105.5) == "Working: Normalise loudness 40% (4 s)"

    board.update(event("finished", 107.0, 1.0, "done"))
    (done,) = board.messages(now=110.0, final=True)
    assert done["metadata"] == {"title": "✔ Normalise loudness", "status": "done", "duration": 5.0}
    assert board.status_line(now=108.0) == "Writing the answer… 8 s"


def test_progress_board_failed_call_and_no_calls() -> None:
    board = ProgressBoard(started=0.0)
    assert board.messages(now=1.0, final=True) == []
    board.update(event("started", 1.0, tool="trim"))
    board.update(event("failed", 2.0, message="The end is after the track's end.", tool="trim"))
    (failed,) = board.messages(now=3.0)
    assert failed["metadata"]["title"] == "✖ Trim"
    assert failed["content"] == "✖ failed: The end is after the track's end."


def test_text_bar() -> None:
    assert text_bar(0.0, 4) == "▱▱▱▱" and text_bar(0.5, 4) == "▰▰▱▱" and text_bar(2.0, 4) == "▰▰▰▰"


def test_user_reply_and_artifact_messages() -> None:
    msgs = user_message("how loud?", ["/tmp/x/song.wav"])
    assert msgs == [
        {"role": "user", "content": {"path": "/tmp/x/song.wav", "alt_text": "song.wav"}},
        {"role": "user", "content": "how loud?"},
    ]
    assert user_message("  ", []) == []
    assert reply_message("Done it.", ok=True) == {"role": "assistant", "content": "Done it."}
    assert reply_message("bad.wav could not be read", ok=False)["content"].startswith("⚠️ bad.wav")
    v2 = art(2, tool="gain", label="gain +3 dB")
    (player,) = artifact_messages([v2], lambda a: Path("/dl/v002-gain-3-db.wav"))
    assert player["content"] == [
        "**v2 · gain +3 dB**",
        {"path": "/dl/v002-gain-3-db.wav", "alt_text": "gain +3 dB"},
    ]


def test_a_reopened_conversation_gets_players_after_the_reply() -> None:
    v1 = art(1, label="song.wav")
    v2 = art(2, tool="gain", label="gain +3 dB", parent=v1.id)
    found = {a.id: a for a in (v1, v2)}
    conversation = [
        {"role": "user", "content": "make it louder", "attachments": [v1.id, "a-gone"]},
        {"role": "tool", "content": "gain: ok", "results": [
            {"tool": "gain", "ok": True, "seconds": 0.51, "artifacts": [v2.model_dump()]}]},
        {"role": "assistant", "content": "Applied +3.0 dB. Saved as version 2."},
        {"role": "user", "content": "trim it", "attachments": []},
        {"role": "tool", "results": [{"tool": "trim", "ok": False, "error": "No."}]},
        {"role": "assistant", "content": "I couldn't trim it."},
    ]  # fmt: skip
    msgs = conversation_messages(conversation, found.get, lambda a: Path(f"/dl/{a.version}.wav"))
    assert [m["role"] for m in msgs] == ["user", "user", "assistant", "assistant", "assistant", "user",
                                         "assistant", "assistant"]  # fmt: skip
    assert msgs[0]["content"] == {"path": "/dl/1.wav", "alt_text": "song.wav"}
    assert msgs[2]["metadata"] == {"title": "✔ Change level", "status": "done", "duration": 0.51}
    assert msgs[4]["content"][1]["path"] == "/dl/2.wav"
    assert msgs[6]["content"] == "✖ failed: No." and msgs[6]["metadata"]["title"] == "✖ Trim"


# ---------------------------------------------------------------------------------------- overlays


def test_overlay_parsers_accept_the_usual_spellings() -> None:
    assert parse_times([2.0, {"time_s": 0.5}, {"time": 1}, {"nope": 3}, "x", True]) == [0.5, 1.0, 2.0]
    spans = [
        {"start_s": 4, "end_s": 8, "label": "chorus"},
        {"start": 0, "end": 4, "name": "verse"},
        {"start_s": 3},
    ]
    assert parse_spans(spans) == [(0.0, 4.0, "verse"), (4.0, 8.0, "chorus")]
    (note,) = parse_notes([{"pitch": 60, "start_s": 0, "end_s": 0.5, "velocity": 300}, {"pitch": 61}])
    assert (note.pitch, note.velocity) == (60, 127)


def test_overlays_come_from_the_newest_results_about_the_artifact() -> None:
    conversation = [
        {"role": "tool", "results": [
            {"tool": "analyze", "ok": True, "arguments": {"audio": "a-1"},
             "output": {"artifact_id": "a-1", "beats": [0.0, 0.5], "downbeats": [0.0]}},
            {"tool": "analyze", "ok": True, "arguments": {"audio": "a-2"},
             "output": {"artifact_id": "a-2", "beats": [9.0]}},
        ]},
        {"role": "assistant", "content": "..."},
        {"role": "tool", "results": [
            {"tool": "chords", "ok": True, "arguments": {"audio": "a-1"},
             "output": {"chords": [{"start_s": 0, "end_s": 2, "chord": "Am"}],
                        "sections": [{"start_s": 0, "end_s": 2, "label": "intro"}],
                        "notes": [{"pitch": 64, "start_s": 0, "end_s": 1}]}},
            {"tool": "analyze", "ok": False, "arguments": {"audio": "a-1"}, "output": {"beats": [5.0]}},
        ]},
    ]  # fmt: skip
    results = results_in_conversation(conversation)
    assert len(results) == 4
    found = overlays_from_results(results, "a-1")
    assert found.beats == [0.0, 0.5] and found.downbeats == [0.0]
    assert [c.label for c in found.chords] == ["Am"] and [s.label for s in found.sections] == ["intro"]
    assert [n.pitch for n in found.notes] == [64]
    assert overlays_from_results(results, "a-3").empty


# ---------------------------------------------------------------------------------------- streaming


def test_with_ticks_passes_items_and_ticks_while_waiting() -> None:
    def slow():
        yield 1
        time.sleep(0.35)
        yield 2

    items = list(with_ticks(slow, tick_s=0.1))
    assert [i for i in items if i is not TICK] == [1, 2]
    assert items.count(TICK) >= 2


def test_with_ticks_reraises_the_producer_error() -> None:
    def broken():
        yield 1
        raise ValueError("boom")

    got = []
    with pytest.raises(ValueError, match="boom"):
        for item in with_ticks(broken, tick_s=0.05):
            got.append(item)
    assert got == [1]


# ---------------------------------------------------------------------------------------- uploads


def test_uploads_over_the_limit_get_a_clear_message(tmp_path: Path) -> None:
    from tools.audio.limits import max_file_bytes
    from ui.app.uploads import gradio_max_file_size, too_large

    small, big = tmp_path / "small.wav", tmp_path / "big.wav"
    small.write_bytes(b"x" * 1000)
    big.write_bytes(b"x" * 3_000_000)
    assert too_large([small, big], limit_bytes=2_000_000) == [
        "big.wav is 3 MB, over the 2 MB upload limit: upload a shorter or compressed version."
    ]
    assert too_large([tmp_path / "missing.wav"], limit_bytes=1) == []
    assert max_file_bytes() > 3_000_000
    assert gradio_max_file_size(512.0) == "512mb" and gradio_max_file_size(0.5) == 500_000
