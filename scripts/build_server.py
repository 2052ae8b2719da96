"""A build server: keeps the book's toolchain imported between builds, as Gradle's daemon does.

Starting a build costs more than a second before Sphinx reads a single page: Python imports jupyter-book,
Sphinx, myst-nb (with jupyter-cache and SQLAlchemy), the theme and a dozen extensions. After an edit of
one chapter that start-up was a third of the whole rebuild. The first build starts this server in the
background; it imports the toolchain once and then, for every build, forks a fresh child that runs the
build exactly as a new process would: in the caller's working directory, with the caller's environment,
arguments, standard output and error, and exit code. Each build still starts from a clean state (a new
Sphinx application in a new process); only third-party modules are shared. The book's own code (the
``sieecon`` package, the Sphinx extension in ``book/_ext``) is never imported by the server, so every
build sees the current version of it.

- One server per Python environment and version of this file (the key hashes the interpreter, the list
  of installed distributions and this file). Its socket lives in a private folder (mode 700) under
  ``$XDG_RUNTIME_DIR`` or the temporary folder; ``SIEECON_BUILD_SERVER_DIR`` overrides that.
- It exits after ``SIEECON_BUILD_SERVER_IDLE`` seconds without a build (default 600).
- ``SIEECON_BUILD_SERVER=0`` turns it off: builds then start their own process, as before. So does any
  failure to reach it: the server only ever makes a build faster, never different.
- ``python scripts/build.py stop-server`` stops it (``make clean`` does).

Used by ``scripts/build.py``; ``python scripts/build_server.py serve PATH`` is how it starts itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve()

#: The modules the server imports once: the toolchain, never the book's own code.
PRELOAD = (
    "jupyter_book.cli.main", "jupyter_book.config", "jupyter_book.sphinx", "sphinx.application",
    "sphinx.builders.html", "sphinx.builders.latex", "sphinx.ext.autodoc", "sphinx.ext.napoleon",
    "sphinx.ext.mathjax", "sphinx.search.en", "sphinx.writers.html5", "sphinx.writers.latex",
    "myst_parser.sphinx_ext.main", "myst_nb.sphinx_ext", "myst_nb.core.read", "jupyter_cache", "nbclient",
    "nbformat", "sphinx_book_theme", "pydata_sphinx_theme", "sphinx_exercise", "sphinxcontrib.bibtex",
    "pybtex.plugin", "sphinx_design", "sphinx_togglebutton", "sphinx_copybutton", "sphinx_comments",
    "sphinx_external_toc", "sphinx_multitoc_numbering", "sphinx_thebe", "sphinx_jupyterbook_latex",
    "pygments.lexers.python", "docutils.parsers.rst",
)
MAX_HEADER = 1 << 22


def enabled() -> bool:
    return os.environ.get("SIEECON_BUILD_SERVER", "1") != "0"


def idle_seconds() -> float:
    raw = os.environ.get("SIEECON_BUILD_SERVER_IDLE", "600")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"SIEECON_BUILD_SERVER_IDLE must be a number of seconds, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"SIEECON_BUILD_SERVER_IDLE must be positive, got {value:g}")
    return value


def key() -> str:
    """What a server is valid for: this interpreter, its installed distributions and this file."""
    import site

    h = hashlib.sha256()
    h.update(sys.executable.encode())
    h.update(sys.version.encode())
    for folder in sorted(set(site.getsitepackages() + [site.getusersitepackages()])):
        with contextlib.suppress(OSError):
            h.update("\n".join(sorted(os.listdir(folder))).encode())
    h.update(HERE.read_bytes())
    return h.hexdigest()


def runtime_dir() -> Path:
    """The private folder of this user's build servers (created with mode 700, refused if not ours)."""
    base = os.environ.get("SIEECON_BUILD_SERVER_DIR")
    path = Path(base) if base else Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()) / (
        f"sieecon-build-{os.getuid()}")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = path.stat()
    if st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise PermissionError(f"{path} must belong to this user and be private (mode 700)")
    return path


def socket_path() -> Path:
    return runtime_dir() / f"{key()[:24]}.sock"


def _connect(path: Path) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    return sock


def _spawn(path: Path) -> None:
    """Start a server for ``path`` in its own session, detached from the caller's terminal and pipes."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # it imports the toolchain only
    with open(path.with_suffix(".log"), "wb") as log:  # one log per server, the last one
        subprocess.Popen([sys.executable, str(HERE), "serve", str(path)], stdin=subprocess.DEVNULL, stdout=log,
                         stderr=subprocess.STDOUT, start_new_session=True, close_fds=True, env=env,
                         cwd=str(path.parent))


def request(task: str, argv: list[str], out_fd: int, *, env: dict[str, str] | None = None, cwd: str | None = None,
            start: bool = True, wait: float = 60.0) -> int | None:
    """Run ``task`` (see :data:`TASKS`) with ``argv`` in a child of the server, its output going to ``out_fd``.

    The child runs in ``cwd`` with the environment ``env`` (default: this process's).

    Returns the child's exit code, or None when the server cannot be used (turned off, not running and
    ``start`` is false, or not reachable): the caller then runs the task itself.
    """
    if not enabled():
        return None
    try:
        path = socket_path()
        conn = _connect(path)
        if conn is None and start:
            _spawn(path)
            deadline = time.monotonic() + wait
            while conn is None and time.monotonic() < deadline:
                time.sleep(0.02)
                conn = _connect(path)
        if conn is None:
            return None
    except OSError:
        return None
    with conn:
        header = json.dumps({"task": task, "argv": argv, "cwd": cwd or os.getcwd(), "scripts": str(HERE.parent),
                             "env": dict(os.environ if env is None else env)}).encode()
        try:
            socket.send_fds(conn, [len(header).to_bytes(8, "big") + header], [out_fd])
            reader = conn.makefile("rb")
            first = reader.readline()
        except OSError:
            return None
        if not first:
            return None
        pid = json.loads(first)["pid"]
        previous = {}

        def forward(signum: int, frame: Any) -> None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(ValueError):  # not the main thread
                previous[sig] = signal.signal(sig, forward)
        try:
            last = reader.readline()
        except OSError:
            last = b""
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if not last:
            return 1  # the server went away mid-build
        return int(json.loads(last)["exit"])


def stop(wait: float = 10.0) -> bool:
    """Stop this environment's server if one runs; True when one was stopped.

    Returns once the server has removed its socket (or after ``wait`` seconds), so that the next build
    starts a new server rather than reaching the one that is shutting down.
    """
    try:
        path = socket_path()
        conn = _connect(path)
    except OSError:
        return False
    if conn is None:
        return False
    with conn:
        header = json.dumps({"task": "stop"}).encode()
        try:
            conn.sendall(len(header).to_bytes(8, "big") + header)
            stopped = conn.recv(16) == b"ok"
        except OSError:  # it was shutting down already
            stopped = False
    deadline = time.monotonic() + wait
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return stopped


# ----------------------------------------------------------------------------------------------------
# The server
# ----------------------------------------------------------------------------------------------------


def _probe(argv: list[str], scripts: str) -> None:
    """A task for tests and diagnostics: print what a build would see, and exit with ``argv[0]``."""
    print(json.dumps({"cwd": os.getcwd(), "argv": argv, "env": os.environ.get("SIEECON_PROBE"),
                      "path0": sys.path[:2], "pid": os.getpid()}), flush=True)
    os._exit(int(argv[0]) if argv else 0)


def _jupyter_book(argv: list[str], scripts: str) -> None:
    """Run jupyter-book through the caller's own scripts/build.py (its copy may differ from the server's)."""
    sys.path.insert(0, scripts)
    import build

    sys.path.remove(scripts)
    build.run_jupyter_book(argv)


#: What a child may be asked to run.
TASKS: dict[str, Callable[[list[str], str], None]] = {"jupyter-book": _jupyter_book, "probe": _probe}


def _read_request(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 16, 4)
    if len(data) < 8:
        raise ValueError("short request")
    size = int.from_bytes(data[:8], "big")
    if size > MAX_HEADER:
        raise ValueError("request too large")
    body = data[8:]
    while len(body) < size:
        chunk = conn.recv(size - len(body))
        if not chunk:
            raise ValueError("truncated request")
        body += chunk
    return json.loads(body), list(fds)


def _child(req: dict[str, Any], out_fd: int, server_path: list[str]) -> None:
    """In the forked child: become the caller's build process, then run the task (which exits)."""
    try:
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.close(out_fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(line_buffering=True)  # type: ignore[union-attr]
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        # sys.path as a fresh interpreter with the caller's PYTHONPATH would have it.
        extra = [p for p in req["env"].get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:] = extra + server_path
        import random
        import tempfile as _tempfile

        random.seed()
        _tempfile._name_sequence = None  # type: ignore[attr-defined]
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        TASKS[req["task"]](list(req["argv"]), str(req["scripts"]))
    except SystemExit as exc:
        os._exit(exc.code if isinstance(exc.code, int) else 1)
    except BaseException:  # noqa: BLE001 -- report it on the caller's output, never return into the server
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    os._exit(0)


def serve(path: Path) -> None:
    """Import the toolchain, then run builds for callers until idle (see the module's docstring)."""
    import importlib
    import threading

    idle = idle_seconds()
    if HERE.parent.as_posix() in sys.path:
        sys.path.remove(HERE.parent.as_posix())
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    if threading.active_count() != 1:
        raise RuntimeError("an imported module started a thread: forking would not be safe")
    if any(m == "sieecon" or m.startswith("sieecon.") for m in sys.modules):
        raise RuntimeError("the server must not import the book's own code")
    server_path = list(sys.path)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(tmp))
    os.chmod(tmp, 0o600)
    sock.listen(16)
    os.replace(tmp, path)  # ready: callers can connect from now on
    inode = path.stat().st_ino
    sock.settimeout(idle)
    print(f"{time.strftime('%H:%M:%S')} build server {os.getpid()} ready at {path}", flush=True)
    try:
        while True:
            try:
                conn, _ = sock.accept()
            except socket.timeout:
                break
            with conn:
                conn.settimeout(None)
                try:
                    req, fds = _read_request(conn)
                except (ValueError, OSError) as exc:
                    print(f"bad request: {exc}", flush=True)
                    continue
                if req.get("task") == "stop":
                    conn.sendall(b"ok")
                    break
                if req.get("task") not in TASKS or len(fds) != 1:
                    for fd in fds:
                        os.close(fd)
                    continue
                pid = os.fork()
                if pid == 0:
                    sock.close()
                    conn.close()
                    _child(req, fds[0], server_path)
                os.close(fds[0])
                with contextlib.suppress(OSError):
                    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                _, status = os.waitpid(pid, 0)
                code = os.waitstatus_to_exitcode(status)
                with contextlib.suppress(OSError):
                    conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
    finally:
        sock.close()
        with contextlib.suppress(OSError):
            if path.stat().st_ino == inode:
                path.unlink()
        print(f"{time.strftime('%H:%M:%S')} build server {os.getpid()} stopped", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(Path(sys.argv[2]))
    else:
        sys.exit("usage: build_server.py serve SOCKET_PATH (started by scripts/build.py)")
