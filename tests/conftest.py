"""Test-wide settings: no network, no hub, and every test's data in its own temporary home."""

from __future__ import annotations

import atexit
import faulthandler
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator

import pytest

_EXIT_STATUS: list[int] = []
"""pytest's exit status, kept when the session finishes."""


def _exit_before_native_teardown() -> None:
    """Ends the process with pytest's exit status once the other exit handlers have run, before native
    libraries' static destructors: one of them crashed ('Segmentation fault', rc 2) after every test had
    passed, in about one CI run in four, and the fault handler could print no stack there."""
    if _EXIT_STATUS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])


atexit.register(_exit_before_native_teardown)  # registered before the libraries: runs after their handlers

import tools  # noqa: F401, E402  (first: names numpy's OpenBLAS kernels for this CPU, as the app does)
from tests.postgres_server import PostgresServer, postgres_bin_dir, running_postgres  # noqa: E402

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
# feature sheets are cached by content hash: a run must not read sheets that an earlier run (or an
# earlier version of the code with the same SHEET_VERSION) left in the user's cache
_FEATURE_CACHE = tempfile.mkdtemp(prefix="bandleader-features-")
os.environ["BANDLEADER_FEATURE_CACHE"] = _FEATURE_CACHE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Removes the run's feature cache and keeps the exit status for :func:`_exit_before_native_teardown`."""
    shutil.rmtree(_FEATURE_CACHE, ignore_errors=True)
    _EXIT_STATUS.append(int(exitstatus))


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
