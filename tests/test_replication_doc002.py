"""Document 002's replication computations against hand computations from Table 1.

The counts below are typed from the seed file (002_2a69400077e67120.txt, lines 61–64), so that the tests
do not go through ``sieecon.data``.
"""

from __future__ import annotations

import pytest

from sieecon import replication
from sieecon.replication import doc002

YEARS = [2015, 2016, 2017, 2018, 2019, 2020]
TOTAL = [4103, 4003, 4039, 3975, 3821, 3605]
WITH = [541, 543, 582, 583, 567, 453]
SHARES = [13.2, 13.6, 14.4, 14.7, 14.8, 12.6]


def hand_values() -> dict[str, float]:
    h: dict[str, float] = {
        "002.table1[enterprises,2020]": 3605,
        "002.table1[with_innovation,2020]": 453,
        "002.mean_share_2015_2020": sum(SHARES) / 6,
        "002.mean_share_2016_2020": sum(SHARES[1:]) / 5,
        "002.pooled_share_2015_2020": 100 * sum(WITH) / sum(TOTAL),
        "002.years_2015_2020": 6,
        "002.span_2015_2020": 5,
    }
    for y, w, t in zip(YEARS, WITH, TOTAL):
        h[f"002.table1_share[{y}]"] = 100 * w / t
    return h


HAND = hand_values()


def test_every_computation_has_a_hand_value():
    names = {n for n in replication.computations() if n.startswith("002.")}
    assert names == set(HAND)


@pytest.mark.parametrize("name", sorted(HAND))
def test_computation_matches_hand(name):
    assert replication.recompute(name) == pytest.approx(HAND[name], abs=1e-9)


def test_printed_shares_are_the_rounded_quotients():
    for w, t, s in zip(WITH, TOTAL, SHARES):
        assert round(100 * w / t, 1) == s


def test_input_validation():
    with pytest.raises(ValueError, match="field must be one of"):
        doc002.value("firms", 2020)
    with pytest.raises(ValueError, match="covers 2015–2020"):
        doc002.share(2021)
    with pytest.raises(ValueError, match="must not be after"):
        doc002.mean_share(2020, 2015)
    with pytest.raises(TypeError, match="must be a year"):
        doc002.mean_share("2015", 2020)


def test_ledger_statuses():
    led = replication.ledger(document="002")
    assert len(led) == 18
    assert (led["status"] == led["expected"]).all(), led.loc[led["status"] != led["expected"], ["claim", "status"]]
    counts = led["status"].value_counts().to_dict()
    assert counts == {"reproduced": 9, "reproduced with a stated reading": 1, "not checkable": 8}
    row = replication.verdict("002-text-average-period")
    assert row["status"] == "reproduced with a stated reading"
    assert row["recomputed"] == 5
    assert replication.verdict("002-text-average-share")["recomputed"] == pytest.approx(83.3 / 6)


def test_register_names_existing_computations():
    comps = replication.computations()
    for c in replication.claims("002"):
        if c.computation is not None:
            assert c.computation in comps, c.id
        for r in c.readings:
            assert r["computation"] in comps, c.id
