"""The shipped descriptor is a valid Frictionless Data Package, checked by the reference tool.

The README promises a standard data package, so other tools must be able to read it:
``frictionless`` (a test-only dependency) validates the descriptor and every table. What the
standard cannot say (rules on the items of a list column, foreign keys from a list column)
lives in namespaced ``footcourse:`` properties that the reference tool ignores and the
course's own loader enforces; both halves are tested here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foot_lib import DataError, load_course
from foot_lib.data.paths import SHIPPED_DATA_DIR
from foot_lib.data.schema import ITEM_CONSTRAINTS, LIST_FOREIGN_KEYS


def _schemas() -> dict[str, dict]:
    descriptor = json.loads((SHIPPED_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    return {
        r["name"]: json.loads((SHIPPED_DATA_DIR / r["schema"]).read_text(encoding="utf-8"))
        for r in descriptor["resources"]
    }


@pytest.mark.slow
def test_shipped_descriptor_passes_the_reference_validator() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(SHIPPED_DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:10]


def test_list_rules_are_only_in_the_namespaced_extension() -> None:
    for name, schema in _schemas().items():
        lists = {f["name"] for f in schema["fields"] if f.get("type") == "list"}
        for f in schema["fields"]:
            if f["name"] in lists:
                assert not {"enum", "pattern"} & set(f.get("constraints", {})), (name, f["name"])
            else:
                assert ITEM_CONSTRAINTS not in f, (name, f["name"])
        for fk in schema.get("foreignKeys", []):
            assert not set(fk["fields"]) & lists, (name, fk)
        for fk in schema.get(LIST_FOREIGN_KEYS, []):
            assert set(fk["fields"]) <= lists, (name, fk)
        for key in schema:
            assert ":" not in key or key.startswith("footcourse:"), (name, key)


def test_the_loader_enforces_the_extension(data_copy: Path) -> None:
    from support import edit_csv_row

    edit_csv_row(data_copy / "leg_cautions.csv", "varicose-veins", areas="calf;ankle;thigh")
    with pytest.raises(DataError, match="'ankle' is not allowed") as info:
        load_course(data_copy)
    assert (info.value.file, info.value.column) == ("data/leg_cautions.csv", "areas")
    edit_csv_row(data_copy / "leg_cautions.csv", "varicose-veins", areas="calf", source="S002.30;no-such-ref")
    with pytest.raises(DataError, match="unknown sources id 'no-such-ref'") as info:
        load_course(data_copy)
    assert info.value.column == "source"
