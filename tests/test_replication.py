"""The replication ledger: the register is well formed, every status is what the register expects, and
the core rules (tolerance, relations, readings) behave."""

from __future__ import annotations

import math

import pytest

from sieecon import replication
from sieecon.cli import main


def test_register_is_well_formed_and_every_computation_exists():
    comps = replication.computations()
    claims = replication.claims()
    assert len(claims) >= 30
    for c in claims:
        if c.computation is not None:
            assert c.computation in comps, f"{c.id}: no computation {c.computation!r}"
            for r in c.readings:
                assert r["computation"] in comps, f"{c.id}: no computation {r['computation']!r}"
        else:
            assert c.reason, f"{c.id}: a claim that cannot be checked needs a reason"


def test_every_status_is_as_the_register_expects():
    ledger = replication.ledger()
    changed = ledger[ledger["status"] != ledger["expected"]]
    assert changed.empty, changed[["claim", "printed", "recomputed", "status", "expected"]].to_string()


def test_statuses_cover_the_four_kinds_and_documents():
    ledger = replication.ledger()
    assert set(ledger["status"]) <= set(replication.STATUSES)
    assert {"reproduced", "differs", "not checkable", "reproduced with a stated reading"} <= set(ledger["status"])
    assert "000" in set(ledger["document"])


def test_tolerance_follows_printed_digits():
    assert replication.tolerance("0.994") == pytest.approx(0.0005)
    assert replication.tolerance("2,53") == pytest.approx(0.005)
    assert replication.tolerance("53") == pytest.approx(0.5)
    assert replication.tolerance("2", decimals=2) == pytest.approx(0.005)


def test_reading_is_named_when_it_reproduces():
    row = replication.verdict("000-forecast-2028")
    assert row["status"] == "reproduced with a stated reading"
    assert "printed equation" in row["reading"]
    assert row["recomputed"] == pytest.approx(124.4)


def test_differs_lists_the_readings_tried():
    row = replication.verdict("000-eq3-pearson-r")
    assert row["status"] == "differs"
    assert "cumulative sums" in row["readings_tried"]
    assert row["recomputed"] == pytest.approx(0.9714769664663725)
    assert row["difference"] == pytest.approx(0.9714769664663725 - 0.994)


def test_not_checkable_has_no_value():
    row = replication.verdict("000-programme-growth-damu")
    assert row["status"] == "not checkable" and math.isnan(row["recomputed"])


def test_unknown_claim_and_computation_errors():
    with pytest.raises(KeyError, match="did you mean '000-eq3-pearson-r'"):
        replication.claim("000-eq3-pearson")
    with pytest.raises(KeyError, match="no computation named 'nope'"):
        replication.recompute("nope")
    with pytest.raises(TypeError, match="such as '000'"):
        replication.claims(0)


def test_cli_replicate_exits_zero_and_prints_counts(capsys):
    assert main(["replicate", "--document", "000"]) == 0
    out = capsys.readouterr().out
    assert "000-eq3-pearson-r" in out and "differs" in out


def test_cli_replicate_fails_when_a_status_changes(monkeypatch, capsys):
    import sieecon.replication.doc000 as d

    original = replication._REGISTRY["000.eq6_eai"]
    monkeypatch.setitem(replication._REGISTRY, "000.eq6_eai", lambda: 0.5)
    replication._verdict_cached.cache_clear()
    try:
        assert main(["replicate", "--document", "000"]) == 1
        assert "000-eq6-eai: expected 'reproduced', now 'differs'" in capsys.readouterr().err
    finally:
        replication._REGISTRY["000.eq6_eai"] = original
        replication._verdict_cached.cache_clear()
    assert d.eq6_eai() == pytest.approx(0.325)
