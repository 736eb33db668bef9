"""Limits come from the environment at call time."""

from __future__ import annotations

import pytest

from tools.audio import limits


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BANDLEADER_MAX_UPLOAD_MB", raising=False)
    monkeypatch.delenv("BANDLEADER_MAX_DURATION_S", raising=False)
    assert limits.max_file_bytes() == 512 * 1_000_000
    assert limits.max_duration_s() == 1800.0
    assert limits.SILENCE_THRESHOLD_DBFS == -70.0


def test_environment_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANDLEADER_MAX_UPLOAD_MB", "2.5")
    monkeypatch.setenv("BANDLEADER_MAX_DURATION_S", "90")
    assert limits.max_file_bytes() == 2_500_000
    assert limits.max_duration_s() == 90.0
    assert limits.MAX_FILE_BYTES == 2_500_000
    assert limits.MAX_DURATION_S == 90.0


@pytest.mark.parametrize("bad", ["", "lots", "-5", "0"])
def test_unusable_values_fall_back_to_defaults(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("BANDLEADER_MAX_UPLOAD_MB", bad)
    assert limits.max_file_bytes() == int(limits.DEFAULT_MAX_UPLOAD_MB * limits.BYTES_PER_MB)
