"""Document 004's replication computations against hand computations from the printed tables.

The numbers below are typed from the seed file (004_96e0a1db70eeef86.txt, lines 314–325 and 643–779),
with the damaged cells read as the datasets' corrections record ("35" → 3.5, "-" → 0, "121" → 12.1,
"17" → 1.7, "414" → 41.4), so that the tests do not go through ``sieecon.data``.
"""

from __future__ import annotations

import pytest

from sieecon import replication
from sieecon.replication import doc004

GROUPS = ["up_to_30", "30_39", "40_49", "50_over"]
T2_COUNTS = [72, 45, 42, 39]
T2_SHARES = [36.4, 22.7, 21.2, 19.7]
MEN, WOMEN = 30.8, 69.2

T5 = [  # scores 1..5, age groups in printed order
    [4.0, 4.0, 13.1, 7.6, 7.6],
    [3.5, 3.0, 4.0, 6.1, 6.1],
    [3.0, 1.0, 8.1, 5.6, 3.5],
    [0.0, 2.0, 9.1, 5.1, 3.5],
]
T5_TOTAL = [10.5, 10.1, 34.3, 24.4, 20.7]
T6 = {"heat": [47.5, 40.4, 12.1], "water": [43.9, 37.4, 18.7], "power": [47.5, 31.8, 20.7], "gas": [49.0, 33.8, 17.2]}
T6_AVERAGE = [47.0, 35.8, 17.2]
T7 = [[10.3, 17.2, 6.9], [7.0, 6.9, 17.2], [5.2, 6.9, 6.9], [3.4, 6.9, 5.2]]
T7_TOTAL = [25.9, 37.9, 36.2]
T8 = [[6.9, 19.0, 8.6], [5.2, 8.6, 17.2], [5.2, 8.6, 5.2], [1.7, 6.9, 6.9]]
T8_TOTAL = [19.0, 43.1, 37.9]
T9 = [[6.9, 10.3, 17.2], [1.7, 12.1, 17.2], [0.0, 12.1, 7.0], [3.4, 6.9, 5.2]]
T9_TOTAL = [12.0, 41.4, 46.6]
ANSWERS = {
    "table7": ["satisfied", "partially_satisfied", "dissatisfied"],
    "table8": ["satisfied", "partially_satisfied", "dissatisfied"],
    "table9": ["yes_constantly", "occasionally", "no_cases"],
}
TABLES = {"table7": (T7, T7_TOTAL), "table8": (T8, T8_TOTAL), "table9": (T9, T9_TOTAL)}


def nearest_share_distance(p: float, n: int) -> float:
    """Brute force: the distance from p to the nearest 100·k/n, k = 0 … n."""
    return min(abs(p - 100 * k / n) for k in range(n + 1))


def max_distance(rows: list[list[float]], bases: list[int]) -> float:
    return max(nearest_share_distance(p, n) for row, n in zip(rows, bases) for p in row)


def hand_values() -> dict[str, float]:
    h: dict[str, float] = {}
    h["004.table2_respondents_sum"] = 72 + 45 + 42 + 39
    h["004.table2_shares_sum"] = 36.4 + 22.7 + 21.2 + 19.7
    for g, c in zip(GROUPS, T2_COUNTS):
        h[f"004.table2_share[{g}]"] = c / 198 * 100
    h["004.gender_share_n198[men]"] = 61 / 198 * 100  # 30.8% of 198 = 60.98 -> 61
    h["004.gender_share_n198[women]"] = 137 / 198 * 100  # 69.2% of 198 = 137.02 -> 137
    h["004.gender_women_complement"] = 100 - MEN
    # Table 5
    h["004.table5_total_row_sum"] = sum(T5_TOTAL)
    h["004.table5_respondents_sum"] = sum(T2_COUNTS)
    h["004.table5_not_satisfied"] = 10.5 + 10.1
    h["004.table5_not_satisfied_fraction"] = (10.5 + 10.1) / 100
    h["004.table5_good_excellent"] = 24.4 + 20.7
    for g, row in zip(GROUPS, T5):
        h[f"004.table5_group_count_n198[{g}]"] = sum(round(p * 198 / 100) for p in row)
    for k in range(5):
        col = [row[k] for row in T5]
        h[f"004.table5_column_sum[score{k + 1}]"] = sum(col)
        h[f"004.table5_column_from_counts[score{k + 1}]"] = 100 * sum(round(p * 1.98) for p in col) / 198
    h["004.table5_whole_number_n198"] = max_distance(T5, [198] * 4)
    h["004.table5_whole_number_group_sizes"] = max_distance(T5, T2_COUNTS)
    # Table 6
    for b, row in T6.items():
        h[f"004.table6_branch_sum[{b}]"] = sum(row)
    h["004.table6_average_row_sum"] = sum(T6_AVERAGE)
    for j, a in enumerate(["satisfied", "partially_satisfied", "dissatisfied"]):
        h[f"004.table6_mean[{a}]"] = sum(row[j] for row in T6.values()) / 4
    h["004.table6_whole_number_n198"] = max_distance(list(T6.values()), [198] * 4)
    # Tables 7-9
    for t, (rows, total) in TABLES.items():
        for j, a in enumerate(ANSWERS[t]):
            h[f"004.{t}_column_sum[{a}]"] = sum(row[j] for row in rows)
            h[f"004.{t}_total[{a}]"] = total[j]
        h[f"004.{t}_total_row_sum"] = sum(total)
        h[f"004.{t}_whole_number_n58"] = max_distance(rows, [58] * 4)
        h[f"004.{t}_whole_number_n198"] = max_distance(rows, [198] * 4)
        h[f"004.{t}_whole_number_group_sizes"] = max_distance(rows, T2_COUNTS)
    h["004.table7_cell[30_39,dissatisfied]"] = 17.2
    h["004.table8_not_satisfied"] = 43.1 + 37.9
    h["004.table9_any_corruption"] = 12.0 + 41.4
    return h


HAND = hand_values()


def test_every_computation_has_a_hand_value():
    names = {n for n in replication.computations() if n.startswith("004.")}
    assert names == set(HAND)


@pytest.mark.parametrize("name", sorted(HAND))
def test_computation_matches_hand(name):
    assert replication.recompute(name) == pytest.approx(HAND[name], abs=1e-9)


def test_hand_values_sanity():
    # the facts the register's notes rely on
    assert HAND["004.table5_whole_number_n198"] == pytest.approx(5.1 - 1000 / 198)
    assert HAND["004.table7_whole_number_n58"] == pytest.approx(7.0 - 400 / 58)
    assert HAND["004.table9_whole_number_n58"] == pytest.approx(7.0 - 400 / 58)
    assert [HAND[f"004.table5_group_count_n198[{g}]"] for g in GROUPS] == T2_COUNTS
    assert HAND["004.table6_mean[partially_satisfied]"] == pytest.approx(35.85)


def test_implied_counts_of_tables_7_to_9_share_one_age_composition():
    for t in ("table7", "table8", "table9"):
        assert [doc004.group_count(t, g, 58) for g in doc004.AGE_GROUPS.values()] == [20, 18, 11, 9]


def test_implied_counts_columns():
    c = doc004.implied_counts("table5", 198)
    assert {"base", "count_exact", "count", "distance_respondents", "distance_pp", "fits"} <= set(c.columns)
    assert int(c["count"].sum()) == 198
    assert bool(c["fits"].all())
    # distance in respondents = distance in percentage points × N / 100
    assert (c["distance_respondents"] - c["distance_pp"] * 1.98).abs().max() == pytest.approx(0, abs=1e-9)


def test_bases_are_labelled_printed_or_inferred():
    assert doc004.BASES["table5"][:2] == (198, "printed")
    assert doc004.BASES["table6"][:2] == (198, "inferred")
    for t in ("table7", "table8", "table9"):
        assert doc004.BASES[t][:2] == (58, "inferred")


def test_input_validation():
    with pytest.raises(ValueError, match="table must be one of"):
        doc004.column_sum("table10", "satisfied")
    with pytest.raises(TypeError, match="table must be a string"):
        doc004.survey_table(5)
    with pytest.raises(ValueError, match="base must be a positive whole number"):
        doc004.implied_counts("table7", 0)
    with pytest.raises(ValueError, match="not"):
        doc004.implied_counts("table6", "age group")
    with pytest.raises(ValueError, match="no answer"):
        doc004.column_sum("table7", "happy")


EXPECTED_DIFFERS = {"004-table7-whole-numbers", "004-table9-whole-numbers"}
EXPECTED_READING = {"004-table5-score2-total"}


def test_ledger_statuses():
    led = replication.ledger(document="004")
    assert len(led) == 65
    assert (led["status"] == led["expected"]).all(), led.loc[led["status"] != led["expected"], ["claim", "status"]]
    assert set(led.loc[led["status"] == "differs", "claim"]) == EXPECTED_DIFFERS
    assert set(led.loc[led["status"] == "reproduced with a stated reading", "claim"]) == EXPECTED_READING
    counts = led["status"].value_counts().to_dict()
    assert counts == {"reproduced": 55, "reproduced with a stated reading": 1, "differs": 2, "not checkable": 7}


def test_register_names_existing_computations():
    comps = replication.computations()
    for c in replication.claims("004"):
        if c.computation is not None:
            assert c.computation in comps, c.id
        for r in c.readings:
            assert r["computation"] in comps, c.id
        assert c.reason or c.computation, c.id


def test_stated_reading_and_differs_rows():
    row = replication.verdict("004-table5-score2-total")
    assert row["recomputed"] == pytest.approx(20 / 198 * 100)
    assert "implied whole counts" in row["reading"]
    row = replication.verdict("004-table7-whole-numbers")
    assert row["readings_tried"].count(":") == 2  # both readings tried, neither fits
