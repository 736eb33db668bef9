"""The tempo-octave check of the stock beat tracker, and the beat and bar phase from downbeat, chord and
bass evidence, on activations with known truth."""

from __future__ import annotations

import numpy as np
import pytest

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.rhythm import (
    beats_twice_the_bars,
    change_marks,
    choose_bar_phase,
    nothing_between_the_beats,
    octave_checked_beats,
    octave_checked_tempo,
    shift_to_evidence_phase,
    tempo_from_beats,
)


def _pulses(bpm: float, seconds: float, offbeat: float, fps: int = C.BEAT_FPS) -> np.ndarray:
    """A beat activation: peaks of 1.0 on the beats of ``bpm`` and of ``offbeat`` halfway between."""
    env = np.zeros(int(seconds * fps))
    step = 60.0 * fps / bpm
    for k, t in enumerate(np.arange(0, len(env) - 2, step / 2)):
        i = round(float(t))
        env[i] = 1.0 if k % 2 == 0 else offbeat
        env[max(0, i - 1)] = max(env[max(0, i - 1)], 0.3 * env[i])
        env[min(len(env) - 1, i + 1)] = max(env[min(len(env) - 1, i + 1)], 0.3 * env[i])
    return 0.02 + 0.95 * env  # never exactly 0 or 1, like a network's output


def test_slow_music_with_quiet_eighths_is_read_at_its_own_tempo_not_double() -> None:
    act = _pulses(70.0, 30.0, offbeat=0.3)
    assert octave_checked_tempo(act, C.BEAT_FPS, 140.0, (0.5, 2.0)) == pytest.approx(70.0)
    tempo, _ = tempo_from_beats(octave_checked_beats(act))
    assert tempo == pytest.approx(70.0, rel=0.03)


def test_eighths_as_strong_as_the_beats_keep_the_faster_reading() -> None:
    # equal pulses every 0.43 s: 140 BPM is the better supported (and preferred) level
    act = _pulses(70.0, 30.0, offbeat=1.0)
    assert octave_checked_tempo(act, C.BEAT_FPS, 140.0, (0.5, 2.0)) == pytest.approx(140.0)
    tempo, _ = tempo_from_beats(octave_checked_beats(act))
    assert tempo == pytest.approx(140.0, rel=0.03)


def _downbeat_pulses(bpm: float, seconds: float, beats_per_bar: int, fps: int = C.BEAT_FPS) -> np.ndarray:
    """A downbeat activation: a peak on the first beat of every bar of ``beats_per_bar`` beats at ``bpm``."""
    env = np.full(int(seconds * fps), 0.02)
    for t in np.arange(0, len(env) - 2, 60.0 * fps / bpm * beats_per_bar):
        env[round(float(t))] = 0.9
    return env


def test_beats_at_double_time_are_halved_where_the_bars_span_eight_of_them() -> None:
    # a 4/4 song at 70 BPM read at 140 (its eighth notes): its downbeats come every 8 of those beats
    act = _pulses(70.0, 30.0, offbeat=0.3)
    fast = np.arange(0.0, 30.0, 60.0 / 140.0)
    down = _downbeat_pulses(70.0, 30.0, 4)
    assert beats_twice_the_bars(down, C.BEAT_FPS, 140.0)
    tempo, _ = tempo_from_beats(octave_checked_beats(act, full_range_beats=fast, downbeat_activation=down))
    assert tempo == pytest.approx(70.0, rel=0.03)


def test_a_waltz_at_150_is_not_halved_when_its_bars_are_three_of_its_beats() -> None:
    # strong beats every other beat (the periodicity alone prefers 75 BPM), but a bar every 3 beats
    act = _pulses(75.0, 30.0, offbeat=0.3)
    beats = np.arange(0.0, 30.0, 60.0 / 150.0)
    down = _downbeat_pulses(150.0, 30.0, 3)
    assert octave_checked_tempo(act, C.BEAT_FPS, 150.0, (0.5,)) == pytest.approx(75.0)
    assert not beats_twice_the_bars(down, C.BEAT_FPS, 150.0)
    kept = octave_checked_beats(act, full_range_beats=beats, downbeat_activation=down)
    assert np.array_equal(kept, beats)
    # and a 4/4 rock song at 150 with bars of 4 beats is not halved either
    assert not beats_twice_the_bars(_downbeat_pulses(150.0, 30.0, 4), C.BEAT_FPS, 150.0)


def _onsets(times: np.ndarray, seconds: float, fps: int = C.BEAT_FPS) -> np.ndarray:
    """An onset-strength envelope: 1.0 at each of ``times`` (s), a little noise floor elsewhere."""
    env = np.full(int(seconds * fps), 0.05)
    env[np.clip(np.round(np.asarray(times) * fps).astype(int), 0, len(env) - 1)] = 1.0
    return env


def test_beats_with_nothing_between_them_are_halved_whatever_the_bars_say() -> None:
    # a slow piano in even quavers read at 140 (its quavers): the downbeat activation recurs every half
    # bar, i.e. every 4 of these beats, so the bar rule keeps 140; but nothing sounds between the beats
    act = _pulses(70.0, 30.0, offbeat=0.3)
    fast = np.arange(0.0, 30.0, 60.0 / 140.0)
    down = _downbeat_pulses(140.0, 30.0, 4)
    assert not beats_twice_the_bars(down, C.BEAT_FPS, 140.0)
    onsets = _onsets(fast, 30.0)
    assert nothing_between_the_beats(fast, onsets)
    kept = octave_checked_beats(act, full_range_beats=fast, downbeat_activation=down)
    assert np.array_equal(kept, fast)
    halved = octave_checked_beats(act, full_range_beats=fast, downbeat_activation=down, onsets=onsets)
    tempo, _ = tempo_from_beats(halved)
    assert tempo == pytest.approx(70.0, rel=0.03)


def test_beats_with_notes_between_them_keep_their_tempo() -> None:
    # the same beats with quavers between them (a hi-hat, a running accompaniment): 140 stands
    act = _pulses(70.0, 30.0, offbeat=0.3)
    fast = np.arange(0.0, 30.0, 60.0 / 140.0)
    onsets = _onsets(np.arange(0.0, 30.0, 30.0 / 140.0), 30.0)
    onsets[np.round((fast[:-1] + fast[1:]) / 2 * C.BEAT_FPS).astype(int)] = 0.4  # softer, but there
    assert not nothing_between_the_beats(fast, onsets)
    down = _downbeat_pulses(140.0, 30.0, 4)
    kept = octave_checked_beats(act, full_range_beats=fast, downbeat_activation=down, onsets=onsets)
    assert np.array_equal(kept, fast)
    # and beats whose activation does not alternate are never halved by the onsets alone
    even = _pulses(140.0, 30.0, offbeat=0.0)
    kept = octave_checked_beats(
        even, full_range_beats=fast, downbeat_activation=down, onsets=_onsets(fast, 30)
    )
    assert np.array_equal(kept, fast)


def test_bar_phase_follows_the_downbeat_evidence_in_three_four() -> None:
    beats = np.arange(0.5, 30.0, 0.5)
    act = np.where(np.arange(len(beats)) % 3 == 1, 0.8, 0.2)  # bars start on the second beat
    downbeats, per_bar = choose_bar_phase(beats, [act])
    assert per_bar == 3
    assert np.allclose(downbeats, beats[1::3])


def test_chord_changes_outvote_a_weak_downbeat_activation() -> None:
    beats = np.arange(0.5, 40.0, 0.5)
    idx = np.arange(len(beats))
    act = np.where(idx % 4 == 2, 0.45, 0.4)  # the network leans (weakly) to the third beat
    changes = beats[idx % 4 == 0][1:] + 0.02  # the harmony changes on the first
    bass = np.where(idx % 4 == 0, 1.0, 0.5)
    downbeats, per_bar = choose_bar_phase(beats, [act, change_marks(beats, changes), bass])
    assert per_bar == 4
    assert np.allclose(downbeats, beats[0::4])
    assert np.allclose(choose_bar_phase(beats, [act])[0], beats[2::4])  # the network alone is wrong


def test_beats_locked_to_the_offbeat_move_to_the_chord_and_bass_phase() -> None:
    true_beats = np.arange(0.0, 30.0, 0.5)
    offbeats = true_beats[:-1] + 0.25  # what an RNN locked to a bossa's off-beat reports
    changes = true_beats[::4][1:]
    bass = np.zeros(3000)
    bass[np.round(true_beats * C.BEAT_FPS).astype(int)] = 1.0
    moved = shift_to_evidence_phase(offbeats, changes, bass)
    assert np.abs(moved[:-1] - true_beats[1 : len(moved)]).max() < 0.011
    # beats already on the chord changes and bass stay where they are
    assert np.array_equal(shift_to_evidence_phase(true_beats, changes, bass), true_beats)
    # conflicting evidence (bass on the beats, chords between them) changes nothing
    assert np.array_equal(shift_to_evidence_phase(true_beats, changes + 0.25, bass), true_beats)


@pytest.mark.slow
def test_a_slow_solo_piano_is_read_at_its_own_tempo(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # issue 17: stock madmom reads it at 140 (its quavers); its downbeat activation recurs every half bar,
    # so the bar rule cannot see the double time, but nothing sounds between those beats
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.folder import compose_to_folder
    from tools.understanding.sheet import compute_sheet

    prompt = "a 20 second calm solo piano piece in D minor at 70 BPM"
    song = compose_to_folder(ComposeRequest(prompt=prompt, seed=3, instruments=["piano"]), tmp_path / "song")
    sheet = compute_sheet(song.audio, use_cache=False)
    assert sheet.tempo_bpm == pytest.approx(70, rel=0.04)


@pytest.mark.slow
def test_a_drumless_waltz_at_150_stays_at_150(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the old periodicity check halved it (its beat activation recurs every two beats); neither the bar
    # rule nor the between-the-beats rule may: its accompaniment plays between the beats
    from tools.generation.compose.request import ComposeRequest
    from tools.generation.folder import compose_to_folder
    from tools.understanding.sheet import compute_sheet

    request = ComposeRequest(
        style="classical", tempo_bpm=150, meter="3/4", key="A major", duration_s=20, seed=3
    )
    song = compose_to_folder(request, tmp_path / "song")
    sheet = compute_sheet(song.audio, use_cache=False)
    assert sheet.tempo_bpm == pytest.approx(150, rel=0.04)
