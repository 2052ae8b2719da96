"""One plotting style for every figure of the book.

Every figure has a title, axis labels with units, a source line naming the
document and table, alt text, and colours from a colour-blind-safe palette
(Okabe and Ito's eight colours). :func:`figure` makes such a figure;
:class:`Figure` carries the alt text and the source with it, so that the
book can print both.

>>> fig = figure(title="Exports", xlabel="Year", ylabel="bln KZT",
...              source="Document 000, Table 2", alt="Exports rise from 61 to 88.")
>>> fig.ax.get_title(loc="left")
'Exports'
>>> fig.alt
'Exports rise from 61 to 88.'
>>> close(fig)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as MplFigure

__all__ = [
    "PALETTE", "COLORS", "Figure", "figure", "apply_style", "add_source", "close", "vega_config",
    "time_series", "scatter_fit", "interval_plot", "from_axes",
]

#: Okabe & Ito (2008) colour-blind-safe palette, in the order figures use it.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Named roles for colours, so that the same meaning has the same colour on every page.
COLORS: dict[str, str] = {
    "data": PALETTE[0],
    "fit": PALETTE[1],
    "forecast": PALETTE[5],
    "interval": PALETTE[4],
    "printed": PALETTE[3],
    "strength": PALETTE[2],
    "weakness": PALETTE[5],
    "opportunity": PALETTE[0],
    "threat": PALETTE[1],
    "muted": "#6b6b6b",
}

_RC = {
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "figure.figsize": (7.0, 4.0),
    "font.size": 10.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",
}


def apply_style() -> None:
    """Set the book's matplotlib defaults (palette, fonts, grid) for the session."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(_RC)
    mpl.rcParams["axes.prop_cycle"] = cycler(color=list(PALETTE))


@dataclass
class Figure:
    """A matplotlib figure with the metadata a textbook figure needs.

    Displays as its image in Jupyter; ``alt`` and ``source`` travel with it
    and are used by :func:`sieecon.book.show_figure`.
    """

    fig: MplFigure
    ax: Axes
    title: str
    source: str
    alt: str
    extra: dict[str, Any] = field(default_factory=dict)

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()

    def savefig(self, path: str, **kwargs: Any) -> None:
        """Save the figure (PNG, SVG or PDF by extension)."""
        self.fig.savefig(path, bbox_inches="tight", **kwargs)


def _require_text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty: every figure of the book needs one")
    return value


def figure(
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    alt: str,
    figsize: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Create an empty figure in the book's style.

    Parameters
    ----------
    title, xlabel, ylabel
        The title and the axis labels; labels should carry units, e.g. ``"Exports, bln KZT"``.
    source
        The source line printed under the plot, e.g. ``"Source: document 000, Table 2."``.
    alt
        Alt text: what the figure shows, in a sentence or two, for a reader who cannot see it.
    figsize
        Width and height in inches.
    ax
        Draw into an existing axes instead of a new figure.

    Raises
    ------
    ValueError
        If the title, a label, the source or the alt text is empty.
    """
    for value, name in ((title, "title"), (xlabel, "xlabel"), (ylabel, "ylabel"), (source, "source"), (alt, "alt")):
        _require_text(value, name)
    import matplotlib.pyplot as plt

    apply_style()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize or _RC["figure.figsize"], layout="constrained")
    else:
        fig = ax.figure
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    add_source(ax, source)
    return Figure(fig=fig, ax=ax, title=title, source=source, alt=alt)


def from_axes(ax: Axes, *, title: str, source: str, alt: str) -> Figure:
    """Make a book figure of an Axes that a module's own ``plot`` method drew.

    Adds the source line and returns a :class:`Figure` carrying the alt text, so that plots such as
    :meth:`sieecon.swot.Swot.plot` follow the same rules as every other figure.

    >>> import matplotlib.pyplot as plt
    >>> _, ax = plt.subplots()
    >>> fig = from_axes(ax, title="A plot", source="Source: a table.", alt="Nothing drawn yet.")
    >>> fig.alt
    'Nothing drawn yet.'
    >>> close(fig)
    """
    for value, name in ((title, "title"), (source, "source"), (alt, "alt")):
        _require_text(value, name)
    if not hasattr(ax, "figure") or not hasattr(ax, "annotate"):
        raise TypeError(f"ax must be a matplotlib Axes, not {type(ax).__name__}")
    add_source(ax, source)
    return Figure(fig=ax.figure, ax=ax, title=title, source=source, alt=alt)


def add_source(ax: Axes, source: str) -> None:
    """Print a source line under the axes, in small muted type."""
    _require_text(source, "source")
    ax.annotate(
        source,
        xy=(0, 0),
        xycoords="figure fraction",
        xytext=(6, 4),
        textcoords="offset points",
        fontsize=8,
        color=COLORS["muted"],
        ha="left",
        va="bottom",
    )
    engine = ax.figure.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        try:
            engine.set(h_pad=0.12)
        except TypeError:  # a layout engine without h_pad (tight layout)
            pass


def close(fig: Figure | Any) -> None:
    """Close a figure (a :class:`Figure` or a matplotlib figure) to free memory."""
    import matplotlib.pyplot as plt

    plt.close(fig.fig if isinstance(fig, Figure) else fig)


def vega_config() -> dict[str, Any]:
    """The same style for client-side (Vega-Lite) charts: palette, fonts, title placement."""
    return {
        "range": {"category": list(PALETTE)},
        "font": "DejaVu Sans, Verdana, sans-serif",
        "title": {"anchor": "start", "fontSize": 14, "fontWeight": "bold"},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#dddddd"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12},
        "view": {"stroke": None},
    }


def time_series(
    x: Any,
    series: dict[str, Any],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    alt: str,
    markers: bool = True,
) -> Figure:
    """Lines of one or more series against ``x`` (years), in the book's style.

    ``series`` maps a legend label to its values.

    >>> f = time_series([2021, 2022], {"Exports": [61.3, 68.7]}, title="t", xlabel="Year",
    ...                 ylabel="bln KZT", source="s", alt="a")
    >>> len(f.ax.lines)
    1
    >>> close(f)
    """
    from .validation import as_1d_float, check_same_length

    xs = as_1d_float(x, "x")
    if not isinstance(series, dict) or not series:
        raise TypeError("series must be a non-empty dict of label -> values")
    fig = figure(title=title, xlabel=xlabel, ylabel=ylabel, source=source, alt=alt)
    for i, (label, values) in enumerate(series.items()):
        ys = as_1d_float(values, f"series[{label!r}]")
        check_same_length(x=xs, **{"values": ys})
        fig.ax.plot(xs, ys, marker="o" if markers else None, color=PALETTE[i % len(PALETTE)], label=label)
    if all(float(v).is_integer() for v in xs):
        fig.ax.set_xticks(xs)
        fig.ax.set_xticklabels([str(int(v)) for v in xs])
    fig.ax.legend()
    return fig


def scatter_fit(
    x: Any,
    y: Any,
    *,
    lines: dict[str, tuple[float, float]] | None = None,
    point_labels: Any = None,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    alt: str,
) -> Figure:
    """A scatter of ``y`` on ``x`` with straight lines ``label -> (intercept, slope)`` drawn across it.

    >>> f = scatter_fit([1, 2, 3], [2, 4, 6], lines={"fit": (0, 2)}, title="t", xlabel="x",
    ...                 ylabel="y", source="s", alt="a")
    >>> len(f.ax.lines)
    1
    >>> close(f)
    """
    import numpy as np

    from .validation import as_1d_float, check_same_length

    xs, ys = as_1d_float(x, "x"), as_1d_float(y, "y")
    check_same_length(x=xs, y=ys)
    fig = figure(title=title, xlabel=xlabel, ylabel=ylabel, source=source, alt=alt)
    fig.ax.scatter(xs, ys, color=COLORS["data"], zorder=3, label="Observed")
    if point_labels is not None:
        for xi, yi, lab in zip(xs, ys, list(point_labels)):
            fig.ax.annotate(str(lab), (xi, yi), textcoords="offset points", xytext=(5, -12), fontsize=9)
    grid = np.linspace(xs.min() - 0.05 * np.ptp(xs), xs.max() + 0.05 * np.ptp(xs), 50)
    styles = ["-", "--", ":", "-."]
    colours = [COLORS["fit"], COLORS["printed"], COLORS["forecast"], COLORS["muted"]]
    for i, (label, (a, b)) in enumerate((lines or {}).items()):
        fig.ax.plot(grid, a + b * grid, linestyle=styles[i % 4], color=colours[i % 4], label=label)
    fig.ax.legend()
    return fig


def interval_plot(
    labels: Any,
    estimates: Any,
    lower: Any,
    upper: Any,
    *,
    title: str,
    xlabel: str,
    source: str,
    alt: str,
    ylabel: str = "Item",
) -> Figure:
    """Horizontal point estimates with interval bars, one row per label (e.g. shares with Wilson intervals).

    >>> f = interval_plot(["a", "b"], [0.2, 0.5], [0.1, 0.4], [0.3, 0.6], title="t", xlabel="share",
    ...                   source="s", alt="a")
    >>> len(f.ax.get_yticklabels())
    2
    >>> close(f)
    """
    import numpy as np

    from .validation import as_1d_float, check_same_length

    est, lo, hi = (as_1d_float(v, n) for v, n in ((estimates, "estimates"), (lower, "lower"), (upper, "upper")))
    labels = [str(v) for v in labels]
    check_same_length(labels=labels, estimates=est, lower=lo, upper=hi)
    if (lo > est + 1e-12).any() or (hi < est - 1e-12).any():
        raise ValueError("each interval must contain its estimate (lower <= estimate <= upper)")
    fig = figure(title=title, xlabel=xlabel, ylabel=ylabel, source=source, alt=alt,
                 figsize=(7.0, 0.45 * len(labels) + 1.6))
    pos = np.arange(len(labels))[::-1]
    fig.ax.errorbar(est, pos, xerr=[est - lo, hi - est], fmt="o", color=COLORS["data"], ecolor=COLORS["interval"],
                    elinewidth=3, capsize=0)
    fig.ax.set_yticks(pos)
    fig.ax.set_yticklabels(labels)
    fig.ax.grid(axis="y", visible=False)
    return fig
