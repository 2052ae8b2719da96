"""The book's datasets: every table of the source documents, transcribed once.

Each dataset is a CSV file under ``data/<document>/`` with a resource
descriptor beside it (``<name>.yaml``): title, source document, table or
figure, line range in the seed file, units, period, region, a Table Schema and
the corrections made in transcription. ``data/datapackage.json`` gathers the
descriptors into one Frictionless Data Package.

>>> from sieecon import data
>>> "000_funding_exports" in data.list_datasets()
True
>>> df = data.load("000_funding_exports")
>>> df.attrs["source"]["locator"]
'Table 2'
>>> int(df["year"].iloc[0])
2021
>>> data.load("000_funding_export")
Traceback (most recent call last):
...
KeyError: "no dataset named '000_funding_export'; did you mean '000_funding_exports'?"
"""

from __future__ import annotations

import difflib
import functools
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "DataError",
    "data_dir",
    "list_datasets",
    "load",
    "describe",
    "corrections",
    "cite",
    "descriptor",
    "validate",
    "validate_all",
    "build_datapackage",
]

_FIELD_TYPES = {"integer", "number", "string", "boolean"}
_REQUIRED_KEYS = ("name", "title", "path", "source", "units", "schema")
_REQUIRED_SOURCE_KEYS = ("document", "file", "locator", "lines")
SEED_FILES = {
    "000": "000_9691c501753e1a41.txt",
    "001": "001_006ea2a9c4f6d01b.txt",
    "002": "002_2a69400077e67120.txt",
    "003": "003_2ac2c8aec68fbedc.txt",
    "004": "004_96e0a1db70eeef86.txt",
}
#: BibTeX keys of the five source documents (book/references.bib).
DOCUMENT_KEYS = {
    "000": "bekibayeva2025",
    "001": "dissertation001",
    "002": "mukhamedzhanova2021",
    "003": "abstract003",
    "004": "article004",
}


class DataError(ValueError):
    """A dataset file or descriptor is damaged: the message names the file, row and column."""


def data_dir() -> Path:
    """Directory holding the datasets.

    In a clone of the repository this is its ``data/`` folder; in an installed
    wheel, the copy shipped inside the package (``sieecon/_data``).
    """
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "data", here / "_data"):
        if (candidate / "datapackage.json").exists() or (candidate / "000").is_dir():
            return candidate
    raise FileNotFoundError(
        "sieecon cannot find its data folder: expected data/ beside the package "
        "or sieecon/_data inside it; reinstall the package from the repository"
    )


def _read_yaml(path: str | Path) -> Any:
    """The YAML file at ``path``, read safely with libyaml when PyYAML has it (about ten times faster).

    The data package's descriptors and the ledger's register are read with it.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 -- a safe loader (C or Python)


@functools.lru_cache(maxsize=1)
def _descriptors() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    root = data_dir()
    for path in sorted(p for doc in SEED_FILES for p in (root / doc).glob("*.yaml")):
        desc = _read_yaml(path)
        if not isinstance(desc, dict):
            raise DataError(f"{path}: a resource descriptor must be a mapping")
        for key in _REQUIRED_KEYS:
            if key not in desc:
                raise DataError(f"{path}: the descriptor has no {key!r}")
        name = desc["name"]
        if name in out:
            raise DataError(f"{path}: dataset name {name!r} is used twice")
        desc["_descriptor_path"] = str(path.relative_to(root))
        out[name] = desc
    return out


def list_datasets(document: str | None = None) -> list[str]:
    """Names of all datasets, optionally only those from one document (``"000"`` … ``"004"``).

    >>> list_datasets("000")[:2]
    ['000_damu_support', '000_eai_weighted']
    """
    names = sorted(_descriptors())
    if document is None:
        return names
    if not isinstance(document, str):
        raise TypeError(f"document must be a string such as '000', not {type(document).__name__}")
    if document not in SEED_FILES:
        raise ValueError(f"document must be one of {', '.join(SEED_FILES)}; got {document!r}")
    return [n for n in names if _descriptors()[n]["source"]["document"] == document]


def descriptor(name: str) -> dict[str, Any]:
    """The resource descriptor of a dataset (a copy), as in ``datapackage.json``."""
    if not isinstance(name, str):
        raise TypeError(f"a dataset name must be a string, not {type(name).__name__}")
    descs = _descriptors()
    if name not in descs:
        close = difflib.get_close_matches(name, list(descs), n=3, cutoff=0.8)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else (
            "; sieecon.data.list_datasets() lists them"
        )
        raise KeyError(f"no dataset named {name!r}{hint}")
    return json.loads(json.dumps({k: v for k, v in descs[name].items() if not k.startswith("_")}))


def _parse_cell(raw: str, ftype: str, *, file: str, row: int, column: str) -> Any:
    text = raw.strip()
    if text == "":
        return None
    try:
        if ftype == "integer":
            value = float(text)
            if not value.is_integer():
                raise ValueError
            return int(value)
        if ftype == "number":
            value = float(text)
            if math.isinf(value):
                raise ValueError
            return value
        if ftype == "boolean":
            if text.lower() in {"true", "1", "yes"}:
                return True
            if text.lower() in {"false", "0", "no"}:
                return False
            raise ValueError
    except ValueError:
        raise DataError(
            f"{file}, row {row}, column {column!r}: {text!r} is not a valid {ftype}"
        ) from None
    return text


def _read_rows(name: str) -> tuple[list[str], list[dict[str, Any]], dict[str, Any]]:
    import csv

    desc = _descriptors()[name]
    root = data_dir()
    path = root / desc["path"]
    rel = f"data/{desc['path']}"
    if not path.exists():
        raise DataError(f"{rel}: the file of dataset {name!r} is missing")
    fields = desc["schema"]["fields"]
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(f"{rel}: the file is empty") from None
        declared = [f["name"] for f in fields]
        missing = [c for c in declared if c not in header]
        if missing:
            raise DataError(f"{rel}: column {missing[0]!r} is missing (the schema declares {declared})")
        extra = [c for c in header if c not in declared]
        if extra:
            raise DataError(f"{rel}: column {extra[0]!r} is not in the schema")
        types = {f["name"]: f.get("type", "string") for f in fields}
        rows = []
        for lineno, cells in enumerate(reader, start=2):
            if not cells:
                continue
            if len(cells) != len(header):
                raise DataError(
                    f"{rel}, row {lineno}: expected {len(header)} cells, found {len(cells)}"
                )
            rows.append(
                {
                    col: _parse_cell(cell, types[col], file=rel, row=lineno, column=col)
                    for col, cell in zip(header, cells)
                }
            )
    return declared, rows, desc


def _check_rows(name: str, rows: list[dict[str, Any]], desc: dict[str, Any]) -> None:
    rel = f"data/{desc['path']}"
    schema = desc["schema"]
    for field in schema["fields"]:
        col = field["name"]
        cons = field.get("constraints", {})
        for i, row in enumerate(rows, start=2):
            value = row[col]
            if value is None:
                if cons.get("required"):
                    raise DataError(f"{rel}, row {i}, column {col!r}: a value is required")
                continue
            if "minimum" in cons and value < cons["minimum"]:
                raise DataError(f"{rel}, row {i}, column {col!r}: {value} is below the minimum {cons['minimum']}")
            if "maximum" in cons and value > cons["maximum"]:
                raise DataError(f"{rel}, row {i}, column {col!r}: {value} is above the maximum {cons['maximum']}")
            if "enum" in cons and value not in cons["enum"]:
                raise DataError(f"{rel}, row {i}, column {col!r}: {value!r} is not one of {cons['enum']}")
    key = schema.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else key
        seen: dict[tuple, int] = {}
        for i, row in enumerate(rows, start=2):
            k = tuple(row[c] for c in key)
            if k in seen:
                raise DataError(f"{rel}, row {i}: primary key {dict(zip(key, k))} repeats row {seen[k]}")
            seen[k] = i
    cont = schema.get("continuous")
    if cont:
        spec = cont if isinstance(cont, dict) else {"field": cont}
        group = spec.get("by", [])
        group = [group] if isinstance(group, str) else group
        buckets: dict[tuple, list[int]] = {}
        for row in rows:
            buckets.setdefault(tuple(row[g] for g in group), []).append(row[spec["field"]])
        for g, years in buckets.items():
            ys = sorted(y for y in years if y is not None)
            gaps = [b for a, b in zip(ys, ys[1:]) if b - a != 1]
            if gaps:
                where = f" for {dict(zip(group, g))}" if group else ""
                raise DataError(f"{rel}: column {spec['field']!r} has a gap or repeat before {gaps[0]}{where}")


def load(name: str) -> pd.DataFrame:
    """Load a dataset as a pandas DataFrame, with its metadata in ``df.attrs``.

    ``df.attrs`` holds the descriptor: ``title``, ``source`` (document, file,
    table or figure, line range), ``units``, ``period``, ``region``, ``notes``,
    ``synthetic`` and ``corrections``.

    >>> df = load("000_funding_exports")
    >>> list(df.columns)
    ['year', 'funding', 'exports']
    >>> df.attrs["units"]
    'bln KZT'
    """
    import pandas as pd

    if not isinstance(name, str):
        raise TypeError(f"a dataset name must be a string, not {type(name).__name__}")
    descriptor(name)  # raises KeyError with suggestions
    columns, rows, desc = _read_rows(name)
    _check_rows(name, rows, desc)
    frame = pd.DataFrame(rows, columns=columns)
    for field in desc["schema"]["fields"]:
        col = field["name"]
        ftype = field.get("type", "string")
        if ftype == "integer":
            frame[col] = frame[col].astype("Int64") if frame[col].isna().any() else frame[col].astype("int64")
        elif ftype == "number":
            frame[col] = frame[col].astype("float64")
        elif ftype == "boolean":
            frame[col] = frame[col].astype("boolean")
        else:
            frame[col] = frame[col].astype("string")
    frame.attrs = descriptor(name)
    return frame


def describe(name: str) -> str:
    """A readable description of a dataset: title, source, units and fields.

    >>> print(describe("000_funding_exports").splitlines()[0])
    000_funding_exports: Government funding and exports of small innovative enterprises, 2021–2024
    """
    d = descriptor(name)
    src = d["source"]
    lines = [f"{name}: {d['title']}"]
    if d.get("title_original"):
        lines.append(f"  original title: {d['title_original']}")
    lines.append(
        f"  source: document {src['document']} ({src['file']}), {src['locator']}, lines {src['lines'][0]}–{src['lines'][1]}"
    )
    for key in ("units", "period", "region"):
        if d.get(key):
            lines.append(f"  {key}: {d[key]}")
    if d.get("synthetic"):
        lines.append("  SYNTHETIC: simulated data, not from the documents")
    lines.append("  fields:")
    for f in d["schema"]["fields"]:
        unit = f" [{f['unit']}]" if f.get("unit") else ""
        lines.append(f"    {f['name']} ({f.get('type', 'string')}){unit}: {f.get('title', '')}")
    n = len(d.get("corrections", []))
    lines.append(f"  corrections: {n}")
    if d.get("notes"):
        lines.append(f"  notes: {d['notes']}")
    return "\n".join(lines)


def corrections(name: str | None = None) -> pd.DataFrame:
    """The corrections made in transcription: printed value, value used, reason, evidence.

    With no name, the corrections of every dataset.

    >>> corrections("000_funding_exports").empty
    True
    """
    import pandas as pd

    names = [name] if name is not None else list_datasets()
    records = []
    for n in names:
        for c in descriptor(n).get("corrections", []) or []:
            records.append(
                {
                    "dataset": n,
                    "row": json.dumps(c.get("row", {}), ensure_ascii=False),
                    "field": c.get("field"),
                    "printed": str(c.get("printed")),
                    "corrected": str(c.get("corrected")),
                    "reason": c.get("reason"),
                    "evidence": c.get("evidence"),
                }
            )
    cols = ["dataset", "row", "field", "printed", "corrected", "reason", "evidence"]
    return pd.DataFrame.from_records(records, columns=cols)


def cite(name: str) -> str:
    """A citation line for a dataset: the document, the table and the lines it comes from.

    >>> print(cite("000_funding_exports"))
    Bekibayeva, Aitymbetova and Ivashchenko (2025), Table 2 (seed 000, lines 241–248); transcribed in sieecon, dataset '000_funding_exports'
    """
    d = descriptor(name)
    src = d["source"]
    who = src.get("citation") or f"Document {src['document']}"
    return (
        f"{who}, {src['locator']} (seed {src['document']}, lines {src['lines'][0]}–{src['lines'][1]}); "
        f"transcribed in sieecon, dataset '{name}'"
    )


def _check_descriptor(name: str, desc: dict[str, Any]) -> None:
    where = f"data/{desc.get('_descriptor_path', name)}"
    src = desc["source"]
    for key in _REQUIRED_SOURCE_KEYS:
        if key not in src:
            raise DataError(f"{where}: source has no {key!r}")
    if src["document"] not in SEED_FILES:
        raise DataError(f"{where}: source.document {src['document']!r} is not one of {list(SEED_FILES)}")
    if src["file"] != SEED_FILES[src["document"]]:
        raise DataError(f"{where}: source.file should be {SEED_FILES[src['document']]!r}")
    lines = src["lines"]
    if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(x, int) for x in lines) and 0 < lines[0] <= lines[1]):
        raise DataError(f"{where}: source.lines must be [first, last] line numbers, got {lines!r}")
    if not name.startswith(src["document"] + "_"):
        raise DataError(f"{where}: the name {name!r} must start with the document number {src['document']}_")
    fields = desc["schema"].get("fields")
    if not fields:
        raise DataError(f"{where}: the schema has no fields")
    for f in fields:
        if f.get("type", "string") not in _FIELD_TYPES:
            raise DataError(f"{where}: field {f.get('name')!r} has unknown type {f.get('type')!r}")
    for i, c in enumerate(desc.get("corrections", []) or []):
        for key in ("field", "printed", "corrected", "reason"):
            if key not in c:
                raise DataError(f"{where}: correction {i + 1} has no {key!r}")


def validate(name: str) -> int:
    """Check a dataset against its descriptor and schema; return its number of rows.

    Raises :class:`DataError` naming the file, row and column of the first problem.
    """
    desc = _descriptors()[descriptor(name)["name"]]
    _check_descriptor(name, desc)
    _, rows, _ = _read_rows(name)
    _check_rows(name, rows, desc)
    fields = {f["name"] for f in desc["schema"]["fields"]}
    rel = f"data/{desc['path']}"
    for c in desc.get("corrections", []) or []:
        if c["field"] not in fields:
            raise DataError(f"{rel}: a correction names field {c['field']!r}, which the schema lacks")
        key = c.get("row") or {}
        match = [r for r in rows if all(r.get(k) == v for k, v in key.items())]
        if len(match) != 1:
            raise DataError(f"{rel}: the correction of {c['field']!r} at {key} matches {len(match)} rows, not 1")
        used = match[0][c["field"]]
        corrected = c["corrected"]
        same = used == corrected or (
            isinstance(used, (int, float)) and isinstance(corrected, (int, float)) and math.isclose(used, corrected)
        )
        if not same:
            raise DataError(
                f"{rel}: the correction of {c['field']!r} at {key} says {corrected!r}, but the file holds {used!r}"
            )
    return len(rows)


def validate_all() -> dict[str, int]:
    """Validate every dataset; return rows per dataset. Also checks datapackage.json is current."""
    counts = {name: validate(name) for name in list_datasets()}
    current = build_datapackage()
    path = data_dir() / "datapackage.json"
    if not path.exists() or json.loads(path.read_text(encoding="utf-8")) != current:
        raise DataError(
            "data/datapackage.json is out of date with the descriptors; run `python -m sieecon data package`"
        )
    return counts


def build_datapackage() -> dict[str, Any]:
    """The Frictionless Data Package built from all descriptors (what ``datapackage.json`` holds)."""
    resources = []
    for name in list_datasets():
        d = descriptor(name)
        res = {"name": name, "path": d["path"], "profile": "tabular-data-resource", "format": "csv",
               "encoding": "utf-8", "mediatype": "text/csv"}
        res.update({k: v for k, v in d.items() if k not in {"name", "path"}})
        resources.append(res)
    return {
        "name": "sieecon",
        "title": "Innovation economics of small enterprises in Kazakhstan: the transcribed tables",
        "description": (
            "Every numeric and text table of the five source documents of the sieecon textbook, "
            "transcribed once, with provenance, units, schema and the corrections made in transcription."
        ),
        "profile": "tabular-data-package",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


def write_datapackage() -> Path:
    """Write ``data/datapackage.json`` from the descriptors and return its path."""
    path = data_dir() / "datapackage.json"
    path.write_text(json.dumps(build_datapackage(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path

