"""Execute the book's notebooks ahead of reading, while Sphinx reads the other pages.

myst-nb executes a notebook when Sphinx reaches it in the reading order, and Sphinx waits for it: the
kernel uses one core while the other sits idle, and the build's own work (starting Sphinx, autodoc, the
ledger, the glossary, the data catalogue) comes on top of the notebooks' execution time. This extension
starts every notebook that the execution cache does not hold yet as soon as Sphinx knows what it will read
(``env-before-read-docs``), each in a child process of its own (at most one kernel per core), and moves
those pages to the end of the reading order. When Sphinx reaches such a page (``source-read``), it waits for its notebook; myst-nb then
finds the outputs in the cache, exactly as after a previous build.

The execution is myst-nb's own (``jupyter_cache.executors.utils.single_nb_execution`` with the same
notebook, working directory, timeout and error policy, stored in the same cache under the same key), so
the pages are the same as without this extension. A notebook that fails here is not cached: myst-nb then
executes it again in the usual way and reports the error with its traceback, as it always did.

Only in ``cache`` execution mode, not in a parallel (``-j``) build, and only when Sphinx reads more than one
page (with nothing to read meanwhile, myst-nb executes the page as fast). ``SIEECON_EXECUTE_AHEAD=0`` turns
it off; ``SIEECON_EXECUTE_WORKERS`` sets how many notebooks run at once (default: the number of cores).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class _Logger:
    """Sphinx's logger, imported on first use (the child process does not import Sphinx)."""

    def info(self, msg: str) -> None:
        from sphinx.util import logging

        logging.getLogger(__name__).info(msg)


logger = _Logger()


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
    """The notebooks being executed ahead of reading, by page."""

    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None
        self.futures: dict[str, Future[Outcome]] = {}
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
        if not jobs:
            return
        self.pool = ThreadPoolExecutor(max_workers=min(self.workers(), len(jobs)),
                                       thread_name_prefix="sieecon-ahead")
        for job in jobs:
            self.jobs[job.docname] = job
            self.futures[job.docname] = self.pool.submit(execute, job)

    def wait(self, docname: str) -> None:
        future = self.futures.pop(docname, None)
        if future is None:
            return
        t0 = time.perf_counter()
        outcome = future.result()
        waited = time.perf_counter() - t0
        path = self.jobs[docname].path
        if outcome.cached:
            # The wording keeps the line that myst-nb writes for an execution ("Executed notebook in").
            logger.info(f"{path}: Executed notebook in {outcome.seconds:.2f} seconds, ahead of reading "
                        f"(waited {waited:.2f} s for it) [sieecon]")
        else:
            logger.info(f"{path}: execution ahead of reading failed ({outcome.error}); myst-nb executes it "
                        f"again and reports the error [sieecon]")

    def stop(self) -> None:
        """Cancel what has not started and end what still runs (a build that stopped early)."""
        if self.pool is not None:
            for future in self.futures.values():
                future.cancel()
            for proc in list(_RUNNING):
                with suppress(ProcessLookupError):
                    proc.terminate()
            self.pool.shutdown(wait=True)
            self.pool = None
        self.futures.clear()


AHEAD = Ahead()
#: The child processes executing notebooks right now.
_RUNNING: set[Any] = set()


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
    """Execute a job's notebook in a child process (see :func:`main`); runs in a worker thread.

    A child process rather than the thread itself: the thread would have to win Python's global lock from
    Sphinx for every message the kernel sends, which slowed the execution by a quarter.
    """
    import json
    import subprocess
    import sys
    import tempfile

    import nbformat

    cfg = job.nb_config
    order = {"path": str(job.path), "notebook": nbformat.writes(job.notebook),
             "cache": job.cache, "read_fmt": job.read_fmt,
             "in_temp": bool(cfg.execution_in_temp), "allow_errors": bool(cfg.execution_allow_errors),
             "timeout": cfg.execution_timeout}
    t0 = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as fh:
        json.dump(order, fh)
    try:
        proc = subprocess.Popen([sys.executable, __file__, fh.name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        _RUNNING.add(proc)
        try:
            stdout, stderr = proc.communicate()
        finally:
            _RUNNING.discard(proc)
    finally:
        os.unlink(fh.name)
    try:
        out = json.loads(stdout.strip().splitlines()[-1])
        return Outcome(float(out["seconds"]), bool(out["cached"]), out.get("error"))
    except (IndexError, KeyError, ValueError):
        tail = (stderr or stdout or "").strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        return Outcome(time.perf_counter() - t0, False, tail[0][:200])


def main(order_file: str) -> dict[str, Any]:
    """The child process: execute one notebook as myst-nb's cache mode does, and cache it if it succeeds.

    ``order_file`` is a JSON file with the notebook, its path, the cache's path and the execution settings.
    Prints a JSON line: seconds, cached (bool) and error.
    """
    import json

    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord
    from jupyter_cache.executors.utils import single_nb_execution

    t0 = time.perf_counter()
    try:
        order = json.loads(Path(order_file).read_text(encoding="utf-8"))
        notebook = nbformat.reads(order["notebook"], as_version=4)
        path = Path(order["path"])
        cache = get_cache(order["cache"])
        if order["read_fmt"] is not None:
            record = cache.add_nb_to_project(str(path), read_data=order["read_fmt"])
        else:
            record = cache.add_nb_to_project(str(path))
        NbProjectRecord.remove_tracebacks([record.pk], cache.db)
        where = TemporaryDirectory() if order["in_temp"] else nullcontext(str(path.parent))
        with where as cwd:
            result = single_nb_execution(notebook, cwd=os.path.abspath(cwd), allow_errors=order["allow_errors"],
                                         timeout=order["timeout"], meta_override=True)
        if result.err is not None:
            return {"seconds": result.time, "cached": False, "error": type(result.err).__name__}
        cache.cache_notebook_bundle(CacheBundleIn(notebook, record.uri, data={"execution_seconds": result.time}),
                                    check_validity=False, overwrite=True)
        return {"seconds": result.time, "cached": True, "error": None}
    except Exception as exc:  # noqa: BLE001 -- myst-nb executes the page again and reports it
        return {"seconds": time.perf_counter() - t0, "cached": False, "error": f"{type(exc).__name__}: {exc}"[:200]}


def on_env_before_read_docs(app: Sphinx, env: Any, docnames: list[str]) -> None:
    if os.environ.get("SIEECON_EXECUTE_AHEAD", "1") == "0" or app.parallel > 1:
        return
    if len(docnames) < 2:
        return  # nothing to read meanwhile: myst-nb executes the page as fast, without a second parse
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


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(main(sys.argv[1])))
