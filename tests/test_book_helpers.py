"""The book's helpers: number formatting, glue, tables, verdict text, glossary, install cell, chapters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import sieecon as sx
from sieecon import book

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book" / "chapters").glob("*.md"))


@pytest.mark.parametrize(
    "value, options, expected",
    [(0.97147, {"digits": 3}, "0.971"), (124.4, {"unit": "bln KZT"}, "124.4 bln KZT"),
     (0.4072, {"kind": "percent"}, "40.7%"), (0.00001, {"kind": "pvalue"}, "< 0.001"),
     (-2.5, {"digits": 1}, "−2.5"), (3.0, {"kind": "signed", "digits": 0}, "+3"),
     (float("nan"), {}, "n/a"), (12345.6, {}, "12,345.6")],
)
def test_fmt(value, options, expected):
    assert book.fmt(value, **options) == expected


def test_fmt_errors():
    with pytest.raises(TypeError, match="needs a real number, not str"):
        book.fmt("1")
    with pytest.raises(TypeError, match="not bool"):
        book.fmt(True)
    with pytest.raises(ValueError, match="kind must be one of"):
        book.fmt(1.0, kind="money")
    with pytest.raises(ValueError, match="digits must be a non-negative integer"):
        book.fmt(1.0, digits=-1)


def test_glue_returns_formatted_text_and_validates_name():
    assert book.glue("x", 0.5, kind="percent") is None
    assert repr(book.Text("50.0%")) == "50.0%"
    with pytest.raises(ValueError, match="non-empty name"):
        book.glue("", 1.0)


def test_show_table_requires_caption_and_source():
    df = pd.DataFrame({"a": [1.0]})
    with pytest.raises(ValueError, match="needs a caption"):
        book.show_table(df, caption="", source="s")
    with pytest.raises(TypeError, match="needs a pandas DataFrame"):
        book.show_table([1], caption="c", source="s")
    html = book.show_table(df, caption="c", source="s", units="u")._repr_html_()
    assert "Source: s" in html and "Units: u." in html


def test_verdict_text():
    assert book.verdict_text("000-eq6-eai") == "printed 0.325, recomputed 0.325: reproduced"
    assert book.verdict_text("000-eq3-pearson-r").startswith("printed 0.994, recomputed 0.971: differs")
    assert "not checkable" in book.verdict_text("000-programme-growth-damu")


def test_glossary_has_three_languages_for_every_term():
    g = book.glossary()
    assert len(g) >= 20
    kazakh = set("әғқңөұүһі")
    assert any(kazakh & set(v) for v in g["kk"]), "Kazakh forms must use Kazakh letters"
    for row in g.itertuples():
        assert row.kk and row.ru, f"{row.term}: Kazakh and Russian forms are required"


def test_every_glossary_link_in_the_chapters_exists():
    terms = set(book.glossary()["en"])
    for path in CHAPTERS:
        for m in re.finditer(r"\{term\}`([^`]+)`", path.read_text()):
            target = m.group(1)
            target = target.split("<")[-1].rstrip(">") if "<" in target else target
            assert target in terms, f"{path.name}: {{term}} {target!r} is not in data/glossary.csv"


def test_every_citation_key_exists():
    bib = (ROOT / "book" / "references.bib").read_text()
    keys = set(re.findall(r"@\w+\{([^,]+),", bib))
    for path in [*CHAPTERS, ROOT / "book" / "intro.md"]:
        for m in re.finditer(r"\{cite:[tp]\}`([^`]+)`", path.read_text()):
            for key in m.group(1).split(","):
                assert key.strip() in keys, f"{path.name}: unknown citation {key}"


def test_install_cell_uses_the_configured_repository():
    cfg = yaml.safe_load((ROOT / "book" / "_config.yml").read_text())
    url = cfg["repository"]["url"]
    assert book.repository_url() == url
    cell = book.install_cell()
    assert f"git+{url}" in cell
    for path in CHAPTERS:
        first = path.read_text().split("```{code-cell} ipython3", 1)[1].split("```", 1)[0]
        first = "\n".join(line for line in first.splitlines() if not line.startswith(":tags:")).strip()
        assert first == cell, f"{path.name}: the first code cell must be sieecon.book.install_cell()"


def test_paired_notebooks_are_in_sync():
    jupytext = pytest.importorskip("jupytext")
    for path in CHAPTERS:
        ipynb = path.with_suffix(".ipynb")
        assert ipynb.exists(), f"{ipynb.name} is missing: run `make notebooks`"
        md_cells = [(c.cell_type, c.source) for c in jupytext.read(path).cells]
        nb = json.loads(ipynb.read_text())
        nb_cells = [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]
        assert md_cells == nb_cells, f"{ipynb.name} differs from {path.name}: run `make notebooks`"
        assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), "no outputs in git"


def test_chapter_code_cells_are_short():
    for path in CHAPTERS:
        for cell in re.findall(r"```\{code-cell\} ipython3\n(.*?)```", path.read_text(), flags=re.S):
            lines = [line for line in cell.splitlines() if line.strip() and not line.startswith(":tags:")]
            assert len(lines) <= 16, f"{path.name}: a code cell of {len(lines)} lines belongs in sieecon"


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, sieecon; print(sorted(m for m in ('pandas', 'statsmodels', 'matplotlib', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert sx.__version__
