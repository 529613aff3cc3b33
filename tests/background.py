"""Slow, independent work started when the run begins, so it uses the second core.

Why: on a two-core machine one pytest process keeps about one core busy (a test waits for
its kernel, server or browser), and pytest-xdist was slower still (two workers, each starting
kernels, servers and a browser). Work that a test only *checks the result of* (mypy, the two
handout builds, the wheel, the website, the class hub, the browser checks that time nothing)
can instead run in a thread from the start, while this process runs the other tests; the test
then waits for the result and asserts on it. Tests that time clicks start only when every job
has ended (tests/conftest.py), so they measure a quiet machine.

How: a test names the work with ``@background.needs(job)`` (the marker ``background``; a
module may set it in ``pytestmark``), where ``job`` is a function of one argument (a private
temporary folder) returning what the test checks. After collection, every job a *selected*
test needs is started (deselected work never runs), at most ``LANES`` at once and at a lower
priority; the test calls ``result(job)``, which waits (bounded) and returns the value, or
raises the job's own exception, so a failing ``assert`` inside a job reads as that test's
failure. Under pytest-xdist (opt-in) a job starts when its test first asks for it, in that
worker. ``FOOT_NO_BACKGROUND=1`` does the same in one process (each job then runs when asked).

A job runs its subprocesses through ``run`` (like ``subprocess.run``, always with a timeout),
so any still running when the session ends are stopped; ``on_exit`` registers other clean-up
(a hub to stop). Each job's folder is removed at the end of the session.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

T = TypeVar("T")
Job = Callable[[Path], Any]
WAIT_LIMIT_S = 1200.0  # longer than any job's own subprocess timeouts: a job never hangs a test
# Jobs running at once, beside the tests: two on a two-core machine (more only make them compete
# for the cores, and slow servers past their start-up limits); one per further core elsewhere.
LANES = max(2, (os.cpu_count() or 2) - 1)
# The jobs (and every process they start) run at a lower priority: the tests in this process are
# the run's critical path, and the jobs fill the time the tests leave the cores idle. On Linux a
# thread has its own priority and the processes it starts inherit it; elsewhere this is skipped.
NICE = 5

_lock = threading.Lock()
_procs: set[subprocess.Popen] = set()
_cleanups: list[Callable[[], object]] = []
_lanes = threading.Semaphore(LANES)


class _Running:
    def __init__(self, job: Job, lane: bool) -> None:
        self.job = job
        self.lane = lane  # waits for one of the LANES (started with the session), or runs at once
        self.folder = Path(tempfile.mkdtemp(prefix=f"foot-{job.__name__}-"))
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None
        self.started = time.perf_counter()
        self.seconds = 0.0
        self.thread = threading.Thread(target=self._run, name=f"background {job.__name__}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError):
                me = threading.get_native_id()
                os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + NICE)
        try:
            with _lanes if self.lane else contextlib.nullcontext():
                self.started = time.perf_counter()
                self.value = self.job(self.folder)
        except BaseException as exc:  # re-raised in the test that asks (pytest.skip/fail included)
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - self.started
            self.done.set()


_jobs: dict[Job, _Running] = {}


def needs(*jobs: Job) -> pytest.MarkDecorator:
    """The marker that starts ``jobs`` with the session, for the tests (or module) it marks."""
    return pytest.mark.background.with_args(*jobs)


def start(job: Job, lane: bool = True) -> None:
    with _lock:
        if job not in _jobs:
            _jobs[job] = _Running(job, lane)


def result(job: Callable[[Path], T], timeout: float = WAIT_LIMIT_S) -> T:
    """Wait for ``job`` and return its value, or raise its error. A job not started with the
    session (not marked, or under xdist) runs now, without waiting for a lane: this test waits."""
    start(job, lane=False)
    running = _jobs[job]
    if not running.done.wait(timeout):
        pytest.fail(f"background job {job.__name__} still running after {timeout:.0f} s")
    if running.error is not None:
        raise running.error
    return running.value


def all_done() -> bool:
    """Every started job has ended (at once: it does not wait)."""
    return all(running.done.is_set() for running in list(_jobs.values()))


def wait_all(timeout: float = WAIT_LIMIT_S) -> None:
    """Wait until every started job has ended (before a test that measures speed)."""
    deadline = time.monotonic() + timeout
    for running in list(_jobs.values()):
        running.done.wait(max(0.0, deadline - time.monotonic()))


def run(args: list[str], *, timeout: float, check: bool = False, **kwargs: Any) -> subprocess.CompletedProcess:
    """``subprocess.run(args, capture_output=True, text=True, timeout=...)``, stopped at session end."""
    kwargs.setdefault("text", True)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    with _lock:
        _procs.add(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        message = f"{' '.join(map(str, args))} did not finish in {timeout:.0f} s:\n{out}{err}"
        raise AssertionError(message[-6000:]) from None
    finally:
        with _lock:
            _procs.discard(proc)
    done = subprocess.CompletedProcess(args, proc.returncode, out, err)
    if check:
        done.check_returncode()
    return done


def on_exit(cleanup: Callable[[], object]) -> None:
    """Run ``cleanup`` at the end of the session (after the fixtures' own teardown)."""
    with _lock:
        _cleanups.append(cleanup)


class Plugin:
    """Starts the selected tests' jobs after collection; stops and cleans up at the end."""

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line(
            "markers", "background(job, ...): start job(folder) when the run begins (tests/background.py)"
        )

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        config = session.config
        if config.option.collectonly or hasattr(config, "workerinput") or os.environ.get("FOOT_NO_BACKGROUND"):
            return  # nothing runs, or an xdist worker (its jobs start when asked), or switched off
        wanted = {job: None for item in session.items for mark in item.iter_markers("background") for job in mark.args}
        for job in reversed(wanted):  # the last tests' jobs first: the hub's, the longest, waits least
            start(job)

    def pytest_terminal_summary(self, terminalreporter: Any, config: pytest.Config) -> None:
        if _jobs and config.option.durations is not None:
            times = ", ".join(f"{r.job.__name__} {r.seconds:.1f} s" for r in _jobs.values())
            terminalreporter.write_line(f"background jobs (run alongside the tests): {times}")

    def pytest_sessionfinish(self) -> None:
        with _lock:
            procs, cleanups = list(_procs), list(_cleanups)
            _cleanups.clear()
        unfinished = [r for r in _jobs.values() if not r.done.is_set()]
        for proc in procs:  # a job still running (the run stopped early): stop its subprocess
            with contextlib.suppress(OSError):
                proc.kill()
        for cleanup in reversed(cleanups):
            with contextlib.suppress(Exception):
                cleanup()
        if unfinished:  # also the servers and browsers such a job started itself
            _stop_descendants()
        for running in _jobs.values():
            running.done.wait(30)
            shutil.rmtree(running.folder, ignore_errors=True)


def _stop_descendants() -> None:
    """Stop every process this one started that still runs (only when the run ended with a job
    unfinished: every fixture has been torn down by then, so none of them is still needed)."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
