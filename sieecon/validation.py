"""Input checks shared by every public function of :mod:`sieecon`.

Each check raises a :class:`TypeError` or :class:`ValueError` whose message
names the argument and the problem, so that a reader sees what to fix rather
than a traceback from deep inside numpy or statsmodels.

>>> as_1d_float([1, 2, 3], "y")
array([1., 2., 3.])
>>> as_1d_float([1, None], "y")
Traceback (most recent call last):
...
ValueError: y has a missing value (NaN) at position 1; drop or fill it first
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from numbers import Real
from typing import Any

import numpy as np

__all__ = [
    "as_1d_float",
    "check_same_length",
    "check_min_length",
    "check_positive",
    "check_probability",
    "check_choice",
    "check_weights",
]


def as_1d_float(values: Any, name: str, *, allow_nan: bool = False) -> np.ndarray:
    """Return ``values`` as a one-dimensional float array, or raise a clear error.

    Accepts lists, tuples, numpy arrays and pandas Series. Strings, mappings,
    scalars and nested sequences are refused with a :class:`TypeError`;
    non-numeric entries, infinities and (unless ``allow_nan``) NaNs with a
    :class:`ValueError` naming the position.

    >>> as_1d_float((0.5, 2), "x")
    array([0.5, 2. ])
    >>> as_1d_float("12", "x")
    Traceback (most recent call last):
    ...
    TypeError: x must be a sequence of numbers, not str
    """
    if isinstance(values, (str, bytes, dict)) or np.isscalar(values):
        raise TypeError(f"{name} must be a sequence of numbers, not {type(values).__name__}")
    if not isinstance(values, (Sequence, np.ndarray, Iterable)):
        raise TypeError(f"{name} must be a sequence of numbers, not {type(values).__name__}")
    raw = list(values.tolist() if hasattr(values, "tolist") else values)
    out = np.empty(len(raw), dtype=float)
    for i, v in enumerate(raw):
        if v is None:
            out[i] = np.nan
            continue
        if isinstance(v, (bool, np.bool_)):
            raise TypeError(f"{name} must hold numbers, but position {i} is a boolean ({v!r})")
        if not isinstance(v, (Real, np.number)):
            raise TypeError(
                f"{name} must hold numbers, but position {i} is {type(v).__name__} ({v!r})"
            )
        out[i] = float(v)
    if not allow_nan and np.isnan(out).any():
        pos = int(np.flatnonzero(np.isnan(out))[0])
        raise ValueError(f"{name} has a missing value (NaN) at position {pos}; drop or fill it first")
    if np.isinf(out).any():
        pos = int(np.flatnonzero(np.isinf(out))[0])
        raise ValueError(f"{name} has an infinite value at position {pos}")
    return out


def check_same_length(**arrays: Sized) -> None:
    """Raise :class:`ValueError` unless all named arrays have the same length.

    >>> check_same_length(x=[1, 2], y=[1, 2, 3])
    Traceback (most recent call last):
    ...
    ValueError: x and y must have the same length, got 2 and 3
    """
    lengths = {k: len(v) for k, v in arrays.items()}
    if len(set(lengths.values())) > 1:
        names = " and ".join(lengths)
        got = " and ".join(str(n) for n in lengths.values())
        raise ValueError(f"{names} must have the same length, got {got}")


def check_min_length(values: Sized, name: str, minimum: int, purpose: str) -> None:
    """Raise :class:`ValueError` if ``values`` is shorter than ``minimum``.

    >>> check_min_length([1, 2], "y", 3, "a linear trend with an error estimate")
    Traceback (most recent call last):
    ...
    ValueError: y has 2 observations; a linear trend with an error estimate needs at least 3
    """
    if len(values) < minimum:
        raise ValueError(
            f"{name} has {len(values)} observation{'s' if len(values) != 1 else ''}; "
            f"{purpose} needs at least {minimum}"
        )


def check_positive(values: np.ndarray, name: str, purpose: str) -> None:
    """Raise :class:`ValueError` if any value is zero or negative.

    >>> import numpy as np
    >>> check_positive(np.array([1.0, -2.0]), "x", "a log model")
    Traceback (most recent call last):
    ...
    ValueError: x must be strictly positive for a log model, but position 1 is -2.0
    """
    bad = np.flatnonzero(values <= 0)
    if bad.size:
        raise ValueError(
            f"{name} must be strictly positive for {purpose}, but position {int(bad[0])} is {float(values[bad[0]])!r}"
        )


def check_probability(value: Any, name: str) -> float:
    """Return ``value`` as a float in the open interval (0, 1), or raise.

    >>> check_probability(0.05, "alpha")
    0.05
    >>> check_probability(5, "alpha")
    Traceback (most recent call last):
    ...
    ValueError: alpha must lie strictly between 0 and 1, got 5
    """
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if not 0 < float(value) < 1:
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {value}")
    return float(value)


def check_choice(value: Any, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise :class:`ValueError`.

    >>> check_choice("linear", "form", ["linear", "exponential"])
    'linear'
    >>> check_choice("cubic", "form", ["linear", "exponential"])
    Traceback (most recent call last):
    ...
    ValueError: form must be one of 'linear', 'exponential'; got 'cubic'
    """
    choices = list(choices)
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def check_weights(weights: Any, name: str = "weights", *, sum_to_one: bool = True, tol: float = 1e-6) -> np.ndarray:
    """Return weights as a float array; they must be non-negative and, by default, sum to 1.

    >>> check_weights([0.4, 0.3, 0.2, 0.1])
    array([0.4, 0.3, 0.2, 0.1])
    >>> check_weights([0.5, 0.6])
    Traceback (most recent call last):
    ...
    ValueError: weights must sum to 1, but they sum to 1.1
    """
    w = as_1d_float(weights, name)
    if w.size == 0:
        raise ValueError(f"{name} must not be empty")
    if (w < 0).any():
        pos = int(np.flatnonzero(w < 0)[0])
        raise ValueError(f"{name} must be non-negative, but position {pos} is {w[pos]}")
    if sum_to_one and abs(w.sum() - 1.0) > tol:
        raise ValueError(f"{name} must sum to 1, but they sum to {round(float(w.sum()), 10)}")
    if not sum_to_one and w.sum() == 0:
        raise ValueError(f"{name} must not all be zero")
    return w
