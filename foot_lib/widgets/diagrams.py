"""Widgets for the diagrams: shape sliders (FootShapeExplorer) and "what is here?" (IdentifyExplorer).

Thin front-ends over the core (:mod:`foot_lib.drawing.chart`, :mod:`foot_lib.geometry.identify`): they own
their state, draw into an ``ipywidgets.Image`` (PNG bytes, so it works in JupyterLab, Voilà
and headless tests alike) and write text with ``Output.append_stdout``-free HTML widgets.
Click coordinates are not available from a plain image, so the identify tool uses two
sliders (across / along the foot) and a foot toggle; the chart shows a cross-hair there.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np

from ..drawing.chart import draw_chart
from ..geometry.foot_shape import TOE_PATTERNS, FootShape
from ..geometry.identify import zones_at
from ..geometry.placement import to_chart


class FootShapeExplorer(widgets.VBox):
    """Sliders for the foot's shape; the chart (zones included) is redrawn on every change."""

    def __init__(self, course: Any, shape: FootShape | None = None, *, view: str = "plantar",
                 zones: Any = None, labels: bool = False, **chart_kwargs: Any) -> None:
        self.course = course
        base = shape or FootShape.from_course(course)
        self.chart_kwargs = {"view": view, "zones": zones, "labels": labels, "legend": False, **chart_kwargs}
        style = {"description_width": "9em"}
        layout = widgets.Layout(width="26em")
        self.arch = widgets.FloatSlider(value=base.arch, min=0, max=1, step=0.05,
                                        description="Arch (flat→high)", style=style, layout=layout)
        self.width_ratio = widgets.FloatSlider(value=base.width_ratio, min=0.3, max=0.48, step=0.01,
                                               description="Width / length", style=style, layout=layout)
        self.hallux_angle = widgets.FloatSlider(value=base.hallux_angle, min=0, max=40, step=1,
                                                description="Big-toe angle (°)", style=style, layout=layout)
        self.toe_pattern = widgets.Dropdown(options=list(TOE_PATTERNS), value=base.toe_pattern,
                                            description="Toe pattern", style=style, layout=layout)
        self.view = widgets.Dropdown(options=["plantar", "dorsal", "medial"], value=view,
                                     description="View", style=style, layout=layout)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="640px"))
        self.caption = widgets.HTML()
        self._base = base
        for w in (self.arch, self.width_ratio, self.hallux_angle, self.toe_pattern, self.view):
            w.observe(self._update, names="value")
        controls = widgets.VBox([self.arch, self.width_ratio, self.hallux_angle, self.toe_pattern, self.view])
        super().__init__([controls, self.image, self.caption])
        self._update()

    @property
    def shape(self) -> FootShape:
        return self._base.replace(arch=self.arch.value, width_ratio=self.width_ratio.value,
                                  hallux_angle=self.hallux_angle.value, toe_pattern=self.toe_pattern.value)

    def refresh(self) -> None:
        """Redraw the chart from the current controls (e.g. after matplotlib's fonts changed)."""
        self._update()

    def _update(self, _change: Any = None) -> None:
        kwargs = dict(self.chart_kwargs, view=self.view.value)
        self.chart = draw_chart(self.course, self.shape, **kwargs)
        self.image.value = self.chart.render_png(dpi=70)
        self.caption.value = f"<small>{html.escape(self.chart.alt_text)}</small>"


class IdentifyExplorer(widgets.VBox):
    """Pick a point with two sliders and a foot toggle; lists the zones the charts put there."""

    def __init__(self, course: Any, shape: FootShape | None = None, *, view: str = "plantar") -> None:
        self.course = course
        self.chart = draw_chart(course, shape, view=view, labels=False, legend=False)
        style = {"description_width": "9em"}
        self.u = widgets.FloatSlider(value=0.42, min=0, max=1, step=0.01, style=style,
                                     description="Across (inner→outer)")
        self.v = widgets.FloatSlider(value=0.6, min=0, max=1, step=0.01, style=style,
                                     description="Along (heel→toes)")
        self.foot = widgets.ToggleButtons(options=list(self.chart.feet), value=self.chart.feet[0],
                                          description="Foot")
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="560px"))
        self.answer = widgets.HTML()
        for w in (self.u, self.v, self.foot):
            w.observe(self._update, names="value")
        super().__init__([widgets.HBox([widgets.VBox([self.u, self.v]), self.foot]), self.image, self.answer])
        self._update()

    def identify(self) -> Any:
        """The zones at the current point (DataFrame from :func:`foot_lib.zones_at`)."""
        return zones_at(self.course, (self.u.value, self.v.value), shape=self.chart.shape,
                        view=self.chart.view, foot=self.foot.value, include_regions=True)

    def _update(self, _change: Any = None) -> None:
        shape, view = self.chart.shape, self.chart.view
        xy = to_chart(shape.uv_to_xy(np.array([[self.u.value, self.v.value]]), view), self.foot.value, view, shape)
        self.chart.set_marker(*xy[0])
        self.image.value = self.chart.render_png(dpi=70)
        found = self.identify()
        zones = found[found["kind"] == "zone"]
        regions = found[found["kind"] == "region"]
        where = ", ".join(regions["body_part"]) or "off the charted areas"
        if zones.empty:
            items = "<li>No charted zone here.</li>"
        else:
            items = "".join(f"<li>{html.escape(r.body_part)} — {html.escape(r.chart)} chart "
                            f"({html.escape(', '.join(r.source))})</li>" for r in zones.itertuples())
        self.answer.value = (f"<b>Area:</b> {html.escape(where)}<br><b>What charts place here:</b><ul>{items}</ul>"
                             "<small>A chart is a tradition. A tender spot here says nothing about an organ "
                             "(tested and refuted: white2000, baerheim1998).</small>")
