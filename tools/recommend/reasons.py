"""Why a result was chosen, in words a person reads ("72 BPM, D minor, piano, low energy: matches calm,
piano"). Every word comes from the track's measured columns and the query."""

from __future__ import annotations

from tools.recommend.features import energy_word
from tools.recommend.query import SearchFilters


def facts(row: dict) -> str:
    """The track in a few measured facts: tempo, key, instruments (or 'solo X'), vocals, energy."""
    bits: list[str] = []
    if row.get("tempo_bpm"):
        bits.append(f"{row['tempo_bpm']:.0f} BPM")
    if row.get("key"):
        bits.append(str(row["key"]))
    inst = [i for i in (row.get("instruments") or "").strip(",").split(",") if i]
    if len(inst) == 1:
        bits.append(f"solo {inst[0]}")
    elif inst:
        bits.append(" + ".join(inst[:3]))
    if row.get("vocals") in ("vocals", "instrumental"):
        bits.append("with vocals" if row["vocals"] == "vocals" else "instrumental")
    bits.append(energy_word(float(row.get("energy") or 0.0)))
    return ", ".join(bits)


def constraint_matches(row: dict, f: SearchFilters) -> list[str]:
    """The hard constraints ``row`` meets, in words ('72 BPM in 67-73', 'D minor', 'piano')."""
    out: list[str] = []
    if f.tempo_min_bpm is not None or f.tempo_max_bpm is not None:
        out.append(f"tempo ({f.describe().split(',')[0]})")
    if f.key:
        out.append(f.key if row.get("key") == f.key else f"{f.key} (heard as its relative {row.get('key')})")
    elif f.mode:
        out.append(f"{f.mode} key")
    out += list(f.instruments)
    out += [f"no {i}" for i in f.exclude_instruments]
    if f.vocals is not None:
        out.append("vocals" if f.vocals else "instrumental")
    if f.duration_max_s is not None or f.duration_min_s is not None:
        out.append("length")
    return out


def misses(row: dict, f: SearchFilters) -> list[str]:
    """What ``row`` lacks of the constraints (for 'nearest' results when nothing matches)."""
    out: list[str] = []
    tempo = row.get("tempo_bpm")
    if f.tempo_min_bpm is not None and (tempo is None or tempo < f.tempo_min_bpm):
        out.append("slower than asked")
    if f.tempo_max_bpm is not None and (tempo is None or tempo > f.tempo_max_bpm):
        out.append("faster than asked")
    if f.key and row.get("key") != f.key:
        out.append(f"not in {f.key}")
    elif f.mode and row.get("mode") != f.mode:
        out.append(f"not {f.mode}")
    inst = set((row.get("instruments") or "").strip(",").split(","))
    out += [f"no {i}" for i in f.instruments if i not in inst]
    out += [f"has {i}" for i in f.exclude_instruments if i in inst]
    if f.vocals is True and row.get("vocals") != "vocals":
        out.append("no vocals heard")
    if f.vocals is False and row.get("vocals") == "vocals":
        out.append("has vocals")
    d = float(row.get("duration_s") or 0.0)
    if f.duration_max_s is not None and d > f.duration_max_s:
        out.append("longer than asked")
    if f.duration_min_s is not None and d < f.duration_min_s:
        out.append("shorter than asked")
    return out


def like_reason(row: dict, example: dict, example_name: str) -> str:
    """Why ``row`` is like the example track: tempo, key, shared instruments, energy."""
    bits: list[str] = []
    t, te = row.get("tempo_bpm"), example.get("tempo_bpm")
    if t and te:
        bits.append(f"tempo {t:.0f} vs {te:.0f} BPM")
    if row.get("key") and row.get("key") == example.get("key"):
        bits.append("same key")
    elif row.get("mode") and row.get("mode") == example.get("mode"):
        bits.append(f"also {row['mode']}")
    shared = sorted(
        set((row.get("instruments") or "").strip(",").split(","))
        & set((example.get("instruments") or "").strip(",").split(",")) - {""}
    )
    if shared:
        bits.append("shares " + ", ".join(shared))
    if energy_word(float(row.get("energy") or 0)) == energy_word(float(example.get("energy") or 0)):
        bits.append("same energy")
    return f"{facts(row)}: like {example_name} ({', '.join(bits) or 'closest overall sound'})"
