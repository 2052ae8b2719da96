"""The built site in a real browser, with the network cut off."""

from __future__ import annotations

import re

import pytest

import sieecon as sx
from sieecon import explorers

pytestmark = pytest.mark.site
CHAPTER = "chapters/financing-exports.html"


def html_pages(site):
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
                  and "data" not in p.parts[:1])


def test_every_page_opens_clean(site, page):
    pages = html_pages(site)
    assert CHAPTER in pages and "intro.html" in pages
    for path in pages:
        p = page.open(path)
        p.wait_for_timeout(200)
        for img in p.query_selector_all("img"):
            img.evaluate("i => i.scrollIntoView()")  # figures load lazily
            ok = img.evaluate("i => i.decode().then(() => i.naturalWidth > 0, () => false)")
            assert ok, f"{path}: image {img.get_attribute('src')[:80]} did not load"
            assert img.get_attribute("alt") is not None, f"{path}: an image has no alt text"
        # scrolling typesets formulas lazily and fetches their fonts: let that finish before leaving the page
        p.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        p.wait_for_timeout(300)
        p.evaluate("""async () => {
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
            await document.fonts.ready;
        }""")
    page.assert_clean()


def test_index_redirects_and_pdf_link(page, site):
    p = page.open("index.html")
    p.wait_for_url(re.compile(r".*intro\.html"))
    link = p.locator("a[href='sieecon.pdf']")
    assert link.count() >= 1
    assert (site / "sieecon.pdf").exists()
    resp = p.request.get(page.base + "/sieecon.pdf")
    assert resp.ok and resp.headers["content-type"] == "application/pdf"
    page.assert_clean()


def test_math_renders(page):
    p = page.open(CHAPTER)
    p.wait_for_selector("mjx-container", timeout=15000)
    assert p.locator("mjx-container").count() >= 3
    page.assert_clean()


def test_search_finds_a_word_of_the_book(page):
    p = page.open("search.html?q=exports")
    p.wait_for_selector("#search-results li", timeout=15000)
    assert p.locator("#search-results li").count() >= 1
    page.assert_clean()


def test_chapter_tables_figures_and_verdicts_visible(page):
    p = page.open(CHAPTER)
    tables = p.locator("table.sieecon-table")
    assert tables.count() >= 5
    assert tables.first.is_visible()
    assert p.locator("table.sieecon-table").first.locator("tbody tr").count() >= 4
    figs = p.locator("img.sieecon-figure")
    assert figs.count() >= 4
    for i in range(figs.count()):
        assert figs.nth(i).get_attribute("alt"), "every figure has alt text"
    assert p.locator("text=OLS Regression Results").count() >= 1
    verdicts = p.locator(".sieecon-verdict")
    assert verdicts.count() >= 10
    assert p.locator(".sieecon-verdict.verdict-differs").count() >= 3
    page.assert_clean()


def _explorer(p, name):
    fig = p.locator(f"figure[data-explorer='{name}']")
    fig.wait_for(state="visible")
    p.wait_for_selector(f"figure[data-explorer='{name}'].sieecon-explorer-ready", timeout=15000)
    return fig


def _texts(fig):
    return fig.locator("svg text").evaluate_all("els => els.map(e => e.textContent.trim())")


def _wait_change(fig, before, timeout=5.0):
    """Poll until the chart's text differs from ``before`` (Vega redraws asynchronously)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _texts(fig)
        if now != before:
            return now
        time.sleep(0.05)
    return _texts(fig)


def _set_range(fig, label, value):
    inp = fig.locator(".vega-bind", has_text=label).locator("input[type=range]")
    inp.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", str(value))


def test_eai_explorer_responds_and_matches_package(page):
    p = page.open(CHAPTER)
    fig = _explorer(p, "eai-weights")
    ex = explorers.eai_weights()
    default = f"{ex.compute()['index']:.4f}"
    assert default in _texts(fig)
    settings = {"w1": 0.4, "w2": 0.3, "w3": 0.2, "w4": 0.1}
    for i, (name, value) in enumerate([("w1", 0.1), ("w2", 0.8), ("w3", 0.0), ("w4", 0.55)]):
        before = _texts(fig)
        _set_range(fig, f"Weight of W{i + 1}", value)
        settings[name] = value
        after = _wait_change(fig, before)
        assert after != before, f"moving {name} changed nothing"
        expected = ex.compute(**settings)
        assert f"{expected['index']:.4f}" in after, (name, expected["index"], after)
    # the ranking shown (bars from top to bottom) equals the package's ranking
    labels = fig.locator("svg text").evaluate_all(
        "els => els.filter(e => /^W\\d: /.test(e.textContent.trim()))"
        ".map(e => [e.getBoundingClientRect().top, e.textContent.trim().slice(0, 2)])")
    order = list(dict.fromkeys(name for _, name in sorted(labels)))
    assert order == expected["ranking"]
    page.assert_clean()


def test_eai_explorer_is_keyboard_operable_and_labelled(page):
    p = page.open(CHAPTER)
    fig = _explorer(p, "eai-weights")
    slider = fig.locator("input[type=range]").first
    assert slider.get_attribute("aria-label").startswith("Weight of W1")
    before = _texts(fig)
    slider.focus()
    p.keyboard.press("ArrowLeft")
    p.keyboard.press("ArrowLeft")
    assert _wait_change(fig, before) != before
    page.assert_clean()


def test_trend_explorer_responds_to_both_controls_and_matches_package(page):
    p = page.open(CHAPTER)
    fig = _explorer(p, "export-trend")
    ex = explorers.export_trend()

    def readout():
        # Vega formats negative numbers with a true minus sign (U+2212)
        return next(t for t in _texts(fig) if t.startswith("Forecast ")).replace("\u2212", "-")

    d = ex.compute()
    assert readout() == f"Forecast {d['horizon']}: {d['mean']:.1f} bln KZT (95% interval {d['lower']:.1f} to {d['upper']:.1f})"
    before = _texts(fig)
    _set_range(fig, "Forecast to the year", 2031)
    _wait_change(fig, before)
    d = ex.compute(horizon=2031)
    assert readout() == f"Forecast 2031: {d['mean']:.1f} bln KZT (95% interval {d['lower']:.1f} to {d['upper']:.1f})"
    select = fig.locator(".vega-bind", has_text="Trend form").locator("select")
    assert select.get_attribute("aria-label").startswith("Trend form")
    for form in ("exponential", "quadratic", "power"):
        before = readout()
        texts = _texts(fig)
        select.select_option(form)
        _wait_change(fig, texts)
        d = ex.compute(horizon=2031, form=form)
        assert readout() != before
        assert readout() == f"Forecast 2031: {d['mean']:.1f} bln KZT (95% interval {d['lower']:.1f} to {d['upper']:.1f})"
    page.assert_clean()


def test_solutions_hidden_until_opened(page):
    p = page.open(CHAPTER)
    sols = p.locator("div.solution.dropdown")
    assert sols.count() >= 4
    for i in range(sols.count()):
        sol = sols.nth(i)
        body = sol.locator("section").first
        assert not body.is_visible(), "a solution is visible before it is opened"
        sol.locator("button.toggle-button").first.click()
        body.wait_for(state="visible", timeout=5000)  # raises if the solution does not open
    page.assert_clean()


def _follow(page, selector, expected_href):
    """Open the chapter, click the first link matching ``selector`` and return the element it lands on."""
    p = page.open(CHAPTER)
    link = p.locator(selector).first
    assert expected_href in link.get_attribute("href")
    link.click()
    p.wait_for_load_state("networkidle")
    target = p.locator(f"[id='{p.url.split('#')[1]}']")
    assert target.count() == 1, f"{selector} leads to a missing anchor"
    return target


def test_glossary_and_citation_links_resolve(page):
    term = _follow(page, "a.reference.internal:has(span.xref.std-term)", "glossary.html#term-")
    assert "Kazakh" in term.locator("xpath=..").inner_text()
    _follow(page, "a[href*='bibliography.html#id']", "bibliography.html#id")
    page.assert_clean()


def test_verdict_links_to_ledger_row(page):
    _follow(page, ".sieecon-verdict a", "ledger.html#claim-")
    page.assert_clean()


def test_ledger_appendix_filters(page):
    p = page.open("appendix/ledger.html")
    bar = p.locator(".sieecon-ledger-filters")
    bar.wait_for()
    rows = p.locator("table.sieecon-ledger tbody tr")
    total = rows.count()
    assert total >= len(sx.replication.claims())
    bar.locator("select").nth(1).select_option(label="differs")
    visible = p.locator("table.sieecon-ledger tbody tr:not([hidden])").count()
    assert 0 < visible < total
    page.assert_clean()


def test_data_catalogue_download_links(page):
    p = page.open("appendix/data-catalogue.html")
    links = p.locator("a.sieecon-download")
    assert links.count() == len(sx.data.list_datasets())
    href = links.first.get_attribute("href")
    resp = p.request.get(page.base + "/appendix/" + href)
    assert resp.ok and "," in resp.text().splitlines()[0]
    page.assert_clean()


def test_download_and_launch_buttons(page):
    p = page.open(CHAPTER)
    html = p.content()
    assert "_sources/chapters/financing-exports.ipynb" in html
    assert "colab.research.google.com/github/sieecon/sieecon/blob/main/book/chapters/financing-exports.ipynb" in html
    assert "mybinder.org/v2/gh/sieecon/sieecon/main" in html
    resp = p.request.get(page.base + "/_sources/chapters/financing-exports.ipynb")
    assert resp.ok and '"cells"' in resp.text()
    page.assert_clean()


def test_lecturer_copy_has_no_solutions(browser, lecturer_url, page_class):
    pg = page_class(browser, lecturer_url)
    p = pg.open(CHAPTER)
    assert p.locator(".exercise").count() >= 4
    assert p.locator(".solution").count() == 0
    assert "OLS Regression Results" in p.content()
    pg.assert_clean()
    pg.close()
