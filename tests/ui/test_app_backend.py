"""The app's backend and side panels against a real agent and workspace (no browser)."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path
from typing import Any

import pytest

from agent.agent import Agent, TurnResult
from tests.agent.conftest import write_song
from tools.base import ToolError
from ui.app.backend import BackendUnavailableError, LocalBackend, make_backend
from ui.app.chat import conversation_messages
from ui.app.panels import file_for, panel_state, session_choices, spectrogram_for


@pytest.fixture
def backend(tmp_path: Path) -> LocalBackend:
    return LocalBackend(Agent(home=tmp_path / "home"))


@pytest.fixture
def session(backend: LocalBackend, tmp_path: Path) -> str:
    """A session holding one upload, made through the workspace (no planner needed)."""
    ws = backend.agent.workspace.create_session("s1")
    ws.import_file(write_song(tmp_path / "My Song.wav", seconds=3.0), kind="audio")
    return "s1"


class AnalysedBackend(LocalBackend):
    """A real backend whose conversation also holds an analysis result (the analysis tools come later)."""

    def __init__(self, agent: Agent, results: list[dict[str, Any]]) -> None:
        super().__init__(agent)
        self.results = results

    def conversation(self, session_id: str) -> list[dict[str, Any]]:
        return [{"role": "tool", "content": "", "results": self.results}]


def test_api_backend_without_a_server_is_refused_clearly() -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(BackendUnavailableError, match="no Bandleader API answers there"):
        make_backend(api=f"http://127.0.0.1:{port}")


def test_versions_facts_undo_and_zip(backend: LocalBackend, session: str) -> None:
    (upload,) = backend.history(session)
    assert backend.current(session) == upload
    facts = backend.describe(session, upload.id)
    assert facts is not None and facts["duration_s"] == pytest.approx(3.0)
    assert facts["integrated_lufs"] < -20
    with pytest.raises(ToolError) as err:
        backend.undo(session)
    assert err.value.code == "nothing_to_undo"
    zipped = backend.export_zip(session)
    assert zipped.name == "my-song-s1.zip"
    with zipfile.ZipFile(zipped) as z:
        assert "manifest.json" in z.namelist()
    link = file_for(backend, session, upload)
    assert link.name == "v001-my-song.wav" and link.read_bytes() == Path(upload.path).read_bytes()


def test_panels_for_a_new_chat_and_for_a_session(backend: LocalBackend, session: str) -> None:
    empty = panel_state(backend, None)
    assert empty.current is None and empty.waveform is None and empty.versions.empty

    state = panel_state(AnalysedBackend(backend.agent, []), session)
    assert state.current is not None and state.current.version == 1
    assert state.now_text.startswith("### Now playing: v1 · My Song.wav")
    assert "0:03.0" in state.now_text
    assert state.waveform is not None and state.chords is None and state.piano_roll is None
    assert "appear here once the track has been analysed" in state.waveform_note
    assert state.versions.values.tolist()[0][:3] == ["▶ v1", "My Song.wav", "Upload"]
    assert [Path(p).name for p in state.downloads] == ["v001-my-song.wav"]
    assert [name.split(" · ")[0] for name, _ in session_choices(backend)] == ["My Song.wav"]


def test_panels_draw_analysis_results_about_the_current_version(backend: LocalBackend, session: str) -> None:
    current = backend.current(session)
    assert current is not None
    analysed = AnalysedBackend(
        backend.agent,
        [
            {
                "tool": "analyze",
                "ok": True,
                "arguments": {"audio": current.id},
                "output": {
                    "artifact_id": current.id,
                    "beats": [0.0, 0.5, 1.0, 1.5, 2.0, 2.5],
                    "downbeats": [0.0, 2.0],
                    "sections": [{"start_s": 0, "end_s": 2, "label": "verse"}],
                    "chords": [
                        {"start_s": 0, "end_s": 1.5, "label": "A"},
                        {"start_s": 1.5, "end_s": 3, "label": "D"},
                    ],
                    "notes": [{"pitch": 69, "start_s": 0, "end_s": 1}],
                },
            }
        ],
    )
    state = panel_state(analysed, session)
    ax = state.waveform.axes[0]
    (beats,) = [c for c in ax.collections if c.get_gid() == "beats"]
    assert len(beats.get_segments()) == 4
    assert state.waveform_note == ""
    assert (
        state.chords is not None
        and len([p for p in state.chords.axes[0].patches if p.get_gid() == "chords"]) == 2
    )
    assert state.piano_roll is not None


def test_spectrogram_on_demand(backend: LocalBackend, session: str) -> None:
    assert spectrogram_for(backend, None) == (None, "Nothing to draw yet: upload a track first.")
    fig, note = spectrogram_for(backend, session)
    assert fig is not None and note.startswith("Spectrogram of v1")


@pytest.mark.slow
def test_a_turn_then_reopen_then_delete(backend: LocalBackend, tmp_path: Path) -> None:
    song = write_song(tmp_path / "track.wav", seconds=2.0)
    items = list(backend.stream_turn("make it 3 dB louder", None, [str(song)]))
    result = items[-1]
    assert isinstance(result, TurnResult) and result.ok
    assert any(getattr(i, "type", "") == "started" for i in items[:-1])
    sid = result.session

    # reopening rebuilds the chat from the checkpointed conversation, players included
    messages = conversation_messages(
        backend.conversation(sid), lambda aid: backend.get(sid, aid), lambda a: file_for(backend, sid, a)
    )
    players = [m for m in messages if isinstance(m["content"], list)]
    assert len(players) == 1 and players[0]["content"][1]["path"].endswith("v002-gain-3-db.wav")
    assert any("Saved as version 2" in str(m["content"]) for m in messages)

    state = panel_state(backend, sid)
    assert state.current is not None and state.current.version == 2 and state.waveform is not None
    # the session list tells sessions apart by their first request, not only by the file name
    assert [name.split(" · ")[:2] for name, _ in session_choices(backend)] == [
        ["“make it 3 dB louder”", "track.wav"]
    ]

    backend.delete_session(sid)
    assert backend.sessions() == [] and backend.conversation(sid) == []
    with pytest.raises(ToolError):
        backend.history(sid)


def test_after_a_question_the_waveform_shows_the_measured_beats(
    backend: LocalBackend, session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking about a track computes its feature sheet; the panels then draw its beats (0.5 s apart:
    the test song's clicks) without running any analysis themselves."""
    monkeypatch.setenv("BANDLEADER_FEATURE_CACHE", str(tmp_path / "features"))
    before = panel_state(backend, session)
    assert "appear here once the track has been analysed" in before.waveform_note

    result = backend.agent.turn("how fast is it?", session)
    assert result.ok and "answer_question" in [c.name for c in result.tool_calls], result.reply

    state = panel_state(backend, session)
    assert state.waveform_note == ""
    marks = [c for c in state.waveform.axes[0].collections if c.get_gid() in ("beats", "downbeats")]
    times = sorted(float(seg[0][0]) for c in marks for seg in c.get_segments())
    assert len(times) >= 4
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert sorted(gaps)[len(gaps) // 2] == pytest.approx(0.5, abs=0.03)


@pytest.mark.slow
def test_a_written_song_shows_its_own_bars_chords_and_notes(backend: LocalBackend) -> None:
    """The plots of a generated song come from its project: bars at the asked tempo, its chords in
    order, its melody and chords as notes (no analysis of the audio needed)."""
    from tools.generation.project import SongProject
    from ui.app.song_view import project_of

    result = backend.agent.turn("write a 20 second lo-fi song in A minor at 80 BPM", "song")
    assert result.ok, result.reply
    state = panel_state(backend, "song")
    current = state.current
    assert current is not None and current.kind == "audio"
    project = project_of(backend.history("song"), current)
    assert project is not None
    song = SongProject.model_validate_json(Path(project.path).read_text())

    bars = [c for c in state.waveform.axes[0].collections if c.get_gid() == "downbeats"]
    times = sorted(float(seg[0][0]) for c in bars for seg in c.get_segments())
    assert len(times) == song.total_bars + 1
    assert times[1] - times[0] == pytest.approx(4 * 60 / 80, abs=1e-3)  # a 4/4 bar at 80 BPM: 3 s

    boxes = [p for p in state.chords.axes[0].patches if p.get_gid() == "chords"]
    labels = [t.get_text() for t in state.chords.axes[0].texts]
    first = song.sections[0].chords[0]
    assert len(boxes) >= len(song.sections) and labels[0] == first
    assert state.piano_roll is not None and state.piano_roll_note == ""

    # the Downloads tab's song files: a zip, stems per track, MIDI with the notes, MusicXML
    files = backend.song_files("song")
    names = [f.name for f in files]
    assert names[0].endswith(".zip") and "song.mid" in names and "song.musicxml" in names
    stems = [f for f in files if f.parent.name == "stems"]
    assert len(stems) == len(song.tracks)
    import mido

    midi = mido.MidiFile(next(f for f in files if f.name == "song.mid"))
    assert sum(1 for t in midi.tracks for m in t if m.type == "note_on" and m.velocity > 0) > 20


def test_song_files_of_an_upload_get_a_clear_message(backend: LocalBackend, session: str) -> None:
    with pytest.raises(ToolError) as err:
        backend.song_files(session)
    assert err.value.code == "not_a_song" and "ask for a song" in err.value.message


@pytest.mark.slow
def test_a_scored_video_plays_in_the_panel_with_its_music_and_project_downloadable(
    backend: LocalBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANDLEADER_DISABLE_POSE", "1")
    monkeypatch.setenv("BANDLEADER_VIDEO_CACHE", str(tmp_path / "video-cache"))
    clip = Path(__file__).resolve().parents[1] / "data" / "video" / "bikes.mp4"
    result = list(backend.stream_turn("make a song for this video", None, [str(clip)]))[-1]
    assert isinstance(result, TurnResult) and result.ok, result.reply
    sid = result.session
    state = panel_state(backend, sid)
    assert state.current is not None and state.current.kind == "video" and state.current.version == 2
    assert state.current_file is not None and Path(state.current_file).suffix == ".mp4"
    assert state.waveform is not None  # drawn from the muxed music track
    # one row per version: the upload and the score (its music and project are companions, not rows)
    assert [row[0] for row in state.versions.values.tolist()] == ["▶ v2", "v1"]
    names = sorted(Path(p).suffix for p in state.downloads)
    assert ".json" in names and ".wav" in names and ".mp4" in names


def test_after_separate_each_stem_plays_in_its_own_player_and_downloads(
    backend: LocalBackend, session: str
) -> None:
    from ui.app.layout import stem_updates

    assert panel_state(backend, session).stems == []  # an upload has no stems: no players
    result = backend.agent.call_tool(session, "separate", {"audio": "current", "backend": "dsp"})
    assert result.ok, result.error
    state = panel_state(backend, session)
    assert [name for name, _ in state.stems] == ["vocals", "drums", "bass", "other"]
    for name, path in state.stems:
        assert path.is_file() and path.stat().st_size > 1000
        assert path.name.startswith("v002-") and name in path.name  # a readable download name
        assert str(path) in state.downloads  # offered in the downloads list too
    players = stem_updates(state.stems)
    shown = [p for p in players if p["visible"]]
    assert [p["label"] for p in shown] == ["Vocals", "Drums", "Bass", "Other"]
    assert all(p["value"] == str(path) for p, (_, path) in zip(shown, state.stems, strict=False))
    assert not any(p["visible"] for p in players[4:])
