"""Shared fixtures. Site and PDF tests need the built book (`make book`); they skip with a clear reason
when it is missing, unless SIEECON_REQUIRE_BUILD=1 (set by `make test`), in which case they fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "book" / "_build" / "html"
LECTURER_SITE = ROOT / "book" / "_build" / "lecturer" / "_build" / "html"


def need(path: Path, what: str) -> Path:
    if not path.exists():
        msg = f"{what} is missing ({path}); run `make book` first"
        if os.environ.get("SIEECON_REQUIRE_BUILD") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def site() -> Path:
    return need(SITE / "index.html", "the built site").parent


@pytest.fixture(scope="session")
def lecturer_site() -> Path:
    return need(LECTURER_SITE / "index.html", "the lecturers' build (make lecturer)").parent
