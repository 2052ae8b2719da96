"""Regression and correlation: the documents' linear and power (log-linear) models.

* :func:`ols` — linear regression by ordinary least squares, eq. (1)–(2) of
  document 000 (lines 117–133: ``Y = α + βX``, printed ``Y = 6.38 + 0.561X``,
  R² = 0.988) and eq. (13) of document 001 (line 1878); with
  :meth:`OLSResult.diagnostics`, the residual checks the paper cites
  (Shapiro–Wilk, Breusch–Pagan) and a frank note on their power at n = 4.
* :func:`loglinear` — the power models of document 001, eqs. (10), (15),
  (16) (lines 1765, 1894, 1904): ``ln y = ln A + Σ b_j ln x_j``. The
  dissertation prints the **log-scale intercept** ``ln A`` as the constant
  (e.g. ``UB = 3.029·Nsb^-0.323``: with ``A = 3.029`` the unemployment rate
  would be 0.73%, with ``ln A = 3.029`` it is 5.0%); :attr:`LogLinearResult.constant`
  is that number and :attr:`LogLinearResult.scale` is ``A``.
* :func:`correlation` — Pearson or Spearman correlation with a Fisher-z
  interval, eq. (3) of document 000 (line 139, printed r = 0.994).

>>> funding = [127.7, 128.2, 138.3, 146.2]   # document 000, Table 2
>>> exports = [61.3, 68.7, 79.6, 88.4]
>>> fit = ols(exports, funding, names=["funding"])
>>> fit.params.round(4).tolist()
[-102.1291, 1.3074]
>>> round(correlation(funding, exports).r, 4)
0.9715
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .trends import _fmt, _linear_combination
from .validation import as_1d_float, check_choice, check_min_length, check_positive, check_probability

__all__ = [
    "OLSResult",
    "ols",
    "LogLinearResult",
    "loglinear",
    "CorrelationResult",
    "correlation",
    "correlation_matrix",
]

_SMALL_N = 8


# ---------------------------------------------------------------------------
# input handling
# ---------------------------------------------------------------------------

def _column(data: pd.DataFrame | None, key: Any, role: str) -> tuple[np.ndarray, str | None, pd.Index | None]:
    """One variable: a column name of ``data`` or a sequence."""
    if isinstance(key, str):
        if data is None:
            raise TypeError(f"{role} is a column name ({key!r}) but no data frame was given (data=None)")
        if key not in data.columns:
            raise KeyError(f"{role}: data has no column {key!r}; its columns are {list(map(str, data.columns))}")
        return as_1d_float(data[key], f"{role} ({key!r})"), key, data.index
    name = key.name if isinstance(key, pd.Series) and isinstance(key.name, str) else None
    index = key.index if isinstance(key, pd.Series) else None
    return as_1d_float(key, role), name, index


def _prepare(
    y: Any, x: Any, data: pd.DataFrame | None, names: Sequence[str] | None
) -> tuple[np.ndarray, str, np.ndarray, list[str], pd.Index | None]:
    if data is not None and not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    yy, y_name, index = _column(data, y, "y")
    cols: list[np.ndarray] = []
    auto: list[str | None] = []
    if isinstance(x, str):
        v, nm, _ = _column(data, x, "x")
        cols, auto = [v], [nm]
    elif isinstance(x, pd.DataFrame):
        for c in x.columns:
            cols.append(as_1d_float(x[c], f"x ({c!r})"))
            auto.append(str(c))
        index = index if index is not None else x.index
    elif isinstance(x, pd.Series):
        v, nm, idx = _column(None, x, "x")
        cols, auto = [v], [nm]
        index = index if index is not None else idx
    elif isinstance(x, (list, tuple)) and x and all(isinstance(c, str) for c in x):
        for c in x:
            v, nm, _ = _column(data, c, "x")
            cols.append(v)
            auto.append(nm)
    else:
        if isinstance(x, (bytes, dict)) or np.isscalar(x) or x is None:
            raise TypeError(f"x must be a sequence, an array, a DataFrame or column name(s), not {type(x).__name__}")
        arr = np.asarray(x, dtype=object)
        if arr.ndim == 1:
            cols, auto = [as_1d_float(arr, "x")], [None]
        elif arr.ndim == 2:
            cols = [as_1d_float(arr[:, j], f"x (column {j})") for j in range(arr.shape[1])]
            auto = [None] * arr.shape[1]
        else:
            raise ValueError(f"x must be one- or two-dimensional, got {arr.ndim} dimensions")
    if not cols:
        raise ValueError("x must hold at least one regressor")
    k = len(cols)
    if names is not None:
        if isinstance(names, str):
            names = [names]
        names = [str(n) for n in names]
        if len(names) != k:
            raise ValueError(f"names must give one name per regressor ({k}), got {len(names)}")
    else:
        names = [a if a is not None else ("x" if k == 1 else f"x{j + 1}") for j, a in enumerate(auto)]
    if len(set(names)) != len(names):
        raise ValueError(f"regressor names must be unique, got {names}")
    for j, c in enumerate(cols):
        if c.size != yy.size:
            raise ValueError(f"y and x ({names[j]!r}) must have the same length, got {yy.size} and {c.size}")
    X = np.column_stack(cols)
    if index is not None and len(index) != yy.size:
        index = None
    return yy, (y_name or "y"), X, names, index


def _new_x(x_new: Any, names: list[str]) -> np.ndarray:
    """New regressor values as an (m, k) array."""
    k = len(names)
    if isinstance(x_new, pd.DataFrame):
        missing = [n for n in names if n not in x_new.columns]
        if missing:
            raise KeyError(f"x_new has no column {missing[0]!r}; it needs {names}")
        return np.column_stack([as_1d_float(x_new[n], f"x_new ({n!r})") for n in names])
    if isinstance(x_new, Mapping):
        missing = [n for n in names if n not in x_new]
        if missing:
            raise KeyError(f"x_new has no entry {missing[0]!r}; it needs {names}")
        cols = [as_1d_float([x_new[n]] if np.ndim(x_new[n]) == 0 else x_new[n], f"x_new ({n!r})") for n in names]
        if len({c.size for c in cols}) > 1:
            raise ValueError("x_new entries must have the same length")
        return np.column_stack(cols)
    if np.ndim(x_new) == 0:
        if k != 1:
            raise ValueError(f"a single number is a valid x_new only for one regressor; this model has {k}")
        return as_1d_float([x_new], "x_new").reshape(1, 1)
    arr = np.asarray(x_new, dtype=object)
    if arr.ndim == 1:
        v = as_1d_float(arr, "x_new")
        if k == 1:
            return v.reshape(-1, 1)
        if v.size == k:
            return v.reshape(1, k)
        raise ValueError(f"x_new must give {k} values per row (one per regressor: {names}), got {v.size}")
    if arr.ndim == 2:
        if arr.shape[1] != k:
            raise ValueError(f"x_new must have {k} columns ({names}), got {arr.shape[1]}")
        return np.column_stack([as_1d_float(arr[:, j], f"x_new ({names[j]!r})") for j in range(k)])
    raise ValueError(f"x_new must be one- or two-dimensional, got {arr.ndim} dimensions")


# ---------------------------------------------------------------------------
# OLS
# ---------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class OLSResult:
    """A fitted linear regression (returned by :func:`ols`).

    A thin, read-only wrapper of statsmodels' ``RegressionResults`` with
    named coefficients, an equation string and a diagnostics table. The
    statsmodels object is available as :attr:`results` for anything else.
    """

    y_name: str
    x_names: tuple[str, ...]
    has_constant: bool
    y: np.ndarray = field(repr=False)
    X: np.ndarray = field(repr=False)
    index: pd.Index | None = field(default=None, repr=False)
    _results: Any = field(default=None, repr=False, compare=False)

    @property
    def results(self) -> Any:
        """The underlying statsmodels results object."""
        return self._results

    @property
    def param_names(self) -> list[str]:
        return (["const"] if self.has_constant else []) + list(self.x_names)

    def _series(self, values: Any, name: str) -> pd.Series:
        return pd.Series(np.asarray(values, dtype=float), index=self.param_names, name=name)

    @property
    def params(self) -> pd.Series:
        """Coefficients (``const`` first when there is an intercept)."""
        return self._series(self._results.params, "coef")

    @property
    def bse(self) -> pd.Series:
        """Standard errors of the coefficients."""
        return self._series(self._results.bse, "std_err")

    @property
    def tvalues(self) -> pd.Series:
        return self._series(self._results.tvalues, "t")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values of the t tests (``df_resid`` degrees of freedom)."""
        return self._series(self._results.pvalues, "p_value")

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Confidence intervals of the coefficients: columns ``lower``, ``upper``."""
        alpha = check_probability(alpha, "alpha")
        return pd.DataFrame(np.asarray(self._results.conf_int(alpha)), index=self.param_names,
                            columns=["lower", "upper"])

    @property
    def rsquared(self) -> float:
        return float(self._results.rsquared)

    @property
    def rsquared_adj(self) -> float:
        return float(self._results.rsquared_adj)

    @property
    def fvalue(self) -> float:
        """F statistic of the regression (all slopes zero)."""
        return float(self._results.fvalue)

    @property
    def f_pvalue(self) -> float:
        return float(self._results.f_pvalue)

    @property
    def nobs(self) -> int:
        return int(self._results.nobs)

    @property
    def df_resid(self) -> int:
        return int(round(self._results.df_resid))

    @property
    def resid(self) -> pd.Series:
        return pd.Series(np.asarray(self._results.resid), index=self.index, name="resid")

    @property
    def fitted(self) -> pd.Series:
        return pd.Series(np.asarray(self._results.fittedvalues), index=self.index, name="fitted")

    @property
    def equation(self) -> str:
        """The fitted equation, e.g. ``'exports = -102.1 + 1.307·funding'``."""
        p = self.params
        terms = [(float(p["const"]), "")] if self.has_constant else []
        terms += [(float(p[n]), n) for n in self.x_names]
        return f"{self.y_name} = {_linear_combination(terms)}"

    def _design(self, X: np.ndarray) -> np.ndarray:
        return np.column_stack([np.ones(X.shape[0]), X]) if self.has_constant else X

    def predict(self, x_new: Any, *, interval: str | None = None, alpha: float = 0.05) -> np.ndarray | pd.DataFrame:
        """Predicted values at new regressor values.

        Parameters
        ----------
        x_new : number, sequence, 2-D array, DataFrame or mapping
            A number or 1-D sequence for a one-regressor model; rows of
            regressor values (or a DataFrame/mapping with the regressor names)
            otherwise.
        interval : {None, "confidence", "prediction"}
            None returns the point predictions as an array. "confidence"
            adds an interval for the regression line (the mean of y), and
            "prediction" one for a new observation, as a DataFrame with
            columns ``mean``, ``lower``, ``upper``.
        alpha : float, default 0.05
        """
        X = _new_x(x_new, list(self.x_names))
        design = self._design(X)
        if interval is None:
            return np.asarray(self._results.predict(design))
        check_choice(interval, "interval", ["confidence", "prediction"])
        alpha = check_probability(alpha, "alpha")
        frame = self._results.get_prediction(design).summary_frame(alpha=alpha)
        lo, hi = ("mean_ci_lower", "mean_ci_upper") if interval == "confidence" else ("obs_ci_lower", "obs_ci_upper")
        return pd.DataFrame({"mean": frame["mean"].to_numpy(), "lower": frame[lo].to_numpy(),
                             "upper": frame[hi].to_numpy()})

    def summary(self) -> str:
        """statsmodels' text summary, with the variable names.

        statsmodels' omnibus and kurtosis tests in the summary need at least
        8 and 20 observations; their warnings are silenced here (the values
        are then NaN or unreliable). See :meth:`diagnostics` instead.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return str(self._results.summary(yname=self.y_name, xname=self.param_names))

    def diagnostics(self) -> pd.DataFrame:
        """Residual checks, each with what it means and whether n is too small for it.

        Rows: ``Shapiro–Wilk`` (W and p; normality of residuals),
        ``Breusch–Pagan`` (Koenker's studentized LM and p; constant error
        variance; needs more observations than regressors + 1),
        ``Durbin–Watson`` (first-order autocorrelation; no p-value) and, with
        two or more regressors, ``max VIF`` (collinearity).

        Columns: ``statistic``, ``p_value``, ``note`` (what the row means) and
        ``warning`` (non-empty when n < 8: such tests have almost no power,
        so not rejecting is no evidence that an assumption holds).
        """
        from scipy import stats
        from statsmodels.stats.diagnostic import het_breuschpagan
        from statsmodels.stats.stattools import durbin_watson

        n = self.nobs
        resid = np.asarray(self._results.resid)
        k = len(self.x_names)
        small = (f"n = {n}: too few observations for this test to have power; not rejecting "
                 "is no evidence that the assumption holds") if n < _SMALL_N else ""
        rows = []
        # Shapiro-Wilk
        if n >= 3 and np.ptp(resid) > 0:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sw = stats.shapiro(resid)
            rows.append(("Shapiro–Wilk", float(sw.statistic), float(sw.pvalue),
                         "W statistic; H0: the residuals are normally distributed, a small p rejects it", small))
        else:
            rows.append(("Shapiro–Wilk", np.nan, np.nan,
                         "not computed: needs at least 3 residuals that are not all equal", small))
        # Breusch-Pagan
        if n > k + 1 and np.ptp(resid) > 0:
            exog_het = np.column_stack([np.ones(n), self.X])
            with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
                warnings.simplefilter("ignore")
                lm, lm_p, _, _ = het_breuschpagan(resid, exog_het)
            rows.append(("Breusch–Pagan", float(lm), float(lm_p),
                         "Koenker's studentized LM statistic; H0: constant error variance "
                         "(homoscedasticity), a small p rejects it", small))
        else:
            rows.append(("Breusch–Pagan", np.nan, np.nan,
                         f"not computed: the auxiliary regression needs more than {k + 1} observations "
                         f"(regressors + 1), here n = {n}", small))
        # Durbin-Watson
        with np.errstate(divide="ignore", invalid="ignore"):
            dw = float(durbin_watson(resid)) if np.any(resid != 0) else np.nan
        rows.append(("Durbin–Watson", dw, np.nan,
                     "first-order autocorrelation of residuals in data order: about 2 = none, "
                     "towards 0 = positive, towards 4 = negative; meaningful only for time-ordered data",
                     small))
        # VIF
        if k >= 2:
            vifs = _vifs(self.X)
            j = int(np.nanargmax(vifs))
            rows.append(("max VIF", float(vifs[j]), np.nan,
                         f"largest variance inflation factor, of {self.x_names[j]!r}; values above 10 "
                         "(some say 5) signal strong collinearity among the regressors", ""))
        out = pd.DataFrame(rows, columns=["test", "statistic", "p_value", "note", "warning"]).set_index("test")
        return out

    def __repr__(self) -> str:
        return (f"OLSResult({self.equation!r}, nobs={self.nobs}, df_resid={self.df_resid}, "
                f"rsquared={self.rsquared:.4f})")


def _vifs(X: np.ndarray) -> np.ndarray:
    """Variance inflation factors of the columns of X (each regressed on the others plus a constant)."""
    n, k = X.shape
    out = np.empty(k)
    for j in range(k):
        others = np.column_stack([np.ones(n), np.delete(X, j, axis=1)])
        coef, *_ = np.linalg.lstsq(others, X[:, j], rcond=None)
        resid = X[:, j] - others @ coef
        tss = ((X[:, j] - X[:, j].mean()) ** 2).sum()
        r2 = 1.0 - (resid**2).sum() / tss if tss > 0 else np.nan
        out[j] = np.inf if r2 >= 1 - 1e-15 else 1.0 / (1.0 - r2)
    return out


def ols(
    y: Any,
    x: Any,
    *,
    data: pd.DataFrame | None = None,
    add_constant: bool = True,
    names: Sequence[str] | None = None,
) -> OLSResult:
    """Linear regression by ordinary least squares.

    Parameters
    ----------
    y : sequence of float or str
        The dependent variable, or a column name of ``data``.
    x : sequence, 2-D array, DataFrame, str or list of str
        Regressors: one (1-D) or several (2-D, one column each), or column
        name(s) of ``data``.
    data : pandas.DataFrame, optional
    add_constant : bool, default True
        Include an intercept (named ``const``).
    names : sequence of str, optional
        Regressor names (default: column or Series names, else ``x`` or
        ``x1, x2, …``).

    Returns
    -------
    OLSResult

    Raises
    ------
    ValueError
        Unequal lengths, missing values, fewer observations than coefficients
        + 1, or collinear regressors.

    Examples
    --------
    Document 000, Table 2 (lines 241–248); the paper prints
    ``Y = 6.38 + 0.561X`` and R² = 0.988 (eq. 2, line 133):

    >>> import pandas as pd
    >>> t2 = pd.DataFrame({"funding": [127.7, 128.2, 138.3, 146.2],
    ...                    "exports": [61.3, 68.7, 79.6, 88.4]})
    >>> fit = ols("exports", "funding", data=t2)
    >>> fit.equation
    'exports = -102.1 + 1.307·funding'
    >>> round(fit.rsquared, 4)
    0.9438
    >>> fit.diagnostics()[["statistic", "p_value"]].round(3)
                   statistic  p_value
    test
    Shapiro–Wilk       0.996    0.985
    Breusch–Pagan      3.508    0.061
    Durbin–Watson      2.213      NaN
    >>> fit.diagnostics().loc["Shapiro–Wilk", "warning"][:60]
    'n = 4: too few observations for this test to have power; not'
    >>> ols([1, 2], [3, 4])
    Traceback (most recent call last):
    ...
    ValueError: y has 2 observations; a regression with 2 coefficients and an error estimate needs at least 3
    """
    if not isinstance(add_constant, (bool, np.bool_)):
        raise TypeError(f"add_constant must be True or False, not {type(add_constant).__name__}")
    yy, y_name, X, x_names, index = _prepare(y, x, data, names)
    p = X.shape[1] + (1 if add_constant else 0)
    check_min_length(yy, "y", p + 1, f"a regression with {p} coefficient{'s' if p != 1 else ''} and an error estimate")
    design = np.column_stack([np.ones(yy.size), X]) if add_constant else X
    rank = np.linalg.matrix_rank(design)
    if rank < p:
        what = "x is constant, so it cannot be told apart from the intercept" if X.shape[1] == 1 and add_constant \
            else f"the regressors are collinear (the design matrix has rank {rank} < {p} coefficients)"
        raise ValueError(f"cannot estimate the regression: {what}")

    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: 0.6 s less to import

    res = OLS(yy, design).fit()
    return OLSResult(y_name=y_name, x_names=tuple(x_names), has_constant=bool(add_constant), y=yy, X=X,
                     index=index, _results=res)


# ---------------------------------------------------------------------------
# log-linear (power) model
# ---------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class LogLinearResult:
    """A fitted power model ``y = A·Π x_j^b_j``, estimated as ``ln y = ln A + Σ b_j ln x_j``.

    Attributes on the log scale (what was estimated): ``params``,
    ``bse``, ``tvalues``, ``pvalues``, ``conf_int``,
    ``rsquared`` (R² of ``ln y``), ``rsquared_adj``. The intercept
    ``ln A`` is :attr:`constant` — the number document 001 prints in front of
    its power models — and :attr:`scale` is ``A = exp(ln A)``.
    :attr:`elasticities` are the ``b_j``. In levels: :attr:`fitted_levels`
    (``exp`` of the log fit, an estimate of the median of ``y``),
    :attr:`rsquared_levels`, :attr:`mape`.
    """

    log_ols: OLSResult
    y_name: str
    x_names: tuple[str, ...]
    y: np.ndarray = field(repr=False)
    X: np.ndarray = field(repr=False)

    # log-scale results
    @property
    def params(self) -> pd.Series:
        """Log-scale coefficients: ``const`` (= ln A) and ``ln <x>`` for each regressor."""
        return self.log_ols.params

    @property
    def bse(self) -> pd.Series:
        return self.log_ols.bse

    @property
    def tvalues(self) -> pd.Series:
        return self.log_ols.tvalues

    @property
    def pvalues(self) -> pd.Series:
        return self.log_ols.pvalues

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        return self.log_ols.conf_int(alpha)

    @property
    def rsquared(self) -> float:
        """R² of the log-scale regression (of ``ln y``)."""
        return self.log_ols.rsquared

    @property
    def rsquared_adj(self) -> float:
        return self.log_ols.rsquared_adj

    @property
    def multiple_r(self) -> float:
        """Multiple correlation coefficient of the log-scale fit, ``sqrt(rsquared)``."""
        return math.sqrt(max(self.rsquared, 0.0))

    @property
    def nobs(self) -> int:
        return self.log_ols.nobs

    @property
    def df_resid(self) -> int:
        return self.log_ols.df_resid

    @property
    def constant(self) -> float:
        """``ln A``, the log-scale intercept (what document 001 prints as the constant)."""
        return float(self.params["const"])

    @property
    def scale(self) -> float:
        """``A = exp(ln A)``, the multiplicative constant of the power model in levels."""
        return math.exp(self.constant)

    @property
    def elasticities(self) -> pd.Series:
        """The exponents ``b_j``: the % change of y for a 1% change of ``x_j``."""
        return pd.Series(self.params.to_numpy()[1:], index=list(self.x_names), name="elasticity")

    # level-scale results
    @property
    def fitted_levels(self) -> pd.Series:
        """``exp`` of the log-scale fitted values (back-transformed; a median, not a mean, of y)."""
        return pd.Series(np.exp(self.log_ols.fitted.to_numpy()), index=self.log_ols.index, name="fitted")

    @property
    def rsquared_levels(self) -> float:
        """``1 - Σ(y - ŷ)² / Σ(y - ȳ)²`` with ``ŷ`` = :attr:`fitted_levels` (can be negative)."""
        f = self.fitted_levels.to_numpy()
        ss_tot = float(((self.y - self.y.mean()) ** 2).sum())
        return 1.0 - float(((self.y - f) ** 2).sum()) / ss_tot if ss_tot > 0 else float("nan")

    @property
    def multiple_r_levels(self) -> float:
        """Pearson correlation of ``y`` with :attr:`fitted_levels`."""
        return float(np.corrcoef(self.y, self.fitted_levels.to_numpy())[0, 1])

    @property
    def mape(self) -> float:
        """Mean absolute percentage error of :attr:`fitted_levels`, in percent."""
        return float(np.mean(np.abs(self.y - self.fitted_levels.to_numpy()) / np.abs(self.y)) * 100)

    @property
    def equation(self) -> str:
        """The estimated equation in logs, e.g. ``'ln UB = 3.029 - 0.323·ln Nsb'``."""
        return self.log_ols.equation

    @property
    def equation_levels(self) -> str:
        """The equation in levels, e.g. ``'UB = 20.68·Nsb^-0.323'``."""
        terms = "·".join(f"{n}^{_fmt(b)}" for n, b in self.elasticities.items())
        return f"{self.y_name} = {_fmt(self.scale)}·{terms}"

    def predict(self, x_new: Any) -> np.ndarray:
        """Predicted levels ``A·Π x_j^b_j`` (the back-transformed log prediction) at new x values."""
        X = _new_x(x_new, list(self.x_names))
        for j, n in enumerate(self.x_names):
            check_positive(X[:, j], f"x_new ({n!r})", "a log-linear (power) model")
        return np.exp(np.asarray(self.log_ols.results.predict(np.column_stack([np.ones(X.shape[0]), np.log(X)]))))

    def diagnostics(self) -> pd.DataFrame:
        """Residual checks of the log-scale regression (see :meth:`OLSResult.diagnostics`)."""
        return self.log_ols.diagnostics()

    def summary(self) -> str:
        """statsmodels' summary of the log-scale regression, followed by the level-scale equation."""
        return (self.log_ols.summary() + "\n\nIn levels: " + self.equation_levels
                + f"\nA = exp({_fmt(self.constant)}) = {_fmt(self.scale)};  R² in levels: "
                f"{self.rsquared_levels:.4f};  MAPE: {self.mape:.2f}%")

    def __repr__(self) -> str:
        return (f"LogLinearResult({self.equation!r}, i.e. {self.equation_levels!r}, nobs={self.nobs}, "
                f"rsquared(log)={self.rsquared:.4f})")


def loglinear(
    y: Any,
    x: Any,
    *,
    data: pd.DataFrame | None = None,
    names: Sequence[str] | None = None,
) -> LogLinearResult:
    """Power model ``y = A·Π x_j^b_j`` estimated by OLS in logs: ``ln y = ln A + Σ b_j ln x_j``.

    Parameters
    ----------
    y, x, data, names
        As in :func:`ols`. All values must be strictly positive.

    Returns
    -------
    LogLinearResult

    Examples
    --------
    Unemployment against active SMEs, East Kazakhstan 2010–2020 (document
    001: UB from Кесте 18, lines 1800–1874; Nsb from Кесте 17, lines
    1697–1761); the dissertation prints ``UB = 3.029·Nsb^-0.323`` (eq. 15,
    line 1894), whose 3.029 is ``ln A``:

    >>> nsb = [59.4, 75.7, 72.8, 78, 79.9, 98.6, 87, 80, 87.7, 88.9, 90.5]
    >>> ub = [5.7, 5.2, 5.0, 5.1, 4.8, 4.9, 4.9, 4.8, 4.8, 4.8, 4.9]
    >>> fit = loglinear(ub, nsb, names=["Nsb"])
    >>> fit.equation
    'ln y = 2.976 - 0.3117·ln Nsb'
    >>> round(fit.constant, 3), round(fit.scale, 2)
    (2.976, 19.62)
    >>> fit.equation_levels
    'y = 19.62·Nsb^-0.3117'
    >>> round(fit.rsquared, 3), round(fit.rsquared_levels, 3), round(fit.mape, 2)
    (0.669, 0.692, 2.47)

    Innovation activity on its factors, eq. (10) of document 001 (line
    1765, printed ``INact = 6,915dZin0,355 Nsb1,931 t0,265`` with R = 0.876;
    data Кесте 17). The estimate reproduces the printed elasticities, a log
    intercept of -6.915 (the conversion has lost the minus sign) and, as
    :attr:`LogLinearResult.multiple_r_levels`, R = 0.876:

    >>> import pandas as pd
    >>> t17 = pd.DataFrame({
    ...     "INact": [6.4, 8.1, 6.2, 5.6, 7.6, 11.5, 14.9, 15.1, 15.5, 14.9, 12.9],
    ...     "dZin": [11.4, 2, 1.8, 1.6, 1.9, 1, 5.5, 3.2, 2.2, 1.5, 2.4],
    ...     "Nsb": nsb, "t": range(1, 12)})
    >>> eq10 = loglinear("INact", ["dZin", "Nsb", "t"], data=t17)
    >>> round(eq10.constant, 3), eq10.elasticities.round(3).tolist()
    (-6.915, [0.355, 1.931, 0.265])
    >>> round(eq10.multiple_r_levels, 3), round(eq10.multiple_r, 3)
    (0.876, 0.895)
    >>> loglinear([1, 2, 3], [1, 0, 2], names=["Nsb"])
    Traceback (most recent call last):
    ...
    ValueError: x ('Nsb') must be strictly positive for a log-linear (power) model, but position 1 is 0.0
    """
    yy, y_name, X, x_names, index = _prepare(y, x, data, names)
    check_positive(yy, "y" if y_name == "y" else f"y ({y_name!r})", "a log-linear (power) model")
    for j, n in enumerate(x_names):
        check_positive(X[:, j], f"x ({n!r})", "a log-linear (power) model")
    log_x = pd.DataFrame(np.log(X), columns=[f"ln {n}" for n in x_names], index=index)
    log_y = pd.Series(np.log(yy), index=index, name=f"ln {y_name}")
    fit = ols(log_y, log_x)
    return LogLinearResult(log_ols=fit, y_name=y_name, x_names=tuple(x_names), y=yy, X=X)


# ---------------------------------------------------------------------------
# correlation
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CorrelationResult:
    """A correlation coefficient with its p-value and Fisher-z interval.

    Attributes
    ----------
    r : float
    p_value : float
        Two-sided, H0: no correlation (scipy's ``pearsonr``/``spearmanr``).
    ci_low, ci_high : float
        ``1 - alpha`` interval by Fisher's z transformation; NaN for n <= 3.
    n : int
    method : str
    alpha : float
    note : str
        Caveats (small n, undefined interval), empty when there are none.
    """

    r: float
    p_value: float
    ci_low: float
    ci_high: float
    n: int
    method: str
    alpha: float = 0.05
    note: str = ""

    def __repr__(self) -> str:
        level = f"{100 * (1 - self.alpha):g}%"
        ci = ("undefined" if math.isnan(self.ci_low)
              else f"[{self.ci_low:.4f}, {self.ci_high:.4f}]")
        text = (f"CorrelationResult(method={self.method!r}, r={self.r:.4f}, p_value={self.p_value:.4g}, "
                f"{level} CI {ci}, n={self.n})")
        return text + (f"\n  note: {self.note}" if self.note else "")


def correlation(x: Any, y: Any, *, method: str = "pearson", alpha: float = 0.05) -> CorrelationResult:
    """Pearson or Spearman correlation with a Fisher-z confidence interval.

    The interval is ``tanh(atanh(r) ± z_{1-α/2}·se)`` with
    ``se² = 1/(n - 3)`` for Pearson and the Bonett–Wright variance
    ``se² = (1 + r²/2)/(n - 3)`` for Spearman (Bonett & Wright 2000,
    Psychometrika 65, 23–28). It needs ``n > 3``; for n <= 3 the interval is
    NaN and :attr:`CorrelationResult.note` says why. For n < 10 the note
    warns that the interval is approximate and wide.

    Parameters
    ----------
    x, y : sequence of float
    method : {"pearson", "spearman"}
    alpha : float, default 0.05

    Examples
    --------
    Document 000, Table 2; the paper prints r = 0.994 (eq. 3, line 139):

    >>> res = correlation([127.7, 128.2, 138.3, 146.2], [61.3, 68.7, 79.6, 88.4])
    >>> round(res.r, 4), round(res.p_value, 4)
    (0.9715, 0.0285)
    >>> round(res.ci_low, 3), round(res.ci_high, 4)
    (0.157, 0.9994)
    >>> res.note[:40]
    'n = 4 is small: the Fisher-z interval is'
    >>> correlation([1, 2, 3], [3, 3, 3])
    Traceback (most recent call last):
    ...
    ValueError: y is constant; a correlation with a constant is undefined
    """
    method = check_choice(method, "method", ["pearson", "spearman"])
    alpha = check_probability(alpha, "alpha")
    xx = as_1d_float(x, "x")
    yy = as_1d_float(y, "y")
    if xx.size != yy.size:
        raise ValueError(f"x and y must have the same length, got {xx.size} and {yy.size}")
    check_min_length(xx, "x", 3, "a correlation")
    for name, v in (("x", xx), ("y", yy)):
        if np.ptp(v) == 0:
            raise ValueError(f"{name} is constant; a correlation with a constant is undefined")
    from scipy import stats

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "pearson":
            res = stats.pearsonr(xx, yy)
        else:
            res = stats.spearmanr(xx, yy)
    r = float(np.clip(res.statistic, -1.0, 1.0))
    p = float(res.pvalue)
    n = int(xx.size)
    notes = []
    if n <= 3:
        lo = hi = float("nan")
        notes.append(f"n = {n}: the Fisher-z interval needs n > 3 (its variance has n - 3 in the "
                     "denominator), so no interval is given")
    else:
        z = stats.norm.ppf(1 - alpha / 2)
        var = 1.0 / (n - 3) if method == "pearson" else (1.0 + r**2 / 2.0) / (n - 3)
        with np.errstate(divide="ignore"):
            zr = np.arctanh(r)
        lo, hi = float(np.tanh(zr - z * math.sqrt(var))), float(np.tanh(zr + z * math.sqrt(var)))
        if n < 10:
            notes.append(f"n = {n} is small: the Fisher-z interval is an approximation and wide")
        if abs(r) == 1.0:
            notes.append("|r| = 1: the points lie on a line (or are perfectly ranked); the interval collapses")
    if method == "spearman" and n < 10:
        notes.append("the Spearman p-value uses a t approximation, poor for n < 10")
    return CorrelationResult(r=r, p_value=p, ci_low=lo, ci_high=hi, n=n, method=method, alpha=alpha,
                             note="; ".join(notes))


def correlation_matrix(df: pd.DataFrame, method: str = "pearson") -> pd.DataFrame:
    """Correlation matrix of the columns of a DataFrame (Pearson or Spearman).

    Every column must be numeric, without missing values; use
    :func:`correlation` for p-values and intervals of a pair.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 4, 5, 9], "c": [4, 3, 2, 1]})
    >>> correlation_matrix(df, method="spearman")
         a    b    c
    a  1.0  1.0 -1.0
    b  1.0  1.0 -1.0
    c -1.0 -1.0  1.0
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    method = check_choice(method, "method", ["pearson", "spearman"])
    if df.shape[1] < 2:
        raise ValueError(f"df must have at least 2 columns, got {df.shape[1]}")
    check_min_length(df, "df", 3, "a correlation matrix")
    clean = {}
    for c in df.columns:
        if not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]):
            raise TypeError(f"column {c!r} of df is not numeric ({df[c].dtype}); select the numeric columns first")
        v = as_1d_float(df[c], f"column {c!r}")
        if np.ptp(v) == 0:
            raise ValueError(f"column {c!r} is constant; its correlations are undefined")
        clean[c] = v
    return pd.DataFrame(clean, index=df.index).corr(method=method)
