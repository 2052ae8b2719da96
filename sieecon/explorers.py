"""Explorers: one definition that works with a kernel and on the static site.

An :class:`Explorer` has controls (sliders and menus), a Python computation
(``Explorer.compute``, the truth) and a Vega-Lite chart whose controls are
bound to the same parameters (:meth:`Explorer.vega_spec`). Shown in a notebook
with a kernel (JupyterLab, Binder, Colab) it is an ipywidgets panel driven by
``compute``; shown in the book's build it is a client-side chart that runs
in the reader's browser with every script served by the site; in the PDF it
prints as its default state.

>>> ex = eai_weights()
>>> [c.name for c in ex.controls]
['w1', 'w2', 'w3', 'w4']
>>> round(ex.compute()["index"], 3)
0.325
>>> ex.compute(w1=1, w2=0, w3=0, w4=0)["index"]
0.31
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets
    import pandas as pd

__all__ = ["Control", "Explorer", "eai_weights", "export_trend", "TREND_FORMS"]


@dataclass(frozen=True)
class Control:
    """A control of an explorer: a slider (``kind="range"``) or a menu (``kind="select"``)."""

    name: str
    label: str
    kind: str
    default: Any
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[Any, ...] = ()
    option_labels: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        """Validate a value for this control; return it, or raise a clear error."""
        if self.kind == "select":
            if value not in self.options:
                listed = ", ".join(repr(o) for o in self.options)
                raise ValueError(f"{self.name} must be one of {listed}; got {value!r}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{self.name} must be a number, not {type(value).__name__}")
        if not (self.min <= value <= self.max):  # type: ignore[operator]
            raise ValueError(f"{self.name} must lie between {self.min} and {self.max}; got {value}")
        return value

    def vega_bind(self) -> dict[str, Any]:
        if self.kind == "select":
            bind: dict[str, Any] = {"input": "select", "options": list(self.options), "name": self.label + " "}
            if self.option_labels:
                bind["labels"] = list(self.option_labels)
            return bind
        return {"input": "range", "min": self.min, "max": self.max, "step": self.step, "name": self.label + " "}


@dataclass
class Explorer:
    """An interactive figure defined once for both the kernel and the static site.

    Parameters
    ----------
    id
        A unique identifier, used in the page (``sieecon-explorer-<id>``).
    title
        The chart's title.
    description
        What the chart shows, read by screen readers (the alt text).
    source
        The source line (document, table).
    controls
        The sliders and menus.
    compute
        ``compute(**params) -> dict``: the Python truth for a set of parameters.
    spec
        ``spec() -> dict``: the Vega-Lite specification with the controls bound to ``params``.
    render
        ``render(result) -> str``: the HTML the ipywidgets panel shows for a result.
    """

    id: str
    title: str
    description: str
    source: str
    controls: list[Control]
    compute_fn: Callable[..., dict[str, Any]]
    spec_fn: Callable[[], dict[str, Any]]
    render_fn: Callable[[dict[str, Any]], str]
    _widget: Any = field(default=None, repr=False)

    def defaults(self) -> dict[str, Any]:
        """The default value of every control."""
        return {c.name: c.default for c in self.controls}

    def compute(self, **params: Any) -> dict[str, Any]:
        """The result for the given control values (defaults for those not given)."""
        names = {c.name: c for c in self.controls}
        unknown = [k for k in params if k not in names]
        if unknown:
            raise TypeError(f"{self.id} has no control {unknown[0]!r}; its controls are {', '.join(names)}")
        values = self.defaults()
        for k, v in params.items():
            values[k] = names[k].check(v)
        return self.compute_fn(**values)

    def vega_spec(self) -> dict[str, Any]:
        """The Vega-Lite specification (a dict), controls bound to parameters."""
        from .plotting import vega_config

        spec = self.spec_fn()
        spec.setdefault("$schema", "https://vega.github.io/schema/vega-lite/v6.json")
        spec.setdefault("description", self.description)
        spec.setdefault("config", vega_config())
        spec["params"] = [
            {"name": c.name, "value": c.default, "bind": c.vega_bind()} for c in self.controls
        ] + spec.get("params", [])
        return spec

    # --- the static site -------------------------------------------------------------------------------
    def html(self) -> str:
        """The page fragment for the static site: a chart container and its specification.

        The site's ``sieecon-explorers.js`` finds it and draws it with the site's own copy of Vega.
        """
        spec = json.dumps(self.vega_spec(), ensure_ascii=False, separators=(",", ":"))
        spec = spec.replace("</", "<\\/")
        el = f"sieecon-explorer-{self.id}"
        return (
            f'<figure class="sieecon-explorer" id="{el}" data-explorer="{self.id}" '
            f'aria-label="{html.escape(self.title)}">'
            f'<div class="sieecon-explorer-chart" role="img" aria-label="{html.escape(self.description)}"></div>'
            f'<figcaption class="sieecon-explorer-source">{html.escape(self.source)}</figcaption>'
            f'<noscript>This explorer needs JavaScript; the PDF shows its default state.</noscript>'
            f'<script type="application/json" class="sieecon-explorer-spec">{spec}</script>'
            f"</figure>"
        )

    def png(self) -> bytes:
        """The default state as a PNG (for the PDF), rendered without a browser by vl-convert."""
        import vl_convert as vlc

        spec = self.vega_spec()
        for p in spec["params"]:
            p.pop("bind", None)
        return vlc.vegalite_to_png(spec, scale=2)

    # --- with a kernel ---------------------------------------------------------------------------------
    def widget(self) -> ipywidgets.VBox:
        """An ipywidgets panel: the controls and the result, recomputed by ``compute`` on every change."""
        import ipywidgets as w

        inputs: dict[str, Any] = {}
        layout = w.Layout(width="26em")
        style = {"description_width": "14em"}
        for c in self.controls:
            if c.kind == "select":
                labels = c.option_labels or tuple(str(o) for o in c.options)
                inputs[c.name] = w.Dropdown(options=list(zip(labels, c.options)), value=c.default,
                                            description=c.label, layout=layout, style=style)
            else:
                cls = w.IntSlider if all(isinstance(v, int) for v in (c.min, c.max, c.step, c.default)) else w.FloatSlider
                inputs[c.name] = cls(value=c.default, min=c.min, max=c.max, step=c.step, description=c.label,
                                     continuous_update=False, layout=layout, style=style)
        out = w.HTML(layout=w.Layout(min_height="6em"))
        panel = w.VBox([w.HTML(f"<b>{html.escape(self.title)}</b>"), *inputs.values(), out])
        panel.inputs = inputs  # type: ignore[attr-defined]
        panel.output = out  # type: ignore[attr-defined]

        def update(_change: Any = None) -> None:
            try:
                result = self.compute(**{k: v.value for k, v in inputs.items()})
            except (ValueError, TypeError) as exc:
                panel.result = None  # type: ignore[attr-defined]
                out.value = f'<p role="alert">{html.escape(str(exc))}</p>'
                return
            panel.result = result  # type: ignore[attr-defined]
            out.value = self.render_fn(result)

        for v in inputs.values():
            v.observe(update, names="value")
        update()
        self._widget = panel
        return panel

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        from .book import in_book_build

        if in_book_build():
            return {"text/html": self.html(), "image/png": self.png(),
                    "text/plain": f"<explorer {self.id}: {self.title}>"}
        panel = self.widget()
        return panel._repr_mimebundle_(include=include, exclude=exclude)

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised through notebooks
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


# --- explorer 1: the weights of the export activity index (document 000, eq. 6, Table 4) ----------------

def eai_weights() -> Explorer:
    """The weighted export activity index of document 000 (eq. 6, Table 4) with movable weights.

    The weights are rescaled to sum to one, so a reader can move any slider freely; the chart ranks the
    components by their weighted contribution and prints the index.
    """
    from . import data

    comp = data.load("000_eai_weighted")
    names = comp["component"].tolist()
    labels = comp["indicator"].tolist()
    values = comp["average_value"].to_numpy(float)
    weights = comp["weight"].to_numpy(float)
    controls = [
        Control(name=f"w{i + 1}", label=f"Weight of {n}", kind="range", default=float(wt), min=0.0, max=1.0, step=0.05)
        for i, (n, wt) in enumerate(zip(names, weights))
    ]

    def compute(**params: float) -> dict[str, Any]:
        from .indicators import composite_index

        w = [params[f"w{i + 1}"] for i in range(len(names))]
        if sum(w) == 0:
            raise ValueError("at least one weight must be above zero")
        res = composite_index(values, w, normalize=True, names=names)
        table = res.contributions.sort_values("rank").reset_index(drop=True)
        return {"index": float(res.value), "ranking": list(res.ranking.index), "table": table}

    def spec() -> dict[str, Any]:
        rows = [{"component": n, "indicator": f"{n}: {lab}", "value": float(v)} for n, lab, v in zip(names, labels, values)]
        weight_expr = " : ".join(f"datum.component === '{n}' ? w{i + 1}" for i, n in enumerate(names)) + " : 0"
        total = " + ".join(f"w{i + 1}" for i in range(len(names)))
        base = {
            "data": {"values": rows},
            "transform": [
                {"calculate": weight_expr, "as": "weight"},
                {"calculate": f"({total}) > 0 ? datum.weight / ({total}) : NaN", "as": "norm_weight"},
                {"calculate": "datum.value * datum.norm_weight", "as": "weighted"},
                {"joinaggregate": [{"op": "sum", "field": "weighted", "as": "index"}]},
            ],
        }
        bars = {
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "y": {"field": "indicator", "type": "nominal", "sort": "-x", "title": None,
                      "axis": {"labelLimit": 320}},
                "x": {"field": "weighted", "type": "quantitative", "title": "Weighted contribution to the index (0–1 scale)",
                      "scale": {"domain": [0, 0.45]}},
                "color": {"value": "#0072B2"},
                "tooltip": [
                    {"field": "indicator", "title": "Component"},
                    {"field": "value", "title": "Sample mean (0–1)", "format": ".2f"},
                    {"field": "norm_weight", "title": "Weight (rescaled)", "format": ".3f"},
                    {"field": "weighted", "title": "Weighted value", "format": ".4f"},
                ],
            },
        }
        labels_layer = {
            "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 12},
            "encoding": {
                "y": {"field": "indicator", "type": "nominal", "sort": "-x"},
                "x": {"field": "weighted", "type": "quantitative"},
                "text": {"field": "weighted", "type": "quantitative", "format": ".4f"},
            },
        }
        index_text = {
            "transform": [{"aggregate": [{"op": "max", "field": "index", "as": "index"}]}],
            "mark": {"type": "text", "align": "right", "baseline": "top", "fontSize": 15, "fontWeight": "bold",
                     "x": "width", "y": -28},
            "encoding": {"text": {"field": "index", "type": "quantitative", "format": ".4f"}},
        }
        index_label = {
            "mark": {"type": "text", "align": "right", "baseline": "top", "fontSize": 13, "x": "width", "dx": -62,
                     "y": -27, "text": "Export activity index ="},
        }
        return {
            **base,
            "title": {"text": "Weighted export activity index: move the weights",
                      "subtitle": "Weights are rescaled to sum to 1. Document 000, eq. (6) and Table 4 (n = 50)."},
            "width": 420,
            "height": 180,
            "layer": [bars, labels_layer, index_text, index_label],
        }

    def render(result: dict[str, Any]) -> str:
        table = result["table"][["component", "value", "weight", "weighted"]].copy()
        rows = "".join(
            f"<tr><td>{r.component}</td><td>{r.value:.2f}</td><td>{r.weight:.3f}</td><td>{r.weighted:.4f}</td></tr>"
            for r in table.itertuples()
        )
        return (
            f'<p><output aria-live="polite"><b>Export activity index = {result["index"]:.4f}</b></output></p>'
            f"<table><thead><tr><th>Component (ranked)</th><th>Mean</th><th>Weight</th><th>Weighted</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    return Explorer(
        id="eai-weights",
        title="Weighted export activity index of document 000",
        description=(
            "Bar chart of the four components of the export activity index, ranked by weighted contribution, "
            "with the index value; sliders set the weight of each component."
        ),
        source="Source: document 000 (Bekibayeva et al. 2025), eq. (6) and Table 4; sieecon.indicators.composite_index.",
        controls=controls,
        compute_fn=compute,
        spec_fn=spec,
        render_fn=render,
    )


# --- explorer 2: the export trend and its forecast (document 000, eq. 4) ----------------------------------

TREND_FORMS: dict[str, str] = {
    "linear": "Linear: y = a + b·t",
    "exponential": "Exponential: ln y = a + b·t",
    "power": "Power: ln y = a + b·ln t",
    "quadratic": "Quadratic: y = a + b·t + c·t²",
}
_MAX_YEAR = 2035


@functools.lru_cache(maxsize=8)
def _trend_paths(alpha: float = 0.05) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """Observed exports and, for each trend form, fitted values and forecasts to 2035 with intervals."""
    import warnings

    from . import data
    from .trends import fit_trend

    df = data.load("000_funding_exports")
    years = df["year"].to_numpy(int)
    y = df["exports"].to_numpy(float)
    observed = tuple({"year": int(t), "exports": float(v)} for t, v in zip(years, y))
    rows: list[dict[str, Any]] = []
    for form in TREND_FORMS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = fit_trend(y, form=form, start=int(years[0]))
            fc = fit.forecast(to=_MAX_YEAR, alpha=alpha)
        for t, v in zip(years, fit.fitted):
            rows.append({"form": form, "year": int(t), "mean": float(v), "lower": None, "upper": None, "kind": "fitted"})
        for r in fc.itertuples():
            rows.append({"form": form, "year": int(r.year), "mean": float(r.mean), "lower": float(r.lower),
                         "upper": float(r.upper), "kind": "forecast"})
    return observed, tuple(rows)


def export_trend() -> Explorer:
    """The trend of SIE exports (document 000, Table 2 and eq. 4): pick the horizon and the trend form.

    Shows the fitted trend, the forecast to the chosen year with its 95% prediction interval, and the
    document's printed point forecast for 2028.
    """
    from .replication import claim

    printed_2028 = float(claim("000-forecast-2028").printed_value)  # type: ignore[arg-type]
    controls = [
        Control(name="horizon", label="Forecast to the year", kind="range", default=2028, min=2025, max=_MAX_YEAR, step=1),
        Control(name="form", label="Trend form", kind="select", default="linear", options=tuple(TREND_FORMS),
                option_labels=tuple(TREND_FORMS.values())),
    ]

    def compute(*, horizon: int, form: str) -> dict[str, Any]:
        import pandas as pd

        _, rows = _trend_paths()
        table = pd.DataFrame([r for r in rows if r["form"] == form and r["kind"] == "forecast" and r["year"] <= horizon])
        last = table.iloc[-1]
        return {"form": form, "horizon": int(horizon), "mean": float(last["mean"]), "lower": float(last["lower"]),
                "upper": float(last["upper"]), "table": table.reset_index(drop=True)}

    def spec() -> dict[str, Any]:
        observed, rows = _trend_paths()
        sel = {"filter": "datum.form === form && datum.year <= horizon"}
        band = {
            "data": {"values": [r for r in rows if r["kind"] == "forecast"]},
            "transform": [sel],
            "mark": {"type": "area", "opacity": 0.25, "color": "#56B4E9"},
            "encoding": {"x": {"field": "year", "type": "quantitative"},
                         "y": {"field": "lower", "type": "quantitative"},
                         "y2": {"field": "upper"}},
        }
        line = {
            "data": {"values": list(rows)},
            "transform": [sel],
            "mark": {"type": "line", "color": "#D55E00", "strokeDash": [5, 3], "point": {"color": "#D55E00", "size": 25}},
            "encoding": {
                "x": {"field": "year", "type": "quantitative", "title": "Year", "axis": {"format": "d", "tickMinStep": 1},
                      "scale": {"domain": [2020.5, _MAX_YEAR + 0.5]}},
                "y": {"field": "mean", "type": "quantitative", "title": "SIE exports, bln KZT"},
                "tooltip": [{"field": "year", "title": "Year"}, {"field": "mean", "title": "Trend, bln KZT", "format": ".1f"},
                            {"field": "lower", "title": "95% interval from", "format": ".1f"},
                            {"field": "upper", "title": "to", "format": ".1f"}],
            },
        }
        obs = {
            "data": {"values": list(observed)},
            "mark": {"type": "point", "filled": True, "size": 70, "color": "#0072B2"},
            "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"field": "exports", "type": "quantitative"},
                         "tooltip": [{"field": "year"}, {"field": "exports", "title": "Observed, bln KZT"}]},
        }
        printed = {
            "data": {"values": [{"year": 2028, "value": printed_2028, "label": "printed forecast"}]},
            "mark": {"type": "point", "shape": "diamond", "size": 110, "color": "#CC79A7", "filled": True},
            "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"field": "value", "type": "quantitative"},
                         "tooltip": [{"field": "label", "title": "Document 000"}, {"field": "value", "title": "bln KZT"}]},
        }
        readout = {
            "data": {"values": [r for r in rows if r["kind"] == "forecast"]},
            "transform": [{"filter": "datum.form === form && datum.year === horizon"},
                          {"calculate": "'Forecast ' + datum.year + ': ' + format(datum.mean, '.1f') + ' bln KZT (95% interval '"
                                        " + format(datum.lower, '.1f') + ' to ' + format(datum.upper, '.1f') + ')'",
                           "as": "readout"}],
            "mark": {"type": "text", "align": "left", "baseline": "top", "x": 4, "y": 4, "fontSize": 13,
                     "fontWeight": "bold"},
            "encoding": {"text": {"field": "readout"}},
        }
        return {
            "title": {"text": "SIE exports: trend and forecast with a 95% prediction interval",
                      "subtitle": "Dots: Table 2 of document 000. Diamond: the document's printed forecast for 2028."},
            "width": 520,
            "height": 300,
            "layer": [band, line, obs, printed, readout],
        }

    def render(result: dict[str, Any]) -> str:
        rows = "".join(
            f"<tr><td>{int(r.year)}</td><td>{r.mean:.1f}</td><td>{r.lower:.1f}</td><td>{r.upper:.1f}</td></tr>"
            for r in result["table"].itertuples()
        )
        return (
            f'<p><output aria-live="polite"><b>Forecast {result["horizon"]}: {result["mean"]:.1f} bln KZT '
            f'(95% interval {result["lower"]:.1f} to {result["upper"]:.1f})</b></output></p>'
            f"<table><thead><tr><th>Year</th><th>Forecast</th><th>Lower</th><th>Upper</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    return Explorer(
        id="export-trend",
        title="Trend forecast of SIE exports",
        description=(
            "Line chart of SIE exports 2021–2024 with a fitted trend and its forecast to the chosen year, "
            "a shaded 95% prediction interval and the document's printed 2028 forecast; a slider sets the "
            "horizon and a menu the trend form."
        ),
        source="Source: document 000 (Bekibayeva et al. 2025), Table 2 and eq. (4); sieecon.trends.fit_trend.",
        controls=controls,
        compute_fn=compute,
        spec_fn=spec,
        render_fn=render,
    )
