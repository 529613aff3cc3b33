"""course.py, the README's commands: ``test --quick`` becomes a marker selection; plain ``test`` runs all."""

from __future__ import annotations

import importlib.util

import pytest

from foot_lib.data.paths import REPO_DIR


@pytest.fixture
def course_py(monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[list[str]]]:
    spec = importlib.util.spec_from_file_location("course_cli", REPO_DIR / "course.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calls: list[list[str]] = []
    monkeypatch.setattr(module, "run", lambda argv, *a, **k: calls.append(argv) or 0)
    return module, calls


def test_quick_selects_by_marker(course_py) -> None:
    module, calls = course_py
    assert module.main(["test", "--quick", "-x", "tests/test_quiz.py"]) == 0
    assert calls == [["-m", "pytest", "-m", "not browser and not hub and not slow", "-x", "tests/test_quiz.py"]]


def test_plain_test_runs_everything(course_py) -> None:
    module, calls = course_py
    assert module.main(["test"]) == 0
    assert calls == [["-m", "pytest"]]


def test_servers_send_kernel_messages_at_once(course_py) -> None:
    """lab and present start their servers with the no-delay kernel websocket."""
    from foot_lib.kernel_websocket import CLASS_PATH

    module, calls = course_py
    assert module.NODELAY == CLASS_PATH  # course.py spells it out: it runs before foot_lib is installed
    assert f"--ServerApp.kernel_websocket_connection_class={module.NODELAY}" in module.lab_args()
    assert module.main(["present"]) == 0
    assert f"--Voila.kernel_websocket_connection_class={module.NODELAY}" in calls[-1]
