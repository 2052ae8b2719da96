"""The replication ledger: every number the documents publish, recomputed and judged.

The claims register (``data/claims/<document>.yaml``) lists each numeric claim
with its document, line, quoted words, printed value, units and the name of the
computation here that recomputes it. :func:`ledger` runs them all and judges each:

``reproduced``
    the recomputed value equals the printed one within the rounding the print implies;
``reproduced with a stated reading``
    not by the method as described, but by a reading that the register names and
    justifies (logs, a different time index, a corrected typo, the printed equation);
``differs``
    neither the method nor any stated reading gives the printed value;
``not checkable``
    the documents do not publish the data (the reason is recorded).

>>> from sieecon import replication
>>> row = replication.verdict("000-eq5-eai")
>>> row["status"]
'reproduced'
>>> row["printed"], round(row["recomputed"], 4)
('2.53', 2.5286)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "STATUSES",
    "Claim",
    "computation",
    "computations",
    "claims",
    "claim",
    "recompute",
    "judge",
    "verdict",
    "ledger",
    "status_counts",
    "tolerance",
]

STATUSES = ("reproduced", "reproduced with a stated reading", "differs", "not checkable")
_REGISTRY: dict[str, Callable[[], float]] = {}
_DOCUMENT_MODULES = ("doc000", "doc001", "doc002", "doc004")


def computation(name: str) -> Callable[[Callable[[], float]], Callable[[], float]]:
    """Register a function of no arguments that recomputes a claim; used as a decorator."""

    def register(func: Callable[[], float]) -> Callable[[], float]:
        if name in _REGISTRY and _REGISTRY[name] is not func:
            raise ValueError(f"computation {name!r} is registered twice")
        _REGISTRY[name] = func
        return func

    return register


@functools.lru_cache(maxsize=1)
def _load_modules() -> None:
    import importlib

    for mod in _DOCUMENT_MODULES:
        try:
            importlib.import_module(f"{__name__}.{mod}")
        except ModuleNotFoundError as exc:  # a document without computations yet
            if exc.name != f"{__name__}.{mod}":
                raise


def __getattr__(name: str) -> Any:
    """Give access to the per-document computation modules (``replication.doc000`` …) on first use."""
    if name in _DOCUMENT_MODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def computations() -> dict[str, Callable[[], float]]:
    """All registered computations, by name."""
    _load_modules()
    return dict(_REGISTRY)


@dataclass(frozen=True)
class Claim:
    """One numeric claim of a document, as the register records it."""

    id: str
    document: str
    line: int
    quote: str
    quantity: str
    printed: str | list[str]
    units: str
    computation: str | None
    relation: str = "="
    readings: tuple[dict[str, str], ...] = ()
    reason: str | None = None
    expected: str = "reproduced"
    note: str | None = None
    decimals: int | None = None

    @property
    def printed_value(self) -> float | tuple[float, float]:
        if isinstance(self.printed, list):
            lo, hi = (float(str(v).replace(",", ".")) for v in self.printed)
            return (lo, hi)
        return float(str(self.printed).replace(",", "."))

    @property
    def printed_text(self) -> str:
        if isinstance(self.printed, list):
            return f"{self.printed[0]}–{self.printed[1]}"
        return str(self.printed)


def tolerance(printed: str, decimals: int | None = None) -> float:
    """Half a unit of the last printed digit: the rounding a printed number implies.

    >>> tolerance("0.994")
    0.0005
    >>> tolerance("124.4")
    0.05
    >>> tolerance("53")
    0.5
    """
    text = str(printed).replace(",", ".")
    if decimals is None:
        decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals)


@functools.lru_cache(maxsize=1)
def _claims() -> tuple[Claim, ...]:
    from ..data import _read_yaml, data_dir

    out: list[Claim] = []
    seen: set[str] = set()
    for path in sorted((data_dir() / "claims").glob("*.yaml")):
        items = _read_yaml(path) or []
        for raw in items:
            where = f"data/claims/{path.name}, claim {raw.get('id', '?')!r}"
            for key in ("id", "document", "line", "quote", "quantity", "printed", "units"):
                if key not in raw:
                    raise ValueError(f"{where}: missing {key!r}")
            if raw["id"] in seen:
                raise ValueError(f"{where}: the id is used twice")
            seen.add(raw["id"])
            comp = raw.get("computation")
            if comp is None and not raw.get("reason"):
                raise ValueError(f"{where}: a claim without a computation needs a 'reason'")
            expected = raw.get("expected", "not checkable" if comp is None else "reproduced")
            if expected not in STATUSES:
                raise ValueError(f"{where}: expected status {expected!r} is not one of {STATUSES}")
            relation = raw.get("relation", "=")
            if relation not in {"=", "<", ">", "between"}:
                raise ValueError(f"{where}: relation must be =, <, > or between")
            out.append(
                Claim(
                    id=raw["id"],
                    document=str(raw["document"]),
                    line=int(raw["line"]),
                    quote=raw["quote"],
                    quantity=raw["quantity"],
                    printed=raw["printed"] if isinstance(raw["printed"], list) else str(raw["printed"]),
                    units=raw["units"],
                    computation=comp,
                    relation=relation,
                    readings=tuple(raw.get("readings", []) or []),
                    reason=raw.get("reason"),
                    expected=expected,
                    note=raw.get("note"),
                    decimals=raw.get("decimals"),
                )
            )
    return tuple(out)


def claims(document: str | None = None) -> list[Claim]:
    """The claims of the register, optionally of one document."""
    items = list(_claims())
    if document is not None:
        if not isinstance(document, str):
            raise TypeError(f"document must be a string such as '000', not {type(document).__name__}")
        items = [c for c in items if c.document == document]
    return items


def claim(claim_id: str) -> Claim:
    """One claim by its id; an unknown id raises a :class:`KeyError` suggesting close ids."""
    import difflib

    if not isinstance(claim_id, str):
        raise TypeError(f"a claim id must be a string, not {type(claim_id).__name__}")
    for c in _claims():
        if c.id == claim_id:
            return c
    close = difflib.get_close_matches(claim_id, [c.id for c in _claims()], n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(x) for x in close)}?" if close else ""
    raise KeyError(f"no claim {claim_id!r} in data/claims{hint}")


def recompute(name: str) -> float:
    """Run one registered computation by name."""
    comps = computations()
    if name not in comps:
        raise KeyError(f"no computation named {name!r} in sieecon.replication")
    return float(comps[name]())


def _holds(value: float, c: Claim) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    p = c.printed_value
    if c.relation == "between":
        lo, hi = p  # type: ignore[misc]
        return lo <= value <= hi
    tol = tolerance(c.printed_text, c.decimals) + 1e-9
    if c.relation == "<":
        return value < p + tol  # type: ignore[operator]
    if c.relation == ">":
        return value > p - tol  # type: ignore[operator]
    return abs(value - p) <= tol  # type: ignore[operator]


def judge(c: Claim) -> dict[str, Any]:
    """Recompute a claim and return its ledger row (a dict)."""
    row: dict[str, Any] = {
        "claim": c.id,
        "document": c.document,
        "line": c.line,
        "quantity": c.quantity,
        "quote": c.quote,
        "printed": c.printed_text,
        "relation": c.relation,
        "units": c.units,
        "recomputed": math.nan,
        "difference": math.nan,
        "status": "not checkable",
        "reading": c.reason if c.computation is None else None,
        "readings_tried": "",
        "expected": c.expected,
        "computation": c.computation,
        "note": c.note,
    }
    if c.computation is None:
        return row
    value = recompute(c.computation)
    row["recomputed"] = value
    if c.relation != "between":
        row["difference"] = value - c.printed_value  # type: ignore[operator]
    tried = []
    if _holds(value, c):
        row["status"] = "reproduced"
    else:
        row["status"] = "differs"
        for r in c.readings:
            rv = recompute(r["computation"])
            tried.append(f"{r['reading']}: {rv:.6g}")
            if row["status"] == "differs" and _holds(rv, c):
                row["status"] = "reproduced with a stated reading"
                row["reading"] = r["reading"]
                row["recomputed"] = rv
                if c.relation != "between":
                    row["difference"] = rv - c.printed_value  # type: ignore[operator]
    row["readings_tried"] = "; ".join(tried)
    return row


@functools.lru_cache(maxsize=None)
def _verdict_cached(claim_id: str) -> tuple[tuple[str, Any], ...]:
    return tuple(judge(claim(claim_id)).items())


def verdict(claim_id: str) -> dict[str, Any]:
    """The ledger row of one claim (cached for the session)."""
    return dict(_verdict_cached(claim_id))


def ledger(document: str | None = None) -> pd.DataFrame:
    """The whole ledger (or one document's) as a DataFrame, one row per claim."""
    import pandas as pd

    rows = [verdict(c.id) for c in claims(document)]
    cols = [
        "claim", "document", "line", "quantity", "quote", "printed", "relation", "units", "recomputed",
        "difference", "status", "reading", "readings_tried", "expected", "computation", "note",
    ]
    return pd.DataFrame.from_records(rows, columns=cols)


def status_counts(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims per document and status."""
    import pandas as pd

    frame = ledger() if frame is None else frame
    table = pd.crosstab(frame["document"], frame["status"])
    return table.reindex(columns=[s for s in STATUSES if s in table.columns])
