"""What changed between two versions of a song: tempo, key, meter, style, tracks, sections, lyrics
and mix, computed from the two project JSONs (nothing is rendered or measured).

Tempo in BPM, gains in dB, pans -1..1, reverb sends 0..1, durations in seconds.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from tools.generation.project import SongProject, Track


class TrackChange(BaseModel):
    name: str = Field(description="Track name (in the newer version when it was renamed).")
    change: str = Field(description="What changed: instrument, notes, mutes or mix.")


class SectionChange(BaseModel):
    name: str
    change: str = Field(description="What changed: length (bars), chords, energy or notes.")


class ProjectDiff(BaseModel):
    """The differences from version ``a`` to version ``b``."""

    tempo: str | None = Field(None, description="e.g. '120 → 132 BPM'; None when the same.")
    key: str | None = Field(None, description="e.g. 'A major → D minor'; None when the same.")
    meter: str | None = None
    style: str | None = None
    duration: str | None = Field(None, description="e.g. '30.0 → 45.5 s'; None when within 0.05 s.")
    tracks_added: list[str] = Field(default_factory=list, description="'name (instrument)' of new tracks.")
    tracks_removed: list[str] = Field(default_factory=list)
    track_changes: list[TrackChange] = Field(default_factory=list)
    sections_added: list[str] = Field(default_factory=list)
    sections_removed: list[str] = Field(default_factory=list)
    section_changes: list[SectionChange] = Field(default_factory=list)
    form: str | None = Field(None, description="Old → new order of the sections, when it changed.")
    lyrics_changed: list[str] = Field(default_factory=list, description="Sections whose words changed.")
    summary: list[str] = Field(description="Every difference as one short sentence each.")

    @property
    def same(self) -> bool:
        """True when nothing differs."""
        return not self.summary


def _tracks_by_identity(a: SongProject, b: SongProject) -> list[tuple[Track | None, Track | None]]:
    """Pairs of (old, new) tracks: same name first, then the same role for a renamed swap."""
    pairs: list[tuple[Track | None, Track | None]] = []
    left = list(a.tracks)
    right = list(b.tracks)
    for t in list(right):
        old = next((x for x in left if x.name == t.name), None)
        if old is not None:
            pairs.append((old, t))
            left.remove(old)
            right.remove(t)
    for t in list(right):
        old = next((x for x in left if x.role == t.role and x.is_drums == t.is_drums), None)
        if old is not None:
            pairs.append((old, t))
            left.remove(old)
            right.remove(t)
    pairs += [(x, None) for x in left] + [(None, t) for t in right]
    return pairs


def _mix_change(old: Track, new: Track) -> list[str]:
    out = []
    if abs(old.mix.gain_db - new.mix.gain_db) > 1e-6:
        out.append(f"gain {old.mix.gain_db:+g} → {new.mix.gain_db:+g} dB")
    if abs(old.mix.pan - new.mix.pan) > 1e-6:
        out.append(f"pan {old.mix.pan:+.2f} → {new.mix.pan:+.2f}")
    if abs(old.mix.reverb - new.mix.reverb) > 1e-6:
        out.append(f"reverb {old.mix.reverb:.2f} → {new.mix.reverb:.2f}")
    return out


def _lines(project: SongProject) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for syl in project.lyrics:
        if syl.line_start:
            out.setdefault(syl.section, []).append(syl.line)
    return out


def _section_notes(project: SongProject, name: str) -> list[tuple[str, float, int]]:
    start, end = project.section_range(name)
    return sorted(
        (t.name, round(n.start - start, 4), n.pitch)
        for t in project.tracks
        for n in t.notes
        if start <= n.start < end
    )


def compare_projects(a: SongProject, b: SongProject) -> ProjectDiff:
    """What changed from ``a`` (older) to ``b`` (newer); see :class:`ProjectDiff`."""
    summary: list[str] = []
    d = ProjectDiff(summary=[])
    if abs(a.tempo_bpm - b.tempo_bpm) > 1e-6 or a.tempo_changes != b.tempo_changes:
        d.tempo = f"{a.tempo_bpm:g} → {b.tempo_bpm:g} BPM"
        summary.append(f"tempo {d.tempo}")
    if a.key_label != b.key_label:
        d.key = f"{a.key_label} → {b.key_label}"
        summary.append(f"key {d.key}")
    if tuple(a.meter) != tuple(b.meter):
        d.meter = f"{a.meter[0]}/{a.meter[1]} → {b.meter[0]}/{b.meter[1]}"
        summary.append(f"meter {d.meter}")
    if a.style != b.style:
        d.style = f"{a.style} → {b.style}"
        summary.append(f"style {d.style}")
    if abs(a.duration_s - b.duration_s) > 0.05:
        d.duration = f"{a.duration_s:.1f} → {b.duration_s:.1f} s"
        summary.append(f"length {d.duration}")
    # sections: by name (names are renumbered by structural edits, so the form is shown too)
    a_names, b_names = [s.name for s in a.sections], [s.name for s in b.sections]
    if a_names != b_names:
        d.form = f"{' → '.join(a_names)}  ⇒  {' → '.join(b_names)}"
        d.sections_added = [n for n in b_names if n not in a_names]
        d.sections_removed = [n for n in a_names if n not in b_names]
        if d.sections_added:
            summary.append(f"sections added: {', '.join(d.sections_added)}")
        if d.sections_removed:
            summary.append(f"sections removed: {', '.join(d.sections_removed)}")
        summary.append(f"form now {' → '.join(b_names)}")
    a_secs = {s.name: s for s in a.sections}
    for s in b.sections:
        old = a_secs.get(s.name)
        if old is None or old.kind != s.kind:
            continue
        bits = []
        if old.bars != s.bars:
            bits.append(f"{old.bars} → {s.bars} bars")
        elif old.chords != s.chords:
            bits.append("new chords")
        if abs(old.energy - s.energy) > 1e-6:
            bits.append(f"energy {old.energy:.2f} → {s.energy:.2f}")
        if (
            old.bars == s.bars
            and not d.tempo
            and not d.key
            and _section_notes(a, s.name) != _section_notes(b, s.name)
        ):
            bits.append("new notes")
        if bits:
            d.section_changes.append(SectionChange(name=s.name, change=", ".join(bits)))
            summary.append(f"{s.name}: {', '.join(bits)}")
    # tracks
    for old_t, new_t in _tracks_by_identity(a, b):
        if old_t is None and new_t is not None:
            d.tracks_added.append(f"{new_t.name} ({new_t.instrument})")
            summary.append(f"added {new_t.name} ({new_t.instrument}, {new_t.role.replace('_', ' ')})")
            continue
        if new_t is None and old_t is not None:
            d.tracks_removed.append(f"{old_t.name} ({old_t.instrument})")
            summary.append(f"removed {old_t.name} ({old_t.instrument})")
            continue
        assert old_t is not None and new_t is not None
        bits = []
        if old_t.instrument != new_t.instrument:
            bits.append(f"{old_t.instrument} → {new_t.instrument}")
        if old_t.muted_sections != new_t.muted_sections:
            bits.append(f"muted in {', '.join(new_t.muted_sections) or 'no section'}")
        bits += _mix_change(old_t, new_t)
        if bits:
            d.track_changes.append(TrackChange(name=new_t.name, change=", ".join(bits)))
            summary.append(f"{new_t.name}: {', '.join(bits)}")
    # lyrics
    la, lb = _lines(a), _lines(b)
    for name in dict.fromkeys([*la, *lb]):
        if la.get(name) != lb.get(name) and name in a_secs and name in b_names:
            d.lyrics_changed.append(name)
    if d.lyrics_changed:
        summary.append(f"new lyrics in {', '.join(d.lyrics_changed)}")
    if abs(a.loudness_lufs - b.loudness_lufs) > 1e-6:
        summary.append(f"master loudness {a.loudness_lufs:g} → {b.loudness_lufs:g} LUFS")
    d.summary = summary
    return d
