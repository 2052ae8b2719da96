"""What the book's pages call to show numbers, tables, figures and verdicts.

One formatter (:func:`fmt`) gives every number in the prose its form; :func:`glue`
formats a value and hands it to myst-nb, so the prose cites ``{glue}`name``` and
never types a number. :func:`show_figure` displays a :class:`sieecon.plotting.Figure`
with its alt text and source; :func:`show_table` a DataFrame with its units and source.

>>> fmt(0.97147, digits=3)
'0.971'
>>> fmt(124.4, unit="bln KZT")
'124.4 bln KZT'
>>> fmt(0.4072, kind="percent")
'40.7%'
>>> fmt(0.0285, kind="pvalue")
'0.029'
>>> fmt(1234567, kind="int")
'1,234,567'
"""

from __future__ import annotations

import math
import os
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .plotting import Figure

__all__ = [
    "fmt",
    "Text",
    "glue",
    "show_figure",
    "show_table",
    "Table",
    "verdict_text",
    "in_book_build",
    "repository_url",
    "install_cell",
    "glossary",
    "GLOSSARY_LANGUAGES",
    "warnings_as_notes",
    "fingerprint",
]

_KINDS = ("number", "percent", "pvalue", "int", "signed")


def fmt(
    value: Any,
    *,
    digits: int | None = None,
    kind: str = "number",
    unit: str | None = None,
) -> str:
    """Format a number for the prose, the one way the whole book does it.

    Parameters
    ----------
    value
        A real number (int, float, numpy scalar).
    digits
        Decimal places. Default: 1 for ``percent``, 3 for ``pvalue``, 0 for ``int``; for ``number``,
        3 significant figures below 1 and 1 decimal place otherwise.
    kind
        ``"number"``, ``"percent"`` (a fraction shown as %), ``"pvalue"`` (``< 0.001`` below that),
        ``"int"`` (thousands separators) or ``"signed"`` (always with + or −).
    unit
        Appended after a space (not for percent).

    >>> fmt(-0.5, kind="signed", digits=1)
    '−0.5'
    >>> fmt("1")
    Traceback (most recent call last):
    ...
    TypeError: fmt needs a real number, not str
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        try:
            import numpy as np

            if isinstance(value, np.generic) and np.issubdtype(type(value), np.number):
                value = value.item()
            else:
                raise TypeError
        except TypeError:
            raise TypeError(f"fmt needs a real number, not {type(value).__name__}") from None
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(repr(k) for k in _KINDS)}; got {kind!r}")
    if digits is not None and (not isinstance(digits, int) or digits < 0):
        raise ValueError(f"digits must be a non-negative integer, got {digits!r}")
    v = float(value)
    if math.isnan(v):
        return "n/a"
    if kind == "percent":
        text = f"{v * 100:.{1 if digits is None else digits}f}%"
    elif kind == "pvalue":
        d = 3 if digits is None else digits
        text = f"< {10 ** -d:.{d}f}" if v < 10 ** -d else f"{v:.{d}f}"
    elif kind == "int":
        text = f"{round(v):,}"
    else:
        if digits is None:
            digits = 3 if 0 < abs(v) < 1 else 1
        text = f"{v:,.{digits}f}" if abs(v) >= 10000 else f"{v:.{digits}f}"
        if kind == "signed" and v > 0:
            text = "+" + text
    text = text.replace("-", "−")
    if unit and kind != "percent":
        text = f"{text} {unit}"
    return text


class Text(str):
    """A string that displays without quotes, so that ``{glue}`` puts it in the prose as it is.

    It has only a plain-text form: a glued number needs no Markdown, and myst-nb builds a new Markdown
    parser for every Markdown value it pastes (about 8 ms each, for each of a chapter's glued numbers).
    """

    def __repr__(self) -> str:
        return str(self)


def glue(name: str, value: Any, *, display: bool = False, **format_options: Any) -> None:
    """Format ``value`` with :func:`fmt` (or take a string as it is) and glue it under ``name``.

    The page then cites it with ``{glue}`name```. It returns nothing, so that a cell ending with a glue
    shows no stray output; :func:`fmt` gives the same text when you want to see it.

    >>> glue("r", 0.97147, digits=3)
    >>> fmt(0.97147, digits=3)
    '0.971'
    """
    if not isinstance(name, str) or not name:
        raise ValueError("glue needs a non-empty name")
    text = Text(value if isinstance(value, str) else fmt(value, **format_options))
    try:
        from myst_nb import glue as _glue
    except ImportError:  # pragma: no cover - myst-nb is in the book extra
        return None
    if _in_kernel():
        _glue(name, text, display=display)
    return None


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


class warnings_as_notes:  # noqa: N801 - used as a context manager, reads as a phrase
    """Show the warnings raised inside a block as notes on the page instead of raw stderr.

    The package warns when a method is stretched (a trend on four points, a test without power); in the
    book those warnings are part of the lesson, so they are displayed as a visible note.

    >>> import warnings
    >>> with warnings_as_notes() as notes:
    ...     warnings.warn("only four observations")
    Note: only four observations
    >>> notes.messages
    ['only four observations']
    """

    def __enter__(self) -> warnings_as_notes:
        import warnings

        self._ctx = warnings.catch_warnings(record=True)
        self._caught = self._ctx.__enter__()
        warnings.simplefilter("always")
        self.messages: list[str] = []
        return self

    def __exit__(self, *exc: Any) -> None:
        import html

        self._ctx.__exit__(*exc)
        self.messages = list(dict.fromkeys(str(w.message) for w in self._caught))
        for msg in self.messages:
            if _in_kernel():
                from IPython.display import display

                display({"text/html": f'<div class="admonition note sieecon-warning"><p class="admonition-title">'
                                      f"Note from sieecon</p><p>{html.escape(msg)}</p></div>",
                         "text/plain": f"Note: {msg}"}, raw=True)
            else:
                print(f"Note: {msg}")


def in_book_build() -> bool:
    """True while the book's build executes the notebook (``SIEECON_BOOK_BUILD=1``)."""
    return os.environ.get("SIEECON_BOOK_BUILD") == "1"


def show_figure(figure: Figure, name: str | None = None) -> Any:
    """Display a book figure with its alt text (and glue it under ``name`` for a ``{glue:figure}``).

    In the HTML the image carries the alt text; the caption comes from the page.
    """
    from IPython.display import HTML, Image, display

    from .plotting import close

    png = figure._repr_png_()
    close(figure)
    if name:
        from myst_nb import glue as _glue

        _glue(name, Image(png), display=False)
    if in_book_build():
        import base64
        import html

        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        tag = (
            f'<img class="sieecon-figure" src="data:image/png;base64,{base64.b64encode(png).decode()}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async" '
            f'alt="{html.escape(figure.alt)}" title="{html.escape(figure.title)}">'
        )
        bundle = {"text/html": tag, "image/png": png}
        display(bundle, raw=True)
        return None
    return display(Image(png))


class Table:
    """A table of the book: a DataFrame with its caption, source and units, for the page and the PDF.

    Displays as an HTML table with the caption above and the source line below it, and as a LaTeX table
    in the PDF edition. Numbers are formatted once, here, with the book's minus sign.
    """

    def __init__(self, frame: pd.DataFrame, *, caption: str, source: str, units: str | None = None,
                 digits: int | dict[str, int] = 3, index: bool = False) -> None:
        import pandas as pd

        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"show_table needs a pandas DataFrame, not {type(frame).__name__}")
        for value, label in ((caption, "caption"), (source, "source")):
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"show_table needs a {label}")
        if isinstance(digits, bool) or not isinstance(digits, (int, dict)):
            raise TypeError("digits must be an integer or a dict of column -> integer")
        self.frame = frame
        self.caption = caption
        self.source = source
        self.units = units
        self.digits = digits
        self.index = index

    def _digits(self, column: Any) -> int:
        return self.digits.get(column, 3) if isinstance(self.digits, dict) else self.digits

    def formatted(self) -> pd.DataFrame:
        """The table as strings, as it is shown."""
        import pandas as pd

        out = self.frame.copy()
        if self.index:
            out = out.reset_index()
        for col in out.columns:
            series = out[col]
            if pd.api.types.is_float_dtype(series):
                d = self._digits(col)
                out[col] = ["" if pd.isna(v) else f"{v:.{d}f}".replace("-", "−") for v in series]
            else:
                out[col] = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in series]
        return out

    @property
    def note(self) -> str:
        return f"Source: {self.source}" + (f" Units: {self.units}." if self.units else "")

    def _repr_html_(self) -> str:
        import html

        body = self.formatted().to_html(index=False, escape=True, border=0,
                                        classes=["sieecon-table"])
        body = body.replace("<thead>", f"<caption>{html.escape(self.caption)}</caption><thead>", 1)
        return (f'<div class="sieecon-table-wrap">{body}'
                f'<p class="sieecon-table-source">{html.escape(self.note)}</p></div>')

    def _repr_markdown_(self) -> str:
        """A Markdown table with its caption and source: what the PDF edition renders."""
        table = self.formatted()

        def esc(text: Any) -> str:
            out = str(text)
            for ch in ("\\", "|", "*", "_", "$", "`", "<", "["):
                out = out.replace(ch, "\\" + ch)
            return out.replace("\n", " ")

        lines = [f"**{esc(self.caption)}**", "",
                 "| " + " | ".join(esc(c) for c in table.columns) + " |",
                 "|" + "|".join("---" for _ in table.columns) + "|"]
        for row in table.itertuples(index=False):
            lines.append("| " + " | ".join(esc(v) for v in row) + " |")
        lines += ["", f"*{esc(self.note)}*"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.formatted().to_string(index=False)}\n{self.note}"


def show_table(frame: pd.DataFrame, *, caption: str, source: str, units: str | None = None,
               digits: int | dict[str, int] = 3, index: bool = False) -> Table:
    """A DataFrame as a captioned table with its source (and units) under it; see :class:`Table`.

    >>> import pandas as pd
    >>> t = show_table(pd.DataFrame({"year": [2021], "exports": [-61.25]}), caption="Exports",
    ...                source="Document 000, Table 2.", units="bln KZT", digits=1)
    >>> print(t)
    Exports
     year exports
     2021   −61.2
    Source: Document 000, Table 2. Units: bln KZT.
    """
    return Table(frame, caption=caption, source=source, units=units, digits=digits, index=index)


def verdict_text(claim_id: str) -> str:
    """A one-line verdict of the replication ledger for a claim, for notebooks and plain text.

    >>> verdict_text("000-eq6-eai")
    'printed 0.325, recomputed 0.325: reproduced'
    """
    from .replication import claim, verdict

    row = verdict(claim_id)
    c = claim(claim_id)
    if row["status"] == "not checkable":
        return f"printed {row['printed']}: not checkable ({row['reading']})"
    text = f"printed {row['printed']}, recomputed {_like(row['recomputed'], c.printed_text)}: {row['status']}"
    if row["status"] == "reproduced with a stated reading":
        text += f" ({row['reading']})"
    return text


def _like(value: float, printed: str) -> str:
    """Format ``value`` with the decimals of ``printed`` (at least three significant figures)."""
    text = printed.split("–")[0].replace(",", ".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    if value != 0 and abs(value) < 10 ** (-decimals + 2):
        decimals = max(decimals, 3 - int(math.floor(math.log10(abs(value)))) - 1)
    return fmt(value, digits=min(decimals, 6))


def fingerprint(*paths: str | Path) -> str:
    """A SHA-256 of the files under ``paths`` (names and contents); default: the data and the package.

    What a chapter's output depends on besides its code cells. The build uses it to know when the
    execution cache and the cached ledger are stale, and when nothing at all has changed. Build outputs,
    caches and vendored copies (``_build``, ``_vendor``, ``__pycache__``) are left out.

    >>> len(fingerprint())
    64
    """
    import hashlib

    root = Path(__file__).resolve().parent.parent
    bases = [Path(p) for p in paths] or [root / "data", root / "sieecon"]
    skip = {"__pycache__", "_build", "_vendor", ".ipynb_checkpoints"}
    h = hashlib.sha256()
    for base in bases:
        if not base.exists():
            raise FileNotFoundError(f"fingerprint: {base} does not exist")
        if base.is_file():
            files = [base]
        else:
            files = []
            # Prune the skipped folders instead of walking into them: book/_build holds thousands of files.
            for folder, dirs, names in os.walk(base):
                dirs[:] = [d for d in dirs if d not in skip]
                files.extend(Path(folder) / n for n in names)
            files.sort()
        for f in files:
            h.update(f.name.encode() if f == base else str(f.relative_to(base)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def repository_url() -> str:
    """The repository address, read from the book's configuration (``book/_config.yml``)."""
    import yaml

    cfg = Path(__file__).resolve().parent.parent / "book" / "_config.yml"
    if not cfg.exists():
        return "https://github.com/sieecon/sieecon"
    return yaml.safe_load(cfg.read_text(encoding="utf-8"))["repository"]["url"]


def install_cell(url: str | None = None) -> str:
    """The first code cell of every chapter: installs sieecon with its data when it is missing.

    In the repository (or any environment that has sieecon) it does nothing; on Colab or in a downloaded
    notebook it installs the package from the repository address of ``book/_config.yml``.
    """
    url = url or repository_url()
    return (
        "# Outside the book's repository (Colab, a downloaded notebook) this installs sieecon and its data.\n"
        "import importlib.util, subprocess, sys\n"
        "if importlib.util.find_spec(\"sieecon\") is None:\n"
        f"    subprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"-q\", \"sieecon[book] @ git+{url}\"], check=True)"
    )


GLOSSARY_LANGUAGES = ("en", "kk", "ru")


def glossary() -> pd.DataFrame:
    """The glossary (``data/glossary.csv``): each term in English, Kazakh and Russian, with a definition.

    >>> g = glossary()
    >>> {"term", "en", "kk", "ru", "definition"} <= set(g.columns)
    True
    """
    import pandas as pd

    from .data import data_dir

    path = data_dir() / "glossary.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    required = ["term", "en", "kk", "ru", "definition", "source"]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(f"data/glossary.csv: column {missing[0]!r} is missing")
    for i, row in frame.iterrows():
        for col in ("term", "en", "definition"):
            if not row[col].strip():
                raise ValueError(f"data/glossary.csv, row {i + 2}, column {col!r}: a value is required")
    dup = frame["term"][frame["term"].duplicated()]
    if not dup.empty:
        raise ValueError(f"data/glossary.csv: term {dup.iloc[0]!r} appears twice")
    return frame
