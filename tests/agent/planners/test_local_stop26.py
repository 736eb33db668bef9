"""Requests found missing in stop 26 (issue 13): the misses left open by stop 25 (a song described with
'sounds' in it, then exported; 'gimme'; a grand named without 'piano'; praise of a list item in slang,
then 'more in that lane'), and the classes of the fresh17 blind set. Phrasings written for these tests
(in no corpus, intents.yaml or stranger set), with cases that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest

from tests.agent.planners.plan_checks import assert_replies, plan_tests

Call = tuple[str, dict[str, Any]]
CASES: list[tuple[str, str, list[Call]]] = [
    # a song described with 'sounds' (a noun), then a second step
    ("chill beat with ocean sounds at 70, then export it as a wav", "none",
     [("compose", {"tempo_bpm": 70.0}), ("export", {"format": "wav"})]),
    ("ambient thing with bird sounds, then gimme an mp3", "none",
     [("compose", {}), ("export", {"format": "mp3"})]),
    # ... a clause that says how it sounds is still a statement
    ("the guitar sounds thin, swap it for a piano", "song",
     [("song_instrument", {"action": "swap", "instrument": "guitar", "new_instrument": "piano"})]),
    # 'gimme'
    ("gimme the wav", "song", [("export", {"format": "wav"})]),
    # a grand without 'piano'
    ("the organ is too churchy, stick a nice grand in its place", "song",
     [("song_instrument", {"action": "swap", "instrument": "organ", "new_instrument": "piano"})]),
    # praise of a list item, then more like it
    ("track 4 goes hard, more along that vein", "recommend", [("recommend_more", {"pick": 4})]),
    ("number two bangs, find me more like it", "recommend", [("recommend_more", {"pick": 2})]),
    ("more in that direction", "recommend", [("recommend_more", {})]),
    # fresh17 classes: words a second-language writer uses, and idioms
    ("a little more slow please, the kids cant follow", "song",
     [("song_tempo", {"direction": "slower", "amount": "bit"})]),
    ("set it to a hundred and four beats a minute", "song", [("song_tempo", {"bpm": 104.0})]),
    ("chop the final three seconds off, its just me coughing", "audio", [("trim", {"remove_end_s": 3.0})]),
    ("the middle 8 is weak, write it again", "song", [("song_regenerate", {"section": "bridge"})]),
    ("the trumpets are cringe, yeet them", "song",
     [("song_instrument", {"action": "remove", "instrument": "trumpet"})]),
    ("the outro drags on and on", "song", [("song_section", {"section": "outro", "direction": "shorter"})]),
    ("it's painfully slow, the class is falling asleep", "song", [("song_tempo", {"direction": "faster"})]),
    ("way too rushed, my choir trips over the words", "song",
     [("song_tempo", {"direction": "slower", "amount": "much"})]),
    # complaints about reverb say which way
    ("the piano sounds really dry, give it some space", "song",
     [("song_mix", {"track": "piano", "reverb_change": 0.2})]),
    ("make the strings dry", "song", [("song_mix", {"track": "strings", "reverb_change": -0.2})]),
    # two changes after a number, and one change said twice
    ("bass down 2 and lose the echo on the guitar", "song",
     [("song_mix", {"track": "bass", "gain_db": -2.0}), ("song_mix", {"track": "guitar", "reverb": 0.0})]),
    ("drums up four db and the vocals down one, so the kick stands out", "audio",
     [("remix_stems", {"gains_db": {"drums": 4.0, "vocals": -1.0}})]),
    # versions by their place, and undo counts in words
    ("how does the third version differ from the sixth one", "song",
     [("song_compare", {"a": "version:3", "b": "version:6"})]),
    ("compare the third and sixth takes", "song", [("song_compare", {"a": "version:3", "b": "version:6"})]),
    ("undo the last couple of tweaks", "song", [("undo", {}), ("undo", {})]),
    ("put it back how it was three edits ago", "song", [("undo", {}), ("undo", {}), ("undo", {})]),
    ("make it like it was recorded in a church", "song", [("effects", {"effect": "reverb"})]),
    # edges of a recording, fades, loudness
    ("theres a long silence before the singing starts, cut it", "audio", [("trim", {"silence": "start"})]),
    ("give it a slow six second fade at the end", "audio", [("fade", {"fade_out_s": 6.0})]),
    ("minus sixteen lufs with the true peak at minus two", "audio",
     [("normalize_loudness", {"target_lufs": -16.0, "true_peak_ceiling_dbfs": -2.0})]),
    ("what's the true peak", "audio", [("describe_audio", {})]),
    # stems named by what is wanted
    ("could you take the vocals off, we want to sing it ourselves", "audio",
     [("separate", {"keep": ["accompaniment"]})]),
    ("i only need the bass line from this", "audio", [("separate", {"keep": ["bass"]})]),
    ("i just want the bass louder", "audio", [("remix_stems", {"stem": "bass", "gain_db": 3.0})]),
    # a swap said as a complaint and 'in its place'
    ("the trumpet is grating. give me a flute in its place", "song",
     [("song_instrument", {"action": "swap", "instrument": "trumpet", "new_instrument": "flute"})]),
    # what a request is for, or what a file is called, is no request
    ("make 3 different takes of the bridge, i want to compare them", "song",
     [("song_variations", {"n": 3, "section": "bridge"})]),
    ("the track is called 'undo_everything.mp3', what tempo is it", "audio",
     [("answer_question", {"question": "what tempo is it"})]),
    ("could you write a description of how this sounds for my video notes", "audio", [("caption", {})]),
    # going back to the upload
    ("bin all my edits", "audio", [("select_version", {"version": "original"})]),
    ("i want it the way i uploaded it", "audio", [("select_version", {"version": "original"})]),
    # new scores on a scored video, and a re-score said twice, then exported
    ("slap a trap beat on this, the drop should land at 0:05", "video",
     [("score_video", {"hit_s": [5.0]})]),
    ("chill song for my travel vid, 90 bpm", "video", [("score_video", {"tempo_bpm": 90.0})]),
    ("too tame, needs way more energy, then export it", "video",
     [("video_rescore", {"energy": "more"}), ("export", {})]),
    # a list of picks: slang, new searches
    ("these are kinda mid, next page", "recommend", [("recommend_next", {})]),
    ("show me some bossa nova", "recommend", [("recommend", {})]),
    ("can you look for choir-like ambient stuff instead", "recommend", [("recommend", {})]),
    ("search our catalogue for slow jazz", "none", [("recommend", {})]),
    # refusals
    ("grab the official acapella of that new dua lipa single", "none", []),
    # fresh18 classes: theory words, dictation, British and Australian speakers
    ("we're in G major now, take it to the relative minor", "song", [("song_key", {"key": "E minor"})]),
    ("it's in a minor at the moment, try the relative major", "song", [("song_key", {"key": "C major"})]),
    ("the minor key is too gloomy for a wedding, could it go major", "song",
     [("song_key", {"key": "major"})]),
    ("the solo should go on twice as long", "song", [("song_section", {"section": "solo", "factor": 2.0})]),
    ("the bridge drags, four bars would be plenty", "song",
     [("song_section", {"section": "bridge", "bars": 4})]),
    ("we're short by about twenty seconds, extend it", "song", [("song_extend", {"seconds": 20.0})]),
    ("how is version two different from version five", "song",
     [("song_compare", {"a": "version:2", "b": "version:5"})]),
    ("the second one we did was nicer, go with that", "song", [("select_version", {"version": "version:2"})]),
    ("in the intro we want the guitar on its own", "song",
     [("song_mute", {"track": "guitar", "section": "intro", "solo": True})]),
    ("the base needs to come down two db", "song", [("song_mix", {"track": "bass", "gain_db": -2.0})]),
    ("switch the two choruses round", "song",
     [("song_move_section", {"section": "chorus 1", "swap_with": "chorus 2"})]),
    ("cna u mak the bridge shortr", "song",
     [("song_section", {"section": "bridge", "direction": "shorter"})]),
    ("what would it be like with a flute playing along", "song",
     [("song_instrument", {"action": "add", "instrument": "flute"})]),
    ("my son sang this into the laptop and theres a buzz on it, can you clean that up", "audio",
     [("restore", {"fixes": ["dehum"]})]),
    ("as a wav at forty four point one kilohertz", "audio",
     [("convert", {"format": "wav", "sample_rate": 44100})]),
    ("ten percent faster without the pitch going up", "audio",
     [("time_stretch", {"percent": 10.0, "direction": "faster"})]),
    ("repeat bars one to four, six times", "audio",
     [("loop_crop", {"action": "loop", "start_bar": 1, "end_bar": 4, "times": 6})]),
    ("she whistled the tune, could a clarinet play it", "audio",
     [("timbre_transfer", {"instrument": "clarinet"})]),
    ("chop five seconds off the end and fade the last two", "audio",
     [("trim", {"remove_end_s": 5.0}), ("fade", {"fade_out_s": 2.0})]),
    ("i only want thirty seconds from the top", "audio", [("trim", {"duration_s": 30.0})]),
    ("keep the first two minutes fifteen", "audio", [("trim", {"duration_s": 135.0})]),
    ("i'd like my file back how it was when i uploaded it", "audio",
     [("select_version", {"version": "original"})]),
    ("zip up every version for me, all the versions at once", "audio", [("export", {"format": "zip"})]),
    ("rustle us up a jazzy number about the seaside", "none", [("compose", {"style": "jazz"})]),
    ("a bit more oomph through the whole thing", "video", [("video_rescore", {"energy": "more"})]),
    ("the same search but without vocals", "recommend", [("recommend_refine", {})]),
    # fresh19 classes: autocorrect slips, second-language grammar, a list said after 'into', sequences
    ("the tempi feels off for the run club, can u make it 150", "song", [("song_tempo", {"bpm": 150.0})]),
    ("play it more quickly please, maybe ten percent is fine", "song",
     [("song_tempo", {"percent": 10.0, "direction": "faster"})]),
    ("hmm the piano is a tad loud, like 3 db less", "song",
     [("song_mix", {"track": "piano", "gain_db": -3.0})]),
    ("could a cello take the melody", "song",
     [("song_instrument", {"action": "add", "instrument": "cello", "role": "melody"})]),
    ("the coral needs to be half as long", "song", [("song_section", {"section": "chorus", "factor": 0.5})]),
    ("lop two bars off the intro", "song", [("song_section", {"section": "intro", "change_bars": -2})]),
    ("I liked version two best. Can we go back to it and then make it a bit faster?", "song",
     [("select_version", {"version": "version:2"}),
      ("song_tempo", {"direction": "faster", "amount": "bit"})]),
    ("give me a rundown of the chords and where the sections change", "audio", [("analyze", {})]),
    ("the file is named 'delete everything.mp3', just tell me its key", "audio",
     [("answer_question", {"question": "just tell me its key"})]),
    ("separate it into voice, drums, bass and everything else", "audio", [("separate", {})]),
    ("there's traffic noise and it clips in the loud bits", "audio",
     [("restore", {"fixes": ["denoise", "declip"]})]),
    ("my banjo needs drums behind it, bluegrass style", "audio",
     [("accompany", {"drums": True, "style": "folk"})]),
    ("cut the silence at the end, level it to -14, then send me a wav", "audio",
     [("trim", {"silence": "end"}), ("normalize_loudness", {"target_lufs": -14.0}),
      ("export", {"format": "wav"})]),
    ("a dreamy synthwave piece, neon and rain, two minutes, then give me the midi", "none",
     [("compose", {"duration_s": 120.0}), ("song_export", {"formats": ["midi"]})]),
    ("some music for this, and mute what the camera recorded", "video", [("score_video", {})]),
    ("jump ahead three pages, skip the ones straight after", "recommend", [("recommend_next", {"pages": 3})]),
    # left open by the sets, fixed at the end: reverb as a percentage, an instrument that is no stem
    ("set the reverb on the piano to 40 percent", "song", [("song_mix", {"track": "piano", "reverb": 0.4})]),
    ("the piano up 2 db and the drums down 3", "audio",
     [("remix_stems", {"gains_db": {"other": 2.0, "drums": -3.0}})]),
]  # fmt: skip
ASKS: list[tuple[str, str]] = [
    ("can u make me anything", "none"),
    ("we need some music", "none"),
    ("do something with the middle bit", "song"),
    ("something's missing, no idea what", "song"),
    ("do your magic on it", "audio"),
    ("not sure about these", "recommend"),
    ("not that one, the other thing", "song"),
    ("sort it out will you", "audio"),
    ("do the stuff from last time", "none"),
    ("i need something for the weekend", "none"),
    ("make it nicer for the party", "song"),
    ("something at the end bugs me", "song"),
    ("could you fix it up a little", "audio"),
    ("we need music for friday", "none"),
    ("redo the music", "video"),
    ("nah not what i had in mind", "recommend"),
]
REFUSALS: list[tuple[str, str, str]] = [
    ("get Adele's actual voice on this", "song", "real singer"),
    ("download the original studio version of that song for me", "none", "download"),
    ("put the latest drake single under my video", "video", "download"),
    ("transcribe that famous hit note for note so i can release it as my own", "none", "real artist"),
    ("publish it on soundcloud for me", "song", "can't do that yet"),
    ("what formats can you save it as", "audio", "Here is what I can do"),
    ("hang on, what is this app, what am i supposed to say", "none", "Here is what I can do"),
    ("write the chorus of that famous hit word for word so i can release it as mine", "none", "real artist"),
]


test_requests, test_an_ask_that_names_nothing_gets_a_question = plan_tests(CASES, ASKS)


@pytest.mark.parametrize(("message", "context", "words"), REFUSALS)
def test_passing_off_and_downloads_are_refused(message: str, context: str, words: str) -> None:
    assert_replies(message, context, words)
