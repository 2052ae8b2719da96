"""Tests of sieecon.cluster against scipy directly and hand computations."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.cluster import hierarchy  # noqa: E402

from sieecon.cluster import ClusterResult, ward_clusters  # noqa: E402

# The classic seven-subject toy set of introductory k-means and hierarchical clustering
# tutorials: two obvious groups, {A, B} near the origin and {C, ..., G} further out.
TOY = pd.DataFrame(
    {
        "subject": list("ABCDEFG"),
        "v1": [1.0, 1.5, 3.0, 5.0, 3.5, 4.5, 3.5],
        "v2": [1.0, 2.0, 4.0, 7.0, 5.0, 5.0, 4.5],
    }
)


def _partition(labels) -> set[frozenset[int]]:
    labels = np.asarray(labels)
    return {frozenset(np.flatnonzero(labels == c).tolist()) for c in np.unique(labels)}


@pytest.mark.parametrize("standardize", [False, True])
def test_toy_two_clusters_match_scipy_fcluster(standardize):
    res = ward_clusters(TOY, k=2, label="subject", standardize=standardize)
    x = TOY[["v1", "v2"]].to_numpy()
    if standardize:
        x = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    ref_link = hierarchy.linkage(x, method="ward")
    ref = hierarchy.fcluster(ref_link, 2, criterion="maxclust")
    np.testing.assert_allclose(res.linkage, ref_link)
    assert _partition(res.labels) == _partition(ref)
    assert res.members() == {1: ["A", "B"], 2: ["C", "D", "E", "F", "G"]}
    assert res.labels.index.name == "subject" and res.labels.name == "cluster"


def test_numbering_follows_dendrogram_order():
    res = ward_clusters(TOY, k=3, label="subject")
    leaves = hierarchy.leaves_list(res.linkage)
    seen = list(dict.fromkeys(res.labels.to_numpy()[leaves]))
    assert seen == [1, 2, 3]


def test_ward_minimises_within_sum_of_squares_on_two_blobs():
    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.3, size=(8, 3))
    b = rng.normal(4, 0.3, size=(6, 3))
    df = pd.DataFrame(np.vstack([a, b]), columns=["x", "y", "z"])
    res = ward_clusters(df, k=2)
    assert _partition(res.labels) == {frozenset(range(8)), frozenset(range(8, 14))}


def test_profiles_and_sizes():
    res = ward_clusters(TOY, k=2, label="subject")
    prof = res.profiles()
    ref = TOY.set_index("subject").groupby(res.labels)[["v1", "v2"]].mean()
    np.testing.assert_allclose(prof[["v1", "v2"]].to_numpy(), ref.to_numpy())
    assert prof["size"].sum() == 7 and list(prof.index) == [1, 2] and prof.index.name == "cluster"
    z = res.profiles(standardized=True)
    np.testing.assert_allclose((z[["v1", "v2"]].mul(z["size"], axis=0)).sum(), 0.0, atol=1e-12)
    raw = ward_clusters(TOY, k=2, label="subject", standardize=False)
    with pytest.raises(ValueError, match="needs a result of ward_clusters"):
        raw.profiles(standardized=True)


def test_silhouette_hand_computation():
    res = ward_clusters(pd.DataFrame({"x": [0.0, 1.0, 5.0, 6.0]}), k=2, standardize=False)
    # point 0: a = 1, b = (5 + 6)/2 = 5.5 -> 9/11; point 1: a = 1, b = (4 + 5)/2 -> 7/9; symmetric
    expected = np.array([9 / 11, 7 / 9, 7 / 9, 9 / 11])
    np.testing.assert_allclose(res.silhouette(per_item=True).to_numpy(), expected)
    np.testing.assert_allclose(res.silhouette(), expected.mean())


def test_silhouette_singleton_is_zero_and_scale_free():
    res = ward_clusters(pd.DataFrame({"x": [0.0, 1.0, 10.0]}), k=2, standardize=False)
    s = res.silhouette(per_item=True)
    np.testing.assert_allclose(s.to_numpy(), [1 - 1 / 10, 1 - 1 / 9, 0.0])
    z = ward_clusters(pd.DataFrame({"x": [0.0, 1.0, 10.0]}), k=2)  # z-scores: same ratios
    np.testing.assert_allclose(z.silhouette(), s.mean())


def test_silhouette_two_dimensional_brute_force():
    res = ward_clusters(TOY, k=2, label="subject")
    x = res.matrix.to_numpy()
    lab = res.labels.to_numpy()
    out = []
    for i in range(len(x)):
        d = [np.hypot(*(x[i] - x[j])) for j in range(len(x))]
        own = [d[j] for j in range(len(x)) if lab[j] == lab[i] and j != i]
        other = [d[j] for j in range(len(x)) if lab[j] != lab[i]]
        a, b = sum(own) / len(own), sum(other) / len(other)
        out.append((b - a) / max(a, b))
    np.testing.assert_allclose(res.silhouette(), np.mean(out))


def test_plot_dendrogram():
    res = ward_clusters(TOY, k=2, label="subject")
    fig, ax = plt.subplots()
    out = res.plot_dendrogram(ax=ax)
    assert out is ax
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert sorted(ticks) == list("ABCDEFG")
    colours = {t.get_text(): t.get_color() for t in ax.get_xticklabels()}
    assert colours["A"] == colours["B"] != colours["C"]
    assert "z-scores" in ax.get_ylabel() and "2 clusters" in ax.get_title()
    h = res.linkage[:, 2]
    assert h[-2] < res.cut_height() < h[-1]
    plt.close(fig)
    ax2 = res.plot_dendrogram()
    assert ax2.figure is not fig
    plt.close(ax2.figure)


def test_repr():
    res = ward_clusters(TOY, k=2, label="subject")
    assert isinstance(res, ClusterResult)
    assert repr(res) == ("ClusterResult(method='ward', k=2, n=7, standardize=True, sizes={1: 2, 2: 5}, "
                         "columns=['v1', 'v2'])")


def test_default_columns_skip_booleans_and_label():
    df = TOY.assign(flag=True, name=TOY["subject"].str.lower())
    res = ward_clusters(df, k=2, label="subject")
    assert res.columns == ("v1", "v2")


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"k": 1}, ValueError, r"k must be between 2 and n − 1 = 6 \(n = 7 rows\), got 1"),
        ({"k": 7}, ValueError, "got 7"),
        ({"k": 2.0}, TypeError, "k must be an integer"),
        ({"k": True}, TypeError, "k must be an integer"),
        ({"columns": ["v1", "v9"]}, ValueError, "columns: data has no column 'v9'"),
        ({"columns": ["v1", "v1"]}, ValueError, "columns names 'v1' twice"),
        ({"columns": []}, ValueError, "at least one column"),
        ({"columns": ["v1", "subject"], "label": None}, TypeError, "column 'subject' must be numeric"),
        ({"label": "who"}, ValueError, "label: data has no column 'who'"),
        ({"label": 3}, TypeError, "label must be a column name"),
        ({"standardize": "yes"}, TypeError, "standardize must be True or False"),
        ({"columns": 5}, TypeError, "columns must be a list"),
    ],
)
def test_argument_errors(kwargs, exc, match):
    args = {"k": 2, "label": "subject", **kwargs}
    with pytest.raises(exc, match=match):
        ward_clusters(TOY, **args)


def test_data_errors():
    with pytest.raises(TypeError, match="data must be a pandas DataFrame"):
        ward_clusters(TOY.to_numpy())
    const = TOY.assign(v3=2.0, v4=1.0)
    with pytest.raises(ValueError, match=r"columns 'v3', 'v4' are constant and cannot be standardised"):
        ward_clusters(const, k=2, label="subject")
    assert ward_clusters(const, k=2, label="subject", standardize=False).k == 2
    nan = TOY.copy()
    nan.loc[3, "v2"] = np.nan
    with pytest.raises(ValueError, match=r"column 'v2' has 1 missing value \(first at row 'D'\)"):
        ward_clusters(nan, k=2, label="subject")
    inf = TOY.copy()
    inf.loc[3, "v2"] = np.inf
    with pytest.raises(ValueError, match="column 'v2' has an infinite value"):
        ward_clusters(inf, k=2, label="subject")
    dup = TOY.copy()
    dup.loc[1, "subject"] = "A"
    with pytest.raises(ValueError, match="row labels must be unique, but 'A' appears more than once"):
        ward_clusters(dup, k=2, label="subject")
    with pytest.raises(ValueError, match="needs at least 3"):
        ward_clusters(TOY.head(2), k=2, label="subject")
    with pytest.raises(ValueError, match="no numeric column"):
        ward_clusters(TOY[["subject"]], k=2)
    res = ward_clusters(TOY, k=2, label="subject")
    with pytest.raises(TypeError, match="per_item must be True or False"):
        res.silhouette(per_item="yes")
