"""Follow-ups through the agent (LocalPlanner + real song tools): 'too far' takes the last change back and
does a little of it, 'the other way' does the opposite, 'same for the bass' repeats it on another track,
and 'the drums are fine, but ...' changes only what was asked."""

from __future__ import annotations

import pytest

from agent.agent import Agent
from tests.agent.conftest import song_project
from tools.generation.render.fluid import check_fluidsynth

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(check_fluidsynth() is not None, reason=str(check_fluidsynth())),
]


def _gain(project: dict, role: str) -> float:
    return next(t["mix"]["gain_db"] for t in project["tracks"] if t["role"] == role)


def test_follow_ups_point_at_the_last_change(agent: Agent, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_SONG_CHECK", "0")
    s = "follow-ups"
    t1 = agent.turn("write a 16 second funk groove at 100 bpm with bass and drums", s)
    assert t1.ok, t1.reply
    assert song_project(agent, s, t1.current.id)["tempo_bpm"] == 100

    t2 = agent.turn("make it faster", s)
    assert t2.ok and song_project(agent, s, t2.current.id)["tempo_bpm"] == pytest.approx(110)
    t3 = agent.turn("whoa, too far", s)  # back to 100, then a bit faster: between the two
    assert t3.ok, t3.reply
    assert [c.name for c in t3.tool_calls] == ["undo", "song_tempo"]
    assert song_project(agent, s, t3.current.id)["tempo_bpm"] == pytest.approx(105)

    t4 = agent.turn("the other way", s)  # undo the 105, then slower than 100
    assert t4.ok and [c.name for c in t4.tool_calls] == ["undo", "song_tempo"]
    assert song_project(agent, s, t4.current.id)["tempo_bpm"] < 100

    p4 = song_project(agent, s, t4.current.id)
    t5 = agent.turn("the drums are fine, but the bass is too loud", s)
    assert t5.ok and [c.name for c in t5.tool_calls] == ["song_mix"]
    p5 = song_project(agent, s, t5.current.id)
    assert _gain(p5, "bass") == pytest.approx(_gain(p4, "bass") - 3)
    assert _gain(p5, "drums") == _gain(p4, "drums")  # 'the drums are fine': untouched
    t6 = agent.turn("same for the drums", s)
    p6 = song_project(agent, s, t6.current.id)
    assert t6.ok and _gain(p6, "drums") == pytest.approx(_gain(p4, "drums") - 3)
    assert _gain(p6, "bass") == _gain(p5, "bass")
    for t in (t2, t3, t4, t5, t6):
        assert "Done:" not in t.reply and "Traceback" not in t.reply
