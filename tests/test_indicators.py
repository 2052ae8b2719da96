"""Tests of sieecon.indicators against closed forms and independent computations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieecon import indicators as ind

EXPORTS = [61.3, 68.7, 79.6, 88.4]  # document 000, Table 2, lines 241-248

positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
series = st.lists(positive, min_size=2, max_size=30)
FAST = settings(max_examples=60, deadline=None)


# --- growth, chain and base indices -------------------------------------------------

def test_growth_rate_closed_form():
    g = ind.growth_rate(EXPORTS)
    assert np.isnan(g[0])
    np.testing.assert_allclose(g[1:], [(68.7 / 61.3 - 1) * 100, (79.6 / 68.7 - 1) * 100, (88.4 / 79.6 - 1) * 100])


def test_growth_rate_periods_and_fraction():
    g = ind.growth_rate([1, 2, 4, 8], periods=2, percent=False)
    assert np.isnan(g[:2]).all()
    np.testing.assert_allclose(g[2:], [3.0, 3.0])


def test_growth_rate_matches_pandas_pct_change():
    v = pd.Series([3.0, 5.0, 4.0, 9.0, 10.0])
    np.testing.assert_allclose(ind.growth_rate(v, percent=False)[1:], v.pct_change().to_numpy()[1:])


def test_growth_rate_short_series_all_nan():
    assert np.isnan(ind.growth_rate([5.0], periods=1)).all()


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"values": [0, 1]}, ValueError, "values is zero at position 0"),
        ({"values": [1, 2], "periods": 0}, ValueError, "periods must be at least 1"),
        ({"values": [1, 2], "periods": 1.5}, TypeError, "periods must be an integer"),
        ({"values": [1, 2], "percent": "yes"}, TypeError, "percent must be True or False"),
        ({"values": "12"}, TypeError, "values must be a sequence of numbers"),
        ({"values": [1, None]}, ValueError, "missing value"),
    ],
)
def test_growth_rate_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ind.growth_rate(**kwargs)


def test_chain_and_base_index_closed_form():
    c = ind.chain_index(EXPORTS)
    np.testing.assert_allclose(c[1:], np.array(EXPORTS[1:]) / np.array(EXPORTS[:-1]) * 100)
    b = ind.base_index(EXPORTS, base=1)
    np.testing.assert_allclose(b, np.array(EXPORTS) / 68.7 * 100)


def test_index_errors():
    with pytest.raises(ValueError, match="values is zero at position 1; a chain index"):
        ind.chain_index([1, 0, 2])
    with pytest.raises(ValueError, match="base must be a position between -3 and 2, got 3"):
        ind.base_index([1, 2, 3], base=3)
    with pytest.raises(TypeError, match="base must be an integer position"):
        ind.base_index([1, 2, 3], base=1.0)
    with pytest.raises(ValueError, match="zero at the base position 0"):
        ind.base_index([0, 2, 3])
    with pytest.raises(ValueError, match="values has 0 observations; an index needs at least 1"):
        ind.base_index([])


@FAST
@given(series)
def test_chain_index_product_is_base_index(v):
    """Round trip: the cumulative product of chain indices is the base index."""
    chain = ind.chain_index(v, percent=False)
    base = ind.base_index(v, percent=False)
    np.testing.assert_allclose(np.cumprod(np.r_[1.0, chain[1:]]), base, rtol=1e-9)


@FAST
@given(series)
def test_growth_rate_round_trip(v):
    """Rebuilding the series from its first value and the growth rates gives it back."""
    g = ind.growth_rate(v, percent=False)
    rebuilt = v[0] * np.cumprod(np.r_[1.0, 1.0 + g[1:]])
    # 1 + g loses digits when g is close to -1 (a fall by a factor 1e7), hence rtol 1e-6
    np.testing.assert_allclose(rebuilt, v, rtol=1e-6)
    np.testing.assert_allclose(ind.chain_index(v)[1:] - 100.0, ind.growth_rate(v)[1:], rtol=1e-9, atol=1e-9)


# --- CAGR --------------------------------------------------------------------------

def test_cagr_closed_form():
    assert ind.cagr(EXPORTS) == pytest.approx(((88.4 / 61.3) ** (1 / 3) - 1) * 100)
    assert ind.cagr(first=100, last=121, years=2, percent=False) == pytest.approx(0.1)
    # years overrides the length of the series (e.g. a gap year)
    assert ind.cagr([100, 144], years=2, percent=False) == pytest.approx(0.2)


@FAST
@given(st.floats(min_value=0.1, max_value=1000), st.floats(min_value=-0.5, max_value=1.0),
       st.integers(min_value=1, max_value=25))
def test_cagr_of_constant_growth_is_the_rate(v0, rate, n):
    v = v0 * (1 + rate) ** np.arange(n + 1)
    assert ind.cagr(v, percent=False) == pytest.approx(rate, abs=1e-9)


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        (([1.0],), {}, ValueError, "values has 1 observation; a compound annual growth rate needs at least 2"),
        (([1.0, 2.0],), {"first": 1}, ValueError, "either values or first and last, not both"),
        ((), {"first": 1, "last": 2}, ValueError, "all three of first, last and years"),
        ((), {"first": -1, "last": 2, "years": 1}, ValueError, "strictly positive"),
        ((), {"first": 1, "last": 2, "years": 0}, ValueError, "years must be positive"),
        ((), {"first": 1, "last": 2, "years": "3"}, TypeError, "years must be a finite number"),
        (([0.0, 2.0],), {}, ValueError, "strictly positive"),
    ],
)
def test_cagr_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ind.cagr(*args, **kwargs)


# --- shares and contributions --------------------------------------------------------

def test_share_scalar_and_vector():
    assert ind.share(29, 43) == pytest.approx(29 / 43 * 100)
    assert isinstance(ind.share(29, 43), float)
    np.testing.assert_allclose(ind.share([1, 3], [2, 4], percent=False), [0.5, 0.75])


def test_share_errors():
    with pytest.raises(ValueError, match="whole is zero at position 1"):
        ind.share([1, 2], [3, 0])
    with pytest.raises(ValueError, match="part and whole must have the same length, got 2 and 3"):
        ind.share([1, 2], [3, 4, 5])


def test_small_business_contribution_mapping():
    df = ind.small_business_contribution(
        {"employment": ([30, 33], [100, 110]), "output": ([50, 60], [200, 200])}, index=[2019, 2020]
    )
    assert list(df.columns) == ["employment", "output"]
    assert list(df.index) == [2019, 2020]
    np.testing.assert_allclose(df["output"], [25.0, 30.0])


def test_small_business_contribution_single():
    df = ind.small_business_contribution([1, 2], [4, 5], percent=False)
    assert list(df.columns) == ["share"]
    np.testing.assert_allclose(df["share"], [0.25, 0.4])


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        (({"a": ([1], [2])}, [3]), {}, ValueError, "give total only when small is a sequence"),
        (({},), {}, ValueError, "must not be an empty mapping"),
        (({"a": [1, 2, 3]},), {}, TypeError, r"small\['a'\] must be a \(small, total\) pair"),
        (({"a": ([1], [2]), "b": ([1, 2], [2, 3])},), {}, ValueError, "every indicator must cover the same periods"),
        (([1, 2],), {}, ValueError, "total is required"),
        (([1, 2], [2, 3]), {"index": [2020]}, ValueError, r"index must have one label per period \(2\), got 1"),
        (({"a": ([1, 2], [2])},), {}, ValueError, "must have the same length"),
    ],
)
def test_small_business_contribution_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ind.small_business_contribution(*args, **kwargs)


# --- activity coefficient -------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "band"),
    [(0.0, "not active"), (0.2, "not active"), (0.399, "not active"), (0.4, "stable"), (0.5, "stable"),
     (0.6, "stable"), (0.6001, "active"), (1.0, "active")],
)
def test_activity_bands_as_printed(value, band):
    """Bands of document 001, line 334: 0<K<0.4, 0.4<=K<=0.6, 0.6<K<=1."""
    assert ind.activity_band(value)[0] == band


def test_activity_coefficient_means():
    comps = {"grp": 0.3, "firms": 0.9, "tax": 0.2, "employment": 0.4}
    k = ind.activity_coefficient(comps)
    assert k.value == pytest.approx(np.mean(list(comps.values())))
    assert k.band == "stable"
    g = ind.activity_coefficient(comps, aggregate="geometric")
    assert g.value == pytest.approx(math.prod(comps.values()) ** 0.25)
    assert g.band == "not active"
    p = ind.activity_coefficient(pd.Series([30.0, 90.0], index=["a", "b"]), percent=True)
    assert p.value == pytest.approx(0.6)
    assert list(p.components.index) == ["a", "b"]
    assert "ActivityCoefficient(value=0.6" in repr(p)
    assert ind.activity_coefficient([0.0, 0.5], aggregate="geometric").value == 0.0


def test_activity_errors():
    with pytest.raises(ValueError, match="aggregate must be one of"):
        ind.activity_coefficient([0.5], aggregate="median")
    with pytest.raises(ValueError, match="between 0 and 100, but 'c1' is 120"):
        ind.activity_coefficient([120], percent=True)
    with pytest.raises(ValueError, match="needs at least 1"):
        ind.activity_coefficient([])
    with pytest.raises(ValueError, match="lies between 0 and 1, got 1.5"):
        ind.activity_band(1.5)
    with pytest.raises(TypeError, match="value must be a finite number"):
        ind.activity_band(float("nan"))


# --- Balassa ---------------------------------------------------------------------------

def test_balassa_closed_form_and_vectorised():
    assert ind.balassa_index(0.00146, 0.00296, 13.92, 17.59) == pytest.approx((0.00146 / 0.00296) / (13.92 / 17.59))
    out = ind.balassa_index([10, 30], [100, 100], 5, 100)
    np.testing.assert_allclose(out, [2.0, 6.0])
    # a sector with the world's share has RCA 1
    assert ind.balassa_index(20, 100, 200, 1000) == pytest.approx(1.0)


def test_balassa_errors():
    with pytest.raises(ValueError, match="world_total must be strictly positive"):
        ind.balassa_index(1, 2, 3, 0)
    with pytest.raises(ValueError, match="country_sector must not be negative"):
        ind.balassa_index(-1, 2, 3, 4)
    with pytest.raises(ValueError, match="must have the same length"):
        ind.balassa_index([1, 2], [2, 3, 4], 1, 2)


# --- mean and composite index ------------------------------------------------------------

def test_mean_index_eq5():
    scores = [3.9, 2.8, 2.6, 2.2, 2.0, 1.8, 2.4]  # document 000, Table 3
    assert ind.mean_index(scores) == pytest.approx(sum(scores) / 7)
    with pytest.raises(ValueError, match="needs at least 1"):
        ind.mean_index([])


def test_composite_index_table4():
    eai = ind.composite_index([0.31, 0.42, 0.28, 0.19], [0.4, 0.3, 0.2, 0.1], bounds=(0, 1))
    assert eai.value == pytest.approx(0.4 * 0.31 + 0.3 * 0.42 + 0.2 * 0.28 + 0.1 * 0.19)
    c = eai.contributions
    assert list(c.columns) == ["component", "value", "weight", "weighted", "share_of_index", "rank"]
    np.testing.assert_allclose(c["weighted"], [0.124, 0.126, 0.056, 0.019])
    assert c["share_of_index"].sum() == pytest.approx(1.0)
    assert c["rank"].tolist() == [2, 1, 3, 4]
    assert eai.ranking.index.tolist() == ["W2", "W1", "W3", "W4"]
    assert "CompositeIndex(value=0.325" in repr(eai)


def test_composite_index_names_and_series():
    s = pd.Series([0.2, 0.8], index=["export_share", "growth"])
    out = ind.composite_index(s, [0.5, 0.5])
    assert out.contributions["component"].tolist() == ["export_share", "growth"]
    out2 = ind.composite_index([1, 1], [1, 3], normalize=True, names=["a", "b"])
    np.testing.assert_allclose(out2.contributions["weight"], [0.25, 0.75])
    assert out2.normalized


def test_composite_index_zero_value():
    out = ind.composite_index([0, 0], [0.5, 0.5])
    assert out.value == 0 and out.contributions["share_of_index"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"values": [0.5, 0.5], "weights": [0.5, 0.6]}, ValueError, "weights must sum to 1, but they sum to 1.1"),
        ({"values": [0.5, 0.5], "weights": [1, -1], "normalize": True}, ValueError, "weights must be non-negative"),
        ({"values": [0.5, 0.5], "weights": [0, 0], "normalize": True}, ValueError, "weights must not all be zero"),
        ({"values": [0.5], "weights": [0.5, 0.5]}, ValueError, "values and weights must have the same length"),
        ({"values": [0.5, 2], "weights": [0.5, 0.5], "bounds": (0, 1)}, ValueError, r"within \[0, 1\], but W2 is 2"),
        ({"values": [0.5, 0.5], "weights": [0.5, 0.5], "bounds": (1, 0)}, ValueError, "bounds must be a pair"),
        ({"values": [0.5, 0.5], "weights": [0.5, 0.5], "names": ["a"]}, ValueError, "names must have one entry"),
        ({"values": [0.5, 0.5], "weights": [0.5, 0.5], "names": ["a", "a"]}, ValueError, "names must be unique"),
        ({"values": [0.5, 0.5], "weights": [0.5, 0.5], "names": "ab"}, TypeError, "not a single string"),
        ({"values": [0.5, 0.5], "weights": [0.5, 0.5], "normalize": 1}, TypeError, "normalize must be True or False"),
        ({"values": [], "weights": []}, ValueError, "values has 0 observations"),
    ],
)
def test_composite_index_errors(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ind.composite_index(**kwargs)


@FAST
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0.001, 10)), min_size=1, max_size=10))
def test_composite_index_between_min_and_max(pairs):
    values = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    out = ind.composite_index(values, weights, normalize=True)
    assert min(values) - 1e-12 <= out.value <= max(values) + 1e-12
    assert out.contributions["weight"].sum() == pytest.approx(1.0)
    assert out.contributions["weighted"].sum() == pytest.approx(out.value)


@FAST
@given(st.lists(st.floats(0, 5), min_size=1, max_size=10))
def test_equal_weights_composite_equals_mean_index(values):
    n = len(values)
    assert ind.composite_index(values, [1.0] * n, normalize=True).value == pytest.approx(ind.mean_index(values))
