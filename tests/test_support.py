"""The shared test helpers that decide whether a test may go on (tests/support.py)."""

from __future__ import annotations

import subprocess
import sys
import time

from browser_servers import free_port
from support import wait_until_listening


def test_waits_for_a_server_that_starts_and_gives_up_on_one_that_exits() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until_listening(port, server, 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
    exits = subprocess.Popen([sys.executable, "-c", "pass"])
    start = time.monotonic()
    assert not wait_until_listening(free_port(), exits, 30)
    assert time.monotonic() - start < 10  # it noticed the exit; it did not wait out the limit
