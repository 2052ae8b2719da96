"""Computations behind the claims of document 004 (state–business interaction; surveys in the Turkestan region).

Each registered function recomputes one printed number from the transcribed tables (Table 2, the age
composition of the 198 respondents, and Tables 5–9, the survey results), by the arithmetic the table
implies: a Total row is the sum of the age-group rows, shares add up to 100, a share is a count over a
base, "on average" is the mean of the rows above it. The claims register ``data/claims/004.yaml`` names
the computation of every claim.

Bases. The survey tables print percentages, never counts. A percentage printed to one decimal is a whole
number k of N respondents exactly when it lies within 0.05 percentage points of 100·k/N (equivalently,
when percentage × N / 100 lies within 0.05·N/100 of k). The tables use these bases (:data:`BASES`):

* Table 5: N = 198, **printed** (its own Total row, line 646, and Table 2, line 325). The cells are
  percentages of all 198 respondents, not of the age group: a row adds up to the group's share of the
  sample, and only the Total row adds up to 100;
* Table 6: N = 198, **inferred**: no sample size is printed; the 198 respondents of the online survey
  are the obvious candidate and every cell fits them;
* Tables 7–9: N = 58, **inferred**: printed nowhere; the only bases up to 400 that fit (nearly) every
  cell are the multiples of 58 (``data/004/CHECKS.md``). Like Table 5, the cells are percentages of all
  entrepreneurs surveyed, not of the age group.

The counts are derived here with numpy (``sieecon.survey`` did not exist when this module was written).

>>> round(whole_number_distance("table5", 198), 4)
0.0495
>>> column_sum("table5", 2), printed_total("table5", 2)
(10.0, 10.1)
>>> round(column_from_counts("table5", 2), 2)
10.1
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import numpy as np

from . import computation

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "SURVEY_TABLES",
    "BASES",
    "AGE_GROUPS",
    "UTILITIES",
    "survey_table",
    "respondents_age",
    "column_sum",
    "printed_total",
    "row_sum",
    "column_from_counts",
    "implied_counts",
    "whole_number_distance",
    "group_count",
    "branch_mean",
]

#: The survey tables of document 004: key → (dataset, column field, row field, summary-row flag).
SURVEY_TABLES: dict[str, tuple[str, str, str, str]] = {
    "table5": ("004_satisfaction_authorities", "score", "age_group", "is_total"),
    "table6": ("004_satisfaction_utilities", "answer", "utility", "is_average"),
    "table7": ("004_business_satisfaction", "answer", "age_group", "is_total"),
    "table8": ("004_heads_influence", "answer", "age_group", "is_total"),
    "table9": ("004_corruption", "answer", "age_group", "is_total"),
}

#: The number of respondents behind each survey table's percentages: key → (N, printed or inferred, evidence).
BASES: dict[str, tuple[int, str, str]] = {
    "table5": (198, "printed", "Total row of Table 5 ('Total 198', line 646) and Table 2 (line 325)"),
    "table6": (198, "inferred", "no sample printed; every cell is within 0.05 of 100·k/198 and each branch's counts add up to 198"),
    "table7": (58, "inferred", "printed nowhere; the cells of Tables 7–9 are multiples of 100/58 (data/004/CHECKS.md)"),
    "table8": (58, "inferred", "printed nowhere; the cells of Tables 7–9 are multiples of 100/58 (data/004/CHECKS.md)"),
    "table9": (58, "inferred", "printed nowhere; the cells of Tables 7–9 are multiples of 100/58 (data/004/CHECKS.md)"),
}

#: Age groups as printed, by the slug used in computation names.
AGE_GROUPS: dict[str, str] = {"up_to_30": "Up to 30", "30_39": "30-39", "40_49": "40-49", "50_over": "50 and over"}

#: Branches of Table 6, by the slug used in computation names.
UTILITIES: dict[str, str] = {"heat": "Heat supply", "water": "Water supply", "power": "Power supply", "gas": "Gas supply"}

_HALF_UNIT = 0.05  # half a unit of the last printed digit of the survey percentages (printed to 0.1)


def _check_table(table: Any) -> tuple[str, str, str, str]:
    if not isinstance(table, str):
        raise TypeError(f"table must be a string such as 'table5', not {type(table).__name__}")
    if table not in SURVEY_TABLES:
        raise ValueError(f"table must be one of {', '.join(repr(t) for t in SURVEY_TABLES)}; got {table!r}")
    return SURVEY_TABLES[table]


@functools.lru_cache(maxsize=None)
def survey_table(table: str) -> pd.DataFrame:
    """One survey table of document 004 (Tables 5–9), as transcribed.

    Parameters
    ----------
    table : str
        ``"table5"`` … ``"table9"`` (see :data:`SURVEY_TABLES`).

    Examples
    --------
    >>> survey_table("table7").attrs["source"]["locator"]
    'Table 7'
    """
    from .. import data

    return data.load(_check_table(table)[0])


@functools.lru_cache(maxsize=1)
def respondents_age() -> pd.DataFrame:
    """Table 2 of document 004 (dataset ``004_respondents_age``)."""
    from .. import data

    return data.load("004_respondents_age")


def _body(table: str) -> pd.DataFrame:
    """The cells of a survey table without its printed Total (or "On average") row."""
    _, _, _, flag = _check_table(table)
    df = survey_table(table)
    return df.loc[~df[flag].astype(bool)]


def _summary(table: str) -> pd.DataFrame:
    _, _, _, flag = _check_table(table)
    df = survey_table(table)
    return df.loc[df[flag].astype(bool)]


def _select(df: pd.DataFrame, field: str, key: Any) -> pd.DataFrame:
    sub = df.loc[df[field] == key]
    if sub.empty:
        raise ValueError(f"no {field} {key!r} in this table; it has {sorted(set(df[field].tolist()))}")
    return sub


def column_sum(table: str, column: Any) -> float:
    """Sum of a column's cells over the age groups (or branches), without the printed Total row.

    Examples
    --------
    >>> column_sum("table7", "satisfied")
    25.9
    """
    _, col_field, _, _ = _check_table(table)
    return round(float(_select(_body(table), col_field, column)["percent"].sum()), 10)


def printed_total(table: str, column: Any) -> float:
    """The printed Total (or "On average") row's cell of a column.

    Examples
    --------
    >>> printed_total("table9", "occasionally")
    41.4
    """
    _, col_field, _, _ = _check_table(table)
    return float(_select(_summary(table), col_field, column)["percent"].item())


def row_sum(table: str, row: str) -> float:
    """Sum of one printed row's percentages (an age group, a branch, or the Total / "On average" row).

    Examples
    --------
    >>> row_sum("table6", "Heat supply")
    100.0
    """
    _, _, row_field, _ = _check_table(table)
    return round(float(_select(survey_table(table), row_field, row)["percent"].sum()), 10)


def _bases(table: str, base: int | str) -> np.ndarray:
    body = _body(table)
    if isinstance(base, str):
        if base != "age group":
            raise ValueError(f"base must be a positive whole number or 'age group'; got {base!r}")
        _, _, row_field, _ = _check_table(table)
        if row_field != "age_group":
            raise ValueError(f"base 'age group' needs a table broken down by age; {table!r} is not")
        sizes = respondents_age().set_index("age_group")["respondents"]
        return body["age_group"].map(sizes).to_numpy(float)
    if isinstance(base, bool) or not isinstance(base, (int, np.integer)) or base <= 0:
        raise ValueError(f"base must be a positive whole number or 'age group'; got {base!r}")
    return np.full(len(body), float(base))


def implied_counts(table: str, base: int | str) -> pd.DataFrame:
    """Counts of respondents implied by a survey table's cells (the Total row excluded) and a base.

    Parameters
    ----------
    table : str
        ``"table5"`` … ``"table9"``.
    base : int or ``"age group"``
        N, the number of respondents the percentages are shares of (see :data:`BASES`), or
        ``"age group"`` for the reading that each cell is a share of its own age group (Table 2 sizes).

    Returns
    -------
    pandas.DataFrame
        The table's cells with ``base``, ``count_exact`` (percent × base / 100), ``count`` (the nearest whole
        number), ``distance_respondents`` (|count_exact − count|), ``distance_pp`` (the distance in
        percentage points between the printed cell and 100·count/base) and ``fits`` (distance_pp ≤ 0.05).

    Examples
    --------
    >>> c = implied_counts("table5", 198)
    >>> int(c.loc[c["age_group"] == "Up to 30", "count"].sum())
    72
    """
    body = _body(table).copy()
    n = _bases(table, base)
    exact = body["percent"].to_numpy(float) * n / 100
    count = np.rint(exact)
    body["base"] = n
    body["count_exact"] = exact
    body["count"] = count.astype(int)
    body["distance_respondents"] = np.abs(exact - count)
    body["distance_pp"] = np.abs(body["percent"].to_numpy(float) - 100 * count / n)
    body["fits"] = body["distance_pp"] <= _HALF_UNIT + 1e-9
    return body


def whole_number_distance(table: str, base: int | str) -> float:
    """Largest distance (percentage points) between a cell and the nearest share 100·k/N of a whole number k.

    At most 0.05 when every cell printed to one decimal is a whole number of the N respondents.

    Examples
    --------
    >>> round(whole_number_distance("table8", 58), 4)
    0.0414
    """
    return float(implied_counts(table, base)["distance_pp"].max())


def column_from_counts(table: str, column: Any) -> float:
    """A column total recomputed from the implied whole counts: 100 × Σ counts / N (N from :data:`BASES`)."""
    _, col_field, _, _ = _check_table(table)
    n = BASES[table][0]
    c = implied_counts(table, n)
    return float(100 * c.loc[c[col_field] == column, "count"].sum() / n)


def group_count(table: str, age_group: str, base: int) -> int:
    """Respondents of one age group implied by its row of cells and the whole-sample base.

    Examples
    --------
    >>> group_count("table7", "30-39", 58)
    18
    """
    c = implied_counts(table, base)
    return int(_select(c, "age_group", age_group)["count"].sum())


def branch_mean(answer: str) -> float:
    """Table 6: unweighted mean over the four branches of the share giving ``answer`` (the "On average" row).

    Examples
    --------
    >>> round(branch_mean("satisfied"), 3)
    46.975
    """
    from ..indicators import mean_index

    body = _body("table6")
    return mean_index(_select(body, "answer", answer)["percent"].to_numpy(float))


# --- Table 2: the 198 respondents by age ------------------------------------------------------------------

def _t2_groups() -> pd.DataFrame:
    df = respondents_age()
    return df.loc[~df["is_total"].astype(bool)]


def _t2_total() -> int:
    df = respondents_age()
    return int(df.loc[df["is_total"].astype(bool), "respondents"].item())


@computation("004.table2_respondents_sum")
def table2_respondents_sum() -> float:
    """Table 2: the sum of the four age groups' respondents (printed total 198)."""
    return float(_t2_groups()["respondents"].sum())


@computation("004.table2_shares_sum")
def table2_shares_sum() -> float:
    """Table 2: the sum of the four printed shares (printed total 100.0)."""
    return round(float(_t2_groups()["share"].sum()), 10)


def _t2_share(group: str) -> float:
    from ..indicators import share

    g = _t2_groups().set_index("age_group")
    return float(share(int(g.loc[group, "respondents"]), _t2_total()))


def _text_value(key: str) -> float:
    from .. import data

    t = data.load("004_text_figures").set_index("key")
    return float(t.loc[key, "value"])


def _share_of_whole_count(share_pct: float, n: int) -> float:
    """The share (in %) of the whole number of n respondents nearest to a printed share."""
    return float(np.rint(share_pct * n / 100) / n * 100)


@computation("004.gender_share_n198[men]")
def men_share_n198() -> float:
    """Share of men (line 311) as the nearest whole number of the 198 respondents, %."""
    return _share_of_whole_count(_text_value("survey_men"), _t2_total())


@computation("004.gender_share_n198[women]")
def women_share_n198() -> float:
    """Share of women (line 311) as the nearest whole number of the 198 respondents, %."""
    return _share_of_whole_count(_text_value("survey_women"), _t2_total())


@computation("004.gender_women_complement")
def women_complement() -> float:
    """100 minus the printed share of men: the share of women if the two add up to 100, %."""
    return round(100 - _text_value("survey_men"), 10)


# --- Table 5: satisfaction with public authorities, n = 198 ----------------------------------------------

@computation("004.table5_total_row_sum")
def table5_total_row_sum() -> float:
    """Table 5: the sum of the printed Total row over the five scores (should be 100)."""
    return row_sum("table5", "Total")


@computation("004.table5_respondents_sum")
def table5_respondents_sum() -> float:
    """Table 5: the sum of the printed "Number of respondents" of the four age groups (printed total 198)."""
    body = _body("table5")
    return float(body.drop_duplicates("age_group")["respondents"].sum())


@computation("004.table5_not_satisfied")
def table5_not_satisfied() -> float:
    """Table 5, Total row: scores 1 and 2 ("not satisfied"), %."""
    return round(printed_total("table5", 1) + printed_total("table5", 2), 10)


@computation("004.table5_not_satisfied_fraction")
def table5_not_satisfied_fraction() -> float:
    """Table 5, Total row: scores 1 and 2 as a fraction of the respondents ("every fifth resident")."""
    return table5_not_satisfied() / 100


@computation("004.table5_good_excellent")
def table5_good_excellent() -> float:
    """Table 5, Total row: scores 4 and 5 ("good and excellent"), %."""
    return round(printed_total("table5", 4) + printed_total("table5", 5), 10)


# --- Table 6: satisfaction with public utilities ---------------------------------------------------------

@computation("004.table6_average_row_sum")
def table6_average_row_sum() -> float:
    """Table 6: the sum of the printed "On average" row (should be 100)."""
    return row_sum("table6", "On average")


# --- Table 8 and 9: text sums ----------------------------------------------------------------------------

@computation("004.table8_not_satisfied")
def table8_not_satisfied() -> float:
    """Table 8, Total row: partially satisfied plus the third column ("not fully or partially satisfied"), %."""
    return round(printed_total("table8", "partially_satisfied") + printed_total("table8", "dissatisfied"), 10)


@computation("004.table9_any_corruption")
def table9_any_corruption() -> float:
    """Table 9, Total row: "yes, constantly" plus "occasionally" (potential corruption risks), %."""
    return round(printed_total("table9", "yes_constantly") + printed_total("table9", "occasionally"), 10)


@computation("004.table7_cell[30_39,dissatisfied]")
def table7_dissatisfied_30_39() -> float:
    """Table 7, cell 30-39 / dissatisfied (a share of all entrepreneurs surveyed), %."""
    body = _body("table7")
    return float(body.loc[(body["age_group"] == "30-39") & (body["answer"] == "dissatisfied"), "percent"].item())


# --- Registration of the table-wide families -------------------------------------------------------------

for _slug, _group in AGE_GROUPS.items():
    computation(f"004.table2_share[{_slug}]")(functools.partial(_t2_share, _group))
    computation(f"004.table5_group_count_n198[{_slug}]")(functools.partial(group_count, "table5", _group, 198))

for _k in range(1, 6):
    computation(f"004.table5_column_sum[score{_k}]")(functools.partial(column_sum, "table5", _k))
    computation(f"004.table5_column_from_counts[score{_k}]")(functools.partial(column_from_counts, "table5", _k))

for _slug, _branch in UTILITIES.items():
    computation(f"004.table6_branch_sum[{_slug}]")(functools.partial(row_sum, "table6", _branch))

for _answer in ("satisfied", "partially_satisfied", "dissatisfied"):
    computation(f"004.table6_mean[{_answer}]")(functools.partial(branch_mean, _answer))

_ANSWERS = {
    "table7": ("satisfied", "partially_satisfied", "dissatisfied"),
    "table8": ("satisfied", "partially_satisfied", "dissatisfied"),
    "table9": ("yes_constantly", "occasionally", "no_cases"),
}
for _t, _answers in _ANSWERS.items():
    for _answer in _answers:
        computation(f"004.{_t}_column_sum[{_answer}]")(functools.partial(column_sum, _t, _answer))
        computation(f"004.{_t}_total[{_answer}]")(functools.partial(printed_total, _t, _answer))
    computation(f"004.{_t}_total_row_sum")(functools.partial(row_sum, _t, "Total"))

for _t, (_n, _how, _why) in BASES.items():
    # the table's own base (printed or inferred) and, where that is not 198, the 198 of the online survey
    for _b in sorted({_n, 198}):
        computation(f"004.{_t}_whole_number_n{_b}")(functools.partial(whole_number_distance, _t, _b))
    if SURVEY_TABLES[_t][2] == "age_group":
        # the reading that each cell is a share of its own age group (Table 2 sizes)
        computation(f"004.{_t}_whole_number_group_sizes")(functools.partial(whole_number_distance, _t, "age group"))
