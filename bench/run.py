"""The benchmark suite of the sieecon book: build times, execution times, import time, page weight, Lighthouse.

    python bench/run.py            everything (copies the working tree, builds it cold and twice again)
    python bench/run.py --quick    only import time, page weights and Lighthouse on the existing
                                   book/_build/html (no builds) -- for fast iteration

It prints each figure with its target and PASS/MISSED, a table at the end, and writes every figure to
bench/results/latest.json (git-ignored). It always exits 0 when it could measure: it is a report, not a
test. Missed targets are printed as lines starting with "MISSED".

The user's build is never touched: the builds run in a private copy of the working tree (a temp dir without
.venv, node_modules, .git, book/_build and book/_vendor; .venv and node_modules are symlinked into it), with
PYTHONPATH set to the copy so that its own `sieecon` (and data) are imported, through the copy's own
`scripts/build.py html`.

Figures and targets (issue 12):
  1. cold build of the whole book (empty cache: every notebook executed) against the raw time of executing
     the same notebooks with nbclient alone; their ratio is the build overhead (target <= 1.5x);
  2. no-change rebuild (target <= 10% of cold) and rebuild after a markdown edit of one chapter
     (target <= 25% of cold);
  3. each chapter's execution time (target < 20 s; the pilot chapter < 10 s);
  4. `import sieecon` in a fresh interpreter, best of 5 (target < 0.5 s);
  5. page weight of every HTML page in Chromium, from 127.0.0.1 with every other request blocked, by kind;
  6. Lighthouse (performance, accessibility, best practices, SEO; default mobile emulation,
     --throttling-method=provided because the machine is loopback-only) on the intro and the two heaviest
     chapters, and on a freshly created default Jupyter Book as a baseline: accessibility 100,
     performance >= 90, and every score >= the default book's.

Only the standard library is imported at module level, so tests/test_bench_script.py can import the pure
helpers without the heavy tools.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import unquote, urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
LIGHTHOUSE_CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The pilot chapter (the first chapter written, document 000); its execution target is stricter.
PILOT = "chapters/financing-exports"
KINDS = ("html", "js", "css", "images", "fonts", "other")

#: Targets of issue 12. ``op`` reads "value op limit" passes.
TARGETS: dict[str, tuple[str, float]] = {
    "build_overhead": ("<=", 1.5),        # cold build / nbclient execution alone
    "rebuild_nochange": ("<=", 0.10),     # fraction of the cold build
    "rebuild_onechapter": ("<=", 0.25),   # fraction of the cold build
    "chapter_exec": ("<", 20.0),          # seconds
    "pilot_exec": ("<", 10.0),            # seconds
    "import": ("<", 0.5),                 # seconds
    "lh_accessibility": (">=", 100.0),
    "lh_performance": (">=", 90.0),
}

#: Paths copied into the private build tree are everything except these (relative to the root).
COPY_EXCLUDE_TOP = {".venv", "node_modules", ".git", ".stamps", ".pytest_cache", ".hypothesis"}
COPY_EXCLUDE_REL = {"book/_build", "book/_vendor", "bench/results", "bench/node_modules"}
COPY_EXCLUDE_ANY = {"__pycache__", ".ipynb_checkpoints"}


# ----------------------------------------------------------------------------------------------------
# Pure helpers (unit-tested in tests/test_bench_script.py)
# ----------------------------------------------------------------------------------------------------

_EXT_KIND = {
    ".html": "html", ".htm": "html",
    ".js": "js", ".mjs": "js",
    ".css": "css",
    ".png": "images", ".jpg": "images", ".jpeg": "images", ".gif": "images", ".svg": "images",
    ".webp": "images", ".avif": "images", ".ico": "images", ".bmp": "images",
    ".woff": "fonts", ".woff2": "fonts", ".ttf": "fonts", ".otf": "fonts", ".eot": "fonts",
}
_TYPE_KIND = {"document": "html", "script": "js", "stylesheet": "css", "image": "images", "font": "fonts"}


def classify_resource(url: str, mime: str | None = None, resource_type: str | None = None) -> str:
    """The kind of a loaded resource: one of ``KINDS`` (html, js, css, images, fonts, other).

    The MIME type decides first, then the browser's resource type, then the file extension of the URL.
    """
    m = (mime or "").split(";")[0].strip().lower()
    if m in ("text/html", "application/xhtml+xml"):
        return "html"
    if m in ("text/javascript", "application/javascript", "application/x-javascript", "text/ecmascript",
             "application/ecmascript", "module"):
        return "js"
    if m == "text/css":
        return "css"
    if m.startswith("image/"):
        return "images"
    if m.startswith("font/") or m in ("application/font-woff", "application/font-woff2",
                                       "application/x-font-woff", "application/vnd.ms-fontobject",
                                       "application/x-font-ttf", "application/x-font-otf"):
        return "fonts"
    t = (resource_type or "").strip().lower()
    if t in _TYPE_KIND:
        return _TYPE_KIND[t]
    path = unquote(urlsplit(url).path).lower()
    ext = os.path.splitext(path)[1]
    if ext in _EXT_KIND:
        return _EXT_KIND[ext]
    if path.endswith("/"):
        return "html"
    return "other"


@dataclass
class Check:
    """One figure against its target."""

    name: str
    value: float | None
    op: str
    limit: float
    unit: str = ""
    note: str = ""
    #: Set when what was measured failed (a failing build, a chapter that raised): the check is missed.
    error: str = ""

    @property
    def passed(self) -> bool | None:
        """True/False, or None when the figure could not be measured."""
        if self.error:
            return False
        if self.value is None:
            return None
        return compare(self.value, self.op, self.limit)

    def line(self) -> str:
        status = {True: "PASS  ", False: "MISSED", None: "N/A   "}[self.passed]
        val = "n/a" if self.value is None else fmt_value(self.value, self.unit)
        note = f"  ({self.note})" if self.note else ""
        if self.error:
            note += f"  ERROR: {self.error}"
        return f"{status} {self.name}: {val} (target {self.op} {fmt_value(self.limit, self.unit)}){note}"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["passed"] = self.passed
        return d


def compare(value: float, op: str, limit: float) -> bool:
    """``value op limit`` for op in <, <=, >, >=, ==."""
    ops = {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit,
           "==": value == limit}
    if op not in ops:
        raise ValueError(f"op must be one of {sorted(ops)}, got {op!r}")
    return ops[op]


def fmt_value(v: float, unit: str) -> str:
    if unit == "s":
        return f"{v:.3f} s" if abs(v) < 1 else f"{v:.2f} s"
    if unit == "x":
        return f"{v:.2f}x"
    if unit == "%":
        return f"{100 * v:.1f}%"
    if unit == "B":
        return fmt_bytes(v)
    return f"{v:g}"


def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "n/a"
    n = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing or b is not positive."""
    if a is None or b is None or b <= 0:
        return None
    return a / b


def build_checks(results: Mapping[str, Any], pilot: str = PILOT) -> list[Check]:
    """Every target of issue 12 that the results measured, as checks (missing figures are skipped)."""
    checks: list[Check] = []
    b = results.get("build") or {}

    def build_error(*keys: str) -> str:
        bad = [f"{k} build exit {(b.get(k) or {}).get('returncode')}" for k in keys
               if (b.get(k) or {}).get("returncode", 0) != 0]
        return "; ".join(bad)

    if b.get("cold_s") is not None:
        op, lim = TARGETS["build_overhead"]
        nb_errors = [ch["doc"] for ch in results.get("chapters") or [] if ch.get("error")]
        err = "; ".join(filter(None, [build_error("cold"),
                                      f"nbclient failed on {', '.join(nb_errors)}" if nb_errors else ""]))
        ratios = b.get("ratios") or {}
        overhead = ratios.get("build_overhead") or ratio(b.get("cold_s"), b.get("nbclient_total_s"))
        checks.append(Check("build overhead (cold build / nbclient alone)", overhead, op, lim, "x",
                            f"cold {b['cold_s']:.1f} s, nbclient {b.get('nbclient_total_s') or 0:.1f} s", err))
        for key, target, label in (("nochange", "rebuild_nochange", "no-change rebuild"),
                                   ("onechapter", "rebuild_onechapter", "one-chapter-changed rebuild")):
            if b.get(f"{key}_s") is not None:
                op, lim = TARGETS[target]
                value = ratios.get(target) or ratio(b[f"{key}_s"], b["cold_s"])
                checks.append(Check(f"{label} / cold build", value, op, lim, "%",
                                    f"{b[f'{key}_s']:.1f} s", build_error("cold", key)))
    for ch in results.get("chapters") or []:
        t = ch.get("nbclient_s")
        if t is None:
            t = ch.get("build_exec_s")
        is_pilot = ch["doc"] == pilot
        op, lim = TARGETS["pilot_exec" if is_pilot else "chapter_exec"]
        checks.append(Check(f"execution of {ch['doc']}" + (" (pilot)" if is_pilot else ""), t, op, lim, "s",
                            error=ch.get("error", "")))
    imp = results.get("import") or {}
    if "best_s" in imp:
        op, lim = TARGETS["import"]
        checks.append(Check("import sieecon (best of 5)", imp["best_s"], op, lim, "s"))
    lh = results.get("lighthouse") or {}
    base = {r["role"]: r for r in lh.get("default_book") or [] if r.get("scores")}
    for r in lh.get("site") or []:
        scores = r.get("scores")
        if not scores:
            checks.append(Check(f"lighthouse {r['page']}", None, ">=", 0, note=r.get("error", "no result")))
            continue
        op, lim = TARGETS["lh_accessibility"]
        checks.append(Check(f"lighthouse accessibility {r['page']}", scores.get("accessibility"), op, lim))
        op, lim = TARGETS["lh_performance"]
        checks.append(Check(f"lighthouse performance {r['page']}", scores.get("performance"), op, lim))
        ref = base.get(r["role"])
        if ref:
            for cat in LIGHTHOUSE_CATEGORIES:
                if scores.get(cat) is not None and ref["scores"].get(cat) is not None:
                    checks.append(Check(f"lighthouse {cat} {r['page']} vs default book ({ref['page']})",
                                        scores[cat], ">=", ref["scores"][cat]))
    return checks


def toc_files(toc: Mapping[str, Any]) -> list[str]:
    """Every file of a Jupyter Book ``_toc.yml`` (already parsed), root first, in reading order."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            if "file" in node:
                out.append(str(node["file"]))
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key) or []:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    if "root" in toc:
        out.append(str(toc["root"]))
    walk({k: v for k, v in toc.items() if k != "root"})
    return [re.sub(r"\.(md|ipynb|rst)$", "", f) for f in out]


def is_myst_notebook(text: str) -> bool:
    """True for a MyST Markdown file that Jupyter Book executes (front matter with a kernelspec)."""
    m = re.match(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", text, re.S)
    return bool(m) and re.search(r"^kernelspec\s*:", m.group(1), re.M) is not None


def touch_markdown(text: str, stamp: str) -> str:
    """The text with a markdown-only edit: a MyST comment line appended as a markdown cell.

    Code cells are untouched, so the execution cache (keyed on code) still holds; only the page is re-read.
    """
    if not text.endswith("\n"):
        text += "\n"
    return f"{text}\n% bench: markdown edit {stamp}\n"


def copy_ignore(root: Path):
    """An ``ignore`` callable for shutil.copytree that leaves out the heavy and generated paths."""
    root = Path(root).resolve()

    def ignore(directory: str, names: list[str]) -> set[str]:
        rel = Path(directory).resolve().relative_to(root)
        skip = set()
        for name in names:
            relname = (rel / name).as_posix()
            if name in COPY_EXCLUDE_ANY or relname in COPY_EXCLUDE_REL or (rel == Path(".")
                                                                          and name in COPY_EXCLUDE_TOP):
                skip.add(name)
        return skip

    return ignore


def doc_of_page(rel_html: str) -> str:
    """'chapters/x.html' -> 'chapters/x' (the docname of a page)."""
    return re.sub(r"\.html$", "", rel_html)


def pick_lighthouse_pages(pages: Sequence[Mapping[str, Any]], root_doc: str, n: int = 2,
                          chapter_prefix: str | None = "chapters/") -> list[tuple[str, str]]:
    """(role, page) pairs: ('intro', root page) and ('heaviest-1'..n) by transferred bytes.

    Heaviest pages are chosen among the chapters (docnames under ``chapter_prefix``); when there are fewer
    than ``n`` chapters the other content pages (not the root, not genindex/search) fill the slots.
    """
    by_weight = sorted((p for p in pages if p.get("total_bytes") is not None),
                       key=lambda p: p["total_bytes"], reverse=True)
    skip = {f"{root_doc}.html", "genindex.html", "search.html", "py-modindex.html", "index.html"}
    chapters = [p["page"] for p in by_weight if chapter_prefix and p["page"].startswith(chapter_prefix)]
    others = [p["page"] for p in by_weight if p["page"] not in skip and p["page"] not in chapters]
    chosen = (chapters + others)[:n]
    out = [("intro", f"{root_doc}.html")]
    out += [(f"heaviest-{i + 1}", page) for i, page in enumerate(chosen)]
    return out


_SCORED_MODES = {"binary", "numeric", "metricSavings"}
#: Performance audits that only reflect the local test server (http.server sends no Cache-Control).
LOCAL_SERVER_ARTEFACTS = {"uses-long-cache-ttl", "cache-insight"}


def failing_audits(lhr: Mapping[str, Any], category: str, max_items: int = 8) -> list[dict[str, Any]]:
    """The audits of a Lighthouse category that did not score 1, with the elements or URLs that fail them.

    Each entry: id, title, score, weight (its weight in the category score; 0 means informative only),
    displayValue, items (node snippets with selectors, or URLs with byte/ms savings).
    """
    cat = (lhr.get("categories") or {}).get(category) or {}
    audits = lhr.get("audits") or {}
    out = []
    for ref in cat.get("auditRefs") or []:
        a = audits.get(ref.get("id")) or {}
        score = a.get("score")
        if a.get("scoreDisplayMode") not in _SCORED_MODES or score is None or score >= 1:
            continue
        out.append({"id": a.get("id", ref.get("id")), "title": a.get("title", ""), "score": score,
                    "weight": ref.get("weight", 0), "displayValue": a.get("displayValue", ""),
                    "items": audit_items(a, max_items)})
    out.sort(key=lambda d: (-(d["weight"] or 0), d["score"]))
    return out


def audit_items(audit: Mapping[str, Any], max_items: int = 8) -> list[str]:
    """Short descriptions of an audit's failing items (element snippet and selector, or URL and savings)."""
    details = audit.get("details") or {}
    items = list(details.get("items") or [])
    out: list[str] = []

    def node_text(node: Mapping[str, Any]) -> str:
        snip = re.sub(r"\s+", " ", str(node.get("snippet", "")))[:160]
        sel = node.get("selector", "")
        label = node.get("nodeLabel", "")
        parts = [p for p in (snip, f"[{sel}]" if sel else "", f"\"{label[:60]}\"" if label else "") if p]
        return " ".join(parts)

    for it in items:
        if not isinstance(it, Mapping):
            continue
        if isinstance(it.get("node"), Mapping):
            out.append(node_text(it["node"]))
        elif it.get("scriptUrl"):
            out.append(f"{it['scriptUrl']}: {it.get('error') or 'no source map'}"[:200])
        elif it.get("url"):
            extra = []
            for key, unit in (("wastedBytes", "B"), ("wastedMs", "ms"), ("totalBytes", "B")):
                if isinstance(it.get(key), (int, float)):
                    extra.append(f"{key}={fmt_bytes(it[key]) if unit == 'B' else f'{it[key]:.0f} ms'}")
            out.append(f"{it['url']} {' '.join(extra)}".strip())
        elif isinstance(it.get("source"), Mapping) and it["source"].get("url"):
            out.append(f"{it['source']['url']}: {str(it.get('description', ''))[:120]}")
        elif it.get("description"):
            out.append(str(it["description"])[:160])
        else:
            # Nested (e.g. color contrast grouped by node in subItems) or unknown shapes.
            sub = (it.get("subItems") or {}).get("items") if isinstance(it.get("subItems"), Mapping) else None
            if sub:
                for s in sub:
                    if isinstance(s, Mapping) and isinstance(s.get("relatedNode"), Mapping):
                        out.append(node_text(s["relatedNode"]))
            else:
                out.append(json.dumps(it)[:160])
        if len(out) >= max_items:
            break
    if len(items) > max_items:
        out.append(f"... {len(items) - max_items} more")
    return out


def lighthouse_scores(lhr: Mapping[str, Any]) -> dict[str, float | None]:
    """Category scores on the 0-100 scale (None when a category could not be scored)."""
    out: dict[str, float | None] = {}
    for cat in LIGHTHOUSE_CATEGORIES:
        s = ((lhr.get("categories") or {}).get(cat) or {}).get("score")
        out[cat] = None if s is None else round(100 * s)
    return out


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """A plain-text table with columns padded to their widest cell (numbers right-aligned)."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(re.fullmatch(r"[-+]?[\d.,]+( ?[%x]| ?[KMG]?B| s)?|n/a|", r[i]) for r in cells[1:])
               for i in range(len(headers))]

    def fmt(r: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric)).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(cells[0]), sep] + [fmt(r) for r in cells[1:]])


# ----------------------------------------------------------------------------------------------------
# Running things
# ----------------------------------------------------------------------------------------------------


def say(msg: str = "") -> None:
    print(msg, flush=True)


def venv_bin() -> Path:
    return Path(sys.executable).parent


def tool_env(tree: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment the book's build gives its kernels, with ``tree``'s own sieecon first on the path."""
    e = dict(os.environ)
    e["SIEECON_BOOK_BUILD"] = "1"
    e["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    e["PYTHONPATH"] = os.pathsep.join([str(tree)] + ([e["PYTHONPATH"]] if e.get("PYTHONPATH") else []))
    e["PATH"] = f"{venv_bin()}{os.pathsep}{e.get('PATH', '')}"
    e.update(extra or {})
    return e


def make_copy(src: Path, dst: Path) -> Path:
    """Copy the working tree ``src`` to ``dst`` (see copy_ignore) and symlink .venv and node_modules."""
    shutil.copytree(src, dst, ignore=copy_ignore(src), symlinks=True)
    for name in (".venv", "node_modules"):
        if (src / name).exists():
            (dst / name).symlink_to((src / name).resolve())
    return dst


def run_build(tree: Path, log: Path) -> dict[str, Any]:
    """Run ``tree``/scripts/build.py html; wall time, exit code, and how many notebooks were executed."""
    cmd = [str(tree / ".venv" / "bin" / "python"), str(tree / "scripts" / "build.py"), "html"]
    log.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with log.open("w") as fh:
        rc = subprocess.run(cmd, cwd=tree, env=tool_env(tree), stdout=fh, stderr=subprocess.STDOUT).returncode
    dt = time.perf_counter() - t0
    text = log.read_text(errors="replace")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    out = {"seconds": dt, "returncode": rc, "log": str(log), **log_counts(plain)}
    if rc != 0:
        errors = [ln for ln in plain.splitlines() if re.search(r"WARNING:|ERROR|Error:|Exception", ln)]
        out["first_errors"] = [ln[:240] for ln in errors[:8]]
    return out


def log_counts(plain: str) -> dict[str, Any]:
    """What a build log says: notebooks executed (and how many of them ahead of reading), read from the
    cache, failed; warnings; the pages Sphinx re-read (a no-change rebuild should re-read none)."""
    ahead = len(re.findall(r"ahead of reading \(waited", plain))
    return {"executed": len(re.findall(r"Executed notebook in ([\d.]+) seconds", plain)), "executed_ahead": ahead,
            # a notebook executed ahead of reading is then read from the cache: that is not a cache hit
            "cached": len(re.findall(r"Using cached notebook", plain)) - ahead,
            "execution_failed": len(re.findall(r"Executing notebook failed", plain)),
            "warnings": len(re.findall(r"WARNING:", plain)),
            "reread": sorted(set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", plain)))}


def build_summary(r: Mapping[str, Any]) -> str:
    """'exit 0, 1 executed, 0 from cache, 0 failed, 0 warnings, re-read: a, b' for one build."""
    reread = r.get("reread") or []
    ahead = f" ({r['executed_ahead']} ahead of reading)" if r.get("executed_ahead") else ""
    return (f"exit {r.get('returncode')}, {r.get('executed', 0)} executed{ahead}, {r.get('cached', 0)} from cache, "
            f"{r.get('execution_failed', 0)} failed, {r.get('warnings', 0)} warnings, "
            f"re-read {len(reread)}: {', '.join(reread) or '-'}")


def cache_exec_times(build_dir: Path) -> dict[str, float]:
    """Execution seconds recorded by jupyter-cache in ``build_dir``/.jupyter_cache, by notebook path."""
    try:
        from jupyter_cache import get_cache
    except ImportError:  # pragma: no cover
        return {}
    path = build_dir / ".jupyter_cache"
    if not path.exists():
        return {}
    out = {}
    for rec in get_cache(str(path)).list_cache_records():
        t = (rec.data or {}).get("execution_seconds")
        if rec.uri and t is not None:
            out[str(Path(rec.uri).resolve())] = float(t)
    return out


def notebooks_of_book(book: Path) -> list[tuple[str, Path]]:
    """(docname, source) of every page of the book's TOC that is executed (MyST notebook or .ipynb)."""
    import yaml

    toc = yaml.safe_load((book / "_toc.yml").read_text())
    out = []
    for doc in toc_files(toc):
        md, nb = book / f"{doc}.md", book / f"{doc}.ipynb"
        if md.exists() and is_myst_notebook(md.read_text()):
            out.append((doc, md))
        elif not md.exists() and nb.exists():
            out.append((doc, nb))
    return out


def execute_with_nbclient(source: Path, tree: Path, timeout: int = 120) -> dict[str, Any]:
    """Convert ``source`` with jupytext and execute it with nbclient (kernel python3, cwd = its folder)."""
    import jupytext
    from nbclient import NotebookClient

    t0 = time.perf_counter()
    nb = jupytext.read(source)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(source.parent)}})
    error = None
    try:
        client.execute(env=tool_env(tree))
    except Exception as exc:  # noqa: BLE001 -- reported, not raised: one failing chapter must not stop the rest
        msg = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
        error = f"{type(exc).__name__}: {msg.splitlines()[-1] if msg else ''}"[:300]
    return {"seconds": time.perf_counter() - t0, "error": error,
            "code_cells": sum(1 for c in nb.cells if c.cell_type == "code")}


def import_time(tree: Path, repeat: int = 5) -> dict[str, Any]:
    """Seconds of `import sieecon` in a fresh interpreter (best of ``repeat``), and heavy modules it pulled."""
    code = ("import sys, time, json; t = time.perf_counter(); import sieecon; dt = time.perf_counter() - t; "
            "heavy = [m for m in ('pandas', 'numpy', 'scipy', 'statsmodels', 'linearmodels', 'matplotlib', "
            "'altair', 'ipywidgets') if m in sys.modules]; "
            "print(json.dumps({'s': dt, 'heavy': heavy, 'file': sieecon.__file__}))")
    times, info = [], {}
    for _ in range(repeat):
        r = subprocess.run([sys.executable, "-c", code], cwd=tempfile.gettempdir(), env=tool_env(tree),
                           capture_output=True, text=True)
        if r.returncode != 0:
            return {"error": r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}"}
        info = json.loads(r.stdout.strip().splitlines()[-1])
        times.append(info["s"])
    return {"best_s": min(times), "all_s": times, "heavy_modules_loaded": info["heavy"], "file": info["file"]}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site (relative paths), not the copies under _static/_sources/_images."""
    skip = {"_static", "_sources", "_images", "_downloads", "_vendor", "_panels_static"}
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not (set(p.relative_to(site).parts) & skip))


_COMPRESSIBLE = {"html", "js", "css"}
_COMPRESSIBLE_EXT = {".svg", ".json", ".txt", ".xml", ".map", ".ipynb", ".md"}


@functools.lru_cache(maxsize=4096)
def _gzip_size(path: str) -> int:
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=6))


def page_weights(site: Path, pages: Sequence[str], label: str) -> list[dict[str, Any]]:
    """Open each page in Chromium (fresh context, so no cache) and add up the bytes of every response.

    Requests to anything but the local server are aborted and listed. The transferred bytes are Chromium's
    encodedDataLength (headers + body as sent: the local server does not compress); ``gzip_estimate_bytes``
    is what a gzip-serving host would send (text resources gzipped at level 6, others as they are).
    """
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for rel in pages:
                out.append(_weigh_page(browser, base, site, rel))
                p = out[-1]
                say(f"  [{label}] {rel}: {fmt_bytes(p.get('total_bytes'))} in {p.get('requests', 0)} requests"
                    + (f", {len(p['blocked'])} blocked" if p.get("blocked") else "")
                    + (f"  ERROR {p['error']}" if p.get("error") else ""))
        finally:
            browser.close()
    return out


def _weigh_page(browser: Any, base: str, site: Path, rel: str) -> dict[str, Any]:
    host = urlsplit(base).netloc
    ctx = browser.new_context()
    page = ctx.new_page()
    blocked: list[str] = []

    def route(r: Any) -> None:
        u = urlsplit(r.request.url)
        if u.scheme in ("data", "blob") or (u.scheme in ("http", "https") and u.netloc == host):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    reqs: dict[str, dict[str, Any]] = {}

    def on_sent(ev: dict) -> None:
        reqs.setdefault(ev["requestId"], {})["url"] = ev["request"]["url"]
        reqs[ev["requestId"]]["type"] = ev.get("type")

    def on_response(ev: dict) -> None:
        r = reqs.setdefault(ev["requestId"], {})
        r["mime"] = ev["response"].get("mimeType")
        r["status"] = ev["response"].get("status")
        r.setdefault("url", ev["response"].get("url"))
        r["type"] = ev.get("type") or r.get("type")

    def on_finished(ev: dict) -> None:
        reqs.setdefault(ev["requestId"], {})["bytes"] = ev.get("encodedDataLength", 0)

    cdp.on("Network.requestWillBeSent", on_sent)
    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    result: dict[str, Any] = {"page": rel}
    try:
        page.goto(base + rel, wait_until="load", timeout=60_000)
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=20_000)
        page.wait_for_timeout(500)
    except Exception as exc:  # noqa: BLE001
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    by_kind = dict.fromkeys(KINDS, 0)
    gz = 0
    largest = []
    n = 0
    for r in reqs.values():
        if "bytes" not in r or not r.get("url", "").startswith(base):
            continue
        kind = classify_resource(r["url"], r.get("mime"), r.get("type"))
        by_kind[kind] += r["bytes"]
        n += 1
        local = site / unquote(urlsplit(r["url"]).path).lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if local.is_file() and (kind in _COMPRESSIBLE or local.suffix.lower() in _COMPRESSIBLE_EXT):
            gz += _gzip_size(str(local)) + max(0, r["bytes"] - local.stat().st_size)
        else:
            gz += r["bytes"]
        largest.append((r["bytes"], r["url"][len(base):], kind))
    largest.sort(reverse=True)
    result.update({"total_bytes": sum(by_kind.values()), "by_kind": by_kind, "requests": n,
                   "gzip_estimate_bytes": gz, "blocked": sorted(set(blocked)),
                   "largest_resources": [{"url": u, "bytes": b, "kind": k} for b, u, k in largest[:5]]})
    ctx.close()
    return result


def ensure_lighthouse() -> Path | None:
    """bench/node_modules/.bin/lighthouse, installed with `npm ci --prefix bench` when missing."""
    lh = BENCH / "node_modules" / ".bin" / "lighthouse"
    if lh.exists():
        return lh
    npm = shutil.which("npm")
    if not npm:
        say("  npm not found: Lighthouse skipped")
        return None
    say("  installing Lighthouse: npm ci --prefix bench")
    r = subprocess.run([npm, "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund"],
                       capture_output=True, text=True)
    if r.returncode != 0 or not lh.exists():
        say(f"  npm ci failed (exit {r.returncode}): {r.stderr.strip()[-400:]}")
        return None
    return lh


def run_lighthouse(lh: Path, url: str, out_json: Path) -> dict[str, Any]:
    """One Lighthouse run; scores, key metrics, and the failing audits of every category."""
    cmd = [str(lh), url, f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}", "--output=json",
           f"--output-path={out_json}", "--quiet", "--throttling-method=provided",
           "--disable-full-page-screenshot", f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    out_json.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"error": "lighthouse timed out after 300 s"}
    if r.returncode != 0 or not out_json.exists():
        return {"error": f"lighthouse exit {r.returncode}: {(r.stderr or r.stdout).strip()[-400:]}"}
    lhr = json.loads(out_json.read_text())
    if lhr.get("runtimeError"):
        return {"error": f"lighthouse runtime error: {lhr['runtimeError'].get('message', '')[:300]}"}
    metrics = {}
    for mid in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index", "interactive"):
        a = lhr.get("audits", {}).get(mid) or {}
        if a:
            metrics[mid] = {"value": a.get("numericValue"), "display": a.get("displayValue"),
                            "score": a.get("score")}
    return {"scores": lighthouse_scores(lhr), "metrics": metrics, "seconds": time.perf_counter() - t0,
            "failing": {cat: failing_audits(lhr, cat) for cat in LIGHTHOUSE_CATEGORIES},
            "report": str(out_json), "lighthouse_version": lhr.get("lighthouseVersion"),
            "warnings": lhr.get("runWarnings", [])}


def median_run(runs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The run with the median performance score (the lower middle one for an even count).

    Failed runs (no scores) are ignored unless every run failed; the result also lists every run's scores.
    """
    if not runs:
        raise ValueError("runs must not be empty")
    good = [r for r in runs if r.get("scores")]
    if not good:
        return dict(runs[0])
    ordered = sorted(good, key=lambda r: (r["scores"].get("performance") is None, r["scores"].get("performance") or 0))
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["runs"] = len(runs)
    chosen["all_scores"] = [r["scores"] for r in good]
    return chosen


def lighthouse_set(lh: Path, site: Path, picks: Sequence[tuple[str, str]], label: str,
                   runs: int = 3) -> list[dict[str, Any]]:
    """Lighthouse ``runs`` times on each page; the run with the median performance score is kept."""
    out = []
    with serve(site) as base:
        for role, page in picks:
            say(f"  [{label}] lighthouse {page} ({runs} run{'s' if runs > 1 else ''}) ...")
            stem = f"{label}-{page.replace('/', '_')}"
            tries = [run_lighthouse(lh, base + page, RESULTS / "lighthouse" / f"{stem}-{i + 1}.json")
                     for i in range(runs)]
            res = median_run(tries)
            res.update({"role": role, "page": page})
            if res.get("scores"):
                perf = [s.get("performance") for s in res.get("all_scores", [])]
                say("    " + ", ".join(f"{k} {v}" for k, v in res["scores"].items())
                    + (f"  (performance of each run: {perf})" if len(perf) > 1 else ""))
            else:
                say(f"    ERROR {res.get('error')}")
            out.append(res)
    return out


def default_book(tmp: Path) -> tuple[Path | None, str]:
    """Create and build a default Jupyter Book (same version) in ``tmp``; its html dir and its root doc."""
    jb = venv_bin() / "jupyter-book"
    book = tmp / "defaultbook"
    e = tool_env(tmp)
    e.pop("SIEECON_BOOK_BUILD", None)
    r = subprocess.run([str(jb), "create", str(book)], env=e, capture_output=True, text=True)
    if r.returncode != 0:
        say(f"  jupyter-book create failed: {r.stderr.strip()[-300:]}")
        return None, "intro"
    log = RESULTS / "logs" / "defaultbook-build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as fh:
        r = subprocess.run([str(jb), "build", str(book)], env=e, stdout=fh, stderr=subprocess.STDOUT)
    html = book / "_build" / "html"
    if r.returncode != 0 or not html.exists():
        say(f"  the default book did not build (exit {r.returncode}), see {log}")
        return None, "intro"
    import yaml

    root = str(yaml.safe_load((book / "_toc.yml").read_text()).get("root", "intro"))
    return html, re.sub(r"\.(md|ipynb)$", "", root)


# ----------------------------------------------------------------------------------------------------
# The benchmark
# ----------------------------------------------------------------------------------------------------


def stop_build_server(tree: Path) -> None:
    """Stop the build server of this Python environment (scripts/build_server.py), so a build starts cold."""
    subprocess.run([str(tree / ".venv" / "bin" / "python"), str(tree / "scripts" / "build.py"), "stop-server"],
                   cwd=tree, env=tool_env(tree), capture_output=True, text=True)


def median(values: Sequence[float | None]) -> float | None:
    """The median of the values that are not None (None when there are none)."""
    import statistics

    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def measure_round(copy: Path, pilot: str, logs: Path, n: int) -> dict[str, Any]:
    """One round of figures 1-3 in the private copy: cold, no-change and one-chapter builds, then nbclient.

    The round starts from nothing: no build folder (so no execution cache and no cached ledger) and no
    build server (so the toolchain is imported again). The pilot's text is restored afterwards.
    """
    book = copy / "book"
    build_dir = book / "_build"
    shutil.rmtree(build_dir, ignore_errors=True)
    stop_build_server(copy)
    r: dict[str, Any] = {}
    cold = run_build(copy, logs / f"build-cold-{n}.log")
    r.update(cold_s=cold["seconds"], cold=cold, exec_in_build=cache_exec_times(build_dir))
    say(f"  cold build: {cold['seconds']:.1f} s, {build_summary(cold)}")
    if cold["returncode"] != 0:
        say(f"  THE BOOK BUILD FAILED (exit {cold['returncode']}); figures below come from a failing build. "
            f"Log: {cold['log']}")
        for ln in cold.get("first_errors", []):
            say(f"    {ln}")
    same = run_build(copy, logs / f"build-nochange-{n}.log")
    r.update(nochange_s=same["seconds"], nochange=same)
    say(f"  no-change rebuild: {same['seconds']:.1f} s, {build_summary(same)}")
    target = book / f"{pilot}.md"
    if not target.exists():
        nbs = notebooks_of_book(book)
        target = nbs[0][1] if nbs else None
    if target is not None:
        original = target.read_text()
        target.write_text(touch_markdown(original, time.strftime("%Y-%m-%dT%H:%M:%S")))
        try:
            one = run_build(copy, logs / f"build-onechapter-{n}.log")
        finally:
            target.write_text(original)
        r.update(onechapter_s=one["seconds"], onechapter=one, onechapter_doc=str(target.relative_to(book)))
        say(f"  one-chapter-changed rebuild (markdown edit in {target.relative_to(book)}): {one['seconds']:.1f} s, "
            f"{build_summary(one)}")
    chapters = []
    for doc, src in notebooks_of_book(book):
        x = execute_with_nbclient(src, copy)
        ch = {"doc": doc, "nbclient_s": x["seconds"], "code_cells": x["code_cells"],
              "build_exec_s": r["exec_in_build"].get(str(src.resolve()))}
        if x["error"]:
            ch["error"] = x["error"]
        chapters.append(ch)
        say(f"  {doc} alone with nbclient: {x['seconds']:.2f} s" + (f"  ERROR {x['error']}" if x["error"] else ""))
    r["chapters"] = chapters
    r["nbclient_total_s"] = sum(ch["nbclient_s"] for ch in chapters)
    return r


def measure_builds(tmp: Path, results: dict[str, Any], pilot: str, rounds: int = 3) -> Path | None:
    """Figures 1-3 in a private copy, ``rounds`` times; returns the copy's html dir.

    Each figure is the median over the rounds, and each ratio the median of the rounds' own ratios (a
    cold build and the nbclient run of the same round are measured minutes apart at most, so a machine
    that slows down or speeds up between rounds moves both).
    """
    copy = make_copy(ROOT, tmp / "tree")
    say(f"Private copy of the working tree: {copy}")
    logs = RESULTS / "logs"
    b: dict[str, Any] = {"copy": str(copy), "rounds": []}
    results["build"] = b
    try:
        for n in range(1, rounds + 1):
            say(f"\n[1-3/6] Round {n} of {rounds}: cold build, no-change rebuild, one-chapter rebuild, "
                f"notebooks alone with nbclient ...")
            b["rounds"].append(measure_round(copy, pilot, logs, n))
    finally:
        stop_build_server(copy)
    rs = b["rounds"]
    for key in ("cold_s", "nochange_s", "onechapter_s", "nbclient_total_s"):
        b[key] = median([r.get(key) for r in rs])
    # The builds of the round whose cold build is the median (for the summary lines and the failure checks).
    mid = sorted(rs, key=lambda r: r["cold_s"])[(len(rs) - 1) // 2]
    for key in ("cold", "nochange", "onechapter", "onechapter_doc"):
        if key in mid:
            b[key] = mid[key]
    for key in ("cold", "nochange", "onechapter"):
        bad = [r[key] for r in rs if key in r and r[key].get("returncode", 0) != 0]
        if bad:
            b[key] = bad[0]  # a failing build in any round fails the figure
    b["ratios"] = {
        "build_overhead": median([ratio(r.get("cold_s"), r.get("nbclient_total_s")) for r in rs]),
        "rebuild_nochange": median([ratio(r.get("nochange_s"), r.get("cold_s")) for r in rs]),
        "rebuild_onechapter": median([ratio(r.get("onechapter_s"), r.get("cold_s")) for r in rs]),
    }
    chapters = []
    for i, ch in enumerate(rs[0]["chapters"]):
        same = [r["chapters"][i] for r in rs if i < len(r["chapters"])]
        out = dict(ch)
        out["nbclient_s"] = median([c.get("nbclient_s") for c in same])
        out["build_exec_s"] = median([c.get("build_exec_s") for c in same])
        out["nbclient_rounds_s"] = [c.get("nbclient_s") for c in same]
        errors = [c["error"] for c in same if c.get("error")]
        if errors:
            out["error"] = errors[0]
        chapters.append(out)
    results["chapters"] = chapters
    html = copy / "book" / "_build" / "html"
    return html if (html / "index.html").exists() else None


def existing_chapter_times(results: dict[str, Any]) -> None:
    """In --quick mode: the chapters' execution times recorded by the user's last build (read only)."""
    times = cache_exec_times(ROOT / "book" / "_build")
    chapters = []
    for doc, src in notebooks_of_book(ROOT / "book"):
        t = times.get(str(src.resolve()))
        if t is not None:
            chapters.append({"doc": doc, "nbclient_s": None, "build_exec_s": t,
                             "note": "from the execution cache of the existing build"})
    if chapters:
        results["chapters"] = chapters


def report(results: dict[str, Any], checks: list[Check]) -> None:
    say("\n" + "=" * 100)
    say("SIEECON BENCHMARK" + ("  (--quick: no build timings)" if results["meta"]["quick"] else ""))
    m = results["meta"]
    say(f"{m['time']}  host {m['host']}, {m['cpus']} CPUs, load average at start {m['load_start']}, "
        f"at end {m.get('load_end')}")
    b = results.get("build")
    if b and b.get("cold_s") is not None:
        say("\nBuild times")
        rows = [["cold build (every notebook executed)", f"{b['cold_s']:.1f} s", "", "", build_summary(b["cold"])],
                ["notebooks alone with nbclient", f"{b.get('nbclient_total_s', 0):.1f} s", "", "", ""]]
        for key, label, tgt in (("nochange", "no-change rebuild", "rebuild_nochange"),
                                ("onechapter", f"one chapter changed ({b.get('onechapter_doc', '')})",
                                 "rebuild_onechapter")):
            if b.get(f"{key}_s") is not None:
                op, lim = TARGETS[tgt]
                share = (b.get("ratios") or {}).get(tgt) or ratio(b[key + '_s'], b['cold_s'])
                rows.append([label, f"{b[key + '_s']:.1f} s", fmt_value(share, '%'),
                             f"{op} {fmt_value(lim, '%')}", build_summary(b[key])])
        say(table(rows, ["build", "time", "of cold", "target", ""]))
        if len(b.get("rounds") or []) > 1:
            say(f"(medians of {len(b['rounds'])} rounds; each ratio is the median of the rounds' ratios)")
            say(table([[str(i + 1), *(("n/a" if r.get(k) is None else f"{r[k]:.2f} s")
                                      for k in ("cold_s", "nochange_s", "onechapter_s", "nbclient_total_s")),
                         fmt_value(ratio(r.get("cold_s"), r.get("nbclient_total_s")) or 0, "x"),
                         fmt_value(ratio(r.get("onechapter_s"), r.get("cold_s")) or 0, "%")]
                        for i, r in enumerate(b["rounds"])],
                       ["round", "cold", "no change", "one chapter", "nbclient", "overhead", "one/cold"]))
        failed = [k for k in ("cold", "nochange", "onechapter") if (b.get(k) or {}).get("returncode", 0) != 0]
        if failed:
            say(f"THE BOOK BUILD FAILED ({', '.join(failed)}): the build figures are not valid. First errors "
                f"({b['cold']['log']}):")
            for ln in b["cold"].get("first_errors", []):
                say(f"    {ln}")
    if results.get("chapters"):
        say("\nChapter execution")
        rows = []
        for ch in results["chapters"]:
            op, lim = TARGETS["pilot_exec" if ch["doc"] == m["pilot"] else "chapter_exec"]
            rows.append([ch["doc"] + (" (pilot)" if ch["doc"] == m["pilot"] else ""),
                         "n/a" if ch.get("nbclient_s") is None else f"{ch['nbclient_s']:.2f} s",
                         "n/a" if ch.get("build_exec_s") is None else f"{ch['build_exec_s']:.2f} s",
                         f"{op} {lim:g} s", ch.get("error", ch.get("note", ""))])
        say(table(rows, ["chapter", "nbclient", "in build", "target", ""]))
    imp = results.get("import") or {}
    if imp:
        say("\nimport sieecon: " + (f"best {imp['best_s']:.3f} s of {', '.join(f'{t:.3f}' for t in imp['all_s'])}"
                                    f"; heavy modules loaded: {', '.join(imp['heavy_modules_loaded']) or 'none'}"
                                    if "best_s" in imp else f"ERROR {imp.get('error')}"))
    pages = results.get("pages") or []
    if pages:
        say(f"\nPage weight ({results.get('site')}; served from 127.0.0.1 uncompressed, other hosts blocked)")
        rows = []
        for p in sorted(pages, key=lambda p: p.get("total_bytes") or 0, reverse=True):
            k = p.get("by_kind") or {}
            rows.append([p["page"], fmt_bytes(p.get("total_bytes")), *(fmt_bytes(k.get(x)) for x in KINDS),
                         fmt_bytes(p.get("gzip_estimate_bytes")), p.get("requests", ""),
                         len(p.get("blocked") or [])])
        say(table(rows, ["page", "total", *KINDS, "gzip est.", "req", "blocked"]))
        say("Largest pages: " + "; ".join(f"{p['page']} {fmt_bytes(p['total_bytes'])}" for p in sorted(
            (p for p in pages if p.get("total_bytes")), key=lambda p: p["total_bytes"], reverse=True)[:3]))
        heaviest = max((p for p in pages if p.get("total_bytes")), key=lambda p: p["total_bytes"], default=None)
        if heaviest:
            say(f"Largest resources of {heaviest['page']}: " + "; ".join(
                f"{r['url']} {fmt_bytes(r['bytes'])}" for r in heaviest["largest_resources"]))
        blocked = sorted({u for p in pages for u in p.get("blocked") or []})
        if blocked:
            say(f"Blocked requests to other hosts ({len(blocked)}): " + "; ".join(blocked[:10]))
    lh = results.get("lighthouse") or {}
    if lh.get("site") or lh.get("default_book"):
        say(f"\nLighthouse {lh.get('version', '')} (mobile emulation, --throttling-method=provided: no "
            "simulated throttling, the machine is loopback-only; median of "
            f"{(lh.get('site') or lh.get('default_book') or [{}])[0].get('runs', 1)} runs by performance)")
        rows = []
        for who, runs in (("sieecon", lh.get("site") or []), ("default JB", lh.get("default_book") or [])):
            for r in runs:
                s = r.get("scores") or {}
                mt = r.get("metrics") or {}
                rows.append([who, r["role"], r["page"], *(s.get(c, "n/a") if s else "ERR" for c in
                                                          LIGHTHOUSE_CATEGORIES),
                             (mt.get("largest-contentful-paint") or {}).get("display", ""),
                             (mt.get("total-blocking-time") or {}).get("display", "")])
        say(table(rows, ["book", "role", "page", "perf", "a11y", "best-pr.", "seo", "LCP", "TBT"]))
        say("Failing audits of the sieecon pages (weight = its share in the category score; 0 = not scored):")
        for r in lh.get("site") or []:
            if not r.get("scores"):
                continue
            mt = r.get("metrics") or {}
            say(f"  {r['page']}: " + ", ".join(f"{k} {v.get('display')} (score {v.get('score')})"
                                               for k, v in mt.items()))
            for cat in LIGHTHOUSE_CATEGORIES:
                for a in (r.get("failing") or {}).get(cat, []):
                    if cat == "performance" and (a["id"] in LOCAL_SERVER_ARTEFACTS or a["id"].endswith("-insight")
                                                 or (not a["weight"] and a["score"] >= 0.9)):
                        continue
                    say(f"    {cat}: {a['id']} (score {a['score']}, weight {a['weight']}"
                        f"{', ' + a['displayValue'] if a['displayValue'] else ''}) {a['title']}")
                    for it in a["items"][: 3 if cat == "performance" else None]:
                        say(f"        {it}")
        say("  (not listed: " + ", ".join(sorted(LOCAL_SERVER_ARTEFACTS)) + ", which only reflect the local test "
            "server's missing cache headers; the *-insight duplicates of the audits above; unweighted performance "
            "audits scoring >= 0.9. All are in latest.json.)")
    say("\nTargets")
    for c in checks:
        say(c.line())
    missed = [c for c in checks if c.passed is False]
    say(f"\n{len(checks) - len(missed)} of {len(checks)} targets met" + (f", {len(missed)} MISSED" if missed else ""))
    say(f"Results: {RESULTS / 'latest.json'}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="skip the builds: import time, page weights and Lighthouse on the existing book/_build/html")
    ap.add_argument("--html", type=Path, help="with --quick: the built site to measure (default book/_build/html)")
    ap.add_argument("--pilot", default=PILOT, help=f"docname of the pilot chapter (default {PILOT})")
    ap.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    ap.add_argument("--lighthouse-runs", type=int, default=3,
                    help="Lighthouse runs per page; the median by performance is kept (default 3)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of the build figures (cold, rebuilds, nbclient); medians are reported (default 3)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copy and default book")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        # Every page weight and Lighthouse run opens the site in it: stop before minutes of builds.
        say(f"Debian's Chromium is missing ({CHROMIUM}): run `make bench`, which installs it "
            "(scripts/setup.sh chromium), or install the `chromium` package.")
        return 2

    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"meta": {
        "time": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": args.quick, "pilot": args.pilot,
        "host": platform.node(), "cpus": os.cpu_count(), "python": sys.version.split()[0],
        "load_start": [round(x, 2) for x in os.getloadavg()], "git": _git_head()}}
    tmp = Path(tempfile.mkdtemp(prefix="sieecon-bench-"))
    try:
        site: Path | None
        tree = ROOT
        if args.quick:
            site = (args.html or ROOT / "book" / "_build" / "html").resolve()
            if not (site / "index.html").exists():
                say(f"No built site at {site}: run `make book` first (or drop --quick).")
                site = None
            existing_chapter_times(results)
        else:
            if args.rounds < 1:
                ap.error("--rounds must be at least 1")
            site = measure_builds(tmp, results, args.pilot, args.rounds)
            tree = Path(results["build"]["copy"])

        say("\n[4/6] import sieecon (fresh interpreter, best of 5) ...")
        results["import"] = import_time(tree)
        imp = results["import"]
        say(f"  {imp['best_s']:.3f} s" if "best_s" in imp else f"  ERROR {imp.get('error')}")

        root_doc = _root_doc(ROOT / "book")
        results["site"] = str(site) if site else None
        pages: list[dict[str, Any]] = []
        if site:
            say(f"\n[5/6] Page weight of every page of {site} ...")
            pages = page_weights(site, html_pages(site), "sieecon")
            results["pages"] = pages

        if not args.no_lighthouse:
            say("\n[6/6] Lighthouse ...")
            lh = ensure_lighthouse()
            if lh:
                results["lighthouse"] = {"version": _lighthouse_version(lh), "throttling": "provided",
                                         "emulation": "mobile (default)"}
                if site:
                    picks = pick_lighthouse_pages(pages, root_doc)
                    results["lighthouse"]["site"] = lighthouse_set(lh, site, picks, "sieecon",
                                                                   args.lighthouse_runs)
                say("  building a default Jupyter Book as the baseline ...")
                dsite, droot = default_book(tmp)
                if dsite:
                    dpages = page_weights(dsite, html_pages(dsite), "default")
                    results["default_book_pages"] = dpages
                    dpicks = pick_lighthouse_pages(dpages, droot, chapter_prefix=None)
                    results["lighthouse"]["default_book"] = lighthouse_set(lh, dsite, dpicks, "default",
                                                                           args.lighthouse_runs)
    finally:
        if args.keep:
            say(f"Kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    results["meta"]["load_end"] = [round(x, 2) for x in os.getloadavg()]
    checks = build_checks(results, pilot=args.pilot)
    results["checks"] = [c.to_json() for c in checks]
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1, default=str))
    report(results, checks)
    return 0


def _root_doc(book: Path) -> str:
    import yaml

    return re.sub(r"\.(md|ipynb)$", "", str(yaml.safe_load((book / "_toc.yml").read_text()).get("root", "intro")))


def _git_head() -> str | None:
    r = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return r.stdout.strip() or None


def _lighthouse_version(lh: Path) -> str | None:
    r = subprocess.run([str(lh), "--version"], capture_output=True, text=True)
    return r.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
