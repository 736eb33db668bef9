"""The benchmark's held-out selection (benchmarks/understanding_accuracy.py): a step or a gate threshold
chosen on the other sources only, so a clip never scores a choice that was tuned on it."""

from __future__ import annotations

from benchmarks.understanding_accuracy import choose_gate, gated_held_out, step_held_out

STOCK, ALT = "stock", "alternative"


def _rows(spec: list[tuple[str, float, float, float]]) -> tuple[list, dict[str, dict[str, float]]]:
    """(items with scores, gate values) from (source, stock score, alternative score, gate value)."""
    rows, gates = [], {}
    for i, (source, stock, alt, gate) in enumerate(spec):
        name = f"{source}-{i}"
        rows.append(({"name": name, "source": source}, {STOCK: (stock, 1.0), ALT: (alt, 1.0)}))
        gates[name] = {"confidence": gate}
    return rows, gates


def test_a_step_that_helps_only_one_source_is_not_credited_there() -> None:
    # the alternative wins only on source "a": held out, "a" is answered by stock; it loses on "c"
    rows, _ = _rows([("a", 0.0, 1.0, 0.0), ("b", 1.0, 1.0, 0.0), ("c", 1.0, 0.5, 0.0)])
    assert step_held_out(rows, STOCK, ALT) == (0.0 + 1.0 + 0.5) / 3  # "c" gets it: "a" says it helps
    assert step_held_out(rows, STOCK, STOCK) == 2.0 / 3


def test_the_gate_threshold_is_chosen_without_the_held_out_source() -> None:
    # the alternative is right where the gate reads high (sources a, b) and wrong where it reads low (c)
    rows, gates = _rows(
        [("a", 0.0, 1.0, 0.9), ("b", 0.0, 1.0, 0.8), ("c", 1.0, 0.0, 0.3), ("d", 1.0, 1.0, 0.5)]
    )
    feature, tau = choose_gate([(sc, gates[it["name"]]) for it, sc in rows], STOCK, ALT)
    assert feature == "confidence" and tau == 0.8  # ties: the fewest switches (the highest threshold)
    tuned, held, on_all, picks = gated_held_out(rows, gates, STOCK, ALT)
    assert tuned == 1.0 and on_all == ("confidence", 0.8)
    assert picks["a"] == ("confidence", 0.8)  # without "a" the lowest winning value is b's 0.8
    assert picks["b"] == ("confidence", 0.9)  # without "b": 0.9, so b (0.8) is answered by stock
    assert picks["c"][1] > 0.3  # c's own value never sets its threshold
    assert held == (1.0 + 0.0 + 1.0 + 1.0) / 4
