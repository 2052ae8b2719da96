"""Fast checks of the pure helpers of bench/run.py (the benchmark itself is never run here)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("sieecon_bench_run", ROOT / "bench" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


bench = _load()


@pytest.mark.parametrize(
    ("url", "mime", "rtype", "kind"),
    [
        ("http://127.0.0.1:8000/intro.html", "text/html", "Document", "html"),
        ("http://127.0.0.1:8000/", None, None, "html"),
        ("http://127.0.0.1:8000/_static/x.js?v=1", "application/javascript", "Script", "js"),
        ("http://127.0.0.1:8000/_static/x.js?v=1", "text/javascript; charset=utf-8", None, "js"),
        ("http://127.0.0.1:8000/_static/x.css", "text/css", "Stylesheet", "css"),
        ("http://127.0.0.1:8000/_images/f.png", "image/png", "Image", "images"),
        ("http://127.0.0.1:8000/_static/logo.svg", "image/svg+xml", None, "images"),
        ("http://127.0.0.1:8000/_static/fa.woff2", "font/woff2", "Font", "fonts"),
        ("http://127.0.0.1:8000/_static/fa.woff", "application/font-woff", None, "fonts"),
        # An unhelpful MIME type: the resource type decides, then the extension.
        ("http://127.0.0.1:8000/_static/mj.woff", "application/octet-stream", "Font", "fonts"),
        ("http://127.0.0.1:8000/_static/mj.woff", "application/octet-stream", None, "fonts"),
        ("http://127.0.0.1:8000/searchindex.js", None, None, "js"),
        ("http://127.0.0.1:8000/_static/data.json", "application/json", "Fetch", "other"),
        ("http://127.0.0.1:8000/objects.inv", None, None, "other"),
    ],
)
def test_classify_resource(url, mime, rtype, kind):
    assert bench.classify_resource(url, mime, rtype) == kind
    assert kind in bench.KINDS


@pytest.mark.parametrize(
    ("value", "op", "limit", "ok"),
    [(1.5, "<=", 1.5, True), (1.51, "<=", 1.5, False), (19.9, "<", 20, True), (20, "<", 20, False),
     (100, ">=", 100, True), (99, ">=", 100, False), (90, ">=", 90, True), (3, "==", 3, True)],
)
def test_compare(value, op, limit, ok):
    assert bench.compare(value, op, limit) is ok


def test_compare_rejects_unknown_operator():
    with pytest.raises(ValueError, match="op must be one of"):
        bench.compare(1, "=>", 2)


def test_check_status_lines():
    assert bench.Check("x", 0.3, "<", 0.5, "s").line().startswith("PASS")
    missed = bench.Check("x", 0.7, "<", 0.5, "s")
    assert missed.passed is False and missed.line().startswith("MISSED")
    unknown = bench.Check("x", None, "<", 0.5, "s")
    assert unknown.passed is None and unknown.line().startswith("N/A")
    assert bench.Check("r", 0.08, "<=", 0.10, "%").line() == "PASS   r: 8.0% (target <= 10.0%)"
    assert bench.Check("x", 0.7, "<", 0.5).to_json()["passed"] is False


def test_ratio():
    assert bench.ratio(3, 2) == 1.5
    assert bench.ratio(None, 2) is None
    assert bench.ratio(1, 0) is None


def _results():
    return {
        "build": {"cold_s": 100.0, "nbclient_total_s": 80.0, "nochange_s": 12.0, "onechapter_s": 20.0},
        "chapters": [{"doc": "chapters/financing-exports", "nbclient_s": 11.0, "build_exec_s": 9.0},
                     {"doc": "chapters/other", "nbclient_s": 15.0},
                     {"doc": "chapters/only-in-build", "nbclient_s": None, "build_exec_s": 25.0}],
        "import": {"best_s": 0.2},
        "lighthouse": {
            "site": [{"role": "intro", "page": "intro.html",
                      "scores": {"performance": 95, "accessibility": 100, "best-practices": 96, "seo": 89}},
                     {"role": "heaviest-1", "page": "chapters/x.html",
                      "scores": {"performance": 80, "accessibility": 93, "best-practices": 100, "seo": 90}},
                     {"role": "heaviest-2", "page": "chapters/y.html", "error": "lighthouse exit 1"}],
            "default_book": [{"role": "intro", "page": "intro.html",
                              "scores": {"performance": 100, "accessibility": 100, "best-practices": 96,
                                         "seo": 90}}],
        },
    }


def test_build_checks_targets():
    checks = {c.name: c for c in bench.build_checks(_results(), pilot="chapters/financing-exports")}
    overhead = checks["build overhead (cold build / nbclient alone)"]
    assert overhead.value == pytest.approx(1.25) and overhead.passed
    nochange = checks["no-change rebuild / cold build"]
    assert nochange.value == pytest.approx(0.12) and nochange.passed is False
    assert checks["one-chapter-changed rebuild / cold build"].passed  # 20% <= 25%
    pilot = checks["execution of chapters/financing-exports (pilot)"]
    assert pilot.limit == 10 and pilot.value == 11.0 and pilot.passed is False  # nbclient time is used
    assert checks["execution of chapters/other"].passed  # 15 s < 20 s
    assert checks["execution of chapters/only-in-build"].value == 25.0  # falls back to the build's time
    assert checks["import sieecon (best of 5)"].passed
    assert checks["lighthouse accessibility intro.html"].passed
    assert checks["lighthouse performance intro.html"].passed
    assert checks["lighthouse performance intro.html vs default book (intro.html)"].passed is False
    assert checks["lighthouse seo intro.html vs default book (intro.html)"].passed is False
    assert checks["lighthouse best-practices intro.html vs default book (intro.html)"].passed
    assert checks["lighthouse accessibility chapters/x.html"].passed is False
    assert checks["lighthouse performance chapters/x.html"].passed is False
    # No default-book page in the same role: no comparison, but the absolute targets stay.
    assert not any("chapters/x.html vs default" in n for n in checks)
    assert checks["lighthouse chapters/y.html"].passed is None


def test_build_checks_quick_mode_has_no_build_figures():
    res = _results()
    del res["build"]
    names = [c.name for c in bench.build_checks(res)]
    assert not any("rebuild" in n or "overhead" in n for n in names)


def test_toc_files():
    toc = {"format": "jb-book", "root": "intro",
           "parts": [{"caption": "A", "chapters": [{"file": "chapters/a.md"},
                                                   {"file": "chapters/b", "sections": [{"file": "chapters/b1"}]}]},
                     {"caption": "R", "chapters": [{"file": "appendix/ledger"}]}]}
    assert bench.toc_files(toc) == ["intro", "chapters/a", "chapters/b", "chapters/b1", "appendix/ledger"]


def test_is_myst_notebook():
    nb = "---\njupytext:\n  formats: md:myst\nkernelspec:\n  name: python3\n---\n# T\n"
    assert bench.is_myst_notebook(nb)
    assert not bench.is_myst_notebook("# Title\n\nkernelspec: not front matter\n")
    assert not bench.is_myst_notebook("---\ntitle: x\n---\n# T\n")


def test_touch_markdown_leaves_code_cells_alone():
    src = "---\nkernelspec:\n  name: python3\n---\n# T\n\n```{code-cell} ipython3\n1 + 1\n```"
    out = bench.touch_markdown(src, "2026-01-01")
    assert out.startswith(src) and out != src
    added = out[len(src):]
    assert "code-cell" not in added and added.strip().startswith("%")


def test_copy_ignore(tmp_path):
    src = tmp_path / "src"
    for rel in ["book/intro.md", "book/_build/html/index.html", "book/_vendor/x.js", ".git/HEAD",
                ".venv/bin/python", "node_modules/a/b.js", "sieecon/__init__.py", "sieecon/__pycache__/x.pyc",
                "bench/run.py", "bench/results/latest.json", "bench/node_modules/x.js", "data/book/_build/keep.csv"]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("x")
    dst = tmp_path / "dst"
    shutil.copytree(src, dst, ignore=bench.copy_ignore(src))
    kept = sorted(p.relative_to(dst).as_posix() for p in dst.rglob("*") if p.is_file())
    assert kept == ["bench/run.py", "book/intro.md", "data/book/_build/keep.csv", "sieecon/__init__.py"]


def test_pick_lighthouse_pages():
    pages = [{"page": "intro.html", "total_bytes": 9_000_000},
             {"page": "genindex.html", "total_bytes": 8_000_000},
             {"page": "chapters/a.html", "total_bytes": 3_000_000},
             {"page": "chapters/b.html", "total_bytes": 5_000_000},
             {"page": "chapters/c.html", "total_bytes": 1_000_000},
             {"page": "appendix/ledger.html", "total_bytes": 7_000_000}]
    assert bench.pick_lighthouse_pages(pages, "intro") == [
        ("intro", "intro.html"), ("heaviest-1", "chapters/b.html"), ("heaviest-2", "chapters/a.html")]
    # One chapter only: the heaviest other content page fills the second slot.
    one = [p for p in pages if p["page"] not in ("chapters/a.html", "chapters/c.html")]
    assert bench.pick_lighthouse_pages(one, "intro")[1:] == [
        ("heaviest-1", "chapters/b.html"), ("heaviest-2", "appendix/ledger.html")]
    # The default book has no chapters/ folder.
    assert bench.pick_lighthouse_pages(pages, "intro", chapter_prefix=None)[1][1] == "appendix/ledger.html"


def _lhr():
    return {
        "categories": {
            "accessibility": {"score": 0.93, "auditRefs": [
                {"id": "color-contrast", "weight": 7}, {"id": "image-alt", "weight": 10},
                {"id": "label-content-name-mismatch", "weight": 0}, {"id": "manual", "weight": 0}]},
            "performance": {"score": 0.815, "auditRefs": [{"id": "largest-contentful-paint", "weight": 25},
                                                          {"id": "unused-javascript", "weight": 0}]},
            "best-practices": {"score": None, "auditRefs": []},
            "seo": {"score": 1.0, "auditRefs": []},
        },
        "audits": {
            "color-contrast": {"id": "color-contrast", "title": "Contrast", "score": 0,
                               "scoreDisplayMode": "binary",
                               "details": {"items": [{"node": {"snippet": "<a class=\"x\">t</a>",
                                                               "selector": "div > a.x", "nodeLabel": "t"}}]}},
            "image-alt": {"id": "image-alt", "score": 1, "scoreDisplayMode": "binary"},
            "label-content-name-mismatch": {"id": "label-content-name-mismatch", "title": "Labels", "score": 0,
                                            "scoreDisplayMode": "binary", "details": {"items": []}},
            "manual": {"id": "manual", "score": None, "scoreDisplayMode": "manual"},
            "largest-contentful-paint": {"id": "largest-contentful-paint", "title": "LCP", "score": 0.4,
                                         "scoreDisplayMode": "numeric", "displayValue": "4.1 s"},
            "unused-javascript": {"id": "unused-javascript", "title": "Unused JS", "score": 0.5,
                                  "scoreDisplayMode": "metricSavings",
                                  "details": {"items": [{"url": "http://127.0.0.1/x.js", "wastedBytes": 2048,
                                                         "totalBytes": 4096}]}},
        },
    }


def test_failing_audits_and_scores():
    lhr = _lhr()
    a11y = bench.failing_audits(lhr, "accessibility")
    assert [a["id"] for a in a11y] == ["color-contrast", "label-content-name-mismatch"]  # weighted first
    assert a11y[0]["weight"] == 7
    assert a11y[0]["items"] == ['<a class="x">t</a> [div > a.x] "t"']
    perf = bench.failing_audits(lhr, "performance")
    assert [a["id"] for a in perf] == ["largest-contentful-paint", "unused-javascript"]
    assert perf[1]["items"] == ["http://127.0.0.1/x.js wastedBytes=2.0 KB totalBytes=4.0 KB"]
    assert bench.failing_audits(lhr, "seo") == []
    assert bench.failing_audits({}, "seo") == []
    assert bench.lighthouse_scores(lhr) == {"performance": 82, "accessibility": 93, "best-practices": None,
                                            "seo": 100}


def test_audit_items_truncates():
    audit = {"details": {"items": [{"url": f"u{i}"} for i in range(12)]}}
    items = bench.audit_items(audit, max_items=3)
    assert items == ["u0", "u1", "u2", "... 9 more"]


def test_fmt_and_table():
    assert bench.fmt_bytes(512) == "512 B"
    assert bench.fmt_bytes(2048) == "2.0 KB"
    assert bench.fmt_bytes(3 * 1024 * 1024) == "3.0 MB"
    assert bench.fmt_bytes(None) == "n/a"
    out = bench.table([["a", "1.0 s"], ["long name", "12.5 s"]], ["name", "time"])
    lines = out.splitlines()
    assert lines[0].startswith("name") and set(lines[1]) <= {"-", " "}
    assert lines[2].endswith(" 1.0 s") and lines[3].endswith("12.5 s")  # numbers right-aligned
    assert len({len(x) for x in lines[1:]}) == 1


def test_doc_of_page():
    assert bench.doc_of_page("chapters/x.html") == "chapters/x"


def test_failed_measurements_are_missed():
    res = _results()
    res["build"]["cold"] = {"returncode": 1}
    res["chapters"][1]["error"] = "CellExecutionError: ValueError: boom"
    checks = {c.name: c for c in bench.build_checks(res, pilot="chapters/financing-exports")}
    overhead = checks["build overhead (cold build / nbclient alone)"]
    assert overhead.passed is False and "cold build exit 1" in overhead.error
    assert "nbclient failed on chapters/other" in overhead.error
    assert checks["no-change rebuild / cold build"].passed is False
    assert checks["execution of chapters/other"].passed is False  # 15 s, but it raised
    assert "ERROR: CellExecutionError" in checks["execution of chapters/other"].line()


def test_build_summary():
    line = bench.build_summary({"returncode": 0, "executed": 1, "cached": 2, "reread": ["appendix/ledger"]})
    assert line.startswith("exit 0, 1 executed, 2 from cache") and line.endswith("re-read 1: appendix/ledger")


def test_median_run():
    runs = [{"scores": {"performance": 95}, "n": 1}, {"error": "timeout"},
            {"scores": {"performance": 100}, "n": 3}, {"scores": {"performance": 97}, "n": 4}]
    chosen = bench.median_run(runs)
    assert chosen["n"] == 4 and chosen["runs"] == 4
    assert [s["performance"] for s in chosen["all_scores"]] == [95, 100, 97]
    assert bench.median_run([{"scores": {"performance": 90}}, {"scores": {"performance": 99}}])["scores"] == {
        "performance": 90}  # the lower middle for an even count
    assert bench.median_run([{"error": "x"}]) == {"error": "x"}
    with pytest.raises(ValueError, match="runs must not be empty"):
        bench.median_run([])


def test_audit_items_source_maps():
    audit = {"details": {"items": [{"scriptUrl": "http://h/x.js", "subItems": {"items": []}}]}}
    assert bench.audit_items(audit) == ["http://h/x.js: no source map"]


def test_median_ignores_missing_values():
    assert bench.median([3.0, None, 1.0, 2.0]) == 2.0
    assert bench.median([None, None]) is None
    assert bench.median([]) is None


def test_build_checks_prefer_the_rounds_own_ratios():
    res = _results()
    # Medians of times would give 100/80 = 1.25x; the median of the rounds' ratios is what is judged.
    res["build"]["ratios"] = {"build_overhead": 1.6, "rebuild_nochange": 0.05, "rebuild_onechapter": 0.3}
    checks = {c.name: c for c in bench.build_checks(res, pilot="chapters/financing-exports")}
    assert checks["build overhead (cold build / nbclient alone)"].value == 1.6
    assert checks["build overhead (cold build / nbclient alone)"].passed is False
    assert checks["no-change rebuild / cold build"].passed
    assert checks["one-chapter-changed rebuild / cold build"].value == 0.3


def test_build_summary_counts_notebooks_executed_ahead():
    line = bench.build_summary({"returncode": 0, "executed": 1, "executed_ahead": 1, "cached": 0})
    assert "1 executed (1 ahead of reading), 0 from cache" in line


def test_log_counts_tell_executions_ahead_from_cache_hits():
    log = "\n".join([
        "reading sources... [ 50%] appendix/api",
        "reading sources... [100%] chapters/a",
        "/b/chapters/a.md: Executed notebook in 6.64 seconds, ahead of reading (waited 1.13 s for it) [sieecon]",
        "/b/chapters/a.md: Using cached notebook: ID=1 [mystnb]",
        "/b/chapters/b.md: Using cached notebook: ID=2 [mystnb]",
        "/b/chapters/c.md: Executed notebook in 2.00 seconds [mystnb]",
    ])
    counts = bench.log_counts(log)
    assert counts["executed"] == 2 and counts["executed_ahead"] == 1 and counts["cached"] == 1
    assert counts["reread"] == ["appendix/api", "chapters/a"] and counts["warnings"] == 0


def test_a_missing_chromium_stops_the_bench_at_once_with_a_hint(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(bench, "measure_builds", lambda *a, **k: pytest.fail("no build without a browser"))
    assert bench.main(["--no-lighthouse"]) == 2
    out = capsys.readouterr().out
    assert "Chromium is missing" in out and "make bench" in out
