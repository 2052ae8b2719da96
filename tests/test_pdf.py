"""The PDF edition: it exists, holds the chapter's title and Kazakh glossary terms; the copy without
solutions has none."""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.pdf


def pdf_text(path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_has_chapter_title_and_kazakh_terms(site):
    text = pdf_text(site / "sieecon.pdf")
    assert "Financing and exports of small innovative enterprises" in text
    assert "шағын инновациялық кәсіпорын" in text
    assert "Баласса индексі" in text
    assert any(ch in text for ch in "әғқңөұүһі")


def test_site_without_solutions(lecturer_site):
    import re

    solution = re.compile(r'class="[^"]*\bsolution\b')
    html = (lecturer_site / "chapters" / "financing-exports.html").read_text()
    assert re.search(r'class="[^"]*\bexercise\b', html)
    assert not solution.search(html)
    assert "rng.normal" not in html, "solution code must not leak into the lecturers' copy"
    full = lecturer_site.parents[2] / "html" / "chapters" / "financing-exports.html"
    if full.exists():
        assert solution.search(full.read_text())
