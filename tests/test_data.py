"""The datasets: every one validates, the package is current, and each error path says what is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sieecon import data

ROOT = Path(__file__).resolve().parents[1]


def test_validate_all_datasets_and_datapackage_is_current():
    counts = data.validate_all()
    assert len(counts) >= 8
    assert all(n > 0 for n in counts.values())


@pytest.mark.parametrize("name", data.list_datasets())
def test_each_dataset_loads_with_provenance(name):
    df = data.load(name)
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    src = df.attrs["source"]
    assert src["file"] == data.SEED_FILES[src["document"]]
    first, last = src["lines"]
    seed = ROOT.parent / "shared" / "seeds" / src["file"]
    if seed.exists():
        n_lines = len(seed.read_text(encoding="utf-8").splitlines())
        assert last <= n_lines, f"{name}: line range {first}–{last} beyond the seed file's {n_lines} lines"
    if src["document"] == "003":
        # 003 publishes no data: its only dataset is simulated, and says so everywhere
        assert df.attrs["synthetic"] is True and "SYNTHETIC" in df.attrs["title"]
        assert df["synthetic"].all()
    else:
        assert df.attrs.get("synthetic") in (False, None), "transcribed data must not be marked synthetic"
    assert data.cite(name).startswith(src.get("citation") or "Document")


def test_synthetic_panel_is_the_generators_output():
    from sieecon.simulate import TRUE_PARAMS, simulate_regional_panel

    stored = data.load("003_regional_panel_synthetic")
    fresh = simulate_regional_panel(seed=2025)
    assert list(stored.columns) == list(fresh.columns)
    for col in ("lnprod", "ln_grp_pc", "unemployment", "ict_share", "digital_skills"):
        assert (stored[col] - fresh[col]).abs().max() < 1e-6, col
    assert stored.attrs["true_params"] == TRUE_PARAMS


def test_every_document_with_data_has_datasets():
    for doc in ("000", "001", "002", "004"):
        assert data.list_datasets(doc), f"no datasets for document {doc}"


def test_unknown_name_suggests_close_names():
    with pytest.raises(KeyError, match="did you mean '000_funding_exports'"):
        data.load("000_funding_export")
    with pytest.raises(KeyError, match="list_datasets"):
        data.load("zzzz")
    with pytest.raises(TypeError, match="must be a string"):
        data.load(3)


def test_list_datasets_document_filter_errors():
    with pytest.raises(ValueError, match="document must be one of"):
        data.list_datasets("007")
    with pytest.raises(TypeError, match="such as '000'"):
        data.list_datasets(0)


def test_corrections_are_recorded_with_evidence():
    table = data.corrections()
    assert list(table.columns) == ["dataset", "row", "field", "printed", "corrected", "reason", "evidence"]
    assert (table["reason"].str.len() > 0).all()


def test_describe_and_cli(capsys):
    from sieecon.cli import main

    assert "Table 2" in data.describe("000_funding_exports")
    assert main(["data", "list", "--document", "000"]) == 0
    assert "000_funding_exports" in capsys.readouterr().out
    assert main(["data", "show", "000_funding_exports"]) == 0
    assert main(["data", "show", "nope"]) == 2
    assert "no dataset named 'nope'" in capsys.readouterr().err
    assert main(["data", "validate"]) == 0


@pytest.fixture
def damaged(tmp_path, monkeypatch):
    """A copy of the data folder to damage, with the loader pointed at it."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    monkeypatch.setattr(data, "data_dir", lambda: copy)
    data._descriptors.cache_clear()
    yield copy
    data._descriptors.cache_clear()


def test_missing_column_names_file_and_column(damaged):
    p = damaged / "000" / "funding_exports.csv"
    p.write_text(p.read_text().replace("exports", "export"))
    with pytest.raises(data.DataError, match=r"data/000/funding_exports.csv: column 'exports' is missing"):
        data.load("000_funding_exports")


def test_non_numeric_cell_names_row_and_column(damaged):
    p = damaged / "000" / "funding_exports.csv"
    p.write_text(p.read_text().replace("128.2", "12B.2"))
    with pytest.raises(data.DataError, match=r"funding_exports.csv, row 3, column 'funding': '12B.2' is not a valid number"):
        data.load("000_funding_exports")


def test_wrong_type_names_row_and_column(damaged):
    p = damaged / "000" / "funding_exports.csv"
    p.write_text(p.read_text().replace("2023,", "2023.5,"))
    with pytest.raises(data.DataError, match=r"row 4, column 'year': '2023.5' is not a valid integer"):
        data.load("000_funding_exports")


def test_out_of_range_and_gap(damaged):
    p = damaged / "000" / "funding_exports.csv"
    p.write_text(p.read_text().replace("61.3", "-61.3"))
    with pytest.raises(data.DataError, match="below the minimum 0"):
        data.load("000_funding_exports")
    p.write_text("year,funding,exports\n2021,1,1\n2023,1,1\n")
    with pytest.raises(data.DataError, match="gap or repeat before 2023"):
        data.load("000_funding_exports")


def test_missing_file_and_short_row(damaged):
    p = damaged / "000" / "funding_exports.csv"
    p.write_text("year,funding,exports\n2021,1\n")
    with pytest.raises(data.DataError, match="row 2: expected 3 cells, found 2"):
        data.load("000_funding_exports")
    p.unlink()
    with pytest.raises(data.DataError, match="the file of dataset '000_funding_exports' is missing"):
        data.load("000_funding_exports")


def test_correction_must_match_the_file(damaged):
    p = damaged / "000" / "funding_exports.yaml"
    text = p.read_text().replace(
        "corrections: []",
        "corrections:\n  - {row: {year: 2021}, field: funding, printed: '1277', corrected: 12.7, reason: test}",
    )
    p.write_text(text)
    data._descriptors.cache_clear()
    with pytest.raises(data.DataError, match="says 12.7, but the file holds 127.7"):
        data.validate("000_funding_exports")


def test_stale_datapackage_is_reported(damaged):
    pkg = damaged / "datapackage.json"
    content = json.loads(pkg.read_text())
    content["resources"] = content["resources"][:-1]
    pkg.write_text(json.dumps(content))
    with pytest.raises(data.DataError, match="out of date"):
        data.validate_all()


def test_datapackage_is_a_valid_frictionless_package():
    frictionless = pytest.importorskip("frictionless")
    package = frictionless.Package(str(ROOT / "data" / "datapackage.json"))
    names = {r.name for r in package.resources}
    assert "000_funding_exports" in names
