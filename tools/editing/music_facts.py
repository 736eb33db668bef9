"""What the musical edits need to know about a version: its tempo, key, downbeats and sections
(from the feature sheet, computed once per file and cached)."""

from __future__ import annotations

from tools.base import ArtifactInfo, ToolContext, ToolError
from tools.generation.theory import parse_key, pitch_class
from tools.understanding.sheet import FeatureSheet, compute_sheet


def sheet_of(ctx: ToolContext, src: ArtifactInfo, start: float = 0.05, span: float = 0.3) -> FeatureSheet:
    """The feature sheet of ``src`` (progress reported between ``start`` and ``start + span``)."""
    ctx.progress(start, f"analysing {src.label}")
    return compute_sheet(
        src.path, display_name=src.label, progress=lambda f, m: ctx.progress(start + span * f, m)
    )


def detected_tempo(sheet: FeatureSheet, label: str) -> float:
    """The track's tempo in BPM; ToolError when no steady beat was found."""
    if not sheet.tempo_bpm:
        raise ToolError(
            f"I can't hear a steady beat in '{label}', so I can't aim for a BPM: give a ratio instead "
            "(e.g. 'slow it down to 80%').",
            code="no_tempo",
        )
    return float(sheet.tempo_bpm)


def key_parts(text: str) -> tuple[int, bool]:
    """(tonic pitch class, minor?) of a key name such as 'E minor', 'Bb major', 'F#m'; ToolError if none."""
    parsed = parse_key(text)
    if parsed is None:
        raise ToolError(
            f"I couldn't read a key in '{text}': say e.g. 'E minor', 'B flat major' or 'up 2 semitones'.",
            code="bad_key",
        )
    return pitch_class(parsed[0]), parsed[1] == "minor"


def interval_to_key(detected: str, target: str) -> tuple[int, str | None]:
    """The smallest shift in semitones (-6..+5) that moves ``detected`` (e.g. 'C major') to ``target``,
    and a note when the modes differ (a shift keeps the mode: it aims at the target's relative key)."""
    src_pc, src_minor = key_parts(detected)
    dst_pc, dst_minor = key_parts(target)
    note = None
    if src_minor != dst_minor:
        # the relative key of the target in the source's mode: same notes, so the track sounds in it
        dst_pc = (dst_pc + (3 if dst_minor else -3)) % 12
        note = (
            f"the track is in {detected} and a pitch shift keeps the mode, so it now uses the notes of "
            f"{target} (its relative {'minor' if src_minor else 'major'})"
        )
    shift = (dst_pc - src_pc) % 12
    return (shift - 12 if shift > 5 else shift), note
