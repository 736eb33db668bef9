"""Musical measurements of artifacts for the eval checks, read from the understanding feature sheet.

``tools.understanding.sheet.compute_sheet`` analyses a file once (tempo, beats, meter, key, chords,
...) and caches the sheet by content hash, so a scenario checking tempo and key of the same version
analyses it once. Audio, the sound of videos, and MIDI files can be measured. When the analyser can't
give a value (silence, noise, a clip too short, no key standing out) the measurement raises
``NotMeasurableError`` with the analyser's own reason: a check never passes on an invented value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from evals.measure import NotMeasurableError

if TYPE_CHECKING:
    from tools.base import ArtifactInfo
    from tools.understanding.sheet import FeatureSheet

MEASURABLE_KINDS = ("audio", "video", "midi")
"""Artifact kinds the understanding analysers read."""


@lru_cache(maxsize=128)
def _sheet(path: str, sha256: str) -> FeatureSheet:
    from tools.understanding.sheet import compute_sheet

    return compute_sheet(path)


def feature_sheet(artifact: ArtifactInfo, name: str) -> FeatureSheet:
    """The artifact's feature sheet; NotMeasurableError for kinds the analysers don't read."""
    if artifact.kind not in MEASURABLE_KINDS:
        raise NotMeasurableError(f"no {name} analyser for {artifact.kind} artifacts")
    return _sheet(artifact.path, artifact.sha256)


REMARK_WORDS: dict[str, tuple[str, ...]] = {
    "tempo": ("beat", "tempo"),
    "key": ("key",),
    "meter": ("meter", "beat", "bar"),
}
"""Words that pick the analyser's remark explaining a missing value."""


def _why_missing(sheet: FeatureSheet, what: str) -> str:
    if sheet.content not in ("music", "symbolic"):
        return f"no {what}: the analyser found {sheet.content.replace('_', ' ')}"
    words = REMARK_WORDS.get(what, (what,))
    relevant = [r for r in sheet.remarks if any(w in r.lower() for w in words)]
    reason = (relevant or sheet.remarks or ["no value stands out"])[0]
    return f"no {what}: {reason}"


def measure_tempo_bpm(artifact: ArtifactInfo) -> float:
    """Tempo in beats per minute (the understanding analyser's main estimate)."""
    sheet = feature_sheet(artifact, "tempo")
    if sheet.tempo_bpm is None:
        raise NotMeasurableError(_why_missing(sheet, "tempo"))
    return float(sheet.tempo_bpm)


def measure_key(artifact: ArtifactInfo) -> str:
    """The key as the analyser writes it, e.g. "E minor" (compared in a normal spelling by the check)."""
    sheet = feature_sheet(artifact, "key")
    if sheet.key is None:
        raise NotMeasurableError(_why_missing(sheet, "key"))
    return sheet.key


def measure_meter(artifact: ArtifactInfo) -> str:
    """The time signature, e.g. "4/4"."""
    sheet = feature_sheet(artifact, "meter")
    if sheet.meter is None:
        raise NotMeasurableError(_why_missing(sheet, "meter"))
    return sheet.meter
