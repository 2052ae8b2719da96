"""Descriptive indicators: growth rates, indices, shares, composite indices.

The indicator methods of the two main documents:

* growth and index numbers (:func:`growth_rate`, :func:`chain_index`,
  :func:`base_index`, :func:`cagr`), used throughout document 001's analysis
  of East Kazakhstan and in document 000's text ("an increase of 40.7%
  compared to 2024");
* shares and the contribution of small business to a regional economy
  (:func:`share`, :func:`small_business_contribution`), after Mazilov and
  Kremin as presented in document 001, lines 313–317 and Table 4 (line 616);
* the small-business activity coefficient of document 001, lines 332–339
  (:func:`activity_coefficient`);
* Balassa's index of revealed comparative advantage, eq. (11) of document
  001, lines 1780–1790 (:func:`balassa_index`);
* the simple mean index, eq. (5) of document 000 (:func:`mean_index`), and the
  weighted composite index, eq. (6) and Table 4 of document 000
  (:func:`composite_index`).

>>> growth_rate([61.3, 68.7, 79.6, 88.4])
array([  nan, 12.07..., 15.86..., 11.05...])
>>> round(cagr([61.3, 68.7, 79.6, 88.4]), 2)
12.97
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from .validation import as_1d_float, check_min_length, check_same_length, check_weights

__all__ = [
    "growth_rate",
    "chain_index",
    "base_index",
    "cagr",
    "share",
    "small_business_contribution",
    "ACTIVITY_BANDS",
    "ActivityCoefficient",
    "activity_band",
    "activity_coefficient",
    "balassa_index",
    "mean_index",
    "CompositeIndex",
    "composite_index",
    "weight_sensitivity",
]


def _scale(percent: bool) -> float:
    if not isinstance(percent, (bool, np.bool_)):
        raise TypeError(f"percent must be True or False, not {type(percent).__name__}")
    return 100.0 if percent else 1.0


def _check_int(value: Any, name: str, *, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def _check_nonzero_base(base: np.ndarray, positions: np.ndarray, name: str, what: str) -> None:
    bad = np.flatnonzero(base == 0)
    if bad.size:
        raise ValueError(
            f"{name} is zero at position {int(positions[bad[0]])}; {what} from a zero base is undefined"
        )


def growth_rate(values: Any, periods: int = 1, percent: bool = True) -> np.ndarray:
    """Growth rate over ``periods`` steps: ``values[t] / values[t - periods] - 1``.

    Parameters
    ----------
    values : sequence of float
        A series in time order, e.g. exports by year.
    periods : int, default 1
        Lag in positions (1 = year on year).
    percent : bool, default True
        Return percent (12.1) rather than a fraction (0.121).

    Returns
    -------
    numpy.ndarray
        Same length as ``values``; the first ``periods`` entries are NaN.

    Examples
    --------
    Exports of small innovative enterprises, document 000, Table 2:

    >>> growth_rate([61.3, 68.7, 79.6, 88.4])
    array([  nan, 12.07..., 15.86..., 11.05...])
    >>> growth_rate([100, 110, 121], periods=2, percent=False)
    array([ nan,  nan, 0.21])
    >>> growth_rate([0, 5])
    Traceback (most recent call last):
    ...
    ValueError: values is zero at position 0; a growth rate from a zero base is undefined
    """
    v = as_1d_float(values, "values")
    periods = _check_int(periods, "periods", minimum=1)
    scale = _scale(percent)
    out = np.full(v.shape, np.nan)
    if v.size > periods:
        _check_nonzero_base(v[:-periods], np.arange(v.size - periods), "values", "a growth rate")
        out[periods:] = (v[periods:] / v[:-periods] - 1.0) * scale
    return out


def chain_index(values: Any, percent: bool = True) -> np.ndarray:
    """Chain (link) index: each value relative to the previous one.

    ``chain_index(v)[t] = v[t] / v[t-1]`` (times 100 when ``percent``); the
    first entry is NaN. A chain index of 112.1 is a growth rate of 12.1%.

    Examples
    --------
    >>> chain_index([61.3, 68.7, 79.6, 88.4])
    array([   nan, 112.07..., 115.86..., 111.05...])
    >>> chain_index([2.0, 3.0], percent=False)
    array([nan, 1.5])
    """
    v = as_1d_float(values, "values")
    scale = _scale(percent)
    out = np.full(v.shape, np.nan)
    if v.size > 1:
        _check_nonzero_base(v[:-1], np.arange(v.size - 1), "values", "a chain index")
        out[1:] = v[1:] / v[:-1] * scale
    return out


def base_index(values: Any, base: int = 0, percent: bool = True) -> np.ndarray:
    """Base (fixed-base) index: each value relative to the value at position ``base``.

    Parameters
    ----------
    values : sequence of float
    base : int, default 0
        Position of the base period (0 = first). Negative positions count from
        the end, as in Python indexing.
    percent : bool, default True

    Examples
    --------
    >>> base_index([61.3, 68.7, 79.6, 88.4])
    array([100.  , 112.07..., 129.85..., 144.20...])
    >>> base_index([61.3, 68.7, 79.6, 88.4], base=-1, percent=False)
    array([0.69..., 0.77..., 0.90..., 1.  ])
    >>> base_index([1, 2], base=2)
    Traceback (most recent call last):
    ...
    ValueError: base must be a position between -2 and 1, got 2
    """
    v = as_1d_float(values, "values")
    check_min_length(v, "values", 1, "an index")
    if isinstance(base, (bool, np.bool_)) or not isinstance(base, (int, np.integer)):
        raise TypeError(f"base must be an integer position, not {type(base).__name__}")
    if not -v.size <= base < v.size:
        raise ValueError(f"base must be a position between {-v.size} and {v.size - 1}, got {base}")
    if v[base] == 0:
        raise ValueError(f"values is zero at the base position {base}; an index on a zero base is undefined")
    return v / v[base] * _scale(percent)


def cagr(
    values: Any = None,
    *,
    first: float | None = None,
    last: float | None = None,
    years: float | None = None,
    percent: bool = True,
) -> float:
    """Compound annual growth rate ``(last / first) ** (1 / years) - 1``.

    Give either a series ``values`` (annual, so ``years = len(values) - 1``
    unless ``years`` is given) or the three numbers ``first``, ``last`` and
    ``years``.

    Parameters
    ----------
    values : sequence of float, optional
        Annual series; only its first and last values are used.
    first, last : float, optional
        Start and end values (strictly positive).
    years : float, optional
        Number of years between ``first`` and ``last``.
    percent : bool, default True
        Return percent rather than a fraction.

    Examples
    --------
    >>> round(cagr([61.3, 68.7, 79.6, 88.4]), 2)
    12.97
    >>> cagr(first=100, last=121, years=2, percent=False)
    0.1...
    >>> cagr([5.0])
    Traceback (most recent call last):
    ...
    ValueError: values has 1 observation; a compound annual growth rate needs at least 2
    """
    scale = _scale(percent)
    if values is not None:
        if first is not None or last is not None:
            raise ValueError("give either values or first and last, not both")
        v = as_1d_float(values, "values")
        check_min_length(v, "values", 2, "a compound annual growth rate")
        first_v, last_v = float(v[0]), float(v[-1])
        n_years = float(v.size - 1) if years is None else years
    else:
        if first is None or last is None or years is None:
            raise ValueError("give values, or all three of first, last and years")
        first_v, last_v, n_years = first, last, years
    for name, val in (("first", first_v), ("last", last_v), ("years", n_years)):
        if isinstance(val, bool) or not isinstance(val, (Real, np.number)) or not math.isfinite(val):
            raise TypeError(f"{name} must be a finite number, got {val!r}")
    if first_v <= 0 or last_v <= 0:
        raise ValueError(
            f"the first and last values must be strictly positive for a compound growth rate, "
            f"got first={first_v} and last={last_v}"
        )
    if n_years <= 0:
        raise ValueError(f"years must be positive, got {n_years}")
    return float(((last_v / first_v) ** (1.0 / n_years) - 1.0) * scale)


def share(part: Any, whole: Any, percent: bool = True) -> float | np.ndarray:
    """Share of ``part`` in ``whole``: ``part / whole`` (times 100 when ``percent``).

    Scalars give a float, sequences an array (of equal length). No check that
    ``part <= whole``: some published "shares" compare unlike quantities (the
    turnover of small firms against GRP, in document 001) and can exceed 100%.

    Examples
    --------
    >>> share(29, 43)
    67.44...
    >>> share([1, 2], [4, 4], percent=False)
    array([0.25, 0.5 ])
    >>> share(1, 0)
    Traceback (most recent call last):
    ...
    ValueError: whole is zero at position 0; a share from a zero base is undefined
    """
    scale = _scale(percent)
    scalar = np.ndim(part) == 0 and np.ndim(whole) == 0
    p = as_1d_float([part] if np.ndim(part) == 0 else part, "part")
    w = as_1d_float([whole] if np.ndim(whole) == 0 else whole, "whole")
    check_same_length(part=p, whole=w)
    _check_nonzero_base(w, np.arange(w.size), "whole", "a share")
    out = p / w * scale
    return float(out[0]) if scalar else out


def small_business_contribution(
    small: Any,
    total: Any = None,
    *,
    index: Any = None,
    percent: bool = True,
) -> pd.DataFrame:
    """Shares of small business in a regional total, one column per indicator.

    The method of Mazilov and Kremin as document 001 presents it (lines
    313–317, Table 4 at line 616) judges the contribution of small business by
    three shares: employment in small firms in total employment (social
    contribution), small firms' turnover in gross regional product (economic
    contribution) and small firms' fixed-capital investment in total
    investment (investment contribution).

    Parameters
    ----------
    small : sequence of float, or mapping of name -> (small, total)
        Either the small-business values of one indicator (with ``total``), or
        a mapping such as ``{"employment": (emp_small, emp_total), "output":
        (turnover_small, grp), "investment": (inv_small, inv_total)}``.
    total : sequence of float, optional
        The regional totals, when ``small`` is a sequence.
    index : sequence, optional
        Row labels (e.g. years).
    percent : bool, default True

    Returns
    -------
    pandas.DataFrame
        One column of shares per indicator (named ``share`` for a single
        sequence), one row per period.

    Examples
    --------
    >>> small_business_contribution(
    ...     {"employment": ([30, 33], [100, 110]), "investment": ([5, 8], [50, 40])},
    ...     index=[2019, 2020])
          employment  investment
    2019        30.0        10.0
    2020        30.0        20.0
    >>> small_business_contribution([1, 2], [4, 8]).to_numpy().ravel()
    array([25., 25.])
    """
    if isinstance(small, Mapping):
        if total is not None:
            raise ValueError("give total only when small is a sequence; with a mapping, "
                             "each entry is a (small, total) pair")
        if not small:
            raise ValueError("small must not be an empty mapping")
        columns: dict[str, np.ndarray] = {}
        for name, pair in small.items():
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(f"small[{name!r}] must be a (small, total) pair")
            s = as_1d_float(pair[0], f"small[{name!r}]")
            t = as_1d_float(pair[1], f"total[{name!r}]")
            check_same_length(**{f"small[{name!r}]": s, f"total[{name!r}]": t})
            columns[str(name)] = np.asarray(share(s, t, percent=percent))
        lengths = {len(c) for c in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"every indicator must cover the same periods; lengths are {sorted(lengths)}")
    else:
        if total is None:
            raise ValueError("total is required when small is a sequence")
        columns = {"share": np.asarray(share(as_1d_float(small, "small"), as_1d_float(total, "total"),
                                             percent=percent))}
    n = len(next(iter(columns.values())))
    if index is not None:
        index = list(index)
        if len(index) != n:
            raise ValueError(f"index must have one label per period ({n}), got {len(index)}")
    return pd.DataFrame(columns, index=index)


#: Bands of the small-business activity coefficient as printed in document
#: 001, line 334: (lower, upper, label, interpretation). Lower bounds of the
#: second band and upper bounds of the first two are as printed
#: (``0 < K < 0.4``, ``0.4 <= K <= 0.6``, ``0.6 < K <= 1``).
ACTIVITY_BANDS: tuple[tuple[float, float, str, str], ...] = (
    (0.0, 0.4, "not active",
     "small business is not developing actively in the region, a sign of insufficient state support"),
    (0.4, 0.6, "stable",
     "small business develops steadily in the region; state support is effective"),
    (0.6, 1.0, "active",
     "small business is actively developed; state support is highly effective"),
)


def activity_band(value: float) -> tuple[str, str]:
    """Band label and interpretation of an activity coefficient (document 001, line 334).

    The printed bands are ``0 < K < 0.4`` (not active), ``0.4 <= K <= 0.6``
    (stable) and ``0.6 < K <= 1`` (active); the boundaries 0.4 and 0.6 belong
    to the middle band. A coefficient of exactly 0 is below the printed range
    (which starts above 0) and is labelled "not active".

    >>> activity_band(0.45)[0]
    'stable'
    >>> activity_band(0.6)[0]
    'stable'
    >>> activity_band(0.61)[0]
    'active'
    """
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)) or not math.isfinite(value):
        raise TypeError(f"value must be a finite number, got {value!r}")
    if not 0 <= value <= 1:
        raise ValueError(f"an activity coefficient lies between 0 and 1, got {value}")
    if value < 0.4:
        return ACTIVITY_BANDS[0][2], ACTIVITY_BANDS[0][3]
    if value <= 0.6:
        return ACTIVITY_BANDS[1][2], ACTIVITY_BANDS[1][3]
    return ACTIVITY_BANDS[2][2], ACTIVITY_BANDS[2][3]


@dataclass(frozen=True)
class ActivityCoefficient:
    """Result of :func:`activity_coefficient`."""

    value: float
    band: str
    interpretation: str
    components: pd.Series = field(repr=False)
    aggregate: str = "arithmetic"

    def __repr__(self) -> str:
        comps = ", ".join(f"{k}={v:.3g}" for k, v in self.components.items())
        return (f"ActivityCoefficient(value={self.value:.4g}, band={self.band!r}, "
                f"aggregate={self.aggregate!r}, components: {comps})")


def activity_coefficient(
    components: Mapping[str, float] | Sequence[float] | pd.Series,
    *,
    percent: bool = False,
    aggregate: str = "arithmetic",
) -> ActivityCoefficient:
    """Small-business activity coefficient K of a region, with its printed band.

    Document 001 (lines 332–340) defines K from n indicator shares:
    ``АӨБҮ`` the share of business in gross regional product, ``ШҮ`` the share
    of small enterprises in the number of enterprises, ``СТ`` the share of tax
    receipts from small business, ``ҚС`` the share of small-enterprise
    employment, and ``n`` "the number of indicators used in the calculation";
    it states ``0 < K <= 1`` and the bands of :data:`ACTIVITY_BANDS` (line 334).

    **The formula itself is not in the text**: equation (1) was an image and
    line 333 is empty in the conversion. That ``n`` is the number of indicators
    and that ``K`` lies in (0, 1] when every share does point to an average of
    the n shares; the arithmetic mean is used by default and the geometric
    mean is offered as ``aggregate="geometric"``. Treat the choice as an
    assumption of this library, not a reading of the document.

    Parameters
    ----------
    components : mapping of name -> share, or sequence of shares
        The indicator shares, as fractions in [0, 1] (or percents with
        ``percent=True``).
    percent : bool, default False
        The shares are given in percent.
    aggregate : {"arithmetic", "geometric"}, default "arithmetic"

    Examples
    --------
    >>> k = activity_coefficient({"grp": 0.30, "firms": 0.95, "tax": 0.25, "employment": 0.40})
    >>> round(k.value, 4), k.band
    (0.475, 'stable')
    >>> activity_coefficient([30, 95], percent=True, aggregate="geometric").band
    'stable'
    >>> activity_coefficient([0.5, 1.2])
    Traceback (most recent call last):
    ...
    ValueError: components must be shares between 0 and 1, but 'c2' is 1.2
    """
    if aggregate not in ("arithmetic", "geometric"):
        raise ValueError(f"aggregate must be one of 'arithmetic', 'geometric'; got {aggregate!r}")
    if isinstance(components, pd.Series):
        names = [str(i) for i in components.index]
        raw = components.to_numpy()
    elif isinstance(components, Mapping):
        names = [str(k) for k in components]
        raw = list(components.values())
    else:
        raw = as_1d_float(components, "components")
        names = [f"c{i + 1}" for i in range(len(raw))]
    vals = as_1d_float(raw, "components")
    check_min_length(vals, "components", 1, "an activity coefficient")
    vals = vals / _scale(percent)
    bad = np.flatnonzero((vals < 0) | (vals > 1))
    if bad.size:
        raise ValueError(
            f"components must be shares between 0 and {'100' if percent else '1'}, "
            f"but {names[bad[0]]!r} is {vals[bad[0]] * _scale(percent):g}"
        )
    if aggregate == "arithmetic":
        value = float(vals.mean())
    else:
        value = 0.0 if (vals == 0).any() else float(np.exp(np.log(vals).mean()))
    band, text = activity_band(value)
    return ActivityCoefficient(value=value, band=band, interpretation=text,
                               components=pd.Series(vals, index=names, name="share"), aggregate=aggregate)


def balassa_index(country_sector: Any, country_total: Any, world_sector: Any, world_total: Any) -> float | np.ndarray:
    """Balassa's revealed comparative advantage, eq. (11) of document 001 (lines 1780–1790).

    ``RCA = (country_sector / country_total) / (world_sector / world_total)``:
    the sector's share in the region's exports relative to its share in world
    exports. ``RCA > 1`` indicates a revealed comparative advantage.

    Scalars give a float; sequences (e.g. several years) an array.

    Examples
    --------
    The dissertation's 2019 calculation for manufacturing of East Kazakhstan
    (document 001, line 1789; printed result 0.62):

    >>> round(balassa_index(0.00146, 0.00296, 13.92, 17.59), 4)
    0.6233
    >>> balassa_index(1, 0, 1, 2)
    Traceback (most recent call last):
    ...
    ValueError: country_total must be strictly positive, but position 0 is 0.0
    """
    args = {"country_sector": country_sector, "country_total": country_total,
            "world_sector": world_sector, "world_total": world_total}
    scalar = all(np.ndim(v) == 0 for v in args.values())
    arrays = {k: as_1d_float([v] if np.ndim(v) == 0 else v, k) for k, v in args.items()}
    n = max(a.size for a in arrays.values())
    for k, a in arrays.items():
        if a.size == 1 and n > 1:
            arrays[k] = np.repeat(a, n)
    check_same_length(**arrays)
    for k in ("country_total", "world_total", "world_sector"):
        bad = np.flatnonzero(arrays[k] <= 0)
        if bad.size:
            raise ValueError(f"{k} must be strictly positive, but position {int(bad[0])} is {float(arrays[k][bad[0]])!r}")
    bad = np.flatnonzero(arrays["country_sector"] < 0)
    if bad.size:
        raise ValueError(f"country_sector must not be negative, but position {int(bad[0])} is "
                         f"{float(arrays['country_sector'][bad[0]])!r}")
    out = (arrays["country_sector"] / arrays["country_total"]) / (arrays["world_sector"] / arrays["world_total"])
    return float(out[0]) if scalar else out


def mean_index(values: Any) -> float:
    """Simple mean of item scores, eq. (5) of document 000 (line 300).

    Examples
    --------
    The Export Activity Index from the seven mean scores of Table 3
    (document 000, lines 286–296; printed 2.53):

    >>> round(mean_index([3.9, 2.8, 2.6, 2.2, 2.0, 1.8, 2.4]), 4)
    2.5286
    """
    v = as_1d_float(values, "values")
    check_min_length(v, "values", 1, "a mean index")
    return float(v.mean())


@dataclass(frozen=True)
class CompositeIndex:
    """A weighted composite index and the contribution of each component.

    Attributes
    ----------
    value : float
        The index, ``sum(weight * value)``.
    contributions : pandas.DataFrame
        One row per component in input order: ``component``, ``value``,
        ``weight`` (after any normalisation), ``weighted`` (weight × value),
        ``share_of_index`` (weighted / index, a fraction; NaN when the index
        is 0) and ``rank`` (1 = largest weighted value).
    ranking : pandas.Series
        Weighted values sorted in descending order, indexed by component.
    normalized : bool
        Whether the weights were rescaled to sum to 1.
    """

    value: float
    contributions: pd.DataFrame = field(repr=False)
    ranking: pd.Series = field(repr=False)
    normalized: bool = False

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v:.4g}" for k, v in self.ranking.items())
        return f"CompositeIndex(value={self.value:.4g}, weighted: {parts})"


def composite_index(
    values: Any,
    weights: Any,
    *,
    normalize: bool = False,
    names: Sequence[str] | None = None,
    bounds: tuple[float, float] | None = None,
) -> CompositeIndex:
    """Weighted composite index ``sum_j w_j x_j``, eq. (6) of document 000 (lines 308–342).

    Parameters
    ----------
    values : sequence of float or pandas.Series
        Component values (a Series supplies the names).
    weights : sequence of float
        Non-negative weights. With ``normalize=False`` they must sum to 1
        (within 1e-6); with ``normalize=True`` they are rescaled to sum to 1.
    normalize : bool, default False
    names : sequence of str, optional
        Component names (default ``W1``, ``W2``, …, or the Series index).
    bounds : (float, float), optional
        If given, every component value must lie in this closed interval;
        eq. (6) of document 000 scores each component "from 0 to 1", so pass
        ``bounds=(0, 1)`` to enforce it.

    Examples
    --------
    Table 4 of document 000 (lines 332–339; printed index 0.325):

    >>> eai = composite_index([0.31, 0.42, 0.28, 0.19], [0.4, 0.3, 0.2, 0.1], bounds=(0, 1))
    >>> round(eai.value, 3)
    0.325
    >>> eai.contributions[["component", "weighted", "rank"]]
      component  weighted  rank
    0        W1     0.124     2
    1        W2     0.126     1
    2        W3     0.056     3
    3        W4     0.019     4
    >>> list(eai.ranking.index)
    ['W2', 'W1', 'W3', 'W4']
    >>> composite_index([0.5, 0.5], [2, 1], normalize=True).contributions["weight"].round(4).tolist()
    [0.6667, 0.3333]
    >>> composite_index([0.5, 1.5], [0.5, 0.5], bounds=(0, 1))
    Traceback (most recent call last):
    ...
    ValueError: values must lie within [0, 1], but W2 is 1.5
    """
    if isinstance(values, pd.Series) and names is None:
        names = [str(i) for i in values.index]
    x = as_1d_float(values, "values")
    check_min_length(x, "values", 1, "a composite index")
    if not isinstance(normalize, (bool, np.bool_)):
        raise TypeError(f"normalize must be True or False, not {type(normalize).__name__}")
    w = check_weights(weights, "weights", sum_to_one=not normalize)
    check_same_length(values=x, weights=w)
    if normalize:
        w = w / w.sum()
    if names is None:
        names = [f"W{i + 1}" for i in range(x.size)]
    else:
        if isinstance(names, str):
            raise TypeError("names must be a sequence of strings, not a single string")
        names = [str(n) for n in names]
        if len(names) != x.size:
            raise ValueError(f"names must have one entry per component ({x.size}), got {len(names)}")
        if len(set(names)) != len(names):
            raise ValueError("names must be unique")
    if bounds is not None:
        if not isinstance(bounds, (tuple, list)) or len(bounds) != 2 or not bounds[0] <= bounds[1]:
            raise ValueError(f"bounds must be a pair (low, high) with low <= high, got {bounds!r}")
        lo, hi = float(bounds[0]), float(bounds[1])
        bad = np.flatnonzero((x < lo) | (x > hi))
        if bad.size:
            raise ValueError(f"values must lie within [{bounds[0]:g}, {bounds[1]:g}], "
                             f"but {names[bad[0]]} is {x[bad[0]]:g}")
    weighted = w * x
    value = float(weighted.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = weighted / value if value != 0 else np.full(x.size, np.nan)
    contributions = pd.DataFrame({
        "component": pd.array(names, dtype="str"),
        "value": x,
        "weight": w,
        "weighted": weighted,
        "share_of_index": shares,
    })
    contributions["rank"] = (
        contributions["weighted"].rank(ascending=False, method="min").astype("int64")
    )
    ranking = pd.Series(weighted, index=pd.Index(names, name="component"), name="weighted")
    ranking = ranking.sort_values(ascending=False, kind="stable")
    return CompositeIndex(value=value, contributions=contributions, ranking=ranking,
                          normalized=bool(normalize))


def weight_sensitivity(
    values: Any,
    weights: Any,
    *,
    spread: float = 0.1,
    steps: int = 3,
    names: Sequence[str] | None = None,
) -> pd.DataFrame:
    """How a composite index and its ranking move when each weight moves by up to ``±spread``.

    Every combination of shifts on a grid of ``steps`` points in ``[-spread, +spread]`` is applied to the
    weights (clipped at zero, then rescaled to sum to one), and the index recomputed with
    :func:`composite_index`. One row per combination: the weights used, the index, and the ranking of the
    components by weighted value.

    Parameters
    ----------
    values, weights, names
        As for :func:`composite_index` (the weights must sum to 1).
    spread : float
        The largest shift of a weight, in weight units (0 < spread < 1).
    steps : int
        Grid points per weight (odd, at least 3, so that "no shift" is included); the number of rows is
        ``steps ** len(weights)`` (at most 100,000).

    Examples
    --------
    >>> t = weight_sensitivity([0.31, 0.42, 0.28, 0.19], [0.4, 0.3, 0.2, 0.1], spread=0.1)
    >>> len(t), round(float(t["index"].min()), 3), round(float(t["index"].max()), 3)
    (81, 0.299, 0.361)
    >>> t["ranking"].value_counts().index[0]
    'W2 > W1 > W3 > W4'
    >>> weight_sensitivity([0.3, 0.4], [0.5, 0.5], spread=1.5)
    Traceback (most recent call last):
    ...
    ValueError: spread must lie strictly between 0 and 1, got 1.5
    """
    import itertools

    x = as_1d_float(values, "values")
    w = check_weights(weights, "weights")
    check_same_length(values=x, weights=w)
    if isinstance(spread, bool) or not isinstance(spread, (int, float)):
        raise TypeError(f"spread must be a number, not {type(spread).__name__}")
    if not 0 < spread < 1:
        raise ValueError(f"spread must lie strictly between 0 and 1, got {spread}")
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 3 or steps % 2 == 0:
        raise ValueError(f"steps must be an odd integer of at least 3, got {steps!r}")
    if steps ** len(w) > 100_000:
        raise ValueError(f"{steps} steps for {len(w)} weights make {steps ** len(w)} combinations; use fewer")
    labels = list(names) if names is not None else [f"W{i + 1}" for i in range(len(w))]
    if len(labels) != len(w):
        raise ValueError(f"names has {len(labels)} entries but there are {len(w)} weights")
    grid = np.linspace(-spread, spread, steps)
    rows = []
    for shifts in itertools.product(grid, repeat=len(w)):
        trial = np.clip(w + np.array(shifts), 0, None)
        if trial.sum() == 0:
            continue
        res = composite_index(x, trial, normalize=True, names=labels)
        row = {f"w_{lab}": float(v) for lab, v in zip(labels, trial / trial.sum())}
        row["index"] = float(res.value)
        row["ranking"] = " > ".join(res.ranking.index)
        rows.append(row)
    return pd.DataFrame(rows)
