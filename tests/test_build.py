"""The strict builds left logs without a single warning (they run with -W, so a warning fails them)."""

from pathlib import Path

import pytest

BUILD = Path(__file__).resolve().parents[1] / "book" / "_build"


@pytest.mark.parametrize("log", ["build", "pdf", "lecturer"])
def test_build_log_has_no_warning(site, log):
    path = BUILD / f"{log}.log"
    assert path.exists(), f"{path} is missing: run make book and make lecturer"
    import re

    text = path.read_text()
    # Sphinx, myst-nb and LaTeX-stage warnings; the kernel's own log line about TCP is not a build warning.
    warnings = [line for line in text.splitlines() if re.search(r"WARNING", line) and "IPKernelApp" not in line]
    assert not warnings, warnings[:5]
    assert "CellExecutionError" not in text
    assert "build succeeded" in text or "Finished generating" in text or "PDF" in text


def test_the_lecturers_copy_shares_the_sites_execution_cache(site):
    """Hiding solutions changes no output, so the lecturers' build reads the site's cache (scripts/build.py)."""
    text = (BUILD / "lecturer.log").read_text()
    assert f"Using jupyter-cache at: {BUILD / '.jupyter_cache'}" in text


def test_search_scripts_do_not_block_the_first_paint(site):
    """pydata-sphinx-theme loads the search index on every page; the build defers it (sieecon_sphinx)."""
    import re

    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("_static", "_sources", "data")]
    assert len(pages) > 5
    for page in pages:
        tags = re.findall(r"<script[^>]*(?:searchindex|searchtools|language_data)\.js[^>]*>", page.read_text())
        assert all("defer" in t for t in tags), (page, tags)
