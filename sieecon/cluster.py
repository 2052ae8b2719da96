"""Hierarchical clustering of regions by Ward's method.

Document 003 (an abstract, line 2) classifies Kazakhstan's regions by their
level of digital development with "cluster analysis using dendrogram
construction (Ward's method)". :func:`ward_clusters` does that: it
standardises the indicators to z-scores, builds Ward's agglomerative
hierarchy with ``scipy.cluster.hierarchy.linkage`` (imported when
needed), cuts it into ``k`` clusters and returns a :class:`ClusterResult`
with cluster profiles, the silhouette coefficient and the dendrogram.

>>> import pandas as pd
>>> df = pd.DataFrame({"region": list("ABCDEF"),
...                    "ict": [1.0, 1.2, 0.9, 5.0, 5.3, 4.8],
...                    "skills": [40.0, 42.0, 41.0, 70.0, 69.0, 72.0]})
>>> res = ward_clusters(df, k=2, label="region")
>>> res.labels.to_dict()
{'A': 1, 'B': 1, 'C': 1, 'D': 2, 'E': 2, 'F': 2}
>>> res.profiles()
              ict     skills  size
cluster
1        1.033333  41.000000     3
2        5.033333  70.333333     3
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["ClusterResult", "ward_clusters"]

#: Okabe & Ito (2008) colour-blind-safe colours for clusters, in order.
from .plotting import PALETTE as _CLUSTER_COLOURS  # noqa: E402 - one palette for the whole book
_ABOVE_CUT = "#8c8c8c"


@dataclass(frozen=True, eq=False)
class ClusterResult:
    """Result of :func:`ward_clusters`.

    Attributes
    ----------
    labels : pandas.Series
        Cluster of each row (1 … k), indexed by the row label. Clusters are
        numbered from left to right as they appear in the dendrogram.
    linkage : numpy.ndarray
        SciPy linkage matrix, shape (n − 1, 4): the two merged nodes, the
        merge height (Ward distance) and the size of the new cluster.
    k : int
        Number of clusters.
    columns : tuple of str
        Indicators used.
    standardize : bool
        Whether the indicators were turned into z-scores before clustering.
    data : pandas.DataFrame
        The indicators as given, indexed by row label.
    matrix : pandas.DataFrame
        What was clustered: z-scores (sample standard deviation) or the indicators.
    note : str
        Caveats (empty when there are none).
    """

    labels: pd.Series
    linkage: np.ndarray = field(repr=False)
    k: int
    columns: tuple[str, ...]
    standardize: bool
    data: pd.DataFrame = field(repr=False)
    matrix: pd.DataFrame = field(repr=False)
    note: str = ""

    def __repr__(self) -> str:
        sizes = ", ".join(f"{c}: {n}" for c, n in self.sizes().items())
        return (f"ClusterResult(method='ward', k={self.k}, n={len(self.labels)}, "
                f"standardize={self.standardize}, sizes={{{sizes}}}, columns={list(self.columns)})")

    def sizes(self) -> pd.Series:
        """Number of rows in each cluster."""
        return self.labels.value_counts().sort_index().rename("size")

    def members(self) -> dict[int, list[Any]]:
        """Row labels in each cluster, in data order.

        >>> import pandas as pd
        >>> ward_clusters(pd.DataFrame({"x": [0.0, 0.1, 5.0, 5.2]}, index=list("pqrs")), k=2).members()
        {1: ['p', 'q'], 2: ['r', 's']}
        """
        return {int(c): list(self.labels.index[self.labels == c]) for c in range(1, self.k + 1)}

    def profiles(self, *, standardized: bool = False) -> pd.DataFrame:
        """Mean of each indicator by cluster, plus the cluster size.

        Parameters
        ----------
        standardized : bool, default False
            Means of the z-scores instead of the original indicators (how far
            above or below the average of all rows each cluster lies, in
            standard deviations). Needs ``standardize=True``.
        """
        if not isinstance(standardized, (bool, np.bool_)):
            raise TypeError(f"standardized must be True or False, not {type(standardized).__name__}")
        if standardized and not self.standardize:
            raise ValueError("standardized=True needs a result of ward_clusters(..., standardize=True)")
        source = self.matrix if standardized else self.data
        out = source.groupby(self.labels.to_numpy()).mean()
        out.index = pd.Index(out.index.astype(int), name="cluster")
        out["size"] = self.sizes().to_numpy()
        return out

    def silhouette(self, *, per_item: bool = False) -> float | pd.Series:
        """Silhouette coefficient of the partition (Rousseeuw 1987), in the clustered space.

        For row i with mean distance a(i) to the other members of its cluster
        and smallest mean distance b(i) to the members of another cluster,
        s(i) = (b(i) − a(i)) / max(a(i), b(i)); s(i) = 0 for a cluster of one.
        Distances are Euclidean, on :attr:`matrix`. Values near 1 mean compact,
        well-separated clusters; near 0, overlapping ones.

        Parameters
        ----------
        per_item : bool, default False
            Return s(i) for every row (a Series) instead of the mean.
        """
        if not isinstance(per_item, (bool, np.bool_)):
            raise TypeError(f"per_item must be True or False, not {type(per_item).__name__}")
        x = self.matrix.to_numpy(dtype=float)
        lab = self.labels.to_numpy()
        diff = x[:, None, :] - x[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        s = np.zeros(len(lab))
        for i in range(len(lab)):
            own = lab == lab[i]
            if own.sum() == 1:
                continue
            a = dist[i, own].sum() / (own.sum() - 1)
            b = min(dist[i, lab == c].mean() for c in np.unique(lab) if c != lab[i])
            s[i] = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
        if per_item:
            return pd.Series(s, index=self.labels.index, name="silhouette")
        return float(s.mean())

    def cut_height(self) -> float:
        """A height at which a horizontal cut of the dendrogram gives the k clusters."""
        h = self.linkage[:, 2]
        n = len(self.labels)
        return float((h[n - self.k - 1] + h[n - self.k]) / 2)

    def plot_dendrogram(self, ax: Axes | None = None, *, leaf_rotation: float = 90.0,
                        title: str | None = None) -> Axes:
        """Draw the dendrogram, its branches coloured by cluster, with the cut marked.

        Colours follow the Okabe–Ito palette in cluster order (cluster 1 is
        blue, 2 orange, 3 bluish green, …); links above the cut are grey.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure if None.
        leaf_rotation : float, default 90
            Rotation of the row labels, in degrees.
        title : str, optional
            Default: "Ward's method: k clusters".

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt
        from scipy.cluster import hierarchy

        if ax is None:
            n = len(self.labels)
            _, ax = plt.subplots(figsize=(max(6.0, 0.35 * n + 2), 4.5))
        n = len(self.labels)
        lab = self.labels.to_numpy()
        node_cluster: dict[int, int | None] = {i: int(lab[i]) for i in range(n)}
        for j, (a, b, _, _) in enumerate(self.linkage):
            ca, cb = node_cluster[int(a)], node_cluster[int(b)]
            node_cluster[n + j] = ca if ca is not None and ca == cb else None

        def colour(node: int) -> str:
            c = node_cluster[node]
            return _ABOVE_CUT if c is None else _CLUSTER_COLOURS[(c - 1) % len(_CLUSTER_COLOURS)]

        names = [str(v) for v in self.labels.index]
        hierarchy.dendrogram(self.linkage, labels=names, ax=ax, link_color_func=colour,
                             leaf_rotation=leaf_rotation)
        by_name = dict(zip(names, lab))
        for tick in ax.get_xticklabels():
            c = by_name.get(tick.get_text())
            if c is not None:
                tick.set_color(_CLUSTER_COLOURS[(int(c) - 1) % len(_CLUSTER_COLOURS)])
        cut = self.cut_height()
        ax.axhline(cut, color="#000000", linestyle="--", linewidth=0.9)
        ax.annotate(f"cut: {self.k} clusters", xy=(1.0, cut), xycoords=("axes fraction", "data"),
                    xytext=(-4, 3), textcoords="offset points", ha="right", va="bottom", fontsize=9)
        unit = "z-scores" if self.standardize else "original units"
        ax.set_ylabel(f"Ward linkage distance ({unit})")
        ax.set_title(title if title is not None else f"Ward's method: {self.k} clusters")
        return ax


def _check_k(k: Any, n: int) -> int:
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, not {type(k).__name__}")
    if not 2 <= k <= n - 1:
        raise ValueError(f"k must be between 2 and n − 1 = {n - 1} (n = {n} rows), got {k}")
    return int(k)


def ward_clusters(
    data: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    k: int = 3,
    standardize: bool = True,
    label: str | None = None,
) -> ClusterResult:
    """Cluster the rows of ``data`` (e.g. regions) by Ward's method and cut the tree into ``k`` groups.

    Ward's method merges, at each step, the two clusters whose union least
    increases the total within-cluster sum of squares. Indicators in
    different units are first turned into z-scores (mean 0, sample standard
    deviation 1), so that each counts equally.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per object to cluster (for a panel, aggregate first, e.g. the
        mean of each region over the years).
    columns : list of str, optional
        Indicators to use. Default: every numeric, non-boolean column other
        than ``label``.
    k : int, default 3
        Number of clusters, from 2 to n − 1.
    standardize : bool, default True
        Cluster z-scores rather than raw values.
    label : str, optional
        Column holding row labels (e.g. region names); default the index.

    Returns
    -------
    ClusterResult

    Examples
    --------
    >>> from sieecon.simulate import simulate_regional_panel
    >>> panel = simulate_regional_panel()
    >>> means = panel.groupby("region", sort=False)[["ict_share", "digital_skills", "ln_grp_pc"]].mean()
    >>> res = ward_clusters(means, k=3)
    >>> res.k, len(res.labels), int(res.sizes().sum())
    (3, 20, 20)
    >>> ward_clusters(means, k=20)
    Traceback (most recent call last):
    ...
    ValueError: k must be between 2 and n − 1 = 19 (n = 20 rows), got 20
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    if not isinstance(standardize, (bool, np.bool_)):
        raise TypeError(f"standardize must be True or False, not {type(standardize).__name__}")
    if label is not None:
        if not isinstance(label, str):
            raise TypeError(f"label must be a column name (a string), not {type(label).__name__}")
        if label not in data.columns:
            raise ValueError(f"label: data has no column {label!r}")
        names = pd.Index(data[label], name=label)
        if names.hasnans:
            raise ValueError(f"label column {label!r} has a missing value; every row needs a label")
    else:
        names = data.index
    if not names.is_unique:
        dup = names[names.duplicated()][0]
        raise ValueError(f"row labels must be unique, but {dup!r} appears more than once")
    if columns is None:
        columns = [
            c for c in data.columns
            if c != label and pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c])
        ]
        if not columns:
            raise ValueError("data has no numeric column to cluster on; pass columns=[...]")
    else:
        if isinstance(columns, str):
            columns = [columns]
        if not isinstance(columns, (Sequence, pd.Index)):
            raise TypeError(f"columns must be a list of column names, not {type(columns).__name__}")
        columns = list(columns)
        if not columns:
            raise ValueError("columns must name at least one column")
        missing = [c for c in columns if c not in data.columns]
        if missing:
            raise ValueError(f"columns: data has no column {', '.join(repr(c) for c in missing)}")
        if len(set(columns)) != len(columns):
            dup = next(c for c in columns if columns.count(c) > 1)
            raise ValueError(f"columns names {dup!r} twice")
        for c in columns:
            s = data[c]
            if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
                raise TypeError(f"column {c!r} must be numeric to be clustered, but its dtype is {s.dtype}")
    n = len(data)
    if n < 3:
        raise ValueError(f"data has {n} row{'s' if n != 1 else ''}; clustering into k groups needs at least 3")
    k = _check_k(k, n)

    x = data[columns].astype(float)
    x.index = names
    for c in columns:
        na = x[c].isna().to_numpy()
        if na.any():
            raise ValueError(
                f"column {c!r} has {int(na.sum())} missing value{'s' if na.sum() > 1 else ''} "
                f"(first at row {x.index[int(np.flatnonzero(na)[0])]!r}); drop or fill them first"
            )
        if np.isinf(x[c].to_numpy()).any():
            raise ValueError(f"column {c!r} has an infinite value")
    if standardize:
        sd = x.std(ddof=1)
        flat = [c for c in columns if not sd[c] > 0]
        if flat:
            listed = ", ".join(repr(c) for c in flat)
            raise ValueError(
                f"column{'s' if len(flat) > 1 else ''} {listed} "
                f"{'are' if len(flat) > 1 else 'is'} constant and cannot be standardised; drop "
                f"{'them' if len(flat) > 1 else 'it'} from columns"
            )
        matrix = (x - x.mean()) / sd
    else:
        matrix = x.copy()

    from scipy.cluster import hierarchy

    link = hierarchy.linkage(matrix.to_numpy(), method="ward", metric="euclidean")
    raw = hierarchy.fcluster(link, t=k, criterion="maxclust")
    # renumber 1..k from left to right in the dendrogram
    order: dict[int, int] = {}
    for leaf in hierarchy.leaves_list(link):
        order.setdefault(int(raw[leaf]), len(order) + 1)
    labels = pd.Series([order[int(c)] for c in raw], index=names, name="cluster", dtype="int64")
    note = ""
    if len(order) != k:
        note = (f"tied merge heights: cutting the tree gives {len(order)} clusters, not the {k} asked for")
        k = len(order)
    return ClusterResult(labels=labels, linkage=link, k=k, columns=tuple(str(c) for c in columns),
                         standardize=bool(standardize), data=x, matrix=matrix, note=note)
