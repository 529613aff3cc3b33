"""The oil calculator widget: two sliders (feet, sessions) and the scaled recipe below them.

All arithmetic is :func:`foot_lib.content.preparation.scale_oil_recipe`; this module only lays out
controls and redraws the table. The table goes into an ``Output`` widget by replacing its
outputs (``out.outputs = ()`` then ``append_display_data``), never by printing inside it,
so stored notebook outputs stay stable under nbval and tests can read what a learner sees.
Sliders are keyboard controls: Tab reaches them, the arrow keys change the value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from ..content.preparation import oil_summary, scale_oil_recipe
from ..drawing.tables import oil_table
from .snapshot import esc, run_note, with_snapshot

if TYPE_CHECKING:  # pragma: no cover
    from ..data.loading import Course

_COLUMNS = ["ingredient", "amount", "unit", "ml", "percent", "capped", "alternatives"]


class OilCalculator(widgets.VBox):
    """S002.19's massage oil for any number of feet and sessions: ``OilCalculator(course)``.

    ``feet`` and ``sessions`` are IntSliders; each change recomputes :attr:`frame` (the
    scaled recipe) and rewrites :attr:`out` and the :attr:`summary` line.
    """

    def __init__(
        self, course: Course, *, feet: int = 2, sessions: int = 1, max_feet: int = 4, max_sessions: int = 14
    ) -> None:
        self.course = course
        style = {"description_width": "initial"}
        self.feet = widgets.IntSlider(
            value=feet, min=1, max=max_feet, step=1, description="Feet:", style=style,
            continuous_update=False, layout=widgets.Layout(width="420px"),
        )
        self.sessions = widgets.IntSlider(
            value=sessions, min=1, max=max_sessions, step=1, description="Sessions:", style=style,
            continuous_update=False, layout=widgets.Layout(width="420px"),
        )
        self.summary = widgets.HTML("")
        self.summary.add_class("foot-oil-summary")
        self.out = widgets.Output()
        self.frame: pd.DataFrame = pd.DataFrame()
        intro = widgets.HTML(
            "<b>Massage-oil calculator</b> (S002.19). Use Tab to reach a slider and the arrow keys to change it."
        )
        self.feet.observe(self._changed, names="value")
        self.sessions.observe(self._changed, names="value")
        super().__init__([intro, self.feet, self.sessions, self.summary, self.out])
        self.update()

    def snapshot_html(self) -> str:
        """The recipe at the sliders' current (starting) values, its notes, and how to change them."""
        notes = "".join(f"<li><b>{esc(r.ingredient)}</b>: {esc(r.note)}</li>" for r in self.frame.itertuples())
        return (f"<p><b>Massage-oil calculator</b> (S002.19). {esc(oil_summary(self.frame))}</p>"
                f"{oil_table(self.frame, _COLUMNS).to_html()}<ul>{notes}</ul>"
                + run_note("move the Feet and Sessions sliders to scale the recipe"))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_snapshot(super()._repr_mimebundle_(**kwargs), self.snapshot_html(),
                             "Massage-oil calculator (sliders: feet, sessions)", "oil")

    def _changed(self, change: dict[str, Any]) -> None:
        self.update()

    def update(self) -> pd.DataFrame:
        """Recompute the recipe for the sliders' values and redraw the table."""
        self.frame = scale_oil_recipe(self.course, feet=self.feet.value, sessions=self.sessions.value)
        self.summary.value = f'<div role="status" aria-live="polite">{oil_summary(self.frame)}</div>'
        self.out.outputs = ()
        self.out.append_display_data(oil_table(self.frame, _COLUMNS))
        notes = "\n".join(f"- **{r.ingredient}**: {r.note}" for r in self.frame.itertuples())
        from IPython.display import Markdown

        self.out.append_display_data(Markdown(notes))
        return self.frame
