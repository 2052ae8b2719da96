"""Arithmetic cross-checks of the transcribed tables of documents 000, 001, 002 and 004.

The transcribers wrote, per table, the checks each document allows and whether they hold
(``data/001/CHECKS-*.md``, ``data/002/CHECKS.md``, ``data/004/CHECKS.md``,
``data/RECONCILIATION.md``; document 000 has no CHECKS file, its checks are derived here from
the tables). This module turns them into tests of the *tables' own consistency*:

* shares equal their quotients, sums equal their totals, growth rates and indices equal the ratios
  of their levels, within the printed rounding;
* counts rebuilt from percentages and base sizes (``sieecon.survey.counts_from_shares`` and
  ``contingency_from_percentages``) reproduce the printed percentages;
* percentages of a group add up to 100, years are continuous, text tables have the printed number
  of items;
* the same quantity in two datasets agrees.

The numbers the documents print in their *text* (model coefficients, forecasts, growth rates in
sentences) are judged by the replication ledger (``data/claims/*.yaml``); they appear here only where
a dataset restates them and a table gives the other side.

Rounding rules (``Check.rule``): ``round`` — the printed value is the computed one rounded at the
printed decimals (tolerance half a unit of the last printed digit); ``trunc`` — truncated (cut) at the
printed decimals, used where the transcribers found the table truncating (Кесте 7's change column,
Кесте 8's shares, Кесте 10's Iж, Кесте 12's shares); ``round|trunc`` — either, for Кесте 11, whose
shares mix the two (documented in its notes); ``abs``/``rel`` — an absolute or relative tolerance
stated with the check (a sum of n rounded numbers may differ from its rounded total by (n + 1) half
units); ``equal`` — exact (counts, structure); ``le`` — the printed value is at most the computed one
(a part and its whole, a lower bound in the text); ``between`` — within bounds.

Every check either holds, or is a documented author error listed in ``KNOWN_AUTHOR_ERRORS`` (the
check must fail, and the notes or corrections of each dataset named must mention it), or is an
undocumented failure listed in ``UNDOCUMENTED_FAILURES`` (``xfail(strict=True)``, reported to the
lead; the data are not changed). ``test_failures_are_exactly_the_listed_ones`` makes a fixed cell or a
new discrepancy show up.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from sieecon import data
from sieecon.survey import contingency_from_percentages, counts_from_shares

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ("000", "001", "002", "004")


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

@functools.cache
def _df(name: str) -> pd.DataFrame:
    return data.load(name)


@functools.cache
def _raw(name: str) -> list[dict[str, str]]:
    """The CSV cells as strings (for the number of decimals transcribed)."""
    path = data.data_dir() / data.descriptor(name)["path"]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh)]
    assert len(rows) == len(_df(name)), f"{name}: loader and CSV disagree on the number of rows"
    return rows


@functools.cache
def _documentation(name: str) -> str:
    """Notes, description and corrections of a dataset: where an author error must be recorded."""
    desc = data.descriptor(name)
    text = " ".join([str(desc.get("notes") or ""), str(desc.get("description") or ""),
                     json.dumps(desc.get("corrections") or [], ensure_ascii=False)])
    return _squash(text)


def _squash(text: str) -> str:
    """Whitespace runs to one space, so that re-wrapped prose still matches."""
    return " ".join(text.split())


def _match(name: str, key: dict[str, Any]) -> int:
    df = _df(name)
    mask = pd.Series(True, index=df.index)
    for col, val in key.items():
        mask &= df[col].astype(object) == val
    idx = list(df.index[mask])
    assert len(idx) == 1, f"{name}: {len(idx)} rows match {key}"
    return idx[0]


def _v(name: str, field: str, **key: Any) -> Any:
    v = _df(name).at[_match(name, key), field]
    return None if v is pd.NA else v


def _dec(name: str, field: str, **key: Any) -> int:
    """Decimals of the cell as transcribed ('5.8' → 1; '24' → 0)."""
    s = _raw(name)[_match(name, key)][field].strip()
    return len(s.split(".")[1]) if "." in s else 0


def _series(name: str, field: str = "value", **key: Any) -> dict[int, float]:
    df = _df(name)
    mask = pd.Series(True, index=df.index)
    for col, val in key.items():
        mask &= df[col].astype(object) == val
    sub = df[mask]
    out = {int(y): float(v) for y, v in zip(sub["year"], sub[field])}
    assert len(out) == len(sub), f"{name}: repeated years for {key}"
    return out


def _half(decimals: int) -> float:
    return 0.5 * 10.0 ** (-decimals)


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    dataset: str          # the dataset whose printed cell is checked
    row: str              # the row, by its key values
    field: str            # the column
    what: str             # short slug: what is checked
    printed: float        # the value in the dataset (as printed)
    computed: float       # what the other cells give
    rule: str             # round | trunc | round|trunc | abs | rel | equal | le | between
    how: str              # the computation, with sources
    decimals: int | None = None
    tol: float = 0.0
    lo: float | None = None
    hi: float | None = None
    other: tuple[str, ...] = ()   # other datasets the check uses

    @property
    def id(self) -> str:
        return f"{self.dataset}:{self.row}:{self.field}:{self.what}"

    def holds(self) -> bool:
        p, c = float(self.printed), float(self.computed)
        if self.rule in ("round", "trunc", "round|trunc"):
            assert self.decimals is not None
            scale = 10.0 ** self.decimals
            ps, cs = round(p * scale), c * scale
            by_round = abs(cs - ps) <= 0.5 + 1e-7          # half up or half to even
            by_trunc = math.floor(cs + 1e-7) == ps          # values are positive
            return {"round": by_round, "trunc": by_trunc, "round|trunc": by_round or by_trunc}[self.rule]
        if self.rule == "abs":
            return abs(p - c) <= self.tol + 1e-9
        if self.rule == "rel":
            return abs(p - c) <= self.tol * max(abs(p), abs(c), 1e-300)
        if self.rule == "equal":
            return p == c
        if self.rule == "le":
            return p <= c + self.tol + 1e-12
        if self.rule == "between":
            assert self.lo is not None and self.hi is not None
            return self.lo - self.tol - 1e-12 <= p <= self.hi + self.tol + 1e-12
        raise ValueError(f"unknown rule {self.rule!r}")

    def message(self) -> str:
        tail = {"round": f"rounded at {self.decimals} decimals", "trunc": f"truncated at {self.decimals} decimals",
                "round|trunc": f"rounded or truncated at {self.decimals} decimals",
                "abs": f"within ±{self.tol:g}", "rel": f"within a relative {self.tol:g}",
                "equal": "exactly", "le": f"printed ≤ computed (+{self.tol:g})",
                "between": f"between {self.lo} and {self.hi} (±{self.tol:g})"}[self.rule]
        return (f"{self.dataset}, row {self.row}, column {self.field!r} ({self.what}): printed {self.printed!r}, "
                f"computed {self.computed:.10g} [{self.how}]; expected to agree {tail}")


CHECKS: list[Check] = []


def _add(**kw: Any) -> None:
    kw["other"] = tuple(kw.get("other", ()))
    CHECKS.append(Check(**kw))


def _tname(s: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.+-]+", "_", s).strip("_")


# ---------------------------------------------------------------------------
# Document 000
# ---------------------------------------------------------------------------

def _checks_000() -> None:
    # Table 4: weighted value = average × weight (three decimals, line 332-340); weights add to 1;
    # the printed final EAI (0.325, line 339; claims register 000-eq6-eai) is their sum.
    n = "000_eai_weighted"
    df = _df(n)
    for _, r in df.iterrows():
        _add(dataset=n, row=r.component, field="weighted_value_printed", what="average_x_weight",
             printed=r.weighted_value_printed, computed=r.average_value * r.weight, rule="round",
             decimals=_dec(n, "weighted_value_printed", component=r.component),
             how=f"{r.average_value} × {r.weight}")
    _add(dataset=n, row="all", field="weight", what="weights_sum_to_1", printed=1.0,
         computed=float(df.weight.sum()), rule="abs", tol=1e-9, how="sum of the four weights")
    claims = yaml.safe_load((ROOT / "data" / "claims" / "000.yaml").read_text(encoding="utf-8"))
    claim = next(c for c in claims if isinstance(c, dict) and c.get("id") == "000-eq6-eai")
    _add(dataset=n, row="final_EAI", field="weighted_value_printed", what="final_eai_is_sum",
         printed=float(claim["printed"]), computed=float(df.weighted_value_printed.sum()), rule="abs",
         tol=(len(df) + 1) * _half(3), how="sum of the printed weighted values; final EAI from claim 000-eq6-eai")

    # Table 3: n = 43 (line 179). Each top-2 share must be k/43; each mean must lie between the least
    # and the largest mean a sample with that top-2 share allows (others answer 1–3, the top 2 answer 4–5).
    n = "000_survey_export_orientation"
    df = _df(n)
    rebuilt = counts_from_shares(df.share_top2.tolist(), 43, decimals=1)
    for (_, r), (_, c) in zip(df.iterrows(), rebuilt.iterrows()):
        k = c["count"] if c["consistent"] else round(r.share_top2 * 43 / 100)
        _add(dataset=n, row=f"question_{r.question}", field="share_top2", what="k_of_43",
             printed=r.share_top2, computed=int(k) / 43 * 100, rule="round", decimals=1,
             how=f"{int(k)} of 43 respondents (counts_from_shares)")
        p = int(k) / 43
        _add(dataset=n, row=f"question_{r.question}", field="mean_score", what="mean_feasible_given_top2",
             printed=r.mean_score, computed=r.mean_score, rule="between", lo=1 + 3 * p, hi=3 + 2 * p,
             tol=_half(1), how=f"top-2 share {int(k)}/43: mean between 1 + 3p and 3 + 2p")


# ---------------------------------------------------------------------------
# Document 001: tables
# ---------------------------------------------------------------------------

def _checks_001_tables() -> None:
    # Кесте 7 (lines 975–1020): lending + subsidies + guarantees = total; change column = 2020 / 2016,
    # truncated (182,5 for 182.59 is the one cell that needs it; CHECKS-tables1-7.md).
    n = "001_table07_sme_support_spending"
    parts = ("lending", "subsidies", "guarantees")
    for y in range(2016, 2021):
        total = _v(n, "value", instrument="total", year=y)
        s = sum(_v(n, "value", instrument=i, year=y) for i in parts)
        _add(dataset=n, row=f"total/{y}", field="value", what="sum_of_instruments", printed=total, computed=s,
             rule="abs", tol=4 * _half(0), how="lending + subsidies + guarantees (holds exactly)")
    m = "001_table07_sme_support_spending_change"
    for inst in (*parts, "total"):
        ratio = _v(n, "value", instrument=inst, year=2020) / _v(n, "value", instrument=inst, year=2016)
        unit = _v(m, "change_unit", instrument=inst)
        _add(dataset=m, row=inst, field="change_value", what="ratio_2020_2016", printed=_v(m, "change_value", instrument=inst),
             computed=ratio * (100 if unit == "%" else 1), rule="trunc", decimals=_dec(m, "change_value", instrument=inst),
             how=f"2020 / 2016 of Кесте 7's levels ({unit})", other=[n])

    # Кесте 8 (lines 1100–1139): share = region / country × 100, truncated at the printed 2 decimals
    # ('5,80' is transcribed 5.8); growth column = 2020 / 2016 × 100, rounded.
    n = "001_table08_grp"
    kz, ek = _series(n, indicator="kazakhstan", measure="level"), _series(n, indicator="east_kazakhstan", measure="level")
    sh = _series(n, indicator="east_kazakhstan_share", measure="level")
    for y in kz:
        _add(dataset=n, row=f"east_kazakhstan_share/{y}", field="value", what="region_over_country",
             printed=sh[y], computed=ek[y] / kz[y] * 100, rule="trunc", decimals=2,
             how=f"{ek[y]:.0f} / {kz[y]:.0f} × 100")
    for ind, levels in (("kazakhstan", kz), ("east_kazakhstan", ek), ("east_kazakhstan_share", sh)):
        _add(dataset=n, row=f"{ind}/growth_2020_vs_2016", field="value", what="growth_from_levels",
             printed=_v(n, "value", indicator=ind, measure="growth_2020_vs_2016"),
             computed=levels[2020] / levels[2016] * 100, rule="round", decimals=1,
             how=f"{levels[2020]:g} / {levels[2016]:g} × 100")

    # Кесте 8 against the chart data of Сурет 18 (line 2453) and Кесте 18's VRP (bln KZT).
    c = "001_chart_grp_by_region"
    for ind, series in (("kazakhstan", "grp_kazakhstan"), ("east_kazakhstan", "grp_east_kazakhstan")):
        chart = _series(c, "value_excel", series=series)
        for y, v in _series(n, indicator=ind, measure="level").items():
            _add(dataset=n, row=f"{ind}/{y}", field="value", what="same_as_chart18", printed=v, computed=chart[y],
                 rule="round", decimals=0, how="Сурет 18 chart data (line 2453), rounded to whole mln KZT", other=[c])
    t18 = "001_table18_socioeconomic_indicators"
    for y, v in _series(n, indicator="east_kazakhstan", measure="level").items():
        _add(dataset=t18, row=str(y), field="vrp", what="same_as_table08", printed=_v(t18, "vrp", year=y),
             computed=v / 1000, rule="round", decimals=1, how=f"Кесте 8: {v:.0f} mln KZT / 1000", other=[n])

    # Кесте 9 (lines 1154–1190): ratio column = 2020 / 2016, rounded at 2 decimals.
    n = "001_table09_sme_dynamics"
    for ind in ("small_enterprises", "employees", "turnover"):
        lv = _series(n, indicator=ind, measure="level")
        _add(dataset=n, row=f"{ind}/ratio_2020_to_2016", field="value", what="ratio_from_levels",
             printed=_v(n, "value", indicator=ind, measure="ratio_2020_to_2016"), computed=lv[2020] / lv[2016],
             rule="round", decimals=2, how=f"{lv[2020]:g} / {lv[2016]:g}")

    # Кесте 10 (lines 1281–1311): Iж = products / costs (eq. 7), truncated (5,6 for 5.663).
    n = "001_table10_innovation_efficiency"
    prod, cost = _series(n, indicator="innovative_products"), _series(n, indicator="technological_innovation_costs")
    for y, v in _series(n, indicator="i_zh").items():
        _add(dataset=n, row=f"i_zh/{y}", field="value", what="products_over_costs", printed=v,
             computed=prod[y] / cost[y], rule="trunc", decimals=_dec(n, "value", indicator="i_zh", year=y),
             how=f"{prod[y]} / {cost[y]}")
    c = "001_chart_innovative_products_by_region"
    for y, v in _series(c, series="kazakhstan").items():
        _add(dataset=n, row=f"innovative_products/{y}", field="value", what="same_as_chart22", printed=prod[y],
             computed=v, rule="round", decimals=1, how="Сурет 22 chart data (line 2454)", other=[c])
    # The same label, 'technological innovation expenditure', in Кесте 10 and Кесте 12 row 1.
    t12 = "001_table12_innovation_potential"
    for y, v in _series(t12, indicator="technological_innovation_costs").items():
        _add(dataset=n, row=f"technological_innovation_costs/{y}", field="value", what="same_as_table12",
             printed=cost[y], computed=v, rule="round", decimals=0,
             how="Кесте 12 row 1 (lines 1414–1419), same label", other=[t12])

    # Кесте 11 (lines 1317–1372): share = region / country × 100; the table rounds some cells and
    # truncates others (notes), so either is accepted.
    n = "001_table11_innovative_enterprises"
    for grp in ("all_enterprises", "with_innovations"):
        kz, ek = _series(n, row="kazakhstan", group=grp), _series(n, row="east_kazakhstan", group=grp)
        for y, v in _series(n, row="east_kazakhstan_share", group=grp).items():
            _add(dataset=n, row=f"east_kazakhstan_share/{grp}/{y}", field="value", what="region_over_country",
                 printed=v, computed=ek[y] / kz[y] * 100, rule="round|trunc", decimals=1,
                 how=f"{ek[y]:.0f} / {kz[y]:.0f} × 100")
    # Counts against the chart data (Сурет 9, 10, 20).
    pairs = [
        ("001_chart_innovative_enterprises", {"series": "kazakhstan"}, "kazakhstan", "with_innovations"),
        ("001_chart_innovative_enterprises", {"series": "east_kazakhstan"}, "east_kazakhstan", "with_innovations"),
        ("001_chart_innovation_activity_east_kazakhstan", {"series": "enterprises"}, "east_kazakhstan", "all_enterprises"),
        ("001_chart_innovation_activity_east_kazakhstan", {"series": "innovative_enterprises"}, "east_kazakhstan", "with_innovations"),
        ("001_chart_innovation_activity_kazakhstan", {"series": "enterprises"}, "kazakhstan", "all_enterprises"),
        ("001_chart_innovation_activity_kazakhstan", {"series": "innovative_enterprises"}, "kazakhstan", "with_innovations"),
    ]
    for chart, key, row, grp in pairs:
        t = _series(n, row=row, group=grp)
        for y, v in _series(chart, **key).items():
            if y in t:
                _add(dataset=chart, row=f"{key['series']}/{y}", field="value", what="same_as_table11", printed=v,
                     computed=t[y], rule="equal", how=f"Кесте 11, {row}, {grp}", other=[n])
    # Chart 9's share (an Excel formula) against Кесте 11's printed share: the same quantity.
    c = "001_chart_innovative_enterprises"
    for y, v in _series(c, "value_excel", series="share_east_kazakhstan").items():
        _add(dataset=n, row=f"east_kazakhstan_share/with_innovations/{y}", field="value", what="same_as_chart09",
             printed=_v(n, "value", row="east_kazakhstan_share", group="with_innovations", year=y), computed=v,
             rule="round|trunc", decimals=1, how="Сурет 9 chart data (line 2452), Excel formula", other=[c])
    # The region's innovation activity level (with innovations / all) is Кесте 17's INact (2016–2020).
    t17 = "001_table17_innovation_spending"
    allek, innek = _series(n, row="east_kazakhstan", group="all_enterprises"), _series(n, row="east_kazakhstan", group="with_innovations")
    for y in allek:
        _add(dataset=t17, row=str(y), field="inact", what="activity_from_table11", printed=_v(t17, "inact", year=y),
             computed=innek[y] / allek[y] * 100, rule="round", decimals=1,
             how=f"Кесте 11: {innek[y]:.0f} / {allek[y]:.0f} × 100", other=[n])

    # Кесте 12 (lines 1405–1449): shares = part / technological innovation × 100, truncated; 2019–2020
    # machinery cells are printed in 'times'. Parts at most the whole (the text treats them so, line 1394).
    n = t12
    tot = _series(n, indicator="technological_innovation_costs")
    for share, part in (("machinery_share", "machinery_costs"), ("rd_share", "rd_costs")):
        pv = _series(n, indicator=part)
        for y, v in _series(n, indicator=share).items():
            unit = _v(n, "unit", indicator=share, year=y)
            _add(dataset=n, row=f"{share}/{y}", field="value", what="part_over_total", printed=v,
                 computed=pv[y] / tot[y] * (100 if unit == "%" else 1), rule="trunc",
                 decimals=_dec(n, "value", indicator=share, year=y), how=f"{pv[y]:.0f} / {tot[y]:.0f} ({unit})")
        for y in pv:
            _add(dataset=n, row=f"{part}/{y}", field="value", what="part_at_most_total", printed=pv[y],
                 computed=tot[y], rule="le", how=f"{part} ≤ technological innovation expenditure {tot[y]:.0f}")

    # Кесте 13 (lines 1457–1477): scores on the stated 1–5 scale (line 1455).
    n = "001_table13_survey_problems"
    for _, r in _df(n).iterrows():
        _add(dataset=n, row=f"problem_{r.order}", field="score", what="on_1_5_scale", printed=r.score,
             computed=r.score, rule="between", lo=1, hi=5, how="scale 1–5 (line 1455)")

    # Models restated in the text (001_printed_model_forecasts) against 001_printed_models and the
    # tables' 2020 values. Forecasts from rounded coefficients carry the coefficients' rounding
    # (±0.0005 each): the tolerance adds it to half a unit of the printed forecast.
    pm, pf = "001_printed_models", "001_printed_model_forecasts"
    f = lambda key: float(_v(pf, "value", key=key))  # noqa: E731
    coef = lambda eq, col: float(_v(pm, col, equation=eq))  # noqa: E731
    for key, eq, col, sign in (("eq10_elasticity_dzin", 10, "b_dzin", 1), ("eq10_elasticity_nsb", 10, "b_nsb", 1),
                               ("eq15_elasticity_nsb", 15, "b_nsb", -1), ("eq16_elasticity_ptsb", 16, "b_ptsb", 1)):
        _add(dataset=pf, row=key, field="value", what="same_as_model_coefficient", printed=f(key),
             computed=sign * coef(eq, col), rule="abs", tol=_half(_dec(pf, "value", key=key)) + 0.0005,
             how=f"eq. ({eq}) {col} = {coef(eq, col)}", other=[pm])
    _add(dataset=pf, row="eq10_elasticity_ratio", field="value", what="ratio_of_coefficients", printed=f("eq10_elasticity_ratio"),
         computed=coef(10, "b_nsb") / coef(10, "b_dzin"), rule="round", decimals=1, how="1.931 / 0.355", other=[pm])
    c12, b12 = coef(12, "constant"), coef(12, "b_t")
    for key, t in (("eq12_nsb_2025", 16), ("eq15_nsb_2025", 16), ("eq15_nsb_2030", 21)):
        val = math.exp(c12 + b12 * math.log(t))
        _add(dataset=pf, row=key, field="value", what="eq12_forecast", printed=f(key), computed=val, rule="abs",
             tol=_half(_dec(pf, "value", key=key)) + val * 0.0005 * (1 + math.log(t)),
             how=f"exp({c12} + {b12} ln {t}), t = 1 in 2010", other=[pm])
    c14, b14 = coef(14, "constant"), coef(14, "b_t")
    for key, t in (("eq14_ptsb_2025", 16), ("eq14_ptsb_2030", 21)):
        _add(dataset=pf, row=key, field="value", what="eq14_forecast", printed=f(key), computed=c14 + b14 * t,
             rule="abs", tol=_half(2) + 0.0005 * (1 + t), how=f"{c14} + {b14}·{t}", other=[pm])
    nsb20 = float(_v(t17, "nsb", year=2020))
    _add(dataset=pf, row="eq12_nsb_growth_2025", field="value", what="growth_on_table17", printed=f("eq12_nsb_growth_2025"),
         computed=(f("eq12_nsb_2025") / nsb20 - 1) * 100, rule="round", decimals=1,
         how=f"97.65 / Кесте 17 Nsb 2020 ({nsb20}) − 1", other=[t17])
    inact20 = float(_v(t17, "inact", year=2020))
    for lvl, grw in (("eq10_inact_2025", "eq10_inact_growth_2025"), ("eq10_inact_2030", "eq10_inact_growth_2030")):
        _add(dataset=pf, row=lvl, field="value", what="level_from_growth_on_table17", printed=f(lvl),
             computed=inact20 * (1 + f(grw) / 100), rule="round", decimals=1,
             how=f"Кесте 17 INact 2020 ({inact20}) × (1 + {f(grw)}%)", other=[t17])
    ub20 = float(_v(t18, "ub", year=2020))
    for lvl, fall in (("eq15_ub_2025", "eq15_ub_fall_2025"), ("eq15_ub_2030", "eq15_ub_fall_2030")):
        _add(dataset=pf, row=lvl, field="value", what="level_minus_fall_on_table18", printed=f(lvl),
             computed=ub20 - f(fall), rule="round", decimals=2,
             how=f"Кесте 18 UB 2020 ({ub20}) − {f(fall)} (falls read as points, as printed)", other=[t18])


# ---------------------------------------------------------------------------
# Document 001: chart data (lines 2451–2454)
# ---------------------------------------------------------------------------

#: Precision of `value` for each chart series (from each descriptor's notes): value = value_excel
#: rounded half-up at these decimals (a transcription rule, not a correction).
CHART_PRECISION: dict[str, dict[str, int]] = {
    "001_chart_grp_by_region": {"grp_kazakhstan": 1, "grp_east_kazakhstan": 1, "growth_east_kazakhstan": 1},
    "001_chart_innovation_activity_east_kazakhstan": {"enterprises": 0, "innovative_enterprises": 0, "activity_level": 1},
    "001_chart_innovation_activity_kazakhstan": {"enterprises": 0, "innovative_enterprises": 0, "activity_level": 1},
    "001_chart_innovation_expenditure_by_ownership": {"state_ownership": 1, "private_ownership": 1},
    "001_chart_innovative_enterprises": {"kazakhstan": 0, "east_kazakhstan": 0, "share_east_kazakhstan": 1},
    "001_chart_innovative_products_by_region": {"kazakhstan": 1, "east_kazakhstan": 1},
    "001_chart_innovative_products_share_gdp": {"innovative_products_share_gdp": 2},
    "001_chart_innovative_products_share_gdp_2004_2020": {"innovative_products_share_gdp": 2},
    "001_chart_rd_dynamics": {"rd_expenditure": 1, "rd_share_gdp": 2, "rd_personnel": 0, "rd_organisations": 0},
    "001_chart_small_business_output": {"output": 0, "growth_rate": 1},
    "001_chart_small_business_share_gdp": {"share_kazakhstan": 1, "share_east_kazakhstan": 1, "growth_east_kazakhstan": 1},
    "001_chart_small_enterprises_by_activity": {"share": 1, "count": 0},
}


def _checks_001_charts() -> None:
    for n, prec in CHART_PRECISION.items():
        for i, r in _df(n).iterrows():
            where = f"{r.series}/{r.year}" + (f"/{r.order}" if "order" in r.index else "")
            _add(dataset=n, row=where, field="value", what="rounds_value_excel", printed=r.value,
                 computed=float(r.value_excel), rule="round", decimals=prec[r.series],
                 how=f"value_excel {r.value_excel!r} rounded at {prec[r.series]} decimals")

    gdp = _series("001_chart_grp_by_region", "value_excel", series="grp_kazakhstan")

    # Сурет 18: growth (2017–2020) = GRP(t) / GRP(t−1) × 100 of the region; 2016 (100) is a base placeholder.
    n = "001_chart_grp_by_region"
    ek = _series(n, "value_excel", series="grp_east_kazakhstan")
    for y, v in _series(n, series="growth_east_kazakhstan").items():
        if y > 2016:
            _add(dataset=n, row=f"growth_east_kazakhstan/{y}", field="value", what="ratio_of_levels", printed=v,
                 computed=ek[y] / ek[y - 1] * 100, rule="round", decimals=1, how=f"GRP {y} / GRP {y - 1} × 100")

    # Сурет 6: growth 2017–2020 are Excel formulas output(t) / output(t−1) × 100; 2016 (133) is typed.
    n = "001_chart_small_business_output"
    out = _series(n, "value_excel", series="output")
    for y, v in _series(n, "value_excel", series="growth_rate").items():
        if y > 2016:
            _add(dataset=n, row=f"growth_rate/{y}", field="value_excel", what="ratio_of_levels", printed=v,
                 computed=out[y] / out[y - 1] * 100, rule="rel", tol=1e-9, how=f"output {y} / output {y - 1} × 100")

    # Сурет 7: shares add to 100; counts = share × 12296 / 100 (Кесте 9, small enterprises 2020).
    n = "001_chart_small_enterprises_by_activity"
    df = _df(n)
    shares, counts = df[df.series == "share"], df[df.series == "count"]
    _add(dataset=n, row="share/all", field="value", what="shares_sum_to_100", printed=100.0,
         computed=float(shares.value.sum()), rule="abs", tol=len(shares) * _half(1), how="sum of the eight shares")
    n2016 = _v("001_table09_sme_dynamics", "value", indicator="small_enterprises", measure="level", year=2020)
    for _, r in counts.iterrows():
        s = float(shares.loc[shares.order == r.order, "value_excel"].iloc[0])
        _add(dataset=n, row=f"count/{r.order}", field="value_excel", what="share_x_table09_total", printed=float(r.value_excel),
             computed=s * n2016 / 100, rule="rel", tol=1e-9, how=f"{s} % × {n2016:.0f} (Кесте 9, 2020)",
             other=["001_table09_sme_dynamics"])
    _add(dataset=n, row="count/all", field="value_excel", what="counts_sum_to_table09", printed=float(counts.value_excel.astype(float).sum()),
         computed=n2016, rule="rel", tol=1e-9, how="Кесте 9, small enterprises 2020", other=["001_table09_sme_dynamics"])
    _add(dataset=n, row="count/all", field="value", what="rounded_counts_sum_to_table09", printed=float(counts.value.sum()),
         computed=n2016, rule="abs", tol=len(counts) * _half(0), how="Кесте 9, small enterprises 2020",
         other=["001_table09_sme_dynamics"])

    # Сурет 8: the growth series is the region's share(t) / share(t−1) × 100 (2017–2020).
    n = "001_chart_small_business_share_gdp"
    sek = _series(n, series="share_east_kazakhstan")
    for y, v in _series(n, series="growth_east_kazakhstan").items():
        if y > 2016:
            _add(dataset=n, row=f"growth_east_kazakhstan/{y}", field="value", what="ratio_of_shares", printed=v,
                 computed=sek[y] / sek[y - 1] * 100, rule="round", decimals=1, how=f"share {y} / share {y - 1} × 100")

    # Сурет 9: share (Excel formula) = region / country × 100.
    n = "001_chart_innovative_enterprises"
    kz, ekc = _series(n, series="kazakhstan"), _series(n, series="east_kazakhstan")
    for y, v in _series(n, "value_excel", series="share_east_kazakhstan").items():
        _add(dataset=n, row=f"share_east_kazakhstan/{y}", field="value_excel", what="region_over_country", printed=v,
             computed=ekc[y] / kz[y] * 100, rule="rel", tol=1e-9, how=f"{ekc[y]:.0f} / {kz[y]:.0f} × 100")

    # Сурет 10 and 20: activity level = with innovations / all × 100.
    for n in ("001_chart_innovation_activity_east_kazakhstan", "001_chart_innovation_activity_kazakhstan"):
        a, i = _series(n, series="enterprises"), _series(n, series="innovative_enterprises")
        for y, v in _series(n, series="activity_level").items():
            _add(dataset=n, row=f"activity_level/{y}", field="value", what="innovative_over_all", printed=v,
                 computed=i[y] / a[y] * 100, rule="round", decimals=1, how=f"{i[y]:.0f} / {a[y]:.0f} × 100")
    n = "001_chart_innovation_activity_east_kazakhstan"
    t17 = "001_table17_innovation_spending"
    for y, v in _series(n, series="activity_level").items():
        _add(dataset=t17, row=str(y), field="inact", what="same_as_chart10", printed=_v(t17, "inact", year=y), computed=v,
             rule="round", decimals=1, how="Сурет 10 chart data (line 2452)", other=[n])

    # Сурет 3: share of innovative products in GDP = Сурет 22 (Kazakhstan) / Сурет 18 (Kazakhstan) × 100;
    # the same five values as Сурет 21's 2016–2020 end.
    n = "001_chart_innovative_products_share_gdp"
    prod = _series("001_chart_innovative_products_by_region", "value_excel", series="kazakhstan")
    s21 = _series("001_chart_innovative_products_share_gdp_2004_2020", series="innovative_products_share_gdp")
    for y, v in _series(n, series="innovative_products_share_gdp").items():
        _add(dataset=n, row=f"innovative_products_share_gdp/{y}", field="value", what="products_over_gdp", printed=v,
             computed=prod[y] / gdp[y] * 100, rule="round", decimals=2, how=f"{prod[y]} / {gdp[y]} × 100 (Сурет 22, 18)",
             other=["001_chart_innovative_products_by_region", "001_chart_grp_by_region"])
        _add(dataset=n, row=f"innovative_products_share_gdp/{y}", field="value", what="same_as_chart21", printed=v,
             computed=s21[y], rule="round", decimals=2, how="Сурет 21 chart data (line 2454)",
             other=["001_chart_innovative_products_share_gdp_2004_2020"])

    # Сурет 15: R&D share of GDP = internal R&D expenditure / GDP (Сурет 18) × 100.
    n = "001_chart_rd_dynamics"
    rd = _series(n, "value_excel", series="rd_expenditure")
    for y, v in _series(n, series="rd_share_gdp").items():
        _add(dataset=n, row=f"rd_share_gdp/{y}", field="value", what="rd_over_gdp", printed=v,
             computed=rd[y] / gdp[y] * 100, rule="round", decimals=2, how=f"{rd[y]} / {gdp[y]} × 100",
             other=["001_chart_grp_by_region"])

    # Text numbers of Сурет 6–10 (001_figures06_10_text_numbers) against the chart data and Кесте 11.
    n = "001_figures06_10_text_numbers"
    t = lambda key: float(_v(n, "value", key=key))  # noqa: E731
    c6, c7, c8 = "001_chart_small_business_output", "001_chart_small_enterprises_by_activity", "001_chart_small_business_share_gdp"
    t11 = "001_table11_innovative_enterprises"
    sh7 = _df(c7)[_df(c7).series == "share"]
    restated = [
        ("fig06_output_2020", _v(c6, "value", series="output", year=2020), "equal", 0, c6, "Сурет 6 output 2020"),
        ("fig06_growth_2020", float(_v(c6, "value_excel", series="growth_rate", year=2020)) - 100, "round", 1, c6, "Сурет 6 growth index 2020 − 100"),
        ("fig07_food_share_2020", _v(c7, "value", series="share", order=1), "round", 1, c7, "Сурет 7 share, food"),
        ("fig07_education_share_2020", _v(c7, "value", series="share", order=6), "round", 1, c7, "Сурет 7 share, education"),
        ("fig07_education_share_2020", float(sh7.value.min()), "equal", 0, c7, "smallest of the eight Сурет 7 shares"),
        ("fig08_sme_share_gdp_kazakhstan_2020", _v(c8, "value", series="share_kazakhstan", year=2020), "round", 1, c8, "Сурет 8, Kazakhstan 2020"),
        ("fig08_sme_share_grp_ekr_2020", _v(c8, "value", series="share_east_kazakhstan", year=2020), "round", 1, c8, "Сурет 8, region 2020"),
        ("fig08_growth_2020", _v(c8, "value", series="growth_east_kazakhstan", year=2020) - 100, "round", 1, c8, "Сурет 8 growth index 2020 − 100"),
        ("fig09_innovative_enterprises_kazakhstan_2020", _v(t11, "value", row="kazakhstan", group="with_innovations", year=2020), "equal", 0, t11, "Кесте 11"),
        ("fig09_innovative_enterprises_ekr_2020", _v(t11, "value", row="east_kazakhstan", group="with_innovations", year=2020), "equal", 0, t11, "Кесте 11"),
    ]
    for key, comp, rule, d, other, how in restated:
        _add(dataset=n, row=key, field="value", what=_tname(f"same_as_{how}")[:40], printed=t(key), computed=float(comp),
             rule=rule, decimals=d if rule == "round" else None, how=how, other=[other])


# ---------------------------------------------------------------------------
# Document 002
# ---------------------------------------------------------------------------

def _checks_002() -> None:
    n = "002_table1_innovation_activity"
    df = _df(n)
    for _, r in df.iterrows():
        _add(dataset=n, row=str(r.year), field="share_with_innovation", what="with_over_total",
             printed=r.share_with_innovation, computed=r.enterprises_with_innovation / r.enterprises * 100,
             rule="round", decimals=1, how=f"{r.enterprises_with_innovation} / {r.enterprises} × 100 (lines 59–64)")
        _add(dataset=n, row=str(r.year), field="enterprises_with_innovation", what="part_at_most_total",
             printed=r.enterprises_with_innovation, computed=r.enterprises, rule="le", how="with innovation ≤ all")
    tf = "002_text_figures"
    t = lambda key: float(_v(tf, "value", key=key))  # noqa: E731
    _add(dataset=tf, row="enterprises_2020", field="value", what="same_as_table1", printed=t("enterprises_2020"),
         computed=float(_v(n, "enterprises", year=2020)), rule="equal", how="Table 1, 2020", other=[n])
    _add(dataset=tf, row="enterprises_with_innovation_2020", field="value", what="same_as_table1",
         printed=t("enterprises_with_innovation_2020"), computed=float(_v(n, "enterprises_with_innovation", year=2020)),
         rule="equal", how="Table 1, 2020", other=[n])
    _add(dataset=tf, row="innovation_share_average", field="value", what="mean_of_table1_shares",
         printed=t("innovation_share_average"), computed=float(df.share_with_innovation.mean()), rule="round", decimals=0,
         how="mean of the six printed shares 2015–2020", other=[n])
    _add(dataset=tf, row="private_schools", field="value", what="part_at_most_total", printed=t("private_schools"),
         computed=t("schools"), rule="le", how="private schools ≤ schools (line 68)")


# ---------------------------------------------------------------------------
# Document 004
# ---------------------------------------------------------------------------

ENTREPRENEURS_N = 58   # implied sample of Tables 7–9 (data/004/CHECKS.md; an inference, not printed)


def _pct_matrix(name: str, col: str) -> pd.DataFrame:
    df = _df(name)
    return df.pivot(index="age_group", columns=col, values="percent")


def _checks_004() -> None:
    # Table 2 (lines 314–325): counts add to 198, shares to 100, share = count / 198.
    n = "004_respondents_age"
    df = _df(n)
    groups, total = df[~df.is_total], df[df.is_total].iloc[0]
    _add(dataset=n, row="Total", field="respondents", what="sum_of_groups", printed=total.respondents,
         computed=float(groups.respondents.sum()), rule="equal", how="72 + 45 + 42 + 39")
    _add(dataset=n, row="Total", field="share", what="shares_sum_to_100", printed=total.share,
         computed=float(groups.share.sum()), rule="abs", tol=(len(groups) + 1) * _half(1), how="sum of the group shares")
    for _, r in groups.iterrows():
        _add(dataset=n, row=r.age_group, field="share", what="count_over_198", printed=r.share,
             computed=r.respondents / total.respondents * 100, rule="round", decimals=1,
             how=f"{r.respondents} / {total.respondents} × 100")
    sizes = dict(zip(groups.age_group, groups.respondents))
    shares2 = dict(zip(groups.age_group, groups.share))
    N = int(total.respondents)

    def cell_percent_table(name: str, col: str, base: int, base_note: str) -> pd.DataFrame:
        """Cells are percentages of the whole sample: rebuild counts with one base for every cell."""
        pct = _pct_matrix(name, col)
        counts, report = contingency_from_percentages(pct, [base] * pct.shape[1], axis="columns", return_report=True)
        for _, rec in report.iterrows():
            _add(dataset=name, row=f"{rec['row']}/{rec['column']}", field="percent", what=f"k_of_{base}",
                 printed=rec.pct_printed, computed=rec.pct_implied, rule="round", decimals=1,
                 how=f"{rec['count']} of {base} ({base_note}; contingency_from_percentages, {rec.status})")
        return counts

    def column_sums(name: str, col: str) -> None:
        pct = _pct_matrix(name, col)
        body = pct.drop(index="Total")
        for c in pct.columns:
            _add(dataset=name, row=f"Total/{c}", field="percent", what="sum_of_age_groups", printed=pct.at["Total", c],
                 computed=float(body[c].sum()), rule="abs", tol=(len(body) + 1) * _half(1),
                 how=f"sum of the {len(body)} age groups")
        _add(dataset=name, row="Total/all", field="percent", what="total_row_sums_to_100", printed=100.0,
             computed=float(pct.loc["Total"].sum()), rule="abs", tol=len(pct.columns) * _half(1), how="sum of the total row")

    # Table 5 (lines 634–647): cell percentages of all 198 respondents.
    n = "004_satisfaction_authorities"
    counts5 = cell_percent_table(n, "score", N, "Table 2's 198 respondents")
    column_sums(n, "score")
    for g in sizes:
        _add(dataset=n, row=f"{g}/all", field="percent", what="row_sum_is_table2_share",
             printed=shares2[g], computed=float(_pct_matrix(n, "score").loc[g].sum()), rule="abs",
             tol=(5 + 1) * _half(1), how="the group's five cells", other=["004_respondents_age"])
        _add(dataset=n, row=f"{g}/all", field="respondents", what="implied_counts_sum_to_group",
             printed=float(_v(n, "respondents", age_group=g, score=1)), computed=float(counts5.loc[g].sum()),
             rule="equal", how="implied counts of the group's five cells")
        _add(dataset=n, row=f"{g}/1", field="respondents", what="same_as_table2",
             printed=float(_v(n, "respondents", age_group=g, score=1)), computed=float(sizes[g]), rule="equal",
             how="Table 2", other=["004_respondents_age"])
    body5 = counts5.drop(index="Total")
    for s in counts5.columns:
        _add(dataset=n, row=f"Total/{s}", field="percent", what="total_count_is_sum_of_counts",
             printed=float(counts5.at["Total", s]), computed=float(body5[s].sum()), rule="equal",
             how="implied counts of the four age groups")

    # Table 6 (lines 667–677): every branch adds to 100; cells are k/198 with k adding to 198 per branch
    # (the base is inferred); 'On average' = unweighted mean of the four branches.
    n = "004_satisfaction_utilities"
    df = _df(n)
    pct = df.pivot(index="utility", columns="answer", values="percent")
    branches = pct.drop(index="On average")
    for u in pct.index:
        _add(dataset=n, row=f"{u}/all", field="percent", what="branch_sums_to_100", printed=100.0,
             computed=float(pct.loc[u].sum()), rule="abs", tol=3 * _half(1), how="three answers")
    counts6, report6 = contingency_from_percentages(branches.T, [N] * len(branches), axis="columns", return_report=True)
    for _, rec in report6.iterrows():
        _add(dataset=n, row=f"{rec['column']}/{rec['row']}", field="percent", what=f"k_of_{N}", printed=rec.pct_printed,
             computed=rec.pct_implied, rule="round", decimals=1, how=f"{rec['count']} of {N} (base inferred; {rec.status})")
    for u in branches.index:
        _add(dataset=n, row=f"{u}/all", field="percent", what=f"implied_counts_sum_to_{N}", printed=float(N),
             computed=float(counts6[u].sum()), rule="equal", how="implied counts of the three answers")
    for a in pct.columns:
        _add(dataset=n, row=f"On average/{a}", field="percent", what="mean_of_branches", printed=pct.at["On average", a],
             computed=float(branches[a].mean()), rule="abs", tol=2 * _half(1),
             how="unweighted mean of the four printed branches (half a unit for the print, half for the inputs)")

    # Tables 7–9 (lines 684–779): cell percentages of an implied 58 entrepreneurs aged 20/18/11/9.
    group_counts = {}
    for n in ("004_business_satisfaction", "004_heads_influence", "004_corruption"):
        counts = cell_percent_table(n, "answer", ENTREPRENEURS_N, "the implied 58 entrepreneurs")
        column_sums(n, "answer")
        body = counts.drop(index="Total")
        for a in counts.columns:
            _add(dataset=n, row=f"Total/{a}", field="percent", what="total_count_is_sum_of_counts",
                 printed=float(counts.at["Total", a]), computed=float(body[a].sum()), rule="equal",
                 how="implied counts of the four age groups")
        group_counts[n] = body.sum(axis=1)
    first = "004_business_satisfaction"
    for n in ("004_heads_influence", "004_corruption"):
        for g in sizes:
            _add(dataset=n, row=f"{g}/all", field="percent", what="same_group_count_as_table7",
                 printed=float(group_counts[n][g]), computed=float(group_counts[first][g]), rule="equal",
                 how="implied count of the age group in Table 7", other=[first])

    # Text numbers (004_text_figures) restating the tables.
    tf = "004_text_figures"
    t = lambda key: float(_v(tf, "value", key=key))  # noqa: E731
    p = lambda name, g, a, col="answer": float(_v(name, "percent", age_group=g, **{col: a}))  # noqa: E731
    a5, b7, h8, c9 = "004_satisfaction_authorities", "004_business_satisfaction", "004_heads_influence", "004_corruption"
    restated = [
        ("survey_participants", float(N), "equal", "004_respondents_age", "Table 2 total"),
        ("authorities_not_satisfied", p(a5, "Total", 1, "score") + p(a5, "Total", 2, "score"), "abs", a5, "Table 5 total, scores 1 + 2"),
        ("authorities_good_excellent", p(a5, "Total", 4, "score") + p(a5, "Total", 5, "score"), "abs", a5, "Table 5 total, scores 4 + 5"),
        ("business_satisfied", p(b7, "Total", "satisfied"), "equal", b7, "Table 7 total, satisfied"),
        ("business_negative", p(b7, "Total", "dissatisfied"), "equal", b7, "Table 7 total, dissatisfied"),
        ("business_partial", p(b7, "Total", "partially_satisfied"), "equal", b7, "Table 7 total, partially"),
        ("business_dissatisfied_30_39", p(b7, "30-39", "dissatisfied"), "equal", b7, "Table 7, 30-39, dissatisfied"),
        ("corruption_constant", p(c9, "Total", "yes_constantly"), "equal", c9, "Table 9 total, constantly"),
        ("corruption_occasional", p(c9, "Total", "occasionally"), "equal", c9, "Table 9 total, occasionally"),
        ("heads_not_fully_satisfied", p(h8, "Total", "partially_satisfied") + p(h8, "Total", "dissatisfied"), "le", h8,
         "'more than 80 percent' ≤ Table 8 total, partially + column 3"),
        ("heads_no_effect", p(h8, "Total", "dissatisfied"), "le", h8, "'more than a third' ≤ Table 8 total, column 3"),
        ("corruption_any", p(c9, "Total", "yes_constantly") + p(c9, "Total", "occasionally"), "le", c9,
         "'more than half' ≤ Table 9 total, constantly + occasionally"),
    ]
    for key, comp, rule, other, how in restated:
        _add(dataset=tf, row=key, field="value", what="restates_table", printed=t(key), computed=comp, rule=rule,
             tol=3 * _half(1) if rule == "abs" else 0.0, how=how, other=[other])
    _add(dataset=tf, row="survey_men+survey_women", field="value", what="sum_to_100", printed=100.0,
         computed=t("survey_men") + t("survey_women"), rule="abs", tol=2 * _half(1), how="men + women (line 311)")
    for key in ("survey_men", "survey_women"):
        rb = counts_from_shares(t(key), N).iloc[0]
        k = int(rb["count"]) if rb["consistent"] else round(t(key) * N / 100)
        _add(dataset=tf, row=key, field="value", what=f"k_of_{N}", printed=t(key), computed=k / N * 100,
             rule="round", decimals=1, how=f"{k} of {N} respondents (counts_from_shares)", other=["004_respondents_age"])


# ---------------------------------------------------------------------------
# Years and structure
# ---------------------------------------------------------------------------

def _checks_years() -> None:
    """Year columns declared continuous have no gap or repeat and span the descriptor's period."""
    for n in data.list_datasets():
        if n[:3] not in DOCUMENTS:
            continue
        desc = data.descriptor(n)
        spec = desc["schema"].get("continuous")
        if not spec:
            continue
        field, by = (spec, []) if isinstance(spec, str) else (spec["field"], spec.get("by", []))
        df = _df(n)
        groups = df.groupby(by, sort=False) if by else [((), df)]
        for key, sub in groups:
            years = sorted(int(y) for y in sub[field])
            label = "/".join(str(k) for k in (key if isinstance(key, tuple) else (key,))) or "all"
            if len(years) < 2:
                continue
            ok = years == list(range(years[0], years[-1] + 1))
            _add(dataset=n, row=label, field=field, what="years_continuous", printed=float(len(years)),
                 computed=float(len(years)) if ok else float("nan"), rule="equal",
                 how=f"years {years} must run {years[0]}–{years[-1]} without gap or repeat")
        m = re.fullmatch(r"(\d{4})–(\d{4})", str(desc.get("period", "")))
        if m:
            years = sorted(int(y) for y in df[field])
            _add(dataset=n, row="all", field=field, what="first_year_of_period", printed=float(years[0]),
                 computed=float(m.group(1)), rule="equal", how=f"period {desc['period']}")
            _add(dataset=n, row="all", field=field, what="last_year_of_period", printed=float(years[-1]),
                 computed=float(m.group(2)), rule="equal", how=f"period {desc['period']}")


def _count(name: str, row: str, what: str, printed: int, computed: int, how: str, **kw: Any) -> None:
    _add(dataset=name, row=row, field=kw.pop("field", "rows"), what=what, printed=float(printed),
         computed=float(computed), rule="equal", how=how, **kw)


def _checks_structure() -> None:
    """Counts of the text tables against the print (CHECKS files; 000 from its seed lines)."""
    n = "000_swot_programmes"
    c = Counter(_df(n).category)
    for cat, k in {"strength": 5, "weakness": 5, "opportunity": 4, "threat": 4}.items():
        _count(n, cat, "items_printed", k, c[cat], "Table 1, lines 212–223")
    n = "000_recommendations"
    df = _df(n)
    _count(n, "all", "recommendations_printed", 6, int((df.kind == "recommendation").sum()), "lines 346–376")
    for num, sub in df.groupby("number"):
        _count(n, f"recommendation_{num}", "measures", 3, int((sub.kind == "measure").sum()), "three measures each")
    n = "001_table01_innovation_organisations"
    c = Counter(_df(n).sector_order)
    for s, k in {1: 2, 2: 2, 3: 3, 4: 1}.items():
        _count(n, f"sector_{s}", "structures_printed", k, c[s], "CHECKS-tables1-7.md: 2 + 2 + 3 + 1 = 8")
    n = "001_table02_innovative_production_indicators"
    expected = {f"y{i}" for i in range(1, 5)} | {f"x{i}" for i in range(1, 21)}
    syms = list(_df(n).symbol)
    _count(n, "all", "symbols_y1_y4_x1_x20", 24, len(set(syms) & expected), "y1–y4 and x1–x20")
    _count(n, "all", "symbols_unique", len(syms), len(set(syms)), "no symbol repeated")
    n = "001_table03_factor_ranking"
    df = _df(n)
    for res, sub in df.groupby("result"):
        _count(n, res, "ranks_1_to_16", 16, len(set(sub["rank"]) & set(range(1, 17))), "one factor per rank 1–16", field="rank")
        _count(n, res, "factors_distinct", len(sub), sub.factor.nunique(), "no factor ranked twice", field="factor")
        _count(n, res, "factors_in_table02", len(sub), int(sub.factor.isin(expected).sum()), "factors of Кесте 2",
               field="factor", other=["001_table02_innovative_production_indicators"])
        _count(n, res, "sign_matches_direction", len(sub),
               int((sub.sign_printed.map({"+": 1, "-": -1}) == sub.direction).sum()), "'+' ↔ 1, '-' ↔ −1", field="direction")
    n = "001_table04_small_business_contribution_indicators"
    df = _df(n)
    _count(n, "all", "indicators_printed", 3, len(df), "3 groups, one indicator each")
    _count(n, "all", "unit_percent", len(df), int((df.unit == "%").sum()), "every indicator in %", field="unit")
    n = "001_table05_country_innovation_measures"
    df = _df(n)
    printed = [5, 1, 5, 4, 3, 4, 7, 5, 4]
    c = Counter(df.measure_order)
    for i, k in enumerate(printed, start=1):
        _count(n, f"measure_{i}", "countries_printed", k, c[i], "CHECKS-tables1-7.md: 38 pairs")
    _count(n, "all", "no_country_repeated_in_a_measure", len(df), len(df.drop_duplicates(["measure", "country"])), "pairs unique")
    n = "001_table06_support_programmes"
    _count(n, "all", "programmes_printed", 3, len(_df(n)), "3 programmes × 5 conditions")
    parsed = [  # (programme, field, source column, regex, multiplier)
        ("business_roadmap_2025", "loan_amount_max", "loan_amount_original", r"(\d+(?:,\d+)?) млн", 1),
        ("enbek", "loan_amount_max", "loan_amount_original", r"(\d+) мың айлық", 1000),
        ("damu_optima", "loan_amount_max", "loan_amount_original", r"(\d+) млн", 1),
        ("business_roadmap_2025", "rate_max", "rate_original", r"(\d+)\s*%", 1),
        ("enbek", "rate_max", "rate_original", r"(\d+)\s*%", 1),
        ("enbek", "loan_term_max", "term_original", r"(\d+) жыл", 1),
        ("damu_optima", "loan_term_max", "loan_amount_original", r"(\d+) ай", 1),
        ("business_roadmap_2025", "subsidy_term_investment_years", "term_original", r"инвестиция үшін - (\d+)", 1),
        ("business_roadmap_2025", "subsidy_term_working_capital_years", "term_original", r"(\d+) \(үш\) жыл", 1),
        ("damu_optima", "grace_interest_max_years", "term_original", r"сыйақыны төлеу бойынша - (\d+)", 1),
        ("damu_optima", "grace_principal_max_years", "term_original", r"негізгі қарызды төлеу бойынша - (\d+)", 1),
    ]
    for prog, fld, src, rx, mult in parsed:
        text = str(_v(n, src, programme=prog))
        m = re.search(rx, text)
        num = float(m.group(1).replace(",", ".")) * mult if m else float("nan")
        _add(dataset=n, row=prog, field=fld, what="number_in_printed_cell", printed=float(_v(n, fld, programme=prog)),
             computed=num, rule="equal", how=f"parsed from {src}: {rx}")
    for n, counts in (("001_table14_innovation_pros_cons", {"advantage": 10, "disadvantage": 8}),
                      ("001_table16_swot_sme_east_kazakhstan", {"strength": 11, "weakness": 5, "opportunity": 10, "threat": 5}),
                      ("002_swot_nur_sultan", {"strength": 4, "weakness": 6, "opportunity": 3, "threat": 3})):
        c = Counter(_df(n).category)
        for cat, k in counts.items():
            _count(n, cat, "items_printed", k, c[cat], "CHECKS file")
    n = "001_table16_swot_sme_east_kazakhstan"
    df = _df(n)
    for cat, k in {"strength": 3, "opportunity": 3}.items():
        _count(n, cat, "top_level_bullets", k, int(((df.category == cat) & (df.level == 1)).sum()), "CHECKS-tables14-20.md", field="level")
    for _, r in df[df.level > 1].iterrows():
        par = df[(df.category == r.category) & (df.order == r.parent)]
        _count(n, f"{r.category}/{r.order}", "parent_one_level_up", r.level - 1,
               int(par.level.iloc[0]) if len(par) == 1 else -1, "the parent item exists one level up", field="parent")
    for n, k in (("001_table15_sme_effect_directions", 7), ("001_table20_infrastructure_support_forms", 15),
                 ("001_tablea1_small_business_definitions", 8)):
        _count(n, "all", "rows_printed", k, len(_df(n)), "CHECKS-tables14-20.md")
    n = "001_table19_stage_incentives"
    _count(n, "all", "grid_3x4_complete", 12, len(_df(n).drop_duplicates(["characteristic", "stage"])), "3 rows × 4 stages")
    n = "004_interaction_matrix"
    _count(n, "all", "grid_2x2_complete", 4, len(_df(n).drop_duplicates(["power", "business"])), "2 × 2 matrix (lines 208–211)")
    n = "004_mechanism_tools"
    c = Counter(_df(n).category)
    for cat, k in {"Socio-political": 4, "Financial and economic": 7}.items():
        _count(n, cat, "tools_printed", k, c[cat], "notes: four and seven tools (lines 474–482, 504–522)")
    n = "004_strategy_components"
    _count(n, "all", "components_printed", 5, _df(n).component.nunique(), "five components (lines 346–357)")


_checks_000()
_checks_001_tables()
_checks_001_charts()
_checks_002()
_checks_004()
_checks_years()
_checks_structure()
CHECK_BY_ID = {c.id: c for c in CHECKS}


# ---------------------------------------------------------------------------
# Failures: documented author errors, and undocumented ones
# ---------------------------------------------------------------------------

#: Checks that fail because of the authors' own arithmetic or disagreeing sources, kept as printed.
#: ``documented`` maps each dataset to a substring its notes, description or corrections must contain;
#: ``checks`` names the CHECKS file (and a substring) that records the failure.
KNOWN_AUTHOR_ERRORS: dict[str, dict[str, Any]] = {
    "001_table03_factor_ranking:y3:factor:factors_distinct": dict(
        printed="x9 at ranks 2 and 4", evidence="the y3 row names x9 twice (lines 560, 562) and omits x5",
        documented={"001_table03_factor_ranking": "the y3 row names x9 twice"},
        checks=("data/001/CHECKS-tables1-7.md", "x9 at ranks 2")),
    "001_table07_sme_support_spending_change:guarantees:change_value:ratio_2020_2016": dict(
        printed="5,5 есе", evidence="5644 / 993 = 5.684 (5.7 rounded, 5.6 truncated); the levels add up to the totals",
        documented={"001_table07_sme_support_spending_change": "'5,5 есе' does not hold",
                    "001_table07_sme_support_spending": "5644 / 993 = 5.68"},
        checks=("data/001/CHECKS-tables1-7.md", "computed 5644 / 993 = 5.684")),
    "001_table08_grp:kazakhstan/growth_2020_vs_2016:value:growth_from_levels": dict(
        printed="166,4", evidence="70649032 / 46971150 = 150.41%; the text (line 1143) repeats 66,4%",
        documented={"001_table08_grp": "70649032 / 46971150 = 150.4% (printed 166.4)"},
        checks=("data/001/CHECKS-tables8-13.md", "Printed 166.4; computed 70649032 / 46971150 = 150.41")),
    "001_table08_grp:east_kazakhstan/growth_2020_vs_2016:value:growth_from_levels": dict(
        printed="160,6", evidence="4605532 / 2793896 = 164.84%",
        documented={"001_table08_grp": "4605532 / 2793896 = 164.8% (printed 160.6)"},
        checks=("data/001/CHECKS-tables8-13.md", "Printed 160.6; computed 4605532 / 2793896 = 164.84")),
    "001_table08_grp:kazakhstan/2017:value:same_as_chart18": dict(
        printed="52666804", evidence="chart data (line 2453) 54378857.8; Сурет 3's 1.55% follows the chart",
        documented={"001_table08_grp": "54378857.8 there, 52666804 here",
                    "001_chart_grp_by_region": "chart 54378857.8, Кесте 8 52666804"},
        checks=("data/001/CHECKS-tables8-13.md", "Printed 52666804; chart 54378857.8")),
    "001_table08_grp:kazakhstan/2020:value:same_as_chart18": dict(
        printed="70649032", evidence="chart data 70649033.2 rounds to 70649033",
        documented={"001_table08_grp": "70649033.2", "001_chart_grp_by_region": "70649033.2 against 70649032"},
        checks=("data/001/CHECKS-tables8-13.md", "chart 70649033.2 against printed 70649032")),
    "001_table18_socioeconomic_indicators:2020:vrp:same_as_table08": dict(
        printed="4729,0", evidence="Кесте 8 and the Сурет 18 data give 4605.5 bln KZT; eq. (13) was fitted with 4729.0",
        documented={"001_table18_socioeconomic_indicators": "4729.0 here, 4605.5 bln KZT in Кесте 8",
                    "001_table08_grp": "4729,0 bln KZT"},
        checks=("data/001/CHECKS-tables14-20.md", "Кесте 8 and Figure 18 give 4605.5. Fails")),
    **{
        f"001_table10_innovation_efficiency:technological_innovation_costs/{y}:value:same_as_table12": dict(
            printed=p10, evidence=f"Кесте 12 row 1 (same label) prints {p12}",
            documented={"001_table10_innovation_efficiency": p12, "001_table12_innovation_potential": p10.replace(".", ",")},
            checks=("data/001/CHECKS-tables8-13.md", "Fails** every year"))
        for y, p10, p12 in ((2016, "1197059.4", "1090851"), (2017, "614873.2", "485573"), (2018, "610862.3", "465591"),
                            (2019, "247148.9", "114110"), (2020, "302933.4", "122726"))
    },
    "001_table11_innovative_enterprises:east_kazakhstan_share/with_innovations/2017:value:region_over_country": dict(
        printed="10,5", evidence="303 / 2974 = 10.19 (the chart data, line 2452, hold 10.1883)",
        documented={"001_table11_innovative_enterprises": "10,5 but 303 / 2974 = 10.19"},
        checks=("data/001/CHECKS-tables8-13.md", "printed 10.5, computed 10.19")),
    "001_table11_innovative_enterprises:east_kazakhstan_share/with_innovations/2017:value:same_as_chart09": dict(
        printed="10,5", evidence="Сурет 9's Excel formula gives 10.1883",
        documented={"001_table11_innovative_enterprises": "10.1883",
                    "001_chart_innovative_enterprises": "10,5 (disagrees with the counts by 0.3 points)"},
        checks=("data/001/CHECKS-charts.md", "2017 **fails** (10.5 against 10.19)")),
    **{
        f"001_table12_innovation_potential:machinery_costs/{y}:value:part_at_most_total": dict(
            printed=m, evidence=f"machinery purchases {m} exceed technological innovation expenditure {t}",
            documented={"001_table12_innovation_potential": "From 2018 the machinery purchases exceed"},
            checks=("data/001/CHECKS-tables8-13.md", f"{m} > {t}"))
        for y, m, t in ((2018, "567676", "465591"), (2019, "291487", "114110"), (2020, "495057", "122726"))
    },
    "001_printed_model_forecasts:eq10_elasticity_nsb:value:same_as_model_coefficient": dict(
        printed="1,91", evidence="eq. (10) prints 1,931 (line 1765); the text (line 1778) reads it as 1,91%",
        documented={"001_printed_models": "gives the Nsb elasticity as 1.91% although the model prints 1.931"},
        checks=("data/001/CHECKS-tables14-20.md", "printed 1.91% (line 1778), against 1.931")),
    "004_satisfaction_authorities:Total/1:percent:k_of_198": dict(
        printed="10.5", evidence="the total is the sum of the printed cells (4.0 + 3.5 + 3.0 + 0); the implied "
                                 "counts give 21 of 198 = 10.6%, and no k/198 rounds to 10.5",
        documented={"004_satisfaction_authorities": "from the implied counts the totals would be 10.6, 10.1, 34.3, 24.2, 20.7"},
        checks=None),
    "004_satisfaction_authorities:Total/4:percent:k_of_198": dict(
        printed="24.4", evidence="the total is the sum of the printed cells (7.6 + 6.1 + 5.6 + 5.1); the implied "
                                 "counts give 48 of 198 = 24.2%, and no k/198 rounds to 24.4",
        documented={"004_satisfaction_authorities": "from the implied counts the totals would be 10.6, 10.1, 34.3, 24.2, 20.7"},
        checks=("data/004/CHECKS.md", "from counts 48/198 = 24.24")),
    "004_business_satisfaction:30-39/satisfied:percent:k_of_58": dict(
        printed="7.0", evidence="4 of 58 = 6.90%; with 6.9 the column would give 25.8, not the printed 25.9",
        documented={"004_business_satisfaction": "printed 7.0 although 4 of 58 = 6.90%"},
        checks=("data/004/CHECKS.md", "Cell 30-39 / satisfied printed 7.0")),
    "004_corruption:40-49/no_cases:percent:k_of_58": dict(
        printed="7.0", evidence="4 of 58 = 6.90%; with 6.9 the column would give 46.5, not the printed 46.6",
        documented={"004_corruption": "printed 7.0 although 4 of 58 = 6.90%"},
        checks=("data/004/CHECKS.md", "Cell 40-49 / no cases printed 7.0")),
    "004_corruption:Total/yes_constantly:percent:k_of_58": dict(
        printed="12.0", evidence="the implied counts 4 + 1 + 0 + 2 = 7 give 7 of 58 = 12.07%, which rounds to 12.1",
        documented={"004_corruption": "the authors summed rounded cells, as in Table 5's totals"}, checks=None),
}

#: Checks that fail with nothing in the data documenting them: reported, data unchanged.
UNDOCUMENTED_FAILURES: dict[str, str] = {
}


def _param(c: Check) -> Any:
    marks = []
    if c.id in UNDOCUMENTED_FAILURES:
        marks.append(pytest.mark.xfail(strict=True, reason=UNDOCUMENTED_FAILURES[c.id]))
    return pytest.param(c, id=c.id, marks=marks)


@pytest.mark.parametrize("check", [_param(c) for c in CHECKS])
def test_crosscheck(check: Check) -> None:
    known = KNOWN_AUTHOR_ERRORS.get(check.id)
    if known is None:
        assert check.holds(), check.message()
        return
    assert not check.holds(), (
        f"{check.id} now holds: the documented author error ({known['evidence']}) is gone; "
        f"remove it from KNOWN_AUTHOR_ERRORS (and record the correction in the dataset)")
    for name, needle in known["documented"].items():
        assert _squash(needle) in _documentation(name), (
            f"{check.id} fails ({check.message()}), but the notes/corrections of {name} do not record it "
            f"(expected to find {needle!r})")
    if known["checks"]:
        path, needle = known["checks"]
        text = _squash((ROOT / path).read_text(encoding="utf-8"))
        assert _squash(needle) in text, f"{check.id}: {path} does not record the failure (expected {needle!r})"


def test_listed_failures_are_real_checks() -> None:
    for key in (*KNOWN_AUTHOR_ERRORS, *UNDOCUMENTED_FAILURES):
        assert key in CHECK_BY_ID, f"{key} is listed as a failure but no such check exists"
    assert not set(KNOWN_AUTHOR_ERRORS) & set(UNDOCUMENTED_FAILURES)
    for key, known in KNOWN_AUTHOR_ERRORS.items():
        check = CHECK_BY_ID[key]
        assert {check.dataset, *check.other} & set(known["documented"]), f"{key}: documented in an unrelated dataset"


def test_check_ids_are_unique() -> None:
    dup = [k for k, v in Counter(c.id for c in CHECKS).items() if v > 1]
    assert not dup, f"repeated check ids: {dup}"


def test_failures_are_exactly_the_listed_ones() -> None:
    failing = {c.id for c in CHECKS if not c.holds()}
    listed = set(KNOWN_AUTHOR_ERRORS) | set(UNDOCUMENTED_FAILURES)
    assert failing - listed == set(), f"new failures: {sorted(failing - listed)}"
    assert listed - failing == set(), f"listed failures that now hold: {sorted(listed - failing)}"


# ---------------------------------------------------------------------------
# Coverage and text tables
# ---------------------------------------------------------------------------

#: Datasets with numbers but no arithmetic the documents allow (beyond their schema), with the reason.
NO_ARITHMETIC_CHECK: dict[str, str] = {
    "000_text_figures": "percentages read off lost figures; the 8.2% → 11% shares and the 53% rise imply a "
                        "14% rise of supported SIEs, which nothing else gives",
}


def _is_text(name: str) -> bool:
    return data.descriptor(name).get("kind") == "text"


def test_every_dataset_is_covered() -> None:
    covered = {c.dataset for c in CHECKS} | {o for c in CHECKS for o in c.other}
    for n in data.list_datasets():
        if n[:3] not in DOCUMENTS:
            continue
        assert n in covered or n in NO_ARITHMETIC_CHECK or _is_text(n), f"{n}: no cross-check covers it"
    for n in NO_ARITHMETIC_CHECK:
        assert n in data.list_datasets()


#: Item columns of the text tables that the name pattern below does not find.
ITEM_COLUMNS = {
    "000_programmes": ["programme", "kind", "described_as"],
    "001_table03_factor_ranking": ["result", "result_printed", "factor", "factor_printed", "sign_printed"],
}


def _item_columns(name: str) -> list[str]:
    if name in ITEM_COLUMNS:
        return ITEM_COLUMNS[name]
    df = _df(name)
    doc = name[:3]
    cols = [c for c in df.columns if c.endswith("_en") or c in ("text_en", "category")]
    if doc == "001":  # Kazakh originals; the English documents leave item_original empty
        cols += [c for c in df.columns if c.endswith("_original")]
    return cols


TEXT_DATASETS = [n for n in data.list_datasets() if n[:3] in DOCUMENTS and _is_text(n)]


@pytest.mark.parametrize("name", TEXT_DATASETS)
def test_text_items_nonempty_and_categories_valid(name: str) -> None:
    df = _df(name)
    assert len(df) > 0
    cols = _item_columns(name)
    assert cols, f"{name}: no item columns found"
    for col in cols:
        empty = [i for i, v in enumerate(df[col]) if v is pd.NA or v is None or not str(v).strip()]
        assert not empty, f"{name}, column {col!r}: empty in rows {empty}"
    for fld in data.descriptor(name)["schema"]["fields"]:
        enum = fld.get("constraints", {}).get("enum")
        if enum and fld["name"] in df.columns:
            bad = sorted({v for v in df[fld["name"]].dropna() if v not in enum})
            assert not bad, f"{name}, column {fld['name']!r}: values {bad} outside {enum}"
