"""Several takes of one request, and how different they are.

The difference of two takes is 1 minus the Jaccard similarity of their melody and bass notes as
(onset beat, pitch) pairs, averaged with whether their chord progressions differ (0 = identical,
1 = nothing in common).
"""

from __future__ import annotations

from itertools import pairwise

from pydantic import BaseModel, Field

from tools.generation.compose.arrange import compose, stable_seed
from tools.generation.compose.request import ComposeRequest, resolve
from tools.generation.project import SongProject


class Take(BaseModel):
    """One take and how far it is from the first."""

    seed: int
    project: SongProject
    difference_from_first: float = Field(description="0 (same) .. 1 (nothing in common).")


def _notes(project: SongProject, role: str, window: tuple[float, float] | None) -> set[tuple[float, int]]:
    lo, hi = window or (0.0, float("inf"))
    return {
        (round(n.start, 2), n.pitch)
        for t in project.tracks
        if t.role == role
        for n in t.notes
        if lo <= n.start < hi
    }


def difference(a: SongProject, b: SongProject, section: str | None = None) -> float:
    """How different two takes are, 0 (identical) .. 1 (see the module docstring); with ``section``,
    only that section of both is compared."""
    window = a.section_range(section) if section else None
    parts = []
    for role in ("melody", "bass"):
        x, y = _notes(a, role, window), _notes(b, role, window)
        if x or y:
            parts.append(1.0 - len(x & y) / len(x | y))
    chords_a = [c for s in a.sections if section in (None, s.name) for c in s.chords]
    chords_b = [c for s in b.sections if section in (None, s.name) for c in s.chords]
    n = max(len(chords_a), len(chords_b), 1)
    parts.append(sum(1 for p, q in zip(chords_a, chords_b, strict=False) if p != q) / n)
    return round(sum(parts) / len(parts), 3)


def variations(request: ComposeRequest, n: int = 3) -> list[Take]:
    """``n`` takes of ``request`` (seeds derived from its seed), each with its difference from the first."""
    base_seed = resolve(request).seed
    takes: list[Take] = []
    for i in range(max(1, n)):
        seed = base_seed if i == 0 else stable_seed(base_seed, "take", i)
        project = compose(request.model_copy(update={"seed": seed}))
        diff = 0.0 if not takes else difference(takes[0].project, project)
        takes.append(Take(seed=seed, project=project, difference_from_first=diff))
    return takes


def mean_pairwise_difference(takes: list[Take]) -> float:
    """Mean difference of consecutive takes (0 when fewer than two)."""
    pairs = list(pairwise(takes))
    return round(sum(difference(a.project, b.project) for a, b in pairs) / len(pairs), 3) if pairs else 0.0
