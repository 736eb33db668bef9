"""Replies written from tool results (the LocalPlanner's voice; an LLM planner may reword them).

Every number in a reply comes from a tool's output, with its unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from agent.plan import CallResult
from agent.planners.edit_replies import EDIT_FORMATTERS
from tools.registry import tool_class, tool_names


def fmt_time(seconds: float) -> str:
    """'m:ss' (or 'm:ss.s' under a minute when fractional) for a time in seconds."""
    seconds = max(0.0, float(seconds))
    minutes, secs = divmod(seconds, 60)
    if abs(secs - round(secs)) < 0.05:
        return f"{int(minutes)}:{round(secs):02d}"
    return f"{int(minutes)}:{secs:04.1f}"


def _new_version(result: CallResult) -> str:
    if not result.artifacts:
        return ""
    a = result.artifacts[-1]
    return f" Saved as version {a.version} (\u201c{a.label}\u201d)."


def _describe(out: dict[str, Any], result: CallResult) -> str:
    channels = "mono" if out["channels"] == 1 else f"{out['channels']} channels"
    length = f"{fmt_time(out['duration_s'])} long ({out['duration_s']:.2f} s)"
    parts = [f"It's {length}, {out['sample_rate']} Hz, {channels}"]
    if out.get("silent"):
        parts.append("and it is silent (no signal above the silence threshold).")
        return " ".join(parts)
    lufs = out.get("integrated_lufs")
    loud = f"integrated loudness {lufs:.1f} LUFS" if lufs is not None else "loudness too low to measure"
    parts.append(f"with {loud} and a peak of {out['peak_dbfs']:.1f} dBFS.")
    ranges = out.get("silence_ranges") or []
    if ranges:
        shown = ", ".join(f"{fmt_time(s)}–{fmt_time(e)}" for s, e in ranges[:4])
        parts.append(f"Silence at {shown}{' and more' if len(ranges) > 4 else ''}.")
    return " ".join(parts)


def _normalize(out: dict[str, Any], result: CallResult) -> str:
    text = (
        f"Normalised from {out['before_lufs']:.1f} LUFS to {out['after_lufs']:.1f} LUFS "
        f"({out['gain_db']:+.1f} dB"
    )
    text += ", with the peaks limited)." if out.get("limited") else ")."
    return text + _new_version(result)


def _gain(out: dict[str, Any], result: CallResult) -> str:
    text = f"Applied {out['gain_db']:+.1f} dB of gain"
    if out.get("limited"):
        text += " (peaks were limited to avoid clipping)"
    return text + "." + _new_version(result)


def _pointer(verb: str) -> Callable[[dict[str, Any], CallResult], str]:
    def fmt(out: dict[str, Any], result: CallResult) -> str:
        cur = out["current"]
        return f"{verb}: version {cur['version']} (\u201c{cur['label']}\u201d) is current now."

    return fmt


def _versions(out: dict[str, Any], result: CallResult) -> str:
    versions = out.get("versions", [])
    if not versions:
        return "There are no versions in this session yet: attach a file to start."
    lines = [f"{len(versions)} version{'s' if len(versions) != 1 else ''}:"]
    for v in versions:
        mark = " \u2190 current" if v["id"] == out.get("current_id") else ""
        made = v.get("tool") or "upload"
        lines.append(f"  {v['version']}. {v['label']} ({made}){mark}")
    return "\n".join(lines)


def _export(out: dict[str, Any], result: CallResult) -> str:
    size_mb = out["size_bytes"] / 1e6
    return f"Exported {out['format'].upper()} ({size_mb:.1f} MB): {out['path']}"


def _analyze(out: dict[str, Any], result: CallResult) -> str:
    sheet = out["sheet"]
    parts = [f"Analysed \u201c{out['label']}\u201d ({fmt_time(sheet['duration_s'])})"]
    facts = []
    if sheet.get("key"):
        facts.append(f"key {sheet['key']} (confidence {sheet['key_confidence']:.2f})")
    if sheet.get("tempo_bpm"):
        meter = f" in {sheet['meter']}" if sheet.get("meter") else ""
        facts.append(f"{sheet['tempo_bpm']:.0f} BPM{meter}")
    if sheet.get("chords"):
        facts.append(f"{len(sheet['chords'])} chord changes")
    if sheet.get("notes"):
        facts.append(f"{len(sheet['notes'])} notes")
    if sheet.get("sections"):
        facts.append(
            "sections " + ", ".join(f"{s['label']} {fmt_time(s['start'])}" for s in sheet["sections"][:8])
        )
    if sheet.get("loudness_lufs") is not None:
        facts.append(f"{sheet['loudness_lufs']:.1f} LUFS")
    text = parts[0] + (": " + "; ".join(facts) if facts else "") + "."
    remarks = sheet.get("remarks") or []
    return text + (" " + " ".join(remarks) if remarks else "")


def _caption(out: dict[str, Any], result: CallResult) -> str:
    caps = out["captions"]
    lines = [caps["summary"], *(s["caption"] for s in caps["sections"])]
    return "\n".join(lines)


def _answer(out: dict[str, Any], result: CallResult) -> str:
    return str(out["answer"])


def _measured(out: dict[str, Any]) -> str:
    m = out.get("measured")
    if not m:
        return ""
    tempo = f"{m['tempo_bpm']:.1f} BPM" if m.get("tempo_bpm") else "no steady beat"
    key = m.get("key") or "no clear key"
    return f" Measured on the audio: {tempo}, {key}, {m['duration_s']:.1f} s."


def _song_facts(out: dict[str, Any]) -> str:
    return (
        f"{out['key']} at {out['tempo_bpm']:g} BPM in {out['meter']}, "
        f"{fmt_time(out['duration_s'])} ({out['duration_s']:.1f} s)"
    )


def _song_notes(out: dict[str, Any]) -> str:
    notes = out.get("notes") or []
    return (" Note: " + "; ".join(notes) + ".") if notes else ""


def _song_version(out: dict[str, Any]) -> str:
    a = out["artifact"]
    return f" Saved as version {a['version']}."


def _compose(out: dict[str, Any], result: CallResult) -> str:
    form = ", ".join(f"{s['name']} {s['bars']}" for s in out["sections"])
    tracks = ", ".join(t["name"] for t in out["tracks"])
    lyrics = " with lyrics" if out.get("lyrics") else ""
    return (
        f"Wrote \u201c{out['title']}\u201d: {out['style']} in {_song_facts(out)}{lyrics}. "
        f"Sections (bars): {form}. Instruments: {tracks}."
        + _measured(out)
        + _song_version(out)
        + _song_notes(out)
    )


def _song_edit(out: dict[str, Any], result: CallResult) -> str:
    change = str(out["change"]).strip()
    facts = f"{change[:1].upper()}{change[1:]}. Now {_song_facts(out)}."
    return facts + _measured(out) + _song_version(out) + _song_notes(out)


def _song_variations(out: dict[str, Any], result: CallResult) -> str:
    takes = "; ".join(f"version {t['version']} (difference {t['difference']:.2f})" for t in out["takes"])
    return (
        f"Made {len(out['takes'])} takes: {takes}. Mean difference from the original "
        f"{out['mean_difference']:.2f} (0 = same, 1 = nothing in common). The last one is current; say "
        "'go back to version N' to pick another."
    )


def _song_compare(out: dict[str, Any], result: CallResult) -> str:
    head = f"From version {out['a_version']} to version {out['b_version']}: "
    if not out.get("summary"):
        return head + "nothing changed in the song (same tempo, key, tracks, sections, lyrics and mix)."
    return head + "; ".join(out["summary"]) + "."


def _video_score(out: dict[str, Any], result: CallResult) -> str:
    lo, hi = out["tempo_range_bpm"]
    tempo = f"{out['tempo_bpm']:.0f} BPM" + (f" ({lo:.0f}-{hi:.0f})" if hi - lo >= 1 else "")
    head = "Scored the video" if result.tool == "score_video" else f"Re-scored the video ({out['change']})"
    text = (
        f"{head}: {out['style']} in {out['key']} at {tempo}, {fmt_time(out['duration_s'])} "
        f"({out['duration_s']:.2f} s, {out['duration_error_frames']:.1f} frames off the video)"
    )
    facts = []
    if out.get("beat_cut_alignment") is not None:
        facts.append(f"{out['beat_cut_alignment'] * 100:.0f}% of {len(out['cuts'])} cuts on a beat")
    if out.get("user_hits"):
        facts.append("hits at " + ", ".join(fmt_time(t) for t in out["user_hits"]))
    if out.get("motion_loudness_correlation") is not None:
        facts.append(f"motion/loudness correlation {out['motion_loudness_correlation']:.2f}")
    text += (": " + "; ".join(facts) if facts else "") + "."
    notes = out.get("notes") or []
    return text + _new_version(result) + (f" Note: {'; '.join(notes)}." if notes else "")


def _song_export(out: dict[str, Any], result: CallResult) -> str:
    stems = [k.split(":", 1)[1] for k in out["files"] if k.startswith("stem:")]
    others = [k for k in out["files"] if not k.startswith("stem:")]
    parts = []
    if stems:
        parts.append(f"{len(stems)} stems ({', '.join(stems)})")
    parts.extend(others)
    missing = f" Not exported: {', '.join(out['missing'])}." if out.get("missing") else ""
    return f"Exported {', '.join(parts)} to {out['folder']} (zip: {out['zip']}).{missing}"


FORMATTERS: dict[str, Callable[[dict[str, Any], CallResult], str]] = {
    "compose": _compose,
    "song_tempo": _song_edit,
    "song_key": _song_edit,
    "song_instrument": _song_edit,
    "song_section": _song_edit,
    "song_mute": _song_edit,
    "song_regenerate": _song_edit,
    "song_mix": _song_edit,
    "song_lyrics": _song_edit,
    "song_export": _song_export,
    "song_variations": _song_variations,
    "song_add_section": _song_edit,
    "song_remove_section": _song_edit,
    "song_move_section": _song_edit,
    "song_extend": _song_edit,
    "song_inpaint": _song_edit,
    "song_style": _song_edit,
    "song_reference": _song_edit,
    "song_compare": _song_compare,
    "score_video": _video_score,
    "video_rescore": _video_score,
    "describe_audio": _describe,
    "normalize_loudness": _normalize,
    "gain": _gain,
    "undo": _pointer("Undone"),
    "redo": _pointer("Redone"),
    "select_version": _pointer("Switched"),
    "list_versions": _versions,
    "export": _export,
    "analyze": _analyze,
    "caption": _caption,
    "answer_question": _answer,
    # recommendation (tools/recommend): the tool writes its own list with reasons
    "recommend": lambda out, result: out["reply"],
    "recommend_more": lambda out, result: out["reply"],
    "recommend_refine": lambda out, result: out["reply"],
    "recommend_next": lambda out, result: out["reply"],
    "recommend_for_video": lambda out, result: out["reply"] + _new_version(result),
}
FORMATTERS.update(EDIT_FORMATTERS)  # issue 15: separation and upload edits (agent/planners/edit_replies.py)


def describe_result(result: CallResult) -> str:
    """One or two sentences saying what a call did, with its results (or why it failed)."""
    if not result.ok:
        return result.error or "That didn't work (no reason was given). Your saved versions are untouched."
    formatter = FORMATTERS.get(result.tool)
    out = result.output or {}
    if formatter is not None:
        try:
            return formatter(out, result)
        except (KeyError, TypeError, ValueError):
            pass  # fall back to the generic sentence rather than fail the reply
    return generic_result(result)


def _clause(description: str | None) -> str:
    """The first clause of a field description, without examples or parentheses."""
    text = re.sub(r"\s*\([^)]*\)", "", description or "")
    text = re.split(r"[:;]|,? e\.g\.|\. ", text)[0]
    return text.strip(" .")


def _value_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (int, str)):
        text = str(value)
        return text if len(text) <= 80 else None
    return None


def generic_result(result: CallResult, limit: int = 4) -> str:
    """What a call without its own reply template produced: up to ``limit`` of its output values,
    each named by the output field's description (never the field name), plus the new version."""
    out = result.output or {}
    try:
        fields = tool_class(result.tool).Output.model_fields
    except KeyError:
        fields = {}
    facts = []
    for name, info in fields.items():
        shown = _value_text(out.get(name))
        label = _clause(info.description)
        if shown is None or not label or "_" in label:
            continue
        facts.append(f"{label[:1].upper()}{label[1:]}: {shown}")
        if len(facts) >= limit:
            break
    text = ("Result: " + "; ".join(facts) + ".") if facts else ""
    saved = _new_version(result).strip()
    return " ".join(t for t in (text, saved) if t) or "That's done; it changed nothing you can play."


def compose_reply(results: list[CallResult]) -> str:
    """The assistant's reply for this turn's results, in plan order."""
    return "\n".join(describe_result(r) for r in results)


_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|approx)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z'\"(])")


def first_sentence(text: str) -> str:
    """The first whole sentence of ``text`` (an 'e.g.' or 'i.e.' does not end a sentence)."""
    guarded = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\0"), " ".join(text.split()))
    sentence = _SENTENCE_END.split(guarded, maxsplit=1)[0]
    return sentence.replace("\0", ".").strip()


def _field_names(tool: str) -> set[str]:
    cls = tool_class(tool)
    return set(cls.Input.model_fields) | set(cls.Output.model_fields)


def capability_sentence(tool: str) -> str:
    """One whole sentence saying what ``tool`` does, written from its registry description: the
    description's first sentence without examples, quoted phrasings and clauses that name arguments."""
    sentence = first_sentence(tool_class(tool).description).rstrip(".")
    sentence = re.sub(r",?\s*\(?\be\.g\..*$", "", sentence)  # examples run to the end of the sentence
    names = {n for n in _field_names(tool) if "_" in n}
    kept = []
    for part in re.split(r"(\s*\([^)]*\)|,\s+)", sentence):
        if not part:
            continue
        if any(re.search(rf"\b{re.escape(n)}\b", part) for n in names):
            continue  # a clause about argument names ('from start_s to end_s')
        if re.fullmatch(r"\s*\(\s*'[^)]*\)", part):
            continue  # a parenthesis of quoted examples ('make it jazz', ...)
        kept.append(part)
    text = "".join(kept)
    text = re.sub(r"(,\s+)+(?=,|$)", "", text)
    text = re.sub(r"^(,\s+)+", "", text).strip(" ,;:")
    text = text.replace(" the song I wrote", " a song I wrote")
    return text[:1].upper() + text[1:] + "."


def capabilities_text() -> str:
    """What Bandleader can do right now: one whole sentence per tool, from the registry's
    descriptions (never a hand-kept list), then a few example requests."""
    lines = ["Here is what I can do (attach a track, or ask me to write a song):"]
    lines.extend(f"• {capability_sentence(name)}" for name in tool_names())
    lines.append("For example: “normalise this to -14 LUFS”, “trim to 30 s and fade out”, “undo”.")
    return "\n".join(lines)


def _what(description: str | None) -> str:
    """A field description as a noun phrase for a sentence ('Instrument, track name or role to mute,
    e.g. 'drums'.' -> "the instrument, track name or role to mute (for example 'drums')")."""
    text = " ".join((description or "").split()).rstrip(".")
    example = re.search(r",?\s*\(?e\.g\.\s*(.+?)\)?$", text)
    head = text[: example.start()] if example else text
    head = re.split(r"[:;]|\s\(|, in ", head)[0].strip(" ,")
    if not head:
        return "one more detail"
    head = head[:1].lower() + head[1:]
    if not re.match(r"(the|a|an|how|where|which|what|when)\b", head):
        head = "the " + head
    return head + (f" (for example {example.group(1).strip()})" if example else "")


_PYDANTIC_SUBJECT = re.compile(r"^(?:Input|Value)\s+")


def invalid_arguments_text(tool: str, errors: list[dict[str, Any]]) -> str:
    """A plain sentence or question for arguments a tool's input model refused (pydantic ``errors()``),
    naming what is missing or wrong by its description, never by its field name."""
    try:
        fields = tool_class(tool).Input.model_fields
    except KeyError:
        fields = {}
    missing, wrong = [], []
    for err in errors:
        loc = err.get("loc") or ()
        name = str(loc[0]) if loc else ""
        info = fields.get(name)
        what = _what(info.description if info else None)
        if err.get("type") == "missing":
            missing.append(what)
        elif err.get("type") == "extra_forbidden":
            continue  # an argument the tool has no use for: ignored in the sentence
        else:
            rule = _PYDANTIC_SUBJECT.sub("", re.split(r", (?=[a-z])", str(err.get("msg", "is not valid")))[0])
            rule = re.sub(r"\b\w+_\w+\b", "the other value", rule)
            wrong.append(f"{what} {rule}".replace(" should be", " has to be"))
    if missing:
        return f"To do that I need to know {' and '.join(dict.fromkeys(missing))}. What should it be?"
    if wrong:
        text = "; ".join(dict.fromkeys(wrong))
        return f"I couldn't do that: {text[:1].lower()}{text[1:]}."
    return "I couldn't do that with what you asked. Could you say it another way?"
