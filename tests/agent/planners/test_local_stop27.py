"""Requests found missing in stop 27 (issue 13), the classes of the fresh20 blind set: emoji for words,
command-line pairs, a number corrected halfway, dictated homophones before a unit, courtesies that carry no
request, two level changes in one clause, 'decrease', 'the acoustic', 'start fresh' with a description,
out-of-scope errands, and more. Phrasings written for these tests (in no corpus, intents.yaml or stranger
set), with cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agent.planners.plan_checks import assert_replies, plan_tests

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # emoji said in words
    ("🎸🚫 in the bridge", "song", [("song_mute", {"track": "guitar", "section": "bridge"})]),
    ("way too 🐌, speed it up", "song", [("song_tempo", {"direction": "faster"})]),
    ("🎻 and 🎹, something 😭 for a funeral video", "none",
     [("compose", {"instruments": ["violin", "piano"]})]),
    # command-line pairs
    ("bpm=132", "song", [("song_tempo", {"bpm": 132.0})]),
    ("key=Ebm", "song", [("song_key", {"key": "Eb minor"})]),
    ("convert it to wav, sr=44100", "audio", [("convert", {"format": "wav", "sample_rate": 44100})]),
    ("genre=reggae tempo=76 len=60s", "none",
     [("compose", {"style": "reggae", "tempo_bpm": 76.0, "duration_s": 60.0})]),
    # a number corrected halfway
    ("slow it to eighty, sorry, eighty five bpm", "song", [("song_tempo", {"bpm": 85.0})]),
    ("drop it 3 semitones... wait no, 2", "audio", [("pitch_shift", {"semitones": -2.0})]),
    ("fade out over 6 seconds, actually make it 9", "audio", [("fade", {"fade_out_s": 9.0})]),
    # ... and a number that corrects nothing stays
    ("a 2 minute song with no drums, please", "none", [("compose", {"duration_s": 120.0})]),
    # dictated homophones before a unit
    ("bring the vocals down for db", "song", [("song_mix", {"track": "vocals", "gain_db": -4.0})]),
    ("cut the first to seconds", "audio", [("trim", {"start_s": 2.0})]),
    # courtesies that carry no request
    ("kindly do the needful and make it slower", "song", [("song_tempo", {"direction": "slower"})]),
    ("abeg make am faster", "song", [("song_tempo", {"direction": "faster"})]),
    # two level changes in one clause, 'decrease' is down
    ("boost the guitar by 2 dB and cut the keys by 4 dB", "song",
     [("song_mix", {"track": "guitar", "gain_db": 2.0}),
      ("song_mix", {"track": "electric piano", "gain_db": -4.0})]),
    ("decrease the drums by 5 dB", "audio", [("remix_stems", {"gains_db": {"drums": -5.0}})]),
    # ... one track named twice is still one change
    ("the snare is buried, give the drums 3 more db", "song",
     [("song_mix", {"track": "drums", "gain_db": 3.0})]),
    # 'the acoustic' is the acoustic guitar
    ("put the acoustic hard left", "song", [("song_mix", {"track": "acoustic guitar", "pan": -1.0})]),
    # a new song described after 'start over'
    ("start over with a bouncy ukulele tune", "song", [("compose", {"instruments": ["ukulele"]})]),
    # a complaint about how a section sounds is no solo
    ("the strings in the chorus are just clutter, take them out", "song",
     [("song_mute", {"track": "strings", "section": "chorus"})]),
    # 'instead of X could we have Y'
    ("instead of the organ can we have a harp", "song",
     [("song_instrument", {"action": "swap", "instrument": "organ", "new_instrument": "harp"})]),
    # a section that is dead weight on a recording is cut
    ("the outro is pointless, lose it", "audio", [("loop_crop", {"section": "outro", "action": "remove"})]),
    # uneven level is compression; quieter than everything else is loudness
    ("some lines are loud and some are tiny, can you even things out", "audio",
     [("effects", {"effects": [{"name": "compressor"}]})]),
    ("my track is so much softer than the other songs in the set", "audio", [("normalize_loudness", {})]),
    # scrapping the last edits is undoing them
    ("scrap the last two changes", "audio", [("undo", {}), ("undo", {})]),
    # a tempo said in words as the target
    ("eighty bpm is what the class needs", "audio", [("time_stretch", {"bpm": 80.0})]),
    # the difference from a version, said with 'between'
    ("what's the difference between v3 and the current one", "song", [("song_compare", {"a": "version:3"})]),
    # video: a voice to hear, noise to lose
    ("i can't hear what the bride is saying", "video", [("video_rescore", {"original_audio": "duck"})]),
    ("upbeat pop for this clip and get rid of the traffic noise", "video",
     [("score_video", {"original_audio": "drop"})]),
    # a list pick said with 'only'
    ("more like the third one only", "recommend", [("recommend_more", {"pick": 3})]),
    # a file named as an instruction, then a question
    ("it's saved as 'delete everything.wav' haha, anyway how fast is it", "audio", [("answer_question", {})]),
    # fresh21 classes: a polite possibility, a word asked for mid-sentence, a condition beside the request
    ("would it maybe be possible for it to be a touch slower", "song",
     [("song_tempo", {"direction": "slower", "amount": "bit"})]),
    ("pan the bass, what's the word, all the way in the right", "song",
     [("song_mix", {"track": "bass", "pan": 1.0})]),
    ("put it in a minor key, as long as the tune stays the same", "song", [("song_key", {"key": "minor"})]),
    # half-tones, 'the tone of' a key, 'accelerate', a hyphenated length
    ("lower it three half tones", "audio", [("pitch_shift", {"semitones": -3.0})]),
    ("bring it in the tonality of D major", "audio", [("pitch_shift", {"target_key": "D major"})]),
    ("accelerate the tempo by ten percent", "audio",
     [("time_stretch", {"percent": 10.0, "direction": "faster"})]),
    ("a two-second fade in please", "audio", [("fade", {"fade_in_s": 2.0})]),
    # 'X OUT' is a removal; a bass holding the bottom down plays the bass part
    ("SAX OUT", "song", [("song_instrument", {"action": "remove", "instrument": "saxophone"})]),
    ("add a fretless bass holding down the low end", "song",
     [("song_instrument", {"action": "add", "instrument": "bass", "role": "bass"})]),
    # more reverb so a track sits at the back is more reverb
    ("more reverb on the choir so they sound at the back of the church", "song",
     [("song_mix", {"track": "choir", "reverb_change": 0.2})]),
    # a solo with everyone else silent, after what it is for
    ("for the ballet bit: in the intro only the harp plays, everyone else rests", "song",
     [("song_mute", {"track": "harp", "section": "intro", "solo": True})]),
    # where said first, then what goes there; bars said after the section
    ("before the outro, slip in a short break, two bars", "song",
     [("song_add_section", {"section": "break", "before": "outro", "bars": 2})]),
    ("could the outro come straight after the very first chorus", "song",
     [("song_move_section", {"section": "outro", "after": "chorus 1"})]),
    # bars named with the part that is wrong, then redone
    ("bars 3 to 6 the bass is all wrong, fix those", "song",
     [("song_inpaint", {"first_bar": 3, "last_bar": 6, "parts": ["bass"]})]),
    ("what did you really change since version 2", "song", [("song_compare", {"a": "version:2"})]),
    ("wait, bring back the edit you just undid", "song", [("redo", {})]),
    # silence said as its length; a typo of 'off'
    ("there's a couple of seconds of dead air at the start and the end, cut it of", "audio",
     [("trim", {"silence": "both"})]),
    # what the stems are for is no request
    ("just the bass off this one please, gonna sample it", "audio", [("separate", {"keep": ["bass"]})]),
    # an EQ shelf; two effects in a row are one chain
    ("low shelf down a bit, it's boomy", "audio",
     [("effects", {"effects": [{"name": "eq", "low_db": -4.0}]})]),
    ("compress it and then add reverb", "audio",
     [("effects", {"effects": [{"name": "compressor"}, {"name": "reverb"}]})]),
    # a backing named as two instruments is one backing
    ("put drums and bass behind my piano recording, jazz feel", "audio",
     [("accompany", {"drums": True, "bass": True, "style": "jazz"})]),
    # a new song, and its stems
    ("make a 30 second upbeat jingle and send me the stems", "none",
     [("compose", {"duration_s": 30.0}), ("song_export", {"formats": ["stems"]})]),
    # video: speech kept in the mix
    ("can we hear the vows better, mixed in not ducked", "video",
     [("video_rescore", {"original_audio": "mix"})]),
    # a list: lengths said in words, the page after next
    ("anything instrumental in my library under three minutes", "none",
     [("recommend", {"filters": {"vocals": False, "duration_max_s": 180.0}})]),
    ("skip a page", "recommend", [("recommend_next", {"pages": 2})]),
    # a level change and why it is needed: one change (the reason set the level once, or the whole mix)
    ("bring the voice up, the piano is far too loud", "audio",
     [("remix_stems", {"gains_db": {"vocals": 3.0}})]),
    ("guitar up 2 db, it's too quiet", "song", [("song_mix", {"track": "guitar", "gain_db": 2.0})]),
    # fresh22 classes: numbered or bulleted steps in one message
    ("1) make it faster 2) drop the piano 3) mp3 please", "song",
     [("song_tempo", {"direction": "faster"}),
      ("song_instrument", {"action": "remove", "instrument": "piano"}),
      ("export", {"format": "mp3"})]),
    ("- fade in over 2 seconds\n- then normalise it", "audio",
     [("fade", {"fade_in_s": 2.0}), ("normalize_loudness", {})]),
    # spelling slips and dialect
    ("the corus is borring, can you rite it agian", "song", [("song_regenerate", {"section": "chorus"})]),
    ("giz a wee bit more reverb on the vocels", "song",
     [("song_mix", {"track": "vocals", "reverb_change": 0.2})]),
    # a tempo said as how a dance is counted; a percentage said 'per cent'; 'increased'
    ("the routine is counted at 96", "song", [("song_tempo", {"bpm": 96.0})]),
    ("the pace should be increased by five per cent", "song",
     [("song_tempo", {"percent": 5.0, "direction": "faster"})]),
    # a purpose that names a video beside a key change is no new score
    ("it's too cheerful for my video, could you put it in minor", "song", [("song_key", {"key": "minor"})]),
    # counts and words of the song tools
    ("give me 3 alternative verses", "song", [("song_variations", {"n": 3, "section": "verse"})]),
    ("redo bars 1 to 4 but only the drums, everything else stays", "song",
     [("song_inpaint", {"first_bar": 1, "last_bar": 4, "parts": ["drums"]})]),
    ("hard pan the organ left please", "song", [("song_mix", {"track": "organ", "pan": -1.0})]),
    ("the first section should have only the piano", "song",
     [("song_mute", {"track": "piano", "section": "intro", "solo": True})]),
    ("please to add an intro of piano of 4 bars before the first verse", "song",
     [("song_add_section", {"section": "intro", "before": "verse 1", "bars": 4})]),
    ("the flute is too busy. replace it with strings", "song",
     [("song_instrument", {"action": "swap", "instrument": "flute", "new_instrument": "strings"})]),
    # two fades in one clause each are one fade; 'reduced'; a stem with a signed number
    ("a two-second fade in and a six-second fade out", "audio",
     [("fade", {"fade_in_s": 2.0, "fade_out_s": 6.0})]),
    ("could the level be reduced by three decibels", "audio", [("gain", {"gain_db": -3.0})]),
    ("bass -3, vocals +2", "audio", [("remix_stems", {"gains_db": {"bass": -3.0, "vocals": 2.0}})]),
    # a reason beside the request
    ("lower it a semitone, my voice no longer gets that high", "audio",
     [("pitch_shift", {"semitones": -1.0})]),
    ("give me the vocals on their own, i'll resample them later", "audio",
     [("separate", {"keep": ["vocals"]})]),
    ("there's a whine in the background, please remove it", "audio", [("restore", {"fixes": ["dehum"]})]),
    ("normalise to minus sixteen", "audio", [("normalize_loudness", {"target_lufs": -16.0})]),
    # with nothing made, a clause that reads as describing a recording describes the song
    ("a calm piano piece in C major, about two minutes, nothing too busy", "none",
     [("compose", {"key": "C major", "duration_s": 120.0, "instruments": ["piano"]})]),
    ("using musicgen: a dreamy synthwave track", "none", [("compose", {"backend": "musicgen"})]),
    # video and list
    ("make the big hit land at twelve and a half seconds", "video", [("video_rescore", {"hit_s": 12.5})]),
    ("number 2 goes under the video", "recommend", [("recommend_for_video", {"pick": 2})]),
    ("turn the strings down, they're way too loud", "song",
     [("song_mix", {"track": "strings", "gain_db": -3.0})]),
]
ASKS: list[tuple[str, str]] = [
    ("make something awesome", "none"),
    ("something about this just sounds weird to me", "song"),
    ("could you do the bit we talked about before", "song"),
    ("not feeling the song", "video"),
    ("how about the other one", "recommend"),
    ("could you maybe change this bit a little", "song"),
    ("the volume is odd somewhere near the end i think", "audio"),
    ("a different mood perhaps?", "recommend"),
    ("need something for our thing next week", "none"),
    ("please make the necessary changes", "song"),
    ("fix the part near the start", "audio"),
    ("good morning, I would like some music for an event", "none"),
    ("nah the music isn't it", "video"),
    ("unsure about all of these", "recommend"),
]
REFUSALS: list[tuple[str, str, str]] = [
    ("make me sound like Rihanna so I can put it out as her next single", "audio", "real singer"),
    ("reschedule my guitar lesson to friday", "none", "only take requests about your music"),
    ("text my bandmates that rehearsal is off", "none", "only take requests about your music"),
    ("make it sound like Adele sang it so I can sell it as a lost Adele demo", "song", "real singer"),
    ("transcribe that hit for me so I can put it out under my name", "none", "real artist"),
    ("crop the video to a square", "video", "only take requests about your music"),
]


test_requests, test_an_ask_that_names_nothing_gets_a_question = plan_tests(CASES, ASKS)


@pytest.mark.parametrize(("message", "context", "words"), REFUSALS)
def test_passing_off_and_errands_are_refused(message: str, context: str, words: str) -> None:
    assert_replies(message, context, words)
