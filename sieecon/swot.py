"""SWOT analysis as data: items, the quadrant figure, factor evaluation and the TOWS matrix.

Three source documents print SWOT tables: document 000, Table 1 (financing
programmes, lines 210–223), document 001, Кесте 16 (small business in East
Kazakhstan, lines 1572–1640, in Kazakh) and document 002 (Nur-Sultan,
lines 78–82). The book stores each as a dataset with one row per item
(columns ``category``, ``order``, ``item_original``, ``item_en``; see
``data/README.md``, rule 6). This module turns such a frame into a
:class:`Swot` and offers

* :meth:`Swot.plot` — the 2 × 2 quadrant figure (internal/external rows,
  helpful/harmful columns) in the Okabe–Ito palette, with :meth:`Swot.alt_text`;
* :func:`factor_evaluation` — the weighted internal and external factor
  evaluation (IFE/EFE) matrices of David and David (2017);
* :func:`tows_matrix` — Weihrich's (1982) TOWS matrix of SO, ST, WO and WT
  strategies.

None of the three documents weights or rates its items, so any factor
evaluation built on them is the analyst's illustration, not the authors'.

>>> import pandas as pd
>>> df = pd.DataFrame({"category": ["strength", "weakness", "opportunity", "threat"],
...                    "order": [1, 1, 1, 1],
...                    "item_en": ["Grant financing", "Weak coordination", "EAEU market", "Currency risk"]})
>>> sw = Swot.from_frame(df, title="Toy SWOT")
>>> sw
Swot('Toy SWOT': strengths=1, weaknesses=1, opportunities=1, threats=1)
>>> [item.label for item in sw.items()]
['S1', 'W1', 'O1', 'T1']
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .validation import check_choice, check_weights

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "CATEGORIES",
    "COLOURS",
    "TOWS_CELLS",
    "SwotItem",
    "Swot",
    "FactorEvaluation",
    "factor_evaluation",
    "tows_matrix",
]

from .plotting import COLORS as _PLOT_COLORS  # noqa: E402 - the book's one palette

#: The four quadrants, in the order of the figure (reading left to right, top to bottom).
CATEGORIES: tuple[str, ...] = ("strength", "weakness", "opportunity", "threat")
_PREFIX = {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}
_PLURAL = {"strength": "strengths", "weakness": "weaknesses", "opportunity": "opportunities", "threat": "threats"}
#: Okabe & Ito (2008) colours of the quadrants (the same roles as ``sieecon.plotting.COLORS``).
COLOURS: dict[str, str] = {c: _PLOT_COLORS[c] for c in ("strength", "weakness", "opportunity", "threat")}
#: Weihrich's four kinds of strategy, keyed by TOWS cell.
TOWS_CELLS: dict[str, str] = {
    "SO": "use strengths to take advantage of opportunities (maxi-maxi)",
    "WO": "overcome weaknesses by taking advantage of opportunities (mini-maxi)",
    "ST": "use strengths to avoid or reduce threats (maxi-mini)",
    "WT": "minimise weaknesses and avoid threats (mini-mini)",
}




def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


@dataclass(frozen=True)
class SwotItem:
    """One item of a SWOT analysis.

    Parameters
    ----------
    category : {"strength", "weakness", "opportunity", "threat"}
    text : str
        The item in English.
    text_original : str, optional
        The item as printed, where the source is not in English.
    order : int, optional
        Position within its quadrant, from 1; :class:`Swot` numbers items
        without one in the order given.

    >>> SwotItem("threat", "Currency risk", order=2).label
    'T2'
    """

    category: str
    text: str
    text_original: str | None = None
    order: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.category, str):
            raise TypeError(f"category must be a string, not {type(self.category).__name__}")
        check_choice(self.category, "category", CATEGORIES)
        if not isinstance(self.text, str):
            raise TypeError(f"text must be a string, not {type(self.text).__name__}")
        if not self.text.strip():
            raise ValueError(f"text of a {self.category} item must not be empty")
        if self.text_original is not None and not isinstance(self.text_original, str):
            raise TypeError(f"text_original must be a string or None, not {type(self.text_original).__name__}")
        if self.order is not None:
            if isinstance(self.order, (bool, np.bool_)) or not isinstance(self.order, (int, np.integer)):
                raise TypeError(f"order must be an integer, not {type(self.order).__name__}")
            if self.order < 1:
                raise ValueError(f"order must be at least 1, got {self.order}")
            object.__setattr__(self, "order", int(self.order))

    @property
    def label(self) -> str:
        """Short label such as ``"S1"`` (category initial and order)."""
        return f"{_PREFIX[self.category]}{self.order if self.order is not None else '?'}"

    def display(self, language: str = "en") -> str:
        """The text to show: English, or the original where there is one (``language="original"``)."""
        if language == "original" and self.text_original:
            return self.text_original
        return self.text


def _check_language(language: Any) -> str:
    if not isinstance(language, str):
        raise TypeError(f"language must be 'en' or 'original', not {type(language).__name__}")
    return check_choice(language, "language", ("en", "original"))


class Swot:
    """A SWOT analysis: items in four quadrants.

    Parameters
    ----------
    items : iterable of SwotItem
        In any order; items without ``order`` are numbered within their quadrant
        in the order given.
    title : str, optional
        Shown on the figure and in the alt text.
    source : str, optional
        Where the items come from, e.g. ``"Document 000, Table 1"``.

    Examples
    --------
    >>> sw = Swot([SwotItem("strength", "Infrastructure"), SwotItem("strength", "State support"),
    ...            SwotItem("threat", "Geopolitics")])
    >>> sw.counts().to_dict()
    {'strength': 2, 'weakness': 0, 'opportunity': 0, 'threat': 1}
    """

    def __init__(self, items: Iterable[SwotItem], *, title: str | None = None, source: str | None = None) -> None:
        if isinstance(items, (str, bytes, pd.DataFrame)) or not isinstance(items, Iterable):
            hint = "; use Swot.from_frame for a DataFrame" if isinstance(items, pd.DataFrame) else ""
            raise TypeError(f"items must be an iterable of SwotItem, not {type(items).__name__}{hint}")
        for arg, val in (("title", title), ("source", source)):
            if val is not None and not isinstance(val, str):
                raise TypeError(f"{arg} must be a string or None, not {type(val).__name__}")
        given = list(items)
        for i, it in enumerate(given):
            if not isinstance(it, SwotItem):
                raise TypeError(f"items must hold SwotItem objects, but position {i} is {type(it).__name__}")
        if not given:
            raise ValueError("a SWOT analysis needs at least one item")
        numbered: list[SwotItem] = []
        for cat in CATEGORIES:
            in_cat = [it for it in given if it.category == cat]
            taken = {it.order for it in in_cat if it.order is not None}
            nxt = 1
            for it in in_cat:
                if it.order is None:
                    while nxt in taken:
                        nxt += 1
                    it = SwotItem(it.category, it.text, it.text_original, nxt)
                    taken.add(nxt)
                numbered.append(it)
            orders = [it.order for it in numbered if it.category == cat]
            dup = [o for o in orders if orders.count(o) > 1]
            if dup:
                raise ValueError(f"two {_PLURAL[cat]} have order {dup[0]}; each position in a quadrant must be unique")
        self._items: tuple[SwotItem, ...] = tuple(
            sorted(numbered, key=lambda it: (CATEGORIES.index(it.category), it.order))
        )
        self.title = title
        self.source = source

    # --- construction -----------------------------------------------------------------

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, title: str | None = None, source: str | None = None) -> Swot:
        """Build from a frame with columns ``category``, ``order``, ``item_en`` (and optional ``item_original``).

        This is how the book stores SWOT tables. ``title`` and ``source``
        default to the frame's ``attrs`` when it comes from :func:`sieecon.data.load`.
        """
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"frame must be a pandas DataFrame, not {type(frame).__name__}")
        missing = [c for c in ("category", "order", "item_en") if c not in frame.columns]
        if missing:
            raise ValueError(
                f"frame has no column {', '.join(repr(c) for c in missing)}; a SWOT frame needs "
                "category, order and item_en (item_original is optional)"
            )
        items = []
        has_original = "item_original" in frame.columns
        for pos, row in enumerate(frame.itertuples(index=False)):
            rec = row._asdict() if hasattr(row, "_asdict") else dict(zip(frame.columns, row))
            cat, order, text = rec["category"], rec["order"], rec["item_en"]
            where = f"row {pos}"
            if _is_missing(cat) or cat not in CATEGORIES:
                raise ValueError(
                    f"frame, {where}: category must be one of {', '.join(map(repr, CATEGORIES))}; got {cat!r}"
                )
            if _is_missing(order) or isinstance(order, (bool, np.bool_)) or not isinstance(order, (Real, np.number)) \
                    or float(order) != int(float(order)):
                raise ValueError(f"frame, {where}: order must be a whole number, got {order!r}")
            if _is_missing(text) or not isinstance(text, str) or not text.strip():
                raise ValueError(f"frame, {where}: item_en must be a non-empty text, got {text!r}")
            original = rec.get("item_original") if has_original else None
            original = None if _is_missing(original) or original == "" else str(original)
            items.append(SwotItem(str(cat), str(text), original, int(float(order))))
        if title is None and isinstance(frame.attrs.get("title"), str):
            title = frame.attrs["title"]
        if source is None and isinstance(frame.attrs.get("source"), Mapping):
            src = frame.attrs["source"]
            parts = [f"Document {src.get('document')}", str(src.get("locator", ""))]
            lines = src.get("lines")
            if isinstance(lines, (list, tuple)) and len(lines) == 2:
                parts.append(f"lines {lines[0]}–{lines[1]}")
            source = ", ".join(p for p in parts if p)
        return cls(items, title=title, source=source)

    @classmethod
    def from_dataset(cls, name: str) -> Swot:
        """Load a SWOT dataset of the book by name (see :func:`sieecon.data.list_datasets`).

        >>> Swot.from_dataset("000_swot_programmes").counts().tolist()
        [5, 5, 4, 4]
        """
        from . import data

        return cls.from_frame(data.load(name))

    # --- access -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[SwotItem]:
        return iter(self._items)

    def __repr__(self) -> str:
        counts = ", ".join(f"{_PLURAL[c]}={n}" for c, n in self.counts().items())
        head = f"{self.title!r}: " if self.title else ""
        return f"Swot({head}{counts})"

    def items(self, category: str | None = None) -> list[SwotItem]:
        """Items of one quadrant (or all), in order.

        >>> Swot.from_dataset("000_swot_programmes").items("threat")[0].text
        'Geopolitical instability and restrictions on foreign markets'
        """
        if category is None:
            return list(self._items)
        if not isinstance(category, str):
            raise TypeError(f"category must be a string, not {type(category).__name__}")
        check_choice(category, "category", CATEGORIES)
        return [it for it in self._items if it.category == category]

    def to_frame(self) -> pd.DataFrame:
        """The items as a tidy frame: ``category``, ``order``, ``label``, ``item_en``, ``item_original``."""
        return pd.DataFrame(
            {
                "category": [it.category for it in self._items],
                "order": np.array([it.order for it in self._items], dtype="int64"),
                "label": [it.label for it in self._items],
                "item_en": [it.text for it in self._items],
                "item_original": pd.array([it.text_original for it in self._items], dtype="string"),
            }
        )

    def counts(self) -> pd.Series:
        """Number of items in each quadrant (all four, in S, W, O, T order)."""
        return pd.Series([len(self.items(c)) for c in CATEGORIES], index=pd.Index(CATEGORIES, name="category"),
                         name="items", dtype="int64")

    # --- figure -------------------------------------------------------------------------

    def _wrapped(self, category: str, width: int, language: str) -> str:
        lines: list[str] = []
        for it in self.items(category):
            prefix = f"{it.label}  "
            paragraphs = [p.strip() for p in it.display(language).splitlines() if p.strip()] or [""]
            for j, para in enumerate(paragraphs):
                lines.extend(textwrap.wrap(
                    para, width=max(width, 12),
                    initial_indent=prefix if j == 0 else " " * (len(prefix) + 1),
                    subsequent_indent=" " * (len(prefix) + 1),
                    break_long_words=True,
                ))
        return "\n".join(lines) if lines else "(none)"

    def plot(
        self,
        ax: Axes | None = None,
        *,
        language: str = "en",
        fontsize: float | None = None,
        title: str | None = None,
    ) -> Axes:
        """Draw the SWOT as a 2 × 2 grid: internal/external rows, helpful/harmful columns.

        Quadrants are tinted with the Okabe–Ito colours of :data:`COLOURS`
        (strengths bluish green, weaknesses vermillion, opportunities blue,
        threats orange), each headed with its name and count; items are
        labelled S1, W1, … and wrapped to the quadrant. The font shrinks to fit
        long lists (down to 5 pt) unless ``fontsize`` is given.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure sized to the text if None.
        language : {"en", "original"}, default "en"
            Show the English items or the items as printed.
        fontsize : float, optional
            Fixed font size of the items, in points.
        title : str, optional
            Default: the analysis's title.

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt
        from matplotlib.font_manager import FontProperties
        from matplotlib.patches import Rectangle

        language = _check_language(language)
        if fontsize is not None and (isinstance(fontsize, bool) or not isinstance(fontsize, Real) or fontsize <= 0):
            raise ValueError(f"fontsize must be a positive number of points, got {fontsize!r}")
        gap = 0.01
        created = ax is None
        if ax is None:
            _, ax = plt.subplots(figsize=(11.0, 6.0))
        fig = ax.figure
        renderer = fig.canvas.get_renderer()
        sample = " ".join(" ".join(it.display(language).split()) for it in self._items)[:3000] or "x"
        px = renderer.get_text_width_height_descent(sample, FontProperties(size=10.0), ismath=False)[0]
        char_pt_at_10 = px * 72.0 / fig.dpi / len(sample)  # average character width at 10 pt

        def axes_inches() -> tuple[float, float]:
            bbox = ax.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
            return bbox.width, bbox.height

        def frame(fs: float) -> tuple[float, float, float, float]:
            """Left margin, top margin, header height (axes fractions) and quadrant width."""
            w_in, h_in = axes_inches()
            left = min(0.12, (fs + 8) * 1.6 / 72 / w_in)
            top = min(0.15, (fs + 8) * 2.0 / 72 / h_in)
            header = min(0.12, (fs + 8) * 1.5 / 72 / h_in)
            return left, top, header, (1 - left - gap) / 2

        def layout(fs: float) -> tuple[bool, dict[str, str]]:
            w_in, h_in = axes_inches()
            _, top, header, qw = frame(fs)
            chars = int(0.95 * (qw - 0.02) * w_in * 72 / (char_pt_at_10 * fs / 10.0))
            texts = {c: self._wrapped(c, chars, language) for c in CATEGORIES}
            room = ((1 - top - gap) / 2 - header) * h_in * 72
            need = max(t.count("\n") + 1 for t in texts.values()) * fs * 1.25 + 16
            return need <= room, texts

        if created:
            fs0 = float(fontsize) if fontsize is not None else 9.0
            height = 6.0
            while height < 24.0 and not layout(fs0)[0]:
                height += 0.5
                fig.set_size_inches(11.0, height)
        if fontsize is not None:
            fs = float(fontsize)
            fits, texts = layout(fs)
        else:
            fs = 10.0
            fits, texts = layout(fs)
            while not fits and fs > 5.0:
                fs -= 0.5
                fits, texts = layout(fs)
        if not fits:
            import warnings

            warnings.warn(
                f"the SWOT items do not fit their quadrants at {fs:g} pt and are cut off; "
                "draw on larger axes, or pass ax=None to get a figure sized to the text",
                UserWarning,
                stacklevel=2,
            )

        left, top, header, qw = frame(fs)
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        qh = (1 - top - gap) / 2
        corners = {
            "strength": (left, qh + gap), "weakness": (left + qw + gap, qh + gap),
            "opportunity": (left, 0.0), "threat": (left + qw + gap, 0.0),
        }
        counts = self.counts()
        for cat, (x0, y0) in corners.items():
            colour = COLOURS[cat]
            body = Rectangle((x0, y0), qw, qh, facecolor=colour, alpha=0.13, edgecolor=colour, linewidth=1.2)
            ax.add_patch(body)
            ax.add_patch(Rectangle((x0, y0 + qh - header), qw, header, facecolor=colour, edgecolor=colour))
            ax.text(x0 + 0.01, y0 + qh - header / 2, f"{_PLURAL[cat].capitalize()} ({counts[cat]})",
                    ha="left", va="center", fontsize=fs + 2, fontweight="bold", color="#000000")
            txt = ax.text(x0 + 0.01, y0 + qh - header - 0.25 * header, texts[cat], ha="left", va="top", fontsize=fs,
                          color="#000000", linespacing=1.3, parse_math=False, gid=f"swot-{cat}")
            txt.set_clip_path(body)
        ax.text(left + qw / 2, 1 - top / 2, "Helpful", ha="center", va="center", fontsize=fs + 2, style="italic")
        ax.text(left + qw * 1.5 + gap, 1 - top / 2, "Harmful", ha="center", va="center", fontsize=fs + 2,
                style="italic")
        ax.text(left / 2, qh * 1.5 + gap, "Internal", ha="center", va="center", rotation=90, fontsize=fs + 2,
                style="italic")
        ax.text(left / 2, qh / 2, "External", ha="center", va="center", rotation=90, fontsize=fs + 2,
                style="italic")
        heading = title if title is not None else self.title
        if heading:
            ax.set_title(heading, loc="left", fontsize=fs + 3, fontweight="bold")
        return ax

    def alt_text(self, language: str = "en") -> str:
        """A textual description of :meth:`plot`'s figure, for screen readers and the book's alt text.

        >>> print(Swot([SwotItem("strength", "Grants"), SwotItem("threat", "Currency risk")],
        ...            title="Toy").alt_text())
        SWOT diagram, Toy: a 2 × 2 grid. Rows: internal factors (top) and external factors (bottom); columns: helpful (left) and harmful (right). Top left, strengths (1 item): S1 Grants. Top right, weaknesses (none). Bottom left, opportunities (none). Bottom right, threats (1 item): T1 Currency risk.
        """
        language = _check_language(language)
        where = {"strength": "Top left", "weakness": "Top right", "opportunity": "Bottom left",
                 "threat": "Bottom right"}
        parts = [
            f"SWOT diagram{', ' + self.title if self.title else ''}: a 2 × 2 grid. Rows: internal factors (top) "
            "and external factors (bottom); columns: helpful (left) and harmful (right)."
        ]
        for cat in CATEGORIES:
            its = self.items(cat)
            if not its:
                parts.append(f"{where[cat]}, {_PLURAL[cat]} (none).")
                continue
            listed = "; ".join(f"{it.label} {' '.join(it.display(language).split())}" for it in its)
            parts.append(f"{where[cat]}, {_PLURAL[cat]} ({len(its)} item{'s' if len(its) > 1 else ''}): {listed}.")
        if self.source:
            parts.append(f"Source: {self.source}.")
        return " ".join(parts)


# --- factor evaluation -----------------------------------------------------------------

_KINDS = {
    "internal": ("strength", "weakness"),
    "external": ("opportunity", "threat"),
}


@dataclass(frozen=True, eq=False)
class FactorEvaluation:
    """A weighted internal (IFE) or external (EFE) factor evaluation matrix.

    Attributes
    ----------
    kind : str
        ``"internal"`` or ``"external"``.
    table : pandas.DataFrame
        One row per factor, indexed by label (S1, W1, …): ``category``,
        ``factor``, ``weight``, ``rating`` and ``score`` (weight × rating).
    total : float
        Total weighted score, between 1.0 and 4.0; 2.5 is the average.
    interpretation : str
        The total in words.
    """

    kind: str
    table: pd.DataFrame = field(repr=False)
    total: float
    interpretation: str

    def __repr__(self) -> str:
        name = "IFE" if self.kind == "internal" else "EFE"
        return f"FactorEvaluation({name}, factors={len(self.table)}, total={self.total:.2f})"

    @property
    def subtotals(self) -> pd.Series:
        """Weighted score by category (e.g. strengths and weaknesses)."""
        cats = list(_KINDS[self.kind])
        return self.table.groupby("category")["score"].sum().reindex(cats, fill_value=0.0)

    def to_frame(self, *, total_row: bool = True) -> pd.DataFrame:
        """The matrix as printed in textbooks, with a final *Total* row by default."""
        out = self.table.copy()
        if total_row:
            tot = pd.DataFrame({"category": [""], "factor": ["Total"], "weight": [out["weight"].sum()],
                                "rating": [pd.NA], "score": [self.total]}, index=pd.Index(["Total"], name="label"))
            out = pd.concat([out.astype({"rating": "Int64"}), tot.astype({"rating": "Int64"})])
        return out


def _items_for(items: Any, kind: str) -> list[SwotItem]:
    cats = _KINDS[kind]
    if isinstance(items, pd.DataFrame):
        items = Swot.from_frame(items)
    if isinstance(items, Swot):
        chosen = [it for it in items if it.category in cats]
        if not chosen:
            raise ValueError(f"the SWOT has no {_PLURAL[cats[0]]} or {_PLURAL[cats[1]]} to evaluate")
        return chosen
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise TypeError(f"items must be a Swot, a SWOT DataFrame or a list of SwotItem, not {type(items).__name__}")
    out = list(items)
    if not out:
        raise ValueError("items must not be empty")
    for i, it in enumerate(out):
        if not isinstance(it, SwotItem):
            raise TypeError(f"items must hold SwotItem objects, but position {i} is {type(it).__name__}")
        if it.category not in cats:
            raise ValueError(
                f"an {kind} factor evaluation rates {_PLURAL[cats[0]]} and {_PLURAL[cats[1]]}, but item "
                f"{i} ({it.label}) is {'an' if it.category[0] in 'aeiou' else 'a'} {it.category}"
            )
    if any(it.order is None for it in out):
        out = [it for it in Swot(out)]
    labels = [it.label for it in out]
    dup = [lab for lab in labels if labels.count(lab) > 1]
    if dup:
        raise ValueError(f"items: label {dup[0]} appears twice")
    return out


def _aligned(values: Any, name: str, labels: list[str]) -> list[Any]:
    if isinstance(values, Mapping):
        unknown = [k for k in values if k not in labels]
        if unknown:
            raise ValueError(f"{name}: {unknown[0]!r} is not a factor label; the labels are {', '.join(labels)}")
        absent = [lab for lab in labels if lab not in values]
        if absent:
            raise ValueError(f"{name}: no value for {', '.join(absent)}")
        return [values[lab] for lab in labels]
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray, pd.Series)):
        raise TypeError(f"{name} must be a list aligned with the factors or a mapping by label, "
                        f"not {type(values).__name__}")
    values = list(values.tolist() if hasattr(values, "tolist") else values)
    if len(values) != len(labels):
        raise ValueError(f"{name} has {len(values)} values for {len(labels)} factors ({', '.join(labels)})")
    return values


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def factor_evaluation(
    items: Swot | pd.DataFrame | Sequence[SwotItem],
    weights: Sequence[float] | Mapping[str, float],
    ratings: Sequence[int] | Mapping[str, int],
    *,
    kind: str = "internal",
    tol: float = 1e-6,
) -> FactorEvaluation:
    """Weighted internal (IFE) or external (EFE) factor evaluation matrix (David and David 2017).

    Each factor gets a weight from 0.0 (not important) to 1.0 (all-important),
    the weights summing to 1.0, and a rating from 1 to 4:

    * internal (IFE), strengths and weaknesses: 1 = major weakness,
      2 = minor weakness, 3 = minor strength, 4 = major strength — so a
      strength must be rated 3 or 4 and a weakness 1 or 2;
    * external (EFE), opportunities and threats: how well the current
      strategies respond to the factor, 1 = poor, 2 = average, 3 = above
      average, 4 = superior.

    The total weighted score, Σ weight × rating, lies between 1.0 and 4.0;
    2.5 is the average.

    Parameters
    ----------
    items : Swot, DataFrame or list of SwotItem
        A Swot (or a SWOT frame) contributes its strengths and weaknesses
        (internal) or its opportunities and threats (external), in S1, S2, …,
        W1, … order; a list is taken as given and must hold only such items.
    weights : list of float or mapping label → float
        Aligned with the factors, or keyed by label (``{"S1": 0.2, …}``).
    ratings : list of int or mapping label → int
        Whole numbers from 1 to 4, aligned or keyed like ``weights``.
    kind : {"internal", "external"}, default "internal"
    tol : float, default 1e-6
        Tolerance for the sum of the weights.

    Returns
    -------
    FactorEvaluation

    Examples
    --------
    >>> sw = Swot([SwotItem("strength", "Grants"), SwotItem("strength", "Coverage"),
    ...            SwotItem("weakness", "Coordination")])
    >>> ife = factor_evaluation(sw, [0.4, 0.2, 0.4], [4, 3, 1])
    >>> ife.table
          category        factor  weight  rating  score
    label
    S1    strength        Grants     0.4       4    1.6
    S2    strength      Coverage     0.2       3    0.6
    W1    weakness  Coordination     0.4       1    0.4
    >>> round(ife.total, 2)
    2.6
    >>> factor_evaluation(sw, [0.4, 0.2, 0.4], [4, 2, 1])
    Traceback (most recent call last):
    ...
    ValueError: in an internal factor evaluation a strength must be rated 3 (minor strength) or 4 (major strength), but S2 ('Coverage') is rated 2
    """
    if not isinstance(kind, str):
        raise TypeError(f"kind must be 'internal' or 'external', not {type(kind).__name__}")
    check_choice(kind, "kind", tuple(_KINDS))
    factors = _items_for(items, kind)
    labels = [it.label for it in factors]
    w = check_weights(_aligned(weights, "weights", labels), "weights", tol=tol)
    raw_ratings = _aligned(ratings, "ratings", labels)
    r = np.empty(len(factors), dtype="int64")
    for i, (it, val) in enumerate(zip(factors, raw_ratings)):
        who = f"{it.label} ({_short(it.text)!r})"
        if isinstance(val, (bool, np.bool_)) or not isinstance(val, (Real, np.number)):
            raise TypeError(f"ratings must be whole numbers from 1 to 4, but the rating of {who} is {val!r}")
        if not float(val).is_integer() or not 1 <= float(val) <= 4:
            raise ValueError(f"ratings must be whole numbers from 1 to 4, but {who} is rated {val!r}")
        r[i] = int(val)
        if kind == "internal":
            if it.category == "strength" and r[i] < 3:
                raise ValueError(
                    "in an internal factor evaluation a strength must be rated 3 (minor strength) or "
                    f"4 (major strength), but {who} is rated {r[i]}"
                )
            if it.category == "weakness" and r[i] > 2:
                raise ValueError(
                    "in an internal factor evaluation a weakness must be rated 1 (major weakness) or "
                    f"2 (minor weakness), but {who} is rated {r[i]}"
                )
    score = w * r
    table = pd.DataFrame(
        {
            "category": [it.category for it in factors],
            "factor": [it.text for it in factors],
            "weight": w,
            "rating": r,
            "score": score,
        },
        index=pd.Index(labels, name="label"),
    )
    total = float(score.sum())
    return FactorEvaluation(kind, table, total, _interpret(total, kind))


def _interpret(total: float, kind: str) -> str:
    head = f"Total weighted score {total:.2f} on a scale from 1.0 to 4.0 (2.5 = average): "
    if kind == "internal":
        if math.isclose(total, 2.5, abs_tol=1e-9):
            return head + "strengths and weaknesses balance; an average internal position."
        if total > 2.5:
            return head + "above average; internal strengths outweigh weaknesses, a strong internal position."
        return head + "below average; internal weaknesses outweigh strengths, a weak internal position."
    if math.isclose(total, 2.5, abs_tol=1e-9):
        return head + "the strategies respond to external opportunities and threats about as well as average."
    if total > 2.5:
        return (head + "above average; the strategies respond well to external opportunities and threats, "
                "taking advantage of the one and limiting the other.")
    return (head + "below average; the strategies neither capitalise on external opportunities nor avoid "
            "threats well.")


# --- TOWS -------------------------------------------------------------------------------

def tows_matrix(swot: Swot, strategies: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """Weihrich's (1982) TOWS matrix: strategies that pair internal with external factors.

    Rows are the external factors (opportunities, threats), columns the
    internal ones (strengths, weaknesses); the four cells hold

    * SO — use strengths to take advantage of opportunities (maxi-maxi);
    * WO — overcome weaknesses by taking advantage of opportunities (mini-maxi);
    * ST — use strengths to avoid or reduce threats (maxi-mini);
    * WT — minimise weaknesses and avoid threats (mini-mini).

    Parameters
    ----------
    swot : Swot
    strategies : mapping of cell → list of str, optional
        Strategies for some or all of "SO", "WO", "ST", "WT"; they are
        numbered within their cell (SO1, SO2, …). Without them the cells list
        every pairing of item labels (S1×O1, S1×O2, …) to be filled in.

    Returns
    -------
    pandas.DataFrame
        2 × 2, index ``Opportunities (O1–O4)``, ``Threats (T1–T4)``, columns
        ``Strengths (S1–S5)``, ``Weaknesses (W1–W5)`` (the ranges as in the
        analysis); ``attrs["cells"]`` maps the labels of each cell to its
        key and ``attrs["guide"]`` explains each kind of strategy.

    Examples
    --------
    >>> sw = Swot([SwotItem("strength", "Grants"), SwotItem("weakness", "Coordination"),
    ...            SwotItem("opportunity", "EAEU"), SwotItem("opportunity", "Digital export services"),
    ...            SwotItem("threat", "Currency risk")])
    >>> tows_matrix(sw).to_dict()["Strengths (S1)"]
    {'Opportunities (O1–O2)': 'S1×O1, S1×O2', 'Threats (T1)': 'S1×T1'}
    >>> tows_matrix(sw, {"WT": ["Coordinate programmes to hedge currency risk"]}).iloc[1, 1]
    'WT1. Coordinate programmes to hedge currency risk'
    """
    if not isinstance(swot, Swot):
        raise TypeError(f"swot must be a Swot (see Swot.from_frame), not {type(swot).__name__}")
    if strategies is not None:
        if not isinstance(strategies, Mapping):
            raise TypeError(f"strategies must be a mapping such as {{'SO': ['...']}}, not {type(strategies).__name__}")
        for key, val in strategies.items():
            if key not in TOWS_CELLS:
                raise ValueError(f"strategies: {key!r} is not a TOWS cell; the cells are 'SO', 'WO', 'ST', 'WT'")
            if isinstance(val, str) or not isinstance(val, Sequence):
                raise TypeError(f"strategies[{key!r}] must be a list of strings, not {type(val).__name__}")
            for s in val:
                if not isinstance(s, str) or not s.strip():
                    raise ValueError(f"strategies[{key!r}] must hold non-empty strings, got {s!r}")

    def heading(cat: str) -> str:
        its = swot.items(cat)
        if not its:
            return f"{_PLURAL[cat].capitalize()} (none)"
        first, last = its[0].label, its[-1].label
        span = first if first == last else f"{first}–{last}"
        return f"{_PLURAL[cat].capitalize()} ({span})"

    rows = {"opportunity": heading("opportunity"), "threat": heading("threat")}
    cols = {"strength": heading("strength"), "weakness": heading("weakness")}
    cells: dict[str, str] = {}
    out = pd.DataFrame(index=pd.Index(list(rows.values()), name="external"),
                       columns=pd.Index(list(cols.values()), name="internal"), dtype=object)
    for ext, row_label in rows.items():
        for inn, col_label in cols.items():
            key = _PREFIX[inn] + _PREFIX[ext]
            cells[f"{row_label} / {col_label}"] = key
            if strategies is not None:
                texts = list(strategies.get(key, []))
                value = "\n".join(f"{key}{i}. {t.strip()}" for i, t in enumerate(texts, start=1))
            else:
                value = ", ".join(f"{a.label}×{b.label}" for a in swot.items(inn) for b in swot.items(ext))
            out.loc[row_label, col_label] = value
    out.attrs["cells"] = cells
    out.attrs["guide"] = dict(TOWS_CELLS)
    return out
