"""environment.yml (Binder) pins the same versions as pyproject.toml's `book` extra."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pins(specs):
    out = {}
    for s in specs:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)", s.strip())
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    book = _pins(project["optional-dependencies"]["book"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    conda_pins = _pins(pip)
    assert conda_pins == book
    assert "-e ." in pip, "Binder must install the package itself"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert python == "python=3.11"


def test_every_core_dependency_is_pinned_in_book_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    book = _pins(project["optional-dependencies"]["book"])
    for dep in project["dependencies"]:
        name = re.split(r"[<>=!~ ]", dep)[0].lower()
        assert name in book, f"{name} is a dependency but has no exact pin in the book extra"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme
    assert ci.strip().splitlines()[-1] == "make test"
