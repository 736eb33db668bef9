"""Measurements of artifacts for the eval checks, behind a small registry.

Each measurement is a function ``(ArtifactInfo) -> value`` registered under the name of the
artifact check it serves (``duration_s``, ``loudness_lufs``, ...). Tempo, key and meter come from
the understanding feature sheet (``evals.measure_understanding``). Measurements whose analyser does
not exist yet (stems: they arrive with generation and separation) are registered as *missing* with a
reason; a check that needs one fails with that reason. A value is never invented.

Plugging in an analyser later is one line in ``MEASUREMENTS`` (``"module:function"``, imported
lazily) or a call to :func:`register_measurement`.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from tools.base import ArtifactInfo, ToolError

Measurement = Callable[[ArtifactInfo], Any]


class NotMeasurableError(Exception):
    """A quantity cannot be measured (no analyser yet, wrong kind of artifact, unreadable file)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


MEASUREMENTS: dict[str, str | None] = {
    "kind": "evals.measure:measure_kind",
    "duration_s": "evals.measure:measure_duration_s",
    "loudness_lufs": "evals.measure:measure_loudness_lufs",
    "streams": "evals.measure:measure_streams",
    "channels": "evals.measure:measure_channels",
    "sample_rate_hz": "evals.measure:measure_sample_rate_hz",
    "format": "evals.measure:measure_format",
    "tempo_bpm": "evals.measure_understanding:measure_tempo_bpm",
    "key": "evals.measure_understanding:measure_key",
    "meter": "evals.measure_understanding:measure_meter",
    "stems": None,  # generation / separation bring stems
}
"""Measurement name -> ``"module:function"``, or None while no analyser exists."""

MISSING_REASONS: dict[str, str] = {
    "tempo_bpm": "no tempo analyser installed yet",
    "key": "no key analyser installed yet",
    "stems": "no stems analyser installed yet",
}

_registered: dict[str, Measurement] = {}


def register_measurement(name: str, fn: Measurement | None) -> None:
    """Use ``fn`` for measurement ``name`` (None removes a registration made here)."""
    if fn is None:
        _registered.pop(name, None)
    else:
        _registered[name] = fn


def measurement(name: str) -> Measurement:
    """The function measuring ``name``; NotMeasurableError when no analyser is installed."""
    if name in _registered:
        return _registered[name]
    target = MEASUREMENTS.get(name)
    if target is None:
        raise NotMeasurableError(MISSING_REASONS.get(name, f"no analyser for {name!r} installed yet"))
    module_name, _, fn_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise NotMeasurableError(f"the {name} analyser cannot be imported: {exc}") from exc
    return getattr(module, fn_name)


class Measurer:
    """Measures artifacts, caching each (file, quantity) once per instance."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Any] = {}

    def measure(self, name: str, artifact: ArtifactInfo) -> Any:
        """The value of ``name`` for ``artifact``; NotMeasurableError when it can't be measured."""
        key = (artifact.sha256 or artifact.path, name)
        if key not in self._cache:
            fn = measurement(name)
            try:
                self._cache[key] = fn(artifact)
            except NotMeasurableError:
                raise
            except ToolError as exc:
                raise NotMeasurableError(f"could not measure {name}: {exc.message}") from exc
            except Exception as exc:
                raise NotMeasurableError(f"could not measure {name}: {type(exc).__name__}: {exc}") from exc
        return self._cache[key]


# --------------------------------------------------------------------------- the analysers we have


@lru_cache(maxsize=256)
def _probe(path: str, sha256: str) -> Any:
    from tools.audio.probe import probe_media

    return probe_media(Path(path))


def _probe_artifact(artifact: ArtifactInfo) -> Any:
    return _probe(artifact.path, artifact.sha256)


def _needs_media(artifact: ArtifactInfo, name: str) -> None:
    if artifact.kind not in ("audio", "video"):
        raise NotMeasurableError(f"no {name} analyser for {artifact.kind} artifacts installed yet")


def measure_kind(artifact: ArtifactInfo) -> str:
    """The artifact's kind: audio/video confirmed with ffprobe ("video" when it has a moving picture,
    "audio" when it has sound only), MIDI by its header; other kinds as the workspace records them."""
    if artifact.kind in ("audio", "video"):
        info = _probe_artifact(artifact)
        if info.has_video:
            return "video"
        if info.has_audio:
            return "audio"
        return "unreadable"
    if artifact.kind == "midi":
        with open(artifact.path, "rb") as fh:
            return "midi" if fh.read(4) == b"MThd" else "unreadable"
    return artifact.kind


def measure_duration_s(artifact: ArtifactInfo) -> float:
    """Length in seconds: decoded samples / sample rate for audio, ffprobe's duration for video."""
    _needs_media(artifact, "duration")
    if artifact.kind == "video":
        info = _probe_artifact(artifact)
        if info.duration_s is None:
            raise NotMeasurableError("ffprobe reports no duration for this video")
        return float(info.duration_s)
    from tools.audio.decode import decode_audio

    return decode_audio(Path(artifact.path), allow_silent=True).duration_s


def measure_loudness_lufs(artifact: ArtifactInfo) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4, ``tools.audio.loudness``); -inf for silence."""
    _needs_media(artifact, "loudness")
    from tools.audio.decode import decode_audio
    from tools.audio.loudness import integrated_loudness_lufs

    value = integrated_loudness_lufs(decode_audio(Path(artifact.path), allow_silent=True))
    return value if math.isfinite(value) else float("-inf")


def measure_streams(artifact: ArtifactInfo) -> list[str]:
    """The stream types ffprobe finds: a subset of ["video", "audio"] (cover pictures don't count)."""
    _needs_media(artifact, "stream")
    info = _probe_artifact(artifact)
    return [s for s, present in (("video", info.has_video), ("audio", info.has_audio)) if present]


def measure_channels(artifact: ArtifactInfo) -> int:
    """Number of channels of the first audio stream (ffprobe)."""
    _needs_media(artifact, "channel")
    info = _probe_artifact(artifact)
    if not info.channels:
        raise NotMeasurableError("ffprobe finds no audio channels")
    return int(info.channels)


def measure_sample_rate_hz(artifact: ArtifactInfo) -> int:
    """Sample rate of the first audio stream in Hz (ffprobe)."""
    _needs_media(artifact, "sample rate")
    info = _probe_artifact(artifact)
    if not info.sample_rate:
        raise NotMeasurableError("ffprobe finds no audio sample rate")
    return int(info.sample_rate)


def measure_format(artifact: ArtifactInfo) -> list[str]:
    """ffprobe's container format names, e.g. ["flac"] or ["mov", "mp4", "m4a", "3gp", "3g2", "mj2"]."""
    _needs_media(artifact, "format")
    return [f.strip() for f in _probe_artifact(artifact).format_name.split(",") if f.strip()]
