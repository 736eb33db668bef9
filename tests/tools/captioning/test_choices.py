"""Multiple-choice questions: options are found, the measured option is picked, nothing is guessed."""

from __future__ import annotations

from tests.tools.captioning.test_questions import _sheet
from tools.captioning.choices import Choice, chord_set, parse_key, split_options
from tools.captioning.questions import answer
from tools.understanding.models import Tags


def test_options_are_split_from_the_stem() -> None:
    stem, choices = split_options("What is the tempo? Options: (A) 60 BPM (B) 96 BPM (C) 140 BPM (D) 180 BPM")
    assert stem == "What is the tempo?"
    assert choices == [
        Choice("A", "60 BPM"),
        Choice("B", "96 BPM"),
        Choice("C", "140 BPM"),
        Choice("D", "180 BPM"),
    ]
    assert split_options("Meter? A. 3/4 B. 4/4")[1] == [Choice("A", "3/4"), Choice("B", "4/4")]
    assert split_options("what key is it (a minor?)") == ("what key is it (a minor?)", [])
    assert split_options("is it in D minor") == ("is it in D minor", [])


def test_keys_and_chords_are_read_from_option_text() -> None:
    assert parse_key("F# minor") == (6, True) and parse_key("Bb major") == (10, False)
    assert parse_key("in E minor, I think") == (4, True) and parse_key("fast") is None
    assert chord_set("Em, A minor, B7, Bb") == {(4, True), (9, True), (11, False), (10, False)}


def test_the_measured_option_is_picked() -> None:
    sheet = [("song.wav", _sheet())]
    text, topics, ok = answer("What key? (A) C major (B) D minor (C) F major (D) A minor", sheet)
    assert text.startswith("Answer: (B) D minor.") and "choice" in topics and ok
    text, _, _ = answer("How fast is it? (A) 60 BPM (B) 96 BPM (C) 140 BPM (D) 180 BPM", sheet)
    assert text.startswith("Answer: (B) 96 BPM.")
    text, _, _ = answer("Which chords are played? (A) C G Am F (B) Dm Bb F C (C) E A B (D) G D Em C", sheet)
    assert text.startswith("Answer: (B)")
    text, _, _ = answer("What is the time signature? A. 3/4 B. 6/8 C. 4/4 D. 5/4", sheet)
    assert text.startswith("Answer: (C) 4/4.")


def test_no_option_is_guessed_when_the_measurements_cannot_tell() -> None:
    sheet = [("song.wav", _sheet(tags=Tags(instruments=[], vocals=None, genre=[], mood=[], backend="x")))]
    text, _, ok = answer("Is there singing? (A) yes (B) no", sheet)
    assert text.startswith("I can't tell which option is right") and not ok and "(A)" not in text
    text, _, ok = answer("What tempo? (A) 95 BPM (B) 97 BPM", sheet)  # too close to tell apart
    assert text.startswith("I can't tell which option") and not ok


def test_instrument_and_vocal_options_follow_the_tags() -> None:
    from tools.understanding.models import Scored

    tags = Tags(
        instruments=[Scored(label="woodwind", score=0.98), Scored(label="brass", score=0.69)],
        vocals=Scored(label="instrumental", score=0.95),
        genre=[],
        mood=[],
        backend="bandleader-tagger",
    )
    sheet = [("flute.wav", _sheet(tags=tags))]
    text, _, ok = answer("Which instrument is playing? (A) piano (B) trumpet (C) flute (D) violin", sheet)
    assert text.startswith("Answer: (C) flute.") and ok
    text, _, ok = answer("Is there singing? (A) yes, a lead vocal (B) no, it is instrumental", sheet)
    assert text.startswith("Answer: (B)") and ok
