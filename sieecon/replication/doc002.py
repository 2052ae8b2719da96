"""Computations behind the claims of document 002 (innovative development of Nur-Sultan, 2015–2020).

The document publishes one table of numbers, Table 1 (lines 59–64: enterprises, enterprises with
innovation and their share, 2015–2020); the sentence before it (line 57) restates its 2020 column and an
average share. Each registered function recomputes one printed number from Table 1 (dataset
``002_table1_innovation_activity``); the other numbers of the text (population, unemployment, wage,
schools) come from sources whose data the document does not print and are registered as not checkable.

>>> round(share(2020), 2)
12.57
>>> round(mean_share(), 2)
13.88
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from . import computation

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["innovation_activity", "value", "share", "mean_share", "pooled_share"]

_FIELDS = ("enterprises", "enterprises_with_innovation", "share_with_innovation")


@functools.lru_cache(maxsize=1)
def innovation_activity() -> pd.DataFrame:
    """Table 1 of document 002 (dataset ``002_table1_innovation_activity``), one row per year."""
    from .. import data

    return data.load("002_table1_innovation_activity")


def _years(first: int | None, last: int | None) -> pd.DataFrame:
    df = innovation_activity()
    lo = int(df["year"].min()) if first is None else first
    hi = int(df["year"].max()) if last is None else last
    for name, y in (("first", lo), ("last", hi)):
        if isinstance(y, bool) or not isinstance(y, int):
            raise TypeError(f"{name} must be a year (int), not {type(y).__name__}")
    if lo > hi:
        raise ValueError(f"first ({lo}) must not be after last ({hi})")
    sub = df.loc[(df["year"] >= lo) & (df["year"] <= hi)]
    if len(sub) != hi - lo + 1:
        raise ValueError(f"Table 1 covers {int(df['year'].min())}–{int(df['year'].max())}; got {lo}–{hi}")
    return sub


def value(field: str, year: int) -> float:
    """One printed cell of Table 1.

    Examples
    --------
    >>> value("enterprises", 2020)
    3605.0
    """
    if field not in _FIELDS:
        raise ValueError(f"field must be one of {', '.join(repr(f) for f in _FIELDS)}; got {field!r}")
    return float(_years(year, year)[field].item())


def share(year: int) -> float:
    """Share of enterprises with innovation in all enterprises of one year, % (recomputed from the counts).

    Examples
    --------
    >>> round(share(2015), 2)
    13.19
    """
    from ..indicators import share as _share

    row = _years(year, year)
    return float(_share(int(row["enterprises_with_innovation"].item()), int(row["enterprises"].item())))


def mean_share(first: int | None = None, last: int | None = None) -> float:
    """Unweighted mean of the printed annual shares, % (all years of Table 1 by default).

    Examples
    --------
    >>> round(mean_share(2016, 2020), 2)
    14.02
    """
    from ..indicators import mean_index

    return mean_index(_years(first, last)["share_with_innovation"].to_numpy(float))


def pooled_share(first: int | None = None, last: int | None = None) -> float:
    """Enterprises with innovation over all enterprises, summed over the years, % (a weighted mean).

    Examples
    --------
    >>> round(pooled_share(), 2)
    13.88
    """
    from ..indicators import share as _share

    sub = _years(first, last)
    return float(_share(float(sub["enterprises_with_innovation"].sum()), float(sub["enterprises"].sum())))


@computation("002.mean_share_2015_2020")
def mean_share_2015_2020() -> float:
    """Mean of the six printed annual shares 2015–2020, % (line 57: "on average ... 14%")."""
    return mean_share(2015, 2020)


@computation("002.mean_share_2016_2020")
def mean_share_2016_2020() -> float:
    """Mean of the five printed annual shares 2016–2020, % (the "5 years" read as five annual values)."""
    return mean_share(2016, 2020)


@computation("002.pooled_share_2015_2020")
def pooled_share_2015_2020() -> float:
    """All enterprise-years with innovation over all enterprise-years, 2015–2020, %."""
    return pooled_share(2015, 2020)


@computation("002.years_2015_2020")
def years_2015_2020() -> float:
    """Number of annual values of Table 1 in 2015–2020 (both years counted)."""
    return float(len(_years(2015, 2020)))


@computation("002.span_2015_2020")
def span_2015_2020() -> float:
    """Length of the interval from 2015 to 2020 in years (2020 − 2015)."""
    sub = _years(2015, 2020)
    return float(sub["year"].max() - sub["year"].min())


for _field, _slug in (("enterprises", "enterprises"), ("enterprises_with_innovation", "with_innovation")):
    computation(f"002.table1[{_slug},2020]")(functools.partial(value, _field, 2020))

for _year in range(2015, 2021):
    computation(f"002.table1_share[{_year}]")(functools.partial(share, _year))
