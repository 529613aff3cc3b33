"""The stored lessons read without a kernel (GitHub, the course website, JupyterLab before running).

Checked over every output stored in every notebook:

- no widget output lacks a static snapshot (``text/html`` next to the widget view), and no
  snapshot shows a widget's code-like repr (``VBox(children=...``);
- no table (an HTML ``<table>``) shows a Python tuple or list, a snake_case header, a
  safety code (``stop_refer``), a region code (``toe1``) or a float printed like ``4.500000``;
- every stored image (PNG output or ``<img>`` in a snapshot) has a non-empty alt text;
- the stored kernelspec is the one the course environment provides, so JupyterLab does not
  mark a lesson modified when it is only opened and read.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
TUPLE = re.compile(r"^[(\[]\s*'.*'\s*,?.*[)\]]$")
LONG_FLOAT = re.compile(r"^-?\d+\.\d{4,}$")
CODE_TEXT = re.compile(r"\b\w+\(children=\(")
SAFETY_CODES = {"stop_refer", "ask_clinician"}
REGION_CODE = re.compile(r"\btoe\d\b")


def _outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            yield index, output


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


class _Tables(HTMLParser):
    """Header and data cells of every table in an HTML fragment, and every image's alt."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.cells: list[str] = []
        self.alts: list[str | None] = []
        self._open: str | None = None
        self._buffer = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"th", "td"}:
            self._open, self._buffer = tag, ""
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"th", "td"} and self._open:
            (self.headers if self._open == "th" else self.cells).append(self._buffer.strip())
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer += data


def _tables(html: str) -> _Tables:
    parsed = _Tables()
    parsed.feed(html)
    return parsed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_widget_output_has_a_snapshot(path: Path) -> None:
    for index, output in _outputs(path):
        data = output.get("data", {})
        if WIDGET not in data:
            continue
        html = _text(data.get("text/html"))
        assert html.strip(), f"{path.name} cell {index}: a widget output without a text/html snapshot"
        assert not CODE_TEXT.search(html), f"{path.name} cell {index}: the snapshot shows widget code"
        assert not CODE_TEXT.search(_text(data.get("text/plain"))), f"{path.name} cell {index}: code-like text/plain"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_tables_are_written_for_people(path: Path) -> None:
    problems = []
    for index, output in _outputs(path):
        html = _text(output.get("data", {}).get("text/html"))
        if "<table" not in html:
            continue
        parsed = _tables(html)
        for header in parsed.headers:
            if SNAKE.match(header):
                problems.append(f"cell {index}: snake_case header {header!r}")
        for cell in parsed.cells:
            if TUPLE.match(cell):
                problems.append(f"cell {index}: Python list/tuple {cell[:60]!r}")
            if cell in SAFETY_CODES or SNAKE.match(cell):
                problems.append(f"cell {index}: internal code {cell!r}")
            if REGION_CODE.search(cell):
                problems.append(f"cell {index}: region code in {cell[:60]!r}")
            if LONG_FLOAT.match(cell):
                problems.append(f"cell {index}: unrounded number {cell!r}")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_image_has_alt_text(path: Path) -> None:
    for index, output in _outputs(path):
        data = output.get("data", {})
        if "image/png" in data and "text/html" not in data:
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert alt.strip(), f"{path.name} cell {index}: a figure without alt text"
        for alt in _tables(_text(data.get("text/html"))).alts:
            assert alt and alt.strip(), f"{path.name} cell {index}: an <img> without alt text"


def _course_kernelspec() -> dict[str, str]:
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {"name": "python3", "display_name": spec.display_name, "language": spec.language}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_kernelspec_matches_the_course_kernel(path: Path) -> None:
    # JupyterLab rewrites a differing kernelspec as soon as the kernel starts, which marks the
    # lesson as modified ("unsaved" dot) although the reader changed nothing.
    stored = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("kernelspec", {})
    assert stored == _course_kernelspec()
