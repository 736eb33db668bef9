"""Clauses that ask for nothing to change: 'i like the piano, keep it', 'the drums are fine, but the
bass is too loud', 'leave the tempo alone, just put it in E minor'.

People say what to keep next to what to change. Such a clause is a constraint, not a request: read as
a request it adds a piano that is already there, or turns the drums up. The planner drops these
clauses before it reads the rest, and when nothing else is left it answers that it changes nothing.
"""

from __future__ import annotations

import re

from agent.planners.slots import normalise_text

_OPENER = r"(?:(?:oh|ok|okay|so|and|but|just|please|hmm|well|yeah|yes|no|honestly|actually),? )*"
_THING = r"(?:the |that |this |my |our |your |all the )?[a-z][a-z0-9' ]{0,30}?"
_AS_IS = (
    r"(?:as (?:it is|is|they are|it was)|the same|how (?:it is|they are)|unchanged|untouched|intact|alone)"
)
_GOOD = r"(?:fine|good|great|perfect|ok|okay|nice|alright|spot on|lovely|cool|sweet)"

KEEP_CLAUSE = re.compile(
    rf"^{_OPENER}(?:"
    rf"(?:i|we) (?:really |do |quite )?(?:like|love|dig|enjoy) (?:the|that|this|how|those|these|my) "
    rf"[a-z' ]{{1,40}}"
    rf"|(?:really |totally )?(?:love|loving|dig|digging|adore) (?:the|that|this|how|those|these|my) "
    rf"[a-z' ]{{1,40}}"
    rf"|keep (?:it|them|that|those|this|these)(?: {_AS_IS}| in| there| going| like that)?"
    rf"|keep {_THING} {_AS_IS}"
    rf"|leave {_THING} (?:{_AS_IS}|be|in|where (?:it is|they are))"
    rf"|(?:don'?t|do not|no need to) (?:touch|change|mess with|alter|move|lose|remove) {_THING}"
    rf"|{_THING} (?:slaps|bangs|rocks|rules|hits|is fire|is a vibe|goes hard)"
    rf"|(?!.*\b\d+(?:\.\d+)? ?(?:%|percent|db|bpm|seconds?|secs?|bars?|semitones?)\b)"  # '20 percent is good'
    rf"{_THING}(?: is| are|'s|'re| sounds?| seems?| looks?) (?:really |pretty |quite |totally )?{_GOOD}"
    rf"(?: {_AS_IS}| now| already| though| to me)*"
    rf")$"
)
"""A clause that keeps something as it is (matched on the normalised clause without end punctuation)."""

PRAISE = re.compile(rf"^{_OPENER}(?:it|that|this|everything|all of it|all)(?:'s| is| sounds?| looks?) ")
"""Praise of the whole thing ('that's perfect'): a keep clause only next to a request (alone it is thanks)."""

DISMISSAL = re.compile(
    rf"^{_OPENER}(?:hmm |nah |meh |no )*(?:none of (?:these|those|them)"
    r"(?: (?:work|fit|are (?:right|it|good)))?|not (?:these|those|them|quite(?: it)?|really)"
    r"|(?:i )?don'?t (?:like|love) (?:these|those|any of (?:these|those|them))"
    r"|(?:(?:these|those|they|all of (?:these|them))(?: are|'re)? )?(?:kinda |pretty |lowkey |so |very )?"
    r"(?:mid|meh|naff|boring|lame|not it)(?: tbh| ngl| honestly| fr| though| imo)*)$"
)
"""Turning down what was shown ('none of these'): said next to the request that follows it."""

KEEP_NAMED = re.compile(r"^(?:just |but )?keep (?:the |my )?[a-z][a-z ]{0,30}$")
"""'keep the piano': a constraint when the message asks for something else too (in a song; with an
upload 'keep the vocals' is a request to separate them)."""

_NOUN_PHRASE = re.compile(r"^(?:the|my|our|that|those|this|these|all the) [a-z]+(?: [a-z]+)?$")
_SPLIT = re.compile(r"\s*(?:[,;]|\.\s+|\bbut\b|\bthen\b|\band\b(?! a half\b))\s*")
EDIT_VERB = re.compile(
    r"\b(make|turn|add|put|swap|change|replace|remove|take|drop|mute|speed|slow|raise|lower|transpose|"
    r"export|undo|extend|shorten|lengthen|cut|loop|bring|switch|move|double|halve|lose|ditch|kill|give|try|"
    r"redo|regenerate|rewrite|render|save|download|mix|pan|boost|crank|bump|gimme|send|shoot|hand)\b"
)
"""A verb that asks for a change (also read by the planner: 'then make it faster' is a second step)."""
_VERB = re.compile(rf"{EDIT_VERB.pattern}|\b(faster|slower|louder|quieter|softer|up|down|boost)\b")


def drop_keep_clauses(message: str, *, song: bool) -> str | None:
    """``message`` without its keep clauses (the rest joined by commas); '' when every clause keeps
    something; None when no clause does (the message is read as it is). ``song``: the session holds a
    song project, where 'keep the piano' next to another request is a constraint too."""
    parts = [p for p in _SPLIT.split(message) if p and p.strip()]
    clean = [normalise_text(p).strip().strip(".!?~ ").strip() for p in parts]
    keep = [bool(KEEP_CLAUSE.match(c)) for c in clean]
    if all(keep) and all(PRAISE.match(c) for c in clean):
        return None  # 'that's perfect' thanks; nothing is asked
    if song and len(parts) > 1 and not all(keep):
        keep = [k or bool(KEEP_NAMED.match(c)) for k, c in zip(keep, clean, strict=True)]
    if not all(keep):  # 'none of these, show me the next ones': the request is the rest
        keep = [k or bool(DISMISSAL.match(c)) for k, c in zip(keep, clean, strict=True)]
        if all(keep):
            return None
    if not any(keep):
        return None
    kept: list[str] = []
    for i, part in enumerate(parts):
        if keep[i]:
            continue
        if i > 0 and keep[i - 1] and _NOUN_PHRASE.match(clean[i]) and not _VERB.search(clean[i]):
            keep[i] = True  # 'keep the piano and the strings': still what is kept
            continue
        kept.append(part.strip())
    return ", ".join(kept)
