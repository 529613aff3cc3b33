"""Learner tables write their own HTML: it must be the pandas Styler's, byte for byte.

Why: :class:`foot_lib.content.table_style.LearnerTable` replaces ``Styler.to_html`` (and the
jinja2 import it needs) in every lesson table. These tests build random tables and every kind
of table the lessons show, and compare the two renderings.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foot_lib import evidence_table, load_course
from foot_lib.content.table_style import LearnerTable, styled_table
from foot_lib.content.tables import learner_table

TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"'é—;:\n0")), max_size=20)


@pytest.fixture(scope="module")
def course():
    return load_course()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="abc d&<", min_size=1, max_size=8), min_size=1, max_size=5, unique=True),
       st.integers(1, 6), st.data(), st.one_of(st.none(), TEXT))
def test_the_html_is_the_stylers(columns, rows, data, caption) -> None:
    frame = pd.DataFrame({c: data.draw(st.lists(TEXT, min_size=rows, max_size=rows)) for c in columns})
    table = styled_table(frame, caption)
    fast = table._html()
    assert fast is not None
    assert fast == table.styler.to_html()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.data())
def test_cell_colours_from_apply_are_the_stylers(rows, data) -> None:
    frame = pd.DataFrame({"a": ["x"] * rows, "evidence": ["y"] * rows, "b": ["a long value, wrapped"] * rows})
    choices = ["", "color: red", "background-color: #fff; color: #000; font-weight: bold", "color: red;", "a: b: c"]
    styles = data.draw(st.lists(st.sampled_from(choices), min_size=rows, max_size=rows))
    table = styled_table(frame).apply(lambda column: styles, subset=["evidence"], axis=0)
    assert isinstance(table, LearnerTable)
    assert table._html() == table.styler.to_html()


def test_every_kind_of_lesson_table_is_written_as_the_styler_writes_it(course) -> None:
    from foot_lib import contraindications_by_severity, routine_summary, techniques_frame

    claims = course.claims
    tables = [
        learner_table(course.zones.head(12), "Zones", course),
        learner_table(contraindications_by_severity(course), "Contraindications", course),
        learner_table(routine_summary(course), None, course),
        learner_table(techniques_frame(course), "Techniques", course),
        evidence_table(claims.head(8), course, caption="Claims"),
    ]
    for table in tables:
        assert table._html() is not None
        assert table.to_html() == table.styler.to_html()


def test_a_styler_method_turns_it_into_that_styler(course) -> None:
    """``table(...).format(na_rep="—")`` is the Styler's own: from then on it renders via pandas."""
    frame = pd.DataFrame({"a": ["1", "2"], "b": [("x", "y"), None]}, dtype=object)
    table = styled_table(frame, "t")
    assert table._html() is None  # a tuple in a cell: only the Styler knows how it shows
    styler = table.format(na_rep="—")
    assert "—" in styler.to_html()
    assert table.to_html() == styler.to_html()  # from then on the table shows as its Styler


def test_ipython_probing_for_other_formats_builds_no_styler() -> None:
    table = styled_table(pd.DataFrame({"a": ["1"]}))
    for name in ("_repr_latex_", "_repr_markdown_", "_repr_json_", "_ipython_display_", "_repr_mimebundle_"):
        assert getattr(table, name, None) is None
    assert "_styler" not in table.__dict__
    assert table._repr_html_() == table.styler.to_html()


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.data())
def test_numbers_and_flags_are_shown_as_the_styler_shows_them(rows, data) -> None:
    """Evidence tables keep some columns as they are (a point's number): whole numbers,
    decimals and yes/no flags read as pandas' default formatter writes them."""
    import numpy as np

    frame = pd.DataFrame({
        "no.": data.draw(st.lists(st.integers(-10**6, 10**6), min_size=rows, max_size=rows)),
        "share": data.draw(st.lists(st.one_of(st.floats(-1e6, 1e6), st.just(float("nan"))), min_size=rows,
                                    max_size=rows)),
        "flag": data.draw(st.lists(st.booleans(), min_size=rows, max_size=rows)),
        "text": data.draw(st.lists(TEXT, min_size=rows, max_size=rows)),
    })
    frame["count"] = np.arange(rows, dtype=np.int64)
    table = styled_table(frame, "numbers")
    assert table._html() is not None
    assert table._html() == table.styler.to_html()
