"""The build's own machinery: executing notebooks ahead of reading, pybtex's plugin look-ups, the
fingerprint that decides what to rebuild, and the cached tables behind the ledger."""

from __future__ import annotations

import importlib
import json
import os
import time
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "book" / "_ext"
PILOT = ROOT / "book" / "chapters" / "financing-exports.md"


def _extension(name: str):
    """A module of the book's Sphinx extension (book/_ext), imported as Sphinx imports it."""
    sys.path.insert(0, str(EXT))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(EXT))


@pytest.fixture(scope="module")
def ahead():
    return _extension("sieecon_ahead")


def _env(cache: Path) -> SimpleNamespace:
    """The two configurations myst-nb keeps on Sphinx's environment, as the book sets them."""
    from myst_nb.core.config import NbParserConfig
    from myst_parser.config.main import MdParserConfig

    md = MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "amsmath", "deflist", "substitution",
                                           "attrs_inline", "html_image"})
    nb = NbParserConfig(execution_mode="cache", execution_cache_path=str(cache))
    return SimpleNamespace(myst_config=md, mystnb_config=nb)


def test_plan_executes_an_uncached_notebook_and_skips_plain_pages(ahead, tmp_path):
    env = _env(tmp_path / "cache")
    job = ahead.plan("chapters/financing-exports", PILOT, env)
    assert job is not None and job.path == PILOT
    assert job.notebook.metadata["kernelspec"]["name"] == "python3"
    assert job.read_fmt == {"type": "plugin", "name": "myst_nb_md"}
    assert ahead.plan("intro", ROOT / "book" / "intro.md", env) is None


def test_plan_respects_the_execution_mode_and_exclude_patterns(ahead, tmp_path):
    env = _env(tmp_path / "cache")
    env.mystnb_config = env.mystnb_config.copy(execution_mode="off")
    assert ahead.plan("chapters/financing-exports", PILOT, env) is None
    env = _env(tmp_path / "cache")
    env.mystnb_config = env.mystnb_config.copy(execution_excludepatterns=["*financing-exports.md"])
    assert ahead.plan("chapters/financing-exports", PILOT, env) is None


def _notebook_page(folder: Path, code: str) -> Path:
    page = folder / "page.md"
    page.write_text("---\njupytext:\n  text_representation:\n    format_name: myst\n"
                    "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n# A page\n\n"
                    f"```{{code-cell}} ipython3\n{code}\n```\n", encoding="utf-8")
    return page


@pytest.mark.slow
def test_execute_caches_the_notebook_under_myst_nbs_key(ahead, tmp_path):
    env = _env(tmp_path / "cache")
    page = _notebook_page(tmp_path, "import os\nprint(os.getcwd())")
    job = ahead.plan("page", page, env)
    outcome = ahead.execute(job)
    assert outcome.cached and outcome.error is None and outcome.seconds > 0
    # Now the cache holds it: planning again finds nothing to do, and the output ran in the page's folder.
    assert ahead.plan("page", page, env) is None
    from jupyter_cache import get_cache

    cache = get_cache(str(tmp_path / "cache"))
    record = cache.match_cache_notebook(job.notebook)
    nb = cache.get_cache_bundle(record.pk).nb
    assert str(tmp_path) in nb.cells[0].outputs[0]["text"]


@pytest.mark.slow
def test_a_failing_notebook_is_left_to_myst_nb(ahead, tmp_path):
    env = _env(tmp_path / "cache")
    page = _notebook_page(tmp_path, "raise ValueError('on purpose')")
    outcome = ahead.execute(ahead.plan("page", page, env))
    assert not outcome.cached and outcome.error == "CellExecutionError"
    assert ahead.plan("page", page, env) is not None  # not cached: myst-nb executes it and reports the error


def test_a_child_that_fails_to_run_reports_an_error(ahead, tmp_path):
    """A job the child cannot even start (here: its cache folder is a file) comes back as an error."""
    env = _env(tmp_path / "cache")
    page = _notebook_page(tmp_path, "1 + 1")
    job = ahead.plan("page", page, env)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    job.nb_config = job.nb_config.copy(execution_cache_path=str(blocker))
    outcome = ahead.execute(job)
    assert outcome.cached is False and outcome.error


def test_a_child_that_dies_is_reported_with_its_exit_code(ahead, tmp_path, monkeypatch):
    env = _env(tmp_path / "cache")
    job = ahead.plan("page", _notebook_page(tmp_path, "1 + 1"), env)
    monkeypatch.setattr(ahead, "run", lambda job: os._exit(3))
    outcome = ahead.execute(job)
    assert outcome.cached is False and "exit" in outcome.error


def test_reading_order_puts_the_executing_pages_last(ahead, tmp_path, monkeypatch):
    env = _env(tmp_path / "cache")
    env.doc2path = lambda d: str(PILOT if d == "chapters/financing-exports" else ROOT / "book" / f"{d}.md")
    started = []
    monkeypatch.setattr(ahead.AHEAD, "start", lambda jobs: started.extend(j.docname for j in jobs))
    monkeypatch.setattr(ahead, "_can_fork", lambda: True)  # whatever threads other tests left
    app = SimpleNamespace(parallel=1)
    docnames = ["appendix/api", "chapters/financing-exports", "intro"]
    ahead.on_env_before_read_docs(app, env, docnames)
    assert started == ["chapters/financing-exports"]
    assert docnames == ["appendix/api", "intro", "chapters/financing-exports"]


def test_nothing_runs_ahead_when_a_single_page_is_read(ahead, tmp_path, monkeypatch):
    env = _env(tmp_path / "cache")
    env.doc2path = lambda d: str(PILOT)
    monkeypatch.setattr(ahead.AHEAD, "start", lambda jobs: pytest.fail("nothing to overlap with"))
    ahead.on_env_before_read_docs(SimpleNamespace(parallel=1), env, ["chapters/financing-exports"])


def test_ahead_can_be_turned_off_and_is_off_in_parallel_builds(ahead, tmp_path, monkeypatch):
    env = _env(tmp_path / "cache")
    env.doc2path = lambda d: str(PILOT if d == "chapters/financing-exports" else ROOT / "book" / f"{d}.md")
    monkeypatch.setattr(ahead.AHEAD, "start", lambda jobs: pytest.fail("should not start"))
    ahead.on_env_before_read_docs(SimpleNamespace(parallel=2), env, ["intro", "chapters/financing-exports"])
    monkeypatch.setenv("SIEECON_EXECUTE_AHEAD", "0")
    ahead.on_env_before_read_docs(SimpleNamespace(parallel=1), env, ["intro", "chapters/financing-exports"])


def test_nothing_is_forked_without_fork(ahead, tmp_path, monkeypatch):
    monkeypatch.delattr(ahead.os, "fork")
    assert not ahead._can_fork()


def test_nothing_is_forked_while_other_threads_run(ahead, tmp_path, monkeypatch):
    import threading

    env = _env(tmp_path / "cache")
    env.doc2path = lambda d: str(PILOT if d == "chapters/financing-exports" else ROOT / "book" / f"{d}.md")
    monkeypatch.setattr(ahead.AHEAD, "start", lambda jobs: pytest.fail("should not fork"))
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not ahead._can_fork()
    ahead.on_env_before_read_docs(SimpleNamespace(parallel=1), env, ["intro", "chapters/financing-exports"])


@pytest.mark.parametrize(("raw", "message"), [("two", "whole number"), ("0", "at least 1")])
def test_worker_count_is_validated(ahead, monkeypatch, raw, message):
    monkeypatch.setenv("SIEECON_EXECUTE_WORKERS", raw)
    with pytest.raises(ValueError, match=message):
        ahead.Ahead().workers()


def test_worker_count_defaults_to_the_cores(ahead, monkeypatch):
    monkeypatch.delenv("SIEECON_EXECUTE_WORKERS", raising=False)
    assert ahead.Ahead().workers() >= 1
    monkeypatch.setenv("SIEECON_EXECUTE_WORKERS", "3")
    assert ahead.Ahead().workers() == 3


def test_pybtex_lookups_are_memoised_and_give_the_same_plugins():
    ext = _extension("sieecon_sphinx")
    import pybtex.plugin as plugin

    before = plugin.find_plugin("pybtex.style.formatting", "plain")
    ext.memoise_pybtex_entry_points()
    ext.memoise_pybtex_entry_points()  # idempotent
    assert getattr(plugin.entry_points, "sieecon_memoised", False)
    assert plugin.find_plugin("pybtex.style.formatting", "plain") is before
    assert plugin.find_plugin("pybtex.database.input", filename="x.bib").__name__ == "Parser"
    with pytest.raises(plugin.PluginNotFound):
        plugin.find_plugin("pybtex.style.formatting", "no-such-style")


def test_fingerprint_ignores_build_outputs_and_sees_sources(tmp_path):
    from sieecon.book import fingerprint

    (tmp_path / "a.md").write_text("one")
    base = fingerprint(tmp_path)
    for skipped in ("_build", "_vendor", "__pycache__", ".ipynb_checkpoints"):
        (tmp_path / skipped / "deep").mkdir(parents=True)
        (tmp_path / skipped / "deep" / "x.txt").write_text("output")
    assert fingerprint(tmp_path) == base
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("two")
    assert fingerprint(tmp_path) != base


def test_glued_text_is_plain_text_only():
    from sieecon.book import Text

    assert not hasattr(Text("0.971"), "_repr_markdown_")
    assert repr(Text("−102.1")) == "−102.1"


def test_search_scripts_are_deferred_once():
    ext = _extension("sieecon_sphinx")
    page = ('<script src="../_static/searchtools.js"></script>\n<script src="../_static/language_data.js"></script>\n'
            '<script src="../searchindex.js"></script>\n<script src="../_static/doctools.js"></script>')
    once = ext.defer_search_scripts(page)
    assert once.count('defer="defer"') == 3 and '<script src="../_static/doctools.js">' in once
    assert ext.defer_search_scripts(once) == once


@pytest.mark.slow
def test_stop_ends_a_running_execution(ahead, tmp_path):
    env = _env(tmp_path / "cache")
    page = _notebook_page(tmp_path, "import time\ntime.sleep(60)")
    runner = ahead.Ahead()
    runner.start([ahead.plan("page", page, env)])
    (child,) = runner.running.values()
    time.sleep(1)
    t0 = time.monotonic()
    runner.stop()
    assert time.monotonic() - t0 < 30 and not runner.running
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)


def test_at_most_one_child_per_worker_and_the_rest_start_as_slots_free(ahead, tmp_path, monkeypatch):
    started = []

    class FakeChild:
        def __init__(self, job):
            started.append(job.docname)
            self.outcome = None

        def poll(self):
            return self.outcome

        def result(self):
            return ahead.Outcome(0.5, True)

    monkeypatch.setattr(ahead, "Child", FakeChild)
    monkeypatch.setenv("SIEECON_EXECUTE_WORKERS", "1")
    runner = ahead.Ahead()
    jobs = [SimpleNamespace(docname=d, path=Path(d)) for d in ("a", "b", "c")]
    runner.start(jobs)
    assert started == ["a"]
    runner.fill()
    assert started == ["a"]  # "a" still runs
    runner.running["a"].outcome = ahead.Outcome(1.0, True)
    runner.fill()
    assert started == ["a", "b"]
    runner.wait("c")  # needed now: started at once, whatever runs
    assert started == ["a", "b", "c"]


def test_builds_tune_the_garbage_collector():
    """scripts/build.py freezes what is imported and raises the collection thresholds (a fresh process)."""
    code = ("import gc, json, sys; sys.path.insert(0, 'scripts'); import build; before = gc.get_freeze_count(); "
            "build.tune_gc(); print(json.dumps([list(gc.get_threshold()), list(build.GC_THRESHOLDS), "
            "before, gc.get_freeze_count()]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    threshold, wanted, before, after = json.loads(out.stdout)
    assert threshold == wanted and wanted[0] > 700 and wanted[1] >= 10
    assert before == 0 and after > 0


def test_an_execution_cache_can_be_shared_through_the_environment(monkeypatch):
    ext = _extension("sieecon_sphinx")
    app = SimpleNamespace(add_css_file=lambda *a, **k: None)
    config = SimpleNamespace(nb_execution_cache_path="")
    monkeypatch.delenv("SIEECON_HIDE_SOLUTIONS", raising=False)
    monkeypatch.delenv("SIEECON_EXECUTION_CACHE", raising=False)
    ext.on_config_inited(app, config)
    assert config.nb_execution_cache_path == ""
    monkeypatch.setenv("SIEECON_EXECUTION_CACHE", "/somewhere/.jupyter_cache")
    ext.on_config_inited(app, config)
    assert config.nb_execution_cache_path == "/somewhere/.jupyter_cache"
