"""The styles the composer knows: tempo range, instrumentation, groove and chord progressions.

Progressions are roman numerals (see :func:`tools.generation.theory.roman_to_chord`), one per
chord slot; ``chords_per_bar`` says how many slots a bar holds. Tempi in BPM.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Progressions = dict[str, list[list[str]]]
"""Section kind ('verse', 'chorus', 'bridge', 'intro') -> candidate progressions."""


@dataclass(frozen=True)
class Style:
    """Everything that makes a style sound like itself."""

    name: str
    aliases: tuple[str, ...]
    tempo_range: tuple[float, float]
    """Slowest and fastest idiomatic tempo, in BPM."""
    default_tempo: float
    default_mode: str
    instruments: tuple[tuple[str, str], ...]
    """(role, instrument) pairs of the default band, melody first."""
    major: Progressions
    minor: Progressions
    drums: str
    """Drum pattern name in :mod:`tools.generation.compose.drums` ('' = no drums)."""
    bass: str
    """Bass pattern name in :mod:`tools.generation.compose.bass`."""
    comp: str
    """Accompaniment pattern name in :mod:`tools.generation.compose.comp`."""
    melody_rhythm: str
    """Melody rhythm family: 'straight', 'sparse', 'syncopated', 'lyrical', 'busy'."""
    swing: float = 0.0
    """Delay of off-beat eighths as a fraction of an eighth (0 straight, 0.33 triplet swing)."""
    chords_per_bar: int = 1
    form: tuple[tuple[str, int], ...] = (
        ("intro", 4), ("verse", 8), ("chorus", 8), ("verse", 8), ("chorus", 8), ("bridge", 4),
        ("chorus", 8), ("outro", 4),
    )  # fmt: skip
    """Section kinds and nominal bars, scaled to the requested duration."""
    moods: tuple[str, ...] = field(default_factory=tuple)


def _p(*progs: str) -> list[list[str]]:
    return [p.split() for p in progs]


POP_MAJ = {"verse": _p("I V vi IV", "I vi IV V", "vi IV I V"), "chorus": _p("IV V I vi", "I V vi IV"),
           "bridge": _p("vi IV I V", "ii IV V V"), "intro": _p("I IV I V")}  # fmt: skip
POP_MIN = {"verse": _p("i bVI bVII i", "i iv bVI V"), "chorus": _p("bVI bVII i i", "i bVII bVI V"),
           "bridge": _p("iv bVI bVII V"), "intro": _p("i bVI iv V")}  # fmt: skip

STYLES: dict[str, Style] = {
    s.name: s
    for s in (
        Style(
            "pop",
            ("pop", "ballad", "power ballad", "dance pop", "synthpop", "piano ballad"),
            (70, 135),
            112,
            "major",
            (
                ("melody", "synth lead"),
                ("chords", "piano"),
                ("bass", "bass"),
                ("drums", "drums"),
                ("pad", "synth pad"),
            ),
            POP_MAJ,
            POP_MIN,
            "pop",
            "root8",
            "block",
            "straight",
            moods=("happy", "upbeat"),
        ),
        Style(
            "rock",
            ("rock", "rock and roll", "punk", "grunge", "hard rock", "indie rock", "indie"),
            (95, 170),
            128,
            "major",
            (
                ("melody", "overdrive guitar"),
                ("chords", "distortion guitar"),
                ("bass", "bass"),
                ("drums", "drums"),
            ),
            {
                "verse": _p("I bVII IV I", "I IV V IV"),
                "chorus": _p("IV I V vi", "I V IV IV"),
                "bridge": _p("vi IV V V"),
                "intro": _p("I bVII IV I"),
            },
            {
                "verse": _p("i bVII bVI V", "i iv bVII i"),
                "chorus": _p("bVI bVII i i", "i bVII bVI i"),
                "bridge": _p("iv v bVI bVII"),
                "intro": _p("i bVII bVI bVII"),
            },
            "rock",
            "root8",
            "power",
            "straight",
        ),
        Style(
            "lofi",
            (
                "lo-fi",
                "lofi",
                "lo fi",
                "lo-fi hip-hop",
                "lofi hip hop",
                "hip hop",
                "hip-hop",
                "chillhop",
                "boom bap",
            ),
            (70, 92),
            82,
            "minor",
            (
                ("melody", "electric piano"),
                ("chords", "electric piano"),
                ("bass", "bass"),
                ("drums", "drums"),
            ),
            {
                "verse": _p("IVmaj7 iii7 ii7 Imaj7", "ii7 V7 Imaj7 vi7"),
                "chorus": _p("IVmaj7 V7 iii7 vi7"),
                "bridge": _p("ii7 iii7 IVmaj7 V7"),
                "intro": _p("IVmaj7 Imaj7"),
            },
            {
                "verse": _p("i7 iv7 bVII7 bIIImaj7", "i7 bVImaj7 iv7 V7"),
                "chorus": _p("bVImaj7 iv7 i7 V7"),
                "bridge": _p("iv7 bVII7 bIIImaj7 bVImaj7"),
                "intro": _p("i7 iv7"),
            },
            "boombap",
            "sparse",
            "lofi",
            "sparse",
            swing=0.22,
        ),
        Style(
            "edm",
            (
                "edm",
                "electronic",
                "electro",
                "trance",
                "dubstep",
                "big room",
                "future bass",
                "techno",
                "dance",
            ),
            (120, 150),
            128,
            "minor",
            (("melody", "synth lead"), ("chords", "synth pad"), ("bass", "synth bass"), ("drums", "drums")),
            POP_MAJ,
            {
                "verse": _p("i bVI bVII V"),
                "chorus": _p("i bVI bVII V", "bVI bVII V i"),
                "bridge": _p("iv bVI bVII V"),
                "intro": _p("i bVI bVII V"),
            },
            "edm",
            "offbeat",
            "pad",
            "straight",
            form=(
                ("intro", 8),
                ("verse", 8),
                ("build", 4),
                ("drop", 16),
                ("break", 8),
                ("build", 4),
                ("drop", 16),
                ("outro", 8),
            ),
        ),
        Style(
            "house",
            ("house", "deep house", "disco house", "garage"),
            (118, 128),
            124,
            "minor",
            (
                ("melody", "electric piano"),
                ("chords", "electric piano"),
                ("bass", "synth bass"),
                ("drums", "drums"),
            ),
            {
                "verse": _p("ii7 V7 Imaj7 vi7", "IVmaj7 iii7 vi7 V7"),
                "chorus": _p("ii7 V7 Imaj7 Imaj7"),
                "bridge": _p("IVmaj7 IVmaj7 iii7 vi7"),
                "intro": _p("ii7 V7"),
            },
            {
                "verse": _p("i7 iv7 i7 bVII7", "i7 bVImaj7 bVII7 i7"),
                "chorus": _p("i7 iv7 bVII7 bIIImaj7"),
                "bridge": _p("bVImaj7 bVII7 i7 i7"),
                "intro": _p("i7 iv7"),
            },
            "house",
            "house",
            "offbeat",
            "syncopated",
        ),
        Style(
            "jazz",
            ("jazz", "swing", "bebop", "big band", "jazzy", "smooth jazz"),
            (90, 200),
            132,
            "major",
            (("melody", "saxophone"), ("chords", "piano"), ("bass", "upright bass"), ("drums", "drums")),
            {
                "verse": _p("Imaj7 vi7 ii7 V7", "iii7 VI7 ii7 V7"),
                "chorus": _p("ii7 V7 Imaj7 Imaj7", "IVmaj7 iv7 iii7 VI7"),
                "bridge": _p("ii7 V7 iii7 VI7"),
                "intro": _p("ii7 V7 Imaj7 VI7"),
            },
            {
                "verse": _p("i7 iv7 iiø V7", "i7 bVI7 iiø V7"),
                "chorus": _p("iiø V7 i7 i7", "iv7 bVII7 bIIImaj7 V7"),
                "bridge": _p("bVImaj7 iiø V7 i7"),
                "intro": _p("iiø V7 i7 V7"),
            },
            "swing",
            "walking",
            "jazz",
            "busy",
            swing=0.33,
        ),
        Style(
            "bossa",
            ("bossa nova", "bossa", "samba", "latin", "brazilian"),
            (110, 145),
            128,
            "major",
            (("melody", "flute"), ("chords", "nylon guitar"), ("bass", "upright bass"), ("drums", "drums")),
            {
                "verse": _p("Imaj7 II7 ii7 V7", "Imaj7 vi7 ii7 V7"),
                "chorus": _p("IVmaj7 iv7 iii7 VI7"),
                "bridge": _p("ii7 V7 Imaj7 VI7"),
                "intro": _p("Imaj7 II7"),
            },
            {
                "verse": _p("i7 iv7 iiø V7", "i7 bVImaj7 iiø V7"),
                "chorus": _p("iv7 bVII7 bIIImaj7 V7"),
                "bridge": _p("bVImaj7 iiø V7 i7"),
                "intro": _p("i7 iv7"),
            },
            "bossa",
            "bossa",
            "bossa",
            "syncopated",
        ),
        Style(
            "classical",
            (
                "classical",
                "classical piano",
                "solo piano",
                "baroque",
                "romantic",
                "waltz",
                "nocturne",
                "sonata",
            ),
            (60, 132),
            88,
            "major",
            (("melody", "piano"), ("chords", "piano")),
            {
                "verse": _p("I IV V I", "I vi ii V"),
                "chorus": _p("IV V iii vi", "ii V I I"),
                "bridge": _p("vi iii IV V"),
                "intro": _p("I V I V"),
            },
            {
                "verse": _p("i iv V i", "i bVI iv V"),
                "chorus": _p("iv V i bVI", "iiø V i i"),
                "bridge": _p("bVI iv V V"),
                "intro": _p("i V i V"),
            },
            "",
            "",
            "alberti",
            "lyrical",
            form=(
                ("intro", 2),
                ("verse", 8),
                ("chorus", 8),
                ("verse", 8),
                ("bridge", 8),
                ("chorus", 8),
                ("outro", 2),
            ),
        ),
        Style(
            "cinematic",
            ("cinematic", "orchestral", "epic", "film score", "soundtrack", "trailer", "orchestra", "score"),
            (60, 110),
            80,
            "minor",
            (
                ("melody", "french horn"),
                ("chords", "strings"),
                ("bass", "cello"),
                ("drums", "drums"),
                ("pad", "choir"),
            ),
            {
                "verse": _p("I V vi IV", "I iii IV V"),
                "chorus": _p("IV I V vi", "vi IV I V"),
                "bridge": _p("vi V IV V"),
                "intro": _p("I IV I V"),
            },
            {
                "verse": _p("i bVI bVII i", "i iv bVI V"),
                "chorus": _p("bVI bVII i i", "i bVI iv V"),
                "bridge": _p("iv bVI V V"),
                "intro": _p("i bVI i V"),
            },
            "cinematic",
            "pedal",
            "strings",
            "lyrical",
        ),
        Style(
            "folk",
            ("folk", "folky", "acoustic", "country", "singer-songwriter", "americana", "bluegrass"),
            (80, 130),
            100,
            "major",
            (
                ("melody", "violin"),
                ("chords", "acoustic guitar"),
                ("bass", "upright bass"),
                ("drums", "drums"),
            ),
            {
                "verse": _p("I IV I V", "I V IV I"),
                "chorus": _p("IV I V I", "vi IV I V"),
                "bridge": _p("IV V vi V"),
                "intro": _p("I IV I V"),
            },
            {
                "verse": _p("i bVII i v", "i bIII bVII i"),
                "chorus": _p("bIII bVII i i", "iv i bVII V"),
                "bridge": _p("bVI bVII i V"),
                "intro": _p("i bVII i V"),
            },
            "folk",
            "root_fifth",
            "strum",
            "straight",
        ),
        Style(
            "funk",
            ("funk", "funky", "disco", "r&b", "rnb", "soul", "groove"),
            (95, 120),
            108,
            "minor",
            (("melody", "brass"), ("chords", "muted guitar"), ("bass", "slap bass"), ("drums", "drums")),
            {
                "verse": _p("I7 IV7 I7 IV7", "I7 I7 IV7 V7"),
                "chorus": _p("IV7 I7 V7 IV7"),
                "bridge": _p("ii7 V7 ii7 V7"),
                "intro": _p("I7 IV7"),
            },
            {
                "verse": _p("i7 IV7 i7 IV7", "i7 i7 iv7 V7"),
                "chorus": _p("iv7 i7 bVII7 V7"),
                "bridge": _p("bVI7 bVII7 i7 V7"),
                "intro": _p("i7 IV7"),
            },
            "funk",
            "funk",
            "stab",
            "syncopated",
        ),
        Style(
            "ambient",
            ("ambient", "drone", "meditation", "relaxing", "new age", "atmospheric", "spa"),
            (60, 90),
            70,
            "major",
            (("melody", "vibraphone"), ("pad", "warm pad"), ("chords", "strings"), ("bass", "synth bass")),
            {
                "verse": _p("I IV vi IV", "Imaj7 IVmaj7"),
                "chorus": _p("IV I V vi"),
                "bridge": _p("vi IV I V"),
                "intro": _p("I IV"),
            },
            {
                "verse": _p("i bVI i bVII", "i iv i iv"),
                "chorus": _p("bVI bVII i i"),
                "bridge": _p("iv bVI bVII V"),
                "intro": _p("i iv"),
            },
            "ambient",
            "pedal",
            "pad",
            "sparse",
            form=(("intro", 4), ("verse", 8), ("chorus", 8), ("bridge", 8), ("chorus", 8), ("outro", 4)),
        ),
    )
}
"""Every style, by key."""

_ALIAS_TO_STYLE = sorted(((a, s.name) for s in STYLES.values() for a in s.aliases), key=lambda x: -len(x[0]))


DESCRIPTIVE_ALIASES = frozenset({
    "waltz", "groove", "ballad", "acoustic", "relaxing", "romantic", "dance", "score", "epic", "trailer",
    "spa", "meditation", "drone", "nocturne", "sonata", "soundtrack", "atmospheric", "jazzy", "funky",
})  # fmt: skip
"""Aliases that describe a form, a mood or a use rather than name a genre: 'a jazz waltz' is jazz, 'an
acoustic rock song' rock, 'a jazzy bossa' bossa nova; they name the style only when no genre is named."""


def find_style(text: str) -> Style | None:
    """The style named in ``text`` (a genre before a descriptive word such as 'waltz' or 'acoustic';
    longest alias first, whole words), or None."""
    import re

    low = text.lower()
    for weak in (False, True):
        for alias, name in _ALIAS_TO_STYLE:
            if (alias in DESCRIPTIVE_ALIASES) == weak and re.search(
                rf"(?<![\w-]){re.escape(alias)}(?![\w-])", low
            ):
                return STYLES[name]
    return None


def style_names() -> list[str]:
    """Style keys, in table order."""
    return list(STYLES)
