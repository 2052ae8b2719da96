"""Explorers: one definition serves the kernel (ipywidgets) and the static site (Vega-Lite)."""

from __future__ import annotations

import json

import nbformat
import pytest

import sieecon as sx
from sieecon import explorers


@pytest.fixture(params=["eai_weights", "export_trend"])
def explorer(request):
    return getattr(explorers, request.param)()


def test_spec_binds_every_control(explorer):
    spec = explorer.vega_spec()
    bound = {p["name"] for p in spec["params"] if "bind" in p}
    assert bound == {c.name for c in explorer.controls}
    assert spec["description"] == explorer.description
    json.dumps(spec)  # serialisable


def test_static_html_holds_spec_and_no_outside_script(explorer):
    html = explorer.html()
    assert 'class="sieecon-explorer"' in html and "application/json" in html
    assert "<script src" not in html and "http" not in html.split("application/json")[0]


def test_png_default_state(explorer):
    png = explorer.png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_eai_compute_matches_indicator_and_renormalises():
    ex = explorers.eai_weights()
    comp = sx.data.load("000_eai_weighted")
    direct = sx.indicators.composite_index(comp["average_value"], comp["weight"]).value
    assert ex.compute()["index"] == pytest.approx(direct)
    doubled = ex.compute(w1=0.8, w2=0.6, w3=0.4, w4=0.2)
    assert doubled["index"] == pytest.approx(direct)
    only_w2 = ex.compute(w1=0, w2=1, w3=0, w4=0)
    assert only_w2["index"] == pytest.approx(0.42) and only_w2["ranking"][0] == "W2"


def test_explorer_input_errors():
    ex = explorers.eai_weights()
    with pytest.raises(ValueError, match="w1 must lie between 0.0 and 1.0; got 2"):
        ex.compute(w1=2)
    with pytest.raises(TypeError, match="w1 must be a number, not str"):
        ex.compute(w1="0.3")
    with pytest.raises(TypeError, match="has no control 'w9'"):
        ex.compute(w9=0.1)
    with pytest.raises(ValueError, match="at least one weight must be above zero"):
        ex.compute(w1=0, w2=0, w3=0, w4=0)
    tr = explorers.export_trend()
    with pytest.raises(ValueError, match="form must be one of 'linear'"):
        tr.compute(form="cubic")
    with pytest.raises(ValueError, match="horizon must lie between 2025 and 2035; got 2040"):
        tr.compute(horizon=2040)


def test_trend_compute_matches_fit_trend():
    tr = explorers.export_trend()
    fx = sx.data.load("000_funding_exports")
    for form in explorers.TREND_FORMS:
        with pytest.warns(sx.trends.ShortSeriesWarning):
            fit = sx.trends.fit_trend(fx["exports"], form=form, start=2021)
        direct = fit.forecast(to=2030).iloc[-1]
        got = tr.compute(horizon=2030, form=form)
        assert got["mean"] == pytest.approx(direct["mean"])
        assert got["lower"] == pytest.approx(direct["lower"])
        assert got["upper"] == pytest.approx(direct["upper"])


def test_widgets_driven_through_their_controls():
    ex = explorers.eai_weights()
    panel = ex.widget()
    assert panel.result["index"] == pytest.approx(0.325)
    panel.inputs["w1"].value = 0.0
    assert panel.result["index"] == pytest.approx(ex.compute(w1=0.0)["index"])
    assert f"{panel.result['index']:.4f}" in panel.output.value
    for name in ("w2", "w3", "w4"):
        before = panel.output.value
        panel.inputs[name].value = 0.9
        assert panel.output.value != before
    for name in ("w1", "w2", "w3", "w4"):
        panel.inputs[name].value = 0.0
    assert panel.result is None and 'role="alert"' in panel.output.value

    tr = explorers.export_trend()
    panel = tr.widget()
    panel.inputs["horizon"].value = 2032
    assert panel.result["horizon"] == 2032
    panel.inputs["form"].value = "exponential"
    assert panel.result["mean"] == pytest.approx(tr.compute(horizon=2032, form="exponential")["mean"])


def test_bundle_outside_the_book_is_a_widget(monkeypatch):
    monkeypatch.delenv("SIEECON_BOOK_BUILD", raising=False)
    bundle = explorers.eai_weights()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    monkeypatch.setenv("SIEECON_BOOK_BUILD", "1")
    bundle = explorers.eai_weights()._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}


@pytest.mark.slow
def test_widgets_driven_in_a_real_kernel():
    """Run the explorers in a Jupyter kernel (nbclient), move every control, read the results back."""
    from nbclient import NotebookClient

    code = """
import sieecon as sx, json
ex = sx.explorers.eai_weights(); panel = ex.widget(); out = [panel.result['index']]
for name, v in [('w1', 0.1), ('w2', 0.9), ('w3', 0.5), ('w4', 0.0)]:
    panel.inputs[name].value = v; out.append(panel.result['index'])
tr = sx.explorers.export_trend(); tp = tr.widget(); res = [tp.result['mean']]
tp.inputs['horizon'].value = 2033; res.append(tp.result['mean'])
tp.inputs['form'].value = 'power'; res.append(tp.result['mean'])
print(json.dumps({'eai': out, 'trend': res}))
"""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    result = json.loads(nb.cells[0].outputs[0]["text"])
    ex = explorers.eai_weights()
    assert result["eai"][0] == pytest.approx(0.325)
    assert result["eai"][-1] == pytest.approx(ex.compute(w1=0.1, w2=0.9, w3=0.5, w4=0.0)["index"])
    assert len(set(round(v, 6) for v in result["eai"])) == 5
    tr = explorers.export_trend()
    assert result["trend"][1] == pytest.approx(tr.compute(horizon=2033)["mean"])
    assert result["trend"][2] == pytest.approx(tr.compute(horizon=2033, form="power")["mean"])
