"""Requests found missing in stop 25 (issue 13): silence cut from the start or end of a recording (a new
``trim`` argument), a change asked for in several sections at once ('the first and second verse', 'verses 1
and 2', 'the intro and outro'), a level change in one section is the mixer's (never a mute), 'an older
version' names no version, 'i just want the file' hands it over, a request to delete everything is answered
as one; then the classes of the fresh13 blind set: the re-scorer's energy and tempo in words, list
follow-ups, EQ bands, levels after a list, tempo changes in BPM, history idioms, loose song edits, requests
that name no change, passing off and downloading. Phrasings written for these tests (in no corpus,
intents.yaml or stranger set), with cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agent.planners.plan_checks import assert_asks, assert_plans, assert_replies

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # silence at the edges of a recording
    ("can you lose the silence at the very end", "audio", [("trim", {"silence": "end"})]),
    ("strip the leading silence pls", "audio", [("trim", {"silence": "start"})]),
    ("kill the dead air before the music starts", "audio", [("trim", {"silence": "start"})]),
    ("remove silence from both ends of my voice memo", "audio", [("trim", {"silence": "both"})]),
    ("theres a silent bit at the beginning, chop it off", "audio", [("trim", {"silence": "start"})]),
    ("there's about 2 seconds of nothing before it starts, can you cut that", "audio",
     [("trim", {"start_s": 2.0})]),
    ("theres 6 secs of silence at the end, lose it", "audio", [("trim", {"remove_end_s": 6.0})]),
    # ... and what must stay as it was
    ("how much silence is there at the end", "audio", [("describe_audio", {})]),
    ("chop the first 4 seconds off, its silent", "audio", [("trim", {"start_s": 4.0})]),
    # several sections at once
    ("take the drums out of the first and second chorus", "song",
     [("song_mute", {"track": "drums", "section": "chorus 1"}),
      ("song_mute", {"track": "drums", "section": "chorus 2"})]),
    ("no bass in verses 1 and 2", "song",
     [("song_mute", {"track": "bass", "section": "verse 1"}),
      ("song_mute", {"track": "bass", "section": "verse 2"})]),
    ("just strings in the intro and the outro", "song",
     [("song_mute", {"track": "strings", "section": "intro", "solo": True}),
      ("song_mute", {"track": "strings", "section": "outro", "solo": True})]),
    ("write new words for verse 1 and 2", "song",
     [("song_lyrics", {"section": "verse 1"}), ("song_lyrics", {"section": "verse 2"})]),
    ("regenerate the 1st and 2nd verse", "song",
     [("song_regenerate", {"section": "verse 1"}), ("song_regenerate", {"section": "verse 2"})]),
    ("swap the first and second chorus", "song",
     [("song_move_section", {"section": "chorus 1", "swap_with": "chorus 2"})]),
    # a level change in one section is a level change
    ("push the guitar up 2 db in the bridge", "song", [("song_mix", {"track": "guitar", "gain_db": 2.0})]),
    ("bring the keys down in the verse", "song",
     [("song_mix", {"track": "electric piano", "gain_db": -3.0})]),
    ("mute the keys in the verse", "song", [("song_mute", {"track": "electric piano", "section": "verse"})]),
    # the file as it is; deleting everything
    ("honestly i just need the file", "audio", [("export", {})]),
    ("i want the file as an mp3", "audio", [("convert", {"format": "mp3"})]),
    ("wipe all my uploads and the chat", "none", []),
    ("delete the last chorus", "song", [("song_remove_section", {"section": "last chorus"})]),
    # the re-scorer's energy and tempo said in words; a new score in its own words on a scored video
    ("way too tame, pump it up", "video", [("video_rescore", {"energy": "more"})]),
    ("calm it down a lot, its a funeral slideshow", "video", [("video_rescore", {"energy": "less"})]),
    ("can the music go at 90 bpm", "video", [("video_rescore", {"tempo_bpm": 90.0})]),
    ("a chill beat for my baking reel, the drop should land at 0:09", "video",
     [("score_video", {"hit_s": [9.0]})]),
    # a list of suggestions: how many, the video's own sound, keep looking
    ("give me eight more like number 3", "recommend", [("recommend_more", {"pick": 3, "k": 8})]),
    ("the second one on my clip please, and bin the original sound", "recommend",
     [("recommend_for_video", {"pick": 2, "original_audio": "drop"})]),
    ("nah none of those, keep searching", "recommend", [("recommend_next", {})]),
    # EQ bands with amounts, levels said after a list, a change of tempo in BPM
    ("cut 3 db of low end and add 2 to the top end", "audio",
     [("effects", {"effects": [{"name": "eq", "low_db": -3.0, "high_db": 2.0}]})]),
    ("way too much treble on this", "audio", [("effects", {"effects": [{"name": "eq", "high_db": -6.0}]})]),
    ("a touch more top end", "audio", [("effects", {"effects": [{"name": "eq", "high_db": 2.0}]})]),
    ("less vocals more drums, minus two and plus four", "audio",
     [("remix_stems", {"gains_db": {"vocals": -2.0, "drums": 4.0}})]),
    ("nudge it up 6 bpm", "audio", [("time_stretch", {"change_bpm": 6.0})]),
    ("nudge it up to 126 bpm", "audio", [("time_stretch", {"bpm": 126.0})]),
    # history: scrap before a change, an undo undone, what was uploaded first
    ("forget that, put it in a minor instead", "song", [("undo", {}), ("song_key", {"key": "A minor"})]),
    ("wait i didnt want to undo that", "audio", [("redo", {})]),
    ("take me back to the file i started with", "audio", [("select_version", {"version": "original"})]),
    # song edits said loosely
    ("it ends abruptly, it could do with some sort of outro", "song",
     [("song_add_section", {"section": "outro"})]),
    ("verse 2 and the bridge should switch places", "song",
     [("song_move_section", {"section": "verse 2", "swap_with": "bridge"})]),
    ("its too short for the trailer, needs ten more seconds", "song", [("song_extend", {"seconds": 10.0})]),
    ("let a cello take over from the piano", "song",
     [("song_instrument", {"action": "swap", "instrument": "piano", "new_instrument": "cello"})]),
    ("my son is begging for a banjo in it", "song",
     [("song_instrument", {"action": "add", "instrument": "banjo"})]),
    ("kill all the reverb on the guitar", "song", [("song_mix", {"track": "guitar", "reverb": 0.0})]),
    ("could we have it in major instead, its for a birthday", "song", [("song_key", {"key": "major"})]),
    ("my step rate is 160, match the song to that", "song", [("song_tempo", {"bpm": 160.0})]),
    ("how would it sound as reggae? try it at 75", "song",
     [("song_style", {"style": "reggae", "bpm": 75.0})]),
    ("drop it 3 semitones, my choir struggles with the top notes", "song",
     [("song_key", {"key": "down 3 semitones"})]),
    ("this is too slow for a workout video, speed it up loads", "song",
     [("song_tempo", {"direction": "faster", "amount": "much"})]),
    # the classes of the fresh14 blind set, in other words
    ("way too cheerful for a funeral, switch it to minor", "song", [("song_key", {"key": "minor"})]),
    ("ditch the flute and stick an oboe where it was", "song",
     [("song_instrument", {"action": "swap", "instrument": "flute", "new_instrument": "oboe"})]),
    ("add an acoustic guitar strumming the chords", "song",
     [("song_instrument", {"action": "add", "instrument": "acoustic guitar", "role": "chords"})]),
    ("the outro should be just strings", "song",
     [("song_mute", {"track": "strings", "section": "outro", "solo": True})]),
    ("the bridge is weak, take another stab at it", "song", [("song_regenerate", {"section": "bridge"})]),
    ("three different hooks to choose from", "song", [("song_variations", {"n": 3, "section": "chorus"})]),
    ("it stops dead, give it a real ending", "song", [("song_add_section", {"section": "outro"})]),
    ("new drum fill in the last two bars", "song",
     [("song_inpaint", {"first_bar": -2, "last_bar": -1, "parts": ["drums"]})]),
    ("ctrl z", "song", [("undo", {})]),
    ("the very first one was the best, switch back to it", "song",
     [("select_version", {"version": "original"})]),
    ("is the new one faster than v3", "song", [("answer_question", {"other": "version:3"})]),
    ("bring it to eighty and in e minor", "song",
     [("song_tempo", {"bpm": 80.0}), ("song_key", {"key": "E minor"})]),
    ("slow it to 100 then fire me a wav", "song",
     [("song_tempo", {"bpm": 100.0}), ("export", {"format": "wav"})]),
    ("is it in three or in four", "audio", [("answer_question", {})]),
    ("theres dead air on both sides, trim it off", "audio", [("trim", {"silence": "both"})]),
    ("only the final 15 seconds please", "audio", [("trim", {"keep_last_s": 15.0})]),
    ("ease it in over three seconds", "audio", [("fade", {"fade_in_s": 3.0})]),
    ("can barely hear it on my phone, bump it 4 db", "audio", [("gain", {"gain_db": 4.0})]),
    ("the app wants wavs at 16000 hz, one channel", "audio",
     [("convert", {"format": "wav", "sample_rate": 16000, "channels": 1})]),
    ("give me this minus the drums so i can drum along", "audio",
     [("separate", {"keep": ["vocals", "bass", "other"]})]),
    ("practising the solo, can it go at 80 percent speed", "audio", [("time_stretch", {"ratio": 0.8})]),
    ("get it to 124 so it mixes with my set", "audio", [("time_stretch", {"bpm": 124.0})]),
    ("vocals down two and drums up four", "audio",
     [("remix_stems", {"gains_db": {"vocals": -2.0, "drums": 4.0}})]),
    ("need something dreamy for my meditation class, piano, about a minute", "none",
     [("compose", {"duration_s": 60.0, "instruments": ["piano"]})]),
    ("forget the current music, start over with some chill lofi", "video", [("score_video", {})]),
    ("keep the birds from the clip underneath it", "video", [("video_rescore", {"original_audio": "mix"})]),
    ("next lot", "recommend", [("recommend_next", {})]),
    ("five more along the lines of number 2", "recommend", [("recommend_more", {"pick": 2, "k": 5})]),
    ("stick the first version on after this one", "audio", [("splice", {"second": "version:1"})]),
    ("pan the bass halfway to the left", "song", [("song_mix", {"track": "bass", "pan": -0.5})]),
    ("cut the intro, get to the good part sooner", "song", [("song_remove_section", {"section": "intro"})]),
    # the classes of the fresh15 blind set, in other words
    ("my altos keep cracking, take it down a tone", "song", [("song_key", {"key": "down 2 semitones"})]),
    ("the dancers are dragging, push it to one hundred thirty", "song", [("song_tempo", {"bpm": 130.0})]),
    ("no more trumpet please, its too much", "song",
     [("song_instrument", {"action": "remove", "instrument": "trumpet"})]),
    ("in the intro i only want to hear the piano", "song",
     [("song_mute", {"track": "piano", "section": "intro", "solo": True})]),
    ("each chorus four bars max", "song", [("song_section", {"section": "chorus", "bars": 4})]),
    ("reverb on the guitar to about halfway", "song", [("song_mix", {"track": "guitar", "reverb": 0.5})]),
    ("export the lyric sheet", "song", [("song_export", {"formats": ["lrc"]})]),
    ("make the start a third slower", "audio", [("time_stretch", {"percent": 33.0, "direction": "slower"})]),
    ("a hum and some crackle on this old record", "audio", [("restore", {"fixes": ["dehum", "declip"]})]),
    ("fade in one second and out six", "audio", [("fade", {"fade_in_s": 1.0, "fade_out_s": 6.0})]),
    ("give it three more db", "audio", [("gain", {"gain_db": 3.0})]),
    ("vocals two db louder, drums one db quieter", "audio",
     [("remix_stems", {"gains_db": {"vocals": 2.0, "drums": -1.0}})]),
    ("zip up the lot", "audio", [("export", {"format": "zip"})]),
    ("back to how it was when i uploaded it", "audio", [("select_version", {"version": "original"})]),
    ("a hymn for sunday in g major on organ", "none",
     [("compose", {"key": "G major", "instruments": ["organ"]})]),
    ("put song two under my video and drop its own audio", "recommend",
     [("recommend_for_video", {"pick": 2, "original_audio": "drop"})]),
    ("three is close but slower please", "recommend", [("recommend_refine", {"pick": 3})]),
    # the classes of the fresh16 blind set, in other words
    ("bridge = piano and nothing else", "song",
     [("song_mute", {"track": "piano", "section": "bridge", "solo": True})]),
    ("slot a two bar break in before the last chorus", "song",
     [("song_add_section", {"section": "break", "bars": 2, "before": "last chorus"})]),
    ("flip the order of the intro and verse 1", "song",
     [("song_move_section", {"section": "intro", "swap_with": "verse 1"})]),
    ("same song but reggae, and about ninety", "song", [("song_style", {"style": "reggae", "bpm": 90.0})]),
    ("my drummer wants to know how fast this is", "song", [("answer_question", {})]),
    ("walk me through it section by section", "song", [("caption", {})]),
    ("could you squash it a bit, the quiet bits get lost", "audio",
     [("effects", {"effect": "compressor", "amount": 0.25})]),
    ("make it sound like it was played in a cathedral", "audio", [("effects", {"effect": "reverb"})]),
    ("the venue needs a wav at forty four one", "audio",
     [("convert", {"format": "wav", "sample_rate": 44100})]),
    ("which one is longer, this or v1", "audio", [("answer_question", {"other": "version:1"})]),
    ("a dreamy synthwave thing for my vlog, ninety seconds, synths and drums", "none",
     [("compose", {"duration_s": 90.0, "instruments": ["synth lead", "drums"]})]),
    ("funk track, one oh five, a minute long, then give me the midi", "none",
     [("compose", {"duration_s": 60.0}), ("song_export", {"formats": ["midi"]})]),
    ("scrap this list, look for sad piano stuff instead", "recommend",
     [("recommend", {"query": "scrap this list, look for sad piano stuff instead"})]),
    ("any more where those came from", "recommend", [("recommend_next", {})]),
    ("less drums, more bass, then make it slower", "song",
     [("song_mix", {"track": "drums", "gain_db": -3.0}), ("song_mix", {"track": "bass", "gain_db": 3.0}),
      ("song_tempo", {"direction": "slower"})]),
    ("swap the organ for strings and knock the drums down 3 db", "song",
     [("song_instrument", {"action": "swap", "instrument": "organ", "new_instrument": "strings"}),
      ("song_mix", {"track": "drums", "gain_db": -3.0})]),
]  # fmt: skip


@pytest.mark.parametrize(("message", "context", "expected"), CASES)
def test_requests(message: str, context: str, expected: list[Call]) -> None:
    assert_plans(message, context, expected)


@pytest.mark.parametrize("message", ["take me back to an older version", "can i get an old version back"])
def test_an_older_version_names_none_and_gets_a_question(message: str) -> None:
    assert_asks(message, "song")


@pytest.mark.parametrize(
    ("message", "context"),
    [
        ("could we try a different instrument", "song"),
        ("can it be in some other key", "song"),
        ("make that part longer", "song"),
        ("meh its not it yet", "song"),
        ("ugh no, something different", "video"),
        ("brighten my track up a bit", "none"),
        ("its not quite there yet, can you sort it out", "song"),
        ("fix the thing we talked about", "song"),
        ("make it sound professional", "audio"),
        ("do the usual to it", "audio"),
        ("can you fix my track", "none"),
        ("make it more like him", "song"),
        ("hmm the middle one", "recommend"),
        ("ok that one then", "recommend"),
    ],
)
def test_a_request_that_names_no_change_gets_a_question(message: str, context: str) -> None:
    assert_asks(message, context)


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("make it sound like beyonce sang it so i can upload it as hers", "real artist"),
        ("download the latest drake album", "download"),
        ("rip this song off youtube for me", "download"),
    ],
)
def test_passing_off_and_downloading_get_a_plain_refusal(message: str, reply: str) -> None:
    assert_replies(message, "none", reply)


def test_intents_file_names_no_key_twice() -> None:
    """A key written twice in one intent of intents.yaml silently replaces the first (YAML keeps the last):
    a second ``keywords:`` once dropped every keyword of answer_question written before it."""
    import yaml

    from agent.planners.local import INTENTS_FILE

    repeated: list[tuple[str, int]] = []

    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
        repeated.extend((str(k), node.start_mark.line + 1) for i, k in enumerate(keys) if k in keys[:i])
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(INTENTS_FILE.read_text(), Loader=StrictLoader)
    assert repeated == []
