"""The seed benchmark's per-family thresholds (benchmarks/tagger_seeds.py): chosen on the clips of the
other sources only, so a clip is never scored with a threshold tuned on it."""

from __future__ import annotations

from benchmarks.tagger_seeds import held_out_threshold, threshold_errors


def _rows(spec: list[tuple[str, float, bool]]) -> list[dict]:
    """Clips from (source, guitar score, guitar truly plays)."""
    return [
        {"source": source, "guitar": score, "truth": {"guitar"} if plays else set(), "alt": set()}
        for source, score, plays in spec
    ]


def _score(r: dict) -> float:
    return r["guitar"]


def test_errors_count_misses_and_false_guitars_and_accept_an_alternative() -> None:
    rows = _rows([("a", 0.9, True), ("b", 0.3, True), ("c", 0.7, False)])
    assert threshold_errors(rows, "guitar", _score, 0.5) == 2  # b missed, c false
    assert threshold_errors(rows, "guitar", _score, 0.8) == 1  # only b missed
    rows[2]["alt"] = {"guitar"}  # e.g. a bowed contrabass that may be read as bass
    assert threshold_errors(rows, "guitar", _score, 0.5) == 1


def test_a_clip_never_sets_its_own_threshold() -> None:
    # the only clip whose guitar reads 0.35 is source "a"'s: on the others a higher threshold is as good,
    # so held out "a" is scored at a threshold its own score does not reach
    rows = _rows([("a", 0.35, True), ("b", 0.9, True), ("c", 0.45, False), ("d", 0.8, True)])
    t = held_out_threshold(rows, 0, "guitar", _score)
    assert 0.45 < t <= 0.8 and rows[0]["guitar"] < t
    # with "a" in the choice (scoring "b"), 0.35 is found: the lowest errors need t <= 0.35 or t > 0.45
    assert held_out_threshold(rows, 1, "guitar", _score) == 0.5  # ties go to the one nearest 0.5


def test_clips_of_the_same_source_are_left_out_together() -> None:
    # two clips of source "a" read low; only they would pull the threshold down
    rows = _rows([("a", 0.25, True), ("a", 0.3, True), ("b", 0.6, True), ("c", 0.4, False)])
    t = held_out_threshold(rows, 0, "guitar", _score)
    assert t > 0.4 and t <= 0.6  # chosen on b and c alone: above c's 0.4, not above b's 0.6
