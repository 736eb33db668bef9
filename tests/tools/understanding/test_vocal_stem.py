"""The vocals stem hears a real voice behind a real band that the mixture's pitch contour misses, and
gives real solo instruments and an instrumental band no voice (real CC BY / CC0 clips in
tests/data/understanding)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.tools.understanding.signals import DATA
from tools.understanding.instruments import analyze_instruments
from tools.understanding.notes import transcribe
from tools.understanding.tags import STEM_LIFT_MIN, vocal_tag
from tools.understanding.vocal_stem import vocal_stem_evidence
from tools.understanding.vocals import VocalEvidence


def _mono_22k(path: Path) -> np.ndarray:
    import librosa

    x, sr = sf.read(path, dtype="float32", always_2d=True)
    return librosa.resample(x.mean(axis=1), orig_sr=sr, target_sr=22050) if sr != 22050 else x.mean(axis=1)


BAND = DATA.parent / "editing" / "vibe_ace_excerpt.flac"
"""8 s of "Vibe Ace" (Kevin MacLeod, CC BY 3.0), 44.1 kHz stereo, from the separation tests' data."""


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2)))


def _contour(x: np.ndarray) -> VocalEvidence:
    evidence = VocalEvidence()
    transcribe(x, evidence)
    return evidence


def test_a_voice_behind_a_band_is_heard_in_the_vocals_stem() -> None:
    voice = _mono_22k(DATA / "vocadito_14.flac")
    band = np.tile(_mono_22k(BAND), 2)[: len(voice)]
    x = voice * 10 ** (-6 / 20) * _rms(band) / _rms(voice) + band  # the voice 6 dB under the band
    x = (x / np.abs(x).max() * 0.9).astype(np.float32)
    mixture = _contour(x).score()
    assert mixture is not None and mixture < 0.5  # the band's instruments carry the strongest pitch
    stem = vocal_stem_evidence(x).score()
    assert stem is not None and stem >= 0.5  # with the band stripped, the pitch moves like a voice
    scores, _ = analyze_instruments(x)
    tag = vocal_tag(_contour(x), scores["voice"], stem)
    assert tag is not None and tag.label == "vocals"


@pytest.mark.parametrize(
    "clip",
    [
        "sorohanro_solo_trumpet_excerpt.flac",
        "Fl-ord-C4-mf-N-T14d.wav",
        "freesound_suva_guitar_slide.flac",
        "vibe_ace_excerpt.flac",
    ],
)
def test_solo_instruments_and_a_band_gain_no_voice_in_the_stem(clip: str) -> None:
    x = _mono_22k(DATA / clip)
    mixture = _contour(x)
    stem = vocal_stem_evidence(x).score()
    if stem is not None:
        assert stem < 0.5 and stem - (mixture.score() or 0.0) < STEM_LIFT_MIN
    scores, _ = analyze_instruments(x)
    tag = vocal_tag(mixture, scores["voice"], stem)
    assert tag is not None and tag.label == "instrumental"
