"""Which sections of the source articles the course teaches, and where.

Every COURSE_MAP section is a row of ``sources.csv`` (kind = section). A section counts as
covered when a data row cites it in its ``source`` column or a notebook names its ID, so
the report tells a maintainer exactly which sections still have no lesson or data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ..data.loading import Course
from ..data.paths import NOTEBOOKS_DIR

SECTION_ID = re.compile(r"\bS00\d\.\d+\b")


def course_map_ids(course: Course) -> list[str]:
    """Every section ID of the source articles, in course order."""
    sections = course.sources[course.sources["kind"] == "section"]
    return sorted(sections["id"], key=lambda s: (s[:4], int(s.split(".")[1])))


def notebook_text(path: Path) -> str:
    """All cell sources of a notebook as one string (outputs excluded)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(cell.get("source", "")) for cell in nb.get("cells", []))


def coverage_report(course: Course, notebooks_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per section: its tags, the tables citing it and the notebooks naming it."""
    ids = course_map_ids(course)
    in_data: dict[str, set[str]] = {i: set() for i in ids}
    for name in course.names:
        if name == "sources":
            continue
        frame = course[name]
        for column in ("source", "citations"):
            if column not in frame.columns:
                continue
            for cell in frame[column]:
                for item in cell if isinstance(cell, tuple) else (cell,):
                    if item in in_data:
                        in_data[item].add(name)
    in_notebooks: dict[str, set[str]] = {i: set() for i in ids}
    folder = Path(notebooks_dir) if notebooks_dir is not None else NOTEBOOKS_DIR
    for nb in sorted(folder.glob("*.ipynb")):
        for found in SECTION_ID.findall(notebook_text(nb)):
            if found in in_notebooks:
                in_notebooks[found].add(nb.stem)
    tags = course.sources.set_index("id")["tags"]
    rows = [
        {
            "id": i,
            "tags": ";".join(tags[i]),
            "data_tables": ", ".join(sorted(in_data[i])),
            "notebooks": ", ".join(sorted(in_notebooks[i])),
            "covered": bool(in_data[i] or in_notebooks[i]),
            "taught": bool(in_notebooks[i]),
        }
        for i in ids
    ]
    return pd.DataFrame(rows)
