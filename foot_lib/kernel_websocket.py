"""A kernel websocket for Jupyter servers that sends small messages at once (``TCP_NODELAY``).

Why: a click on the routine player or the chart explorer sends about ten small widget
messages from the kernel to the browser. The Jupyter server writes them on a websocket
whose TCP socket keeps Nagle's algorithm on, so a small message can wait for the browser's
delayed acknowledgement (about 40 ms) before it leaves. Measured in Chromium against Voilà on
this course's player: the picture's arrival at the 90th percentile fell from 50 ms to 10 ms
with the option set. ``python3 course.py lab`` and ``python3 course.py present`` use this
class (``ServerApp.kernel_websocket_connection_class`` and
``Voila.kernel_websocket_connection_class``, both documented settings of those servers); a
class server can set the same option (docs/CLASS_SERVERS.md).
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

CLASS_PATH = "foot_lib.kernel_websocket.NoDelayWebsocketConnection"
"""The dotted name to give the servers' setting."""


class NoDelayWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The standard kernel websocket connection, with ``TCP_NODELAY`` on its socket."""

    def connect(self) -> Any:
        self.websocket_handler.set_nodelay(True)
        return super().connect()
