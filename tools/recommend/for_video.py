"""A library track fitted to a video: the stretch of the track whose beats land best on the cuts, cut to
the video's length, faded, and muxed under the picture (the video tools do the analysis and muxing).
Times in seconds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
from pydantic import BaseModel, Field

FADE_IN_S: float = 0.05
FADE_OUT_S: float = 1.5
SAMPLE_RATE_HZ: int = 44100


class FittedTrack(BaseModel):
    """Where the track was cut and how well its beats meet the cuts."""

    offset_s: float = Field(description="Where in the track the video's first frame starts, seconds.")
    duration_s: float = Field(description="Length of the fitted music (the video's length), seconds.")
    cuts_on_beat: float | None = Field(
        description="Share of the video's cuts with a beat within 80 ms, 0..1."
    )
    n_cuts: int
    track_tempo_bpm: float | None
    shorter_than_video: bool = Field(description="True when the track ends before the video (silence after).")


def best_offset(
    beats: np.ndarray, cuts: np.ndarray, track_s: float, video_s: float
) -> tuple[float, float | None]:
    """(offset, share of cuts on a beat) maximising the share over offsets that put a beat on a cut."""
    from tools.video.metrics import beat_cut_alignment

    latest = max(0.0, track_s - video_s)
    candidates = {0.0}
    for c in cuts[:8]:
        for b in beats:
            o = float(b - c)
            if 0.0 <= o <= latest:
                candidates.add(round(o, 3))
    best, best_score = 0.0, beat_cut_alignment(cuts, beats)
    if best_score is None:
        return 0.0, None
    for o in sorted(candidates):
        score = beat_cut_alignment(cuts, beats - o) or 0.0
        if score > best_score + 1e-9:
            best, best_score = o, score
    return best, best_score


def fit_track(track: Path, video: Path, out_wav: Path) -> FittedTrack:
    """Write ``out_wav`` (16-bit WAV, 44.1 kHz stereo): ``track`` from the best offset, as long as
    ``video``, with a short fade-in and a fade-out; returns where it was cut and the alignment."""
    from tools.audio.decode import decode_audio
    from tools.video.analysis import analyse_video
    from tools.video.score import music_beats

    analysis = analyse_video(video)
    video_s = float(analysis.info.duration_s)
    cuts = np.array([c.time_s for c in analysis.cuts], dtype=np.float64)
    beats_list, _, tempo = music_beats(track)
    beats = np.array(beats_list, dtype=np.float64)
    audio = decode_audio(str(track), SAMPLE_RATE_HZ)
    x = audio.samples if audio.samples.shape[0] == 2 else np.repeat(audio.samples[:1], 2, axis=0)
    track_s = x.shape[1] / SAMPLE_RATE_HZ
    offset, share = best_offset(beats, cuts, track_s, video_s)
    start, n = round(offset * SAMPLE_RATE_HZ), round(video_s * SAMPLE_RATE_HZ)
    y = x[:, start : start + n].copy()
    shorter = y.shape[1] < n
    if shorter:
        y = np.pad(y, ((0, 0), (0, n - y.shape[1])))
    fi = min(y.shape[1], int(FADE_IN_S * SAMPLE_RATE_HZ))
    y[:, :fi] *= np.linspace(0.0, 1.0, fi, dtype=np.float32)
    end = min(y.shape[1], round((track_s - offset) * SAMPLE_RATE_HZ)) if shorter else y.shape[1]
    fo = min(end, int(FADE_OUT_S * SAMPLE_RATE_HZ))
    y[:, end - fo : end] *= np.linspace(1.0, 0.0, fo, dtype=np.float32) ** 2
    out_wav.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(out_wav), np.clip(y.T, -1.0, 1.0), SAMPLE_RATE_HZ, subtype="PCM_16", format="WAV")
    return FittedTrack(
        offset_s=round(offset, 3), duration_s=round(video_s, 3),
        cuts_on_beat=None if share is None else round(share, 3), n_cuts=len(cuts),
        track_tempo_bpm=round(tempo, 1) if tempo else None, shorter_than_video=shorter,
    )  # fmt: skip
