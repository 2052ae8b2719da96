"""Computations behind the claims of document 000 (financing and exports of SIEs).

Each function recomputes one printed number from the transcribed tables, by the
method the document describes; the ``reading_*`` functions are the alternative
readings that the claims register names for claims the method does not reproduce.

>>> round(pearson_r(), 3)
0.971
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from . import computation

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["funding_exports", "funding_exports_readings", "pearson_r", "export_trend", "READINGS", "FORECAST_YEAR"]

#: The year to which the document forecasts exports (eq. 4, line 149: "could reach 124.4 billion KZT by 2028").
FORECAST_YEAR = 2028

#: Readings of "the relationship between funding and exports" that the chapter tries, in order. Each maps a
#: name to (what it means, which lines of the document suggest it).
READINGS: dict[str, tuple[str, str]] = {
    "as printed": ("exports on funding, annual levels of Table 2", "lines 119–141, 241–248"),
    "cumulative sums": ("running totals of both series, as the text calls them 'cumulative'", "lines 226–228"),
    "exports on the year": ("exports on the year index 1–4 ('dependence of export revenue on the year')", "line 234"),
    "logarithms": ("both series in natural logs (an elasticity)", "none; a common alternative"),
    "funding on exports": ("the regression reversed: funding on exports", "none; a common slip"),
    "one-year lag": ("exports of year t on funding of year t − 1 (three pairs)", "lines 228–230 (a 6–18 month lag)"),
}


@functools.lru_cache(maxsize=1)
def funding_exports() -> pd.DataFrame:
    """Table 2 of document 000 (dataset ``000_funding_exports``)."""
    from .. import data

    return data.load("000_funding_exports")


def _xy(reading: str) -> tuple[np.ndarray, np.ndarray]:
    df = funding_exports()
    x = df["funding"].to_numpy(float)
    y = df["exports"].to_numpy(float)
    if reading == "as printed":
        return x, y
    if reading == "cumulative sums":
        return np.cumsum(x), np.cumsum(y)
    if reading == "exports on the year":
        return np.arange(1.0, len(y) + 1), y
    if reading == "logarithms":
        return np.log(x), np.log(y)
    if reading == "funding on exports":
        return y, x
    if reading == "one-year lag":
        return x[:-1], y[1:]
    raise ValueError(f"reading must be one of {', '.join(repr(r) for r in READINGS)}; got {reading!r}")


def funding_exports_readings() -> pd.DataFrame:
    """Correlation and regression of Table 2 under every reading in :data:`READINGS`.

    Columns: reading, meaning, suggested_by, n, r, intercept, slope, r_squared.
    The printed values are r = 0.994, Y = 6.38 + 0.561X, R² = 0.988.

    >>> t = funding_exports_readings()
    >>> t.loc[t.reading == "as printed", "slope"].round(3).item()
    1.307
    """
    return _readings_frame().copy()


@functools.lru_cache(maxsize=1)
def _readings_frame() -> pd.DataFrame:
    """The table of :func:`funding_exports_readings`, computed once: twenty ledger claims read from it."""
    import pandas as pd

    from ..regression import correlation, ols

    rows = []
    for name, (meaning, lines) in READINGS.items():
        x, y = _xy(name)
        fit = ols(y, x)
        rows.append(
            {
                "reading": name,
                "meaning": meaning,
                "suggested_by": lines,
                "n": len(x),
                "r": correlation(x, y).r,
                "intercept": float(fit.params.iloc[0]),
                "slope": float(fit.params.iloc[1]),
                "r_squared": float(fit.rsquared),
            }
        )
    return pd.DataFrame(rows)


def _reading_value(reading: str, what: str) -> float:
    table = _readings_frame().set_index("reading")
    return float(table.loc[reading, what])


@computation("000.pearson_r")
def pearson_r() -> float:
    """Pearson r of funding and exports, Table 2 as printed."""
    return _reading_value("as printed", "r")


for _name in READINGS:
    if _name == "as printed":
        continue
    for _what in ("r", "intercept", "slope", "r_squared"):
        computation(f"000.{_what}[{_name}]")(functools.partial(_reading_value, _name, _what))


@computation("000.ols_intercept")
def ols_intercept() -> float:
    """Intercept α of eq. (1), exports on funding, Table 2 as printed."""
    return _reading_value("as printed", "intercept")


@computation("000.ols_slope")
def ols_slope() -> float:
    """Slope β of eq. (1), exports on funding, Table 2 as printed."""
    return _reading_value("as printed", "slope")


@computation("000.ols_r_squared")
def ols_r_squared() -> float:
    """R² of eq. (1), Table 2 as printed."""
    return _reading_value("as printed", "r_squared")


@computation("000.ols_slope_p_value")
def ols_slope_p_value() -> float:
    """p-value of the slope's t-test in eq. (1) (the document: significant at 5%)."""
    from ..regression import ols

    df = funding_exports()
    return float(ols(df["exports"].to_numpy(float), df["funding"].to_numpy(float)).pvalues.iloc[1])


@computation("000.ols_intercept_p_value")
def ols_intercept_p_value() -> float:
    """p-value of the intercept's t-test in eq. (1) (the document: significant at 5%)."""
    from ..regression import ols

    df = funding_exports()
    return float(ols(df["exports"].to_numpy(float), df["funding"].to_numpy(float)).pvalues.iloc[0])


@functools.lru_cache(maxsize=1)
def export_trend():
    """The linear trend of exports on t = 1 … 4 (2021 = 1), as eq. (4) describes."""
    import warnings

    from ..trends import ShortSeriesWarning, fit_trend

    df = funding_exports()
    with warnings.catch_warnings():
        # Four observations: the fit warns that it is descriptive; the chapter says so in its text.
        warnings.simplefilter("ignore", ShortSeriesWarning)
        return fit_trend(df["exports"].to_numpy(float), form="linear", start=int(df["year"].iloc[0]))


@computation("000.trend_intercept")
def trend_intercept() -> float:
    """Intercept of eq. (4)."""
    return float(export_trend().params.iloc[0])


@computation("000.trend_slope")
def trend_slope() -> float:
    """Slope of eq. (4)."""
    return float(export_trend().params.iloc[1])


def _printed_trend(t: float) -> float:
    """Eq. (4) as printed: Y = 51.6 + 9.1 t (the coefficients are the claims register's printed values)."""
    from . import claim

    a = float(claim("000-eq4-intercept").printed_value)  # type: ignore[arg-type]
    b = float(claim("000-eq4-slope").printed_value)  # type: ignore[arg-type]
    return a + b * t


@computation("000.forecast_2028")
def forecast_2028() -> float:
    """Point forecast for 2028 (t = 8) from the trend fitted to Table 2."""
    return float(export_trend().forecast(to=FORECAST_YEAR).iloc[-1]["mean"])


@computation("000.forecast_2028[printed equation]")
def forecast_2028_printed_equation() -> float:
    """Eq. (4) as printed, evaluated at t = 8."""
    return _printed_trend(8)


def _exports(year: int) -> float:
    df = funding_exports()
    return float(df.loc[df["year"] == year, "exports"].item())


@computation("000.forecast_2028_vs_2024_pct")
def forecast_growth_vs_2024() -> float:
    """Growth of the fitted 2028 forecast over 2024 exports, %."""
    return (forecast_2028() / _exports(2024) - 1) * 100


@computation("000.forecast_2028_vs_2024_pct[printed equation]")
def forecast_growth_vs_2024_printed() -> float:
    """Growth of the printed 2028 forecast over 2024 exports, %."""
    return (forecast_2028_printed_equation() / _exports(2024) - 1) * 100


@computation("000.forecast_2028_vs_2021_ratio")
def forecast_ratio_vs_2021() -> float:
    """Ratio of the fitted 2028 forecast to 2021 exports ("more than double")."""
    return forecast_2028() / _exports(2021)


@computation("000.forecast_mean_growth_2025_2028_pct")
def forecast_mean_growth() -> float:
    """Average annual growth of the fitted forecast path 2024 → 2028, % (the text: 8–10% a year)."""
    return ((forecast_2028() / _exports(2024)) ** (1 / 4) - 1) * 100


@computation("000.observed_mean_growth_2021_2024_pct")
def observed_mean_growth() -> float:
    """Average annual growth of exports 2021 → 2024, % (for comparison with the forecast's 8–10%)."""
    from ..indicators import cagr

    return float(cagr(funding_exports()["exports"].to_numpy(float), percent=True))


def _survey():
    from .. import data

    return data.load("000_survey_export_orientation")


@computation("000.eq5_sum")
def eq5_sum() -> float:
    """The numerator of eq. (5): the sum of the seven mean scores."""
    return float(_survey()["mean_score"].sum())


@computation("000.eq5_eai")
def eq5_eai() -> float:
    """Eq. (5): the Export Activity Index, the mean of the seven mean scores."""
    from ..indicators import mean_index

    return float(mean_index(_survey()["mean_score"].to_numpy(float)))


def _share_implied(question: int) -> float:
    """The share (in %) of the integer count out of n (43, line 179) that the printed share implies."""
    from ..survey import counts_from_shares

    s = _survey()
    n = int(s.attrs["sample_size"])
    share = float(s.loc[s["question"] == question, "share_top2"].item())
    row = counts_from_shares([share], n, decimals=1).iloc[0]
    count = row["count"]
    return float("nan") if count is None or (isinstance(count, float) and np.isnan(count)) else float(count) / n * 100


for _q in range(1, 8):
    computation(f"000.table3_share_q{_q}_n43")(functools.partial(_share_implied, _q))


def _eai_components():
    from .. import data

    return data.load("000_eai_weighted")


def _weighted(component: str) -> float:
    t = _eai_components().set_index("component")
    return float(t.loc[component, "average_value"] * t.loc[component, "weight"])


for _c in ("W1", "W2", "W3", "W4"):
    computation(f"000.table4_weighted_{_c}")(functools.partial(_weighted, _c))


@computation("000.eq6_eai")
def eq6_eai() -> float:
    """Eq. (6): the weighted Export Activity Index from Table 4's component means and weights."""
    from ..indicators import composite_index

    t = _eai_components()
    return float(composite_index(t["average_value"].to_numpy(float), t["weight"].to_numpy(float)).value)


@computation("000.eq6_weights_sum")
def eq6_weights_sum() -> float:
    """Sum of the weights of eq. (6)."""
    return float(_eai_components()["weight"].sum())


def _damu():
    from .. import data

    return data.load("000_damu_support")


def damu_amount_change() -> float:
    """Change in Damu's quoted support amount from 2021 to 2024, %."""
    d = _damu().set_index("year")["amount_trn_kzt"]
    return float((d[2024] / d[2021] - 1) * 100)


def exporters_base_growth() -> float:
    """Growth of the number of supported SIEs that the 8.2% → 11% shares and the 53% rise imply, %."""
    from .. import data

    t = data.load("000_text_figures").set_index("key")["value"]
    return float(((1 + t["exporters_growth"] / 100) * t["exporting_share_2021"] / t["exporting_share_2024"] - 1) * 100)
