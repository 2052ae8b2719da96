"""Time trends: fit, compare and extrapolate the documents' trend models.

Document 000 fits a linear trend to four years of exports, eq. (4) (lines
147–149), and extrapolates it to 2028; document 001 fits power and linear
trends to East Kazakhstan series of 2010–2020, eqs. (12) and (14) (lines
1792 and 1887). :func:`fit_trend` fits any of the common trend forms by ordinary
least squares, with the time index ``t = 1, 2, …, n`` by default (document
000's "2021 = 1"), and :meth:`TrendResult.forecast` extrapolates it with
prediction intervals for a new observation. :func:`compare_trends` puts
several forms side by side.

Short series are the rule in these documents. A trend on four points leaves
two residual degrees of freedom: the fit is descriptive, and its intervals are
very wide. :func:`fit_trend` says so with a :class:`ShortSeriesWarning`.

>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", ShortSeriesWarning)
...     res = fit_trend([61.3, 68.7, 79.6, 88.4], start=2021)
>>> res.equation
'y = 51.45 + 9.22·t'
>>> res.forecast(to=2028)[["year", "mean"]].iloc[-1].tolist()
[2028.0, 125.21]
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from numbers import Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .validation import as_1d_float, check_choice, check_min_length, check_positive, check_probability, check_same_length

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["FORMS", "ShortSeriesWarning", "TrendResult", "fit_trend", "compare_trends"]

#: The trend forms :func:`fit_trend` knows.
FORMS: tuple[str, ...] = ("linear", "exponential", "power", "quadratic", "polynomial", "logarithmic")
_LOG_Y = {"exponential", "power"}
_LOG_T = {"power", "logarithmic"}
_MAX_DEGREE = 10


class ShortSeriesWarning(UserWarning):
    """A model was fitted with fewer than 3 residual degrees of freedom.

    Such a fit describes the points but supports no inference: standard
    errors rest on one or two degrees of freedom, so confidence and
    prediction intervals are very wide.
    """


def _fmt(x: float, digits: int = 4) -> str:
    """Format a number with about ``digits`` significant digits, without exponent notation.

    >>> _fmt(51.45), _fmt(9.2200001), _fmt(0.0012345), _fmt(123456.7), _fmt(-2.0)
    ('51.45', '9.22', '0.001235', '123457', '-2')
    """
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _linear_combination(terms: list[tuple[float, str]], digits: int = 4) -> str:
    """``a + b·x - c·z`` from (coefficient, term) pairs; an empty term is the intercept."""
    out = ""
    for i, (coef, term) in enumerate(terms):
        mag = _fmt(abs(coef), digits)
        body = mag if not term else f"{mag}·{term}"
        if i == 0:
            out = ("-" if coef < 0 else "") + body
        else:
            out += (" - " if coef < 0 else " + ") + body
    return out


def _n_params(form: str, degree: int) -> int:
    if form == "quadratic":
        return 3
    if form == "polynomial":
        return degree + 1
    return 2


def _design(t: np.ndarray, form: str, degree: int) -> np.ndarray:
    t = np.asarray(t, dtype=float)
    if form in _LOG_T:
        return np.column_stack([np.ones_like(t), np.log(t)])
    if form in ("linear", "exponential"):
        return np.column_stack([np.ones_like(t), t])
    k = 2 if form == "quadratic" else degree
    return np.column_stack([t**p for p in range(k + 1)])


def _param_names(k: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(k)]


@dataclass(frozen=True, repr=False)
class TrendResult:
    """A fitted trend (returned by :func:`fit_trend`).

    Attributes
    ----------
    form : str
        One of :data:`FORMS`.
    params, bse : pandas.Series
        Coefficients ``a, b, …`` and their standard errors, on the scale the
        model was estimated on (``ln y`` for the exponential and power forms).
    rsquared, rsquared_adj, aic : float
        On the estimation scale: for the log forms, R² and AIC of ``ln y``.
        They are not comparable with those of level forms; use
        :attr:`rsquared_levels` and :attr:`aic_levels` to compare.
    nobs, df_resid : int
    fitted : pandas.Series
        Fitted values in levels (back-transformed for the log forms), indexed
        by year when ``start`` was given, else by ``t``.
    resid : pandas.Series
        Residuals of the estimated model (in logs for the log forms).
    t, y : numpy.ndarray
        The data.
    start : int or None
        Calendar year of ``t = 1``.
    degree : int
        Polynomial degree (for ``form="polynomial"``).
    """

    form: str
    params: pd.Series
    bse: pd.Series
    rsquared: float
    rsquared_adj: float
    aic: float
    nobs: int
    df_resid: int
    fitted: pd.Series
    resid: pd.Series
    t: np.ndarray
    y: np.ndarray
    start: int | None = None
    degree: int = 1
    _results: Any = field(default=None, compare=False)

    # -- derived quantities -------------------------------------------------
    @property
    def log_scale(self) -> bool:
        """Whether the model was estimated for ``ln y``."""
        return self.form in _LOG_Y

    @property
    def tvalues(self) -> pd.Series:
        """t statistics of the coefficients."""
        return pd.Series(np.asarray(self._results.tvalues), index=self.params.index, name="t")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values of the coefficients (t distribution, ``df_resid`` degrees of freedom)."""
        return pd.Series(np.asarray(self._results.pvalues), index=self.params.index, name="p_value")

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Confidence intervals of the coefficients: columns ``lower``, ``upper``."""
        alpha = check_probability(alpha, "alpha")
        ci = np.asarray(self._results.conf_int(alpha))
        return pd.DataFrame(ci, index=self.params.index, columns=["lower", "upper"])

    @property
    def aic_levels(self) -> float:
        """AIC on the scale of ``y``, comparable across all forms.

        For the log forms the AIC of ``ln y`` is converted with the Jacobian of
        the log transformation, ``AIC_y = AIC_ln y + 2·Σ ln y``; for the
        others it equals ``aic``.
        """
        if self.log_scale:
            return float(self.aic + 2.0 * np.log(self.y).sum())
        return float(self.aic)

    @property
    def rsquared_levels(self) -> float:
        """``1 - Σ(y - ŷ)² / Σ(y - ȳ)²`` with ``ŷ`` the fitted values in levels."""
        ss_res = float(((self.y - self.fitted.to_numpy()) ** 2).sum())
        ss_tot = float(((self.y - self.y.mean()) ** 2).sum())
        return 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")

    @property
    def equation(self) -> str:
        """The fitted equation as text, e.g. ``'y = 51.45 + 9.22·t'``."""
        p = self.params.to_numpy()
        if self.form == "linear":
            return "y = " + _linear_combination([(p[0], ""), (p[1], "t")])
        if self.form == "logarithmic":
            return "y = " + _linear_combination([(p[0], ""), (p[1], "ln t")])
        if self.form == "exponential":
            return (f"ln y = {_linear_combination([(p[0], ''), (p[1], 't')])}, "
                    f"i.e. y = {_fmt(math.exp(p[0]))}·e^({_fmt(p[1])}·t)")
        if self.form == "power":
            return (f"ln y = {_linear_combination([(p[0], ''), (p[1], 'ln t')])}, "
                    f"i.e. y = {_fmt(math.exp(p[0]))}·t^{_fmt(p[1])}")
        terms = [(p[0], "")] + [(c, "t" if i == 1 else f"t^{i}") for i, c in enumerate(p[1:], start=1)]
        return "y = " + _linear_combination(terms)

    def _index(self, t: np.ndarray) -> pd.Index:
        if self.start is None:
            return pd.Index(t, name="t")
        return pd.Index(self._years(t), name="year")

    def _years(self, t: np.ndarray) -> np.ndarray:
        years = self.start + np.asarray(t, dtype=float) - 1
        return years

    # -- forecasting ----------------------------------------------------------
    def forecast(self, horizon: int | None = None, *, to: float | None = None, alpha: float = 0.05) -> pd.DataFrame:
        """Extrapolate the trend with a prediction interval for a new observation.

        Parameters
        ----------
        horizon : int, optional
            Number of steps after the last ``t`` (steps of 1).
        to : int, optional
            Alternatively, the last period to forecast: a calendar year when
            the trend was fitted with ``start``, else a value of ``t``.
        alpha : float, default 0.05
            ``1 - alpha`` is the coverage of the interval.

        Returns
        -------
        pandas.DataFrame
            Columns ``t``, ``year`` (only with ``start``), ``mean``, ``lower``,
            ``upper``. ``lower`` and ``upper`` bound a *new observation*
            (statsmodels' ``obs_ci_lower``/``obs_ci_upper``), not only the
            trend line. For the exponential and power forms the model is fitted
            to ``ln y``: ``mean`` is the back-transformed log prediction
            ``exp(ln ŷ)``, i.e. an estimate of the **median** of ``y``, not of
            its mean, and the bounds are the back-transformed log bounds.

        Examples
        --------
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", ShortSeriesWarning)
        ...     res = fit_trend([61.3, 68.7, 79.6, 88.4], start=2021)
        >>> res.forecast(2).round(2)
               t  year    mean  lower   upper
        0  5  2025   97.55  90.65  104.45
        1  6  2026  106.77  98.37  115.17
        """
        alpha = check_probability(alpha, "alpha")
        if (horizon is None) == (to is None):
            raise ValueError("give exactly one of horizon (number of steps) or to (the last period)")
        t_last = float(self.t[-1])
        if to is not None:
            if isinstance(to, bool) or not isinstance(to, (Real, np.number)):
                raise TypeError(f"to must be a number (a year or a value of t), not {type(to).__name__}")
            t_to = float(to) - self.start + 1 if self.start is not None else float(to)
            steps = t_to - t_last
            unit = "year" if self.start is not None else "t"
            last = self._years(np.array([t_last]))[0] if self.start is not None else t_last
            if steps < 1 or not float(steps).is_integer():
                raise ValueError(
                    f"to must be a whole number of steps after the last observed {unit} ({_fmt(last, 8)}), got {to}"
                )
            horizon = int(steps)
        if isinstance(horizon, (bool, np.bool_)) or not isinstance(horizon, (int, np.integer)):
            raise TypeError(f"horizon must be an integer, not {type(horizon).__name__}")
        if horizon < 1:
            raise ValueError(f"horizon must be at least 1, got {horizon}")
        t_new = t_last + np.arange(1, horizon + 1, dtype=float)
        frame = self._results.get_prediction(_design(t_new, self.form, self.degree)).summary_frame(alpha=alpha)
        mean = frame["mean"].to_numpy()
        lower = frame["obs_ci_lower"].to_numpy()
        upper = frame["obs_ci_upper"].to_numpy()
        if self.log_scale:
            mean, lower, upper = np.exp(mean), np.exp(lower), np.exp(upper)
        out: dict[str, Any] = {"t": _maybe_int(t_new)}
        if self.start is not None:
            out["year"] = _maybe_int(self._years(t_new))
        out.update({"mean": mean, "lower": lower, "upper": upper})
        return pd.DataFrame(out)

    def predict(self, t: Any) -> np.ndarray:
        """Trend values (in levels) at the given ``t`` (not years)."""
        tt = as_1d_float([t] if np.ndim(t) == 0 else t, "t")
        if self.form in _LOG_T:
            check_positive(tt, "t", f"a {self.form} trend (it uses ln t)")
        pred = np.asarray(self._results.predict(_design(tt, self.form, self.degree)))
        return np.exp(pred) if self.log_scale else pred

    # -- reporting --------------------------------------------------------------
    def coefficients(self, alpha: float = 0.05) -> pd.DataFrame:
        """Coefficient table: ``coef``, ``std_err``, ``t``, ``p_value``, ``lower``, ``upper``."""
        ci = self.conf_int(alpha)
        return pd.DataFrame({
            "coef": self.params, "std_err": self.bse, "t": self.tvalues, "p_value": self.pvalues,
            "lower": ci["lower"], "upper": ci["upper"],
        })

    def summary(self, alpha: float = 0.05) -> str:
        """A plain-text summary: equation, fit statistics and the coefficient table."""
        lines = [
            f"Trend: {self.form}" + (f" (degree {self.degree})" if self.form == "polynomial" else ""),
            f"Equation: {self.equation}",
            "Time index: t = 1 is " + (str(self.start) if self.start is not None else "the first observation")
            if np.array_equal(self.t, np.arange(1, self.nobs + 1)) else "Time index: as given",
            f"Observations: {self.nobs}   residual df: {self.df_resid}",
            f"R²: {self.rsquared:.4f}   adjusted R²: {self.rsquared_adj:.4f}   AIC: {self.aic:.3f}"
            + ("   (scale: ln y)" if self.log_scale else ""),
        ]
        if self.log_scale:
            lines.append(f"In levels: R² {self.rsquared_levels:.4f}   AIC {self.aic_levels:.3f}")
        if self.df_resid < 3:
            lines.append(f"Note: {self.df_resid} residual degree(s) of freedom; intervals are very wide "
                         "and the fit is descriptive.")
        table = self.coefficients(alpha).to_string(float_format=lambda v: f"{v:.4g}")
        return "\n".join(lines) + "\n\n" + table

    def __repr__(self) -> str:
        return (f"TrendResult(form={self.form!r}, equation={self.equation!r}, nobs={self.nobs}, "
                f"df_resid={self.df_resid}, rsquared={self.rsquared:.4f})")

    def plot(self, ax: Axes | None = None, *, horizon: int = 0, alpha: float = 0.05,
             label: str | None = None) -> Axes:
        """Plot the data, the fitted trend and, with ``horizon > 0``, the forecast with its interval.

        Returns the matplotlib Axes (a new figure when ``ax`` is None).
        """
        import matplotlib.pyplot as plt

        try:
            from .plotting import COLORS
        except Exception:  # pragma: no cover - plotting style is optional here
            COLORS = {"data": "C0", "fit": "C1", "forecast": "C3", "interval": "C9"}
        if ax is None:
            _, ax = plt.subplots()
        if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 0:
            raise ValueError(f"horizon must be a non-negative integer, got {horizon!r}")
        t_end = float(self.t[-1]) + horizon
        grid = np.linspace(float(self.t[0]), t_end, 200)
        xs = (lambda tt: self._years(tt)) if self.start is not None else (lambda tt: tt)
        ax.plot(xs(self.t), self.y, "o", color=COLORS["data"], label="data", zorder=3)
        ax.plot(xs(grid), self.predict(grid), "-", color=COLORS["fit"], label=label or self.equation)
        if horizon > 0:
            fc = self.forecast(horizon, alpha=alpha)
            x_fc = fc["year"] if self.start is not None else fc["t"]
            ax.fill_between(x_fc, fc["lower"], fc["upper"], color=COLORS["interval"], alpha=0.3,
                            label=f"{100 * (1 - alpha):.0f}% prediction interval")
            ax.plot(x_fc, fc["mean"], "s", color=COLORS["forecast"], label="forecast")
        ax.set_xlabel("year" if self.start is not None else "t")
        ax.set_ylabel("y")
        ax.legend()
        return ax


def _maybe_int(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    if np.all(np.isfinite(a)) and np.all(a == np.round(a)):
        return a.astype("int64")
    return a


def fit_trend(
    y: Any,
    t: Any = None,
    *,
    form: str = "linear",
    degree: int = 2,
    start: int | None = None,
) -> TrendResult:
    """Fit a time trend by ordinary least squares.

    Parameters
    ----------
    y : sequence of float
        The series, in time order.
    t : sequence of float, optional
        Time index, strictly increasing; default ``1, 2, …, n`` (document
        000's "2021 = 1").
    form : str, default "linear"
        ``"linear"``: ``y = a + b·t``;
        ``"exponential"``: ``ln y = a + b·t``, i.e. ``y = e^a·e^(b·t)``;
        ``"power"``: ``ln y = a + b·ln t``, i.e. ``y = e^a·t^b``;
        ``"quadratic"``: ``y = a + b·t + c·t²``;
        ``"polynomial"``: a polynomial of degree ``degree``;
        ``"logarithmic"``: ``y = a + b·ln t``.
    degree : int, default 2
        Degree for ``form="polynomial"`` (1–10).
    start : int, optional
        Calendar year of ``t = 1``; results and forecasts are then indexed by
        year (``year = start + t - 1``).

    Returns
    -------
    TrendResult

    Warns
    -----
    ShortSeriesWarning
        When fewer than 3 residual degrees of freedom remain.

    Raises
    ------
    ValueError
        Too few observations (at least parameters + 1), non-positive ``y``
        for the exponential and power forms, non-positive ``t`` for the power
        and logarithmic forms, a ``t`` that is not strictly increasing.

    Examples
    --------
    Document 001's productivity series PTsb, 2010–2020 (Кесте 18, lines
    1800–1874), with its printed trend ``PTsb = 0.689 + 0.436t`` (eq. 14, line 1887):

    >>> ptsb = [1.44, 1.97, 2.17, 2.33, 2.45, 2.60, 3.52, 3.96, 4.48, 5.39, 6.07]
    >>> res = fit_trend(ptsb, start=2010)
    >>> res.equation
    'y = 0.6842 + 0.4372·t'
    >>> round(res.rsquared, 3)
    0.931
    >>> fit_trend([1, 2], form="linear")
    Traceback (most recent call last):
    ...
    ValueError: y has 2 observations; a linear trend (2 parameters) with an error estimate needs at least 3
    """
    form = check_choice(form, "form", FORMS)
    if isinstance(degree, (bool, np.bool_)) or not isinstance(degree, (int, np.integer)):
        raise TypeError(f"degree must be an integer, not {type(degree).__name__}")
    if not 1 <= degree <= _MAX_DEGREE:
        raise ValueError(f"degree must be between 1 and {_MAX_DEGREE}, got {degree}")
    if start is not None and (isinstance(start, (bool, np.bool_)) or not isinstance(start, (int, np.integer))):
        raise TypeError(f"start must be an integer year, not {type(start).__name__}")
    yy = as_1d_float(y, "y")
    if t is None:
        tt = np.arange(1, yy.size + 1, dtype=float)
    else:
        tt = as_1d_float(t, "t")
        check_same_length(y=yy, t=tt)
        if tt.size > 1 and not np.all(np.diff(tt) > 0):
            pos = int(np.flatnonzero(np.diff(tt) <= 0)[0]) + 1
            raise ValueError(f"t must be strictly increasing, but position {pos} is {tt[pos]:g} "
                             f"after {tt[pos - 1]:g}")
    k = _n_params(form, degree)
    check_min_length(yy, "y", k + 1, f"a {form} trend ({k} parameters) with an error estimate")
    if form in _LOG_Y:
        check_positive(yy, "y", f"an {form} trend (it is fitted to ln y)" if form == "exponential"
                       else f"a {form} trend (it is fitted to ln y)")
    if form in _LOG_T:
        check_positive(tt, "t", f"a {form} trend (it uses ln t)")

    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: 0.6 s less to import

    X = _design(tt, form, degree)
    if np.linalg.matrix_rank(X) < k:
        raise ValueError(f"t has too few distinct values for a {form} trend with {k} parameters")
    target = np.log(yy) if form in _LOG_Y else yy
    res = OLS(target, X).fit()
    df_resid = int(round(res.df_resid))
    if df_resid < 3:
        warnings.warn(
            f"a {form} trend on {yy.size} observations leaves {df_resid} residual degree"
            f"{'s' if df_resid != 1 else ''} of freedom: standard errors and intervals are very wide "
            "and the fit is descriptive, not a basis for inference",
            ShortSeriesWarning,
            stacklevel=2,
        )
    names = _param_names(k)
    fitted_model = np.asarray(res.fittedvalues)
    fitted_levels = np.exp(fitted_model) if form in _LOG_Y else fitted_model
    index = pd.Index(_maybe_int(start + tt - 1), name="year") if start is not None else pd.Index(_maybe_int(tt), name="t")
    with np.errstate(divide="ignore", invalid="ignore"):  # constant y: R² is NaN; exact fit: AIC is -inf
        rsquared, rsquared_adj, aic = float(res.rsquared), float(res.rsquared_adj), float(res.aic)
    return TrendResult(
        form=form,
        params=pd.Series(np.asarray(res.params), index=names, name="coef"),
        bse=pd.Series(np.asarray(res.bse), index=names, name="std_err"),
        rsquared=rsquared,
        rsquared_adj=rsquared_adj,
        aic=aic,
        nobs=int(yy.size),
        df_resid=df_resid,
        fitted=pd.Series(fitted_levels, index=index, name="fitted"),
        resid=pd.Series(np.asarray(res.resid), index=index, name="resid"),
        t=tt,
        y=yy,
        start=None if start is None else int(start),
        degree=degree if form == "polynomial" else (2 if form == "quadratic" else 1),
        _results=res,
    )


_DEFAULT_FORMS = ("linear", "exponential", "power", "logarithmic", "quadratic")


def compare_trends(
    y: Any,
    t: Any = None,
    forms: tuple[str, ...] | list[str] = _DEFAULT_FORMS,
    start: int | None = None,
    *,
    degree: int = 2,
) -> pd.DataFrame:
    """Fit several trend forms to one series and tabulate their fit and residual checks.

    Parameters
    ----------
    y, t, start, degree
        As in :func:`fit_trend`.
    forms : sequence of str
        Forms to fit (default: linear, exponential, power, logarithmic,
        quadratic).

    Returns
    -------
    pandas.DataFrame
        Indexed by form, columns: ``equation``, ``k`` (parameters), ``nobs``,
        ``df_resid``, ``rsquared``, ``rsquared_adj``, ``aic`` (on the
        estimation scale), ``rsquared_levels`` and ``aic_levels`` (comparable
        across level and log forms, see :class:`TrendResult`), ``shapiro_p``
        (Shapiro–Wilk p-value of the residuals, n >= 3), ``durbin_watson`` and
        ``note``. A form that cannot be fitted keeps its row, with NaNs and
        the reason in ``note``.

    Warns
    -----
    ShortSeriesWarning
        Once, if any form leaves fewer than 3 residual degrees of freedom.

    Examples
    --------
    >>> ptsb = [1.44, 1.97, 2.17, 2.33, 2.45, 2.60, 3.52, 3.96, 4.48, 5.39, 6.07]
    >>> table = compare_trends(ptsb, forms=("linear", "exponential", "quadratic"))
    >>> table["aic_levels"].idxmin()
    'quadratic'
    >>> table.loc["exponential", "equation"]
    'ln y = 0.2951 + 0.1347·t, i.e. y = 1.343·e^(0.1347·t)'
    """
    if isinstance(forms, str):
        forms = (forms,)
    forms = list(forms)
    if not forms:
        raise ValueError("forms must name at least one trend form")
    for f in forms:
        check_choice(f, "forms", FORMS)
    if len(set(forms)) != len(forms):
        raise ValueError("forms must not repeat a form")
    from scipy import stats
    from statsmodels.stats.stattools import durbin_watson

    rows = []
    short = []
    for f in forms:
        row: dict[str, Any] = {"form": f}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ShortSeriesWarning)
                res = fit_trend(y, t, form=f, degree=degree, start=start)
        except ValueError as exc:
            row.update(equation=None, k=_n_params(f, degree), note=f"not fitted: {exc}")
            rows.append(row)
            continue
        notes = []
        if any(issubclass(w.category, ShortSeriesWarning) for w in caught):
            short.append(f)
            notes.append(f"{res.df_resid} residual df: descriptive only")
        if res.log_scale:
            notes.append("R² and AIC in ln y; compare the *_levels columns")
        resid = res.resid.to_numpy()
        shapiro_p = float("nan")
        if res.nobs >= 3 and np.ptp(resid) > 1e-12 * max(1.0, float(np.abs(res.y).max())):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                shapiro_p = float(stats.shapiro(resid).pvalue)
        with np.errstate(divide="ignore", invalid="ignore"):
            dw = float(durbin_watson(resid)) if np.any(resid != 0) else float("nan")
        row.update(
            equation=res.equation, k=len(res.params), nobs=res.nobs, df_resid=res.df_resid,
            rsquared=res.rsquared, rsquared_adj=res.rsquared_adj, aic=res.aic,
            rsquared_levels=res.rsquared_levels, aic_levels=res.aic_levels,
            shapiro_p=shapiro_p, durbin_watson=dw, note="; ".join(notes),
        )
        rows.append(row)
    columns = ["form", "equation", "k", "nobs", "df_resid", "rsquared", "rsquared_adj", "aic",
               "rsquared_levels", "aic_levels", "shapiro_p", "durbin_watson", "note"]
    table = pd.DataFrame(rows).reindex(columns=columns).set_index("form")
    for c in ("rsquared", "rsquared_adj", "aic", "rsquared_levels", "aic_levels", "shapiro_p", "durbin_watson"):
        table[c] = table[c].astype("float64")
    for c in ("k", "nobs", "df_resid"):
        table[c] = table[c].astype("Int64")
    table["note"] = table["note"].fillna("")
    if short:
        warnings.warn(
            f"{', '.join(short)}: fewer than 3 residual degrees of freedom; those fits are descriptive "
            "and their intervals very wide",
            ShortSeriesWarning,
            stacklevel=2,
        )
    return table
