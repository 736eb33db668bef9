"""Test-wide settings: no network, no hub, and every test's data in its own temporary home."""

from __future__ import annotations

import faulthandler
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator

import pytest

import tools  # noqa: F401  (first: names numpy's OpenBLAS kernels for this CPU, as the app does)
from tests.postgres_server import PostgresServer, postgres_bin_dir, running_postgres

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
# feature sheets are cached by content hash: a run must not read sheets that an earlier run (or an
# earlier version of the code with the same SHEET_VERSION) left in the user's cache
_FEATURE_CACHE = tempfile.mkdtemp(prefix="bandleader-features-")
os.environ["BANDLEADER_FEATURE_CACHE"] = _FEATURE_CACHE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Removes the run's feature cache."""
    shutil.rmtree(_FEATURE_CACHE, ignore_errors=True)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Keeps the fault handler on after pytest's own plugin turns it off, so that a crash while the
    interpreter shuts down (a native library's teardown: one CI run ended 'Segmentation fault' after every
    test had passed) prints the stack it happened in."""
    faulthandler.enable(file=sys.__stderr__, all_threads=True)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real ~/.local/share/bandleader from a test."""
    monkeypatch.setenv("BANDLEADER_HOME", str(tmp_path_factory.mktemp("bandleader-home")))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server on 127.0.0.1 for the whole run (skips when it is not installed)."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (scripts/setup.sh --test installs Debian's postgresql)")
    with running_postgres(bin_dir) as server:
        yield server
