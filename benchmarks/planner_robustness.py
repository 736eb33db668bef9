"""How the LocalPlanner holds up when a request is typed the way strangers type it.

For held-back requests (agent/planners/phrasings/test.jsonl) the planner gets exactly right, each is
changed one way at a time and planned again (dry plans, judged by phrasings/score.py): one pair of
neighbouring letters swapped in a word of six or more letters, 'thanks!' or ' pls' added at the end,
'hey bandleader, ' in front, and everything lower-case without punctuation. Prints, per variant, the share
of plans still exactly right (the baseline is the unchanged request: 100 % by construction) and, with
--failures N, the first N requests that broke. Requests whose answer is no call are left out (a
changed wording may rightly change what is said).

    .venv/bin/python benchmarks/planner_robustness.py [--rows 600] [--seed 7] [--failures 10]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.planners.dry_run import dry_plan  # noqa: E402
from agent.planners.local import LocalPlanner  # noqa: E402
from agent.planners.phrasings.score import judge  # noqa: E402

CORPUS = ROOT / "agent" / "planners" / "phrasings" / "test.jsonl"


def swapped_letters(message: str) -> str | None:
    """``message`` with two neighbouring letters of one long word swapped (the word and place are chosen
    from the message itself, so a run is repeatable), or None when no word has six letters."""
    words = message.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_words:
        return None
    i = random.Random(message).choice(long_words)
    word = words[i]
    j = random.Random(message + "j").randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def no_punctuation(message: str) -> str:
    """``message`` lower-case, without punctuation (a decimal point or a time's colon stays)."""
    text = re.sub(r"(?<!\d)[.,!?;:]+|[.,!?;:]+(?!\d)", " ", message.lower())
    return re.sub(r"\s+", " ", text).strip()


VARIANTS: dict[str, Callable[[str], str | None]] = {
    "swapped letters": swapped_letters,
    "thanks! at the end": lambda m: m.rstrip() + " thanks!",
    "pls at the end": lambda m: m.rstrip(" .!") + " pls",
    "hey bandleader, in front": lambda m: "hey bandleader, " + m[0].lower() + m[1:],
    "lower-case, no punctuation": no_punctuation,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600, help="requests drawn from the test split")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--failures", type=int, default=0, help="print this many broken requests")
    args = parser.parse_args()
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    random.Random(args.seed).shuffle(rows)
    rows = [r for r in rows[: args.rows] if r["calls"]]
    planner = LocalPlanner()
    started = time.perf_counter()
    kept: dict[str, list[int]] = {name: [0, 0] for name in VARIANTS}
    broken: list[str] = []
    right = 0
    for row in rows:
        if not judge(row, dry_plan(planner, row["message"], row["context"])).exact:
            continue
        right += 1
        for name, change in VARIANTS.items():
            changed = change(row["message"])
            if not changed or changed == row["message"]:
                continue
            ok = bool(judge(row, dry_plan(planner, changed, row["context"])).exact)
            kept[name][0] += ok
            kept[name][1] += 1
            if not ok:
                broken.append(f"[{name}] ({row['context']}) {changed}")
    print(f"{len(rows)} test requests with calls drawn, {right} planned exactly right unchanged (baseline)")
    print(f"{'variant':28s} {'still right':>12s} {'of':>6s}")
    for name, (ok, total) in kept.items():
        share = ok / total * 100 if total else float("nan")
        print(f"{name:28s} {share:11.1f}% {total:6d}")
    print(f"({time.perf_counter() - started:.0f} s)")
    for line in broken[: args.failures]:
        print(line)


if __name__ == "__main__":
    main()
