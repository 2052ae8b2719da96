"""Each computation of document 000's claims against an independent computation with numpy/scipy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sieecon.replication import doc000, recompute

X = np.array([127.7, 128.2, 138.3, 146.2])
Y = np.array([61.3, 68.7, 79.6, 88.4])


def test_pearson_and_regression_as_printed():
    assert recompute("000.pearson_r") == pytest.approx(stats.pearsonr(X, Y)[0])
    slope, intercept, r, p, se = stats.linregress(X, Y)
    assert recompute("000.ols_slope") == pytest.approx(slope)
    assert recompute("000.ols_intercept") == pytest.approx(intercept)
    assert recompute("000.ols_r_squared") == pytest.approx(r**2)
    assert recompute("000.ols_slope_p_value") == pytest.approx(p)


def test_readings_by_hand():
    cx, cy = np.cumsum(X), np.cumsum(Y)
    assert recompute("000.r[cumulative sums]") == pytest.approx(stats.pearsonr(cx, cy)[0])
    assert recompute("000.slope[cumulative sums]") == pytest.approx(stats.linregress(cx, cy).slope)
    t = np.arange(1, 5)
    assert recompute("000.r[exports on the year]") == pytest.approx(stats.pearsonr(t, Y)[0])
    assert recompute("000.r[logarithms]") == pytest.approx(stats.pearsonr(np.log(X), np.log(Y))[0])
    assert recompute("000.slope[funding on exports]") == pytest.approx(stats.linregress(Y, X).slope)
    assert recompute("000.r[one-year lag]") == pytest.approx(stats.pearsonr(X[:-1], Y[1:])[0])
    table = doc000.funding_exports_readings()
    assert list(table["reading"]) == list(doc000.READINGS)


def test_trend_and_forecasts_by_hand():
    t = np.arange(1, 5)
    b, a = np.polyfit(t, Y, 1)
    assert recompute("000.trend_slope") == pytest.approx(b)
    assert recompute("000.trend_intercept") == pytest.approx(a)
    assert recompute("000.forecast_2028") == pytest.approx(a + 8 * b)
    assert recompute("000.forecast_2028[printed equation]") == pytest.approx(51.6 + 9.1 * 8)
    assert recompute("000.forecast_2028_vs_2024_pct[printed equation]") == pytest.approx((124.4 / 88.4 - 1) * 100)
    assert recompute("000.forecast_2028_vs_2021_ratio") == pytest.approx((a + 8 * b) / 61.3)
    assert recompute("000.forecast_mean_growth_2025_2028_pct") == pytest.approx(((a + 8 * b) / 88.4) ** 0.25 * 100 - 100)
    assert recompute("000.observed_mean_growth_2021_2024_pct") == pytest.approx(((88.4 / 61.3) ** (1 / 3) - 1) * 100)


def test_survey_and_index_by_hand():
    means = [3.9, 2.8, 2.6, 2.2, 2.0, 1.8, 2.4]
    assert recompute("000.eq5_sum") == pytest.approx(sum(means))
    assert recompute("000.eq5_eai") == pytest.approx(sum(means) / 7)
    assert recompute("000.table3_share_q1_n43") == pytest.approx(29 / 43 * 100)
    assert recompute("000.table3_share_q6_n43") == pytest.approx(6 / 43 * 100)
    assert recompute("000.table4_weighted_W1") == pytest.approx(0.31 * 0.4)
    assert recompute("000.eq6_eai") == pytest.approx(0.31 * 0.4 + 0.42 * 0.3 + 0.28 * 0.2 + 0.19 * 0.1)


def test_text_arithmetic():
    assert doc000.damu_amount_change() == pytest.approx((1.7 / 2.2 - 1) * 100)
    assert doc000.exporters_base_growth() == pytest.approx((1.53 * 8.2 / 11 - 1) * 100)


def test_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="reading must be one of"):
        doc000._xy("squared")
