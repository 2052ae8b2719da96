"""Computations behind the claims of document 001 (small business and the innovative development of East
Kazakhstan region, a PhD dissertation in Kazakh).

Section 2.3 (lines 1695–1917) estimates seven econometric models on Кесте 17 and 18 (East Kazakhstan,
2010–2020) and derives forecasts for 2025 and 2030 from them; section 2.2 reads growth rates and shares off
Кесте 8–12 and the charts whose data survive at the end of the file (lines 2451–2454). Each function here
recomputes one printed number from the transcribed tables by the method the text describes; the claims
register (``data/claims/001.yaml``) names the computation. Computations named ``001.<key>[<reading>]`` are
the alternative readings of :data:`READINGS`, tried only when the method as described does not reproduce
the print.

Method as described. The power models (10), (12), (15), (16) are printed as products, e.g.
``UB = 3,029Nsb-0,323`` (line 1894), and are estimated here by least squares in logs
(:func:`sieecon.regression.loglinear`, :func:`sieecon.trends.fit_trend` with ``form="power"``). Read as
printed, the constant is the multiplier ``A``; the text's forecasts follow only if it is ``ln A`` (the
reading ``log intercept``). The time index is ``t = 1`` in 2010, as the forecasts of lines 1793, 1889 and
1900 imply. The text does not say which years it used; the primary computation uses every published year
(2010–2020) and the reading ``2010–2019`` leaves out the last.

>>> round(recompute_coefficient(10, "b_nsb"), 3)
1.931
>>> round(fit_model(15, (2010, 2019)).constant, 3)
3.029
"""

from __future__ import annotations

import functools
import math
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from . import computation

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "READINGS",
    "EQUATIONS",
    "ALL_YEARS",
    "BALASSA_2019",
    "DAMU_BUDGET_PARTS",
    "model_data",
    "fit_model",
    "recompute_coefficient",
    "nsb_forecast",
    "ptsb_forecast",
    "model_comparison",
    "truncate",
]

#: The readings the register may name, each with what it means and what in the document suggests it.
READINGS: dict[str, tuple[str, str]] = {
    "log intercept": (
        "the printed constant of a power model is ln A, the intercept of the equation estimated in logs, "
        "although the print writes it where the multiplier A belongs",
        "lines 1765, 1792, 1894, 1904; the forecasts of lines 1793 and 1900 follow only from this reading",
    ),
    "log intercept, sign lost": (
        "ln A with its minus sign lost in the print or the conversion (eq. 10)",
        "the correction of 001_printed_models, equation 10",
    ),
    "2010–2019": (
        "the model estimated on 2010–2019, the 2020 column left out",
        "the years are not stated (lines 1763, 1875, 1891); eq. (15) reproduces on them "
        "(data/001/CHECKS-tables14-20.md)",
    ),
    "levels": (
        "R as the correlation of the observed series with the model's fitted values in levels "
        "(exp of the log fit), not the multiple R of the log regression",
        "Figures 12 and 13 (lines 1775, 1914) compare actual and computed values in levels",
    ),
    "truncated": (
        "the value cut, not rounded, to the printed decimals",
        "the shares of Кесте 8, 10, 11 and 12 are truncated (data/001/CHECKS-tables8-13.md)",
    ),
    "printed equation": (
        "the printed coefficients of the equation, not re-estimated ones",
        "the text computes its forecasts from its own printed equations",
    ),
    "Nsb effect only": (
        "the INact forecast from the Nsb elasticity of eq. (10) alone, dZin and t held at their 2020 values",
        "line 1793: 'taking account of the above estimate of dynamic growth' [of active SMEs]",
    ),
    "printed growth": (
        "the printed growth rate applied to INact 2020 = 12.9%",
        "line 1793 prints the rate and the level side by side",
    ),
    "elasticity × growth": (
        "the % fall of unemployment as elasticity × % growth of Nsb (a first-order approximation), "
        "with the printed elasticity and Nsb forecasts",
        "line 1900 reads the elasticity as '1% more active SMEs, 0.323% less unemployment'",
    ),
    "percentage points": (
        "the printed relative falls of unemployment subtracted from UB 2020 = 4.9% as if they were "
        "percentage points",
        "line 1900: 4.9 − 2.52 = 2.38, 4.9 − 4.07 = 0.83",
    ),
    "slope as 1% effect": (
        "the slope of eq. (13) read as the GRP change for a 1% rise of productivity",
        "line 1884",
    ),
    "printed slope as 1% effect": (
        "the printed slope of eq. (13), 717.8, read as the GRP change for a 1% rise of productivity",
        "line 1884 ('718 mln tenge')",
    ),
    "printed coefficient": (
        "the printed coefficient rounded to the decimals of the text's reading",
        "line 1778 reads the printed 0.355 of eq. (10)",
    ),
    "model levels": (
        "the income increase as the difference of the model's levels, Nsb held at 2020, printed equation",
        "eq. (16), line 1904",
    ),
    "linear trend": (
        "the 'polynomial' trend of line 2143 of degree 1, i.e. a straight line",
        "line 2143: the polynomial model 'reflects the linear growth tendency'",
    ),
    "2020 ratio": (
        "the 2020 cell of Кесте 12 (machinery purchases are 4 times the technological innovation spending)",
        "line 1440 prints '4 есе' in the 2020 column",
    ),
}

#: Equations of section 2.3 that are estimated (eq. 11, the Balassa index, is a formula applied once).
EQUATIONS: dict[int, str] = {
    10: "ln INact = ln A + b1 ln dZin + b2 ln Nsb + b3 ln t (Кесте 17)",
    12: "ln Nsb = ln A + b ln t (Кесте 17; printed with dZin as the dependent)",
    13: "VRP = a + b PTsb (Кесте 18)",
    14: "PTsb = a + b t (Кесте 18)",
    15: "ln UB = ln A + b ln Nsb (UB from Кесте 18, Nsb from Кесте 17)",
    16: "ln SDD = ln A + b1 ln Nsb + b2 ln PTsb (Кесте 18, Nsb from Кесте 17)",
}

#: Every published year of Кесте 17 and 18.
ALL_YEARS: tuple[int, int] = (2010, 2020)
_T0 = 2009  # t = year − 2009, i.e. t = 1 in 2010

#: The four numbers of the Balassa index for 2019, printed only inside the computation of line 1789
#: (expOP, expVKO, EXPWOP, EXPW; no units are given).
BALASSA_2019: tuple[float, float, float, float] = (0.00146, 0.00296, 13.92, 17.59)


def _load(name: str) -> pd.DataFrame:
    from .. import data

    return data.load(name)


@functools.lru_cache(maxsize=1)
def model_data() -> pd.DataFrame:
    """Кесте 17 and 18 side by side, one row per year 2010–2020, with the time index ``t`` (1 in 2010).

    >>> model_data()[["year", "t", "inact", "nsb", "vrp"]].head(2)
       year  t  inact   nsb     vrp
    0  2010  1    6.4  59.4  1244.1
    1  2011  2    8.1  75.7  1620.9
    """
    t17 = _load("001_table17_innovation_spending").drop(columns="line")
    t18 = _load("001_table18_socioeconomic_indicators").drop(columns="line")
    df = t17.merge(t18, on="year", how="inner", validate="one_to_one")
    df.insert(1, "t", df["year"] - _T0)
    return df


def _check_model(equation: Any, years: Any) -> tuple[int, tuple[int, int]]:
    if isinstance(equation, bool) or not isinstance(equation, (int, np.integer)):
        raise TypeError(f"equation must be an integer such as 10, not {type(equation).__name__}")
    if int(equation) not in EQUATIONS:
        raise ValueError(f"equation must be one of {sorted(EQUATIONS)} (eq. 11 is not estimated); got {equation}")
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise TypeError(f"years must be a pair of calendar years such as (2010, 2019); got {years!r}") from None
    if not ALL_YEARS[0] <= first < last <= ALL_YEARS[1]:
        raise ValueError(f"years must lie within {ALL_YEARS[0]}–{ALL_YEARS[1]}, first before last; got {years!r}")
    return int(equation), (first, last)


@functools.lru_cache(maxsize=None)
def _fit(equation: int, years: tuple[int, int]) -> Any:
    from ..regression import loglinear, ols
    from ..trends import ShortSeriesWarning, fit_trend

    df = model_data()
    d = df[(df["year"] >= years[0]) & (df["year"] <= years[1])]
    t = d["t"].to_numpy(float)
    if equation == 10:
        x = d[["dzin", "nsb", "t"]].to_numpy(float)
        return loglinear(d["inact"].to_numpy(float), x, names=["dZin", "Nsb", "t"])
    if equation == 15:
        return loglinear(d["ub"].to_numpy(float), d[["nsb"]].to_numpy(float), names=["Nsb"])
    if equation == 16:
        return loglinear(d["sdd"].to_numpy(float), d[["nsb", "ptsb"]].to_numpy(float), names=["Nsb", "PTsb"])
    if equation == 13:
        return ols(d["vrp"].to_numpy(float), d["ptsb"].to_numpy(float), names=["PTsb"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortSeriesWarning)
        if equation == 12:
            return fit_trend(d["nsb"].to_numpy(float), t, form="power", start=None)
        return fit_trend(d["ptsb"].to_numpy(float), t, form="linear", start=None)


def fit_model(equation: int, years: tuple[int, int] = ALL_YEARS) -> Any:
    """Re-estimate one model of section 2.3 from Кесте 17 and 18.

    Parameters
    ----------
    equation : int
        10, 12, 13, 14, 15 or 16 (see :data:`EQUATIONS`).
    years : (int, int), default (2010, 2020)
        First and last calendar year of the estimation sample.

    Returns
    -------
    LogLinearResult (eqs 10, 15, 16), OLSResult (eq. 13) or TrendResult (eqs 12 and 14, fitted on
    ``t = year − 2009``).

    >>> fit_model(15).equation
    'ln y = 2.976 - 0.3117·ln Nsb'
    >>> fit_model(11)
    Traceback (most recent call last):
    ...
    ValueError: equation must be one of [10, 12, 13, 14, 15, 16] (eq. 11 is not estimated); got 11
    """
    eq, yrs = _check_model(equation, years)
    return _fit(eq, yrs)


_TERMS = {
    10: {"constant": "const", "b_dzin": "ln dZin", "b_nsb": "ln Nsb", "b_t": "ln t"},
    12: {"constant": "a", "b_t": "b"},
    13: {"constant": "const", "b_ptsb": "PTsb"},
    14: {"constant": "a", "b_t": "b"},
    15: {"constant": "const", "b_nsb": "ln Nsb"},
    16: {"constant": "const", "b_nsb": "ln Nsb", "b_ptsb": "ln PTsb"},
}


def recompute_coefficient(equation: int, term: str, years: tuple[int, int] = ALL_YEARS) -> float:
    """One re-estimated coefficient or fit measure of a model of section 2.3.

    ``term`` is a column name of ``001_printed_models`` (``constant``, ``b_dzin``, ``b_nsb``, ``b_ptsb``,
    ``b_t``) or ``r`` (the multiple correlation of the estimated regression: in logs for the power models)
    or ``r_levels`` (the correlation of the observed series with the fitted values in levels). The
    ``constant`` of a power model is ``ln A``.

    >>> round(recompute_coefficient(13, "b_ptsb"), 2)
    716.06
    >>> recompute_coefficient(13, "b_t")
    Traceback (most recent call last):
    ...
    ValueError: term must be one of 'constant', 'b_ptsb', 'r', 'r_levels' for equation 13; got 'b_t'
    """
    eq, yrs = _check_model(equation, years)
    fit = _fit(eq, yrs)
    names = {**_TERMS[eq], "r": None, "r_levels": None}
    if term not in names:
        raise ValueError(
            f"term must be one of {', '.join(repr(k) for k in names)} for equation {eq}; got {term!r}"
        )
    if term in _TERMS[eq]:
        return float(fit.params[_TERMS[eq][term]])
    if eq in (10, 15, 16):
        return float(fit.multiple_r if term == "r" else fit.multiple_r_levels)
    if eq == 13:  # one regressor: R is the correlation of VRP with PTsb (and with the fitted values)
        return float(math.copysign(math.sqrt(fit.rsquared), float(fit.params["PTsb"])))
    # trends: r of the estimated (log for eq. 12) regression; r_levels against the fitted levels
    if term == "r":
        return float(math.copysign(math.sqrt(fit.rsquared), float(fit.params.iloc[1])))
    return float(np.corrcoef(fit.y, np.asarray(fit.fitted, float))[0, 1])


@functools.lru_cache(maxsize=1)
def _printed_models() -> pd.DataFrame:
    return _load("001_printed_models").set_index("equation")


def _printed(equation: int, term: str) -> float:
    """A printed coefficient (for eq. 10's constant, the value with the sign the correction restores)."""
    return float(_printed_models().loc[equation, term])


@functools.lru_cache(maxsize=1)
def _printed_forecasts() -> pd.Series:
    return _load("001_printed_model_forecasts").set_index("key")["value"]


def model_comparison() -> pd.DataFrame:
    """Printed against re-estimated coefficients of every model, on 2010–2020 and on 2010–2019.

    Columns: equation, term, printed, all_years (2010–2020), to_2019 (2010–2019). Constants of the power
    models are compared as ``ln A``; ``r`` is the printed fit measure against the multiple R of the estimated
    regression and ``r_levels`` against the correlation in levels.

    >>> t = model_comparison()
    >>> t[(t.equation == 10) & (t.term == "b_nsb")][["printed", "all_years"]].round(3).values.tolist()
    [[1.931, 1.931]]
    """
    import pandas as pd

    rows = []
    pm = _printed_models()
    for eq, terms in _TERMS.items():
        for term in [*terms, "r", "r_levels"]:
            field = "fit_value" if term in ("r", "r_levels") else term
            printed = pm.loc[eq, field]
            if printed is None or (isinstance(printed, float) and math.isnan(printed)):
                continue
            rows.append(
                {
                    "equation": eq,
                    "term": term,
                    "printed": float(printed),
                    "all_years": recompute_coefficient(eq, term),
                    "to_2019": recompute_coefficient(eq, term, (2010, 2019)),
                }
            )
    return pd.DataFrame(rows)


def truncate(value: float, decimals: int) -> float:
    """Cut ``value`` (not round it) to ``decimals`` decimals, as the author's tables do.

    >>> truncate(6.519, 2), truncate(255.4, 0), truncate(-1.25, 1)
    (6.51, 255.0, -1.2)
    """
    if not isinstance(decimals, (int, np.integer)) or isinstance(decimals, bool) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative integer; got {decimals!r}")
    scale = 10.0 ** int(decimals)
    # the small nudge keeps binary noise (6.51 stored as 6.50999…) from cutting a digit too many
    return math.copysign(math.floor(abs(value) * scale + 1e-9) / scale, value)


def _register(name: str, func: Any) -> None:
    computation(name)(func)


# --------------------------------------------------------------------------------------------------------
# Eqs (10), (12), (13), (14), (15), (16): coefficients and fit measures
# --------------------------------------------------------------------------------------------------------

_TO_2019 = (2010, 2019)


def _multiplier(equation: int) -> float:
    """The multiplier A = exp(ln A) of a power model: its constant read as the product form prints it."""
    return math.exp(recompute_coefficient(equation, "constant"))


for _eq, _terms in _TERMS.items():
    for _term in _terms:
        if _term == "constant" and _eq in (10, 12, 15, 16):
            # as printed, the constant of a power model is the multiplier A = exp(ln A)
            _register(f"001.eq{_eq}_constant", functools.partial(_multiplier, _eq))
            _register(f"001.eq{_eq}_constant[log intercept]", functools.partial(recompute_coefficient, _eq, "constant"))
            _register(
                f"001.eq{_eq}_constant[log intercept, 2010–2019]",
                functools.partial(recompute_coefficient, _eq, "constant", _TO_2019),
            )
        else:
            _register(f"001.eq{_eq}_{_term}", functools.partial(recompute_coefficient, _eq, _term))
            _register(
                f"001.eq{_eq}_{_term}[2010–2019]", functools.partial(recompute_coefficient, _eq, _term, _TO_2019)
            )
    if _eq in (10, 13, 15, 16):
        _register(f"001.eq{_eq}_r", functools.partial(recompute_coefficient, _eq, "r"))
        _register(f"001.eq{_eq}_r[levels]", functools.partial(recompute_coefficient, _eq, "r_levels"))
        _register(f"001.eq{_eq}_r[2010–2019]", functools.partial(recompute_coefficient, _eq, "r", _TO_2019))
        _register(
            f"001.eq{_eq}_r[levels, 2010–2019]", functools.partial(recompute_coefficient, _eq, "r_levels", _TO_2019)
        )


@computation("001.eq10_constant[log intercept, sign lost]")
def eq10_constant_sign_lost() -> float:
    """ln A of eq. (10) with its sign flipped: the printed 6,915 read as −6.915 printed without the minus."""
    return -recompute_coefficient(10, "constant")


@computation("001.eq13_r[truncated]")
def eq13_r_truncated() -> float:
    """R of eq. (13) cut to three decimals."""
    return truncate(recompute_coefficient(13, "r"), 3)


# --------------------------------------------------------------------------------------------------------
# The text's readings of the elasticities (lines 1778, 1884, 1900, 1917)
# --------------------------------------------------------------------------------------------------------


@computation("001.eq10_b_dzin[printed coefficient]")
def eq10_b_dzin_printed() -> float:
    """The printed elasticity of dZin in eq. (10), 0.355 (line 1778 reads it as 0.36)."""
    return _printed(10, "b_dzin")


@computation("001.eq10_b_nsb[printed coefficient]")
def eq10_b_nsb_printed() -> float:
    """The printed elasticity of Nsb in eq. (10), 1.931 (line 1778 reads it as 1.91)."""
    return _printed(10, "b_nsb")


@computation("001.eq10_elasticity_ratio")
def eq10_elasticity_ratio() -> float:
    """How many times the Nsb elasticity of eq. (10) exceeds the dZin elasticity (line 1778: 5.4)."""
    return recompute_coefficient(10, "b_nsb") / recompute_coefficient(10, "b_dzin")


@computation("001.eq15_elasticity_fall")
def eq15_elasticity_fall() -> float:
    """The fall of unemployment, in %, for a 1% rise of Nsb: minus the elasticity of eq. (15)."""
    return -recompute_coefficient(15, "b_nsb")


@computation("001.eq15_elasticity_fall[2010–2019]")
def eq15_elasticity_fall_2019() -> float:
    """As :func:`eq15_elasticity_fall`, estimated on 2010–2019."""
    return -recompute_coefficient(15, "b_nsb", _TO_2019)


@computation("001.eq13_grp_per_1pct")
def eq13_grp_per_1pct() -> float:
    """GRP change (mln KZT) for a 1% rise of PTsb from its 2020 level by eq. (13): 0.01 · b · PTsb₂₀₂₀ · 1000."""
    ptsb_2020 = _value_2020("ptsb")
    return 0.01 * recompute_coefficient(13, "b_ptsb") * ptsb_2020 * 1000.0


@computation("001.eq13_grp_per_1pct[slope as 1% effect]")
def eq13_grp_per_1pct_slope() -> float:
    """The re-estimated slope of eq. (13) itself, read as the effect of a 1% rise."""
    return recompute_coefficient(13, "b_ptsb")


@computation("001.eq13_grp_per_1pct[printed slope as 1% effect]")
def eq13_grp_per_1pct_printed_slope() -> float:
    """The printed slope of eq. (13), 717.8, read as the effect of a 1% rise."""
    return _printed(13, "b_ptsb")


# --------------------------------------------------------------------------------------------------------
# Eq. (11): the Balassa index, 2019
# --------------------------------------------------------------------------------------------------------


@computation("001.eq11_rsa_2019")
def eq11_rsa_2019() -> float:
    """RSA = (expOP / expVKO) / (EXPWOP / EXPW) with the four numbers printed at line 1789."""
    from ..indicators import balassa_index

    return float(balassa_index(*BALASSA_2019))


# --------------------------------------------------------------------------------------------------------
# Forecasts: eq. (12) active SMEs, eq. (10) innovation activity, eq. (14) productivity, (15), (16)
# --------------------------------------------------------------------------------------------------------


def _value_2020(column: str) -> float:
    df = model_data()
    return float(df.loc[df["year"] == 2020, column].item())


def nsb_forecast(year: int) -> float:
    """Active SMEs (thousand) in ``year`` from the re-estimated trend (12), via ``TrendResult.forecast``.

    >>> round(nsb_forecast(2025), 2)
    97.65
    """
    fit = fit_model(12)
    return float(fit.forecast(to=year - _T0).iloc[-1]["mean"])


def _nsb_printed_equation(year: int) -> float:
    return math.exp(_printed(12, "constant")) * (year - _T0) ** _printed(12, "b_t")


for _year in (2025, 2030):
    _register(f"001.eq12_nsb_{_year}", functools.partial(nsb_forecast, _year))
    _register(f"001.eq12_nsb_{_year}[printed equation]", functools.partial(_nsb_printed_equation, _year))


@computation("001.eq12_nsb_growth_2025")
def eq12_nsb_growth_2025() -> float:
    """Growth of the 2025 forecast of active SMEs over 2020 (90.5 thousand), %."""
    return (nsb_forecast(2025) / _value_2020("nsb") - 1) * 100


def _inact_growth(year: int, nsb_only: bool) -> float:
    """Growth of INact from 2020 to ``year`` by eq. (10): Nsb at its trend forecast, dZin held at 2020, %.

    With ``nsb_only`` the time index is held at 2020 too (the Nsb elasticity alone).
    """
    factor = (nsb_forecast(year) / _value_2020("nsb")) ** recompute_coefficient(10, "b_nsb")
    if not nsb_only:
        factor *= ((year - _T0) / (2020 - _T0)) ** recompute_coefficient(10, "b_t")
    return (factor - 1) * 100


def _inact_level(year: int, nsb_only: bool) -> float:
    return _value_2020("inact") * (1 + _inact_growth(year, nsb_only) / 100)


def _inact_printed_growth(year: int) -> float:
    return _value_2020("inact") * (1 + _printed_forecasts()[f"eq10_inact_growth_{year}"] / 100)


for _year in (2025, 2030):
    _register(f"001.eq10_inact_growth_{_year}", functools.partial(_inact_growth, _year, False))
    _register(f"001.eq10_inact_growth_{_year}[Nsb effect only]", functools.partial(_inact_growth, _year, True))
    _register(f"001.eq10_inact_{_year}", functools.partial(_inact_level, _year, False))
    _register(f"001.eq10_inact_{_year}[Nsb effect only]", functools.partial(_inact_level, _year, True))
    _register(f"001.eq10_inact_{_year}[printed growth]", functools.partial(_inact_printed_growth, _year))


def ptsb_forecast(year: int) -> float:
    """SME labour productivity (mln KZT per person) in ``year`` from the re-estimated trend (14).

    >>> round(ptsb_forecast(2025), 3)
    7.679
    """
    fit = fit_model(14)
    return float(fit.forecast(to=year - _T0).iloc[-1]["mean"])


def _ptsb_printed_equation(year: int) -> float:
    return _printed(14, "constant") + _printed(14, "b_t") * (year - _T0)


def _grp_annual_increase(printed: bool) -> float:
    """Annual GRP increase (bln KZT) that trend (14) implies through model (13): slope₁₃ × slope₁₄."""
    if printed:
        return _printed(13, "b_ptsb") * _printed(14, "b_t")
    return recompute_coefficient(13, "b_ptsb") * recompute_coefficient(14, "b_t")


for _year in (2025, 2030):
    _register(f"001.eq14_ptsb_{_year}", functools.partial(ptsb_forecast, _year))
    _register(f"001.eq14_ptsb_{_year}[printed equation]", functools.partial(_ptsb_printed_equation, _year))
    _register(f"001.eq14_grp_increase_{_year}", functools.partial(_grp_annual_increase, False))
    _register(f"001.eq14_grp_increase_{_year}[printed equation]", functools.partial(_grp_annual_increase, True))


def _ub_fall(year: int) -> float:
    """Relative fall of unemployment from 2020 to ``year`` by eq. (15) with the trend forecast of Nsb, %."""
    return (1 - (nsb_forecast(year) / _value_2020("nsb")) ** recompute_coefficient(15, "b_nsb")) * 100


def _ub_fall_linear(year: int) -> float:
    """Printed elasticity × % growth of the printed Nsb forecast (line 1900)."""
    nsb = _printed_forecasts()[f"eq15_nsb_{year}"]
    return -_printed(15, "b_nsb") * (nsb / _value_2020("nsb") - 1) * 100


def _ub_level(year: int) -> float:
    return _value_2020("ub") * (1 - _ub_fall(year) / 100)


def _ub_level_points(year: int) -> float:
    return _value_2020("ub") - _printed_forecasts()[f"eq15_ub_fall_{year}"]


for _year in (2025, 2030):
    _register(f"001.eq15_ub_fall_{_year}", functools.partial(_ub_fall, _year))
    _register(f"001.eq15_ub_fall_{_year}[elasticity × growth]", functools.partial(_ub_fall_linear, _year))
    _register(f"001.eq15_ub_{_year}", functools.partial(_ub_level, _year))
    _register(f"001.eq15_ub_{_year}[percentage points]", functools.partial(_ub_level_points, _year))


def _sdd_increase(year: int) -> float:
    """Rise of per capita income (thousand KZT) from productivity alone, 2020 → ``year``, by eq. (16).

    SDD₂₀₂₀ · ((PTsb_year / PTsb₂₀₂₀)^b − 1) with the trend forecast of PTsb and the re-estimated b.
    """
    ratio = ptsb_forecast(year) / _value_2020("ptsb")
    return _value_2020("sdd") * (ratio ** recompute_coefficient(16, "b_ptsb") - 1)


def _sdd_increase_printed(year: int) -> float:
    ratio = _printed_forecasts()[f"eq14_ptsb_{year}"] / _value_2020("ptsb")
    return _value_2020("sdd") * (ratio ** _printed(16, "b_ptsb") - 1)


def _sdd_increase_model_levels(year: int) -> float:
    a = math.exp(_printed(16, "constant")) * _value_2020("nsb") ** _printed(16, "b_nsb")
    b = _printed(16, "b_ptsb")
    return a * (_printed_forecasts()[f"eq14_ptsb_{year}"] ** b - _value_2020("ptsb") ** b)


for _year in (2025, 2030):
    _register(f"001.eq16_sdd_increase_{_year}", functools.partial(_sdd_increase, _year))
    _register(f"001.eq16_sdd_increase_{_year}[printed equation]", functools.partial(_sdd_increase_printed, _year))
    _register(f"001.eq16_sdd_increase_{_year}[model levels]", functools.partial(_sdd_increase_model_levels, _year))


@computation("001.dzin_trend_slope")
def dzin_trend_slope() -> float:
    """Slope of the linear trend of dZin, 2010–2020 (line 1793 speaks of its 'general declining trend')."""
    from ..trends import fit_trend

    return float(fit_trend(model_data()["dzin"].to_numpy(float), start=2010).params.iloc[1])


# --------------------------------------------------------------------------------------------------------
# Кесте 8–12: growth rates, ratios and shares
# --------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _table(name: str) -> pd.DataFrame:
    return _load(name)


@functools.lru_cache(maxsize=None)
def _cells(name: str, columns: tuple[str, ...]) -> dict[tuple[Any, ...], list[float]]:
    """The values of a table by (year, *columns): one pass over the table instead of a mask per cell."""
    df = _table(name)
    out: dict[tuple[Any, ...], list[float]] = {}
    keys = zip(*(df[c].tolist() for c in ("year", *columns)))
    for key, value in zip(keys, df["value"].tolist()):
        out.setdefault(key, []).append(value)
    return out


def _cell(name: str, year: int, **where: str) -> float:
    found = _cells(name, tuple(where)).get((year, *where.values()), [])
    if len(found) != 1:
        raise ValueError(f"{name}: {len(found)} cells for year {year} and {where}; expected exactly one")
    return float(found[0])


def _t8(indicator: str, year: int) -> float:
    return _cell("001_table08_grp", year, indicator=indicator, measure="level")


def _t8_growth_2020_2016(indicator: str, as_index: bool) -> float:
    """2020 / 2016 of Кесте 8's levels: an index (×100, as the table's column) or a growth rate, %."""
    ratio = _t8(indicator, 2020) / _t8(indicator, 2016)
    return ratio * 100 if as_index else (ratio - 1) * 100


def _t8_share(year: int) -> float:
    from ..indicators import share

    return float(share(_t8("east_kazakhstan", year), _t8("kazakhstan", year)))


for _ind, _slug in (("kazakhstan", "kz"), ("east_kazakhstan", "ekr")):
    _register(f"001.t8_index_2020_2016_{_slug}", functools.partial(_t8_growth_2020_2016, _ind, True))
    _register(f"001.t8_growth_2020_2016_{_slug}", functools.partial(_t8_growth_2020_2016, _ind, False))
for _year in range(2016, 2021):
    _register(f"001.t8_share_{_year}", functools.partial(_t8_share, _year))
    _register(f"001.t8_share_{_year}[truncated]", functools.partial(lambda y: truncate(_t8_share(y), 2), _year))


@computation("001.t8_share_index_2020_2016")
def t8_share_index() -> float:
    """The region's share of GDP in 2020 relative to 2016, ×100 (Кесте 8's growth column, share row)."""
    return _t8_share(2020) / _t8_share(2016) * 100


@computation("001.t8_grp_ekr_growth_2020_2019")
def t8_grp_growth_2020_2019() -> float:
    """GRP of East Kazakhstan, 2020 over 2019, ×100, from Кесте 8 (line 2284 prints 114.4%)."""
    return _t8("east_kazakhstan", 2020) / _t8("east_kazakhstan", 2019) * 100


@computation("001.t18_grp_ekr_growth_2020_2019")
def t18_grp_growth_2020_2019() -> float:
    """The same from Кесте 18's VRP (which has 4729.0 for 2020 against Кесте 8's 4605.5)."""
    return _value_2020("vrp") / float(model_data().loc[model_data()["year"] == 2019, "vrp"].item()) * 100


def _t9(indicator: str, year: int) -> float:
    return _cell("001_table09_sme_dynamics", year, indicator=indicator, measure="level")


def _t9_ratio(indicator: str) -> float:
    return _t9(indicator, 2020) / _t9(indicator, 2016)


for _ind in ("small_enterprises", "employees", "turnover"):
    _register(f"001.t9_ratio_{_ind}", functools.partial(_t9_ratio, _ind))
    _register(f"001.t9_growth_{_ind}", functools.partial(lambda i: (_t9_ratio(i) - 1) * 100, _ind))


def _t10(indicator: str, year: int) -> float:
    return _cell("001_table10_innovation_efficiency", year, indicator=indicator)


def _t10_izh(year: int) -> float:
    """Eq. (7): Iж = innovative products / technological innovation costs (Кесте 10)."""
    return _t10("innovative_products", year) / _t10("technological_innovation_costs", year)


for _year in range(2016, 2021):
    _register(f"001.t10_izh_{_year}", functools.partial(_t10_izh, _year))
    _register(  # printed with two decimals to 2018 ("0,37"), one from 2019 ("4,5")
        f"001.t10_izh_{_year}[truncated]",
        functools.partial(lambda y, d: truncate(_t10_izh(y), d), _year, 2 if _year <= 2018 else 1),
    )


@computation("001.t10_izh_min_change")
def t10_izh_min_change() -> float:
    """Smallest year-on-year change of Iж, 2016–2020 (line 1314: it grows every year)."""
    return float(np.diff([_t10_izh(y) for y in range(2016, 2021)]).min())


def _t11_share(group: str, year: int) -> float:
    from ..indicators import share

    ekr = _cell("001_table11_innovative_enterprises", year, row="east_kazakhstan", group=group)
    kz = _cell("001_table11_innovative_enterprises", year, row="kazakhstan", group=group)
    return float(share(ekr, kz))


for _group in ("all_enterprises", "with_innovations"):
    for _year in range(2016, 2021):
        _register(f"001.t11_share_{_group}_{_year}", functools.partial(_t11_share, _group, _year))
        _register(
            f"001.t11_share_{_group}_{_year}[truncated]",
            functools.partial(lambda g, y: truncate(_t11_share(g, y), 1), _group, _year),
        )


def _activity_level(row: str, year: int) -> float:
    with_innov = _cell("001_table11_innovative_enterprises", year, row=row, group="with_innovations")
    total = _cell("001_table11_innovative_enterprises", year, row=row, group="all_enterprises")
    return with_innov / total * 100


for _row, _slug in (("kazakhstan", "kz"), ("east_kazakhstan", "ekr")):
    _register(
        f"001.t11_activity_min_change_{_slug}",
        functools.partial(lambda r: float(np.diff([_activity_level(r, y) for y in range(2016, 2021)]).min()), _row),
    )


def _t12(indicator: str, year: int) -> float:
    return _cell("001_table12_innovation_potential", year, indicator=indicator)


def _t12_share(indicator: str, year: int, percent: bool) -> float:
    """Eqs (8), (9): machinery or R&D spending / technological innovation spending (Кесте 12)."""
    ratio = _t12(indicator, year) / _t12("technological_innovation_costs", year)
    return ratio * 100 if percent else ratio


for _year in range(2016, 2021):
    _pct = _year <= 2018  # 2019 and 2020 of the machinery row are printed as multiples ("2,5 есе", "4 есе")
    _register(f"001.t12_machinery_share_{_year}", functools.partial(_t12_share, "machinery_costs", _year, _pct))
    _register(
        f"001.t12_machinery_share_{_year}[truncated]",
        functools.partial(
            lambda y, p, d: truncate(_t12_share("machinery_costs", y, p), d), _year, _pct, 1 if _year <= 2019 else 0
        ),
    )
    _d = 1 if _year <= 2018 else 0
    _register(f"001.t12_rd_share_{_year}", functools.partial(_t12_share, "rd_costs", _year, True))
    _register(
        f"001.t12_rd_share_{_year}[truncated]",
        functools.partial(lambda y, d: truncate(_t12_share("rd_costs", y, True), d), _year, _d),
    )


@computation("001.t12_machinery_share_growth")
def t12_machinery_share_growth() -> float:
    """How many times the machinery share grew, 2016 to 2020 (line 1453: '4 есеге дейін артқанын')."""
    return _t12_share("machinery_costs", 2020, False) / _t12_share("machinery_costs", 2016, False)


@computation("001.t12_machinery_share_growth[2020 ratio]")
def t12_machinery_ratio_2020() -> float:
    """Machinery purchases / technological innovation spending in 2020 (the table's '4 есе')."""
    return _t12_share("machinery_costs", 2020, False)


# --------------------------------------------------------------------------------------------------------
# The text about the charts (data at lines 2451–2454)
# --------------------------------------------------------------------------------------------------------


def _chart(name: str, series: str) -> pd.Series:
    df = _table(name)
    return df.loc[df["series"] == series].set_index("year")["value"]


@computation("001.fig06_output_growth_2020")
def fig06_output_growth_2020() -> float:
    """Growth of small-business output, 2020 over 2019, % (Сурет 6 data; line 1093 prints 2.0%)."""
    s = _chart("001_chart_small_business_output", "output")
    return (s[2020] / s[2019] - 1) * 100


def _sme_share(series: str) -> pd.Series:
    return _chart("001_chart_small_business_share_gdp", series)


@computation("001.fig08_share_growth_2020_ekr")
def fig08_share_growth_2020() -> float:
    """Growth of East Kazakhstan's small-business share of GRP, 2020 over 2019, % (line 1209: 3.9%)."""
    s = _sme_share("share_east_kazakhstan")
    return (s[2020] / s[2019] - 1) * 100


def _sme_share_ekr(year: int) -> float:
    """East Kazakhstan's small-business share of GRP in ``year`` (Сурет 8 data), %."""
    return float(_sme_share("share_east_kazakhstan")[year])


for _series, _slug in (("share_kazakhstan", "kz"), ("share_east_kazakhstan", "ekr")):
    _register(
        f"001.fig08_share_min_change_{_slug}",
        functools.partial(lambda s: float(np.diff(_sme_share(s).sort_index().to_numpy(float)).min()), _series),
    )
for _year in range(2017, 2021):
    _register(f"001.fig08_share_ekr_{_year}", functools.partial(_sme_share_ekr, _year))


def _innovative_products_share(year: int) -> float:
    """Innovative products (Кесте 10) / GDP (Кесте 8) × 100."""
    return _t10("innovative_products", year) / _t8("kazakhstan", year) * 100


@computation("001.innovative_products_share_gdp_2020")
def innovative_products_share_2020() -> float:
    """Share of innovative products in Kazakhstan's GDP, 2020, % (lines 19, 1037, 2322: 2.43%)."""
    return _innovative_products_share(2020)


@computation("001.fig03_share_min_change")
def fig03_share_min_change() -> float:
    """Smallest year-on-year change of the innovative-products share of GDP, 2016–2020 (Сурет 3 data)."""
    s = _chart("001_chart_innovative_products_share_gdp", "innovative_products_share_gdp").sort_index()
    return float(np.diff(s.to_numpy(float)).min())


@computation("001.fig21_share_growth_2020")
def fig21_share_growth_2020() -> float:
    """Growth of the innovative-products share of GDP, 2020 over 2019, % (Сурет 21 data; line 2312: 66%)."""
    s = _chart("001_chart_innovative_products_share_gdp_2004_2020", "innovative_products_share_gdp")
    return (s[2020] / s[2019] - 1) * 100


def _rd_trend_r2(degree: int) -> float:
    from ..trends import ShortSeriesWarning, fit_trend

    s = _chart("001_chart_rd_dynamics", "rd_expenditure").sort_index().to_numpy(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortSeriesWarning)
        if degree == 1:
            return float(fit_trend(s, form="linear").rsquared)
        return float(fit_trend(s, form="polynomial", degree=degree).rsquared)


_register("001.fig15_rd_trend_r2", functools.partial(_rd_trend_r2, 2))
_register("001.fig15_rd_trend_r2[linear trend]", functools.partial(_rd_trend_r2, 1))


@computation("001.fig15_rd_min_change")
def fig15_rd_min_change() -> float:
    """Smallest year-on-year change of internal R&D expenditure, 2016–2020 (line 2143: it grows every year)."""
    s = _chart("001_chart_rd_dynamics", "rd_expenditure").sort_index()
    return float(np.diff(s.to_numpy(float)).min())


# --------------------------------------------------------------------------------------------------------
# Кесте 7: SME support spending in East Kazakhstan, 2016–2020; the Damu budget of lines 956–962
# --------------------------------------------------------------------------------------------------------


def _t7(instrument: str, year: int) -> float:
    return _cell("001_table07_sme_support_spending", year, instrument=instrument)


def _t7_total(year: int) -> float:
    """Lending + subsidising + guarantees (the table's 'Барлығы' is printed beside it)."""
    return sum(_t7(i, year) for i in ("lending", "subsidies", "guarantees"))


def _t7_ratio(instrument: str) -> float:
    return _t7(instrument, 2020) / _t7(instrument, 2016)


for _year in range(2016, 2021):
    _register(f"001.t7_total_{_year}", functools.partial(_t7_total, _year))
for _inst in ("lending", "subsidies"):  # printed in % ("194,4%", "182,5%"), and as growth in the text
    _register(f"001.t7_index_{_inst}", functools.partial(lambda i: _t7_ratio(i) * 100, _inst))
    _register(f"001.t7_index_{_inst}[truncated]", functools.partial(lambda i: truncate(_t7_ratio(i) * 100, 1), _inst))
    _register(f"001.t7_growth_{_inst}", functools.partial(lambda i: (_t7_ratio(i) - 1) * 100, _inst))
    _register(
        f"001.t7_growth_{_inst}[truncated]", functools.partial(lambda i: truncate((_t7_ratio(i) - 1) * 100, 1), _inst)
    )
for _inst in ("guarantees", "total"):  # printed as multiples ("5,5 есе", "2,3 есе")
    _register(f"001.t7_ratio_{_inst}", functools.partial(_t7_ratio, _inst))
    _register(f"001.t7_ratio_{_inst}[truncated]", functools.partial(lambda i: truncate(_t7_ratio(i), 1), _inst))


@computation("001.t7_subsidies_min_change")
def t7_subsidies_min_change() -> float:
    """Smallest year-on-year change of subsidising, 2016–2020, mln KZT (line 1024: it grows every year)."""
    return float(np.diff([_t7("subsidies", y) for y in range(2016, 2021)]).min())


#: The parts of the seven-year budget of SME support programmes through Damu, bln KZT, lines 957–962.
DAMU_BUDGET_PARTS: tuple[float, ...] = (204.9, 200.0, 187.1, 1.3, 2.3, 57.2)


@computation("001.damu_budget_total")
def damu_budget_total() -> float:
    """Sum of the six parts of the Damu programmes' budget printed at lines 957–962 (total printed at 956)."""
    return float(sum(DAMU_BUDGET_PARTS))
