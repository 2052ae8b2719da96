"""Tests of sieecon.simulate: reproducibility, synthetic marks, and the design's promises."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from sieecon import simulate as sim
from sieecon.panel import fixed_effects

XS = list(sim.TRUE_PARAMS)


def test_same_seed_same_frame_different_seed_different():
    a = sim.simulate_regional_panel(seed=7)
    b = sim.simulate_regional_panel(seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs == b.attrs
    c = sim.simulate_regional_panel(seed=8)
    assert not np.allclose(a["lnprod"], c["lnprod"])
    assert a[["region", "year"]].equals(c[["region", "year"]])


def test_shape_columns_and_balance():
    df = sim.simulate_regional_panel()
    assert list(df.columns) == list(sim.VARIABLES)
    assert df.shape == (20 * 6, 9)
    assert df.groupby("region").size().eq(6).all()
    assert sorted(df["year"].unique().tolist()) == list(range(2020, 2026))
    assert not df.duplicated(["region", "year"]).any()
    assert (df["ict_share"] > 0).all()


def test_marked_synthetic_everywhere():
    df = sim.simulate_regional_panel(seed=1)
    assert df.attrs["synthetic"] is True
    assert df.attrs["title"].startswith("SYNTHETIC")
    assert "Document 003" in df.attrs["note"] and "publishes none of the data" in df.attrs["note"]
    assert df["synthetic"].dtype == bool and df["synthetic"].all()
    # the mark survives a CSV round trip, unlike attrs
    back = pd.read_csv(io.StringIO(df.to_csv(index=False)))
    assert back["synthetic"].all()
    assert df.attrs["source"]["document"] == "003"


def test_true_params_are_a_copy():
    df = sim.simulate_regional_panel()
    assert df.attrs["true_params"] == sim.TRUE_PARAMS
    df.attrs["true_params"]["ict_share"] = 99.0
    assert sim.TRUE_PARAMS["ict_share"] == -0.03


def test_regions_constant():
    names = [r.name for r in sim.REGIONS]
    assert len(names) == len(set(names)) == 20
    assert len({r.name_kk for r in sim.REGIONS}) == 20
    assert sum(r.kind == "oblast" for r in sim.REGIONS) == 17
    assert [r.name for r in sim.REGIONS if r.kind == "city"] == ["Astana", "Almaty", "Shymkent"]
    assert {"Abai Region", "Zhetysu Region", "Ulytau Region"} <= set(names)
    assert all(r.name_kk.endswith(("облысы", "қаласы")) for r in sim.REGIONS)


def test_noise_free_panel_follows_the_formula_exactly():
    df = sim.simulate_regional_panel(seed=4, noise_sd=0.0)
    beta = pd.Series(sim.TRUE_PARAMS)
    alpha = df["region"].map(df.attrs["region_effects"]).to_numpy(dtype=float)
    fitted = 3.5 + alpha + df[XS].to_numpy() @ beta[XS].to_numpy()
    np.testing.assert_allclose(df["lnprod"], fitted, atol=1e-12)
    fe = fixed_effects(df, "lnprod", XS, cluster="none")
    np.testing.assert_allclose(fe.params[XS], beta[XS], atol=1e-9)


def test_region_effects_correlated_with_regressors():
    df = sim.simulate_regional_panel(seed=0)
    alpha = df.groupby("region")["region"].first().map(df.attrs["region_effects"]).astype(float)
    means = df.groupby("region")[XS].mean()
    corr = means.corrwith(alpha)
    assert corr["ln_grp_pc"] > 0.5 and corr["digital_skills"] > 0.5 and corr["unemployment"] < -0.3


def _pooled_ols(df: pd.DataFrame) -> np.ndarray:
    X = np.column_stack([np.ones(len(df)), df[XS].to_numpy()])
    return np.linalg.lstsq(X, df["lnprod"].to_numpy(), rcond=None)[0][1:]


def test_fe_recovers_truth_and_pooled_ols_is_biased():
    truth = np.array([sim.TRUE_PARAMS[k] for k in XS])
    covered = np.zeros(len(XS))
    fe_est, pooled = [], []
    for seed in range(20):
        df = sim.simulate_regional_panel(seed=seed)
        fe = fixed_effects(df, "lnprod", XS)
        covered += fe.recovery(sim.TRUE_PARAMS)["covered"].to_numpy()
        fe_est.append(fe.params[XS].to_numpy())
        pooled.append(_pooled_ols(df))
    assert (covered >= 15).all(), covered  # nominal 95%: about 19 of 20
    fe_est, pooled = np.array(fe_est), np.array(pooled)
    mc_se_fe = fe_est.std(axis=0, ddof=1) / np.sqrt(20)
    assert (np.abs(fe_est.mean(axis=0) - truth) < 3 * mc_se_fe).all()
    mc_se_pooled = pooled.std(axis=0, ddof=1) / np.sqrt(20)
    bias = pooled.mean(axis=0) - truth
    assert abs(bias[0]) > 10 * mc_se_pooled[0]  # ln_grp_pc: omitted region effects load on it
    assert bias[0] > 0.3
    assert np.sign(pooled.mean(axis=0)[2]) != np.sign(truth[2])  # ICT: even the sign flips


def test_params_and_subsets():
    df = sim.simulate_regional_panel(seed=2, regions=["Astana", "Almaty"], years=[2025, 2021, 2023],
                                     params={"ict_share": 0.0})
    assert df["region"].unique().tolist() == ["Astana", "Almaty"]
    assert df["year"].tolist() == [2021, 2023, 2025] * 2
    assert df.attrs["true_params"]["ict_share"] == 0.0
    assert df.attrs["true_params"]["ln_grp_pc"] == sim.TRUE_PARAMS["ln_grp_pc"]
    assert df["region_kk"].tolist()[:1] == ["Астана қаласы"]


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"seed": 1.5}, TypeError, "seed must be an integer"),
        ({"seed": -1}, ValueError, "seed must be non-negative"),
        ({"regions": "Astana"}, TypeError, "regions must be a list"),
        ({"regions": ["Astana", "Almatty"]}, ValueError, "did you mean 'Almaty'"),
        ({"regions": ["Astana", "Astana"]}, ValueError, "listed twice"),
        ({"regions": ["Astana"]}, ValueError, "at least 2 regions"),
        ({"regions": ["Astana", 3]}, TypeError, "region names"),
        ({"years": [2020]}, ValueError, "at least 2 years"),
        ({"years": [2020, 2020]}, ValueError, "2020 is listed twice"),
        ({"years": [2020, "2021"]}, TypeError, "years must hold integers"),
        ({"years": 2020}, TypeError, "years must be a sequence"),
        ({"params": {"rnd": 1.0}}, ValueError, "'rnd' is not a coefficient"),
        ({"params": {"ict_share": "big"}}, TypeError, r"params\['ict_share'\] must be a number"),
        ({"params": {"ict_share": float("nan")}}, ValueError, "must be finite"),
        ({"params": [1, 2]}, TypeError, "params must be a mapping"),
        ({"noise_sd": -0.1}, ValueError, "noise_sd must be a finite number ≥ 0"),
        ({"noise_sd": "0.1"}, TypeError, "noise_sd must be a number"),
    ],
)
def test_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        sim.simulate_regional_panel(**kwargs)
