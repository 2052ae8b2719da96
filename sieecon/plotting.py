"""One plotting style for every figure of the book.

Every figure has a title, axis labels with units, a source line naming the
document and table, alt text, and colours from a colour-blind-safe palette
(Okabe and Ito's eight colours). :func:`figure` makes such a figure;
:class:`Figure` carries the alt text and the source with it, so that the
book can print both.

>>> fig = figure(title="Exports", xlabel="Year", ylabel="bln KZT",
...              source="Document 000, Table 2", alt="Exports rise from 61 to 88.")
>>> fig.ax.get_title()
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

__all__ = ["PALETTE", "COLORS", "Figure", "figure", "apply_style", "add_source", "close", "vega_config"]

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
    ax.figure.get_layout_engine() and ax.figure.get_layout_engine().set(h_pad=0.12)  # type: ignore[union-attr]


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
