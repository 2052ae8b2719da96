"""Build the book: the HTML site, the PDF edition, and the lecturers' copy without solutions.

    python scripts/build.py html       site into book/_build/html (strict: warnings are errors)
    python scripts/build.py pdf        PDF edition (xelatex) into book/_build/html/sieecon.pdf
    python scripts/build.py lecturer   the whole book without solutions into book/_build/lecturer
    python scripts/build.py notebooks  refresh the paired .ipynb of every chapter (for Colab and Binder)

Called by the Makefile (`make book`, `make lecturer`). Before a build it copies the site's own scripts
(MathJax, the widget manager, Vega) from node_modules into book/_vendor, and it clears the execution cache
when the data or the package changed since the cache was filled: jupyter-cache keys only on code cells,
so without this a local build could show numbers computed from an older CSV. CI starts from a clean clone
and executes everything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BUILD = BOOK / "_build"
VENDOR = BOOK / "_vendor"
NODE = ROOT / "node_modules"
BIN = Path(sys.executable).parent

#: node_modules path -> book/_vendor path. Directories are copied whole.
VENDOR_FILES = {
    "mathjax/es5/tex-mml-chtml.js": "mathjax/tex-mml-chtml.js",
    "mathjax/es5/output/chtml/fonts/woff-v2": "mathjax/output/chtml/fonts/woff-v2",
    "mathjax/es5/ui/lazy.js": "mathjax/ui/lazy.js",
    "@jupyter-widgets/html-manager/dist": "jupyter-widgets",
    "vega/build/vega.min.js": "vega/vega.min.js",
    "vega-lite/build/vega-lite.min.js": "vega/vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js": "vega/vega-embed.min.js",
}


def vendor() -> None:
    """Copy the site's scripts from node_modules into book/_vendor (served from the site itself)."""
    if not NODE.exists():
        sys.exit("node_modules is missing: run `make book` (it runs `npm ci`) first")
    for src, dst in VENDOR_FILES.items():
        s, d = NODE / src, VENDOR / dst
        if not s.exists():
            sys.exit(f"{s} is missing: run `npm ci`")
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir():
            if d.exists():
                shutil.rmtree(d)
            # The widget manager ships each font in four formats; browsers need only woff2.
            skip = ("*.map", "*.d.ts", "*amd*", "*.eot", "*.svg", "*.ttf", "*.woff") if "widgets" in src else ("*.map",)
            shutil.copytree(s, d, ignore=shutil.ignore_patterns(*skip))
        elif not d.exists() or d.stat().st_mtime < s.stat().st_mtime:
            shutil.copy2(s, d)
    # The widget manager's embed.js is the only file of its dist that the site needs besides its fonts.
    wm = VENDOR / "jupyter-widgets"
    for f in wm.iterdir():
        if f.suffix == ".js" and f.name != "embed.js":
            f.unlink()
    shutil.copy2(BOOK / "_ext" / "sieecon-explorers.js", VENDOR / "sieecon-explorers.js")
    shutil.copy2(BOOK / "_ext" / "sieecon.css", VENDOR / "sieecon.css")


def fingerprint(*bases: Path) -> str:
    """See :func:`sieecon.book.fingerprint` (default: data/ and sieecon/)."""
    from sieecon.book import fingerprint as _fingerprint

    return _fingerprint(*bases)


#: Everything a build of the book depends on: when none of it changed, there is nothing to rebuild.
SOURCES = (BOOK, ROOT / "data", ROOT / "sieecon", Path(__file__), ROOT / "package-lock.json")


def unchanged(stamp: Path, output: Path) -> bool:
    """True when ``output`` exists and no source of the book changed since it was built (``stamp``).

    Then a build has nothing to do, and `make book` returns at once instead of starting Sphinx."""
    current = fingerprint(*SOURCES)
    same = output.exists() and stamp.exists() and stamp.read_text() == current
    if same:
        print(f"Nothing changed since the last build of {output.relative_to(ROOT)}.")
    return same


def mark_built(stamp: Path) -> None:
    stamp.write_text(fingerprint(*SOURCES))


def guard_cache(build_dir: Path) -> None:
    """Clear the execution cache of ``build_dir`` when data/ or sieecon/ changed since it was filled."""
    cache = build_dir / ".jupyter_cache"
    stamp = build_dir / ".sieecon-fingerprint"
    current = fingerprint()
    if cache.exists() and (not stamp.exists() or stamp.read_text() != current):
        print("data/ or sieecon/ changed since the last build: re-executing every chapter")
        shutil.rmtree(cache)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)


#: Python's cyclic garbage collector during a build: a young-generation collection every 50,000 net
#: allocations (default 700), an older one every 20 of those (default 10). See :func:`tune_gc`.
GC_THRESHOLDS = (50_000, 20, 10)


def tune_gc() -> None:
    """Make the garbage collector cheap for a build: freeze what is imported, collect the young rarely.

    A build allocates millions of small objects (docutils nodes, tokens, Jinja contexts) that live until
    the build ends. With the default thresholds Python ran a full collection about a dozen times per
    build, each walking every object alive: 1.8 to 2 s of a 9 s build with the pilot cached, measured
    with ``gc.callbacks``. Frozen modules are never walked again (``gc.freeze``), and with the higher
    thresholds no full collection happens in a build of this book; young cycles are still collected.
    Peak memory went from 317 to 324 MB.
    """
    import gc

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def run_jupyter_book(argv: list[str]) -> None:
    """Run jupyter-book's command line in this process, then leave without tearing the interpreter down.

    Everything the build writes is written and closed when jupyter-book returns; what is left is freeing
    the objects of Sphinx's environment one by one, which took about a second after every build. The
    garbage collector is tuned for the build (:func:`tune_gc`).
    """
    import logging

    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        sys.path.pop(0)  # this script's folder: nothing in it is meant to be imported by the build
    from jupyter_book.cli.main import main

    tune_gc()
    code: int | str | None = 0
    try:
        main(argv, prog_name="jupyter-book")
    except SystemExit as exc:
        code = exc.code
    logging.shutdown()
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def jupyter_book(*args: str, env: dict[str, str] | None = None, log: str = "build") -> None:
    """Run a strict jupyter-book build, streaming its output and keeping it in book/_build/<log>.log.

    The build runs in a child of the build server (scripts/build_server.py), which keeps the toolchain
    imported between builds; when the server is off or unreachable, in a process of its own.
    """
    import threading

    import build_server

    argv = ["build", str(BOOK), "-W", "-n", "--keep-going", *args]
    print("+ jupyter-book", " ".join(argv), flush=True)
    e = {**os.environ, "SIEECON_BOOK_BUILD": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(env or {})}
    e["PATH"] = f"{BIN}{os.pathsep}{e.get('PATH', '')}"
    BUILD.mkdir(parents=True, exist_ok=True)
    logfile = BUILD / f"{log}.log"
    read_fd, write_fd = os.pipe()
    with logfile.open("w", encoding="utf-8") as fh:

        def tee() -> None:
            with open(read_fd, encoding="utf-8", errors="replace") as pipe:
                for line in pipe:
                    sys.stdout.write(line)
                    fh.write(line)

        reader = threading.Thread(target=tee, daemon=True)
        reader.start()
        try:
            code = build_server.request("jupyter-book", argv, write_fd, env=e, cwd=str(ROOT))
            if code is None:
                code = subprocess.run([sys.executable, __file__, "jupyter-book", *argv], cwd=ROOT, env=e,
                                      stdout=write_fd, stderr=write_fd).returncode
        finally:
            os.close(write_fd)
        reader.join(timeout=30)  # the rest of the output (a process the build left behind cannot hold it)
    sys.stdout.flush()
    if code != 0:
        sys.exit(f"the book build failed (exit {code}); the first error above names the page and cell "
                 f"(log: {logfile})")


def html() -> None:
    vendor()
    stamp = BUILD / ".sieecon-html-built"
    if unchanged(stamp, BUILD / "html" / "index.html"):
        return
    guard_cache(BUILD)
    jupyter_book("--builder", "html")
    mark_built(stamp)
    print(f"Site: {BUILD / 'html' / 'index.html'}")


def pdf() -> None:
    vendor()
    stamp = BUILD / ".sieecon-pdf-built"
    if unchanged(stamp, BUILD / "html" / "sieecon.pdf"):
        return
    guard_cache(BUILD)
    jupyter_book("--builder", "pdflatex", log="pdf")
    out = BUILD / "latex" / "sieecon.pdf"
    if not out.exists():
        sys.exit(f"the PDF build produced no {out}")
    (BUILD / "html").mkdir(parents=True, exist_ok=True)
    shutil.copy2(out, BUILD / "html" / "sieecon.pdf")
    mark_built(stamp)
    print(f"PDF: {BUILD / 'html' / 'sieecon.pdf'}")


def lecturer() -> None:
    """The book without solutions. Solutions are removed when the pages are read, not when the notebooks run,
    so this build shares the site's execution cache: after `make book` it executes nothing."""
    vendor()
    out = BUILD / "lecturer"
    stamp = BUILD / ".sieecon-lecturer-built"
    if unchanged(stamp, out / "_build" / "html" / "index.html"):
        return
    guard_cache(BUILD)
    env = {"SIEECON_HIDE_SOLUTIONS": "1", "SIEECON_EXECUTION_CACHE": str(BUILD / ".jupyter_cache")}
    jupyter_book("--builder", "html", "--path-output", str(out), env=env, log="lecturer")
    mark_built(stamp)


def notebooks() -> None:
    """Write the paired .ipynb (no outputs) next to each chapter's MyST source."""
    for md in sorted((BOOK / "chapters").glob("*.md")):
        subprocess.run([str(BIN / "jupytext"), "--to", "ipynb", "--update-metadata",
                        '{"jupytext": null}', "--output", str(md.with_suffix(".ipynb")), str(md)], check=True)


def stop_server() -> None:
    """Stop the build server of this Python environment, if one runs (`make clean` calls it)."""
    import build_server

    print("Build server stopped." if build_server.stop() else "No build server was running.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["jupyter-book"]:
        run_jupyter_book(sys.argv[2:])
    steps = {"html": html, "pdf": pdf, "lecturer": lecturer, "notebooks": notebooks, "vendor": vendor,
             "stop-server": stop_server}
    if len(sys.argv) < 2 or any(a not in steps for a in sys.argv[1:]):
        sys.exit(f"usage: build.py {{{','.join(steps)}}} ...")
    for arg in sys.argv[1:]:
        steps[arg]()
