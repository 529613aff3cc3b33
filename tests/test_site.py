"""The course website (``python3 course.py site``): built offline, complete, and usable.

The build goes through the same path as the command: ``course.py`` creates the site's own
environment (``.venv-site`` from ``requirements-site.txt``) if it is missing or stale, then
``tools/make_site.py`` builds into a temporary folder. So ``python3 course.py test`` (the
README's test command, and CI) needs nothing installed beforehand.

Checked without a browser: every lesson has a page and a notebook download, the search
index holds words from every lesson, no internal link or image is broken, every image has a
real alt text, launch links carry the one repository setting, no widget shows as code text,
the build printed no warning. In a real browser (Debian's chromium): searching "liver" finds
lesson 02, the dark-mode switch changes the theme, lesson 05's routine step table is visible
without a kernel.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import background
import pytest
from browser_servers import free_port
from support import wait_until_listening

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    """A repository script as a module (tools/ and course.py are scripts, not packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sys.path.insert(0, str(ROOT / "tools"))  # make_site imports make_nav, the one lesson order
make_site = _load("make_site", ROOT / "tools" / "make_site.py")
LESSONS = [p.relative_to(ROOT).with_suffix("").as_posix() for p in make_site.make_nav.lessons()]


def _course_py():
    return _load("course_cli", ROOT / "course.py")


def build_site(folder: Path) -> tuple[Path, str]:
    """(site folder, build output), built once per test session with the site environment,
    from the session's start, beside the other tests (tests/background.py)."""
    course = _course_py()
    python = course.ensure_site_env()
    out = folder / "site"
    done = background.run([str(python), "tools/make_site.py", str(out)], cwd=ROOT, timeout=900)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-6000:]
    return out, log


pytestmark = [pytest.mark.slow, background.needs(build_site)]


@pytest.fixture(scope="session")
def site_build() -> tuple[Path, str]:
    return background.result(build_site)


@pytest.fixture(scope="session")
def site(site_build: tuple[Path, str]) -> Path:
    return site_build[0]


class _Page(HTMLParser):
    """Links, image sources/alt texts and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in {"link", "script"} and (a.get("href") or a.get("src")):
            self.links.append(a.get("href") or a.get("src"))
        if tag == "img":
            self.images.append((a.get("src") or "", a.get("alt")))
            self.links.append(a.get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pages(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_build_prints_no_warning(site_build: tuple[Path, str]) -> None:
    # make_site builds with --warningiserror --keep-going; this also catches warnings printed
    # without failing (e.g. by an extension that logs instead of warning).
    assert "WARNING" not in site_build[1], site_build[1]


def test_every_lesson_has_a_page_and_a_download(site: Path) -> None:
    for lesson in LESSONS:
        page = site / f"{lesson}.html"
        assert page.exists(), f"no page for {lesson}"
        assert (site / "_sources" / f"{lesson}.ipynb").exists(), f"no notebook download for {lesson}"
        links = _parse(page).links
        assert any(link.endswith(f"_sources/{lesson}.ipynb") for link in links), f"{lesson}: no download link"
    assert (site / "index.html").exists()


def test_sidebar_lists_lessons_in_order_then_teacher_pages(site: Path) -> None:
    page = site / "notebooks" / "05-routines.html"
    html = page.read_text(encoding="utf-8")
    start = html.index("bd-docs-nav")
    sidebar = _Page()
    sidebar.feed(html[start : html.index("</nav>", start)])
    nav: list[str] = []
    for link in sidebar.links:
        path = urllib.parse.urlsplit(link).path
        if path.endswith(".html") and not urllib.parse.urlsplit(link).scheme:
            rel = (page.parent / path).resolve().relative_to(site.resolve()).with_suffix("").as_posix()
            if rel not in nav:
                nav.append(rel)
    wanted = [lesson for lesson in LESSONS if lesson != "notebooks/05-routines"]  # itself: "#"
    wanted += ["docs/TEACHERS_GUIDE", "data/README"]
    assert [n for n in nav if n in wanted] == wanted, nav


def _search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_search_index_holds_every_lesson(site: Path) -> None:
    index = _search_index(site)
    docnames = index["docnames"]
    per_doc = {name: 0 for name in docnames}
    for docs in index["terms"].values():
        for i in docs if isinstance(docs, list) else [docs]:
            per_doc[docnames[i]] += 1
    for lesson in LESSONS:
        assert per_doc.get(lesson, 0) > 100, f"{lesson}: only {per_doc.get(lesson, 0)} words indexed"
    liver = index["terms"]["liver"]
    assert docnames.index("notebooks/02-reflex-map") in (liver if isinstance(liver, list) else [liver])


def test_no_broken_internal_links_or_images(site: Path) -> None:
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in _pages(site):
        for link in _parse(page).links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")) or not (parts.path or parts.fragment):
                continue
            target = (page.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = _parse(target).ids
                if parts.fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_every_image_has_real_alt_text(site: Path) -> None:
    bad = []
    for page in _pages(site):
        for src, alt in _parse(page).images:
            if not alt or not alt.strip() or alt.strip() == src or "_images/" in alt:
                bad.append(f"{page.relative_to(site)}: {src} alt={alt!r}")
    assert not bad, "\n".join(bad)


def test_launch_links_use_the_one_repository_setting(site: Path) -> None:
    opts = make_site.settings()
    repo = urllib.parse.urlsplit(opts["repository"]).path.strip("/")
    links = _parse(site / "notebooks" / "05-routines.html").links
    binder = [link for link in links if link.startswith(opts["binderhub"])]
    assert binder and f"/v2/gh/{repo}/" in binder[0] and "notebooks/05-routines.ipynb" in binder[0]
    if opts["jupyterhub"]:
        hub = [link for link in links if "git-pull?" in link]
        assert hub and urllib.parse.quote(opts["repository"], safe="/") in hub[0]


def test_widgets_show_their_snapshot_not_code_text(site: Path) -> None:
    code_text = re.compile(r"\b(?:VBox|HBox|Box|Tab|Output)\(children=|\w+\(children=\(")
    for page in _pages(site):
        text = "".join(_parse(page).text)
        match = code_text.search(text)
        assert not match, f"{page.relative_to(site)} shows a widget as code: {text[match.start():match.start() + 80]}"


# --- in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_page(site: Path, browser) -> Iterator[tuple[object, str]]:
    """A page of the session's Chromium (tests/conftest.py; skipped without it, a failure under
    CI) on the built site, served over HTTP on 127.0.0.1."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_until_listening(port, server, 30):
            raise RuntimeError(f"the site's http.server on port {port} did not start (exit code {server.poll()})")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        base = f"http://127.0.0.1:{port}"
        page.goto(f"{base}/genindex.html", timeout=30000)
        yield page, base
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.browser
def test_browser_search_finds_liver_in_lesson_02(browser_page: tuple) -> None:
    page, base = browser_page
    page.goto(f"{base}/search.html?q=liver")
    page.wait_for_selector("#search-results ul li a", timeout=30000)
    hrefs = page.eval_on_selector_all("#search-results ul li a", "els => els.map(e => e.getAttribute('href'))")
    assert any("02-reflex-map" in h for h in hrefs), hrefs


@pytest.mark.browser
def test_browser_dark_mode_switch(browser_page: tuple) -> None:
    page, base = browser_page
    page.goto(f"{base}/notebooks/02-reflex-map.html")
    themes = []
    for _ in range(3):  # the switch cycles light → dark → auto (or from wherever it starts)
        page.locator(".theme-switch-button").first.click()
        themes.append(page.evaluate("document.documentElement.dataset.theme"))
    assert "dark" in themes and "light" in themes, themes
    page.evaluate("() => { document.documentElement.dataset.mode = 'dark'; }")
    while page.evaluate("document.documentElement.dataset.theme") != "dark":
        page.locator(".theme-switch-button").first.click()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    rgb = [int(v) for v in re.findall(r"\d+", background)[:3]]
    assert sum(rgb) < 200, f"dark mode background is {background}"


@pytest.mark.browser
def test_browser_routine_step_table_of_lesson_05_visible(browser_page: tuple) -> None:
    page, base = browser_page
    page.goto(f"{base}/notebooks/05-routines.html")
    table = page.locator("table", has_text="What to do").first
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    headers = [h.strip().lower() for h in table.locator("th").all_inner_texts()]
    for name in ("step", "what to do", "technique", "time"):
        assert any(name in h for h in headers), headers
    assert table.locator("tbody tr").count() >= 3


@pytest.mark.browser
def test_browser_images_have_alt_text(browser_page: tuple) -> None:
    page, base = browser_page
    for lesson in ("notebooks/02-reflex-map", "notebooks/05-routines"):
        page.goto(f"{base}/{lesson}.html")
        alts = page.eval_on_selector_all("main img", "els => els.map(e => e.getAttribute('alt') || '')")
        assert alts and all(a.strip() for a in alts), (lesson, alts)
