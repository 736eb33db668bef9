"""Edits of a song's form: add, remove, move and swap sections, extend (continue) the song, and write
a bar range again (inpainting). Pure functions: project in, (new project, what changed, notes) out.

Sections keep their seeds, so a section that only moves plays the same notes at its new place; names
are renumbered ('verse 1', 'verse 2'...) and mutes and lyrics follow their section. Bars are counted
from 1 in what people say and in messages; section bars inside the project from 0.
"""

from __future__ import annotations

import re

from tools.base import ToolError
from tools.generation.compose.arrange import arrange, stable_seed
from tools.generation.compose.form import KIND_ENERGY, KNOWN_KINDS, fit_form, name_sections
from tools.generation.compose.harmony import section_chords, tonic_chord
from tools.generation.compose.request import MAX_DURATION_S
from tools.generation.edits import MAX_SECTION_BARS, find_sections, realign_lyrics
from tools.generation.lyrics import theme_lines
from tools.generation.project import BarPatch, Section, SongProject
from tools.generation.styles import STYLES
from tools.generation.theory import pitch_class

KIND_WORDS = {"pre-chorus": "prechorus", "pre chorus": "prechorus", "hook": "chorus", "refrain": "chorus",
              "middle eight": "bridge", "middle 8": "bridge", "ending": "outro", "coda": "outro",
              "instrumental": "solo", "breakdown": "break"}  # fmt: skip
DEFAULT_BARS = {"intro": 4, "outro": 4, "break": 4, "build": 4, "prechorus": 4}
"""Length of an added section of each kind (others: 8 bars, or as long as one already there)."""
INPAINT_ROLES = ("melody", "bass", "chords", "pad", "drums")


def section_kind(word: str) -> str:
    """The section kind a word names ('Bridge', 'pre-chorus', 'refrain'); ToolError when none."""
    key = word.strip().lower().removeprefix("the ").removeprefix("a ").removeprefix("an ").strip()
    key = KIND_WORDS.get(key, key)
    if key.endswith("s") and key[:-1] in KNOWN_KINDS:
        key = key[:-1]
    if key not in KNOWN_KINDS:
        raise ToolError(
            f"I don't know a section called '{word}'. I can add: {', '.join(KNOWN_KINDS)}.",
            code="unknown_section_kind",
        )
    return key


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _plural(kind: str) -> str:
    return "es" if kind.endswith("s") else "s"


def sections_named(project: SongProject, ref: str) -> list[str]:
    """Like :func:`~tools.generation.edits.find_sections`, but a numbered reference past the sections
    there are ('the second verse' in a song with one verse) is an error, not every verse."""
    key = ref.strip().lower().removeprefix("the ").strip()
    if key not in {s.name for s in project.sections}:
        m = re.fullmatch(r"(first|second|third|fourth|fifth)\s+([a-z-]+)", key)
        n = re.fullmatch(r"([a-z-]+?)\s*(\d+)", key)
        count, word = (
            (_ORDINALS[m.group(1)], m.group(2)) if m else (int(n.group(2)), n.group(1)) if n else (0, "")
        )
        if count:
            kind = KIND_WORDS.get(word, word)
            kind = kind[:-1] if kind.endswith("s") and kind[:-1] in KNOWN_KINDS else kind
            same = [s.name for s in project.sections if s.kind == kind]
            if same and count > len(same):
                raise ToolError(
                    f"This song has only {len(same)} {kind}{_plural(kind) if len(same) != 1 else ''} "
                    f"({', '.join(same)}), so there is no '{ref}'. Its sections are: "
                    f"{', '.join(s.name for s in project.sections)}.",
                    code="unknown_section",
                )
    return find_sections(project, ref)


def _one_section(project: SongProject, ref: str) -> str:
    names = sections_named(project, ref)
    if len(names) > 1:
        raise ToolError(
            f"'{ref}' could mean {', '.join(names)}: say which one, e.g. '{names[-1]}'.",
            code="ambiguous_section",
        )
    return names[0]


def _chords_for(project: SongProject, sec: Section, is_last: bool) -> list[str]:
    return section_chords(
        STYLES[project.style], pitch_class(project.key), project.mode, sec.kind, sec.bars, project.seed,
        is_last=is_last, variant=sec.variant,
    )  # fmt: skip


def _fix_ending(project: SongProject, sections: list[Section]) -> list[Section]:
    """The last section ends on the tonic; a section that is no longer last loses its written-out
    ending (when its chords are still the generated ones)."""
    out = []
    for i, sec in enumerate(sections):
        last = i == len(sections) - 1
        chords = list(sec.chords)
        if last:
            chords = [chords[j % len(chords)] for j in range(sec.bars)]
            chords[-1] = tonic_chord(pitch_class(project.key), project.mode)
        elif chords == _chords_for(project, sec, is_last=True):
            chords = _chords_for(project, sec, is_last=False)
        out.append(sec.model_copy(update={"chords": chords}))
    return out


def rebuild(project: SongProject, order: list[tuple[str | None, Section]]) -> SongProject:
    """The project with sections ``order`` ((old name or None for a new one, section)): names
    renumbered, mutes and lyrics following their section, the ending fixed, parts rewritten."""
    if not order:
        raise ToolError("That would leave the song with no sections at all.", code="nothing_left")
    names = name_sections([s.kind for _, s in order])
    renamed = {old: new for (old, _), new in zip(order, names, strict=True) if old is not None}
    sections = [s.model_copy(update={"name": n}) for (_, s), n in zip(order, names, strict=True)]
    sections = _fix_ending(project, sections)
    tracks = [
        t.model_copy(update={"muted_sections": [renamed[m] for m in t.muted_sections if m in renamed]})
        for t in project.tracks
    ]
    lyrics = [
        x.model_copy(update={"section": renamed[x.section]}) for x in project.lyrics if x.section in renamed
    ]
    new = project.model_copy(update={"sections": sections, "tracks": tracks, "lyrics": lyrics})
    return realign_lyrics(arrange(new))


def _sung_lines(project: SongProject, new: SongProject, names: list[str]) -> SongProject:
    """Lyrics for the new sections ``names`` when the song has words: a chorus repeats the chorus's
    lines, other sections get new lines on the song's theme."""
    if not project.lyrics:
        return new
    import random

    by_section: dict[str, list[str]] = {}
    for syl in new.lyrics:
        if syl.line_start and syl.line:
            by_section.setdefault(syl.section, []).append(syl.line)
    kinds = {s.name: s.kind for s in new.sections}
    for name in names:
        if kinds[name] == "intro":
            continue
        same = next((lines for n, lines in by_section.items() if kinds.get(n) == kinds[name]), None)
        if kinds[name] == "chorus" and same:
            by_section[name] = list(same)
        else:
            rng = random.Random(stable_seed(project.seed, "lyrics", name))
            by_section[name] = theme_lines(kinds[name], project.theme or project.title, rng)
    from tools.generation.lyrics import align

    return new.model_copy(update={"lyrics": align(new, by_section)})


def _new_section(project: SongProject, kind: str, bars: int | None, tag: str, variant: int = 0) -> Section:
    like = next((s for s in project.sections if s.kind == kind), None)
    n = bars if bars is not None else (like.bars if like else DEFAULT_BARS.get(kind, 8))
    n = max(1, min(MAX_SECTION_BARS, n))
    return Section(
        name=f"new {kind}",
        kind=kind,
        bars=n,
        chords=["N"],
        energy=like.energy if like else KIND_ENERGY.get(kind, 0.5),
        seed=stable_seed(project.seed, "added", kind, tag),
        variant=variant,
    )


def _with_chords(project: SongProject, sec: Section) -> Section:
    return sec.model_copy(update={"chords": _chords_for(project, sec, is_last=False)})


def _check_length(project: SongProject, extra_bars: int) -> None:
    bar_s = project.seconds_at(project.beats_per_bar) if project.total_bars else 2.0
    if project.duration_s + extra_bars * bar_s > MAX_DURATION_S + 1e-6:
        raise ToolError(
            f"That would make the song longer than {MAX_DURATION_S / 60:g} minutes, the most I write. "
            "Shorten something first, or add fewer bars.",
            code="too_long",
        )


def add_section(
    project: SongProject,
    kind: str,
    after: str | None = None,
    before: str | None = None,
    bars: int | None = None,
) -> tuple[SongProject, str, list[str]]:
    """A new section of ``kind`` after ``after`` / before ``before`` (a section reference); without
    either, an intro goes first, an outro last and anything else before the outro (or last)."""
    kind = section_kind(kind)
    notes: list[str] = []
    if bars is not None and not 1 <= bars <= MAX_SECTION_BARS:
        fixed = max(1, min(MAX_SECTION_BARS, bars))
        notes.append(f"{bars} bars is not possible for a section, so I used {fixed}")
        bars = fixed
    names = [s.name for s in project.sections]
    if after:
        at = names.index(_one_section(project, after)) + 1
    elif before:
        at = names.index(_one_section(project, before))
    elif kind == "intro":
        at = 0
    elif kind == "outro" or project.sections[-1].kind != "outro":
        at = len(names)
    else:
        at = len(names) - 1
    if kind in ("intro", "outro") and any(s.kind == kind for s in project.sections) and not (after or before):
        raise ToolError(
            f"This song already has an {kind}. To make it longer say e.g. 'make the {kind} longer'.",
            code="already_there",
        )
    sec = _with_chords(project, _new_section(project, kind, bars, f"{at}:{len(names)}"))
    _check_length(project, sec.bars)
    order: list[tuple[str | None, Section]] = [(s.name, s) for s in project.sections]
    order.insert(at, (None, sec))
    new = rebuild(project, order)
    added = new.sections[at].name
    new = _sung_lines(project, new, [added])
    where = (
        f"after {new.sections[at - 1].name}" if at > 0 else f"before {new.sections[1].name}"
    ) if len(new.sections) > 1 else "as the only section"  # fmt: skip
    return new, f"added {added} ({sec.bars} bars) {where}", notes


def remove_section(project: SongProject, section: str) -> tuple[SongProject, str, list[str]]:
    """The song without the sections ``section`` names ('verse 2', 'the bridge', 'the choruses')."""
    targets = set(sections_named(project, section))
    kept = [(s.name, s) for s in project.sections if s.name not in targets]
    if not kept:
        raise ToolError(
            "That would remove every section and leave no song. Remove a single section, e.g. "
            f"'drop {project.sections[-1].name}'.",
            code="nothing_left",
        )
    removed = [s.name for s in project.sections if s.name in targets]
    new = rebuild(project, kept)
    return new, f"removed {', '.join(removed)} ({project.total_bars} → {new.total_bars} bars)", []


END_WORDS = frozenset({"end", "the end", "last", "the last"})
"""Words that put a moved section at the end of the song ('move the bridge to the end')."""
START_WORDS = frozenset({"start", "the start", "beginning", "the beginning", "first", "the front"})
"""Words that put a moved section at the start."""


def move_section(
    project: SongProject, section: str, before: str | None = None, after: str | None = None
) -> tuple[SongProject, str, list[str]]:
    """``section`` moved before or after another section ('move the bridge before the last chorus');
    'start' / 'end' as the other section move it to the beginning or the end."""
    name = _one_section(project, section)
    anchor_ref = before or after
    if not anchor_ref:
        raise ToolError(
            "Move it where? Say e.g. 'move the bridge before the last chorus'.", code="missing_argument"
        )
    order = [(s.name, s) for s in project.sections if s.name != name]
    moving = next(s for s in project.sections if s.name == name)
    if anchor_ref.strip().lower() in END_WORDS:
        at = len(order)
    elif anchor_ref.strip().lower() in START_WORDS:
        at = 0
    else:
        anchor = _one_section(project, anchor_ref)
        if anchor == name:
            raise ToolError(f"{name} can't move {'before' if before else 'after'} itself.", code="bad_move")
        at = [n for n, _ in order].index(anchor) + (0 if before else 1)
    order.insert(at, (name, moving))
    if [n for n, _ in order] == [s.name for s in project.sections]:
        return project, f"{name} is already there", []
    new = rebuild(project, order)
    return new, f"moved {name}: now {' → '.join(s.name for s in new.sections)}", []


def swap_sections(project: SongProject, first: str, second: str) -> tuple[SongProject, str, list[str]]:
    """The two sections ``first`` and ``second`` trade places."""
    a, b = _one_section(project, first), _one_section(project, second)
    if a == b:
        raise ToolError(f"'{first}' and '{second}' are the same section ({a}).", code="bad_move")
    by_name = {s.name: s for s in project.sections}
    order = [(b if n == a else a if n == b else n, by_name[b if n == a else a if n == b else n])
             for n in (s.name for s in project.sections)]  # fmt: skip
    new = rebuild(project, order)
    return new, f"swapped {a} and {b}: now {' → '.join(s.name for s in new.sections)}", []


def extend_song(
    project: SongProject, seconds: float | None = None, bars: int | None = None
) -> tuple[SongProject, str, list[str]]:
    """The song continued by about ``seconds`` (or ``bars``; default: a verse and a chorus, 16 bars):
    new sections that develop the motif (verses and bridges take new turns of it, a chorus repeats the
    hook), in the same style, key and tempo, before the outro when there is one."""
    notes: list[str] = []
    bar_s = project.seconds_at(project.beats_per_bar)
    if seconds is not None:
        if not seconds > 0:
            raise ToolError(
                f"I can only make it longer by a positive time, not {seconds:g} s.", code="bad_length"
            )
        bars = max(1, round(seconds / bar_s))
    if bars is None:
        bars = 16
    if bars < 1:
        raise ToolError("Say how much longer, e.g. 'make it 30 seconds longer'.", code="bad_length")
    room = int((MAX_DURATION_S - project.duration_s) // bar_s)
    if room < 1:
        raise ToolError(
            f"The song is already at the longest I write ({MAX_DURATION_S / 60:g} minutes).", code="too_long"
        )
    if bars > room:
        notes.append(f"{bars} more bars would pass {MAX_DURATION_S / 60:g} minutes, so I added {room}")
        bars = room
    body = [s.kind for s in project.sections if s.kind not in ("intro", "outro")]
    second = "chorus" if "chorus" in body or not body else body[-1]
    first = "bridge" if body.count("chorus") >= 2 and "bridge" not in body else "verse"
    if body and body[-1] == "verse":
        first, second = second, first  # after a verse comes the chorus
    template, kinds = [], [first, second]
    for i in range(max(1, round(bars / 8))):
        template.append((kinds[i % 2], 8))
    form = fit_form(template, bars)
    has_outro = project.sections[-1].kind == "outro" and len(project.sections) > 1
    at = len(project.sections) - (1 if has_outro else 0)
    order: list[tuple[str | None, Section]] = [(s.name, s) for s in project.sections]
    added = []
    for j, (kind, n) in enumerate(form):
        variant = 0 if kind == "chorus" else 1 + j  # new turns of the motif; the chorus keeps its hook
        sec = _with_chords(project, _new_section(project, kind, n, f"extend:{len(order)}:{j}", variant))
        order.insert(at + j, (None, sec))
        added.append(at + j)
    new = rebuild(project, order)
    names = [new.sections[i].name for i in added]
    new = _sung_lines(project, new, names)
    change = f"continued the song with {', '.join(names)} (+{bars} bars, {project.duration_s:.0f} → "
    change += f"{new.duration_s:.0f} s)"
    return new, change, notes


def bar_sections(project: SongProject, first: int, last: int) -> list[tuple[int, int, int]]:
    """(section index, first bar in it, bars) covering song bars ``first``..``last`` (1-based,
    inclusive); ToolError when the range is empty or outside the song."""
    total = project.total_bars
    if first < 1 or last < first or last > total:
        raise ToolError(
            f"Bars {first}-{last} are not in this song: it has {total} bars (1-{total}). Say e.g. "
            f"'redo bars 1-{min(4, total)}'.",
            code="bad_bars",
        )
    out = []
    bar = 1
    for i, sec in enumerate(project.sections):
        lo, hi = max(first, bar), min(last, bar + sec.bars - 1)
        if lo <= hi:
            out.append((i, lo - bar, hi - lo + 1))
        bar += sec.bars
    return out


def inpaint_bars(
    project: SongProject, first: int, last: int, parts: list[str] | None = None, seed: int | None = None
) -> tuple[SongProject, str, list[str]]:
    """Bars ``first``..``last`` (1-based, inclusive) written again for ``parts`` (roles or instruments;
    default melody and bass), every note outside them kept exactly; the new lines join the notes
    around them smoothly. Lyrics are set again on the new melody."""
    from tools.generation.edits import find_tracks

    spans = bar_sections(project, first, last)
    roles: set[str] = set()
    for p in parts or ["melody", "bass"]:
        word = p.strip().lower()
        if word in ("all", "everything", "every part"):
            roles |= set(INPAINT_ROLES)
        elif word in INPAINT_ROLES or word in ("lead", "tune", "vocal", "lead_vocal"):
            roles.add("melody" if word in ("lead", "tune", "vocal", "lead_vocal") else word)
        else:
            roles |= {"melody" if t.role == "lead_vocal" else t.role for t in find_tracks(project, p)}
    present = {"melody" if t.role == "lead_vocal" else t.role for t in project.tracks}
    used = sorted(roles & present)
    if not used:
        raise ToolError(
            f"This song has no {' or '.join(sorted(roles))} to write again. Its parts are: "
            f"{', '.join(sorted(present))}.",
            code="unknown_track",
        )
    sections = list(project.sections)
    for i, bar0, n in spans:
        sec = sections[i]
        patch_seed = seed if seed is not None else stable_seed(sec.seed, "patch", bar0, n, len(sec.patches))
        patch = BarPatch(first_bar=bar0, bars=n, roles=used, seed=patch_seed)  # type: ignore[arg-type]
        sections[i] = sec.model_copy(update={"patches": [*sec.patches, patch]})
    new = realign_lyrics(arrange(project.model_copy(update={"sections": sections})))
    where = ", ".join(project.sections[i].name for i, _, _ in spans)
    return new, f"new {' and '.join(used)} in bars {first}-{last} ({where}); the rest kept", []
