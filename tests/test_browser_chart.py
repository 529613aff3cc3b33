"""The presenter's chart in a real browser: full width, labelled, and the large-text switch
changes the figure itself. Screenshots at 1024×768 and 1920×1080 are kept for a person to
look at in ``test-artifacts/`` (git-ignored), normal and high contrast.

Shares the Voilà server of ``test_browser_presenter`` (one per session; skipped without chromium).
"""

from __future__ import annotations

from pathlib import Path

import background
import pytest
from support import CHROMIUM, CHROMIUM_ARGS
from test_browser_presenter import presenter_url

from foot_lib.data.paths import REPO_DIR

pytestmark = pytest.mark.browser
ARTIFACTS = REPO_DIR / "test-artifacts"


def _chart_at(width: int, height: int) -> None:
    voila_url = presenter_url()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(voila_url, wait_until="domcontentloaded", timeout=60_000)
            image = page.locator(".foot-chart-viewer img").first
            try:
                image.wait_for(state="visible", timeout=120_000)
            except Exception:
                page.screenshot(path=str(ARTIFACTS / f"presenter-chart-{width}x{height}-failed.png"))
                raise
            page.wait_for_function("() => { const i = document.querySelector('.foot-chart-viewer img');"
                                   " return i && i.naturalWidth > 0 && i.getBoundingClientRect().height > 100; }",
                                   timeout=30_000)
            shown = image.bounding_box()
            tab = page.locator(".foot-chart-viewer").first.bounding_box()
            assert shown and tab and shown["width"] >= 0.9 * tab["width"], (shown, tab)
            assert shown["width"] >= 0.8 * width, "the chart should use the screen's width"
            described = page.locator(".foot-chart-viewer details").text_content() or ""
            assert "numbered from the toes to the heel" in described
            page.screenshot(path=str(ARTIFACTS / f"presenter-chart-{width}x{height}.png"), full_page=True)
            before = image.get_attribute("src")
            page.locator(".foot-hc-toggle").click()
            page.wait_for_selector(".foot-presenter.foot-hc", timeout=30_000)
            page.wait_for_function(
                f"() => document.querySelector('.foot-chart-viewer img').src !== {before!r}", timeout=30_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(ARTIFACTS / f"presenter-chart-{width}x{height}-large.png"), full_page=True)
            page.locator(".foot-hc-toggle").click()
            page.wait_for_selector(".foot-presenter:not(.foot-hc)", timeout=30_000)
            assert not errors, errors
        finally:
            browser.close()


# Each size is checked from the session's start, beside the other tests (tests/background.py);
# an assertion failing in ``_chart_at`` is that size's failure.
def chart_at_1024x768(folder: Path) -> None:
    _chart_at(1024, 768)


def chart_at_1920x1080(folder: Path) -> None:
    _chart_at(1920, 1080)


@pytest.mark.parametrize(
    "job", [pytest.param(job, id=job.__name__.removeprefix("chart_at_"), marks=background.needs(job))
            for job in (chart_at_1024x768, chart_at_1920x1080)]
)
def test_presenter_chart_fills_the_width_and_large_text_redraws_it(job) -> None:
    background.result(job)
