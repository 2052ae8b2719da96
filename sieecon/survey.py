"""Survey arithmetic: proportions, Likert items, counts behind printed percentages.

The documents report surveys as percentages and means only: document 000,
Table 3 (n = 43, seven five-point Likert items, lines 286–296), document 001,
Кесте 13 (32 firms, line 1457), document 004, Tables 2 and 5–9 (n = 198,
lines 314–789). This module rebuilds what can be rebuilt and checks what can
be checked:

* :func:`wilson_interval` — a confidence interval for a proportion;
* :func:`counts_from_shares` — the integer counts behind printed percentages;
* :func:`likert_summary` and :func:`likert_bounds` — summaries of Likert
  items, and whether a printed mean and top-2 share can both be true;
* :func:`contingency_from_percentages`, :func:`chi_square`,
  :func:`fisher_exact` — tables of percentages back to counts, and tests of
  independence on them.

>>> counts_from_shares([67.4, 32.6], 43)[["share_printed", "count"]]
   share_printed  count
0           67.4     29
1           32.6     14
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

from .validation import as_1d_float, check_probability

__all__ = [
    "wilson_interval",
    "wilson_intervals",
    "counts_from_shares",
    "likert_summary",
    "LikertBounds",
    "likert_bounds",
    "contingency_from_percentages",
    "TestResult",
    "chi_square",
    "fisher_exact",
]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def _as_int(value: Any, name: str, *, minimum: int = 0) -> int:
    """An integer (integer-valued floats accepted) not below ``minimum``."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be an integer, not a boolean")
    if isinstance(value, (Integral, np.integer)):
        out = int(value)
    elif isinstance(value, (Real, np.floating)) and math.isfinite(value) and float(value).is_integer():
        out = int(value)
    else:
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if out < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {out}")
    return out


def _z(alpha: float) -> float:
    from scipy import stats

    return float(stats.norm.ppf(1 - alpha / 2))


def _scaled_int(value: float, decimals: int, name: str) -> int:
    """``value * 10**decimals`` as an integer; raise if ``value`` has more decimals than that."""
    scaled = value * 10**decimals
    nearest = round(scaled)
    if abs(scaled - nearest) > 1e-6 * max(1.0, abs(scaled)):
        raise ValueError(f"{name} = {value:g} has more than {decimals} decimal place"
                         f"{'s' if decimals != 1 else ''}; pass decimals= to match the printed precision")
    return int(nearest)


def _rounding_candidates(target: int, n: int, decimals: int, *, total: int = 100) -> np.ndarray:
    """All k in 0..n with round(k/n·total, decimals) == target/10**decimals, half-up or half-even."""
    scale = total * 10**decimals
    k = np.arange(n + 1, dtype=np.int64)
    num = k * scale
    q, r = np.divmod(num, n)
    half_up = q + (2 * r >= n)
    half_even = q + ((2 * r > n) | ((2 * r == n) & (q % 2 == 1)))
    return k[(half_up == target) | (half_even == target)]


def _check_scale(scale: Any) -> tuple[int, int]:
    if not isinstance(scale, (tuple, list)) or len(scale) != 2:
        raise TypeError(f"scale must be a pair (lowest, highest), got {scale!r}")
    lo = _as_int(scale[0], "scale[0]", minimum=-10**6)
    hi = _as_int(scale[1], "scale[1]", minimum=-10**6)
    if hi - lo < 2:
        raise ValueError(f"scale must have at least 3 levels for a top-2 share, got {lo}..{hi}")
    return lo, hi


# ---------------------------------------------------------------------------
# proportions
# ---------------------------------------------------------------------------

def wilson_interval(k: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval for a proportion ``k / n`` (as fractions).

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``z`` the
    ``1 - alpha/2`` normal quantile (Wilson 1927). Unlike the Wald interval it
    stays within [0, 1] and behaves well for small n and p near 0 or 1.

    Examples
    --------
    Newcombe (1998, Statistics in Medicine 17, 857–872, Table II), 81 of 263:
    0.2553 to 0.3662.

    >>> lo, hi = wilson_interval(81, 263)
    >>> round(lo, 4), round(hi, 4)
    (0.2553, 0.3662)
    >>> wilson_interval(50, 43)
    Traceback (most recent call last):
    ...
    ValueError: k must lie between 0 and n = 43, got 50
    """
    k = _as_int(k, "k")
    n = _as_int(n, "n", minimum=1)
    if k > n:
        raise ValueError(f"k must lie between 0 and n = {n}, got {k}")
    alpha = check_probability(alpha, "alpha")
    z = _z(alpha)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    lower = 0.0 if k == 0 else max(0.0, centre - half)  # exact at the boundaries, free of rounding
    upper = 1.0 if k == n else min(1.0, centre + half)
    return lower, upper


def wilson_intervals(k: Any, n: Any, alpha: float = 0.05, *, percent: bool = False) -> pd.DataFrame:
    """Vectorised :func:`wilson_interval`: columns ``k``, ``n``, ``share``, ``lower``, ``upper``.

    ``n`` may be one number for all rows. With ``percent=True`` the share and
    bounds are in percent.

    >>> wilson_intervals([29, 14], 43, percent=True).round(1)
        k   n  share  lower  upper
    0  29  43   67.4   52.5   79.5
    1  14  43   32.6   20.5   47.5
    """
    ks = as_1d_float([k] if np.ndim(k) == 0 else k, "k")
    ns = as_1d_float([n] if np.ndim(n) == 0 else n, "n")
    if ns.size == 1 and ks.size > 1:
        ns = np.repeat(ns, ks.size)
    if ks.size != ns.size:
        raise ValueError(f"k and n must have the same length (or n a single number), got {ks.size} and {ns.size}")
    rows = []
    scale = 100.0 if percent else 1.0
    for i, (ki, ni) in enumerate(zip(ks, ns)):
        kk, nn = _as_int(ki, f"k[{i}]"), _as_int(ni, f"n[{i}]", minimum=1)
        lo, hi = wilson_interval(kk, nn, alpha)
        rows.append((kk, nn, kk / nn * scale, lo * scale, hi * scale))
    return pd.DataFrame(rows, columns=["k", "n", "share", "lower", "upper"])


# ---------------------------------------------------------------------------
# counts behind printed shares
# ---------------------------------------------------------------------------

def counts_from_shares(shares_percent: Any, n: Any, decimals: int = 1) -> pd.DataFrame:
    """The integer counts behind printed percentages.

    For each printed share ``s`` (in percent) and base ``n``, every count
    ``k`` in ``0..n`` whose ``k/n·100`` rounds to ``s`` at ``decimals``
    decimal places — rounding half up or half to even, since either may have
    been used — computed in exact integer arithmetic.

    Parameters
    ----------
    shares_percent : float or sequence of float
        Printed percentages.
    n : int or sequence of int
        Base(s): one number for all shares, or one per share.
    decimals : int, default 1
        Decimal places of the printed shares.

    Returns
    -------
    pandas.DataFrame
        Columns ``share_printed``, ``n``, ``count`` (the count if exactly one
        fits, else ``<NA>``), ``candidates`` (list of every fitting count),
        ``share_implied`` (``count/n·100``, NaN unless the count is unique)
        and ``consistent`` (some count fits).

    Examples
    --------
    Document 000, Table 3 (n = 43, lines 286–296): 67.4% is 29 of 43
    (29/43 = 67.44%).

    >>> counts_from_shares([67.4, 14.0], 43)
       share_printed   n  count candidates  share_implied  consistent
    0           67.4  43     29       [29]      67.441860        True
    1           14.0  43      6        [6]      13.953488        True
    >>> counts_from_shares(50.0, 3)[["count", "consistent"]]
       count  consistent
    0   <NA>       False
    >>> counts_from_shares([10.55], 43)
    Traceback (most recent call last):
    ...
    ValueError: shares_percent[0] = 10.55 has more than 1 decimal place; pass decimals= to match the printed precision
    """
    if isinstance(shares_percent, (str, bytes)):
        raise TypeError(f"shares_percent must be a number or a sequence of numbers, not {type(shares_percent).__name__}")
    decimals = _as_int(decimals, "decimals")
    if decimals > 6:
        raise ValueError(f"decimals must be at most 6, got {decimals}")
    shares = as_1d_float([shares_percent] if np.ndim(shares_percent) == 0 else shares_percent, "shares_percent")
    ns = as_1d_float([n] if np.ndim(n) == 0 else n, "n")
    if ns.size == 1 and shares.size != 1:
        ns = np.repeat(ns, shares.size)
    if ns.size != shares.size:
        raise ValueError(f"shares_percent and n must have the same length (or n a single number), "
                         f"got {shares.size} and {ns.size}")
    rows = []
    for i, (s, nv) in enumerate(zip(shares, ns)):
        nn = _as_int(nv, f"n[{i}]" if ns.size > 1 else "n", minimum=1)
        if not 0 <= s <= 100:
            raise ValueError(f"shares_percent[{i}] = {s:g} is not a percentage between 0 and 100")
        target = _scaled_int(float(s), decimals, f"shares_percent[{i}]")
        cands = [int(c) for c in _rounding_candidates(target, nn, decimals)]
        count = cands[0] if len(cands) == 1 else pd.NA
        implied = cands[0] / nn * 100 if len(cands) == 1 else float("nan")
        rows.append((float(s), nn, count, cands, implied, bool(cands)))
    out = pd.DataFrame(rows, columns=["share_printed", "n", "count", "candidates", "share_implied", "consistent"])
    out["count"] = out["count"].astype("Int64")
    out["n"] = out["n"].astype("int64")
    out["consistent"] = out["consistent"].astype(bool)
    return out


# ---------------------------------------------------------------------------
# Likert items
# ---------------------------------------------------------------------------

def _counts_vector(obj: Any, levels: list[int], name: str) -> np.ndarray:
    if isinstance(obj, pd.Series):
        items = list(obj.items())
    elif isinstance(obj, Mapping):
        items = list(obj.items())
    else:
        raise TypeError(f"{name} must map each scale level to a count (a dict or Series), not {type(obj).__name__}")
    out = np.zeros(len(levels), dtype=np.int64)
    for level, c in items:
        try:
            if isinstance(level, str) and level.strip().lstrip("-").isdigit():
                lv = int(level)  # column labels read from a CSV header
            else:
                lv = _as_int(level, f"{name}: level", minimum=-10**6)
        except TypeError:
            raise ValueError(f"{name}: level {level!r} is not a level of the scale {levels[0]}..{levels[-1]}") from None
        if lv not in levels:
            raise ValueError(f"{name}: level {level!r} is not a level of the scale {levels[0]}..{levels[-1]}")
        if isinstance(c, float) and math.isnan(c):
            c = 0
        out[levels.index(lv)] += _as_int(c, f"{name}: count of level {level!r}")
    return out


def _likert_row(c: np.ndarray, levels: list[int], alpha: float) -> dict[str, Any]:
    from scipy import stats

    lv = np.asarray(levels, dtype=float)
    n = int(c.sum())
    if n == 0:
        raise ValueError("an item has no responses")
    mean = float((c * lv).sum() / n)
    sd = float(math.sqrt((c * (lv - mean) ** 2).sum() / (n - 1))) if n > 1 else float("nan")
    median = float(np.median(np.repeat(lv, c)))
    if n > 1:
        half = float(stats.t.ppf(1 - alpha / 2, n - 1)) * sd / math.sqrt(n)
        lo_m, hi_m = mean - half, mean + half
    else:
        lo_m = hi_m = float("nan")
    k = int(c[-2:].sum())
    lo, hi = wilson_interval(k, n, alpha)
    return {
        "n": n, "mean": mean, "median": median, "sd": sd, "mean_low": lo_m, "mean_high": hi_m,
        "top2_count": k, "top2_pct": k / n * 100, "top2_low_pct": lo * 100, "top2_high_pct": hi * 100,
        "distribution": {int(level): int(x) for level, x in zip(levels, c)},
    }


def likert_summary(
    responses: Any = None,
    *,
    counts: Any = None,
    scale: tuple[int, int] = (1, 5),
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Summaries of Likert items from raw responses or from a table of counts.

    Parameters
    ----------
    responses : sequence, mapping of item -> sequence, or DataFrame, optional
        Raw answers, one column per item; missing answers (NaN/None) are
        dropped item by item.
    counts : mapping of level -> count, Series, or DataFrame, optional
        Counts per scale level: one item (a mapping or Series indexed by
        level) or several (a DataFrame, one row per item, one column per
        level). Give exactly one of ``responses`` and ``counts``.
    scale : (int, int), default (1, 5)
        Lowest and highest level; the top-2 share counts the two highest.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per item: ``n``, ``mean``, ``median``, ``sd`` (n - 1
        denominator), ``mean_low``/``mean_high`` (t interval), ``top2_count``,
        ``top2_pct`` with its Wilson interval ``top2_low_pct``/``top2_high_pct``,
        and ``distribution`` (a dict level -> count).

    Examples
    --------
    >>> likert_summary([1, 2, 2, 3, 4, 5, 5, 4, 3, 2])[["n", "mean", "median", "top2_count"]]
                n  mean  median  top2_count
    responses  10   3.1     3.0           4
    >>> s = likert_summary(counts={1: 5, 2: 10, 3: 14, 4: 10, 5: 4})
    >>> round(float(s["mean"].iloc[0]), 3), int(s["top2_count"].iloc[0])
    (2.953, 14)
    >>> likert_summary([1, 2, 6])
    Traceback (most recent call last):
    ...
    ValueError: responses: position 2 is 6, outside the scale 1..5
    """
    if (responses is None) == (counts is None):
        raise ValueError("give exactly one of responses (raw answers) or counts (a table of counts)")
    lo, hi = _check_scale(scale)
    alpha = check_probability(alpha, "alpha")
    levels = list(range(lo, hi + 1))
    items: dict[str, np.ndarray] = {}
    if responses is not None:
        if isinstance(responses, pd.DataFrame):
            cols = {str(c): responses[c] for c in responses.columns}
        elif isinstance(responses, Mapping):
            cols = {str(c): v for c, v in responses.items()}
        else:
            name = str(responses.name) if isinstance(responses, pd.Series) and responses.name is not None else "responses"
            cols = {name: responses}
        for name, values in cols.items():
            v = as_1d_float(values, name, allow_nan=True)
            v = v[~np.isnan(v)]
            bad = np.flatnonzero((v != np.round(v)) | (v < lo) | (v > hi))
            if bad.size:
                raise ValueError(f"{name}: position {int(bad[0])} is {v[bad[0]]:g}, outside the scale {lo}..{hi}")
            items[name] = np.array([(v == level).sum() for level in levels], dtype=np.int64)
    else:
        if isinstance(counts, pd.DataFrame):
            for idx, row in counts.iterrows():
                items[str(idx)] = _counts_vector(row, levels, f"counts (row {idx!r})")
        else:
            items["counts"] = _counts_vector(counts, levels, "counts")
    rows = {}
    for name, c in items.items():
        if c.sum() == 0:
            raise ValueError(f"{name} has no responses")
        rows[name] = _likert_row(c, levels, alpha)
    out = pd.DataFrame.from_dict(rows, orient="index")
    out["n"] = out["n"].astype("int64")
    out["top2_count"] = out["top2_count"].astype("int64")
    return out


@dataclass(frozen=True)
class LikertBounds:
    """Whether a printed mean and top-2 share of a Likert item can both be true.

    Attributes
    ----------
    mean_printed, share_printed : float
    n : int
    counts : tuple of int
        Counts ``k`` of top-2 answers that reproduce the printed share.
    min_mean, max_mean : float
        The lowest and highest mean possible with those counts: ``k`` answers
        at the top-2 levels and ``n - k`` below them.
    compatible : bool
        Some count and some integer sum of answers give a mean that rounds to
        the printed mean.
    note : str
    """

    mean_printed: float
    share_printed: float
    n: int
    counts: tuple[int, ...]
    min_mean: float
    max_mean: float
    compatible: bool
    note: str = field(default="")


def likert_bounds(
    mean: float,
    share_top2: float,
    n: int,
    scale: tuple[int, int] = (1, 5),
    *,
    decimals: int = 1,
    share_decimals: int = 1,
) -> LikertBounds:
    """Check that a printed mean and a printed top-2 share (%) are arithmetically compatible.

    With ``k`` of ``n`` answers at the two highest levels (``k`` from the
    printed share, :func:`counts_from_shares`) and the others below them, the
    sum of answers lies between ``k·(hi-1) + (n-k)·lo`` and
    ``k·hi + (n-k)·(hi-2)``. The pair is compatible if some integer sum in
    that range gives a mean that rounds to the printed mean at ``decimals``.

    Examples
    --------
    Document 000, Table 3, item 1 (n = 43, lines 286–296): mean 3.9, 67.4%
    answered 4 or 5.

    >>> b = likert_bounds(3.9, 67.4, 43)
    >>> b.counts, round(b.min_mean, 3), round(b.max_mean, 3), b.compatible
    ((29,), 3.023, 4.349, True)
    >>> likert_bounds(1.5, 67.4, 43).compatible
    False
    """
    n = _as_int(n, "n", minimum=1)
    lo, hi = _check_scale(scale)
    for name, v in (("mean", mean), ("share_top2", share_top2)):
        if isinstance(v, bool) or not isinstance(v, (Real, np.number)) or not math.isfinite(v):
            raise TypeError(f"{name} must be a finite number, got {v!r}")
    if not lo <= mean <= hi:
        raise ValueError(f"mean must lie on the scale {lo}..{hi}, got {mean:g}")
    decimals = _as_int(decimals, "decimals")
    table = counts_from_shares([share_top2], n, decimals=share_decimals)
    cands = tuple(table.loc[0, "candidates"])
    if not cands:
        return LikertBounds(float(mean), float(share_top2), n, (), float("nan"), float("nan"), False,
                            f"no count of {n} gives {share_top2:g}%: the share itself is inconsistent with n")
    m_int = _scaled_int(float(mean), decimals, "mean")
    half = Fraction(1, 2 * 10**decimals)
    m = Fraction(m_int, 10**decimals)
    s_low = math.ceil((m - half) * n)   # smallest sum whose mean rounds to m (either rounding)
    s_high = math.floor((m + half) * n)
    mins, maxs, ok = [], [], False
    for k in cands:
        a = k * (hi - 1) + (n - k) * lo
        b = k * hi + (n - k) * (hi - 2)
        mins.append(a / n)
        maxs.append(b / n)
        for s in range(max(a, s_low), min(b, s_high) + 1):
            q = Fraction(s, n) * 10**decimals
            up = math.floor(q + Fraction(1, 2))
            even = round(q)
            if m_int in (up, even):
                ok = True
                break
    min_mean, max_mean = min(mins), max(maxs)
    ks = ", ".join(map(str, cands))
    verdict = "is compatible" if ok else "is NOT compatible"
    note = (f"{ks} of {n} answered {hi - 1}–{hi}; the mean can then lie between {min_mean:.3f} and "
            f"{max_mean:.3f}; the printed mean {mean:g} {verdict}")
    return LikertBounds(float(mean), float(share_top2), n, cands, float(min_mean), float(max_mean), ok, note)


# ---------------------------------------------------------------------------
# contingency tables
# ---------------------------------------------------------------------------

def contingency_from_percentages(
    pct: pd.DataFrame,
    bases: Any,
    *,
    axis: str = "columns",
    decimals: int = 1,
    return_report: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Rebuild a table of counts from a table of percentages and its base sizes.

    Each cell's count is the integer ``k`` whose ``k/base·100`` rounds to the
    printed percentage (:func:`counts_from_shares`); when several fit, the
    one nearest ``pct·base/100``; when none fits, ``pct·base/100`` rounded
    half up, flagged.

    Parameters
    ----------
    pct : pandas.DataFrame
        Percentages. With ``axis="columns"`` each column is a group whose
        percentages are shares of that column's base (column percentages);
        with ``axis="index"``, each row.
    bases : sequence of int or pandas.Series
        The base size of each column (or row); a Series is aligned by label.
    axis : {"columns", "index"}
    decimals : int, default 1
        Decimal places of the printed percentages.
    return_report : bool, default False
        Also return the cell-by-cell report as a DataFrame.

    Returns
    -------
    pandas.DataFrame or (DataFrame, DataFrame)
        The counts (``Int64``). The report is also attached as plain records
        in ``counts.attrs["report"]`` (``pd.DataFrame(counts.attrs["report"])``),
        with ``attrs["all_reproduced"]`` (every cell's count reproduces its
        printed percentage) and ``attrs["totals"]`` (per group: base, sum of
        counts, sum of printed percentages). Report columns: ``row``,
        ``column``, ``pct_printed``, ``base``, ``count``, ``pct_implied``,
        ``difference`` (implied − printed), ``status`` ("exact", "ambiguous"
        or "not reproducible") and ``candidates``.

    Examples
    --------
    >>> import pandas as pd
    >>> pct = pd.DataFrame({"young": [40.0, 60.0], "old": [25.0, 75.0]}, index=["yes", "no"])
    >>> counts = contingency_from_percentages(pct, [20, 40])
    >>> counts
         young  old
    yes      8   10
    no      12   30
    >>> counts.attrs["all_reproduced"]
    True
    """
    if not isinstance(pct, pd.DataFrame):
        raise TypeError(f"pct must be a pandas DataFrame, not {type(pct).__name__}")
    if axis not in ("columns", "index"):
        raise ValueError(f"axis must be one of 'columns', 'index'; got {axis!r}")
    decimals = _as_int(decimals, "decimals")
    groups = pct.columns if axis == "columns" else pct.index
    if isinstance(bases, pd.Series):
        missing = [g for g in groups if g not in bases.index]
        if missing:
            raise KeyError(f"bases has no entry for {missing[0]!r}")
        base_vals = [bases[g] for g in groups]
    else:
        base_vals = list(as_1d_float(bases, "bases"))
        if len(base_vals) != len(groups):
            raise ValueError(f"bases must give one base per {'column' if axis == 'columns' else 'row'} "
                             f"({len(groups)}), got {len(base_vals)}")
    base_map = {g: _as_int(b, f"bases[{g!r}]", minimum=1) for g, b in zip(groups, base_vals)}
    counts = pd.DataFrame(index=pct.index, columns=pct.columns, dtype="Int64")
    report = []
    for r in pct.index:
        for c in pct.columns:
            g = c if axis == "columns" else r
            base = base_map[g]
            v = pct.loc[r, c]
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                raise ValueError(f"pct has a missing value at row {r!r}, column {c!r}")
            if isinstance(v, bool) or not isinstance(v, (Real, np.number)):
                raise TypeError(f"pct must hold numbers, but row {r!r}, column {c!r} is {v!r}")
            v = float(v)
            if not 0 <= v <= 100:
                raise ValueError(f"pct at row {r!r}, column {c!r} is {v:g}, not a percentage between 0 and 100")
            target = _scaled_int(v, decimals, f"pct at row {r!r}, column {c!r}")
            cands = [int(k) for k in _rounding_candidates(target, base, decimals)]
            exact = v * base / 100
            if len(cands) == 1:
                k, status = cands[0], "exact"
            elif cands:
                k, status = min(cands, key=lambda kk: (abs(kk - exact), kk)), "ambiguous"
            else:
                k, status = int(math.floor(exact + 0.5)), "not reproducible"
            counts.loc[r, c] = k
            implied = k / base * 100
            report.append({"row": r, "column": c, "pct_printed": v, "base": base, "count": k,
                           "pct_implied": implied, "difference": implied - v, "status": status,
                           "candidates": cands})
    totals = []
    for g in groups:
        sub = counts[g] if axis == "columns" else counts.loc[g]
        psub = pct[g] if axis == "columns" else pct.loc[g]
        totals.append({"group": g, "base": base_map[g], "count_sum": int(sub.sum()),
                       "pct_sum_printed": float(psub.sum())})
    counts.attrs["report"] = report
    counts.attrs["totals"] = totals
    counts.attrs["all_reproduced"] = all(rec["status"] != "not reproducible" for rec in report)
    if return_report:
        return counts, pd.DataFrame(report)
    return counts


@dataclass(frozen=True)
class TestResult:
    """Result of a test of independence.

    Attributes
    ----------
    test : str
    statistic : float
        Chi-square statistic, or the sample odds ratio for Fisher's test.
    p_value : float
    dof : int or None
    expected : pandas.DataFrame
        Expected counts under independence.
    warning : str
        Empty unless the test is unreliable for this table.
    """

    __test__ = False  # not a pytest test class

    test: str
    statistic: float
    p_value: float
    dof: int | None
    expected: pd.DataFrame = field(repr=False)
    warning: str = ""

    def __repr__(self) -> str:
        dof = f", dof={self.dof}" if self.dof is not None else ""
        text = f"TestResult(test={self.test!r}, statistic={self.statistic:.4g}, p_value={self.p_value:.4g}{dof})"
        return text + (f"\n  warning: {self.warning}" if self.warning else "")


def _table(table: Any) -> tuple[np.ndarray, pd.Index, pd.Index]:
    if isinstance(table, pd.DataFrame):
        rows, cols = table.index, table.columns
        cells = table.to_numpy(dtype=object)
    else:
        cells = np.asarray(table, dtype=object)
        if cells.ndim != 2:
            raise ValueError(f"table must be two-dimensional, got {cells.ndim} dimension(s)")
        rows, cols = pd.RangeIndex(cells.shape[0]), pd.RangeIndex(cells.shape[1])
    if cells.shape[0] < 2 or cells.shape[1] < 2:
        raise ValueError(f"table must have at least 2 rows and 2 columns, got {cells.shape[0]}×{cells.shape[1]}")
    out = np.empty(cells.shape, dtype=float)
    for (i, j), v in np.ndenumerate(cells):
        if v is None or v is pd.NA or isinstance(v, (bool, np.bool_)) or not isinstance(v, (Real, np.number)) \
                or not math.isfinite(float(v)):
            raise TypeError(f"table must hold counts, but cell ({rows[i]!r}, {cols[j]!r}) is {v!r}")
        if float(v) < 0 or not float(v).is_integer():
            raise ValueError(f"table must hold non-negative whole counts (not percentages), but cell "
                             f"({rows[i]!r}, {cols[j]!r}) is {v!r}; contingency_from_percentages rebuilds counts")
        out[i, j] = float(v)
    for axis, labels, what in ((1, rows, "row"), (0, cols, "column")):
        sums = out.sum(axis=axis)
        if (sums == 0).any():
            raise ValueError(f"{what} {labels[int(np.flatnonzero(sums == 0)[0])]!r} has no observations; "
                             "drop it before testing")
    return out, rows, cols


def chi_square(table: Any, *, correction: bool = False) -> TestResult:
    """Pearson's chi-square test of independence for a table of counts.

    Parameters
    ----------
    table : pandas.DataFrame or 2-D array of counts
    correction : bool, default False
        Yates' continuity correction (2×2 tables only; scipy's default is
        True, this function's is the plain Pearson statistic).

    Returns
    -------
    TestResult
        ``warning`` is set when any expected count is below 5, saying
        whether Cochran's rule (no expected count below 1 and at most 20%
        below 5) is broken.

    Examples
    --------
    >>> res = chi_square([[10, 20], [20, 10]])
    >>> round(res.statistic, 4), round(res.p_value, 4), res.dof
    (6.6667, 0.0098, 1)
    >>> chi_square([[3, 1], [1, 3]]).warning[:42]
    '4 of 4 expected counts (100%) are below 5 '
    """
    from scipy import stats

    obs, rows, cols = _table(table)
    if not isinstance(correction, (bool, np.bool_)):
        raise TypeError(f"correction must be True or False, not {type(correction).__name__}")
    res = stats.chi2_contingency(obs, correction=bool(correction))
    expected = pd.DataFrame(res.expected_freq, index=rows, columns=cols)
    e = res.expected_freq
    small = int((e < 5).sum())
    warning = ""
    if small:
        frac = small / e.size
        broken = frac > 0.2 or e.min() < 1
        warning = (f"{small} of {e.size} expected counts ({frac:.0%}) are below 5 (smallest {e.min():.2f}); "
                   + ("Cochran's rule (none below 1, at most 20% below 5) is broken, so the chi-square "
                      "approximation is unreliable" if broken
                      else "within Cochran's rule, but read the p-value with care"))
        if obs.shape == (2, 2):
            warning += "; for a 2×2 table use fisher_exact"
    return TestResult(test="chi-square" + (" (Yates)" if correction and obs.shape == (2, 2) else ""),
                      statistic=float(res.statistic), p_value=float(res.pvalue), dof=int(res.dof),
                      expected=expected, warning=warning)


def fisher_exact(table: Any, *, alternative: str = "two-sided") -> TestResult:
    """Fisher's exact test for a 2×2 table of counts (scipy).

    Only 2×2 tables are supported; for larger tables use :func:`chi_square`
    (checking its expected counts) or an exact permutation test from another
    package.

    Returns
    -------
    TestResult
        ``statistic`` is the sample odds ratio ``(a·d)/(b·c)``.

    Examples
    --------
    Fisher's tea-tasting experiment: 3 of 4 cups right, one-sided p = 0.2429.

    >>> res = fisher_exact([[3, 1], [1, 3]], alternative="greater")
    >>> round(res.statistic, 1), round(res.p_value, 4)
    (9.0, 0.2429)
    >>> fisher_exact([[1, 2, 3], [4, 5, 6]])
    Traceback (most recent call last):
    ...
    ValueError: fisher_exact supports only 2×2 tables, got a 2×3 table; for larger tables use chi_square (check its expected counts) or an exact permutation test
    """
    from scipy import stats

    obs, rows, cols = _table(table)
    if obs.shape != (2, 2):
        raise ValueError(f"fisher_exact supports only 2×2 tables, got a {obs.shape[0]}×{obs.shape[1]} table; "
                         "for larger tables use chi_square (check its expected counts) or an exact permutation test")
    if alternative not in ("two-sided", "less", "greater"):
        raise ValueError(f"alternative must be one of 'two-sided', 'less', 'greater'; got {alternative!r}")
    res = stats.fisher_exact(obs.astype(np.int64), alternative=alternative)
    expected = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / obs.sum()
    return TestResult(test=f"Fisher exact ({alternative})", statistic=float(res.statistic),
                      p_value=float(res.pvalue), dof=None,
                      expected=pd.DataFrame(expected, index=rows, columns=cols))
