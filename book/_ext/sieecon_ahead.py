"""Execute the book's notebooks ahead of reading, while Sphinx reads the other pages.

myst-nb executes a notebook when Sphinx reaches it in the reading order, and Sphinx waits for it: the
kernel uses one core while the other sits idle, and the build's own work (starting Sphinx, autodoc, the
ledger, the glossary, the data catalogue) comes on top of the notebooks' execution time. This extension
starts every notebook that the execution cache does not hold yet as soon as Sphinx knows what it will read
(``env-before-read-docs``), each in a forked child of the build process (at most one kernel per core), and
moves those pages to the end of the reading order. When Sphinx reaches such a page (``source-read``), it
waits for its notebook; myst-nb then finds the outputs in the cache, exactly as after a previous build.

The execution is myst-nb's own (``jupyter_cache.executors.utils.single_nb_execution`` with the same
notebook, working directory, timeout and error policy, stored in the same cache under the same key), so
the pages are the same as without this extension. A notebook that fails here is not cached: myst-nb then
executes it again in the usual way and reports the error with its traceback, as it always did.

Only in ``cache`` execution mode, not in a parallel (``-j``) build, only when Sphinx reads more than one page
(with nothing to read meanwhile, myst-nb executes the page as fast), and only where the children can be
forked (not on Windows, not while the build runs other threads). ``SIEECON_EXECUTE_AHEAD=0`` turns it off;
``SIEECON_EXECUTE_WORKERS`` sets how many notebooks run at once (default: the number of cores).
"""

from __future__ import annotations

import os
import time
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx


logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What happened to a notebook executed ahead of reading."""

    seconds: float
    cached: bool
    error: str | None = None


@dataclass
class Job:
    """A notebook to execute ahead: its page, source, notebook (as myst-nb reads it) and settings."""

    docname: str
    path: Path
    notebook: Any
    nb_config: Any
    read_fmt: dict[str, Any] | None

    @property
    def cache(self) -> str:
        """The execution cache's folder, as myst-nb resolves it."""
        return str(self.nb_config.execution_cache_path or ".jupyter_cache")


class Ahead:
    """The notebooks being executed ahead of reading, by page.

    Everything happens on Sphinx's main thread: children are forked when the jobs are planned and, as
    slots free up, whenever a page is read; a page's result is collected when Sphinx reaches it.
    """

    def __init__(self) -> None:
        self.queue: list[Job] = []
        self.running: dict[str, Child] = {}
        self.jobs: dict[str, Job] = {}

    def workers(self) -> int:
        raw = os.environ.get("SIEECON_EXECUTE_WORKERS", "")
        if raw:
            try:
                n = int(raw)
            except ValueError:
                raise ValueError(f"SIEECON_EXECUTE_WORKERS must be a whole number, got {raw!r}") from None
            if n < 1:
                raise ValueError(f"SIEECON_EXECUTE_WORKERS must be at least 1, got {n}")
            return n
        return max(1, os.cpu_count() or 1)

    def start(self, jobs: list[Job]) -> None:
        for job in jobs:
            self.jobs[job.docname] = job
            self.queue.append(job)
        self.fill()

    def fill(self) -> None:
        """Start queued jobs while fewer than :meth:`workers` children run (finished ones are reaped)."""
        for child in list(self.running.values()):
            child.poll()
        busy = sum(1 for c in self.running.values() if c.outcome is None)
        limit = self.workers() if self.queue else 0
        while self.queue and busy < limit:
            job = self.queue.pop(0)
            self.running[job.docname] = Child(job)
            busy += 1

    def wait(self, docname: str) -> None:
        job = self.jobs.get(docname)
        if job is None:
            self.fill()
            return
        if job in self.queue:  # needed now: start it whatever the other children are doing
            self.queue.remove(job)
            self.running[docname] = Child(job)
        t0 = time.perf_counter()
        outcome = self.running.pop(docname).result()
        waited = time.perf_counter() - t0
        del self.jobs[docname]
        self.fill()
        if outcome.cached:
            # The wording keeps the line that myst-nb writes for an execution ("Executed notebook in").
            logger.info(f"{job.path}: Executed notebook in {outcome.seconds:.2f} seconds, ahead of reading "
                        f"(waited {waited:.2f} s for it) [sieecon]")
        else:
            logger.info(f"{job.path}: execution ahead of reading failed ({outcome.error}); myst-nb executes it "
                        f"again and reports the error [sieecon]")

    def stop(self) -> None:
        """Forget what has not started and end what still runs (a build that stopped early)."""
        self.queue.clear()
        for child in self.running.values():
            child.kill()
        self.running.clear()
        self.jobs.clear()


AHEAD = Ahead()


class Child:
    """A forked copy of the build process executing one job (see :func:`run`), with a pipe for its result.

    A fork rather than a new interpreter: the child starts with jupyter-cache, nbclient and nbformat
    already imported (a new interpreter spent about 0.8 s importing them), and it never competes with
    Sphinx for Python's global lock. Forking is safe here because Sphinx reads on a single thread and
    the child leaves with ``os._exit`` without returning into Sphinx.
    """

    def __init__(self, job: Job) -> None:
        self.outcome: Outcome | None = None
        self.t0 = time.perf_counter()
        self._chunks: list[bytes] = []
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_fd)
            _child_main(job, write_fd)
        os.close(write_fd)
        self.pid = pid
        self.fd = read_fd
        os.set_blocking(read_fd, False)

    def _drain(self, block: bool) -> bool:
        """Read what the child wrote; True at end of file (the child closed the pipe: it is done)."""
        import select

        while True:
            if block:
                select.select([self.fd], [], [])
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return False
            if not chunk:
                return True
            self._chunks.append(chunk)

    def _finish(self) -> Outcome:
        import json

        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        try:
            out = json.loads(b"".join(self._chunks))
            self.outcome = Outcome(float(out["seconds"]), bool(out["cached"]), out.get("error"))
        except (KeyError, TypeError, ValueError):
            code = os.waitstatus_to_exitcode(status)
            self.outcome = Outcome(time.perf_counter() - self.t0, False, f"the child ended with exit {code}")
        return self.outcome

    def poll(self) -> Outcome | None:
        """The outcome if the child has finished (without waiting), else None."""
        if self.outcome is None and self._drain(block=False):
            self._finish()
        return self.outcome

    def result(self) -> Outcome:
        """Wait for the child and return its outcome."""
        if self.outcome is None:
            while not self._drain(block=True):
                pass
            self._finish()
        assert self.outcome is not None
        return self.outcome

    def kill(self) -> None:
        """End the child if it still runs; its kernel then exits by itself (it watches its parent)."""
        import signal

        if self.outcome is not None:
            return
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        with suppress(OSError):
            os.close(self.fd)
        with suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.outcome = Outcome(time.perf_counter() - self.t0, False, "stopped")


def _child_main(job: Job, write_fd: int) -> None:
    """In the forked child: run the job, write its outcome as JSON to ``write_fd``, and leave."""
    import json
    import signal

    try:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the kernel's own chatter must not reach the build's output
            os.dup2(null, fd)
        result = run(job)
        os.write(write_fd, json.dumps(result).encode())
    finally:
        os._exit(0)


def plan(docname: str, path: Path, env: Any) -> Job | None:
    """The job for a page, or None: not a notebook, not executed in cache mode, or already in the cache.

    The notebook and its settings are derived exactly as myst-nb's parser derives them (reader by suffix,
    notebook-level ``mystnb`` metadata, kernel aliases, execution exclude patterns).
    """
    import re

    from jupyter_cache import get_cache
    from myst_nb.core.read import create_nb_reader
    from myst_nb.core.nb_to_tokens import nb_node_to_dict

    nb_config = env.mystnb_config
    content = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, nb_config, content)
    if reader is None:
        return None
    notebook = reader.read(content)
    kernel_name = notebook.metadata.get("kernelspec", {}).get("name", None)
    if kernel_name is not None and nb_config.kernel_rgx_aliases:
        for rgx, alias in nb_config.kernel_rgx_aliases.items():
            if re.fullmatch(rgx, kernel_name):
                notebook.metadata["kernelspec"]["name"] = alias
                break
    if nb_config.metadata_key in notebook.metadata:
        overrides = nb_node_to_dict(notebook.metadata[nb_config.metadata_key])
        overrides.pop("output_folder", None)
        try:
            nb_config = nb_config.copy(**overrides)
        except Exception:  # noqa: BLE001 -- myst-nb warns about it when it reads the page
            return None
    if nb_config.execution_mode != "cache":
        return None
    posix = PurePosixPath(path.as_posix())
    if any(posix.match(p) for p in nb_config.execution_excludepatterns or ()):
        return None
    job = Job(docname, path, notebook, nb_config, reader.read_fmt)
    with suppress(KeyError):
        get_cache(job.cache).match_cache_notebook(notebook)
        return None
    return job


def execute(job: Job) -> Outcome:
    """Execute a job's notebook in a forked child (see :class:`Child`) and wait for its outcome."""
    return Child(job).result()


def run(job: Job) -> dict[str, Any]:
    """Execute one notebook as myst-nb's cache mode does, and cache it if it succeeds (in the child).

    Returns seconds, cached (bool) and error.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord
    from jupyter_cache.executors.utils import single_nb_execution

    t0 = time.perf_counter()
    cfg = job.nb_config
    try:
        cache = get_cache(job.cache)  # a new database engine: the parent's is never used in the child
        if job.read_fmt is not None:
            record = cache.add_nb_to_project(str(job.path), read_data=job.read_fmt)
        else:
            record = cache.add_nb_to_project(str(job.path))
        NbProjectRecord.remove_tracebacks([record.pk], cache.db)
        where = TemporaryDirectory() if cfg.execution_in_temp else nullcontext(str(job.path.parent))
        with where as cwd:
            result = single_nb_execution(job.notebook, cwd=os.path.abspath(cwd),
                                         allow_errors=bool(cfg.execution_allow_errors),
                                         timeout=cfg.execution_timeout, meta_override=True)
        if result.err is not None:
            return {"seconds": result.time, "cached": False, "error": type(result.err).__name__}
        cache.cache_notebook_bundle(CacheBundleIn(job.notebook, record.uri, data={"execution_seconds": result.time}),
                                    check_validity=False, overwrite=True)
        return {"seconds": result.time, "cached": True, "error": None}
    except Exception as exc:  # noqa: BLE001 -- myst-nb executes the page again and reports it
        return {"seconds": time.perf_counter() - t0, "cached": False, "error": f"{type(exc).__name__}: {exc}"[:200]}


def _can_fork() -> bool:
    """True where the children can be forked: a system with ``fork`` and a build running a single thread."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def on_env_before_read_docs(app: Sphinx, env: Any, docnames: list[str]) -> None:
    if os.environ.get("SIEECON_EXECUTE_AHEAD", "1") == "0" or app.parallel > 1:
        return
    if len(docnames) < 2:
        return  # nothing to read meanwhile: myst-nb executes the page as fast, without a second parse
    if not _can_fork():
        return  # no fork (Windows), or other threads run (not safe to fork): myst-nb executes as usual
    cfg = getattr(env, "mystnb_config", None)
    if cfg is None or cfg.execution_mode != "cache":
        return
    jobs = []
    for docname in docnames:
        job = plan(docname, Path(env.doc2path(docname)), env)
        if job is not None:
            jobs.append(job)
    if not jobs:
        return
    logger.info(f"[sieecon] executing {len(jobs)} notebook(s) ahead of reading: "
                + ", ".join(j.docname for j in jobs))
    AHEAD.start(jobs)
    # Read the other pages first, while the kernels run.
    ahead = {j.docname for j in jobs}
    docnames[:] = [d for d in docnames if d not in ahead] + [d for d in docnames if d in ahead]


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    AHEAD.wait(docname)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    AHEAD.stop()


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", on_env_before_read_docs)
    # Before any other handler sees the source: the page's notebook must be in the cache first.
    app.connect("source-read", on_source_read, priority=0)
    app.connect("build-finished", on_build_finished)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


