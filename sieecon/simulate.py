"""A SYNTHETIC regional panel: a seeded stand-in for the design of document 003.

Document 003 is an abstract only (``003_2ac2c8aec68fbedc.txt``, line 2). It
describes a study of the regions of Kazakhstan, 2020–2025, that relates the
productivity of small and medium-sized enterprises (SMEs) to macroeconomic
controls, digital capital (investment in information and communication
technology, ICT) and digital competencies, with panel fixed effects and Ward
clustering. It reports an R² of 0.98, a dominant effect of macroeconomic
factors, a significant positive role of digital competencies and a *negative*
elasticity of ICT investment. It publishes no data.

:func:`simulate_regional_panel` therefore generates a panel with that design
and with known true parameters, so that the book can show what fixed effects
estimate, how to check that an estimator recovers the truth, and why pooled
OLS misleads when region effects are correlated with the regressors. Every
frame it returns is marked synthetic three times: ``df.attrs["synthetic"]``,
a title beginning with ``SYNTHETIC`` and a column ``synthetic`` that is True
in every row (so the mark survives a CSV export). None of its numbers is a
statistic of Kazakhstan.

>>> df = simulate_regional_panel()
>>> df.shape
(120, 9)
>>> df.attrs["title"][:9], bool(df["synthetic"].all())
('SYNTHETIC', True)
>>> df.attrs["true_params"] == TRUE_PARAMS
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

__all__ = [
    "Region",
    "REGIONS",
    "TRUE_PARAMS",
    "VARIABLES",
    "simulate_regional_panel",
    "random_walk_correlations",
]


class Region(NamedTuple):
    """A first-level administrative unit of Kazakhstan.

    ``kind`` is ``"oblast"`` (region) or ``"city"`` (city of republican
    significance); ``note`` records changes of borders or names in 2020–2025.
    """

    name: str
    name_kk: str
    kind: str
    note: str = ""


#: The 20 first-level units of Kazakhstan in 2020–2025: 17 oblasts and the three
#: cities of republican significance. The division with 17 oblasts took effect on
#: 8 June 2022, when Abai, Zhetysu and Ulytau regions were formed from parts of
#: East Kazakhstan, Almaty and Karaganda regions; before that there were 14.
#: The simulated panel uses the 20 units for every year, which a panel of real
#: 2020–2021 statistics could not do without recomputing the old regions for
#: the new borders.
REGIONS: tuple[Region, ...] = (
    Region("Abai Region", "Абай облысы", "oblast",
           "formed 8 June 2022 from part of East Kazakhstan Region"),
    Region("Akmola Region", "Ақмола облысы", "oblast"),
    Region("Aktobe Region", "Ақтөбе облысы", "oblast"),
    Region("Almaty Region", "Алматы облысы", "oblast",
           "ceded territory to Zhetysu Region on 8 June 2022"),
    Region("Atyrau Region", "Атырау облысы", "oblast"),
    Region("East Kazakhstan Region", "Шығыс Қазақстан облысы", "oblast",
           "ceded territory to Abai Region on 8 June 2022"),
    Region("Zhambyl Region", "Жамбыл облысы", "oblast", "also spelled Jambyl"),
    Region("Zhetysu Region", "Жетісу облысы", "oblast",
           "formed 8 June 2022 from part of Almaty Region; also spelled Jetisu"),
    Region("Karaganda Region", "Қарағанды облысы", "oblast",
           "ceded territory to Ulytau Region on 8 June 2022"),
    Region("Kostanay Region", "Қостанай облысы", "oblast"),
    Region("Kyzylorda Region", "Қызылорда облысы", "oblast"),
    Region("Mangystau Region", "Маңғыстау облысы", "oblast"),
    Region("Pavlodar Region", "Павлодар облысы", "oblast"),
    Region("North Kazakhstan Region", "Солтүстік Қазақстан облысы", "oblast"),
    Region("Turkistan Region", "Түркістан облысы", "oblast"),
    Region("Ulytau Region", "Ұлытау облысы", "oblast",
           "formed 8 June 2022 from part of Karaganda Region"),
    Region("West Kazakhstan Region", "Батыс Қазақстан облысы", "oblast"),
    Region("Astana", "Астана қаласы", "city",
           "named Nur-Sultan from March 2019 to September 2022"),
    Region("Almaty", "Алматы қаласы", "city"),
    Region("Shymkent", "Шымкент қаласы", "city"),
)

#: True slope coefficients of the simulated model. They are invented for
#: teaching: chosen only so that their *signs* match what document 003's
#: abstract reports (macro factors and digital competencies raise
#: productivity, ICT investment lowers it). They are not estimates.
TRUE_PARAMS: dict[str, float] = {
    "ln_grp_pc": 0.60,
    "unemployment": -0.04,
    "ict_share": -0.03,
    "digital_skills": 0.012,
}

#: What each column of the simulated panel stands for, with units.
VARIABLES: dict[str, str] = {
    "region": "region (English name, see REGIONS)",
    "region_kk": "region (Kazakh name)",
    "year": "calendar year",
    "lnprod": "log labour productivity of SMEs (natural log of output per employee, thousand KZT)",
    "ln_grp_pc": "log gross regional product per capita (natural log, thousand KZT)",
    "unemployment": "unemployment rate, % of the labour force",
    "ict_share": "ICT investment, % of SMEs' investment in fixed capital",
    "digital_skills": "digital competencies index, 0–100",
    "synthetic": "True in every row: the data are simulated",
}

_INTERCEPT = 3.5
_DEFAULT_NOISE_SD = 0.03
_SEED_FILE = "003_2ac2c8aec68fbedc.txt"


def _check_seed(seed: Any) -> int:
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer, not {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    return int(seed)


def _check_regions(regions: Any) -> list[Region]:
    if regions is None:
        return list(REGIONS)
    if isinstance(regions, (str, bytes)) or not isinstance(regions, Iterable):
        raise TypeError(
            f"regions must be a list of region names such as ['Astana', 'Almaty'], "
            f"not {type(regions).__name__}"
        )
    by_name = {r.name: r for r in REGIONS}
    chosen: list[Region] = []
    for name in regions:
        if not isinstance(name, str):
            raise TypeError(f"regions must hold region names (strings), not {type(name).__name__}")
        if name not in by_name:
            close = difflib.get_close_matches(name, list(by_name), n=2, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else (
                "; sieecon.simulate.REGIONS lists the 20 names"
            )
            raise ValueError(f"regions: {name!r} is not a region of Kazakhstan{hint}")
        if by_name[name] in chosen:
            raise ValueError(f"regions: {name!r} is listed twice")
        chosen.append(by_name[name])
    if len(chosen) < 2:
        raise ValueError(f"regions must name at least 2 regions for a panel, got {len(chosen)}")
    return chosen


def _check_years(years: Any) -> list[int]:
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise TypeError(f"years must be a sequence of integers such as range(2020, 2026), not {type(years).__name__}")
    out: list[int] = []
    for y in years:
        if isinstance(y, (bool, np.bool_)) or not isinstance(y, (int, np.integer)):
            raise TypeError(f"years must hold integers, not {type(y).__name__} ({y!r})")
        out.append(int(y))
    if len(out) < 2:
        raise ValueError(f"years must hold at least 2 years for a panel, got {len(out)}")
    if len(set(out)) != len(out):
        dup = next(y for y in out if out.count(y) > 1)
        raise ValueError(f"years: {dup} is listed twice")
    return sorted(out)


def _check_params(params: Any) -> dict[str, float]:
    if params is None:
        return dict(TRUE_PARAMS)
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping such as {{'ict_share': -0.03}}, not {type(params).__name__}")
    out = dict(TRUE_PARAMS)
    for key, value in params.items():
        if key not in TRUE_PARAMS:
            raise ValueError(
                f"params: {key!r} is not a coefficient of the model; "
                f"the coefficients are {', '.join(repr(k) for k in TRUE_PARAMS)}"
            )
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
            raise TypeError(f"params[{key!r}] must be a number, not {type(value).__name__}")
        if not np.isfinite(float(value)):
            raise ValueError(f"params[{key!r}] must be finite, got {value}")
        out[key] = float(value)
    return out


def simulate_regional_panel(
    *,
    seed: int = 2025,
    regions: Sequence[str] | None = None,
    years: Iterable[int] = range(2020, 2026),
    params: Mapping[str, float] | None = None,
    noise_sd: float = _DEFAULT_NOISE_SD,
) -> pd.DataFrame:
    """Simulate a SYNTHETIC balanced panel of Kazakhstan's regions with known parameters.

    The design follows document 003 (an abstract; it publishes no data): one
    row per region and year, a productivity outcome, macroeconomic controls,
    digital capital and digital competencies. The data-generating process is

    .. math::

        \\text{lnprod}_{it} = 3.5 + \\alpha_i + \\beta_1\\,\\text{ln\\_grp\\_pc}_{it}
        + \\beta_2\\,\\text{unemployment}_{it} + \\beta_3\\,\\text{ict\\_share}_{it}
        + \\beta_4\\,\\text{digital\\_skills}_{it} + \\varepsilon_{it},
        \\qquad \\varepsilon_{it} \\sim N(0, \\text{noise\\_sd}^2),

    with the β of :data:`TRUE_PARAMS` (or ``params``). Each region has a latent
    level of development :math:`u_i \\sim N(0, 1)`; the region effect is
    :math:`\\alpha_i = 0.30\\,u_i + 0.10\\,w_i` with :math:`w_i \\sim N(0, 1)`,
    and the regressors load on the same :math:`u_i`:

    * ``ln_grp_pc`` = 8.0 + 0.30 u + g·t + N(0, 0.04²), region growth g ~ N(0.06, 0.02²);
    * ``unemployment`` = 4.8 − 0.40 u − 0.05 t + N(0, 0.25²);
    * ``ict_share`` = exp(1.1 + 0.25 u + 0.04 t + N(0, 0.12²));
    * ``digital_skills`` = 50 + 6 u + 2.5 t + N(0, 1.5²);

    where t counts years from the first. So the region effects are correlated
    with every regressor: pooled OLS is biased, the within (fixed-effects)
    estimator is not. There are no common year shocks beyond the regressors'
    own trends, so fixed effects without time effects are correctly specified.
    The :math:`u_i` are drawn at random for each region: which region comes
    out high or low, or in which cluster, carries no information about the
    real region.

    Parameters
    ----------
    seed : int, default 2025
        Seed of ``numpy.random.default_rng``; the same seed gives the same frame.
    regions : sequence of str, optional
        English names from :data:`REGIONS` (default: all 20, in that order).
    years : iterable of int, default 2020–2025
        At least two distinct years.
    params : mapping, optional
        Replace some of the true slopes, e.g. ``{"ict_share": 0.0}``.
    noise_sd : float, default 0.03
        Standard deviation of the idiosyncratic error of ``lnprod`` (≥ 0).

    Returns
    -------
    pandas.DataFrame
        Columns ``region``, ``region_kk``, ``year``, ``lnprod``, ``ln_grp_pc``,
        ``unemployment``, ``ict_share``, ``digital_skills`` and ``synthetic``
        (see :data:`VARIABLES`), sorted by region then year. ``df.attrs``
        holds ``synthetic`` (True), ``title``, ``note``, ``true_params``,
        ``region_effects`` (the simulated α_i), ``design``, ``variables`` and
        ``source``.

    Examples
    --------
    >>> df = simulate_regional_panel(seed=1, regions=["Astana", "Almaty", "Shymkent"],
    ...                              years=[2023, 2024])
    >>> df[["region", "year"]].to_numpy().tolist()
    [['Astana', 2023], ['Astana', 2024], ['Almaty', 2023], ['Almaty', 2024], ['Shymkent', 2023], ['Shymkent', 2024]]
    >>> df.attrs["synthetic"]
    True
    >>> simulate_regional_panel(params={"rnd_share": 0.1})
    Traceback (most recent call last):
    ...
    ValueError: params: 'rnd_share' is not a coefficient of the model; the coefficients are 'ln_grp_pc', 'unemployment', 'ict_share', 'digital_skills'
    """
    seed = _check_seed(seed)
    chosen = _check_regions(regions)
    yrs = _check_years(years)
    beta = _check_params(params)
    if isinstance(noise_sd, (bool, np.bool_)) or not isinstance(noise_sd, (Real, np.number)):
        raise TypeError(f"noise_sd must be a number, not {type(noise_sd).__name__}")
    if not np.isfinite(float(noise_sd)) or noise_sd < 0:
        raise ValueError(f"noise_sd must be a finite number ≥ 0, got {noise_sd}")
    noise_sd = float(noise_sd)

    rng = np.random.default_rng(seed)
    n, n_t = len(chosen), len(yrs)
    u = rng.normal(size=n)
    w = rng.normal(size=n)
    alpha = 0.30 * u + 0.10 * w
    growth = rng.normal(0.06, 0.02, size=n)

    t = np.tile(np.array(yrs) - yrs[0], n).astype(float)
    ui = np.repeat(u, n_t)
    ln_grp_pc = 8.0 + 0.30 * ui + np.repeat(growth, n_t) * t + rng.normal(0, 0.04, n * n_t)
    unemployment = 4.8 - 0.40 * ui - 0.05 * t + rng.normal(0, 0.25, n * n_t)
    ict_share = np.exp(1.1 + 0.25 * ui + 0.04 * t + rng.normal(0, 0.12, n * n_t))
    digital_skills = 50.0 + 6.0 * ui + 2.5 * t + rng.normal(0, 1.5, n * n_t)
    eps = rng.normal(0, 1.0, n * n_t) * noise_sd
    lnprod = (
        _INTERCEPT
        + np.repeat(alpha, n_t)
        + beta["ln_grp_pc"] * ln_grp_pc
        + beta["unemployment"] * unemployment
        + beta["ict_share"] * ict_share
        + beta["digital_skills"] * digital_skills
        + eps
    )

    df = pd.DataFrame(
        {
            "region": np.repeat([r.name for r in chosen], n_t),
            "region_kk": np.repeat([r.name_kk for r in chosen], n_t),
            "year": np.tile(np.array(yrs, dtype="int64"), n),
            "lnprod": lnprod,
            "ln_grp_pc": ln_grp_pc,
            "unemployment": unemployment,
            "ict_share": ict_share,
            "digital_skills": digital_skills,
            "synthetic": np.ones(n * n_t, dtype=bool),
        }
    )
    df.attrs = {
        "synthetic": True,
        "title": (
            f"SYNTHETIC regional panel of Kazakhstan, {yrs[0]}–{yrs[-1]} "
            "(simulated stand-in for the design of document 003; not real data)"
        ),
        "note": (
            "Document 003 is an abstract that describes a fixed-effects panel of Kazakhstan's regions, "
            "2020–2025, built from National Statistics Bureau data, but publishes none of the data. "
            "These values are simulated by sieecon.simulate.simulate_regional_panel with known true "
            "parameters, for teaching the method; no number here describes a real region. Each region's "
            "level of development is drawn at random, so which region ends up high or low (or in which "
            "cluster) means nothing."
        ),
        "true_params": dict(beta),
        "region_effects": {r.name: float(a) for r, a in zip(chosen, alpha)},
        "design": {
            "seed": seed,
            "intercept": _INTERCEPT,
            "noise_sd": noise_sd,
            "region_effect": "alpha_i = 0.30 u_i + 0.10 w_i, u_i, w_i ~ N(0, 1)",
            "years": list(yrs),
            "regions": [r.name for r in chosen],
        },
        "variables": dict(VARIABLES),
        "source": {
            "document": "003",
            "file": _SEED_FILE,
            "locator": "abstract (design only; the document publishes no data)",
            "lines": [2, 2],
        },
    }
    return df


def random_walk_correlations(
    *, pairs: int = 10_000, length: int = 4, drift: float = 1.0, sd: float = 1.0, seed: int = 2025
) -> np.ndarray:
    """Pearson correlations of ``pairs`` pairs of **independent** random walks with drift.

    Each walk is the running sum of ``length`` normal steps with mean ``drift`` and standard deviation
    ``sd``. Because both walks tend to rise, their correlation is usually high although they are unrelated:
    the spurious correlation of trending series (Granger and Newbold 1974) that a four-year correlation of
    funding and exports cannot rule out.

    >>> r = random_walk_correlations(pairs=2000, length=4, seed=1)
    >>> r.shape, bool((r > 0.95).mean() > 0.2)
    ((2000,), True)
    >>> random_walk_correlations(length=2)
    Traceback (most recent call last):
    ...
    ValueError: length must be an integer of at least 3 (a correlation of two points is always ±1), got 2
    """
    for value, name, minimum in ((pairs, "pairs", 1), (length, "length", 3)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
            extra = " (a correlation of two points is always ±1)" if name == "length" else ""
            raise ValueError(f"{name} must be an integer of at least {minimum}{extra}, got {value!r}")
    if not isinstance(sd, (int, float)) or isinstance(sd, bool) or sd <= 0:
        raise ValueError(f"sd must be a positive number, got {sd!r}")
    if not isinstance(drift, (int, float)) or isinstance(drift, bool):
        raise TypeError(f"drift must be a number, not {type(drift).__name__}")
    rng = np.random.default_rng(seed)
    walks = rng.normal(loc=drift, scale=sd, size=(pairs, 2, length)).cumsum(axis=2)
    x = walks[:, 0, :] - walks[:, 0, :].mean(axis=1, keepdims=True)
    y = walks[:, 1, :] - walks[:, 1, :].mean(axis=1, keepdims=True)
    return (x * y).sum(axis=1) / np.sqrt((x**2).sum(axis=1) * (y**2).sum(axis=1))
