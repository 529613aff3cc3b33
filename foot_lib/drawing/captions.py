"""A chart's words: one short visible caption, and the long description for its alt text.

Why two: a sighted learner needs a one-line caption under the figure; a screen-reader user
needs everything the picture shows (what is where, on which foot). Both are built from what
was actually drawn, in plain names — never internal ids such as ``spine-sacrum-medial`` or
``toe1`` — and each item is named once.
"""

from __future__ import annotations

from typing import Any

import numpy as np

VIEW_WORDS = {"plantar": "soles", "dorsal": "tops of the feet", "medial": "inner edges", "lateral": "outer edges"}
_DISCLAIMER = ("A chart records what a reflexology tradition teaches; it is not evidence that the foot is linked "
               "to these organs.")


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _who(chart: Any) -> str:
    return "both feet" if len(chart.feet) == 2 else f"the {chart.feet[0]} foot"


def caption(chart: Any) -> str:
    """One short sentence for under the figure."""
    opts = chart.options
    where = VIEW_WORDS[chart.view]
    if opts.get("regions_only"):
        hl = _highlight_names(chart)[0]
        return (f"{chart.title or 'Foot areas'}: {_join(hl)} highlighted." if hl
                else f"{chart.title or 'Foot areas'}.")
    if opts.get("disagreements"):
        parts = list(opts["disagreements"])
        what = _join(parts) if len(parts) <= 4 else "the same organ differently"
        return f"Where the sources place {what}: one outline per placement, named with its sources."
    if not chart.areas:
        return f"Outline of the {where}, {_who(chart)}, without zones."
    what = ("the common reflexology chart" if chart.school == "common" else
            f"the placements given by {chart.source}" if chart.source else
            f"the {chart.school} chart" if chart.school else "the chosen zones")
    numbered = " Numbered areas are named beside each foot." if chart.callouts else ""
    return f"{what[0].upper()}{what[1:]} on the {where} of {_who(chart)}.{numbered}"


def _highlight_names(chart: Any) -> tuple[list[str], list[str]]:
    zones = _zones(chart)
    zone_drawn = {it.target for it in chart._zone_items}
    region_drawn = {it.target for it in chart._region_items}
    names, missing = [], []
    for h in chart.state.highlight:
        if h in zone_drawn:
            names.append(f"{zones.loc[h, 'body_part']} zone")
        elif h in region_drawn:
            names.append(chart._region_labels.get(h, h).lower())
        else:
            missing.append(_plain_name(chart, h))
    return list(dict.fromkeys(names)), list(dict.fromkeys(missing))


def _zones(chart: Any) -> Any:
    if chart._zones_by_id is None:  # indexed once per chart: alt text is rebuilt on every change
        chart._zones_by_id = chart.course.zones.set_index("id", drop=False)
    return chart._zones_by_id


def _plain_name(chart: Any, ident: str) -> str:
    """A zone's body part, a region's label, or the id made readable (never the raw id)."""
    zones = _zones(chart)
    if ident in zones.index:
        z = zones.loc[ident]
        where = {"medial": "inner edge", "lateral": "outer edge", "dorsal": "top of the foot",
                 "plantar": "sole", "leg": "leg"}.get(z["surface"], z["surface"])
        return f"{z['body_part']} ({where})"
    course = chart.course
    if "regions" in course:
        labels = dict(zip(course.regions["id"], course.regions["label"], strict=True))
        if ident in labels:
            return labels[ident].lower()
    return ident.replace("-", " ")


def alt_text(chart: Any) -> str:
    """Everything the chart shows, in sentences, for the image's alt text."""
    course, view, feet = chart.course, chart.view, chart.feet
    who = ("the left and right feet side by side (left foot on the left, big toes towards the middle)"
           if len(feet) == 2 else f"the {feet[0]} foot")
    seen = VIEW_WORDS[view].replace("soles", "sole side")
    title = f"{chart.title}. " if chart.title else ""  # a routine step's picture has no title
    parts = [f"{title}Outline of {who}, seen from the {seen}; foot shape: {chart.shape.describe()}."]
    opts = chart.options
    if opts.get("regions_only"):
        parts.append("No reflex zones are drawn; the outline shows foot areas only.")
    elif chart.areas:
        if chart.school == "common":
            parts.append("One placement per organ, as common wall charts draw it; areas do not overlap except "
                         "where the tradition draws one inside another.")
        if chart.callouts:
            for foot in feet:
                entries = chart.legend_entries(foot)
                if entries:
                    parts.append(f"{foot.capitalize()} foot, numbered from the toes to the heel: "
                                 + "; ".join(f"{n} {t}" for n, t in entries) + ".")
        else:
            parts.append("Areas drawn: " + _join([a.label for a in chart.areas]) + ".")
        one_sided: dict[str, list[str]] = {}
        for a in chart.areas:
            if a.foot != "both":
                one_sided.setdefault(a.foot, []).append(a.label)
        if one_sided and len(feet) == 2:
            parts.append("On one foot only: " + "; ".join(f"{_join(v)} ({k})" for k, v in one_sided.items()) + ".")
        systems = dict(zip(course.body_systems["id"], course.body_systems["label"], strict=True))
        used = list(dict.fromkeys(a.system for a in chart.areas))
        if opts.get("color_by"):
            parts.append("Colours show the body system: " + _join([systems.get(s, s) for s in used]) + ".")
    dis = opts.get("disagreements") or []
    if dis:
        zones = _zones(chart)
        lines = []
        for bp in dis:
            rows = zones[zones["body_part"] == bp]
            where = "; ".join(f"{r.location.split(';')[0].split(',')[0]} ({', '.join(r.source)})"
                              for r in rows.itertuples())
            lines.append(f"{bp}: {len(rows)} placements — {where}")
        parts.append("Sources disagree: " + " | ".join(lines) + ".")
    if opts.get("guidelines") and view == "plantar":
        parts.append("Dashed guidelines across each sole: shoulder line, diaphragm line, waistline, heel line "
                     "and the tendon line.")
    if opts.get("fitzgerald") and view == "plantar":
        parts.append("Dotted outlines show Fitzgerald's five longitudinal zones per foot, numbered 1 "
                     "(big-toe side) to 5 (little-toe side).")
    if chart.state.highlight:
        names, missing = _highlight_names(chart)
        if names:
            parts.append("Highlighted: " + ", ".join(names) + ".")
        if missing:
            parts.append("Not visible in this view: " + ", ".join(missing) + ".")
    if chart.state.emphasis:
        parts.append(f"The {chart.state.emphasis} foot is emphasised; the other is faded.")
    if chart.state.arrows:
        descr = []
        for a in chart.state.arrows:
            path = np.asarray(a.get("path") or [], float).reshape(-1, 2)
            if len(path) >= 2:
                d = "towards the toes" if path[-1, 1] > path[0, 1] else "towards the heel"
                descr.append(f"{a.get('label') or 'stroke'} on the {a.get('foot', 'both')} foot, {d}")
        if descr:
            parts.append("Arrows: " + "; ".join(dict.fromkeys(descr)) + ".")
    if not opts.get("regions_only"):
        parts.append(_DISCLAIMER)
    return " ".join(parts)
