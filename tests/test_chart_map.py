"""The reflex chart a learner can read: one map at a time, every area labelled on its foot,
colours that show, captions without internal ids, and zone texts that match their shapes.

shapely is a test-only dependency (polygon overlaps); the course itself never imports it.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from shapely.geometry import Polygon
from shapely.ops import unary_union

from foot_lib import FootShape, draw_chart, load_course
from foot_lib.drawing.labels import segments_cross
from foot_lib.drawing.style import LARGE, NORMAL, VISION, blend, contrast_ratio, delta_e, simulate_cvd
from foot_lib.geometry.foot_shape import TOP_VIEWS
from foot_lib.geometry.maps import map_areas, map_sources, school_area_rows
from foot_lib.geometry.zone_geometry import zone_shapes

SHAPES = {"default": FootShape(), "flat, bunion": FootShape(arch=0.05, hallux_angle=35),
          "greek, narrow": FootShape(toe_pattern="greek", width_ratio=0.33)}
CHARTS = {
    "sole": {}, "top": {"view": "dorsal"}, "inner": {"view": "medial"}, "outer": {"view": "lateral"},
    "source S003.11": {"source": "S003.11"}, "Su Jok": {"school": "su-jok"},
    "disagreements": {"disagreements": True}, "left only": {"feet": ("left",)},
    "large": {"style": "large"},
}


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def charts(course):
    return {name: draw_chart(course, **kw) for name, kw in CHARTS.items()}


def _geom(polys) -> Polygon:
    return unary_union([Polygon(p).buffer(0) for p in polys])


# -- 1. one map at a time ---------------------------------------------------------------------
@pytest.mark.parametrize("shape_name", list(SHAPES))
@pytest.mark.parametrize("view", ["plantar", "dorsal", "medial", "lateral"])
def test_common_map_has_no_overlaps_beyond_declared_nesting(course, view, shape_name) -> None:
    """On the default map two areas overlap only where one is declared inside the other."""
    chart = draw_chart(course, SHAPES[shape_name], view=view, labels=False, legend=False)
    geoms: dict[tuple[str, str], Polygon] = {}
    for area, foot, poly in chart._area_polys:
        key = (area.id, foot)
        geoms[key] = _geom([poly]) if key not in geoms else geoms[key].union(_geom([poly]))
    within = {a.id: set(a.within) for a in chart.areas}
    # where the toes themselves overlap (a big toe turned over the second), so may their areas
    crowded = {}
    for foot in chart.feet:
        toes = [_geom([chart.place(p, foot)]) for k, p in chart.shape.parts(view).items() if k.startswith("toe")]
        crowded[foot] = unary_union([a.intersection(b) for a, b in itertools.combinations(toes, 2)] or [Polygon()])
    for (a, fa), (b, fb) in itertools.combinations(geoms, 2):
        if fa != fb or b in within[a] or a in within[b]:
            continue
        shared = geoms[(a, fa)].intersection(geoms[(b, fb)]).difference(crowded[fa]).area
        smaller = min(geoms[(a, fa)].area, geoms[(b, fb)].area)
        assert shared <= 0.03 * smaller, f"{a} and {b} overlap by {shared / smaller:.0%} on the {fa} foot"


def test_default_map_draws_one_placement_per_organ(course) -> None:
    chart = draw_chart(course)
    assert chart.school == "common"
    parts = [course.zones.set_index("id").loc[z, "body_part"] for z in chart.zone_ids]
    assert len(parts) == len(set(parts)), "an organ placed twice on the common chart"
    # the examples: one heart (left foot), one liver (right foot)
    on = {(a.label, a.foot) for a in chart.areas}
    assert ("heart", "left") in on and ("liver", "right") in on


def test_every_school_area_lies_inside_its_zones_own_shapes(course) -> None:
    """The common chart trims placements; it never moves an area somewhere its sources did not."""
    shape = FootShape()
    own = {}
    for r in zone_shapes(course):
        own.setdefault((r.target, r.view), []).extend(r.polygons(shape))
    areas = {r["id"]: r for r in course.school_areas.to_dict("records")}
    for row in school_area_rows(course):
        g = _geom(row.polygons(shape))
        zones = _geom([p for z in areas[row.row_id]["zones"] for p in own[(z, row.view)]])
        assert g.intersection(zones).area >= 0.9 * g.area, row.row_id


def test_school_and_source_choice(course) -> None:
    s11 = draw_chart(course, source="S003.11", labels=False)
    zones = course.zones.set_index("id")
    assert s11.zone_ids and all("S003.11" in zones.loc[z, "source"] for z in s11.zone_ids)
    art = {a.zones[0] for a in map_areas(course, source="art003")}
    assert art >= set(s11.zone_ids)
    su = draw_chart(course, school="su-jok", labels=False)
    assert set(su.zone_ids) == set(zones.index[zones["chart"] == "su-jok"])
    assert "S003.11" in map_sources(course)
    with pytest.raises(KeyError):
        draw_chart(course, school="no-such-school")
    # alternatives only on the disagreement view: eyes has several placements, the map one
    eyes = set(zones.index[zones["body_part"] == "eyes"])
    assert len(eyes & set(draw_chart(course).zone_ids)) == 1
    assert eyes <= set(draw_chart(course, disagreements="eyes").zone_ids)


# -- 2. labels that read ----------------------------------------------------------------------
@pytest.mark.parametrize("name", list(CHARTS))
def test_every_drawn_area_is_labelled_once_on_its_foot(charts, name) -> None:
    chart = charts[name]
    assert chart.areas
    for foot in chart.feet:
        drawn = {a.id for a, f, _ in chart._area_polys if f == foot}
        called = {c.key for c in chart.callouts if c.foot == foot}
        assert drawn == called, f"{name}, {foot} foot: unlabelled {drawn - called}"
        entries = chart.legend_entries(foot)
        names = [t for _, t in entries]
        assert len(names) == len(set(names)), f"{name}: a name twice in the {foot} foot's legend"
        numbers = {c.number for c in chart.callouts if c.foot == foot}
        assert numbers == {n for n, _ in entries}, "every call-out number is in its foot's legend"


def test_zones_on_both_feet_are_labelled_on_both(charts, course) -> None:
    chart = charts["sole"]
    for area in chart.areas:
        if area.foot == "both":
            assert {c.foot for c in chart.callouts if c.key == area.id} == {"left", "right"}, area.label
    # the same area has the same number on both feet
    by_key: dict[str, set[int]] = {}
    for c in chart.callouts:
        by_key.setdefault(c.key, set()).add(c.number)
    assert all(len(v) == 1 for v in by_key.values())


@pytest.mark.parametrize("name", list(CHARTS))
def test_callouts_do_not_overlap_and_leaders_never_cross(charts, name) -> None:
    chart = charts[name]
    per_pt = (chart.xlim[1] - chart.xlim[0]) / (chart.get_position()[2] * chart.figure.get_figwidth() * 72)
    radius = 0.7 * chart.style.size("callout") * per_pt
    xy = np.array([c.xy for c in chart.callouts])
    d = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(axis=2)) + np.eye(len(xy)) * 1e9
    assert d.min() >= 2 * radius * 0.99, "two call-out discs overlap"
    leaders = [(np.array(c.xy), np.array(c.anchor)) for c in chart.callouts if c.leader]
    for a, b in itertools.combinations(leaders, 2):
        assert not segments_cross(a, b)


def test_labels_are_as_large_as_body_text_and_inside_the_figure(charts) -> None:
    for chart in charts.values():
        assert chart.style.size("legend") >= 9 and chart.style.size("callout") >= 8
        box = chart.figure.bbox
        per_point = chart.figure.dpi / 72
        for x, left, right in chart._text_extents:
            px = chart.transData.transform((x, 0.0))[0]
            assert px + left * per_point >= box.x0 - 0.5 and px + right * per_point <= box.x1 + 0.5
    assert charts["large"].style.size("legend") > 1.4 * charts["sole"].style.size("legend")


# -- 3. colours that show -----------------------------------------------------------------------
@pytest.mark.parametrize("style", [NORMAL, LARGE], ids=["normal", "large"])
def test_every_fill_shows_on_the_skin_and_differs_from_the_others(course, style) -> None:
    """Each body-system fill, as drawn (blended onto the skin), keeps a luminance contrast of at
    least 1.7:1 with the skin for normal vision and full protan, deutan and tritan deficiency;
    area borders keep 7:1 (WCAG non-text contrast is met by the border); any two fills differ
    by a CIE ΔE of at least 9 under each vision, with hatches as the second channel in print."""
    colours = dict(zip(course.body_systems["id"], course.body_systems["colour"], strict=True))
    hatches = dict(zip(course.body_systems["id"], course.body_systems["hatch"], strict=True))
    skin = blend(style.skin, 1.0, style.skin)
    fills = {k: blend(c, style.fill_alpha, style.skin) for k, c in colours.items()}
    for vision in VISION:
        s = simulate_cvd(skin, vision)
        for k, f in fills.items():
            ratio = contrast_ratio(simulate_cvd(f, vision), s)
            assert ratio >= 1.7, f"{k} fill vs skin {ratio:.2f} ({vision})"
        for (a, fa), (b, fb) in itertools.combinations(fills.items(), 2):
            de = delta_e(simulate_cvd(fa, vision), simulate_cvd(fb, vision))
            assert de >= 9, f"{a} vs {b}: ΔE {de:.1f} ({vision})"
    assert contrast_ratio(style.area_edge, style.skin) >= 7
    assert len(set(hatches.values())) == len(hatches) and all(hatches.values())


# -- 7. captions ------------------------------------------------------------------------------
def _ids(course) -> set[str]:
    """Ids a learner would not write: hyphenated ones (``spine-sacrum-medial``) and ``toe1``...;
    one-word ids such as ``heart`` are also the plain name and may appear."""
    ids = set(course.zones["id"]) | set(course.school_areas["id"]) | set(course.regions["id"])
    return {i for i in ids if "-" in i} | {f"toe{i}" for i in range(1, 6)}


@pytest.mark.parametrize("name", list(CHARTS))
def test_captions_are_short_and_alt_text_has_no_ids_or_repeats(charts, course, name) -> None:
    chart = charts[name]
    chart.set_highlight(["spine-sacrum-medial", "kidneys-mid-arch", "heel"])
    try:
        for text in (chart.caption, chart.alt_text):
            words = set(re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", text))
            assert not words & _ids(course), f"internal ids in {text!r}"
            for sentence in re.split(r"[.:;|]", text):
                items = [i.strip() for i in sentence.split(",") if i.strip()]
                assert len(items) == len(set(items)), f"repeated item in {sentence!r}"
        assert len(chart.caption) <= 160 and chart.caption.count(". ") <= 1
    finally:
        chart.set_highlight([])


# -- issue 11, item 17: stated positions against the shapes -------------------------------------
# Where each zone's description puts it along the foot, as a fraction of foot length from the heel
# (0) to the tip of the big toe (1). The descriptions themselves speak in anatomical words (ball, arch,
# heel, toe numbers) for learners; these figures are what those words mean on the course's default
# foot, and the drawn shapes must agree with them.
STATED_ALONG: dict[str, tuple[float, ...]] = {
    "brain-big-toe-pad": (0.82, 1.0),
    "pituitary-big-toe-centre": (0.92,),
    "hypothalamus-big-toe-edge": (0.86, 0.98),
    "neck-big-toe-base": (0.78, 0.82),
    "head-toe-tips": (0.82, 1.0),
    "eyes-crease-toes-2-3": (0.78, 0.8),
    "eyes-base-toes-2-4": (0.73, 0.83),
    "ears-base-toes-4-5": (0.7, 0.74),
    "ears-base-toes-3-5": (0.68, 0.8),
    "ears-front-outer-sole": (0.65, 0.78),
    "teeth-toes": (0.7, 1.0),
    "gums-toes": (0.7, 1.0),
    "lungs-below-eye-crease": (0.72, 0.76),
    "lungs-ball": (0.63, 0.78),
    "bronchi-front-outer-sole": (0.65, 0.78),
    "throat-front-outer-sole": (0.65, 0.78),
    "trachea-front-outer-sole": (0.65, 0.78),
    "heart-left-arch-front": (0.55, 0.64),
    "heart-both-feet-ball": (0.62, 0.68),
    "shoulder-little-toe-joint": (0.63, 0.69),
    "thyroid-medial-edge": (0.66, 0.72),
    "parathyroid-medial-ball": (0.73, 0.76),
    "pancreas-medial-edge": (0.48, 0.55),
    "liver-right-arch-start": (0.5, 0.63),
    "liver-right-arch-deep": (0.4, 0.5),
    "liver-beside-kidney-right": (0.45,),
    "gallbladder-right-upper-arch": (0.55,),
    "stomach-mid-arch": (0.42, 0.52),
    "stomach-left-upper-arch": (0.5, 0.62),
    "spleen-left-upper-arch": (0.52, 0.62),
    "solar-plexus-mid-arch": (0.45, 0.55),
    "adrenals-mid-arch": (0.49, 0.52),
    "kidneys-mid-arch": (0.42, 0.48),
    "intestines-mid-arch": (0.4, 0.52),
    "intestines-lower-arch": (0.25, 0.42),
    "intestines-arch-heel-junction": (0.25, 0.3),
    "bladder-medial-lower-arch": (0.25, 0.32),
    "urinary-tract-arch-centre": (0.45,),
    "head-outer-foot-metatarsals-4-5": (0.55, 0.65),
    "sleep-front-of-arch": (0.6,),
    "spine-medial-edge": (0.0, 1.0),
    "spine-arch": (0.25, 0.63),
    "spine-cervical-medial": (0.78, 0.95),
    "spine-thoracic-medial": (0.55, 0.78),
    "spine-lumbar-medial": (0.28, 0.55),
    "spine-sacrum-medial": (0.03, 0.28),
    "reproductive-organs-heel-centre": (0.1, 0.18),
    "ovaries-heel-centre": (0.1, 0.18),
    "testes-heel-centre": (0.1, 0.18),
    "sciatic-nerve-heel-band": (0.04, 0.12),
    "sciatic-nerve-outer-heel": (0.05, 0.2),
    "pelvis-heel": (0.0, 0.25),
    "lower-back-heel": (0.0, 0.25),
    "lymph-drainage-dorsal": (0.45, 0.78),
}
_TOES = re.compile(r"(?:centred (?:under|between)[^,;.]*?|under (?:the )?)(?:toes )?(\d)(?:st|nd|rd|th)?"
                   r"(?: toes?)?\s*(?:-|and|to)\s*(\d)(?:st|nd|rd|th)?")


def test_zone_texts_match_their_shapes(course) -> None:
    """Where a zone's description places it along the foot (held in STATED_ALONG) or across it
    ("centred under toes 2-3"), the drawn shape must agree."""
    shape = FootShape()
    B, L = shape.breadth, shape.length
    locs = dict(zip(course.zones["id"], course.zones["location"], strict=True))
    problems = []
    for r in zone_shapes(course):
        text, pts = locs[r.target], np.vstack(r.polygons(shape))
        along = (pts[:, 1] if r.view in TOP_VIEWS else pts[:, 0]) / L
        lo, hi = along.min(), along.max()
        stated = STATED_ALONG.get(r.target, ())
        if len(stated) == 2:
            a, b = stated
            if lo < a - 0.03 or hi > b + 0.03 or hi - lo < 0.3 * (b - a):
                problems.append(f"{r.row_id}: stated {a}-{b}, shape {lo:.3f}-{hi:.3f}")
        elif stated and not lo - 0.02 <= stated[0] <= hi + 0.02:
            problems.append(f"{r.row_id}: stated ~{stated[0]}, shape {lo:.3f}-{hi:.3f}")
        if r.view == "plantar" and (m := _TOES.search(text)) and r.parts[0].anchor == "sole":
            first, last = int(m.group(1)) - 1, int(m.group(2)) - 1
            centres = [t.joint[0] for t in shape.toes]
            cx = _geom(r.polygons(shape)).centroid.x
            if "centred" in m.group(0):
                mid = (centres[first] + centres[last]) / 2
                ok = abs(cx - mid) <= 0.05 * B
            else:
                ok = centres[first] - 0.1 * B <= cx <= centres[last] + 0.1 * B
            if not ok:
                problems.append(f"{r.row_id}: text says toes {first + 1}-{last + 1}, centre at x = {cx / B:.2f} B")
    assert not problems, "\n".join(problems)


def test_zone_descriptions_speak_in_anatomical_words(course) -> None:
    """Learners read these texts in lesson 02: no coordinates ("about 0.45 of foot length"); every
    stated position above belongs to a zone that still exists."""
    coords = re.compile(r"\b[01]?\.\d+\b|of (?:the )?foot length|\bu\s*=")
    bad = [f"{i}: {t}" for i, t in zip(course.zones["id"], course.zones["location"], strict=True) if coords.search(t)]
    assert not bad, "\n".join(bad)
    assert not set(STATED_ALONG) - set(course.zones["id"])


def test_benefit_claims_are_claims_not_placements(course) -> None:
    """S002.15 says toe massage helps teeth, heart, eyes...: a claim of benefit, kept in claims.csv
    with its evidence label, not as placement rows that inflate "heart: 3 placements"."""
    assert not {"heart-toes", "eyes-toes-unspecified", "ears-toes-unspecified"} & set(course.zones["id"])
    claim = course.claims.set_index("id").loc["toes-help-head-organs"]
    assert "S002.15" in claim["source"] and claim["evidence"] == "unsupported"
    assert "heart" in claim["claim"] and "eyes" in claim["claim"] and "ears" in claim["claim"]


def test_common_chart_areas_are_current_with_the_zone_shapes() -> None:
    """school_areas.csv is what tools/make_school_areas.py makes from zone_shapes.csv: edit a
    zone's shape, rerun the tool (the test says when it is needed)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, str(root / "tools" / "make_school_areas.py"), "--check"],
                         capture_output=True, text=True, timeout=120, cwd=root)
    assert out.returncode == 0, out.stdout + out.stderr
