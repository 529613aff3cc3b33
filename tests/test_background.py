"""The background jobs of the test run (tests/background.py): a job's value and its own failure
reach the test that waits, subprocesses are bounded, and a job runs once however often asked."""

from __future__ import annotations

import sys
from pathlib import Path

import background
import pytest

calls: list[Path] = []


def counted(folder: Path) -> str:
    calls.append(folder)
    assert folder.is_dir()
    return "value"


def failing(folder: Path) -> None:
    assert 1 + 1 == 3, "the job's own message"


def test_a_job_runs_once_and_its_value_reaches_every_test() -> None:
    assert background.result(counted) == "value"
    assert background.result(counted) == "value"
    assert len(calls) == 1


def test_a_failing_job_fails_the_test_that_waits_with_its_own_message() -> None:
    with pytest.raises(AssertionError, match="the job's own message"):
        background.result(failing)


def test_run_is_bounded_and_captures_output() -> None:
    done = background.run([sys.executable, "-c", "print('out')"], timeout=60)
    assert (done.returncode, done.stdout) == (0, "out\n")
    with pytest.raises(AssertionError, match="did not finish in 1 s"):
        background.run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)


def test_needs_is_the_background_marker() -> None:
    mark = background.needs(counted, failing).mark
    assert (mark.name, mark.args) == ("background", (counted, failing))


def niceness(folder: Path) -> str:
    return background.run([sys.executable, "-c", "import os; print(os.nice(0))"], timeout=60).stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is Linux's")
def test_a_job_and_its_processes_run_at_a_lower_priority() -> None:
    import os

    assert int(background.result(niceness)) == os.nice(0) + background.NICE
