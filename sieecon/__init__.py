"""sieecon: data, methods and a replication ledger for the innovation economics
of small enterprises in Kazakhstan.

The package behind the open textbook of the same name. Its parts:

``sieecon.data``
    the transcribed tables of the five source documents, with provenance,
    units, schemas and recorded corrections;
``sieecon.indicators``, ``sieecon.trends``, ``sieecon.regression``,
``sieecon.survey``, ``sieecon.swot``, ``sieecon.panel``, ``sieecon.cluster``,
``sieecon.simulate``
    the documents' analyses as tested functions;
``sieecon.replication``
    every published number recomputed and judged;
``sieecon.plotting``, ``sieecon.explorers``, ``sieecon.book``
    the figures, interactive explorers and glued numbers of the book.

Submodules are imported on first use, so ``import sieecon`` stays light:

>>> import sieecon as sx
>>> sx.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_SUBMODULES = (
    "book",
    "cluster",
    "data",
    "explorers",
    "indicators",
    "panel",
    "plotting",
    "regression",
    "replication",
    "simulate",
    "survey",
    "swot",
    "trends",
    "validation",
)

__all__ = ["__version__", *_SUBMODULES]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import (  # noqa: F401
        book,
        cluster,
        data,
        explorers,
        indicators,
        panel,
        plotting,
        regression,
        replication,
        simulate,
        survey,
        swot,
        trends,
        validation,
    )


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'sieecon' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULES))
