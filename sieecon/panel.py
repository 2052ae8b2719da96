"""Panel-data estimators: fixed effects, random effects and the Hausman test.

Document 003 (an abstract, line 2) estimates the effect of SME digitalisation
on regional productivity in Kazakhstan, 2020–2025, with a fixed-effects panel
model. Its data are not published; :mod:`sieecon.simulate` provides a
synthetic stand-in with known parameters. The functions here wrap
``linearmodels`` (imported only when a model is fitted) and return small
result objects in the manner of statsmodels:

* :func:`fixed_effects` — the within estimator (``PanelOLS`` with entity
  effects, optionally time effects), standard errors clustered by entity by
  default;
* :func:`random_effects` — the GLS random-effects estimator;
* :func:`hausman` — the Hausman test of fixed against random effects.

Small-sample corrections follow Stata's ``xtreg, fe vce(cluster)``: the
clustered covariance is scaled by G/(G−1)·(N−1)/(N−K), and t and p values use
Student's t with the residual degrees of freedom.

>>> import pandas as pd
>>> df = pd.DataFrame({"region": ["A"] * 3 + ["B"] * 3, "year": [1, 2, 3] * 2,
...                    "x": [1.0, 2.0, 4.0, 2.0, 3.0, 3.5],
...                    "y": [10.0, 12.1, 15.9, 20.1, 21.9, 23.0]})
>>> fe = fixed_effects(df, "y", "x", cluster="none")
>>> round(float(fe.params["x"]), 3)
1.949
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "PanelResult",
    "HausmanResult",
    "fixed_effects",
    "random_effects",
    "hausman",
]

_CLUSTER_CHOICES = ("entity", "none", "time", "both")


class _TextSummary(str):
    """A plain-text summary that displays without quotes in a notebook."""

    def __repr__(self) -> str:
        return str(self)


# --- input checks ---------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds, so that messages read 2020, not np.int64(2020)."""
    return value.item() if isinstance(value, np.generic) else value


def _as_names(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (Sequence, pd.Index)) and not isinstance(value, bytes):
        out = list(value)
        if not out:
            raise ValueError(f"{name} must name at least one column")
        for v in out:
            if not isinstance(v, str):
                raise TypeError(f"{name} must hold column names (strings), not {type(v).__name__}")
        if len(set(out)) != len(out):
            dup = next(v for v in out if out.count(v) > 1)
            raise ValueError(f"{name} names column {dup!r} twice")
        return out
    raise TypeError(f"{name} must be a column name or a list of column names, not {type(value).__name__}")


def _prepare(
    data: Any, y: Any, x: Any, entity: Any, time: Any, *, purpose: str
) -> tuple[pd.DataFrame, str, list[str]]:
    """Check the inputs of an estimator and return the frame indexed by (entity, time)."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    if not isinstance(y, str):
        raise TypeError(f"y must be the name of one column (a string), not {type(y).__name__}")
    xs = _as_names(x, "x")
    for arg, val in (("entity", entity), ("time", time)):
        if not isinstance(val, str):
            raise TypeError(f"{arg} must be a column name (a string), not {type(val).__name__}")
    if entity == time:
        raise ValueError(f"entity and time must be different columns, both are {entity!r}")
    if y in xs:
        raise ValueError(f"y ({y!r}) must not also be a regressor in x")
    for arg, val in (("entity", entity), ("time", time)):
        if val == y or val in xs:
            raise ValueError(f"{arg} column {val!r} must not also be y or a regressor in x")
    needed = [entity, time, y, *xs]
    missing = [c for c in needed if c not in data.columns]
    if missing:
        listed = ", ".join(repr(c) for c in missing)
        have = ", ".join(repr(str(c)) for c in data.columns)
        raise ValueError(f"data has no column{'s' if len(missing) > 1 else ''} {listed}; its columns are {have}")
    for col in [y, *xs]:
        s = data[col]
        if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
            raise TypeError(f"column {col!r} must be numeric for {purpose}, but its dtype is {s.dtype}")
    t = data[time]
    if not (pd.api.types.is_numeric_dtype(t) or pd.api.types.is_datetime64_any_dtype(t)):
        raise TypeError(
            f"time column {time!r} must hold numbers (years) or dates, but its dtype is {t.dtype}"
        )
    for col in needed:
        na = data[col].isna().to_numpy()
        if na.any():
            first = int(np.flatnonzero(na)[0])
            where = f"{entity}={_plain(data[entity].iloc[first])!r}, {time}={_plain(data[time].iloc[first])!r}"
            if col in (entity, time):
                where = f"row {first}"
            raise ValueError(
                f"column {col!r} has {int(na.sum())} missing value{'s' if na.sum() > 1 else ''} "
                f"(first at {where}); drop or fill them before {purpose}"
            )
    dup = data.duplicated(subset=[entity, time], keep=False).to_numpy()
    if dup.any():
        first = int(np.flatnonzero(dup)[0])
        pair = (_plain(data[entity].iloc[first]), _plain(data[time].iloc[first]))
        raise ValueError(
            f"data has {int(dup.sum())} rows that repeat an ({entity}, {time}) pair, e.g. {pair!r}; "
            f"each {entity} must appear at most once per {time}"
        )
    n_periods = data[time].nunique()
    if n_periods < 2:
        raise ValueError(
            f"{purpose} needs at least 2 periods, but column {time!r} has {n_periods} "
            f"({_plain(data[time].iloc[0])!r})"
        )
    n_entities = data[entity].nunique()
    if n_entities < 2:
        raise ValueError(f"{purpose} needs at least 2 entities, but column {entity!r} has {n_entities}")
    frame = data[needed].copy()
    for col in [y, *xs]:
        frame[col] = frame[col].astype(float)
    frame = frame.set_index([entity, time]).sort_index()
    return frame, y, xs


def _cov_options(cluster: Any, entity: str, time: str) -> tuple[dict[str, Any], str]:
    if not isinstance(cluster, str):
        raise TypeError(f"cluster must be one of {', '.join(map(repr, _CLUSTER_CHOICES))}, "
                        f"not {type(cluster).__name__}")
    if cluster not in _CLUSTER_CHOICES:
        raise ValueError(f"cluster must be one of {', '.join(map(repr, _CLUSTER_CHOICES))}; got {cluster!r}")
    if cluster == "none":
        return {"cov_type": "unadjusted", "debiased": True}, "unadjusted"
    opts: dict[str, Any] = {"cov_type": "clustered", "debiased": True, "group_debias": True}
    if cluster in ("entity", "both"):
        opts["cluster_entity"] = True
    if cluster in ("time", "both"):
        opts["cluster_time"] = True
    label = {"entity": f"clustered by {entity}", "time": f"clustered by {time}",
             "both": f"clustered by {entity} and {time}"}[cluster]
    return opts, label


# --- results --------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class PanelResult:
    """A fitted panel model (from :func:`fixed_effects` or :func:`random_effects`).

    Attributes
    ----------
    estimator : str
        ``"fixed effects"`` or ``"random effects"``.
    dependent : str
        Name of the dependent variable.
    params, bse, tstats, pvalues : pandas.Series
        Coefficients, standard errors, t statistics and two-sided p values.
    cov : pandas.DataFrame
        Covariance matrix of the coefficients.
    nobs, entities, periods : int
        Observations, entities (regions) and distinct periods.
    df_resid : int
        Residual degrees of freedom (used for t-based inference).
    rsquared : float
        The model's own R² (for fixed effects, the within R²).
    rsquared_within, rsquared_between, rsquared_overall : float
        R² of the within, between and pooled variation, as linearmodels defines them.
    cov_type : str
        How standard errors were computed, e.g. ``"clustered by region"``.
    entity, time : str
        Names of the entity and time columns.
    time_effects : bool
        Whether time effects were included (fixed effects only).
    info : dict
        Estimator-specific extras: ``s2``, the residual variance behind a
        conventional covariance matrix (both estimators); for fixed effects
        the F test of poolability; for random effects the variance components
        and θ.
    raw : object
        The linearmodels results object, for anything not copied here.
    """

    estimator: str
    dependent: str
    params: pd.Series
    bse: pd.Series
    tstats: pd.Series
    pvalues: pd.Series
    cov: pd.DataFrame = field(repr=False)
    nobs: int
    entities: int
    periods: int
    df_resid: int
    rsquared: float
    rsquared_within: float
    rsquared_between: float
    rsquared_overall: float
    cov_type: str
    entity: str
    time: str
    time_effects: bool = False
    info: dict[str, Any] = field(default_factory=dict, repr=False)
    raw: Any = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        coefs = ", ".join(f"{k}={v:.4g} ({s:.2g})" for (k, v), s in zip(self.params.items(), self.bse))
        return (
            f"PanelResult({self.estimator}, y={self.dependent!r}, nobs={self.nobs}, "
            f"entities={self.entities}, periods={self.periods}, se={self.cov_type!r}, "
            f"R²(within)={self.rsquared_within:.3f}; {coefs})"
        )

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Confidence intervals of the coefficients (columns ``lower`` and ``upper``).

        Uses Student's t with :attr:`df_resid` degrees of freedom, as the p values do.
        """
        from scipy import stats

        from .validation import check_probability

        alpha = check_probability(alpha, "alpha")
        q = float(stats.t.ppf(1 - alpha / 2, self.df_resid))
        return pd.DataFrame(
            {"lower": self.params - q * self.bse, "upper": self.params + q * self.bse},
            index=self.params.index,
        )

    def summary(self, alpha: float = 0.05) -> str:
        """A plain-text table of the estimates and fit statistics."""
        ci = self.conf_int(alpha)
        level = f"{1 - alpha:.0%}"
        head = [
            f"{self.estimator.capitalize()} panel regression",
            "=" * 78,
            f"Dependent variable: {self.dependent:<24} Observations: {self.nobs}",
            f"Entities ({self.entity}): {self.entities:<21} Periods ({self.time}): {self.periods}",
            f"Standard errors: {self.cov_type:<27} Residual df: {self.df_resid}",
            f"R² within: {self.rsquared_within:<10.4f} between: {self.rsquared_between:<10.4f} "
            f"overall: {self.rsquared_overall:.4f}",
        ]
        if self.estimator == "fixed effects":
            effects = f"{self.entity}" + (f" and {self.time}" if self.time_effects else "")
            head.append(f"Fixed effects: {effects}")
        else:
            comp = self.info
            head.append(
                f"Variance components: effects {comp['sigma2_effects']:.4g}, "
                f"idiosyncratic {comp['sigma2_eps']:.4g}, share of effects {comp['rho']:.3f}"
            )
        rows = ["-" * 78,
                f"{'':<18}{'coef':>10}{'std err':>10}{'t':>9}{'P>|t|':>8}"
                f"{'[' + level:>11}{'interval]':>12}",
                "-" * 78]
        for name in self.params.index:
            rows.append(
                f"{str(name)[:18]:<18}{self.params[name]:>10.4f}{self.bse[name]:>10.4f}"
                f"{self.tstats[name]:>9.3f}{self.pvalues[name]:>8.3f}"
                f"{ci.loc[name, 'lower']:>11.4f}{ci.loc[name, 'upper']:>12.4f}"
            )
        rows.append("=" * 78)
        return _TextSummary("\n".join(head + rows))

    def recovery(self, true_params: Mapping[str, float] | pd.Series, alpha: float = 0.05) -> pd.DataFrame:
        """Compare the estimates with known true values (for simulated data).

        Parameters
        ----------
        true_params : mapping or Series
            True value of each coefficient to check, by name (for example
            ``df.attrs["true_params"]`` of :func:`sieecon.simulate.simulate_regional_panel`).
        alpha : float, default 0.05
            1 − level of the confidence interval.

        Returns
        -------
        pandas.DataFrame
            One row per coefficient: ``estimate``, ``true``, ``bias``
            (estimate − true), ``lower``, ``upper`` and ``covered`` (whether
            the interval contains the true value).
        """
        if isinstance(true_params, pd.Series):
            true_params = true_params.to_dict()
        if not isinstance(true_params, Mapping):
            raise TypeError(f"true_params must be a mapping of coefficient names to values, "
                            f"not {type(true_params).__name__}")
        if not true_params:
            raise ValueError("true_params must name at least one coefficient")
        unknown = [k for k in true_params if k not in self.params.index]
        if unknown:
            raise ValueError(
                f"true_params: {unknown[0]!r} is not a coefficient of this model; "
                f"the coefficients are {', '.join(repr(str(k)) for k in self.params.index)}"
            )
        names = list(true_params)
        truth = pd.Series({k: float(v) for k, v in true_params.items()}, dtype=float)
        ci = self.conf_int(alpha).loc[names]
        est = self.params.loc[names]
        out = pd.DataFrame(
            {
                "estimate": est,
                "true": truth,
                "bias": est - truth,
                "lower": ci["lower"],
                "upper": ci["upper"],
                "covered": (ci["lower"] <= truth) & (truth <= ci["upper"]),
            },
            index=pd.Index(names, name="parameter"),
        )
        return out


@dataclass(frozen=True)
class HausmanResult:
    """Result of :func:`hausman`.

    Attributes
    ----------
    statistic : float
        H = (b_FE − b_RE)' [V_FE − V_RE]⁻¹ (b_FE − b_RE).
    dof : int
        Degrees of freedom of the χ² reference (the rank of V_FE − V_RE).
    p_value : float
        P(χ²(dof) ≥ H).
    conclusion : str
        The decision in words.
    coefficients : tuple of str
        The coefficients compared (those common to both models, constant excluded).
    note : str
        Caveats: a non-positive-definite difference matrix, a negative
        statistic, robust covariances. Empty when there are none.
    alpha : float
        Level of the test.
    sigma : str
        Which variance estimate scaled the covariance matrices (see :func:`hausman`).
    """

    statistic: float
    dof: int
    p_value: float
    conclusion: str
    coefficients: tuple[str, ...]
    note: str = ""
    alpha: float = 0.05
    sigma: str = "re"

    def __repr__(self) -> str:
        return (f"HausmanResult(statistic={self.statistic:.4g}, dof={self.dof}, "
                f"p_value={self.p_value:.4g}, coefficients={list(self.coefficients)})")


def _from_linearmodels(res: Any, estimator: str, dependent: str, entity: str, time: str,
                       cov_type: str, time_effects: bool, info: dict[str, Any]) -> PanelResult:
    params = res.params.astype(float)
    params.name = "params"
    bse = res.std_errors.astype(float)
    bse.name = "bse"
    return PanelResult(
        estimator=estimator,
        dependent=dependent,
        params=params,
        bse=bse,
        tstats=res.tstats.astype(float).rename("tstats"),
        pvalues=res.pvalues.astype(float).rename("pvalues"),
        cov=res.cov.astype(float),
        nobs=int(res.nobs),
        entities=int(res.entity_info["total"]),
        periods=int(res.time_info["total"]),
        df_resid=int(res.df_resid),
        rsquared=float(res.rsquared),
        rsquared_within=float(res.rsquared_within),
        rsquared_between=float(res.rsquared_between),
        rsquared_overall=float(res.rsquared_overall),
        cov_type=cov_type,
        entity=entity,
        time=time,
        time_effects=time_effects,
        info=info,
        raw=res,
    )


# --- estimators -----------------------------------------------------------------------

def fixed_effects(
    data: pd.DataFrame,
    y: str,
    x: str | Sequence[str],
    *,
    entity: str = "region",
    time: str = "year",
    time_effects: bool = False,
    cluster: str = "entity",
) -> PanelResult:
    """Fixed-effects (within) panel regression of ``y`` on ``x``.

    Fits :class:`linearmodels.panel.PanelOLS` with entity effects (and, if
    asked, time effects). No constant is reported: with entity effects only
    the slopes are identified. Regressors that do not vary within any entity
    (or, with time effects, across entities within any period) cannot be
    estimated and are refused with a clear error.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per entity and period, in long form.
    y : str
        Dependent variable.
    x : str or list of str
        Regressors.
    entity, time : str, default "region", "year"
        Columns identifying the entity and the period (numbers or dates).
    time_effects : bool, default False
        Add period fixed effects (two-way fixed effects).
    cluster : {"entity", "none", "time", "both"}, default "entity"
        Standard errors clustered by entity (robust to heteroskedasticity and
        to serial correlation within an entity), conventional ("none"), or
        clustered by period or by both.

    Returns
    -------
    PanelResult

    Examples
    --------
    >>> from sieecon.simulate import simulate_regional_panel, TRUE_PARAMS
    >>> df = simulate_regional_panel()
    >>> fe = fixed_effects(df, "lnprod", list(TRUE_PARAMS))
    >>> fe.nobs, fe.entities, fe.periods, fe.cov_type
    (120, 20, 6, 'clustered by region')
    >>> fe.recovery(TRUE_PARAMS)[["estimate", "true", "covered"]].round(3)
                    estimate   true  covered
    parameter
    ln_grp_pc          0.678  0.600    False
    unemployment      -0.045 -0.040     True
    ict_share         -0.023 -0.030     True
    digital_skills     0.010  0.012    False

    A 95% interval misses the true value now and then (here twice). Over seeds
    0–199 these clustered intervals covered the true slopes in 92–94% of
    samples, conventional ones (``cluster="none"``) in 95%.
    """
    if not isinstance(time_effects, (bool, np.bool_)):
        raise TypeError(f"time_effects must be True or False, not {type(time_effects).__name__}")
    opts, cov_label = _cov_options(cluster, entity, time)
    frame, y, xs = _prepare(data, y, x, entity, time, purpose="a fixed-effects regression")
    within = frame[xs] - frame[xs].groupby(level=0).transform("mean")
    flat = [c for c in xs if np.allclose(within[c].to_numpy(), 0.0)]
    if flat:
        raise ValueError(
            f"regressor {flat[0]!r} does not vary within any {entity}; the {entity} fixed effects "
            f"absorb it, so its coefficient cannot be estimated. Drop it from x or use random_effects"
        )
    if time_effects:
        across = frame[xs] - frame[xs].groupby(level=1).transform("mean")
        flat = [c for c in xs if np.allclose(across[c].to_numpy(), 0.0)]
        if flat:
            raise ValueError(
                f"regressor {flat[0]!r} does not vary across {entity}s within any {time}; the {time} "
                "effects absorb it, so its coefficient cannot be estimated. Drop it from x or set "
                "time_effects=False"
            )
    from linearmodels.panel import PanelOLS
    from linearmodels.panel.utility import AbsorbingEffectError

    model = PanelOLS(frame[y], frame[xs], entity_effects=True, time_effects=bool(time_effects))
    try:
        res = model.fit(**opts)
    except AbsorbingEffectError as err:
        text = str(err)
        names = text.split("after effects are removed:")[-1].split("Set drop_absorbed")[0].replace(",", " ").split()
        raise ValueError(
            "after removing the fixed effects these regressors are perfectly collinear or absorbed: "
            f"{', '.join(names) or 'see linearmodels'}; drop one of them from x"
        ) from None
    info = {
        "f_poolability": float(res.f_pooled.stat),
        "f_poolability_pvalue": float(res.f_pooled.pval),
        "s2": float(res.s2),
    }
    return _from_linearmodels(res, "fixed effects", y, entity, time, cov_label, bool(time_effects), info)


def random_effects(
    data: pd.DataFrame,
    y: str,
    x: str | Sequence[str],
    *,
    entity: str = "region",
    time: str = "year",
    cluster: str = "none",
) -> PanelResult:
    """Random-effects (GLS) panel regression of ``y`` on ``x`` with a constant.

    Fits :class:`linearmodels.panel.RandomEffects`. The estimator is
    consistent only if the entity effects are uncorrelated with the
    regressors; :func:`hausman` tests that against :func:`fixed_effects`.

    Parameters
    ----------
    data, y, x, entity, time
        As for :func:`fixed_effects`.
    cluster : {"none", "entity", "time", "both"}, default "none"
        Conventional standard errors by default (the classical Hausman test
        needs them); clustered ones on request.

    Returns
    -------
    PanelResult
        Its ``params`` include ``const``; ``info`` holds the variance
        components (``sigma2_effects``, ``sigma2_eps``, ``rho``) and
        ``theta``, the quasi-demeaning weight (the mean over entities).

    Examples
    --------
    >>> from sieecon.simulate import simulate_regional_panel, TRUE_PARAMS
    >>> re = random_effects(simulate_regional_panel(seed=3), "lnprod", list(TRUE_PARAMS))
    >>> list(re.params.index)
    ['const', 'ln_grp_pc', 'unemployment', 'ict_share', 'digital_skills']
    """
    opts, cov_label = _cov_options(cluster, entity, time)
    frame, y, xs = _prepare(data, y, x, entity, time, purpose="a random-effects regression")
    if "const" in xs:
        raise ValueError("x must not contain a column named 'const': random_effects adds the constant itself")
    exog = frame[xs].copy()
    exog.insert(0, "const", 1.0)
    from linearmodels.panel import RandomEffects

    res = RandomEffects(frame[y], exog).fit(**opts)
    vd = res.variance_decomposition
    info = {
        "sigma2_effects": float(vd["Effects"]),
        "sigma2_eps": float(vd["Residual"]),
        "rho": float(vd["Percent due to Effects"]),
        "theta": float(np.asarray(res.theta, dtype=float).mean()),
        "s2": float(res.s2),
    }
    return _from_linearmodels(res, "random effects", y, entity, time, cov_label, False, info)


def hausman(fe: PanelResult, re: PanelResult, *, sigma: str = "re", alpha: float = 0.05) -> HausmanResult:
    """Hausman test of fixed against random effects.

    Under H0 (the entity effects are uncorrelated with the regressors) both
    estimators are consistent and random effects is efficient, so their
    difference has covariance V_FE − V_RE and

    .. math:: H = (b_{FE} - b_{RE})' (V_{FE} - V_{RE})^{-1} (b_{FE} - b_{RE}) \\sim \\chi^2_k ,

    over the k slopes the two models share. Each covariance matrix is
    s² times a matrix of the regressors. With each model's own s²
    (``sigma="separate"``, the textbook formula) V_FE − V_RE need not be
    positive definite in a finite sample, and it often is not when H0 is
    badly false, because the random-effects residuals then absorb the bias and
    inflate its s². By default (``sigma="re"``) both matrices use the
    random-effects s², as Stata's ``hausman, sigmamore`` does; the difference
    is then positive semi-definite for a balanced panel. ``sigma="fe"`` uses the
    fixed-effects s² (``sigmaless``). Whenever the difference is not positive
    definite, the statistic uses its Moore–Penrose inverse with k = its rank,
    and ``note`` says so.

    Parameters
    ----------
    fe : PanelResult
        From :func:`fixed_effects`; with ``cluster="none"`` unless ``sigma="separate"``.
    re : PanelResult
        From :func:`random_effects` on the same data, with ``cluster="none"``
        unless ``sigma="separate"``.
    sigma : {"re", "fe", "separate"}, default "re"
        Which estimate of the idiosyncratic variance scales the two covariance matrices.
    alpha : float, default 0.05
        Level of the test, used for ``conclusion``.

    Returns
    -------
    HausmanResult

    Examples
    --------
    >>> from sieecon.simulate import simulate_regional_panel, TRUE_PARAMS
    >>> df = simulate_regional_panel(seed=3)
    >>> xs = list(TRUE_PARAMS)
    >>> h = hausman(fixed_effects(df, "lnprod", xs, cluster="none"), random_effects(df, "lnprod", xs))
    >>> h.dof, h.p_value < 0.05
    (4, True)
    >>> h.conclusion[:34]
    'Reject H0 at the 5% level (H = 77.'
    >>> hausman(fixed_effects(df, "lnprod", xs), random_effects(df, "lnprod", xs))
    Traceback (most recent call last):
    ...
    ValueError: sigma='re' rescales conventional covariance matrices, but fe has standard errors clustered by region; refit it with cluster='none', or pass sigma='separate' to compare the matrices as they are
    """
    from scipy import stats

    from .validation import check_probability

    for arg, val, kind in (("fe", fe, "fixed effects"), ("re", re, "random effects")):
        if not isinstance(val, PanelResult):
            raise TypeError(f"{arg} must be a PanelResult, not {type(val).__name__}")
        if val.estimator != kind:
            raise ValueError(f"{arg} must be a {kind} result, but it is a {val.estimator} result")
    alpha = check_probability(alpha, "alpha")
    if fe.dependent != re.dependent:
        raise ValueError(f"fe and re explain different variables ({fe.dependent!r} and {re.dependent!r})")
    if fe.nobs != re.nobs or fe.entities != re.entities:
        raise ValueError(
            f"fe and re were fitted on different samples ({fe.nobs} and {re.nobs} observations); "
            "fit both on the same data"
        )
    if not isinstance(sigma, str):
        raise TypeError(f"sigma must be 're', 'fe' or 'separate', not {type(sigma).__name__}")
    if sigma not in ("re", "fe", "separate"):
        raise ValueError(f"sigma must be one of 're', 'fe', 'separate'; got {sigma!r}")
    if sigma != "separate":
        for arg, r in (("fe", fe), ("re", re)):
            if r.cov_type != "unadjusted":
                raise ValueError(
                    f"sigma={sigma!r} rescales conventional covariance matrices, but {arg} has standard "
                    f"errors {r.cov_type}; refit it with cluster='none', or pass sigma='separate' to "
                    "compare the matrices as they are"
                )
    common = [c for c in fe.params.index if c in re.params.index and c != "const"]
    if not common:
        raise ValueError("fe and re have no coefficient in common (other than the constant)")
    d = (fe.params[common] - re.params[common]).to_numpy(dtype=float)
    v_fe = fe.cov.loc[common, common].to_numpy(dtype=float)
    v_re = re.cov.loc[common, common].to_numpy(dtype=float)
    if sigma != "separate":
        s2 = float(fe.info["s2"] if sigma == "fe" else re.info["s2"])
        v_fe = v_fe * (s2 / float(fe.info["s2"]))
        v_re = v_re * (s2 / float(re.info["s2"]))
    vd = v_fe - v_re
    vd = (vd + vd.T) / 2
    eig = np.linalg.eigvalsh(vd)
    tol = max(vd.shape) * np.finfo(float).eps * max(float(np.abs(eig).max()), 1e-300)
    notes: list[str] = []
    if (eig > tol).all():
        stat = float(d @ np.linalg.solve(vd, d))
        dof = len(common)
    else:
        rank = int((np.abs(eig) > tol).sum())
        if rank == 0:
            raise ValueError("V_FE − V_RE is zero: the two estimators have the same covariance; "
                             "the Hausman test is undefined")
        stat = float(d @ np.linalg.pinv(vd, rcond=1e-10, hermitian=True) @ d)
        dof = rank
        notes.append(
            "V_FE − V_RE is not positive definite (eigenvalues "
            + ", ".join(f"{e:.3g}" for e in eig)
            + f"); the statistic uses its generalised (Moore–Penrose) inverse and {dof} degree"
            + ("s" if dof != 1 else "") + " of freedom, its number of positive or negative eigenvalues. "
            "Treat the result with caution."
        )
    if stat < 0:
        notes.append(
            f"The statistic is negative ({stat:.4g}), which the asymptotic theory excludes; it is "
            "usually read as no evidence against random effects, but a regression-based (Mundlak) "
            "test is more reliable here."
        )
    robust = [f"{arg} ({r.cov_type})" for arg, r in (("fe", fe), ("re", re)) if r.cov_type != "unadjusted"]
    if robust:
        notes.append(
            "The Hausman test assumes conventional (non-robust) covariance matrices and an "
            "efficient random-effects estimator; " + " and ".join(robust)
            + " use robust ones. Refit with cluster='none' for the textbook test, or use a "
            "regression-based (Mundlak) test with clustered errors."
        )
    p = float(stats.chi2.sf(max(stat, 0.0), dof))
    if stat < 0:
        conclusion = (
            f"Inconclusive: the statistic is negative (H = {stat:.3f}), so the test is not valid for "
            "these covariance matrices. "
            + ("Use sigma='re' (or 'fe') with conventional standard errors, or a regression-based "
               "(Mundlak) test." if sigma == "separate" else "Use a regression-based (Mundlak) test.")
        )
    elif p < alpha:
        conclusion = (
            f"Reject H0 at the {alpha:.0%} level (H = {stat:.3f}, p = {p:.3g}): the fixed- and "
            "random-effects estimates differ systematically, so the entity effects appear to be "
            "correlated with the regressors. Random effects would be inconsistent; use fixed effects."
        )
    else:
        conclusion = (
            f"Do not reject H0 at the {alpha:.0%} level (H = {stat:.3f}, p = {p:.3g}): no evidence "
            "that the estimates differ systematically. Random effects is then consistent and more "
            "efficient; fixed effects remain consistent either way."
        )
    return HausmanResult(stat, dof, p, conclusion, tuple(str(c) for c in common), " ".join(notes),
                         alpha, sigma)
