"""The servers of the click-timing browser tests: started when the run begins, ready when asked.

Why: the tests that time clicks (tests/test_browser.py, tests/test_browser_identify.py) run
last, on a machine the background jobs have left quiet, and each used to start its own Voilà or
JupyterLab server there, a few seconds each. Starting a server does not need a quiet machine;
the clicks do. So each server is started (``Popen``, which returns at once) right after
collection, from the main thread (so at the tests' own priority, not the background jobs'
lower one), and the test waits for it only when it needs it. The two JupyterLab tests share
one server (each opens its own notebook, with a kernel of its own); each Voilà app has its own
server, started exactly as before. Every server is stopped when the session ends.

A module declares a server with ``server(name, make)``; ``make(folder)`` gets a private
temporary folder and returns a ``Spec``. ``start_all()`` (tests/conftest.py, when a selected
test has the ``quiet`` marker) starts every declared server; ``Server.url()`` starts it if that
has not happened yet, waits until it answers, and returns the page's address.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import background

START_LIMIT_S = 120.0  # from Popen to answering; it usually takes a few seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Spec:
    """How to start one server: its command, where, and how to tell it is up."""

    args: list[str]
    cwd: Path
    url: str  # the address the test opens
    probe: str | None = None  # an HTTP address answering once the server is up; None: a TCP probe
    env: dict[str, str] = field(default_factory=dict)  # added to this process's environment


class Server:
    def __init__(self, name: str, make: Callable[[Path], Spec]) -> None:
        self.name = name
        self.make = make
        self.spec: Spec | None = None
        self.proc: subprocess.Popen | None = None
        self.folder: Path | None = None
        self.ready = False
        self.lock = threading.Lock()

    @property
    def log(self) -> Path:
        assert self.folder is not None
        return self.folder / "server.log"

    def start(self) -> None:
        with self.lock:
            if self.proc is not None:
                return
            self.folder = Path(tempfile.mkdtemp(prefix="foot-server-"))
            self.spec = self.make(self.folder)
            env = dict(os.environ, PYTHONUNBUFFERED="1", **self.spec.env)
            with self.log.open("wb") as sink:
                self.proc = subprocess.Popen(self.spec.args, cwd=self.spec.cwd, stdout=sink,
                                             stderr=subprocess.STDOUT, env=env)
            background.on_exit(self.stop)

    def url(self) -> str:
        """The page's address, once the server answers (started now if it was not yet)."""
        self.start()
        assert self.proc is not None and self.spec is not None
        with self.lock:
            if not self.ready:
                self._wait()
                self.ready = True
        return self.spec.url

    def _wait(self) -> None:
        assert self.proc is not None and self.spec is not None
        deadline = time.monotonic() + START_LIMIT_S
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name}: the server exited with {self.proc.returncode}; log:\n{self._tail()}")
            try:
                if self.spec.probe:
                    with urllib.request.urlopen(self.spec.probe, timeout=2):
                        return
                else:  # a TCP probe: a GET on Voilà's page would already start a kernel and run the notebook
                    port = int(self.spec.url.rsplit(":", 1)[1].split("/", 1)[0])
                    with socket.create_connection(("127.0.0.1", port), timeout=2):
                        return
            except OSError:
                if time.monotonic() > deadline:
                    message = f"{self.name}: no answer within {START_LIMIT_S:.0f} s; log:\n{self._tail()}"
                    raise RuntimeError(message) from None
                time.sleep(0.2)

    def _tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


_declared: list[Server] = []


def server(name: str, make: Callable[[Path], Spec]) -> Server:
    """Declare a server (not started yet)."""
    declared = Server(name, make)
    _declared.append(declared)
    return declared


def start_all() -> None:
    """Start every declared server without waiting for any of them."""
    for declared in _declared:
        declared.start()
