"""Tests of sieecon.panel against independent computations (numpy, linearmodels, closed forms)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sieecon import panel
from sieecon.simulate import TRUE_PARAMS, simulate_regional_panel

XS = list(TRUE_PARAMS)


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return simulate_regional_panel(seed=11)


def _within(frame: pd.DataFrame, cols: list[str], by: str) -> np.ndarray:
    return (frame[cols] - frame.groupby(by)[cols].transform("mean")).to_numpy(dtype=float)


# --- fixed effects ---------------------------------------------------------------------

@pytest.mark.parametrize("drop_rows", [[], [3, 17, 40]], ids=["balanced", "unbalanced"])
def test_fe_matches_numpy_within_ols(df, drop_rows):
    d = df.drop(index=drop_rows).reset_index(drop=True)
    fe = panel.fixed_effects(d, "lnprod", XS, cluster="none")
    X = _within(d, XS, "region")
    y = _within(d, ["lnprod"], "region")[:, 0]
    b = np.linalg.solve(X.T @ X, X.T @ y)
    e = y - X @ b
    n, k, g = len(d), len(XS), d["region"].nunique()
    s2 = e @ e / (n - g - k)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    np.testing.assert_allclose(fe.params[XS], b, rtol=1e-10)
    np.testing.assert_allclose(fe.bse[XS], se, rtol=1e-8)
    assert fe.df_resid == n - g - k
    np.testing.assert_allclose(fe.rsquared_within, 1 - e @ e / (y @ y), rtol=1e-10)
    np.testing.assert_allclose(fe.pvalues, 2 * stats.t.sf(np.abs(b / se), n - g - k), rtol=1e-6)
    assert (fe.nobs, fe.entities, fe.periods) == (n, 20, 6)


def test_fe_clustered_se_is_stata_sandwich(df):
    fe = panel.fixed_effects(df, "lnprod", XS)  # cluster="entity" by default
    X = _within(df, XS, "region")
    y = _within(df, ["lnprod"], "region")[:, 0]
    A = np.linalg.inv(X.T @ X)
    e = y - X @ (A @ X.T @ y)
    groups = df["region"].to_numpy()
    meat = np.zeros((len(XS), len(XS)))
    for gname in np.unique(groups):
        s = X[groups == gname].T @ e[groups == gname]
        meat += np.outer(s, s)
    n, k, g = len(df), len(XS), len(np.unique(groups))
    V = A @ meat @ A * g / (g - 1) * (n - 1) / (n - k)
    np.testing.assert_allclose(fe.bse[XS], np.sqrt(np.diag(V)), rtol=1e-8)
    assert fe.cov_type == "clustered by region"


def test_fe_time_effects_match_dummy_regression(df):
    fe = panel.fixed_effects(df, "lnprod", XS, time_effects=True, cluster="none")
    D = pd.get_dummies(df[["region", "year"]].astype(str), drop_first=True, dtype=float)
    X = np.column_stack([np.ones(len(df)), df[XS].to_numpy(), D.to_numpy()])
    b = np.linalg.lstsq(X, df["lnprod"].to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(fe.params[XS], b[1:1 + len(XS)], rtol=1e-8)
    assert fe.time_effects and "and year" in fe.summary()


def test_fe_other_cluster_options(df):
    t = panel.fixed_effects(df, "lnprod", XS, cluster="time")
    b = panel.fixed_effects(df, "lnprod", XS, cluster="both")
    e = panel.fixed_effects(df, "lnprod", XS)
    assert t.cov_type == "clustered by year" and b.cov_type == "clustered by region and year"
    np.testing.assert_allclose(t.params, e.params)
    assert not np.allclose(t.bse, e.bse)


def test_conf_int_matches_linearmodels(df):
    fe = panel.fixed_effects(df, "lnprod", XS)
    ci = fe.conf_int()
    np.testing.assert_allclose(ci.to_numpy(), fe.raw.conf_int().to_numpy(), rtol=1e-10)
    assert list(ci.columns) == ["lower", "upper"]
    narrow = fe.conf_int(alpha=0.5)
    assert ((narrow["upper"] - narrow["lower"]) < (ci["upper"] - ci["lower"])).all()


def test_recovery_table(df):
    fe = panel.fixed_effects(df, "lnprod", XS)
    rec = fe.recovery(df.attrs["true_params"])
    assert list(rec.columns) == ["estimate", "true", "bias", "lower", "upper", "covered"]
    np.testing.assert_allclose(rec["bias"], rec["estimate"] - rec["true"])
    manual = (rec["lower"] <= rec["true"]) & (rec["true"] <= rec["upper"])
    assert rec["covered"].equals(manual)
    sub = fe.recovery(pd.Series({"ict_share": -0.03}))
    assert sub.index.tolist() == ["ict_share"]


def test_repr_and_summary(df):
    fe = panel.fixed_effects(df, "lnprod", XS)
    text = fe.summary()
    assert "Fixed effects panel regression" in text and "ict_share" in text and "[95%" in text
    assert repr(text) == str(text)  # shows as text in a notebook
    assert repr(fe).startswith("PanelResult(fixed effects, y='lnprod', nobs=120")


# --- random effects ----------------------------------------------------------------------

def test_re_matches_linearmodels_directly(df):
    from linearmodels.panel import RandomEffects

    re = panel.random_effects(df, "lnprod", XS)
    p = df.set_index(["region", "year"])
    exog = p[XS].copy()
    exog.insert(0, "const", 1.0)
    ref = RandomEffects(p["lnprod"], exog).fit()
    pd.testing.assert_series_equal(re.params, ref.params.rename("params"), check_exact=False, rtol=1e-10)
    np.testing.assert_allclose(re.cov.to_numpy(), ref.cov.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(re.info["sigma2_effects"], ref.variance_decomposition["Effects"])
    assert re.estimator == "random effects" and re.cov_type == "unadjusted"
    assert "Variance components" in re.summary()


def test_re_theta_closed_form(df):
    re = panel.random_effects(df, "lnprod", XS)
    theta = 1 - np.sqrt(re.info["sigma2_eps"] / (re.info["sigma2_eps"] + 6 * re.info["sigma2_effects"]))
    np.testing.assert_allclose(re.info["theta"], theta, rtol=1e-8)


# --- Hausman -------------------------------------------------------------------------------

def test_hausman_closed_form_one_regressor():
    rng = np.random.default_rng(5)
    n, T = 12, 4
    d = pd.DataFrame({"region": np.repeat(np.arange(n), T), "year": np.tile(np.arange(2020, 2020 + T), n)})
    a = np.repeat(rng.normal(size=n), T)
    d["x"] = rng.normal(size=n * T) + 0.8 * a
    d["y"] = a + 0.5 * d["x"] + rng.normal(size=n * T)
    fe = panel.fixed_effects(d, "y", "x", cluster="none")
    re = panel.random_effects(d, "y", "x")
    for sigma, s2 in (("re", re.info["s2"]), ("fe", fe.info["s2"])):
        v_fe = fe.bse["x"] ** 2 * s2 / fe.info["s2"]
        v_re = re.bse["x"] ** 2 * s2 / re.info["s2"]
        H = (fe.params["x"] - re.params["x"]) ** 2 / (v_fe - v_re)
        h = panel.hausman(fe, re, sigma=sigma)
        np.testing.assert_allclose(h.statistic, H, rtol=1e-10)
        np.testing.assert_allclose(h.p_value, stats.chi2.sf(H, 1), rtol=1e-10)
        assert h.dof == 1 and h.coefficients == ("x",) and h.note == ""


def test_hausman_matrix_formula_and_conclusion(df):
    fe = panel.fixed_effects(df, "lnprod", XS, cluster="none")
    re = panel.random_effects(df, "lnprod", XS)
    h = panel.hausman(fe, re)
    d = (fe.params[XS] - re.params[XS]).to_numpy()
    V = re.info["s2"] * (fe.cov.loc[XS, XS].to_numpy() / fe.info["s2"]
                         - re.cov.loc[XS, XS].to_numpy() / re.info["s2"])
    np.testing.assert_allclose(h.statistic, d @ np.linalg.inv(V) @ d, rtol=1e-8)
    assert h.dof == 4 and h.p_value < 0.001
    assert h.conclusion.startswith("Reject H0 at the 5% level") and "use fixed effects" in h.conclusion


def _fake_pair(df, v_fe, v_re, b_fe, b_re):
    fe = panel.fixed_effects(df, "lnprod", XS[:2], cluster="none")
    re = panel.random_effects(df, "lnprod", XS[:2])
    names = XS[:2]
    fe = dataclasses.replace(fe, params=pd.Series(b_fe, index=names),
                             cov=pd.DataFrame(v_fe, index=names, columns=names))
    rn = ["const", *names]
    cov_re = np.zeros((3, 3))
    cov_re[1:, 1:] = v_re
    re = dataclasses.replace(re, params=pd.Series([0.0, *b_re], index=rn),
                             cov=pd.DataFrame(cov_re, index=rn, columns=rn))
    return fe, re


def test_hausman_singular_difference_uses_generalised_inverse(df):
    fe, re = _fake_pair(df, np.diag([2.0, 1.0]), np.diag([1.0, 1.0]), [1.0, 3.0], [0.0, 1.0])
    h = panel.hausman(fe, re, sigma="separate")
    # V_diff = diag(1, 0): pinv = diag(1, 0), so H = 1² / 1 = 1 with 1 degree of freedom
    assert h.dof == 1
    np.testing.assert_allclose(h.statistic, 1.0)
    np.testing.assert_allclose(h.p_value, stats.chi2.sf(1.0, 1))
    assert "not positive definite" in h.note and "generalised (Moore–Penrose) inverse" in h.note


def test_hausman_negative_statistic_is_inconclusive(df):
    fe, re = _fake_pair(df, np.diag([1.0, 1.0]), np.diag([2.0, 3.0]), [1.0, 1.0], [0.0, 0.0])
    h = panel.hausman(fe, re, sigma="separate")
    assert h.statistic < 0 and h.conclusion.startswith("Inconclusive")
    assert "negative" in h.note


def test_hausman_separate_with_clustered_errors_warns(df):
    fe = panel.fixed_effects(df, "lnprod", XS)
    re = panel.random_effects(df, "lnprod", XS)
    h = panel.hausman(fe, re, sigma="separate")
    assert "fe (clustered by region)" in h.note


def test_hausman_not_rejecting_when_effects_are_random():
    rng = np.random.default_rng(21)
    n, T = 30, 5
    d = pd.DataFrame({"region": np.repeat(np.arange(n), T), "year": np.tile(np.arange(T), n)})
    d["x"] = rng.normal(size=n * T)
    d["y"] = np.repeat(rng.normal(size=n), T) + 0.5 * d["x"] + rng.normal(size=n * T)
    h = panel.hausman(panel.fixed_effects(d, "y", "x", cluster="none"), panel.random_effects(d, "y", "x"))
    assert h.p_value > 0.05 and h.conclusion.startswith("Do not reject")


# --- validation ------------------------------------------------------------------------------

def test_missing_columns_are_named(df):
    with pytest.raises(ValueError, match=r"data has no columns 'regionx', 'rnd'; its columns are 'region'"):
        panel.fixed_effects(df, "lnprod", ["rnd"], entity="regionx")


def test_missing_single_column(df):
    with pytest.raises(ValueError, match=r"data has no column 'rnd';"):
        panel.random_effects(df, "lnprod", ["rnd"])


def test_duplicate_pairs(df):
    bad = pd.concat([df, df.iloc[[5]]], ignore_index=True)
    with pytest.raises(ValueError, match=r"repeat an \(region, year\) pair, e.g. \('Abai Region', 2025\)"):
        panel.fixed_effects(bad, "lnprod", XS)


def test_fewer_than_two_periods(df):
    with pytest.raises(ValueError, match=r"needs at least 2 periods, but column 'year' has 1 \(2020\)"):
        panel.fixed_effects(df[df["year"] == 2020], "lnprod", XS)
    with pytest.raises(ValueError, match="at least 2 entities"):
        panel.random_effects(df[df["region"] == "Astana"], "lnprod", XS)


def test_nans_named(df):
    bad = df.copy()
    bad.loc[7, "ict_share"] = np.nan
    with pytest.raises(ValueError, match=r"column 'ict_share' has 1 missing value \(first at region='Akmola Region', year=2021\)"):
        panel.fixed_effects(bad, "lnprod", XS)
    bad = df.copy()
    bad["year"] = bad["year"].astype(float)
    bad.loc[0, "year"] = np.nan
    with pytest.raises(ValueError, match=r"column 'year' has 1 missing value \(first at row 0\)"):
        panel.random_effects(bad, "lnprod", XS)


def test_time_invariant_regressor_refused(df):
    d = df.assign(city=df["region"].isin(["Astana", "Almaty", "Shymkent"]).astype(float))
    with pytest.raises(ValueError, match="regressor 'city' does not vary within any region"):
        panel.fixed_effects(d, "lnprod", ["ict_share", "city"])
    assert "city" in panel.random_effects(d, "lnprod", ["ict_share", "city"]).params
    n = df.assign(national=df["year"] * 0.1)
    with pytest.raises(ValueError, match="regressor 'national' does not vary across regions within any year"):
        panel.fixed_effects(n, "lnprod", ["ict_share", "national"], time_effects=True)
    c = df.assign(combo=df["ict_share"] + df["year"] * 0.1 + df["region"].str.len())
    with pytest.raises(ValueError, match="perfectly collinear or absorbed: ict_share, combo; drop one of them"):
        panel.fixed_effects(c, "lnprod", ["ict_share", "combo"], time_effects=True)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"data": [1, 2]}, TypeError, "data must be a pandas DataFrame"),
        ({"y": ["lnprod"]}, TypeError, "y must be the name of one column"),
        ({"x": 3}, TypeError, "x must be a column name or a list"),
        ({"x": []}, ValueError, "x must name at least one column"),
        ({"x": ["ict_share", "ict_share"]}, ValueError, "x names column 'ict_share' twice"),
        ({"x": ["lnprod"]}, ValueError, r"y \('lnprod'\) must not also be a regressor"),
        ({"entity": "year"}, ValueError, "entity and time must be different"),
        ({"entity": 1}, TypeError, "entity must be a column name"),
        ({"x": ["region_kk"]}, TypeError, "column 'region_kk' must be numeric"),
        ({"time": "region_kk", "entity": "region"}, TypeError, "time column 'region_kk' must hold numbers"),
        ({"cluster": "firm"}, ValueError, "cluster must be one of 'entity', 'none', 'time', 'both'; got 'firm'"),
        ({"time_effects": "yes"}, TypeError, "time_effects must be True or False"),
    ],
)
def test_fe_argument_errors(df, kwargs, exc, match):
    args = {"data": df, "y": "lnprod", "x": XS, **kwargs}
    with pytest.raises(exc, match=match):
        panel.fixed_effects(args.pop("data"), args.pop("y"), args.pop("x"), **args)


def test_hausman_argument_errors(df):
    fe = panel.fixed_effects(df, "lnprod", XS, cluster="none")
    re = panel.random_effects(df, "lnprod", XS)
    with pytest.raises(TypeError, match="fe must be a PanelResult"):
        panel.hausman("fe", re)
    with pytest.raises(ValueError, match="fe must be a fixed effects result, but it is a random effects result"):
        panel.hausman(re, re)
    with pytest.raises(ValueError, match="sigma must be one of 're', 'fe', 'separate'; got 'both'"):
        panel.hausman(fe, re, sigma="both")
    with pytest.raises(ValueError, match="but fe has standard errors clustered by region; refit it with cluster='none'"):
        panel.hausman(panel.fixed_effects(df, "lnprod", XS), re)
    with pytest.raises(ValueError, match="different samples"):
        panel.hausman(fe, panel.random_effects(df.iloc[6:], "lnprod", XS))
    with pytest.raises(ValueError, match="explain different variables"):
        panel.hausman(fe, panel.random_effects(df, "ln_grp_pc", ["ict_share"]))
    with pytest.raises(ValueError, match="alpha must lie strictly between 0 and 1"):
        panel.hausman(fe, re, alpha=5)


def test_recovery_errors(df):
    fe = panel.fixed_effects(df, "lnprod", XS)
    with pytest.raises(ValueError, match="'const' is not a coefficient of this model"):
        fe.recovery({"const": 1.0})
    with pytest.raises(TypeError, match="true_params must be a mapping"):
        fe.recovery([0.6])
    with pytest.raises(ValueError, match="at least one coefficient"):
        fe.recovery({})
