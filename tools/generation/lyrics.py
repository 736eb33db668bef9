"""Lyrics: the user's words or simple lines written for a theme from templates, split into
syllables and set one syllable per melody note (notes left over hold the last syllable: melisma),
with line starts on phrase starts. Exported as LRC with times. Times in beats unless named _s.
"""

from __future__ import annotations

import random
import re
from itertools import pairwise

from tools.generation.project import LyricSyllable, SongProject

TEMPLATES: dict[str, list[str]] = {
    "verse": [
        "I remember {theme} in the morning light",
        "every little moment felt so right",
        "we were running through the {place} so free",
        "{theme} is all I want to see",
    ],
    "chorus": [
        "oh {theme}, take me home tonight",
        "hold me close and hold on tight",
        "oh {theme}, we will never fade",
        "singing out the song we made",
    ],
    "bridge": ["and when the night is falling down", "I hear your voice in every sound"],
    "outro": ["oh {theme}, stay with me"],
}
"""Line templates per section kind; {theme} and {place} are filled from the request."""

_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def syllables(word: str) -> list[str]:
    """Split a word into singable syllables (a vowel-group heuristic for Latin script; other
    scripts: one syllable per character, Han/Kana style). 'morning' -> ['mor', 'ning']."""
    if not word:
        return []
    if not re.search(r"[A-Za-z]", word):
        return [c for c in word if not c.isspace()] or [word]
    groups = list(_VOWELS.finditer(word))
    if len(groups) <= 1 or (
        len(groups) == 2 and word.lower().endswith("e") and groups[-1].end() == len(word)
    ):
        return [word]
    cuts = []
    for a, b in pairwise(groups):
        gap = b.start() - a.end()
        cuts.append(a.end() + (gap // 2 if gap > 1 else 0))
    low = word.lower().rstrip(".,;:!?'\"")
    silent_e = groups[-1].group() == "e" and (
        groups[-1].end() == len(low) or (low.endswith(("es", "ed")) and groups[-1].end() == len(low) - 1)
    )
    if silent_e and len(cuts) >= 1:
        cuts = cuts[:-1]
    parts, last = [], 0
    for c in cuts:
        parts.append(word[last:c])
        last = c
    parts.append(word[last:])
    return [p for p in parts if p]


def line_syllables(line: str) -> list[str]:
    """The syllables of a line; a syllable that does not end its word ends with '-'."""
    out: list[str] = []
    for word in line.split():
        if not any(c.isalnum() for c in word):
            continue  # punctuation such as the ' / ' that joins lines
        parts = syllables(word)
        out.extend([p + "-" for p in parts[:-1]] + parts[-1:])
    return out


def theme_lines(kind: str, theme: str, rng: random.Random) -> list[str]:
    """Template lines for a section kind, filled with the theme."""
    words = re.findall(r"[\w']+", theme.lower())
    core = " ".join(words[-3:]) if words else "you"
    place = rng.choice(["city", "open road", "summer fields", "streets", "night"])
    templates = TEMPLATES.get(kind, TEMPLATES["verse"])
    return [t.format(theme=core, place=place) for t in templates]


def user_lines(lyrics: str) -> list[str]:
    """Non-empty lines of the user's lyrics (long lines are split at commas)."""
    lines = []
    for raw in lyrics.splitlines():
        for part in re.split(r"(?<=[,;.!?])\s+", raw.strip()):
            if part.strip():
                lines.append(part.strip())
    return lines


def _lyric_track(project: SongProject):  # type: ignore[no-untyped-def]
    """The track lyrics are set on: the lead vocal, else the melody (None when neither)."""
    return next((t for t in project.tracks if t.role == "lead_vocal"), None) or next(
        (t for t in project.tracks if t.role == "melody"), None
    )


def phrases_in(project: SongProject, section: str) -> list[list]:
    """The melody's phrases in ``section``: runs of notes split at rests of about a beat or more."""
    melody = _lyric_track(project)
    if melody is None:
        return []
    start, end = project.section_range(section)
    phrases: list[list] = []
    for n in (n for n in melody.notes if start <= n.start < end):
        if not phrases or n.start - (phrases[-1][-1].start + phrases[-1][-1].duration) >= 0.9:
            phrases.append([n])
        else:
            phrases[-1].append(n)
    return phrases


def pack_lines(phrases: list[list], lines: list[str], keep_all: bool = True) -> list[str]:
    """The text each phrase sings: its next line, plus the lines after it that still fit its notes
    (one syllable per note). When the lines run out they start again (a repeated chorus line); with
    ``keep_all`` the lines that found no phrase are added to the last one (no words are dropped),
    otherwise they are left out."""
    if not lines or not phrases:
        return []
    sizes = [max(1, len(line_syllables(line))) for line in lines]
    out: list[str] = []
    i, wrapped = 0, False
    for phrase in phrases:
        if i >= len(lines):
            i, wrapped = 0, True
        chunk, used = [lines[i]], sizes[i]
        i += 1
        while i < len(lines) and used + sizes[i] <= len(phrase):
            chunk.append(lines[i])
            used += sizes[i]
            i += 1
        out.append(" / ".join(chunk))
    if keep_all and not wrapped and i < len(lines):
        out[-1] = " / ".join([out[-1], *lines[i:]])
    return out


def align(
    project: SongProject, lines_by_section: dict[str, list[str]], keep_all: bool = True
) -> list[LyricSyllable]:
    """Set each section's lines on the melody notes of that section, one syllable per note.

    A line starts on the first note of a phrase (after a rest of a beat or more, or at a bar line);
    a phrase takes as many whole lines as its notes hold (:func:`pack_lines`; ``keep_all``: no
    words are dropped); notes left in a phrase after its words hold the last syllable (melisma)."""
    if _lyric_track(project) is None:
        return []
    out: list[LyricSyllable] = []
    for sec in project.sections:
        lines = lines_by_section.get(sec.name) or []
        if not lines:
            continue
        phrases = phrases_in(project, sec.name)
        for phrase, line in zip(phrases, pack_lines(phrases, lines, keep_all), strict=False):
            sylls = line_syllables(line)
            for i, n in enumerate(phrase[: len(sylls)]):
                text = sylls[i] if i < len(phrase) - 1 or i == len(sylls) - 1 else " ".join(sylls[i:])
                out.append(
                    LyricSyllable(
                        beat=n.start,
                        text=text,
                        section=sec.name,
                        line_start=i == 0,
                        line=line if i == 0 else "",
                    )
                )
    return out


def attach_lyrics(project: SongProject, lyrics: str | None, section: str | None = None) -> SongProject:
    """The project with lyrics set: the user's ``lyrics`` spread over the vocal sections in order, or
    template lines for the project's theme. With ``section``, only that section's words change."""
    rng = random.Random(project.seed)
    sung = [s for s in project.sections if s.kind not in ("intro",)]
    by_section: dict[str, list[str]] = {}
    if lyrics:
        lines = user_lines(lyrics)
        per = max(1, -(-len(lines) // max(1, len(sung))))
        targets = [s for s in sung if section is None or s.name == section]
        for i, s in enumerate(targets):
            chunk = lines[i * per : (i + 1) * per] if section is None else lines
            if chunk:
                by_section[s.name] = chunk
    else:
        for s in sung:
            if section is None or s.name == section:
                by_section[s.name] = theme_lines(s.kind, project.theme or project.title, rng)
    kept = [x for x in project.lyrics if section is not None and x.section != section]
    new = align(project, by_section, keep_all=bool(lyrics))  # template lines that don't fit are left out
    return project.model_copy(update={"lyrics": sorted(kept + new, key=lambda x: x.beat)})


def to_lrc(project: SongProject) -> str:
    """The lyrics as LRC: one '[mm:ss.xx]line' per lyric line, timed by the tempo map."""
    head = [f"[ti:{project.title}]", "[by:Bandleader]"]
    rows = []
    for syl in project.lyrics:
        if syl.line_start:
            t = project.seconds_at(syl.beat)
            rows.append(f"[{int(t // 60):02d}:{t % 60:05.2f}]{syl.line}")
    return "\n".join(head + rows) + "\n"
