"""A whole class on a real JupyterHub, end to end, on 127.0.0.1 with no network.

JupyterHub (from PyPI) with configurable-http-proxy (from npm), the dummy authenticator, a
local-process spawner with home folders in a temporary directory, and nbgitpuller in the
single-user environment. The teacher's repository is a git repository made from this working
tree. What it proves, for the path a teacher with 30 students takes:

- every student's click on the nbgitpuller link lands the course in their home and opens the
  start page through the hub's proxy (one student in the real headless browser);
- a kernel in each student's server loads the course and draws a chart with the package the
  hub installed once (its wheel, non-editable, with the data inside): nothing per student;
- after the teacher commits a change to a lesson, a second click brings it in and keeps a
  student's own edits to other cells and files (also into a lesson saved in JupyterLab, which
  rewrites the notebook's kernel name); a student's edit of the same cell wins over the
  teacher's change (never overwritten), and renaming the edited notebook, then clicking again,
  gives a fresh copy next to the student's.

The whole scenario runs from the session's start, beside the other tests (``the_class``, see
``tests/background.py``); each test checks what its step saw. The harness is
``tests/hub_harness.py`` (also used by ``bench/bench_hub.py`` for the sizing figures).
Prerequisites: ``requirements-hub.txt`` (``course.py test`` installs it), git, and node/npm
(the proxy is npm-installed into the test environment on first use). Outside CI a missing
prerequisite skips with the reason; with ``CI=true`` it fails.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import background
import hub_harness as hh
import pytest
from project_wheel import project_wheel
from support import CHROMIUM, CHROMIUM_ARGS, IN_CI

STUDENTS = ["alice", "bob", "carol"]
BROWSER_STUDENT = "dave"
LESSON = "notebooks/01-foot-anatomy.ipynb"
TEACHER_CELL = 1  # the lesson's title and overview
STUDENT_CELL = 17  # the summary, far below in the file
TEACHER_TEXT = "Teacher's update: bring a towel next week."
EXTRA = "notebooks/reading-list.md"
READY_LIMIT_S = 60  # link click -> start page served, for a server that was not running


def _require_prerequisites() -> None:
    missing = hh.missing_prerequisites()
    if missing:
        reason = "the hub test needs " + "; ".join(missing)
        if IN_CI:
            pytest.fail("CI=true but " + reason)
        pytest.skip(reason)


class ClassHub:
    def __init__(self, root: Path) -> None:
        self.course = hh.make_course_repo(root / hh.COURSE_NAME)
        # The package's wheel, built once per session from the same working tree (the wheel test
        # installs it too), installed once for the whole class.
        environment = hh.install_image(self.course, root / "image", wheel=project_wheel())
        self.hub = hh.Hub(root, [*STUDENTS, BROWSER_STUDENT], environment)
        self.students: dict[str, hh.Student] = {}
        self.first_clicks: dict[str, dict] = {}
        # What the steps below saw, for the tests to check (files that change later are copied).
        self.landed: dict[str, dict[str, object]] = {}  # each student's folder after the first click
        self.kernel_lines: dict[str, str] = {}
        self.seen_in_browser: dict[str, object] = {}
        self.clicked_at = 0.0
        self.browser_saved = False  # the browser student saved the start page in JupyterLab
        self.bob_cell_after_update = ""
        self.errors: dict[str, BaseException] = {}  # a step's failure, raised by its test
        self.leftovers: list[int] = []

    def folder(self, user: str) -> Path:
        return self.hub.home(user) / hh.COURSE_NAME

    def click(self, user: str) -> dict:
        return self.students[user].click(hh.link_path(self.course))


def the_class(folder: Path) -> ClassHub:
    """The whole class, from the session's start, beside the other tests (tests/background.py):
    every student's first click and their kernel, and the browser student, all at once (as a
    class clicks the link together; each server starts on its own, so waiting for them one after
    another only added their start-up times); then the teacher's update; then the hub is
    stopped. The tests below check what each step saw (a step that failed fails its own test; a
    failure before the first step fails them all)."""
    _require_prerequisites()
    setup = ClassHub(folder)
    background.on_exit(setup.hub.stop)  # also when the run stops early
    try:
        try:
            setup.hub.start()
        except hh.HubError as exc:
            pytest.fail(f"{exc}\n--- hub log ---\n{setup.hub.log_tail()}")
        with ThreadPoolExecutor(max_workers=len(STUDENTS) + 1, thread_name_prefix="student") as pool:
            browser = pool.submit(_step, setup, "browser", _browser_student, setup)
            clicks = [pool.submit(_first_click_and_kernel, setup, user) for user in STUDENTS]
            first_click_failures = [exc for future in clicks if (exc := future.exception()) is not None]
            browser.result()
        if first_click_failures:
            exc = first_click_failures[0]
            if isinstance(exc, hh.HubError):
                pytest.fail(f"{exc}\n--- hub log ---\n{setup.hub.log_tail()}")
            raise exc
        _step(setup, "update", _teacher_update, setup)
    finally:
        setup.hub.stop()
        setup.leftovers = setup.hub.leftovers()
    return setup


def _step(setup: ClassHub, name: str, step: Callable[..., object], *args: object) -> None:
    """Run one step; its failure is kept for its own test (the first one kept if several fail)."""
    try:
        step(*args)
    except BaseException as exc:
        setup.errors.setdefault(name, exc)


def _first_click_and_kernel(setup: ClassHub, user: str) -> None:
    """One student: log in, click the link (the course lands in their home), then run a kernel.
    A failed first click fails every test; a failed kernel only the kernels' test."""
    student = hh.Student(setup.hub, user)
    student.login()
    setup.students[user] = student
    setup.first_clicks[user] = setup.click(user)
    folder = setup.folder(user)
    setup.landed[user] = {
        "start": (folder / hh.START_PAGE).read_bytes(),
        "published": (setup.course / hh.START_PAGE).read_bytes(),
        "datapackage": (folder / "data" / "datapackage.json").is_file(),
        "git": (folder / ".git").is_dir(),
    }
    _step(setup, "kernels", _run_kernel, setup, user)


pytestmark = [pytest.mark.hub, pytest.mark.slow, background.needs(the_class)]


@pytest.fixture(scope="module")
def class_hub() -> ClassHub:
    return background.result(the_class)


def _step_succeeded(class_hub: ClassHub, name: str) -> None:
    exc = class_hub.errors.get(name)
    if isinstance(exc, hh.HubError):
        pytest.fail(f"{exc}\n--- hub log ---\n{class_hub.hub.log_tail()}")
    if exc is not None:
        raise exc


def _notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell(path: Path, index: int) -> str:
    return "".join(_notebook(path)["cells"][index]["source"])


def test_every_click_lands_the_course_in_the_students_home(class_hub: ClassHub) -> None:
    for user in STUDENTS:
        landed = class_hub.landed[user]
        assert landed["start"] == landed["published"]
        assert landed["datapackage"]
        assert landed["git"], "nbgitpuller keeps a git clone so later clicks can merge"
        timings = class_hub.first_clicks[user]
        assert timings["ready_s"] < READY_LIMIT_S, timings
        print(
            f"{user}: click -> start page {timings['ready_s']:.1f} s "
            f"(server {timings['spawn_s']:.1f} s, pull {timings['pull_s']:.1f} s)"
        )


def _run_kernel(class_hub: ClassHub, user: str) -> None:
    student = class_hub.students[user]
    kernel = student.start_kernel()
    class_hub.kernel_lines[user] = next(
        x for x in hh.stdout_of(student.execute(kernel, hh.CHART_CODE)).splitlines() if x.startswith("FOOT")
    )


def test_kernels_run_the_course_without_a_per_student_install(class_hub: ClassHub) -> None:
    _step_succeeded(class_hub, "kernels")
    image = class_hub.hub.root / "image"
    for user in STUDENTS:
        _, module, data_dir, zones, png_bytes = class_hub.kernel_lines[user].split("|")
        home = class_hub.hub.home(user)
        assert Path(module).is_relative_to(image), f"{user} imported foot_lib from {module}, not the hub's install"
        assert Path(data_dir).is_relative_to(image), f"{user} read the course from {data_dir}, not the package's data"
        assert int(zones) > 0 and int(png_bytes) > 10_000
        assert not list(home.glob(".local/lib/python*")), f"{user} has a per-user package install"


def _browser_student(class_hub: ClassHub) -> None:
    """The browser student logs in, clicks the link (their server was not running) and saves."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"CI=true but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    hub = class_hub.hub
    seen = class_hub.seen_in_browser
    seen["title"] = _cell(class_hub.course / hh.START_PAGE, 1).splitlines()[0].lstrip("# ").strip()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(120_000)
            page.goto(hub.url + "/hub/login?next=%2Fhub%2Fhome")
            page.fill("input[name=username]", BROWSER_STUDENT)
            page.fill("input[name=password]", hh.PASSWORD)
            page.click("input[type=submit], button[type=submit]")
            page.wait_for_url("**/hub/home*")
            start = time.perf_counter()
            class_hub.clicked_at = time.time()
            page.goto(hub.url + hh.link_path(class_hub.course))
            page.wait_for_url(f"**/user/{BROWSER_STUDENT}/lab/tree/{hh.COURSE_NAME}/{hh.START_PAGE}*")
            heading = page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first
            heading.wait_for(state="visible")
            seen["elapsed"] = time.perf_counter() - start
            seen["text"] = heading.inner_text()
            # Saving in JupyterLab (Ctrl+S, or its autosave) rewrites the notebook; keep that copy
            # for the update step: the student's saved lesson must still receive the teacher's change.
            page.locator(".jp-NotebookPanel .jp-Notebook").first.click()
            page.keyboard.press("Control+s")
            saved = class_hub.folder(BROWSER_STUDENT) / hh.START_PAGE
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and saved.stat().st_mtime <= class_hub.clicked_at:
                time.sleep(0.5)
            class_hub.browser_saved = saved.stat().st_mtime > class_hub.clicked_at
        finally:
            browser.close()


def test_start_page_opens_through_the_proxy_in_a_real_browser(class_hub: ClassHub) -> None:
    _step_succeeded(class_hub, "browser")
    seen = class_hub.seen_in_browser
    title, text, elapsed = str(seen["title"]), str(seen["text"]), float(seen["elapsed"])
    assert title.split("·")[0].strip() in text, (title, text)
    assert (class_hub.folder(BROWSER_STUDENT) / hh.START_PAGE).is_file()
    assert elapsed < READY_LIMIT_S
    assert class_hub.browser_saved, "Ctrl+S in JupyterLab did not save the start page"
    print(f"{BROWSER_STUDENT} (browser): click -> start page rendered {elapsed:.1f} s")


def _teacher_update(class_hub: ClassHub) -> None:
    alice, bob = class_hub.students["alice"], class_hub.students["bob"]
    lesson_rel = f"{hh.COURSE_NAME}/{LESSON}"
    # Alice edits another cell of the lesson and writes her own notes file; Bob edits the very
    # cell the teacher is about to change; Carol changes nothing.
    alice.edit_cell(lesson_rel, STUDENT_CELL, "Alice: my feet like the thumb walk.")
    alice.write_file(f"{hh.COURSE_NAME}/my-notes.md", "Alice's notes\n")
    alice.write_file(f"{hh.COURSE_NAME}/{EXTRA}", "Alice's own reading list\n")
    bob.edit_cell(lesson_rel, TEACHER_CELL, "Bob: question for the teacher.")
    hh.teacher_commit(class_hub.course, LESSON, TEACHER_CELL, TEACHER_TEXT, "Lesson 01: a note for next week")
    hh.teacher_add_file(class_hub.course, EXTRA, "The teacher's reading list\n", "A reading list")
    hh.teacher_commit(class_hub.course, hh.START_PAGE, 1, TEACHER_TEXT, "Start page: a note for next week")

    for user in STUDENTS:
        class_hub.click(user)
    if class_hub.browser_saved:  # saved in JupyterLab by the browser step: the update still arrives
        dave = hh.Student(class_hub.hub, BROWSER_STUDENT)
        dave.login()
        class_hub.students[BROWSER_STUDENT] = dave
        class_hub.click(BROWSER_STUDENT)
    class_hub.bob_cell_after_update = _cell(class_hub.folder("bob") / LESSON, TEACHER_CELL)  # valid JSON still
    # The remedy the teacher's guide gives for a conflict: rename your copy, click the link again.
    bob.rename(lesson_rel, f"{hh.COURSE_NAME}/{BOB_COPY}")
    class_hub.click("bob")


BOB_COPY = "notebooks/01-foot-anatomy-bob.ipynb"


def test_teacher_update_merges_and_never_overwrites_student_work(class_hub: ClassHub) -> None:
    _step_succeeded(class_hub, "update")
    if class_hub.browser_saved:
        assert TEACHER_TEXT in _cell(class_hub.folder(BROWSER_STUDENT) / hh.START_PAGE, 1)
        print("the start page saved in JupyterLab received the teacher's update")

    for name in (LESSON, hh.START_PAGE):
        carol_copy = (class_hub.folder("carol") / name).read_bytes()
        assert carol_copy == (class_hub.course / name).read_bytes(), "an untouched copy gets the update"

    alice_lesson = class_hub.folder("alice") / LESSON
    assert TEACHER_TEXT in _cell(alice_lesson, TEACHER_CELL), "the update merges into an edited notebook"
    assert "Alice: my feet like the thumb walk." in _cell(alice_lesson, STUDENT_CELL), "the student's edit is kept"
    assert (class_hub.folder("alice") / "my-notes.md").read_text() == "Alice's notes\n"
    # A new teacher file with the name of a student's own file: the student's is renamed, not lost.
    extra = class_hub.folder("alice") / EXTRA
    assert extra.read_text() == "The teacher's reading list\n"
    renamed = list(extra.parent.glob(f"{extra.stem}__*{extra.suffix}"))
    assert [p.read_text() for p in renamed] == ["Alice's own reading list\n"], renamed

    bob_cell = class_hub.bob_cell_after_update
    assert "Bob: question for the teacher." in bob_cell, "a student's edit of the same cell is never overwritten"
    assert TEACHER_TEXT not in bob_cell, "nbgitpuller merges with -Xours: the student's side of a conflict wins"
    # After renaming the edited lesson and clicking again: a fresh copy, and the student's own.
    bob_lesson = class_hub.folder("bob") / LESSON
    _notebook(bob_lesson)  # a valid notebook
    assert TEACHER_TEXT in _cell(bob_lesson, TEACHER_CELL), "a fresh copy of the renamed lesson arrives"
    assert "Bob: question for the teacher." in _cell(class_hub.hub.home("bob") / hh.COURSE_NAME / BOB_COPY,
                                                     TEACHER_CELL)


def test_the_hub_stops_every_process_it_started(class_hub: ClassHub) -> None:
    assert class_hub.leftovers == [], "processes started by the hub are still running"
