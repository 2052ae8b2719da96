"""Tests of sieecon.swot: the tidy SWOT, its figure, IFE/EFE matrices and the TOWS matrix."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from sieecon.swot import (  # noqa: E402
    CATEGORIES,
    COLOURS,
    FactorEvaluation,
    Swot,
    SwotItem,
    factor_evaluation,
    tows_matrix,
)


@pytest.fixture(scope="module")
def programmes() -> Swot:
    return Swot.from_dataset("000_swot_programmes")  # document 000, Table 1, lines 212-223


def _toy() -> Swot:
    return Swot(
        [
            SwotItem("strength", "Institutional infrastructure"),
            SwotItem("strength", "Grant financing"),
            SwotItem("strength", "Regional coverage"),
            SwotItem("weakness", "Weak coordination"),
            SwotItem("weakness", "No export criterion"),
            SwotItem("opportunity", "Digital export services"),
            SwotItem("opportunity", "EAEU and China"),
            SwotItem("threat", "Geopolitics"),
            SwotItem("threat", "Currency risk"),
        ],
        title="Toy",
    )


# --- the tidy representation ---------------------------------------------------------------

def test_from_dataset(programmes):
    assert programmes.counts().tolist() == [5, 5, 4, 4]
    assert programmes.title.startswith("SWOT analysis of SIE financing programmes")
    assert programmes.source == "Document 000, Table 1, lines 212–223"
    assert programmes.items("strength")[0].text.startswith("Presence of institutionalized infrastructure")
    assert [it.label for it in programmes.items("threat")] == ["T1", "T2", "T3", "T4"]
    assert len(programmes) == 18


def test_to_frame_round_trip(programmes):
    frame = programmes.to_frame()
    assert list(frame.columns) == ["category", "order", "label", "item_en", "item_original"]
    again = Swot.from_frame(frame)
    assert [(i.category, i.order, i.text) for i in again] == [(i.category, i.order, i.text) for i in programmes]


def test_original_text_and_unsorted_frame():
    df = pd.DataFrame({
        "category": ["threat", "strength", "strength"],
        "order": [1, 2, 1],
        "item_en": ["Ecological damage", "Recreation potential", "Mineral resources"],
        "item_original": ["Экологиялық жағдайдың нашарлауы", None, "Пайдалы қазбалар"],
    })
    sw = Swot.from_frame(df)
    assert [it.label for it in sw] == ["S1", "S2", "T1"]
    assert sw.items("strength")[0].text_original == "Пайдалы қазбалар"
    assert sw.items("strength")[1].text_original is None
    assert sw.items("strength")[1].display("original") == "Recreation potential"  # falls back to English
    assert "Экологиялық" in sw.alt_text(language="original")


def test_auto_numbering_respects_given_orders():
    sw = Swot([SwotItem("weakness", "b", order=1), SwotItem("weakness", "a"), SwotItem("weakness", "c", order=3)])
    assert [(it.label, it.text) for it in sw] == [("W1", "b"), ("W2", "a"), ("W3", "c")]
    assert sw.counts().to_dict() == {"strength": 0, "weakness": 3, "opportunity": 0, "threat": 0}
    assert repr(sw) == "Swot(strengths=0, weaknesses=3, opportunities=0, threats=0)"


def test_item_and_swot_errors():
    with pytest.raises(ValueError, match="category must be one of 'strength', 'weakness', 'opportunity', 'threat'; got 'risk'"):
        SwotItem("risk", "x")
    with pytest.raises(ValueError, match="text of a strength item must not be empty"):
        SwotItem("strength", "  ")
    with pytest.raises(TypeError, match="text must be a string"):
        SwotItem("strength", 3)
    with pytest.raises(ValueError, match="order must be at least 1"):
        SwotItem("strength", "x", order=0)
    with pytest.raises(TypeError, match="order must be an integer"):
        SwotItem("strength", "x", order=1.5)
    with pytest.raises(TypeError, match="text_original must be a string or None"):
        SwotItem("strength", "x", text_original=1)
    with pytest.raises(ValueError, match="two strengths have order 1"):
        Swot([SwotItem("strength", "a", order=1), SwotItem("strength", "b", order=1)])
    with pytest.raises(ValueError, match="at least one item"):
        Swot([])
    with pytest.raises(TypeError, match="use Swot.from_frame for a DataFrame"):
        Swot(pd.DataFrame())
    with pytest.raises(TypeError, match="position 1 is str"):
        Swot([SwotItem("strength", "a"), "b"])
    with pytest.raises(ValueError, match="category must be one of"):
        _toy().items("strengths")


@pytest.mark.parametrize(
    "frame, match",
    [
        (pd.DataFrame({"category": ["strength"], "item_en": ["a"]}), "frame has no column 'order'"),
        (pd.DataFrame({"category": ["power"], "order": [1], "item_en": ["a"]}), r"frame, row 0: category must be one of .*got 'power'"),
        (pd.DataFrame({"category": ["strength", "threat"], "order": [1, 1.5], "item_en": ["a", "b"]}),
         "frame, row 1: order must be a whole number, got 1.5"),
        (pd.DataFrame({"category": ["strength"], "order": [1], "item_en": [None]}), "frame, row 0: item_en must be a non-empty text"),
    ],
)
def test_from_frame_errors(frame, match):
    with pytest.raises(ValueError, match=match):
        Swot.from_frame(frame)


# --- the figure -------------------------------------------------------------------------------

def test_plot_quadrants_colours_and_text(programmes):
    fig, ax = plt.subplots(figsize=(11, 7))
    out = programmes.plot(ax=ax)
    assert out is ax
    bodies = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert set(bodies) == {f"swot-{c}" for c in CATEGORIES}
    assert "S1  Presence of institutionalized" in bodies["swot-strength"]
    assert "T4  Administrative barriers" in bodies["swot-threat"]
    headers = [t.get_text() for t in ax.texts]
    for h in ("Strengths (5)", "Weaknesses (5)", "Opportunities (4)", "Threats (4)",
              "Helpful", "Harmful", "Internal", "External"):
        assert h in headers
    faces = {tuple(np.round(p.get_facecolor()[:3], 3)) for p in ax.patches}
    for c in COLOURS.values():
        assert tuple(np.round(to_rgb(c), 3)) in faces
    assert ax.get_title(loc="left") == programmes.title
    plt.close(fig)


def test_plot_new_figure_grows_with_text_and_keeps_dollars_literal():
    long = Swot([SwotItem("strength", "Costs fell from $5 to $3 per unit " * 6, order=i) for i in range(1, 16)])
    ax = long.plot()
    assert ax.figure.get_size_inches()[1] > 6.0
    body = next(t for t in ax.texts if t.get_gid() == "swot-strength")
    assert "$5" in body.get_text() and body.get_parse_math() is False
    plt.close(ax.figure)


def test_plot_warns_when_items_cannot_fit():
    long = Swot([SwotItem("threat", "word " * 80, order=i) for i in range(1, 30)])
    fig, ax = plt.subplots(figsize=(4, 3))
    with pytest.warns(UserWarning, match="do not fit their quadrants at 5 pt"):
        long.plot(ax=ax)
    plt.close(fig)


def test_plot_options_and_errors():
    sw = Swot([SwotItem("strength", "Grants", "Гранттар")])
    fig, ax = plt.subplots(figsize=(8, 5))
    sw.plot(ax=ax, language="original", fontsize=8, title="Custom")
    body = next(t for t in ax.texts if t.get_gid() == "swot-strength")
    assert "Гранттар" in body.get_text() and body.get_fontsize() == 8
    assert next(t for t in ax.texts if t.get_gid() == "swot-threat").get_text() == "(none)"
    assert ax.get_title(loc="left") == "Custom"
    with pytest.raises(ValueError, match="language must be one of 'en', 'original'; got 'kk'"):
        sw.plot(ax=ax, language="kk")
    with pytest.raises(ValueError, match="fontsize must be a positive number"):
        sw.plot(ax=ax, fontsize=0)
    plt.close(fig)


def test_alt_text_describes_every_item(programmes):
    alt = programmes.alt_text()
    assert alt.startswith("SWOT diagram, SWOT analysis of SIE financing programmes")
    assert "Top left, strengths (5 items): S1 Presence" in alt
    assert "Bottom right, threats (4 items)" in alt
    for it in programmes:
        assert f"{it.label} {it.text}" in alt
    assert alt.endswith("Source: Document 000, Table 1, lines 212–223.")


# --- factor evaluation -------------------------------------------------------------------------

def test_ife_worked_example():
    # By hand: 0.20*4 + 0.15*3 + 0.15*4 + 0.25*1 + 0.25*2 = 0.80 + 0.45 + 0.60 + 0.25 + 0.50 = 2.60
    ife = factor_evaluation(_toy(), [0.20, 0.15, 0.15, 0.25, 0.25], [4, 3, 4, 1, 2])
    assert isinstance(ife, FactorEvaluation) and ife.kind == "internal"
    assert ife.table.index.tolist() == ["S1", "S2", "S3", "W1", "W2"]
    np.testing.assert_allclose(ife.table["score"], [0.80, 0.45, 0.60, 0.25, 0.50])
    assert ife.total == pytest.approx(2.60)
    np.testing.assert_allclose(ife.subtotals.to_numpy(), [1.85, 0.75])
    assert "above average" in ife.interpretation and "strong internal position" in ife.interpretation
    assert repr(ife) == "FactorEvaluation(IFE, factors=5, total=2.60)"
    shown = ife.to_frame()
    assert shown.index[-1] == "Total" and shown.loc["Total", "score"] == pytest.approx(2.60)
    assert shown.loc["Total", "weight"] == pytest.approx(1.0)


def test_efe_worked_example_with_mappings():
    # By hand: O1 0.30*4 = 1.20, O2 0.20*3 = 0.60, T1 0.30*1 = 0.30, T2 0.20*1 = 0.20; total 2.30
    efe = factor_evaluation(_toy(), {"T2": 0.2, "O1": 0.3, "O2": 0.2, "T1": 0.3},
                            {"O1": 4, "O2": 3, "T1": 1, "T2": 1}, kind="external")
    assert efe.table.index.tolist() == ["O1", "O2", "T1", "T2"]
    assert efe.total == pytest.approx(2.30)
    assert "below average" in efe.interpretation


def test_average_total_and_item_lists():
    items = [SwotItem("opportunity", "a", order=1), SwotItem("threat", "b", order=1)]
    efe = factor_evaluation(items, [0.5, 0.5], [3, 2], kind="external")
    assert efe.total == pytest.approx(2.5) and "about as well as average" in efe.interpretation
    ife = factor_evaluation(_toy().to_frame(), [0.5, 0, 0, 0.5, 0], [3, 3, 3, 2, 2])
    assert ife.total == pytest.approx(2.5) and "balance" in ife.interpretation


@pytest.mark.parametrize(
    "weights, ratings, kind, exc, match",
    [
        ([0.3, 0.3, 0.3, 0.1, 0.1], [4, 3, 4, 1, 2], "internal", ValueError, "weights must sum to 1, but they sum to 1.1"),
        ([0.6, 0.2, 0.2, 0.1, -0.1], [4, 3, 4, 1, 2], "internal", ValueError, "weights must be non-negative, but position 4"),
        ([0.5, 0.5], [4, 3], "internal", ValueError, r"weights has 2 values for 5 factors \(S1, S2, S3, W1, W2\)"),
        ({"S1": 1.0}, [4, 3, 4, 1, 2], "internal", ValueError, "weights: no value for S2, S3, W1, W2"),
        ({"S9": 1.0}, [4, 3, 4, 1, 2], "internal", ValueError, "weights: 'S9' is not a factor label"),
        ("0.2", [4, 3, 4, 1, 2], "internal", TypeError, "weights must be a list aligned with the factors"),
        ([0.2] * 5, [4, 3, 5, 1, 2], "internal", ValueError,
         r"ratings must be whole numbers from 1 to 4, but S3 \('Regional coverage'\) is rated 5"),
        ([0.2] * 5, [4, 3.5, 4, 1, 2], "internal", ValueError, r"but S2 \('Grant financing'\) is rated 3.5"),
        ([0.2] * 5, [4, "3", 4, 1, 2], "internal", TypeError, r"the rating of S2 \('Grant financing'\) is '3'"),
        ([0.2] * 5, [4, True, 4, 1, 2], "internal", TypeError, "the rating of S2"),
        ([0.2] * 5, [4, 2, 4, 1, 2], "internal", ValueError,
         r"a strength must be rated 3 \(minor strength\) or 4 \(major strength\), but S2 \('Grant financing'\) is rated 2"),
        ([0.2] * 5, [4, 3, 4, 3, 2], "internal", ValueError,
         r"a weakness must be rated 1 \(major weakness\) or 2 \(minor weakness\), but W1 \('Weak coordination'\) is rated 3"),
        ([0.25] * 4, [4, 3, 4, 0], "external", ValueError, r"but T2 \('Currency risk'\) is rated 0"),
        ([0.25] * 4, [4, 3, 4, 1], "both", ValueError, "kind must be one of 'internal', 'external'; got 'both'"),
    ],
)
def test_factor_evaluation_errors(weights, ratings, kind, exc, match):
    with pytest.raises(exc, match=match):
        factor_evaluation(_toy(), weights, ratings, kind=kind)


def test_factor_evaluation_item_errors():
    mixed = [SwotItem("strength", "a", order=1), SwotItem("opportunity", "b", order=1)]
    with pytest.raises(ValueError, match=r"an internal factor evaluation rates strengths and weaknesses, but item 1 \(O1\) is an opportunity"):
        factor_evaluation(mixed, [0.5, 0.5], [3, 3])
    with pytest.raises(TypeError, match="items must be a Swot, a SWOT DataFrame or a list of SwotItem"):
        factor_evaluation("S1", [1.0], [3])
    with pytest.raises(ValueError, match="items must not be empty"):
        factor_evaluation([], [1.0], [3])
    with pytest.raises(ValueError, match="the SWOT has no opportunities or threats"):
        factor_evaluation(Swot([SwotItem("strength", "a")]), [1.0], [3], kind="external")
    with pytest.raises(ValueError, match="label S1 appears twice"):
        factor_evaluation([SwotItem("strength", "a", order=1), SwotItem("strength", "b", order=1)], [0.5, 0.5], [3, 3])


# --- TOWS --------------------------------------------------------------------------------------

def test_tows_pairings():
    m = tows_matrix(_toy())
    assert m.shape == (2, 2)
    assert m.index.tolist() == ["Opportunities (O1–O2)", "Threats (T1–T2)"]
    assert m.columns.tolist() == ["Strengths (S1–S3)", "Weaknesses (W1–W2)"]
    assert m.iloc[0, 0] == "S1×O1, S1×O2, S2×O1, S2×O2, S3×O1, S3×O2"
    assert m.iloc[1, 1] == "W1×T1, W1×T2, W2×T1, W2×T2"
    assert m.loc["Threats (T1–T2)", "Strengths (S1–S3)"].count("×") == 6
    assert set(m.attrs["cells"].values()) == {"SO", "WO", "ST", "WT"}
    assert "maxi-maxi" in m.attrs["guide"]["SO"]


def test_tows_with_strategies(programmes):
    m = tows_matrix(programmes, {"SO": ["Build export services into the DAMU portal", "Co-finance with EAEU partners"],
                                 "WT": ["Add an export criterion to project selection"]})
    assert m.iloc[0, 0] == "SO1. Build export services into the DAMU portal\nSO2. Co-finance with EAEU partners"
    assert m.iloc[1, 1] == "WT1. Add an export criterion to project selection"
    assert m.iloc[0, 1] == "" and m.iloc[1, 0] == ""
    assert m.columns.tolist() == ["Strengths (S1–S5)", "Weaknesses (W1–W5)"]


def test_tows_empty_quadrant_and_errors():
    m = tows_matrix(Swot([SwotItem("strength", "a"), SwotItem("threat", "b")]))
    assert m.index.tolist() == ["Opportunities (none)", "Threats (T1)"]
    assert m.iloc[0, 0] == "" and m.iloc[1, 0] == "S1×T1"
    with pytest.raises(TypeError, match="swot must be a Swot"):
        tows_matrix(pd.DataFrame())
    with pytest.raises(ValueError, match="'OS' is not a TOWS cell"):
        tows_matrix(_toy(), {"OS": ["x"]})
    with pytest.raises(TypeError, match=r"strategies\['SO'\] must be a list of strings, not str"):
        tows_matrix(_toy(), {"SO": "x"})
    with pytest.raises(ValueError, match=r"strategies\['ST'\] must hold non-empty strings"):
        tows_matrix(_toy(), {"ST": [""]})
    with pytest.raises(TypeError, match="strategies must be a mapping"):
        tows_matrix(_toy(), [["x"]])
