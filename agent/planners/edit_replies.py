"""Replies for the separation and upload-editing tools (issue 15), merged into replies.FORMATTERS.

Every number comes from the tool's output, with its unit; no field names reach the person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent.plan import CallResult

STEM_WORDS = {"vocals": "vocals", "drums": "drums", "bass": "bass", "other": "other instruments",
              "accompaniment": "accompaniment"}  # fmt: skip


def _saved(out: dict[str, Any]) -> str:
    a = out.get("artifact") or {}
    return f" Saved as version {a['version']} (\u201c{a['label']}\u201d)." if a else ""


def _notes(out: dict[str, Any]) -> str:
    notes = out.get("notes") or []
    if out.get("note"):
        notes = [*notes, out["note"]]
    return (" Note: " + "; ".join(n.rstrip(".") for n in notes) + ".") if notes else ""


def _words(names: list[str]) -> str:
    words = [STEM_WORDS.get(n, n) for n in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _separate(out: dict[str, Any], result: CallResult) -> str:
    stems = list(out.get("stems") or {})
    kept = out.get("kept") or stems
    name = str(out.get("backend", ""))
    backend = (
        "Demucs" if name.startswith("demucs")
        else "the built-in learned vocal separator" if name.startswith("learned")
        else "the built-in DSP separator"
    )  # fmt: skip
    head = f"Split it into {len(stems)} stems ({_words(stems)}) with {backend}"
    plays = (
        "All stems play together"
        if len(kept) == len(stems)
        else f"The new version plays only the {_words(kept)}"
    )
    return f"{head}. {plays}; each stem is saved as its own file.{_saved(out)}{_notes(out)}"


def _time_stretch(out: dict[str, Any], result: CallResult) -> str:
    if out.get("tempo_before_bpm") and out.get("tempo_after_bpm"):
        what = f"from {out['tempo_before_bpm']:.1f} to {out['tempo_after_bpm']:.1f} BPM"
    else:
        what = f"to {out['ratio'] * 100:.0f}% of the speed"
    carried = (
        f" The {_words(out['stems_carried'])} stems were stretched too." if out.get("stems_carried") else ""
    )
    return (
        f"Changed the tempo {what} with the pitch kept; it now lasts {out['duration_s']:.1f} s."
        f"{carried}{_saved(out)}{_notes(out)}"
    )


def _pitch_shift(out: dict[str, Any], result: CallResult) -> str:
    st = out["semitones"]
    what = f"{'up' if st > 0 else 'down'} {abs(st):g} semitone{'s' if abs(st) != 1 else ''}"
    keys = (
        f" ({out['key_before']} \u2192 {out['key_after']})"
        if out.get("key_before") and out.get("key_after")
        else ""
    )
    carried = f" The {_words(out['stems_carried'])} stems moved too." if out.get("stems_carried") else ""
    return f"Transposed it {what}{keys}, same tempo.{carried}{_saved(out)}{_notes(out)}"


def _remix(out: dict[str, Any], result: CallResult) -> str:
    changed = [
        f"{STEM_WORDS.get(n, n)} {'muted' if g <= -120 else f'{g:+g} dB'}"
        for n, g in out["gains_db"].items()
        if g
    ]
    return f"Remixed the stems: {', '.join(changed)}.{_saved(out)}{_notes(out)}"


def _effects(out: dict[str, Any], result: CallResult) -> str:
    where = f" to the {STEM_WORDS.get(out['stem'], out['stem'])}" if out.get("stem") else ""
    limited = " A limiter kept the peaks at -1 dBFS." if out.get("limited") else ""
    return f"Added {', '.join(out['applied'])}{where}.{limited}{_saved(out)}{_notes(out)}"


def _loop_crop(out: dict[str, Any], result: CallResult) -> str:
    bars = f"{out['bars']} bar{'s' if out['bars'] != 1 else ''}"
    part = f"the part from {out['start_s']:.2f} s to {out['end_s']:.2f} s ({bars}, cut on downbeats)"
    verb = {"keep": "Kept only", "remove": "Removed"}.get(result.arguments.get("action", ""), "Looped")
    return f"{verb} {part}; it now lasts {out['duration_s']:.1f} s.{_saved(out)}{_notes(out)}"


def _restore(out: dict[str, Any], result: CallResult) -> str:
    return f"Cleaned it up: {', '.join(out['applied'])}.{_saved(out)}{_notes(out)}"


def _splice(out: dict[str, Any], result: CallResult) -> str:
    return (
        f"Joined them with a {out['crossfade_s']:g} s cross-fade at {out['join_s']:.1f} s; the result lasts "
        f"{out['duration_s']:.1f} s.{_saved(out)}{_notes(out)}"
    )


def _combine(out: dict[str, Any], result: CallResult) -> str:
    parts = [f"the {STEM_WORDS.get(s, s)} of version {v}" for s, v in out["parts"].items()]
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " with " + parts[-1]
    return f"Mixed {what}; it lasts {out['duration_s']:.1f} s.{_saved(out)}{_notes(out)}"


def _timbre(out: dict[str, Any], result: CallResult) -> str:
    cents = out.get("median_pitch_error_cents", -1)
    follows = f", within {cents:.0f} cents of your pitch (median)" if cents is not None and cents >= 0 else ""
    return (
        f"Played your melody on the {out['instrument']}: {out['note_count']} notes following your timing, "
        f"bends and loudness{follows}; it lasts {out['duration_s']:.1f} s.{_saved(out)}{_notes(out)}"
    )


def chord_symbol(label: str) -> str:
    """A Harte label as musicians write it: 'F#:min' -> 'F#m', 'C:maj' -> 'C', 'G:7' -> 'G7'."""
    root, _, quality = label.partition(":")
    return root + {"maj": "", "min": "m", "": ""}.get(quality, quality)


def _accompany(out: dict[str, Any], result: CallResult) -> str:
    parts = [
        {"chords": "piano chords", "pad": "a synth pad", "bass": "a bass line"}.get(p, p)
        for p in out["parts"]
    ]
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    key = f" in {out['key']}" if out.get("key") else ""
    chords = list(dict.fromkeys(chord_symbol(c) for c in out.get("chords") or []))[:6]
    follows = f" over its chords ({', '.join(chords)})" if chords else ""
    return (
        f"Added {what} that follow your recording: {out['bars']} bars at {out['tempo_bpm']:.0f} BPM{key}"
        f"{follows}. Your recording is unchanged and kept as its own stem.{_saved(out)}{_notes(out)}"
    )


def _trim(out: dict[str, Any], result: CallResult) -> str:
    kept = f"Kept {out['start_s']:.1f}-{out['end_s']:.1f} s"
    source = f" of the {out['source_duration_s']:.1f} s original" if out.get("source_duration_s") else ""
    silence = ""
    if result.arguments.get("silence") and out.get("source_duration_s"):
        cuts = [(out["start_s"], "from the start"), (out["source_duration_s"] - out["end_s"], "from the end")]
        said = " and ".join(f"{s:.1f} s {where}" for s, where in cuts if s >= 0.05)
        silence = f"Cut the silence: {said}. "
    return f"{silence}{kept}{source}; it now lasts {out['duration_s']:.1f} s.{_saved(out)}"


def _fade(out: dict[str, Any], result: CallResult) -> str:
    parts = []
    if out.get("fade_in_s"):
        parts.append(f"a {out['fade_in_s']:g} s fade-in")
    if out.get("fade_out_s"):
        parts.append(f"a {out['fade_out_s']:g} s fade-out")
    what = " and ".join(parts) or "no fade (both lengths were 0 s)"
    curve = f" ({out['curve']} curve)" if out.get("curve") and parts else ""
    return f"Added {what}{curve}; it lasts {out['duration_s']:.1f} s.{_saved(out)}"


def _convert(out: dict[str, Any], result: CallResult) -> str:
    channels = (
        "mono"
        if out.get("channels") == 1
        else "stereo"
        if out.get("channels") == 2
        else f"{out['channels']} channels"
    )
    before = str(out.get("source_format") or "").upper()
    change = f" from {before}" if before and before != str(out["format"]).upper() else ""
    return (
        f"Converted it{change} to {str(out['format']).upper()}, {out['sample_rate']} Hz, {channels}."
        f"{_saved(out)}"
    )


EDIT_FORMATTERS: dict[str, Callable[[dict[str, Any], CallResult], str]] = {
    "splice": _splice,
    "combine_stems": _combine,
    "timbre_transfer": _timbre,
    "accompany": _accompany,
    "remix_stems": _remix,
    "effects": _effects,
    "loop_crop": _loop_crop,
    "restore": _restore,
    "separate": _separate,
    "time_stretch": _time_stretch,
    "pitch_shift": _pitch_shift,
    "trim": _trim,
    "fade": _fade,
    "convert": _convert,
}
