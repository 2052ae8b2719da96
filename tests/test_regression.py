"""Tests of sieecon.regression against closed forms, numpy/scipy and textbook data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from sieecon.regression import (
    CorrelationResult,
    LogLinearResult,
    OLSResult,
    correlation,
    correlation_matrix,
    loglinear,
    ols,
)

# Anscombe (1973), data set I: r = 0.816, y = 3.00 + 0.500x, R² = 0.67 (published values)
ANS_X = np.array([10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5], dtype=float)
ANS_Y = np.array([8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68])

FUNDING = [127.7, 128.2, 138.3, 146.2]  # document 000, Table 2
EXPORTS = [61.3, 68.7, 79.6, 88.4]


def two_regressor_data():
    rng = np.random.default_rng(12345)
    x1 = rng.uniform(1, 10, 30)
    x2 = 0.5 * x1 + rng.uniform(0, 5, 30)
    y = 2 + 1.5 * x1 - 0.8 * x2 + rng.normal(0, 1, 30)
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2})


# --- OLS -------------------------------------------------------------------------------

def test_ols_anscombe_published_values():
    fit = ols(ANS_Y, ANS_X)
    assert fit.params["const"] == pytest.approx(3.00, abs=0.005)
    assert fit.params["x"] == pytest.approx(0.500, abs=0.0005)
    assert fit.rsquared == pytest.approx(0.67, abs=0.005)
    assert fit.equation == "y = 3 + 0.5001·x"


def test_ols_closed_form_multiple():
    df = two_regressor_data()
    fit = ols("y", ["x1", "x2"], data=df)
    X = np.column_stack([np.ones(len(df)), df["x1"], df["x2"]])
    beta, *_ = np.linalg.lstsq(X, df["y"].to_numpy(), rcond=None)
    resid = df["y"].to_numpy() - X @ beta
    n, p = X.shape
    s2 = (resid**2).sum() / (n - p)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    np.testing.assert_allclose(fit.params.to_numpy(), beta, rtol=1e-10)
    np.testing.assert_allclose(fit.bse.to_numpy(), se, rtol=1e-10)
    np.testing.assert_allclose(fit.tvalues.to_numpy(), beta / se, rtol=1e-10)
    np.testing.assert_allclose(fit.pvalues.to_numpy(), 2 * stats.t.sf(np.abs(beta / se), n - p), rtol=1e-8)
    tss = ((df["y"] - df["y"].mean()) ** 2).sum()
    r2 = 1 - (resid**2).sum() / tss
    assert fit.rsquared == pytest.approx(r2)
    assert fit.rsquared_adj == pytest.approx(1 - (1 - r2) * (n - 1) / (n - p))
    f = (r2 / (p - 1)) / ((1 - r2) / (n - p))
    assert fit.fvalue == pytest.approx(f)
    assert fit.f_pvalue == pytest.approx(stats.f.sf(f, p - 1, n - p))
    ci = fit.conf_int(0.1)
    np.testing.assert_allclose(ci["lower"], beta - stats.t.ppf(0.95, n - p) * se)
    assert list(fit.params.index) == ["const", "x1", "x2"]
    assert fit.nobs == 30 and fit.df_resid == 27
    np.testing.assert_allclose(fit.resid.to_numpy(), resid)
    np.testing.assert_allclose(fit.fitted.to_numpy() + fit.resid.to_numpy(), df["y"].to_numpy())
    assert fit.resid.index.equals(df.index)


def test_ols_input_forms_agree():
    df = two_regressor_data()
    a = ols("y", ["x1", "x2"], data=df)
    b = ols(df["y"], df[["x1", "x2"]])
    c = ols(df["y"].to_numpy(), df[["x1", "x2"]].to_numpy(), names=["x1", "x2"])
    d = ols(list(df["y"]), np.column_stack([df["x1"], df["x2"]]))
    for other in (b, c):
        pd.testing.assert_series_equal(a.params, other.params)
    assert list(d.params.index) == ["const", "x1", "x2"]
    np.testing.assert_allclose(a.params.to_numpy(), d.params.to_numpy())
    s = ols(pd.Series(EXPORTS, name="exports"), pd.Series(FUNDING, name="funding"))
    assert s.equation.startswith("exports = ") and s.equation.endswith("·funding")


def test_ols_without_constant():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.array([2.1, 3.9, 6.2, 7.8])
    fit = ols(y, x, add_constant=False)
    assert list(fit.params.index) == ["x"]
    assert fit.params["x"] == pytest.approx((x * y).sum() / (x * x).sum())
    assert fit.equation == f"y = {fit.params['x']:.4g}·x"


def test_ols_predict_and_intervals():
    fit = ols(ANS_Y, ANS_X)
    b, a = np.polyfit(ANS_X, ANS_Y, 1)
    np.testing.assert_allclose(fit.predict([4.0, 20.0]), a + b * np.array([4.0, 20.0]))
    assert fit.predict(5.0) == pytest.approx([a + b * 5.0])
    n = ANS_X.size
    s = math.sqrt(((ANS_Y - a - b * ANS_X) ** 2).sum() / (n - 2))
    sxx = ((ANS_X - ANS_X.mean()) ** 2).sum()
    x0 = 15.0
    tq = stats.t.ppf(0.975, n - 2)
    conf = fit.predict([x0], interval="confidence")
    pred = fit.predict([x0], interval="prediction")
    half_c = tq * s * math.sqrt(1 / n + (x0 - ANS_X.mean()) ** 2 / sxx)
    half_p = tq * s * math.sqrt(1 + 1 / n + (x0 - ANS_X.mean()) ** 2 / sxx)
    assert conf["lower"].iloc[0] == pytest.approx(a + b * x0 - half_c)
    assert pred["upper"].iloc[0] == pytest.approx(a + b * x0 + half_p)
    assert list(pred.columns) == ["mean", "lower", "upper"]


def test_ols_predict_multi_forms():
    df = two_regressor_data()
    fit = ols("y", ["x1", "x2"], data=df)
    p = fit.params
    expected = p["const"] + p["x1"] * 2 + p["x2"] * 3
    assert fit.predict([2, 3])[0] == pytest.approx(expected)
    assert fit.predict([[2, 3], [2, 3]])[1] == pytest.approx(expected)
    assert fit.predict({"x1": 2, "x2": 3})[0] == pytest.approx(expected)
    assert fit.predict(pd.DataFrame({"x2": [3], "x1": [2]}))[0] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("x_new", "exc", "match"),
    [
        (5.0, ValueError, "a single number is a valid x_new only for one regressor"),
        ([1, 2, 3], ValueError, r"x_new must give 2 values per row"),
        ([[1, 2, 3]], ValueError, "x_new must have 2 columns"),
        ({"x1": 1}, KeyError, "x_new has no entry 'x2'"),
        (pd.DataFrame({"x1": [1]}), KeyError, "x_new has no column 'x2'"),
        ({"x1": [1, 2], "x2": [1]}, ValueError, "x_new entries must have the same length"),
    ],
)
def test_ols_predict_errors(x_new, exc, match):
    fit = ols("y", ["x1", "x2"], data=two_regressor_data())
    with pytest.raises(exc, match=match):
        fit.predict(x_new)


def test_ols_predict_interval_errors():
    fit = ols(ANS_Y, ANS_X)
    with pytest.raises(ValueError, match="interval must be one of 'confidence', 'prediction'"):
        fit.predict([1.0], interval="credible")
    with pytest.raises(ValueError, match="alpha must lie strictly between"):
        fit.predict([1.0], interval="confidence", alpha=0)


def test_ols_table2_and_repr_summary():
    fit = ols(EXPORTS, FUNDING, names="funding")
    slope, intercept, r, p, se = stats.linregress(FUNDING, EXPORTS)
    assert fit.params["funding"] == pytest.approx(slope)
    assert fit.params["const"] == pytest.approx(intercept)
    assert fit.rsquared == pytest.approx(r**2)
    assert "OLSResult('y = " in repr(fit)
    text = fit.summary()
    assert "OLS Regression Results" in text and "funding" in text
    assert isinstance(fit, OLSResult) and fit.results is not None


# --- diagnostics -----------------------------------------------------------------------

def test_diagnostics_against_direct_computation():
    df = two_regressor_data()
    fit = ols("y", ["x1", "x2"], data=df)
    d = fit.diagnostics()
    assert list(d.index) == ["Shapiro–Wilk", "Breusch–Pagan", "Durbin–Watson", "max VIF"]
    assert list(d.columns) == ["statistic", "p_value", "note", "warning"]
    e = fit.resid.to_numpy()
    sw = stats.shapiro(e)
    assert d.loc["Shapiro–Wilk", "statistic"] == pytest.approx(sw.statistic)
    assert d.loc["Shapiro–Wilk", "p_value"] == pytest.approx(sw.pvalue)
    # Koenker's LM: n * R² of the regression of e² on the regressors
    Z = np.column_stack([np.ones(30), df["x1"], df["x2"]])
    g, *_ = np.linalg.lstsq(Z, e**2, rcond=None)
    u = e**2 - Z @ g
    r2 = 1 - (u**2).sum() / ((e**2 - (e**2).mean()) ** 2).sum()
    assert d.loc["Breusch–Pagan", "statistic"] == pytest.approx(30 * r2)
    assert d.loc["Breusch–Pagan", "p_value"] == pytest.approx(stats.chi2.sf(30 * r2, 2))
    assert d.loc["Durbin–Watson", "statistic"] == pytest.approx((np.diff(e) ** 2).sum() / (e**2).sum())
    r12 = np.corrcoef(df["x1"], df["x2"])[0, 1]
    assert d.loc["max VIF", "statistic"] == pytest.approx(1 / (1 - r12**2))
    assert (d["warning"] == "").all()  # n = 30
    assert "collinearity" in d.loc["max VIF", "note"]


def test_diagnostics_small_n_warning_and_no_vif_for_one_regressor():
    d = ols(EXPORTS, FUNDING).diagnostics()
    assert "max VIF" not in d.index
    assert d.loc["Breusch–Pagan", "warning"].startswith("n = 4: too few observations")
    assert np.isnan(d.loc["Durbin–Watson", "p_value"])


def test_diagnostics_breusch_pagan_not_computable():
    # 3 observations, 2 regressors + constant would leave no df; use 1 regressor and n = 2 impossible;
    # so: 2 regressors and n = 4 (df_resid = 1) -> n > k + 1 holds (4 > 3); n = 3 cannot be fitted at all.
    x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 3.0]])
    fit = ols([1.0, 2.5, 2.9, 4.2], x)
    d = fit.diagnostics()
    assert not np.isnan(d.loc["Breusch–Pagan", "statistic"])
    # without a constant, one regressor and n = 2: auxiliary regression impossible
    fit2 = ols([1.0, 2.2], [1.0, 2.0], add_constant=False)
    d2 = fit2.diagnostics()
    assert np.isnan(d2.loc["Breusch–Pagan", "statistic"])
    assert "needs more than 2 observations" in d2.loc["Breusch–Pagan", "note"]
    assert np.isnan(d2.loc["Shapiro–Wilk", "statistic"])


# --- OLS errors ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        (([1, 2], [3, 4]), {}, ValueError, "y has 2 observations; a regression with 2 coefficients and an error estimate needs at least 3"),
        (([1, 2, 3], [1, 2]), {}, ValueError, r"y and x \('x'\) must have the same length, got 3 and 2"),
        (([1, 2, 3], [5, 5, 5]), {}, ValueError, "x is constant, so it cannot be told apart from the intercept"),
        (([1, 2, 3, 4, 5], [[1, 2], [2, 4], [3, 6], [4, 8], [5, 10]]), {}, ValueError, "the regressors are collinear"),
        (("y", "x"), {}, TypeError, "y is a column name .* but no data frame was given"),
        (("y", "z"), {"data": pd.DataFrame({"y": [1, 2, 3], "x": [1, 2, 4]})}, KeyError, "x: data has no column 'z'"),
        (([1, 2, 3], [1, 2, 4]), {"data": {"y": [1]}}, TypeError, "data must be a pandas DataFrame"),
        (([1, 2, 3], [1, 2, 4]), {"names": ["a", "b"]}, ValueError, r"names must give one name per regressor \(1\), got 2"),
        (([1, 2, 3, 4], [[1, 2], [2, 1], [3, 5], [4, 3]]), {"names": ["a", "a"]}, ValueError, "regressor names must be unique"),
        (([1, 2, 3], [1, None, 4]), {}, ValueError, "x has a missing value"),
        (([1, 2, 3], None), {}, TypeError, "x must be a sequence"),
        (([1, 2, 3], np.ones((3, 1, 1))), {}, ValueError, "x must be one- or two-dimensional"),
        (([1, 2, 3], [1, 2, 4]), {"add_constant": "yes"}, TypeError, "add_constant must be True or False"),
    ],
)
def test_ols_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ols(*args, **kwargs)


# --- log-linear model ------------------------------------------------------------------

def test_loglinear_single_against_polyfit():
    nsb = np.array([59.4, 75.7, 72.8, 78, 79.9, 98.6, 87, 80, 87.7, 88.9, 90.5])  # 001, Кесте 17
    ub = np.array([5.7, 5.2, 5.0, 5.1, 4.8, 4.9, 4.9, 4.8, 4.8, 4.8, 4.9])  # 001, Кесте 18
    fit = loglinear(ub, nsb, names=["Nsb"])
    b, ln_a = np.polyfit(np.log(nsb), np.log(ub), 1)
    assert fit.constant == pytest.approx(ln_a)
    assert fit.scale == pytest.approx(math.exp(ln_a))
    assert fit.elasticities["Nsb"] == pytest.approx(b)
    fitted = np.exp(ln_a) * nsb**b
    np.testing.assert_allclose(fit.fitted_levels.to_numpy(), fitted)
    assert fit.rsquared == pytest.approx(np.corrcoef(np.log(nsb), np.log(ub))[0, 1] ** 2)
    assert fit.multiple_r == pytest.approx(abs(np.corrcoef(np.log(nsb), np.log(ub))[0, 1]))
    assert fit.rsquared_levels == pytest.approx(1 - ((ub - fitted) ** 2).sum() / ((ub - ub.mean()) ** 2).sum())
    assert fit.multiple_r_levels == pytest.approx(np.corrcoef(ub, fitted)[0, 1])
    assert fit.mape == pytest.approx(np.mean(np.abs(ub - fitted) / ub) * 100)
    assert fit.predict([100.0])[0] == pytest.approx(math.exp(ln_a) * 100.0**b)
    assert fit.equation.startswith("ln y = ") and "ln Nsb" in fit.equation
    assert fit.equation_levels.startswith("y = ") and "Nsb^-" in fit.equation_levels
    assert list(fit.params.index) == ["const", "ln Nsb"]
    assert "In levels" in fit.summary()
    assert "LogLinearResult(" in repr(fit)
    assert isinstance(fit, LogLinearResult)
    assert list(fit.diagnostics().index)[:3] == ["Shapiro–Wilk", "Breusch–Pagan", "Durbin–Watson"]
    assert fit.conf_int().shape == (2, 2)
    assert fit.nobs == 11 and fit.df_resid == 9


def test_loglinear_recovers_exact_power_law():
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"a": rng.uniform(1, 10, 12), "b": rng.uniform(1, 5, 12)})
    df["y"] = 2.5 * df["a"] ** 0.4 * df["b"] ** -1.2
    fit = loglinear("y", ["a", "b"], data=df)
    assert fit.scale == pytest.approx(2.5)
    np.testing.assert_allclose(fit.elasticities.to_numpy(), [0.4, -1.2], atol=1e-10)
    assert fit.rsquared_levels == pytest.approx(1.0)
    assert fit.mape == pytest.approx(0.0, abs=1e-9)
    assert fit.equation_levels == "y = 2.5·a^0.4·b^-1.2"
    assert fit.predict({"a": 4.0, "b": 1.0})[0] == pytest.approx(2.5 * 4**0.4)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (([1, 2, 3], [1, 0, 2]), {"names": ["Nsb"]}, r"x \('Nsb'\) must be strictly positive for a log-linear \(power\) model, but position 1 is 0.0"),
        (([1, -2, 3], [1, 2, 2]), {}, r"y must be strictly positive for a log-linear \(power\) model, but position 1"),
        (("UB", "Nsb"), {"data": pd.DataFrame({"UB": [1.0, 0.0, 2.0], "Nsb": [1.0, 2.0, 3.0]})}, r"y \('UB'\) must be strictly positive"),
    ],
)
def test_loglinear_errors(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        loglinear(*args, **kwargs)


def test_loglinear_predict_positive():
    fit = loglinear([1.0, 2.0, 3.5, 4.1], [1.0, 2.0, 3.0, 4.0], names=["x"])
    with pytest.raises(ValueError, match=r"x_new \('x'\) must be strictly positive"):
        fit.predict([-1.0])


# --- correlation --------------------------------------------------------------------------

def test_pearson_anscombe_and_fisher_interval():
    res = correlation(ANS_X, ANS_Y)
    assert res.r == pytest.approx(0.816, abs=0.0005)  # Anscombe (1973)
    n = 11
    z = math.atanh(res.r)
    h = stats.norm.ppf(0.975) / math.sqrt(n - 3)
    assert res.ci_low == pytest.approx(math.tanh(z - h))
    assert res.ci_high == pytest.approx(math.tanh(z + h))
    assert res.p_value == pytest.approx(stats.pearsonr(ANS_X, ANS_Y).pvalue)
    assert res.note == ""
    assert res.n == 11 and res.method == "pearson"
    assert isinstance(res, CorrelationResult)
    assert "95% CI [" in repr(res)


def test_pearson_closed_form_small():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    y = np.array([2.0, 4.0, 5.0, 4.0, 5.0])
    r = ((x - x.mean()) * (y - y.mean())).sum() / math.sqrt(((x - x.mean()) ** 2).sum() * ((y - y.mean()) ** 2).sum())
    res = correlation(x, y)
    assert res.r == pytest.approx(r)
    assert r == pytest.approx(0.7745966692)  # = sqrt(0.6)
    t = r * math.sqrt(3 / (1 - r**2))
    assert res.p_value == pytest.approx(2 * stats.t.sf(t, 3))
    assert "n = 5 is small" in res.note


def test_spearman_bonett_wright():
    res = correlation(ANS_X, ANS_Y, method="spearman", alpha=0.1)
    rho, p = stats.spearmanr(ANS_X, ANS_Y)
    assert res.r == pytest.approx(rho)
    assert res.p_value == pytest.approx(p)
    se = math.sqrt((1 + rho**2 / 2) / (11 - 3))
    zq = stats.norm.ppf(0.95)
    assert res.ci_low == pytest.approx(math.tanh(math.atanh(rho) - zq * se))
    assert res.ci_high == pytest.approx(math.tanh(math.atanh(rho) + zq * se))
    assert "90% CI" in repr(res)


def test_correlation_n3_undefined_interval_and_perfect():
    res = correlation([1, 2, 3], [2, 1, 5])
    assert math.isnan(res.ci_low) and math.isnan(res.ci_high)
    assert "needs n > 3" in res.note
    assert "undefined" in repr(res)
    perfect = correlation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert perfect.r == pytest.approx(1.0)
    assert perfect.ci_low == pytest.approx(1.0) and "collapses" in perfect.note
    sp = correlation([1, 2, 3, 4, 5], [1, 3, 2, 5, 4], method="spearman")
    assert "t approximation" in sp.note


@settings(max_examples=50, deadline=None)
@given(
    # values on a 0.01 grid: ties stay ties under the maps (subnormal floats would merge with others)
    st.lists(st.tuples(st.integers(-10_000, 10_000), st.integers(-10_000, 10_000)), min_size=4, max_size=20),
    st.integers(1, 500), st.integers(-100, 100), st.integers(1, 500), st.integers(-100, 100),
)
def test_correlation_invariant_to_positive_affine_maps(pairs, a, b, c, d):
    x = np.array([p[0] for p in pairs]) / 100
    y = np.array([p[1] for p in pairs]) / 100
    assume(np.ptp(x) > 0 and np.ptp(y) > 0)
    for method in ("pearson", "spearman"):
        base = correlation(x, y, method=method)
        moved = correlation(a * x + b, c * y + d, method=method)
        assert moved.r == pytest.approx(base.r, abs=1e-7)
        flipped = correlation(-a * x + b, c * y + d, method=method)
        assert flipped.r == pytest.approx(-base.r, abs=1e-7)


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        (([1, 2], [1, 2]), {}, ValueError, "x has 2 observations; a correlation needs at least 3"),
        (([1, 2, 3], [1, 2]), {}, ValueError, "x and y must have the same length, got 3 and 2"),
        (([1, 1, 1], [1, 2, 3]), {}, ValueError, "x is constant"),
        (([1, 2, 3], [1, 2, 4]), {"method": "kendall"}, ValueError, "method must be one of 'pearson', 'spearman'"),
        (([1, 2, 3], [1, 2, 4]), {"alpha": 1}, ValueError, "alpha must lie strictly between 0 and 1"),
    ],
)
def test_correlation_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        correlation(*args, **kwargs)


def test_correlation_matrix():
    df = two_regressor_data()
    m = correlation_matrix(df)
    np.testing.assert_allclose(m.to_numpy(), np.corrcoef(df.to_numpy().T))
    ms = correlation_matrix(df, method="spearman")
    np.testing.assert_allclose(ms.to_numpy(), stats.spearmanr(df.to_numpy()).statistic)
    with pytest.raises(TypeError, match="df must be a pandas DataFrame"):
        correlation_matrix(df.to_numpy())
    with pytest.raises(ValueError, match="df must have at least 2 columns"):
        correlation_matrix(df[["y"]])
    with pytest.raises(TypeError, match="column 'name' of df is not numeric"):
        correlation_matrix(df.assign(name="a"))
    with pytest.raises(ValueError, match="column 'k' is constant"):
        correlation_matrix(df.assign(k=1.0))
    with pytest.raises(ValueError, match="df has 2 observations; a correlation matrix needs at least 3"):
        correlation_matrix(df.head(2))
