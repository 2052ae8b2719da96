"""Tests of sieecon.trends against numpy/scipy closed forms."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sieecon.trends import FORMS, ShortSeriesWarning, TrendResult, compare_trends, fit_trend

EXPORTS = np.array([61.3, 68.7, 79.6, 88.4])  # document 000, Table 2, lines 241-248
PTSB = np.array([1.44, 1.97, 2.17, 2.33, 2.45, 2.60, 3.52, 3.96, 4.48, 5.39, 6.07])  # 001, Кесте 18


def quiet_fit(*args, **kwargs) -> TrendResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortSeriesWarning)
        return fit_trend(*args, **kwargs)


# --- coefficients against numpy.polyfit ---------------------------------------------

@pytest.mark.parametrize(
    ("form", "transform"),
    [
        ("linear", lambda t, y: (t, y, 1)),
        ("exponential", lambda t, y: (t, np.log(y), 1)),
        ("power", lambda t, y: (np.log(t), np.log(y), 1)),
        ("logarithmic", lambda t, y: (np.log(t), y, 1)),
        ("quadratic", lambda t, y: (t, y, 2)),
    ],
)
def test_params_match_polyfit(form, transform):
    t = np.arange(1, PTSB.size + 1, dtype=float)
    x, target, deg = transform(t, PTSB)
    expected = np.polyfit(x, target, deg)[::-1]  # polyfit gives the highest power first
    res = fit_trend(PTSB, form=form)
    np.testing.assert_allclose(res.params.to_numpy(), expected, rtol=1e-9)
    assert list(res.params.index) == ["a", "b", "c"][: deg + 1]


def test_polynomial_degree_and_given_t():
    t = np.array([2.0, 3.0, 5.0, 7.0, 8.0, 11.0, 12.0])
    y = 1 + 0.5 * t - 0.2 * t**2 + 0.01 * t**3 + np.array([0.1, -0.1, 0.05, 0.0, -0.05, 0.1, -0.1])
    res = fit_trend(y, t, form="polynomial", degree=3)
    np.testing.assert_allclose(res.params.to_numpy(), np.polyfit(t, y, 3)[::-1], rtol=1e-8)
    assert res.degree == 3
    assert res.equation.startswith("y = ") and "t^3" in res.equation


def test_linear_standard_errors_closed_form():
    res = quiet_fit(EXPORTS)
    t = np.arange(1.0, 5.0)
    slope, intercept, r, p, se_slope = stats.linregress(t, EXPORTS)
    assert res.params["b"] == pytest.approx(slope)
    assert res.params["a"] == pytest.approx(intercept)
    assert res.bse["b"] == pytest.approx(se_slope)
    assert res.rsquared == pytest.approx(r**2)
    assert res.pvalues["b"] == pytest.approx(p)
    ci = res.conf_int(0.1)
    tq = stats.t.ppf(0.95, 2)
    assert ci.loc["b", "lower"] == pytest.approx(slope - tq * se_slope)


def test_table2_trend_is_computed_not_printed():
    """The honest least-squares trend of Table 2 (printed: Y = 51.6 + 9.1t, 124.4 in 2028)."""
    res = quiet_fit(EXPORTS, start=2021)
    assert res.equation == "y = 51.45 + 9.22·t"
    fc = res.forecast(to=2028)
    assert fc["year"].tolist() == [2025, 2026, 2027, 2028]
    assert fc["mean"].iloc[-1] == pytest.approx(51.45 + 9.22 * 8)


@settings(max_examples=40, deadline=None)
@given(st.floats(-100, 100), st.floats(-10, 10), st.integers(5, 15))
def test_exact_line_is_recovered(a, b, n):
    t = np.arange(1, n + 1)
    res = fit_trend(a + b * t, form="linear")
    assert res.params["a"] == pytest.approx(a, abs=1e-7)
    assert res.params["b"] == pytest.approx(b, abs=1e-7)


# --- forecasts -----------------------------------------------------------------------

def test_linear_prediction_interval_closed_form():
    res = quiet_fit(EXPORTS, start=2021)
    fc = res.forecast(4, alpha=0.05)
    t = np.arange(1.0, 5.0)
    n = 4
    b, a = np.polyfit(t, EXPORTS, 1)
    s = np.sqrt(((EXPORTS - a - b * t) ** 2).sum() / (n - 2))
    t0 = np.arange(5.0, 9.0)
    half = stats.t.ppf(0.975, n - 2) * s * np.sqrt(1 + 1 / n + (t0 - t.mean()) ** 2 / ((t - t.mean()) ** 2).sum())
    np.testing.assert_allclose(fc["mean"], a + b * t0)
    np.testing.assert_allclose(fc["lower"], a + b * t0 - half)
    np.testing.assert_allclose(fc["upper"], a + b * t0 + half)
    assert list(fc.columns) == ["t", "year", "mean", "lower", "upper"]


def test_exponential_forecast_is_back_transformed_median():
    res = fit_trend(PTSB, form="exponential")
    fc = res.forecast(2, alpha=0.1)
    t = np.arange(1.0, 12.0)
    b, a = np.polyfit(t, np.log(PTSB), 1)
    n = t.size
    s = np.sqrt(((np.log(PTSB) - a - b * t) ** 2).sum() / (n - 2))
    t0 = np.array([12.0, 13.0])
    half = stats.t.ppf(0.95, n - 2) * s * np.sqrt(1 + 1 / n + (t0 - t.mean()) ** 2 / ((t - t.mean()) ** 2).sum())
    np.testing.assert_allclose(fc["mean"], np.exp(a + b * t0))
    np.testing.assert_allclose(fc["lower"], np.exp(a + b * t0 - half))
    np.testing.assert_allclose(fc["upper"], np.exp(a + b * t0 + half))
    assert "year" not in fc.columns
    assert fc["t"].tolist() == [12, 13]


def test_forecast_to_without_start_is_t():
    res = fit_trend(PTSB)
    assert res.forecast(to=14)["t"].tolist() == [12, 13, 14]


def test_power_and_logarithmic_predict_positive_t():
    res = fit_trend(PTSB, form="power")
    np.testing.assert_allclose(res.predict([1.0, 2.0]), np.exp(res.params["a"]) * np.array([1.0, 2.0]) ** res.params["b"])
    with pytest.raises(ValueError, match="t must be strictly positive for a power trend"):
        res.predict([0.0])


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({}, ValueError, "give exactly one of horizon"),
        ({"horizon": 2, "to": 2030}, ValueError, "give exactly one of horizon"),
        ({"horizon": 0}, ValueError, "horizon must be at least 1"),
        ({"horizon": 1.5}, TypeError, "horizon must be an integer"),
        ({"to": 2024}, ValueError, r"to must be a whole number of steps after the last observed year \(2024\)"),
        ({"to": 2025.5}, ValueError, "whole number of steps"),
        ({"to": "2028"}, TypeError, "to must be a number"),
        ({"horizon": 2, "alpha": 1.5}, ValueError, "alpha must lie strictly between 0 and 1"),
    ],
)
def test_forecast_errors(kwargs, exc, match):
    res = quiet_fit(EXPORTS, start=2021)
    with pytest.raises(exc, match=match):
        res.forecast(**kwargs)


# --- fit statistics ------------------------------------------------------------------

def test_aic_levels_matches_lognormal_likelihood():
    res = fit_trend(PTSB, form="exponential")
    log_fit = np.log(res.fitted.to_numpy())
    sigma = np.sqrt(((np.log(PTSB) - log_fit) ** 2).sum() / PTSB.size)  # ML estimate
    llf = stats.lognorm.logpdf(PTSB, s=sigma, scale=np.exp(log_fit)).sum()
    assert res.aic_levels == pytest.approx(-2 * llf + 2 * 2)
    lin = fit_trend(PTSB)
    assert lin.aic_levels == lin.aic
    resid = PTSB - lin.fitted.to_numpy()
    sigma = np.sqrt((resid**2).sum() / PTSB.size)
    assert lin.aic == pytest.approx(-2 * stats.norm.logpdf(resid, scale=sigma).sum() + 4)


def test_rsquared_levels_and_adj():
    res = fit_trend(PTSB, form="power")
    fitted = res.fitted.to_numpy()
    expected = 1 - ((PTSB - fitted) ** 2).sum() / ((PTSB - PTSB.mean()) ** 2).sum()
    assert res.rsquared_levels == pytest.approx(expected)
    n, k = PTSB.size, 2
    assert res.rsquared_adj == pytest.approx(1 - (1 - res.rsquared) * (n - 1) / (n - k))
    np.testing.assert_allclose(res.resid.to_numpy(), np.log(PTSB) - np.log(fitted))


def test_indexing_by_year_and_repr_summary():
    res = quiet_fit(EXPORTS, start=2021)
    assert res.fitted.index.name == "year" and res.fitted.index.tolist() == [2021, 2022, 2023, 2024]
    assert "TrendResult(form='linear'" in repr(res)
    text = res.summary()
    assert "y = 51.45 + 9.22·t" in text and "t = 1 is 2021" in text and "descriptive" in text
    exp = fit_trend(PTSB, form="exponential")
    assert "In levels" in exp.summary()
    assert exp.equation.startswith("ln y = ") and "e^(" in exp.equation
    assert fit_trend(PTSB, form="power").equation.count("ln") == 2
    assert fit_trend(PTSB, form="logarithmic").equation.endswith("·ln t")


def test_equation_negative_coefficient():
    res = fit_trend([10.0, 8.0, 6.1, 3.9, 2.0])
    assert " - " in res.equation


# --- warnings and errors ---------------------------------------------------------------

def test_short_series_warning():
    with pytest.warns(ShortSeriesWarning, match="leaves 2 residual degrees of freedom.*descriptive"):
        fit_trend(EXPORTS)
    assert issubclass(ShortSeriesWarning, UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ShortSeriesWarning)
        fit_trend(PTSB)  # 9 residual df: no warning


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        (([1.0, 2.0],), {}, ValueError, r"y has 2 observations; a linear trend \(2 parameters\) with an error estimate needs at least 3"),
        (([1.0, 2.0, 3.0],), {"form": "quadratic"}, ValueError, r"a quadratic trend \(3 parameters\).*at least 4"),
        (([1.0, 2.0, 3.0, 4.0],), {"form": "polynomial", "degree": 3}, ValueError, "needs at least 5"),
        (([1.0, -2.0, 3.0],), {"form": "exponential"}, ValueError, r"y must be strictly positive for an exponential trend \(it is fitted to ln y\)"),
        (([1.0, 0.0, 3.0],), {"form": "power"}, ValueError, "y must be strictly positive for a power trend"),
        (([1.0, 2.0, 3.0], [0.0, 1.0, 2.0]), {"form": "logarithmic"}, ValueError, "t must be strictly positive for a logarithmic trend"),
        (([1.0, 2.0, 3.0], [1.0, 3.0, 2.0]), {}, ValueError, "t must be strictly increasing, but position 2 is 2 after 3"),
        (([1.0, 2.0, 3.0], [1.0, 2.0]), {}, ValueError, "y and t must have the same length"),
        (([1.0, 2.0, 3.0],), {"form": "cubic"}, ValueError, "form must be one of 'linear'"),
        (([1.0, 2.0, 3.0],), {"degree": 0}, ValueError, "degree must be between 1 and 10"),
        (([1.0, 2.0, 3.0],), {"degree": 2.0}, TypeError, "degree must be an integer"),
        (([1.0, 2.0, 3.0],), {"start": "2021"}, TypeError, "start must be an integer year"),
        (([1.0, None, 3.0],), {}, ValueError, "y has a missing value"),
    ],
)
def test_fit_trend_errors(args, kwargs, exc, match):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortSeriesWarning)
        with pytest.raises(exc, match=match):
            fit_trend(*args, **kwargs)


# --- compare_trends -------------------------------------------------------------------

def test_compare_trends_columns_and_checks():
    table = compare_trends(PTSB, start=2010)
    assert list(table.index) == ["linear", "exponential", "power", "logarithmic", "quadratic"]
    lin = fit_trend(PTSB)
    resid = lin.resid.to_numpy()
    assert table.loc["linear", "shapiro_p"] == pytest.approx(stats.shapiro(resid).pvalue)
    assert table.loc["linear", "durbin_watson"] == pytest.approx((np.diff(resid) ** 2).sum() / (resid**2).sum())
    assert table.loc["quadratic", "k"] == 3
    assert "ln y" in table.loc["power", "note"]
    assert table["rsquared"].between(0, 1).all()


def test_compare_trends_unfittable_form_and_warning():
    y = [-1.0, 2.0, 4.0, 7.0, 9.0]
    with pytest.warns(ShortSeriesWarning, match="quadratic"):
        table = compare_trends(y, forms=["linear", "exponential", "quadratic"])
    assert table.loc["exponential", "note"].startswith("not fitted: y must be strictly positive")
    assert np.isnan(table.loc["exponential", "rsquared"])
    assert table.loc["linear", "note"] == ""


def test_compare_trends_polynomial_and_errors():
    table = compare_trends(PTSB, forms="polynomial", degree=3)
    assert table.loc["polynomial", "k"] == 4
    with pytest.raises(ValueError, match="forms must name at least one"):
        compare_trends(PTSB, forms=[])
    with pytest.raises(ValueError, match="forms must not repeat"):
        compare_trends(PTSB, forms=["linear", "linear"])
    with pytest.raises(ValueError, match="forms must be one of"):
        compare_trends(PTSB, forms=["spline"])


def test_all_forms_listed():
    assert set(FORMS) == {"linear", "exponential", "power", "quadratic", "polynomial", "logarithmic"}


# --- plot -----------------------------------------------------------------------------------

def test_plot_returns_axes():
    import matplotlib.pyplot as plt

    res = quiet_fit(EXPORTS, start=2021)
    ax = res.plot(horizon=4)
    assert ax.get_xlabel() == "year"
    assert len(ax.lines) >= 3
    fig, ax2 = plt.subplots()
    assert res.plot(ax=ax2) is ax2
    with pytest.raises(ValueError, match="horizon must be a non-negative integer"):
        res.plot(horizon=-1)
    plt.close("all")
