"""Tests of sieecon.survey against closed forms, brute force and textbook examples."""

from __future__ import annotations

import itertools
import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sieecon.survey import (
    LikertBounds,
    TestResult,
    chi_square,
    contingency_from_percentages,
    counts_from_shares,
    fisher_exact,
    likert_bounds,
    likert_summary,
    wilson_interval,
    wilson_intervals,
)

TABLE3 = pd.DataFrame({  # document 000, Table 3, lines 286-296, n = 43
    "mean": [3.9, 2.8, 2.6, 2.2, 2.0, 1.8, 2.4],
    "share": [67.4, 32.6, 30.2, 20.9, 16.3, 14.0, 25.6],
})


def printed(k: int, n: int, decimals: int, mode) -> Decimal:
    """k/n·100 rounded as a printer would, in exact decimal arithmetic."""
    value = Decimal(k * 100) / Decimal(n)
    exact = Fraction(k * 100, n)
    # Decimal division is exact enough at 28 digits for these n; check against the Fraction
    assert abs(Fraction(value) - exact) < Fraction(1, 10**20)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


# --- Wilson ----------------------------------------------------------------------------

def test_wilson_newcombe_example():
    lo, hi = wilson_interval(81, 263)
    assert lo == pytest.approx(0.2553, abs=5e-5)
    assert hi == pytest.approx(0.3662, abs=5e-5)


@pytest.mark.parametrize(("k", "n", "alpha"), [(0, 10, 0.05), (10, 10, 0.05), (29, 43, 0.1), (1, 2, 0.01), (81, 263, 0.05)])
def test_wilson_matches_statsmodels(k, n, alpha):
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(k, n, alpha=alpha, method="wilson")
    got = wilson_interval(k, n, alpha)
    assert got[0] == pytest.approx(lo, abs=1e-12)
    assert got[1] == pytest.approx(hi, abs=1e-12)


def test_wilson_zero_successes_closed_form():
    z = stats.norm.ppf(0.975)
    lo, hi = wilson_interval(0, 20)
    assert lo == 0.0
    assert hi == pytest.approx(z**2 / (20 + z**2))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_estimate(kn):
    k, n = kn
    lo, hi = wilson_interval(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


def test_wilson_intervals_vectorised():
    df = wilson_intervals([29, 14], [43, 43], alpha=0.1)
    assert list(df.columns) == ["k", "n", "share", "lower", "upper"]
    assert (df["lower"].iloc[0], df["upper"].iloc[0]) == pytest.approx(wilson_interval(29, 43, 0.1))
    pct = wilson_intervals([29], 43, percent=True)
    assert pct["share"].iloc[0] == pytest.approx(2900 / 43)


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((5, 4), ValueError, "k must lie between 0 and n = 4, got 5"),
        ((-1, 4), ValueError, "k must be at least 0"),
        ((1, 0), ValueError, "n must be at least 1"),
        ((1.5, 4), TypeError, "k must be a whole number"),
        ((True, 4), TypeError, "k must be an integer, not a boolean"),
        ((1, 4, 1.5), ValueError, "alpha must lie strictly between 0 and 1"),
    ],
)
def test_wilson_errors(args, exc, match):
    with pytest.raises(exc, match=match):
        wilson_interval(*args)


def test_wilson_intervals_errors():
    with pytest.raises(ValueError, match="k and n must have the same length"):
        wilson_intervals([1, 2, 3], [4, 5])


# --- counts from shares ------------------------------------------------------------------

def test_counts_from_shares_table3():
    out = counts_from_shares(TABLE3["share"], 43)
    assert out["count"].tolist() == [29, 14, 13, 9, 7, 6, 11]
    assert out["consistent"].all()
    np.testing.assert_allclose(out["share_implied"], np.array([29, 14, 13, 9, 7, 6, 11]) / 43 * 100)
    assert list(out.columns) == ["share_printed", "n", "count", "candidates", "share_implied", "consistent"]


def test_counts_from_shares_half_up_and_half_even_both_considered():
    # 1/8 = 12.5%: half up prints 13, half to even prints 12; both readings must find k = 1
    assert counts_from_shares(13, 8, decimals=0)["candidates"].iloc[0] == [1]
    assert counts_from_shares(12, 8, decimals=0)["candidates"].iloc[0] == [1]
    # 3/8 = 37.5%: half up 38, half even 38
    assert counts_from_shares(38, 8, decimals=0)["candidates"].iloc[0] == [3]
    assert counts_from_shares(37, 8, decimals=0)["candidates"].iloc[0] == []


def test_counts_from_shares_ambiguous_and_inconsistent():
    out = counts_from_shares([50.0, 50.0], [2001, 3])
    assert out["candidates"].iloc[0] == [1000, 1001]
    assert out["count"].isna().iloc[0]
    assert math.isnan(out["share_implied"].iloc[0])
    assert not out["consistent"].iloc[1] and out["candidates"].iloc[1] == []


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 600).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]), st.integers(0, 2))
def test_counts_from_shares_round_trip(kn, mode, decimals):
    k, n = kn
    share = float(printed(k, n, decimals, mode))
    out = counts_from_shares(share, n, decimals=decimals)
    assert k in out["candidates"].iloc[0]
    # every candidate really prints as the share under one of the two roundings
    for c in out["candidates"].iloc[0]:
        assert share in {float(printed(c, n, decimals, ROUND_HALF_UP)), float(printed(c, n, decimals, ROUND_HALF_EVEN))}
    if n <= 100 * 10**decimals:  # a step of 1/n is wider than the printing precision: unique
        assert out["count"].iloc[0] == k


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        (([10.55], 43), {}, ValueError, r"shares_percent\[0\] = 10.55 has more than 1 decimal place"),
        (([101.0], 43), {}, ValueError, r"shares_percent\[0\] = 101 is not a percentage"),
        (([10.0], 0), {}, ValueError, "n must be at least 1"),
        (([10.0], 4.5), {}, TypeError, "n must be a whole number"),
        (([10.0, 20.0], [4, 5, 6]), {}, ValueError, "must have the same length"),
        (([10.0], 43), {"decimals": 7}, ValueError, "decimals must be at most 6"),
        (("10", 43), {}, TypeError, "shares_percent must be a number or a sequence of numbers, not str"),
        ((["10"], 43), {}, TypeError, r"shares_percent must hold numbers, but position 0 is str"),
    ],
)
def test_counts_from_shares_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        counts_from_shares(*args, **kwargs)


# --- Likert ------------------------------------------------------------------------------

def test_likert_summary_raw_against_numpy_scipy():
    rng = np.random.default_rng(3)
    answers = rng.integers(1, 6, 43)
    s = likert_summary(answers).iloc[0]
    assert s["n"] == 43
    assert s["mean"] == pytest.approx(answers.mean())
    assert s["median"] == np.median(answers)
    assert s["sd"] == pytest.approx(answers.std(ddof=1))
    lo, hi = stats.t.interval(0.95, 42, loc=answers.mean(), scale=answers.std(ddof=1) / math.sqrt(43))
    assert (s["mean_low"], s["mean_high"]) == pytest.approx((lo, hi))
    k = int((answers >= 4).sum())
    assert s["top2_count"] == k
    assert s["top2_pct"] == pytest.approx(k / 43 * 100)
    wl, wh = wilson_interval(k, 43)
    assert (s["top2_low_pct"], s["top2_high_pct"]) == pytest.approx((wl * 100, wh * 100))
    assert s["distribution"] == {lv: int((answers == lv).sum()) for lv in range(1, 6)}


def test_likert_summary_counts_equal_raw():
    raw = [1] * 5 + [2] * 10 + [3] * 14 + [4] * 10 + [5] * 4
    a = likert_summary(raw).iloc[0].drop("distribution")
    b = likert_summary(counts={1: 5, 2: 10, 3: 14, 4: 10, 5: 4}).iloc[0].drop("distribution")
    pd.testing.assert_series_equal(a.astype(float), b.astype(float), check_names=False)
    c = likert_summary(counts=pd.Series([5, 10, 14, 10, 4], index=["1", "2", "3", "4", "5"])).iloc[0]
    assert c["mean"] == pytest.approx(127 / 43)


def test_likert_summary_items_and_missing():
    df = pd.DataFrame({"q1": [1, 2, 3, None, 5], "q2": [5, 5, 4, 4, 1]})
    out = likert_summary(df)
    assert list(out.index) == ["q1", "q2"]
    assert out.loc["q1", "n"] == 4 and out.loc["q1", "mean"] == pytest.approx(11 / 4)
    table = pd.DataFrame({1: [1, 0], 2: [1, 0], 3: [1, 0], 4: [0, 2], 5: [1, 2]}, index=["q1", "q2"])
    by_counts = likert_summary(counts=table)
    assert by_counts.loc["q1", "mean"] == pytest.approx(11 / 4)
    assert by_counts.loc["q2", "top2_count"] == 4
    seven = likert_summary({"a": [1, 7, 6, 2]}, scale=(1, 7))
    assert seven.loc["a", "top2_count"] == 2
    one = likert_summary([4])
    assert math.isnan(one.iloc[0]["sd"]) and math.isnan(one.iloc[0]["mean_low"])


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        ((), {}, ValueError, "give exactly one of responses"),
        (([1, 2],), {"counts": {1: 2}}, ValueError, "give exactly one of responses"),
        (([1, 2, 6],), {}, ValueError, r"responses: position 2 is 6, outside the scale 1..5"),
        (([1, 2.5],), {}, ValueError, "position 1 is 2.5, outside the scale"),
        (([1, 2],), {"scale": (1, 2)}, ValueError, "scale must have at least 3 levels"),
        (([1, 2],), {"scale": 5}, TypeError, "scale must be a pair"),
        ((), {"counts": {0: 3, 1: 2}}, ValueError, "counts: level 0 is not a level of the scale 1..5"),
        ((), {"counts": {"high": 3}}, ValueError, "level 'high' is not a level"),
        ((), {"counts": {1: -3}}, ValueError, "count of level 1 must be at least 0"),
        ((), {"counts": {1: 0, 2: 0}}, ValueError, "counts has no responses"),
        ((), {"counts": [1, 2, 3]}, TypeError, "counts must map each scale level to a count"),
        (([None, None],), {}, ValueError, "responses has no responses"),
    ],
)
def test_likert_summary_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        likert_summary(*args, **kwargs)


def test_likert_bounds_table3_all_compatible():
    for mean, share in zip(TABLE3["mean"], TABLE3["share"]):
        b = likert_bounds(mean, share, 43)
        assert isinstance(b, LikertBounds)
        assert b.compatible, b.note
        k = b.counts[0]
        assert b.min_mean == pytest.approx((4 * k + (43 - k)) / 43)
        assert b.max_mean == pytest.approx((5 * k + 3 * (43 - k)) / 43)


def _achievable(n: int) -> set[tuple[Decimal, Decimal]]:
    """All printable (mean, top-2 share) pairs for n answers on a 1..5 scale, by brute force."""
    pairs = set()
    for cut in itertools.combinations(range(n + 4), 4):  # stars and bars
        c = np.diff((-1, *cut, n + 4)) - 1
        total = int((c * np.arange(1, 6)).sum())
        k = int(c[3] + c[4])
        for mode_m in (ROUND_HALF_UP, ROUND_HALF_EVEN):
            mean = (Decimal(total) / Decimal(n)).quantize(Decimal("0.1"), rounding=mode_m)
            for mode_s in (ROUND_HALF_UP, ROUND_HALF_EVEN):
                pairs.add((mean, printed(k, n, 1, mode_s)))
    return pairs


@pytest.mark.parametrize("n", [5, 7])
def test_likert_bounds_against_brute_force(n):
    pairs = _achievable(n)
    shares = sorted({s for _, s in pairs})
    for share in shares:
        for m10 in range(10, 51):
            mean = Decimal(m10) / 10
            got = likert_bounds(float(mean), float(share), n).compatible
            assert got == ((mean, share) in pairs), (n, mean, share)


def test_likert_bounds_incompatible_and_inconsistent_share():
    b = likert_bounds(1.5, 67.4, 43)
    assert not b.compatible and "NOT compatible" in b.note
    c = likert_bounds(3.0, 50.0, 3)
    assert not c.compatible and c.counts == () and "inconsistent with n" in c.note


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        ((6.0, 50.0, 10), {}, ValueError, r"mean must lie on the scale 1..5, got 6"),
        ((3.0, 50.0, 0), {}, ValueError, "n must be at least 1"),
        (("3", 50.0, 10), {}, TypeError, "mean must be a finite number"),
        ((3.05, 50.0, 10), {}, ValueError, "mean = 3.05 has more than 1 decimal place"),
        ((3.0, 150.0, 10), {}, ValueError, "is not a percentage"),
    ],
)
def test_likert_bounds_errors(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        likert_bounds(*args, **kwargs)


# --- contingency tables ----------------------------------------------------------------------

def test_contingency_round_trip_columns_and_index():
    counts = pd.DataFrame({"a": [12, 30, 7], "b": [5, 9, 21], "c": [40, 2, 13]}, index=["x", "y", "z"])
    col_pct = (counts / counts.sum() * 100).round(1)
    rebuilt = contingency_from_percentages(col_pct, counts.sum())
    pd.testing.assert_frame_equal(rebuilt.astype("int64"), counts)
    assert rebuilt.attrs["all_reproduced"]
    row_pct = (counts.div(counts.sum(axis=1), axis=0) * 100).round(1)
    rebuilt_rows, report = contingency_from_percentages(row_pct, counts.sum(axis=1).tolist(), axis="index",
                                                        return_report=True)
    pd.testing.assert_frame_equal(rebuilt_rows.astype("int64"), counts)
    assert set(report["status"]) == {"exact"}
    assert list(report.columns) == ["row", "column", "pct_printed", "base", "count", "pct_implied",
                                    "difference", "status", "candidates"]
    totals = pd.DataFrame(rebuilt.attrs["totals"])
    assert totals["count_sum"].tolist() == counts.sum().tolist()
    # attrs hold plain records: concatenating rebuilt tables must work
    assert pd.concat([rebuilt, rebuilt]).shape == (6, 3)


def test_contingency_flags_unreproducible_and_ambiguous():
    pct = pd.DataFrame({"g1": [50.0, 50.0], "g2": [33.3, 66.7]}, index=["yes", "no"])
    counts, report = contingency_from_percentages(pct, pd.Series({"g2": 3, "g1": 3}), return_report=True)
    assert not counts.attrs["all_reproduced"]
    g1 = report[report["column"] == "g1"]
    assert set(g1["status"]) == {"not reproducible"}
    assert counts.loc["yes", "g2"] == 1 and counts.loc["no", "g2"] == 2
    amb = contingency_from_percentages(pd.DataFrame({"g": [50.0]}), [2001], return_report=True)[1]
    assert amb["status"].iloc[0] == "ambiguous" and amb["count"].iloc[0] == 1000  # nearest to 1000.5, lower on a tie


@pytest.mark.parametrize(
    ("pct", "bases", "kwargs", "exc", "match"),
    [
        ([[50.0]], [2], {}, TypeError, "pct must be a pandas DataFrame"),
        (pd.DataFrame({"a": [50.0]}), [2, 3], {}, ValueError, r"bases must give one base per column \(1\), got 2"),
        (pd.DataFrame({"a": [50.0]}), pd.Series({"b": 2}), {}, KeyError, "bases has no entry for 'a'"),
        (pd.DataFrame({"a": [np.nan]}), [2], {}, ValueError, "pct has a missing value at row 0, column 'a'"),
        (pd.DataFrame({"a": [150.0]}), [2], {}, ValueError, "not a percentage between 0 and 100"),
        (pd.DataFrame({"a": [50.0]}), [0], {}, ValueError, "must be at least 1"),
        (pd.DataFrame({"a": [50.0]}), [2], {"axis": "rows"}, ValueError, "axis must be one of 'columns', 'index'"),
        (pd.DataFrame({"a": [33.33]}), [3], {}, ValueError, "has more than 1 decimal place"),
        (pd.DataFrame({"a": ["x"]}), [3], {}, TypeError, "pct must hold numbers"),
    ],
)
def test_contingency_errors(pct, bases, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        contingency_from_percentages(pct, bases, **kwargs)


# --- tests of independence -----------------------------------------------------------------------

def test_chi_square_2x2_closed_form():
    a, b, c, d = 10, 20, 20, 10
    n = a + b + c + d
    chi2 = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    res = chi_square([[a, b], [c, d]])
    assert res.statistic == pytest.approx(chi2)
    assert res.p_value == pytest.approx(stats.chi2.sf(chi2, 1))
    assert res.dof == 1 and res.warning == ""
    yates = chi_square([[a, b], [c, d]], correction=True)
    chi2_y = n * (abs(a * d - b * c) - n / 2) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    assert yates.statistic == pytest.approx(chi2_y)
    assert "Yates" in yates.test
    assert isinstance(res, TestResult)
    assert "TestResult(test='chi-square'" in repr(res)


def test_chi_square_rxc_closed_form_and_labels():
    table = pd.DataFrame({"young": [20, 15, 5], "middle": [30, 25, 20], "old": [10, 20, 25]},
                         index=["satisfied", "neutral", "unsatisfied"])
    obs = table.to_numpy(dtype=float)
    exp = np.outer(obs.sum(1), obs.sum(0)) / obs.sum()
    chi2 = ((obs - exp) ** 2 / exp).sum()
    res = chi_square(table)
    assert res.statistic == pytest.approx(chi2)
    assert res.dof == 4
    np.testing.assert_allclose(res.expected.to_numpy(), exp)
    assert list(res.expected.index) == ["satisfied", "neutral", "unsatisfied"]


def test_chi_square_small_expected_warnings():
    broken = chi_square([[3, 1], [1, 3]])
    assert "Cochran's rule" in broken.warning and "broken" in broken.warning and "fisher_exact" in broken.warning
    assert "warning:" in repr(broken)
    # 2 of 10 cells (20%) expect 3, none below 1: within Cochran's rule
    mild = chi_square([[100, 100]] * 4 + [[3, 3]])
    assert mild.warning.startswith("2 of 10 expected counts (20%) are below 5 (smallest 3.00)")
    assert "within Cochran's rule" in mild.warning and "fisher_exact" not in mild.warning


def test_fisher_exact_tea_tasting():
    res = fisher_exact([[3, 1], [1, 3]], alternative="greater")
    assert res.p_value == pytest.approx(17 / 70)  # hypergeometric: (16 + 1) / 70
    assert res.statistic == pytest.approx(9.0)
    two = fisher_exact(pd.DataFrame([[3, 1], [1, 3]], index=["r1", "r2"], columns=["c1", "c2"]))
    assert two.p_value == pytest.approx(34 / 70)
    assert two.dof is None and list(two.expected.columns) == ["c1", "c2"]
    np.testing.assert_allclose(two.expected.to_numpy(), [[2, 2], [2, 2]])


@pytest.mark.parametrize(
    ("func", "table", "kwargs", "exc", "match"),
    [
        (fisher_exact, [[1, 2, 3], [4, 5, 6]], {}, ValueError, "fisher_exact supports only 2×2 tables, got a 2×3 table"),
        (fisher_exact, [[1, 2], [3, 4]], {"alternative": "bigger"}, ValueError, "alternative must be one of"),
        (chi_square, [1, 2, 3], {}, ValueError, "table must be two-dimensional"),
        (chi_square, [[1, 2, 3]], {}, ValueError, "at least 2 rows and 2 columns, got 1×3"),
        (chi_square, [[10.5, 20], [20, 10]], {}, ValueError, "non-negative whole counts .not percentages."),
        (chi_square, [[-1, 20], [20, 10]], {}, ValueError, "non-negative whole counts"),
        (chi_square, [[0, 0], [20, 10]], {}, ValueError, "row 0 has no observations"),
        (chi_square, [[1, 0], [2, 0]], {}, ValueError, "column 1 has no observations"),
        (chi_square, [["a", 1], [2, 3]], {}, TypeError, "table must hold counts"),
        (chi_square, [[1, 2], [3, 4]], {"correction": "no"}, TypeError, "correction must be True or False"),
    ],
)
def test_independence_errors(func, table, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        func(table, **kwargs)
