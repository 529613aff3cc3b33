"""A real JupyterHub for a whole class, on 127.0.0.1, for the hub test and the sizing bench.

What it builds, in a temporary folder (nothing outside it is written except the proxy's npm
cache, see ``proxy_command``):

- ``course/``: the *teacher's repository*, a git repository made from this working tree (tracked
  and new, not ignored, files), so students pull from ``file://`` without any network;
- ``image/``: the *hub image*, the course package (its wheel, which ships the data) installed
  ONCE, non-editable, as a class server would have it; single-user servers run this Python with
  ``image/`` on their path;
- ``hub/``: JupyterHub's state (sqlite, cookie secret, config, log);
- ``home/<student>/``: one home folder per student.

JupyterHub runs with the dummy authenticator (one password for every allowed student), the
``SimpleLocalProcessSpawner`` (home folders in the temporary folder, no system users) and
``configurable-http-proxy`` from npm. Students are driven over HTTP exactly as a browser would
(login form, the nbgitpuller link, the hub's OAuth redirects, cookies and XSRF), and a kernel is
run through the server's REST and websocket API. Every process the hub started is stopped in
``Hub.stop``, also after a failure.

Standard library plus tornado (websocket client) and psutil, which the course environment has.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO_DIR = Path(__file__).resolve().parent.parent
# configurable-http-proxy: a compatible range, installed locally with npm (never globally).
CHP_SPEC = "configurable-http-proxy@^5.3"
CHP_DIR = Path(sys.prefix) / "hub-node"  # inside the environment that runs the tests (gitignored)
START_PAGE = "notebooks/00-start-here.ipynb"
COURSE_NAME = "foot-course"  # the folder the course lands in, in each student's home
PASSWORD = "class-password"

# Kernel code: the package from the hub image, the course from its shipped data, one chart.
CHART_CODE = """
import io, foot_lib
course = foot_lib.load_course()
chart = foot_lib.draw_chart(course, figsize=(6, 5))
buf = io.BytesIO()
chart.figure.savefig(buf, format="png")
print("FOOT", foot_lib.__file__, course.data_dir, len(course.zones), buf.tell(), sep="|")
"""


class HubError(RuntimeError):
    """The hub, a server or a pull did not do what a student needs; the message says what."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def git(*args: str, cwd: Path, timeout: float = 60) -> str:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    done = subprocess.run(
        ["git", "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    if done.returncode:
        raise HubError(f"git {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    return done.stdout


# --------------------------------------------------------------------------- prerequisites
def proxy_command(install: bool = True) -> Path | None:
    """The ``configurable-http-proxy`` executable: on PATH, or installed locally with npm.

    The local install goes into the test environment (``<venv>/hub-node``), so a clean checkout
    gets it on the first hub test run and never needs a global npm install.
    """
    local = CHP_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return local
    found = shutil.which("configurable-http-proxy")
    if found:
        return Path(found)
    npm = shutil.which("npm")
    if not install or not npm or not shutil.which("node"):
        return None
    CHP_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(CHP_DIR), "--no-audit", "--no-fund", "--loglevel=error", CHP_SPEC],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode or not local.exists():
        raise HubError(f"npm could not install {CHP_SPEC}:\n{done.stdout}{done.stderr}")
    return local


def missing_prerequisites() -> list[str]:
    """What the hub test needs and this machine lacks (empty when all is there)."""
    missing = []
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"python package {module} (pip install -r requirements-hub.txt)")
    if not shutil.which("git"):
        missing.append("git")
    if proxy_command(install=False) is None and not (shutil.which("npm") and shutil.which("node")):
        missing.append("node and npm (to install configurable-http-proxy)")
    return missing


# --------------------------------------------------------------------------- course and image
def make_course_repo(dest: Path) -> Path:
    """A git repository of this working tree (committed or not), as the teacher publishes it."""
    files = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO_DIR).split("\0")
    dest.mkdir(parents=True)
    for name in filter(None, files):
        src = REPO_DIR / name
        if src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "The course as published", cwd=dest)
    return dest


def teacher_commit(course: Path, notebook: str, cell_index: int, text: str, message: str) -> None:
    """The teacher appends ``text`` to one cell of a lesson and commits it."""
    path = course / notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = nb["cells"][cell_index]
    source = "".join(cell["source"])
    cell["source"] = (source.rstrip("\n") + "\n\n" + text).splitlines(keepends=True)
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    git("commit", "-q", "-am", message, cwd=course)


def teacher_add_file(course: Path, name: str, text: str, message: str) -> None:
    """The teacher adds a new file to the course and commits it."""
    (course / name).write_text(text, encoding="utf-8")
    git("add", name, cwd=course)
    git("commit", "-q", "-m", message, cwd=course)


def install_image(course: Path, dest: Path, wheel: Path | None = None) -> dict[str, str]:
    """Install the course package once for every student (the hub image); return the servers' env.

    ``pip install --target`` of the teacher's repository builds the wheel and installs it, not
    editable, as a JupyterHub image or The Littlest JupyterHub's user environment would have it.
    The package ships its data, so a kernel loads the course wherever the notebooks were pulled.
    ``wheel``: install this wheel of the same working tree instead of building one (the test
    session builds it once for every test that installs the package, tests/project_wheel.py).
    """
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            *(["--no-index"] if wheel else []),
            "--target",
            str(dest),
            str(wheel or course),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        raise HubError(f"installing the course package failed:\n{done.stdout}{done.stderr}")
    probe = subprocess.run(
        [sys.executable, "-c", "import foot_lib; print(len(foot_lib.load_course().zones))"],
        cwd=dest.parent,
        env={**_clean_env(), "PYTHONPATH": str(dest)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if probe.returncode:
        raise HubError(f"the installed course package cannot load the course:\n{probe.stderr[-3000:]}")
    return {"PYTHONPATH": str(dest)}


def _clean_env() -> dict[str, str]:
    """This process's environment without Python or Jupyter settings of the developer's shell."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHONPATH", "FOOT_COURSE"))}


# --------------------------------------------------------------------------- the hub
HUB_CONFIG = """\
# Written by the hub test harness: a real JupyterHub on 127.0.0.1 for a class of test students.
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.pid_file = {pid_file!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {server_args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL"]
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.concurrent_spawn_limit = 0
"""


@dataclass
class Hub:
    """A running JupyterHub; ``url`` is the proxy's public address."""

    root: Path
    users: list[str]
    environment: dict[str, str]
    url: str = ""
    proc: subprocess.Popen | None = None
    # Every process seen under the hub, as psutil.Process objects: they remember their start time, so
    # a pid the system has since given to another program (pids wrap at 32768 here) is never taken
    # for the hub's, neither stopped nor reported.
    known: dict[int, psutil.Process] = field(default_factory=dict)

    @property
    def log(self) -> Path:
        return self.root / "hub" / "hub.log"

    def home(self, user: str) -> Path:
        return self.root / "home" / user

    def start(self, timeout: float = 120) -> None:
        chp = proxy_command()
        if chp is None:
            raise HubError("configurable-http-proxy is not installed and npm is missing")
        state = self.root / "hub"
        state.mkdir(parents=True, exist_ok=True)
        (self.root / "home").mkdir(exist_ok=True)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        args = ["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []
        config = HUB_CONFIG.format(
            bind_url=self.url + "/",
            hub_bind_url=f"http://127.0.0.1:{free_port()}",
            proxy_api=f"http://127.0.0.1:{free_port()}",
            chp=str(chp),
            db_url=f"sqlite:///{state / 'jupyterhub.sqlite'}",
            cookie_secret=str(state / "cookie_secret"),
            pid_file=str(state / "jupyterhub.pid"),
            password=PASSWORD,
            users=sorted(self.users),
            home_template=str(self.root / "home" / "{username}"),
            python=sys.executable,
            server_args=args,
            environment={"LANG": "C.UTF-8", "MPLBACKEND": "Agg", **self.environment},
        )
        (state / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        env = _clean_env()
        env["CONFIGPROXY_AUTH_TOKEN"] = secrets.token_hex(16)
        handle = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(state / "jupyterhub_config.py")],
            cwd=state,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"JupyterHub exited with {self.proc.returncode}; log:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/hub/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        raise HubError(f"JupyterHub did not answer within {timeout} s; log:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def processes(self) -> list[psutil.Process]:
        """The hub and everything it started (proxy, single-user servers, kernels)."""
        if self.proc is None:
            return []
        try:
            top = psutil.Process(self.proc.pid)
            found = [top, *top.children(recursive=True)]
        except psutil.NoSuchProcess:
            found = []
        for proc in found:
            self.known.setdefault(proc.pid, proc)
        return found

    def server_of(self, user: str) -> psutil.Process:
        """The single-user server process of ``user``."""
        for proc in self.processes():
            with contextlib.suppress(psutil.Error):
                if proc.environ().get("JUPYTERHUB_USER") == user and "jupyterhub.singleuser" in proc.cmdline():
                    return proc
        raise HubError(f"no running server for {user}")

    def stop(self) -> None:
        """Stop the hub (it stops the servers and the proxy), then anything left over."""
        if self.proc is None:
            return
        self.processes()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        running = self._alive()
        for proc in running:
            with contextlib.suppress(psutil.Error):
                proc.terminate()
        _, alive = psutil.wait_procs(running, timeout=10)
        for proc in alive:
            with contextlib.suppress(psutil.Error):
                proc.kill()
        psutil.wait_procs(alive, timeout=10)
        self.proc = None

    def _alive(self) -> list[psutil.Process]:
        """The hub's processes still running: the same processes, not just the same pids."""
        alive = []
        for proc in self.known.values():
            with contextlib.suppress(psutil.Error):
                if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
        return alive

    def leftovers(self) -> list[int]:
        """Processes the hub started that are still alive (should be none after ``stop``)."""
        return sorted(proc.pid for proc in self._alive())


# --------------------------------------------------------------------------- a student
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@dataclass
class Student:
    """One student's browser, reduced to cookies and HTTP: log in, click links, run a kernel."""

    hub: Hub
    name: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    reconnects: int = 0  # kernel websockets that dropped and were reopened (a sign of overload)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    # -- plumbing
    def _cookie(self, name: str, path_prefix: str) -> str:
        for cookie in self.jar:
            if cookie.name == name and cookie.path.startswith(path_prefix):
                return cookie.value or ""
        raise HubError(f"{self.name}: no {name} cookie for {path_prefix}")

    def request(
        self,
        path: str,
        data: bytes | None = None,
        method: str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> tuple[str, bytes]:
        """Fetch ``path`` (following redirects); return the final URL and the body."""
        req = urllib.request.Request(self.hub.url + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                return resp.geturl(), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode(errors="replace")[:1500]
            raise HubError(f"{self.name}: {method or 'GET'} {path} -> HTTP {exc.code}\n{body}") from None

    def api(self, method: str, path: str, body: object | None = None, timeout: float = 60) -> object:
        """Call the student's own Jupyter server REST API (cookie auth with the XSRF header)."""
        base = f"/user/{self.name}"
        headers = {"X-XSRFToken": self._cookie("_xsrf", base), "Content-Type": "application/json"}
        data = None if body is None else json.dumps(body).encode()
        _, raw = self.request(base + path, data=data, method=method, headers=headers, timeout=timeout)
        return json.loads(raw) if raw else None

    # -- what a student does
    def login(self) -> None:
        self.request("/hub/login")
        xsrf = self._cookie("_xsrf", "/hub")
        form = urllib.parse.urlencode({"username": self.name, "password": PASSWORD, "_xsrf": xsrf}).encode()
        url, _ = self.request("/hub/login?next=%2Fhub%2Fhome", data=form)
        if "/hub/login" in url:
            raise HubError(f"{self.name}: login was refused")

    def click(self, link_path: str, timeout: float = 240) -> dict[str, object]:
        """Follow an nbgitpuller link as the browser does; return timings and the pull's messages.

        The link goes to the hub, which starts the server if needed (the spawn-pending page polls
        until it is up), then to nbgitpuller's page, whose script streams the pull from
        ``git-pull/api`` and finally opens ``urlpath``. Done when the start page and its notebook
        content have been served.
        """
        start = time.perf_counter()
        deadline = time.monotonic() + timeout
        prefix = f"/user/{self.name}/git-pull"
        while True:
            url, _ = self.request(link_path, timeout=timeout)
            if urllib.parse.urlparse(url).path.startswith(prefix):
                break
            if time.monotonic() > deadline:
                raise HubError(
                    f"{self.name}: the server did not start in {timeout} s (at {url})\n{self.hub.log_tail()}"
                )
            time.sleep(0.5)
        spawned = time.perf_counter() - start
        query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
        api_query = urllib.parse.urlencode(
            {k: query[k][0] for k in ("repo", "branch", "targetpath", "depth") if k in query}
        )
        _, stream = self.request(f"{prefix}/api?{api_query}", timeout=timeout)
        events = [json.loads(line[5:]) for line in stream.decode().splitlines() if line.startswith("data:")]
        if not events or events[-1].get("phase") != "finished":
            raise HubError(f"{self.name}: the pull did not finish: {events[-3:]}")
        pulled = time.perf_counter() - start
        urlpath = query["urlpath"][0]
        page_url, page = self.request(f"/user/{self.name}/{urlpath}")
        if b"JupyterLab" not in page and b"jupyter-config-data" not in page:
            raise HubError(f"{self.name}: {page_url} is not the JupyterLab page")
        notebook = urlpath.split("/tree/", 1)[1]
        model = self.api("GET", f"/api/contents/{urllib.parse.quote(notebook)}")
        assert isinstance(model, dict) and model["type"] == "notebook"
        return {
            "spawn_s": spawned,
            "pull_s": pulled - spawned,
            "ready_s": time.perf_counter() - start,
            "messages": [e.get("output", "") for e in events if e.get("output")],
        }

    # -- editing in JupyterLab (the same REST calls its editor makes when it saves)
    def edit_cell(self, notebook: str, index: int, text: str) -> None:
        """Append ``text`` to one cell of a notebook in the student's home and save it."""
        path = "/api/contents/" + urllib.parse.quote(notebook)
        model = self.api("GET", path)
        assert isinstance(model, dict)
        nb = model["content"]
        nb["cells"][index]["source"] = nb["cells"][index]["source"].rstrip("\n") + "\n\n" + text
        self.api("PUT", path, {"type": "notebook", "format": "json", "content": nb})

    def write_file(self, name: str, text: str) -> None:
        self.api(
            "PUT", "/api/contents/" + urllib.parse.quote(name), {"type": "file", "format": "text", "content": text}
        )

    def rename(self, old: str, new: str) -> None:
        self.api("PATCH", "/api/contents/" + urllib.parse.quote(old), {"path": new})

    # -- a kernel
    def start_kernel(self) -> str:
        kernel = self.api("POST", "/api/kernels", {"name": "python3"})
        assert isinstance(kernel, dict)
        return str(kernel["id"])

    def execute(self, kernel_id: str, code: str, timeout: float = 180) -> list[dict]:
        """Run ``code`` in the kernel over the websocket; return its outputs; raise on an error."""
        return asyncio.run(self._execute(kernel_id, [code], timeout))

    def run_notebook_cells(self, kernel_id: str, notebook: Path, timeout: float = 600) -> list[dict]:
        """Run every code cell of a lesson, in order, in the kernel (as 'Run all' does)."""
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        return asyncio.run(self._execute(kernel_id, cells, timeout))

    async def _execute(self, kernel_id: str, codes: list[str], timeout: float) -> list[dict]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        cookies = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        session = uuid.uuid4().hex
        # With a session_id the server buffers the kernel's messages while the socket is down and
        # replays them on reconnect (what JupyterLab relies on when a busy server drops a socket).
        ws_url = (
            self.hub.url.replace("http", "ws", 1)
            + f"/user/{self.name}/api/kernels/{kernel_id}/channels?session_id={session}"
        )
        request = HTTPRequest(ws_url, headers={"Cookie": cookies}, connect_timeout=120, request_timeout=120)
        conn = await asyncio.wait_for(websocket_connect(request), 150)
        reconnects = 0
        outputs: list[dict] = []
        end = time.monotonic() + timeout
        try:
            for code in codes:
                msg_id = uuid.uuid4().hex
                header = {"msg_id": msg_id, "username": self.name, "session": session}
                content = {"code": code, "silent": False, "store_history": False, "user_expressions": {}}
                message = {
                    "header": {**header, "msg_type": "execute_request", "version": "5.3"},
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {**content, "allow_stdin": False, "stop_on_error": True},
                }
                await conn.write_message(json.dumps(message))
                while True:
                    left = end - time.monotonic()
                    if left <= 0:
                        raise HubError(f"{self.name}: the kernel did not finish within {timeout} s")
                    raw = await asyncio.wait_for(conn.read_message(), left)
                    if raw is None:
                        reconnects += 1
                        self.reconnects += 1
                        if reconnects > 3:
                            raise HubError(f"{self.name}: the kernel websocket closed {reconnects} times")
                        conn = await asyncio.wait_for(websocket_connect(request), 150)
                        continue
                    if isinstance(raw, bytes):
                        continue  # a message with binary buffers (a widget's image): not an output we read
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("channel") != "iopub":
                        continue
                    kind = msg["header"]["msg_type"]
                    if kind == "error":
                        tb = "\n".join(msg["content"].get("traceback", []))[-2000:]
                        raise HubError(f"{self.name}: kernel error {msg['content']['ename']}: {tb}")
                    if kind in {"stream", "display_data", "execute_result"}:
                        outputs.append({"type": kind, **msg["content"]})
                    if kind == "status" and msg["content"]["execution_state"] == "idle":
                        break
        finally:
            conn.close()
        return outputs


def link_path(course: Path, branch: str = "main", notebook: str = START_PAGE) -> str:
    """The nbgitpuller link a teacher hands out, relative to the hub's address."""
    query = urllib.parse.urlencode(
        {
            "repo": course.as_uri(),
            "branch": branch,
            "urlpath": f"lab/tree/{course.name}/{notebook}",
        }
    )
    return f"/hub/user-redirect/git-pull?{query}"


def stdout_of(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") for o in outputs if o["type"] == "stream")


def images_in(outputs: list[dict]) -> int:
    return sum(1 for o in outputs if "image/png" in o.get("data", {}))


def memory_of(proc: psutil.Process) -> dict[str, float]:
    """RSS and PSS (MiB) of a server and its kernels (PSS shares common pages fairly), the
    server's own RSS, and the CPU seconds the server and its kernels have used so far."""
    rss = pss = cpu = 0.0
    server_rss = proc.memory_info().rss
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            info = p.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
            times = p.cpu_times()
            cpu += times.user + times.system
    return {"rss_mib": rss / 2**20, "pss_mib": pss / 2**20, "server_rss_mib": server_rss / 2**20, "cpu_s": cpu}


def sanitize_name(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", text.lower())
