"""The kernel websocket that turns off Nagle's algorithm (foot_lib/kernel_websocket.py)."""

from __future__ import annotations

import importlib

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from foot_lib import kernel_websocket


class _Handler:
    def __init__(self) -> None:
        self.nodelay: bool | None = None

    def set_nodelay(self, value: bool) -> None:
        self.nodelay = value


def test_the_dotted_name_is_the_class() -> None:
    module, name = kernel_websocket.CLASS_PATH.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)
    assert cls is kernel_websocket.NoDelayWebsocketConnection
    assert issubclass(cls, ZMQChannelsWebsocketConnection)


def test_connect_sets_nodelay_before_the_standard_connect(monkeypatch) -> None:
    seen: list[bool | None] = []
    handler = _Handler()
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: seen.append(handler.nodelay) or "ok")
    conn = kernel_websocket.NoDelayWebsocketConnection.__new__(kernel_websocket.NoDelayWebsocketConnection)
    monkeypatch.setattr(kernel_websocket.NoDelayWebsocketConnection, "websocket_handler", handler, raising=False)
    assert conn.connect() == "ok"
    assert seen == [True]
