"""Requests too vague to act on: a complaint or an ask that names nothing to change ('sounds off
somehow, can u fix', 'hmm idk, i dont love it', 'make it better'). The planner asks what to change
instead of guessing; a complaint that names something ('the vocals are buried', 'theres a buzz, fix
it') is no such request."""

from __future__ import annotations

import re

from agent.planners.slots import normalise_text

_SECTION = r"(?:(?:first|second|last|final) )?(?:intro|verse|pre-?chorus|chorus|bridge|outro|solo)(?: \d+)?"
_SPLIT = re.compile(r"\s*(?:[,;:]|\.+\s*|!+\s*|\?+\s*|\b(?:and|but|so|though|then)\b)\s*")

_WHOLE = (
    r"(?:it|this|that|this one"
    r"|the (?:song|track|tune|mix|thing|whole thing|recording|music|sound|audio|result|vibe|levels?|volume"
    r"|balance)|the (?:middle|end|start|beginning|first|last|other) (?:bit|part|half))"
)
_HOW = (
    r"(?:a bit |a little |kinda |kind of |sort of |somehow |just |really |so |very |slightly |pretty |quite "
    r"|still |totally |all )*"
)
_BAD = (
    r"(?:off|weird|wrong|strange|odd|not right|not quite right|meh|bad|lame|not great|not good|not it"
    r"|not quite there|not quite there yet"
    r"|not there yet|not working|missing something|bland|dull|boring|underwhelming|janky|wonky|not quite)"
)
_JUDGEMENT = re.compile(
    rf"(?:(?:{_WHOLE}(?:'s| is| was| are| were)?|its|something(?:'s| is)?) )?"
    rf"(?:(?:sounds?|feels?|seems?|is) )?{_HOW}{_BAD}"
    r"(?: somehow| to me| tbh| honestly| though| overall| for some reason| idk| yet| just yet"
    r"| like (?:this|that)"
    r"| somewhere(?: in the (?:middle|start|end|beginning))?| in places| at some point| i think)*"
)
"""A judgement of the whole thing that names no part and no property: 'sounds off somehow', 'its meh'."""
_DISLIKE = re.compile(
    r"(?:i )?(?:don't|do not|dont) (?:really |quite |totally )?(?:love|like|dig|feel|vibe with|get)"
    r" (?:it|this|this one|these|them)(?: (?:much|very much|tbh|yet|at all))*"
    r"|(?:i'?m |i am )?not (?:really |quite |totally )?"
    r"(?:feeling|loving|into|sold on|sure about|happy with|vibing with)"
    r" (?:it|this|this one|these|them|the music|the song|the track|the score)(?: (?:much|tbh|yet))*"
    rf"|{_WHOLE}(?:'s| is) not (?:really )?(?:for me|my thing|doing it for me|what i wanted|what i want)"
    r"|something(?:'s| is)? (?:(?:sounds?|feels?|seems?) )?(?:a bit |kinda )?"
    r"(?:off|wrong|missing|not right|weird)"
    r"(?: (?:about|with|in) (?:it|this))?"
    r"|something about (?:it|this|the (?:song|track|mix|music)) (?:just )?(?:feels?|sounds?|seems?|is)"
    r" (?:a bit |kinda |just )?(?:off|wrong|weird|not right)(?: to me)?"
    r"|(?:it|this) (?:could|should) be better|(?:it|this) needs? (?:something|work)"
    r"|none of (?:these|those|them|the (?:results|tracks|songs|options)) (?:hit|work|land|fit|do it|are it)"
)
"""Not liking it, with nothing named: 'i dont love it', 'not feeling this', 'something's off'."""
_ASK = re.compile(
    r"(?:(?:can|could|would|will) (?:you|u) (?:please |pls )?)?"
    r"(?:fix|improve|sort out|sort|tweak|do something (?:about|with|to))"
    r"(?: (?:it|this|that|this one|(?:my|the) (?:song|track|tune|mix|recording|audio)"
    r"|the (?:part|bit|thing)s? (?:i|that i) (?:don't|dont|do not) like"
    rf"|(?:the |that |this )?{_SECTION}"
    r"|the (?:first|second|third|last|middle|other|end|start) (?:bit|part|half)))?"
    r"(?: up| out| please| pls| somehow| for me| a bit| a little| a little bit| for the \w+)*"
    r"|(?:(?:can|could) (?:you|u) )?(?:sort of |kind of |kinda |somehow )?"
    r"make (?:it|this) (?:better|good|nicer|work"
    r"|sound (?:better|good|right|nicer))(?: please| pls| somehow| for me| for (?:the|my|our) \w+)*"
    r"|do something"
    r"|do (?:the|my|our) (?:usual|thing)(?: (?:to|with|on) (?:it|this))?"
    r"|(?:(?:can|could|would|will) (?:you|u) )?(?:change|fix|do|redo) (?:the|that|this)"
    r" (?:thing|bit|part|stuff) (?:we|i) (?:talked|spoke|chatted) about"
    r"(?: earlier| before| yesterday| last time)?"
    r"|(?:(?:can|could|would|will) (?:you|u) )?do the thing(?: to| with| in| for)?"
    rf" (?:the|that|this) (?:part|bit|{_SECTION})"
    r"|(?:(?:can|could|would|will) (?:you|u) )?(?:proceed with|go ahead with|apply|do|make) the (?:amendments"
    r"|changes|adjustments|edits|tweaks|fixes)"
    r"(?: (?:we|i) (?:discussed|talked about|agreed(?: on)?|mentioned))?"
    r"|(?:the )?usual|(?:is (?:it|that|this) |sounds? |any )?better(?: now)?"
    r"|(?:could|can|would) (?:it|this) be"
    r"|(?:(?:can|could|would|will) (?:you|u) )?sort (?:this|it) out(?: before \w+(?: \w+)?)?"
    r"|(?:it )?could be better|maybe"
    r"|(?:whip|knock|cook|throw) (?:me |us )?(?:something|anything) (?:up|together)(?: for (?:me|us))?"
    r"|(?:(?:can|could|would|will) (?:you|u) (?:please |pls )?)?(?:make|do|whip up|knock up) (?:me |us )?"
    r"(?:something|anything)"
    r"(?: (?:cool|nice|good|great|awesome|fun|interesting|dope|sick|fire|neat|amazing))?"
    r"(?: for (?:me|us))?"
    r"|(?:i |we )?(?:need|want|got to have) (?:some )?(?:tunes|music|a (?:track|song|tune))"
    r"(?: for (?:a|the) thing(?: \w+){0,3}"
    r"| for (?:\w+day|tonight|tomorrow|next week|the weekend|this weekend|later))?"
    r"|(?:change|redo|fix) (?:the )?(?:music|soundtrack|score)"
    r"|something (?:in|at) the (?:middle|start|end|beginning) (?:bugs|annoys|bothers|irks) me"
    r"|(?:(?:it'?s |that'?s |this is )?not (?:really |quite )?"
    r"(?:what i wanted|what i want|what i had in mind|what i (?:pictured|imagined|was after|was picturing"
    r"|was imagining|was going for|meant)|it))"
    r"|(?:(?:can|could|would|will) (?:you|u) )?do the (?:thing|stuff|usual)(?: (?:from|we did|you did))?"
    r"(?: (?:yesterday|last time|before|the other day|last week))?"
    r"|(?:(?:not )?that,? |what about |how about )?the other (?:thing|one)|not (?:that|this|it|that one)"
    r"|(?:it |this )?needs? (?:more|something|a bit more)(?:\.+| of)?(?: you know| (?:that|the) thing)?"
    r"|(?:i |we )?need something(?: for (?:next week|tomorrow|the weekend|later|tonight|\w+day|the \w+))?"
    r"|(?:(?:can|could|would|will) (?:you|u) )?(?:work|do) (?:your|some|ur) magic"
    r"(?: on (?:it|this|this one|that))?"
    r"|do (?:the|my|our) (?:music|usual|audio|sound) thing(?: (?:for|to|with|on) (?:it|this))?"
    r"|(?:(?:idk|not sure|unsure|dunno) )?about (?:(?:any|all|some) of )?(?:these|them|this|those|it)"
    r"|make it pop more"
    r"|(?:(?:can|could) (?:it|this|you make it) )?be (?:a (?:bit|little) )?more(?:\W+| you know)*"
    r"|(?:(?:can|could|would|will) (?:you|u) )?(?:make|do) (?:me |us )?(?:a |some )?(?:thing|stuff)"
    r"(?: for (?:me|us))?"
    r"|do the \w+ thing"
    r"|(?:(?:can|could|would|will) (?:you|u) (?:please |pls )?)?make (?:it|this) (?:sound |feel )?(?:more )?"
    r"(?:pro|professional|polished|finished|radio ready)"
    r"|(?:like )?(?:a |an )?(?:proper|real|pro) (?:studio|producer|engineer)(?: \w+){0,3}"
    r"|make (?:it|this) more"
    r"|make (?:it|this) (?:more )?(?:like (?:her|him|them)|how i like it|the way i like it)"
    r"|(?:the )?(?:other|middle|that|this) one"
    r"|(?:(?:the )?same(?: thing)?(?: again)?,? but )?(?:something )?(?:different|else)"
    r"|(?:a |something )?(?:different|other|new) (?:vibe|feel|mood|direction|energy)"
    r"|the (?:thing|bit|part) (?:in|near|at|towards) the (?:middle|start|end|beginning)"
    r"|(?:(?:can|could|would|will) (?:you|u) )?fix the (?:bit|part|thing) (?:near|at|towards|in) the"
    r" (?:end|start|beginning|middle)"
    r"|(?:i trust )?(?:you will |please )?make the (?:necessary )?(?:adjustments|changes|tweaks|improvements)"
    r"(?: to (?:it|this|the (?:piece|song|track|recording|music)))?"
    r"|(?:i )?(?:require|need|want|would like) (?:some )?music for an? (?:occasion|event|thing|do)"
    r"|(?:the music|it|this) (?:isn'?t|is not|ain'?t) it|do something else(?: with it)?"
    r"|do the other thing(?: (?:to|with|on) (?:it|this|that))?"
    r"|(?:(?:i |we )?(?:need|want) )?(?:something|music|a song|a track)"
    r" for (?:my|our|the) (?:thing|event|do|party)"
    r"(?: (?:on|this|next) \w+| tomorrow| tonight)?"
    r"|make (?:it|this|that)(?: sound| feel)? (?:a bit |a little |totally |completely |kinda )?"
    r"different"
    r"|do (?:the same|that|it|the same thing) (?:to|for|on|with) (?:the |my )?other"
    r" (?:one|file|track|song|recording)"
    r"|fix (?:the one|the (?:file|track|song|thing|recording)) (?:i|we)"
    r" (?:sent|uploaded|gave you|did)(?: \w+)?"
    r"|(?:(?:can|could|would|will) (?:you|u) (?:please |pls |perhaps |maybe )?)?(?:change|switch|mix|shake)"
    r" (?:it|this|that|things|(?:that|this|the) (?:part|bit|section))"
    r"(?: up)?(?: a (?:bit|little|tad)| a little bit| somehow| please| pls| for me)*"
)
"""An ask to change it that names no change: 'can u fix', 'make it better', 'change it up a bit'."""
_FILLER_WORD = (
    r"(?:hmm+|hm+|um+|uh+|erm|idk what|no idea what|not sure what|idk"
    r"|no+|nope|nah|i (?:don't|dont|do not) know|dunno|meh|ugh+|eh|well|so"
    r"|ok(?:ay)?|lol|lmao"
    r"|tbh|honestly|yeah|nah|not sure|i'?m not sure|hey|yo|right|oh|ah|man|like|please|pls|thanks|i guess"
    r"|(?:if )?(?:you )?know what i mean"
    r"|i think|somehow|anyway|maybe|actually|just|oops|whoops|my bad|perhaps"
    r"|(?:like )?(?:earlier|before|last time)|hello|hi|hiya|good (?:morning|afternoon|evening)|greetings)"
)
_TAIL_WORD = (
    r"(?:idk what|no idea what|not sure what|"
    r"idk|lol|lmao|tbh|honestly|man|please|pls|thanks|i guess|i think|somehow|maybe|though|would you|will you"
    r"|could you|(?:if )?(?:you )?know what i mean|you know|ok|like earlier|like before|like last time"
    r"|perhaps|or whatever|or something|or so"
    r"|help|help me|help pls|help please)"
)
_EDGE_FILLER = re.compile(rf"^(?:{_FILLER_WORD}\b[\s,.!]*)+|(?:[\s,.!]*\b{_TAIL_WORD})+$")
"""Words that carry no request ('hmm', 'idk', 'lol') at the start or end of a part."""


_CHANGE_WORDS = frozenset(
    "wrong off change fix improve tweak bugs bothers annoys hate weird strange working professional polished "
    "surprise".split()
)
"""A judgement or an ask for change without saying what ('can u change that one part', 'surprise me')."""
_PLAIN_WORDS = _CHANGE_WORDS | frozenset(
    """a an the it it's its this that these those one ones thing things stuff bit bits part parts piece song
    track tune music mix sound sounds sounding audio recording whole result vibe something anything everything
    some more less little lot kinda kind of sort somehow just really very quite so too still again yet now for
    me us my our to with about in on at can could would will you u i we i'm im am please pls make do get out
    up better different differently else other right not isn't isnt is are was doesn't doesnt does don't dont
    work bug like love feel feels seem seems good great bad pro nicer nice idea there here what how maybe
    perhaps either way sure help whip knock cook no yes any whatever somewhat should be been being have
    has""".split()
)
"""Words that name no part, property or amount (the change words among them): a part made only of these
says nothing to change."""


def _only_plain_words(said: str) -> bool:
    """True when ``said`` is only :data:`_PLAIN_WORDS` with at least one of :data:`_CHANGE_WORDS`."""
    words = re.findall(r"[a-z']+|\S", said)
    return all(w in _PLAIN_WORDS for w in words) and any(w in _CHANGE_WORDS for w in words)


def _parts(message: str) -> list[tuple[str, bool | None]]:
    """The parts of ``message`` (normalised), each with True when it is vague (:data:`_JUDGEMENT`,
    :data:`_DISLIKE`, :data:`_ASK`), None when it is only filler and False when it says something."""
    out: list[tuple[str, bool | None]] = []
    for part in _SPLIT.split(normalise_text(message).strip()):
        part = re.sub(r"^[^\w'\"]+|[^\w'\"]+$", "", part)  # edges: punctuation, a face ('😐')
        if not part:
            continue
        said = _EDGE_FILLER.sub("", part).strip(" ,.!?~")
        if not said:
            out.append((part, None))
        else:
            vague = any(rx.fullmatch(said) for rx in (_JUDGEMENT, _DISLIKE, _ASK)) or _only_plain_words(said)
            out.append((part, vague))
    return out


def vague_request(message: str) -> bool:
    """True when every part of ``message`` is a judgement of the whole thing, a dislike, an ask for a
    change that names none, or filler, and at least one is not filler: 'sounds off somehow, can u fix',
    'hmm idk, i dont love it', 'fix it', 'make it better'. False as soon as one part names something
    ('the vocals are buried', 'theres a buzz, fix it', 'i dont like it, go back')."""
    parts = _parts(message)
    return any(v for _, v in parts) and all(v is not False for _, v in parts)


def without_vague(message: str) -> str:
    """``message`` without its vague parts when another part says what to do ('sounds off, theres a
    hum' -> 'theres a hum'; 'idk, make it faster' -> 'make it faster'); ``message`` unchanged when
    no part is vague or every part is."""
    parts = _parts(message)
    if not any(v for _, v in parts) or all(v is not False for _, v in parts):
        return message
    return ", ".join(p for p, v in parts if v is not True)
