"""The book's own Sphinx extension: the mechanisms every chapter reuses.

Roles and directives
--------------------
``{verdict}`claim-id```
    The replication ledger's verdict for a published number, in place: printed value, recomputed value and
    status, linked to the claim's row in the ledger appendix.
``{ledger}`` (directive)
    A table of claims: ``:document: 000`` for a whole document, or ``:claims:`` a list of ids (a chapter's
    short ledger). With ``:anchors:`` it defines the link targets of ``{verdict}`` (the appendix does).
``{sieecon-glossary}`` (directive)
    The glossary from ``data/glossary.csv`` (English, Kazakh, Russian); terms are linked with ``{term}``.
``{data-catalogue}`` (directive)
    Every dataset of the data package with its description, units, provenance and a link to its CSV.

Build behaviour
---------------
- Scripts are served by the site: Vega and the explorers' script are added only to pages that hold an
  explorer; duplicate script entries (sphinx-thebe under Sphinx 7.4) are dropped.
- ``SIEECON_HIDE_SOLUTIONS=1`` builds the book without solutions (the lecturers' copy).
- ``SIEECON_EXECUTION_CACHE=PATH`` executes into (and reads from) that jupyter-cache instead of the build
  folder's own: the lecturers' copy shares the site's, since hiding solutions changes no output.
- The data files are copied into the site (``data/``) so the catalogue's download links work offline.
- Notebooks run ahead of reading, in parallel with the rest of the build (``sieecon_ahead``).
- pybtex's plugin look-ups scan the installed packages once per build, not once per look-up.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STATUS_CLASS = {
    "reproduced": "reproduced",
    "reproduced with a stated reading": "reading",
    "differs": "differs",
    "not checkable": "unchecked",
}
STATUS_SYMBOL = {"reproduced": "✓", "reproduced with a stated reading": "≈", "differs": "✗", "not checkable": "?"}


def claim_label(claim_id: str) -> str:
    return f"claim-{claim_id}".lower()


class _Verdicts:
    """The ledger's rows for the build, kept on disk between builds.

    Computing the whole ledger takes a second or two (hundreds of fits); a rebuild after an edit of prose
    should not pay it again. The cache is keyed by a hash of ``data/`` and ``sieecon/``, so any change to
    the data or the package recomputes everything.
    """

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] | None = None
        self.path: Path | None = None

    def load(self, app: Sphinx) -> dict[str, dict[str, Any]]:
        import json

        if self.rows is not None:
            return self.rows
        self.path = Path(app.doctreedir).parent / ".sieecon-verdicts.json"
        from sieecon.book import fingerprint

        key = fingerprint()
        if self.path.exists():
            cached = json.loads(self.path.read_text(encoding="utf-8"))
            if cached.get("fingerprint") == key:
                self.rows = cached["rows"]
                return self.rows
        from sieecon.book import verdict_text
        from sieecon.replication import claims, verdict

        rows = {}
        for c in claims():
            row = {k: (None if isinstance(v, float) and v != v else v) for k, v in verdict(c.id).items()}
            row["text"] = verdict_text(c.id)
            row["reason"] = c.reason
            rows[c.id] = row
        self.rows = rows
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"fingerprint": key, "rows": rows}, ensure_ascii=False), encoding="utf-8")
        return rows

    def get(self, app: Sphinx, claim_id: str) -> dict[str, Any]:
        import difflib

        rows = self.load(app)
        if claim_id not in rows:
            close = difflib.get_close_matches(claim_id, list(rows), n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(x) for x in close)}?" if close else ""
            raise KeyError(f"no claim {claim_id!r} in data/claims{hint}")
        return rows[claim_id]


VERDICTS = _Verdicts()


def _note_claims(env: Any) -> None:
    for path in sorted((ROOT / "data" / "claims").glob("*.yaml")):
        env.note_dependency(str(path))


class VerdictRole(SphinxRole):
    """``{verdict}`000-eq3-pearson-r```: the verdict of one claim, linked to the ledger."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        claim_id = self.text.strip()
        _note_claims(self.env)
        try:
            row = VERDICTS.get(self.env.app, claim_id)
        except KeyError as exc:
            msg = self.inliner.reporter.error(str(exc.args[0]), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        status = row["status"]
        text = f"{STATUS_SYMBOL[status]} {row['text']}"
        ref = addnodes.pending_xref(
            "", refdomain="std", reftype="ref", reftarget=claim_label(claim_id), refexplicit=True, refwarn=True
        )
        ref += nodes.inline(text, text)
        wrapper = nodes.inline(classes=["sieecon-verdict", f"verdict-{STATUS_CLASS[status]}"])
        wrapper["ids"] = []
        wrapper += ref
        return [wrapper], []


def _cell(text: Any) -> nodes.entry:
    entry = nodes.entry()
    entry += nodes.paragraph(text="" if text is None else str(text))
    return entry


class LedgerDirective(SphinxDirective):
    """A table of ledger rows, for one document or a list of claims."""

    has_content = False
    option_spec = {
        "document": directives.unchanged,
        "claims": directives.unchanged,
        "anchors": directives.flag,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        _note_claims(self.env)
        if "claims" in self.options:
            ids = [c.strip() for c in self.options["claims"].replace("\n", ",").split(",") if c.strip()]
            try:
                rows = [VERDICTS.get(self.env.app, i) for i in ids]
            except KeyError as exc:
                return [self.state.document.reporter.error(str(exc.args[0]), line=self.lineno)]
        else:
            document = self.options.get("document")
            rows = [r for r in VERDICTS.load(self.env.app).values() if document in (None, r["document"])]
        anchors = "anchors" in self.options
        headers = ["Claim", "Line", "Quantity", "Printed", "Recomputed", "Status"]
        widths = [14, 5, 30, 9, 11, 31]
        table = nodes.table(classes=["sieecon-ledger"])
        if self.options.get("caption"):
            table += nodes.title(text=self.options["caption"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for w in widths:
            group += nodes.colspec(colwidth=w)
        thead = nodes.thead()
        group += thead
        hrow = nodes.row()
        for h in headers:
            hrow += _cell(h)
        thead += hrow
        tbody = nodes.tbody()
        group += tbody
        for r in rows:
            row = nodes.row(classes=[f"verdict-{STATUS_CLASS[r['status']]}"])
            row["classes"].append(f"doc-{r['document']}")
            first = _cell(r["claim"])
            if anchors:
                node_id = claim_label(r["claim"])
                first["ids"].append(node_id)
                std = self.env.get_domain("std")
                std.note_hyperlink_target(node_id, self.env.docname, node_id, f"Claim {r['claim']}")
            row += first
            row += _cell(r["line"])
            row += _cell(r["quantity"])
            rel = {"<": "< ", ">": "> ", "between": ""}.get(r["relation"], "")
            row += _cell(rel + str(r["printed"]))
            text = r["text"]
            recomputed = text.split("recomputed ")[1].split(":")[0] if "recomputed " in text else "—"
            row += _cell(recomputed)
            status = r["status"]
            detail = f"{STATUS_SYMBOL[status]} {status}"
            if status == "reproduced with a stated reading":
                detail += f": {r['reading']}"
            elif status == "not checkable":
                detail += f": {r['reason']}"
            elif status == "differs" and r.get("readings_tried"):
                detail += f" (readings tried: {r['readings_tried']})"
            row += _cell(detail)
            tbody += row
        container = nodes.container(classes=["sieecon-ledger-wrap"])
        container += table
        return [container]


class GlossaryDirective(SphinxDirective):
    """The glossary, generated from data/glossary.csv."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from sphinx.domains.std import Glossary

        from sieecon.book import glossary

        self.env.note_dependency(str(ROOT / "data" / "glossary.csv"))
        frame = glossary().sort_values("en", key=lambda s: s.str.lower())
        lines: list[str] = []
        for row in frame.itertuples():
            lines.append(row.en)
            lines.append(f"   {row.definition}")
            lines.append("")
            names = []
            if row.kk:
                names.append(f"Kazakh: *{row.kk}*")
            if row.ru:
                names.append(f"Russian: *{row.ru}*")
            if names:
                lines.append("   " + "; ".join(names) + ".")
                lines.append("")
            if row.source:
                lines.append(f"   Source: {row.source}")
                lines.append("")
        from docutils.statemachine import StringList

        gloss = Glossary(
            "glossary", [], {"sorted": False}, StringList(lines, source="data/glossary.csv"),
            self.lineno, self.content_offset, self.block_text, self.state, self.state_machine,
        )
        return gloss.run()


class DataCatalogueDirective(SphinxDirective):
    """Every dataset, with description, units, provenance, fields and a download link."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from sieecon import data

        self.env.note_dependency(str(ROOT / "data" / "datapackage.json"))
        out: list[nodes.Node] = []
        depth = self.env.docname.count("/")
        prefix = "../" * depth
        for name in data.list_datasets():
            d = data.descriptor(name)
            sec = nodes.section(ids=[f"dataset-{name}".replace("_", "-")])
            sec += nodes.title(text=name)
            p = nodes.paragraph()
            p += nodes.strong(text=d["title"])
            if d.get("title_original"):
                p += nodes.Text(f" ({d['title_original']})")
            sec += p
            if d.get("synthetic"):
                sec += nodes.paragraph(text="SYNTHETIC: simulated data, not from the documents.",
                                       classes=["sieecon-synthetic"])
            if d.get("description"):
                sec += nodes.paragraph(text=d["description"])
            src = d["source"]
            items = [
                ("Source", f"document {src['document']} ({src.get('citation', '')}), {src['locator']}, "
                           f"lines {src['lines'][0]}–{src['lines'][1]} of {src['file']}"),
                ("Units", d.get("units", "")),
                ("Period", d.get("period", "")),
                ("Region", d.get("region", "")),
                ("Fields", ", ".join(f"{f['name']} ({f.get('type', 'string')}"
                                     f"{', ' + f['unit'] if f.get('unit') else ''})" for f in d["schema"]["fields"])),
                ("Corrections", str(len(d.get("corrections") or []))),
            ]
            if d.get("notes"):
                items.append(("Notes", d["notes"]))
            dl = nodes.definition_list()
            for term, value in items:
                li = nodes.definition_list_item()
                li += nodes.term(text=term)
                definition = nodes.definition()
                definition += nodes.paragraph(text=str(value))
                li += definition
                dl += li
            sec += dl
            link = nodes.paragraph()
            link += nodes.reference("", f"Download {d['path'].split('/')[-1]}", refuri=f"{prefix}data/{d['path']}",
                                    classes=["sieecon-download"])
            link += nodes.Text(f" · load with sieecon.data.load(\"{name}\")")
            sec += link
            out.append(sec)
        return out


class _hidden_solution(nodes.Element):
    """Marks where a gated solution began in the lecturers' copy, so the whole solution can be removed."""


def _hidden_solution_start() -> type:
    """``solution-start`` when solutions are hidden: registered as sphinx-exercise expects, but it leaves a
    marker, so that :class:`RemoveHiddenSolutions` removes the solution's content and its end node.
    (sphinx-exercise alone drops only the start, which leaks the solution's code and breaks the build.)"""
    from sphinx_exercise.directive import SolutionStartDirective

    class HiddenSolutionStart(SolutionStartDirective):
        def run(self) -> list[nodes.Node]:
            super().run()  # registers the start; returns nothing when solutions are hidden
            return [_hidden_solution()]

    return HiddenSolutionStart


class RemoveHiddenSolutions(SphinxTransform):
    """Remove everything from a hidden solution's marker to its ``solution-end`` (lecturers' copy).

    Runs before sphinx-exercise checks that gated directives pair up (its priority is 1).
    """

    default_priority = 0

    def apply(self, **kwargs: Any) -> None:
        from sphinx_exercise.nodes import solution_end_node

        for marker in list(self.document.findall(_hidden_solution)):
            parent = marker.parent
            start = parent.index(marker)
            end = next((i for i in range(start, len(parent)) if isinstance(parent[i], solution_end_node)), None)
            if end is None:
                raise ValueError(f"{self.env.docname}: a solution-start without its solution-end")
            for child in list(parent.children[start:end + 1]):
                parent.remove(child)


def on_config_inited(app: Sphinx, config: Any) -> None:
    shared_cache = os.environ.get("SIEECON_EXECUTION_CACHE")
    if shared_cache:
        config.nb_execution_cache_path = shared_cache
    if os.environ.get("SIEECON_HIDE_SOLUTIONS") == "1":
        config.hide_solutions = True
        app.add_directive("solution-start", _hidden_solution_start(), override=True)
        app.add_transform(RemoveHiddenSolutions)
    app.add_css_file("sieecon.css")


def on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    # Drop duplicate script entries (sphinx-thebe's inline THEBE_JS_URL is emitted twice under Sphinx 7.4).
    scripts = context.get("script_files")
    if scripts:
        seen: set[tuple[str, str]] = set()
        unique = []
        for s in scripts:
            key = (s.filename or "", getattr(s, "attributes", {}).get("body", ""))
            if key in seen:
                continue
            seen.add(key)
            unique.append(s)
        scripts[:] = unique
    body = context.get("body", "")
    if 'class="sieecon-explorer"' in body:
        for f in ("vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js", "sieecon-explorers.js"):
            app.add_js_file(f, priority=900, loading_method="defer")
    elif "sieecon-ledger-wrap" in body:
        app.add_js_file("sieecon-explorers.js", priority=900, loading_method="defer")
    # A description for search engines and link previews: the page's title and the book's.
    import html as _html

    title = _html.unescape(context.get("title", "")).strip()
    book = app.config.project
    description = f"{title}: {book}" if title and title != book else book
    context["metatags"] = context.get("metatags", "") + (
        f'\n    <meta name="description" content="{_html.escape(description, quote=True)}" />')


#: The search scripts that pydata-sphinx-theme puts on every page, without ``defer``.
_SEARCH_SCRIPT = re.compile(
    r'<script src="((?:[^"]*/)?(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js))"></script>')


def defer_search_scripts(page: str) -> str:
    """The page's HTML with Sphinx's search scripts deferred instead of blocking the first paint.

    pydata-sphinx-theme loads ``searchtools.js``, ``language_data.js`` and the whole search index on every
    page, in order, before the page can render; the index grows with every chapter. Deferred, they still run
    in the same order before the page's ``DOMContentLoaded`` (Sphinx's own search page defers its index).

    >>> defer_search_scripts('<script src="../searchindex.js"></script>')
    '<script defer="defer" src="../searchindex.js"></script>'
    """
    return _SEARCH_SCRIPT.sub(r'<script defer="defer" src="\1"></script>', page)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for out in outdir.rglob("*.html"):
        if out.relative_to(outdir).parts[0] in ("_static", "_sources", "_images", "data"):
            continue
        text = out.read_text(encoding="utf-8")
        deferred = defer_search_scripts(text)
        if deferred != text:
            out.write_text(deferred, encoding="utf-8")
    dest = outdir / "data"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "data", dest, ignore=shutil.ignore_patterns("*.md", "__pycache__"))


def memoise_pybtex_entry_points() -> None:
    """Let pybtex scan the installed packages' entry points once per build instead of once per lookup.

    pybtex finds each of its plugins (styles, name formats, backends) by scanning the entry points of every
    installed package, on every call: sphinxcontrib-bibtex makes dozens of such calls per build, at about
    25 ms each, which made the rebuild of a single page about 0.7 s slower. The installed packages do not
    change during a build, so the first scan answers every later lookup.
    """
    try:
        import pybtex.plugin as plugin
    except ImportError:  # pragma: no cover -- sphinxcontrib-bibtex requires pybtex
        return
    scan = plugin.entry_points
    if getattr(scan, "sieecon_memoised", False):
        return
    found: list[Any] = []

    def entry_points(**params: Any) -> Any:
        if not found:
            found.append(scan())
        return found[0].select(**params)

    entry_points.sieecon_memoised = True  # type: ignore[attr-defined]
    plugin.entry_points = entry_points


def setup(app: Sphinx) -> dict[str, Any]:
    memoise_pybtex_entry_points()
    app.setup_extension("sieecon_ahead")
    app.add_role("verdict", VerdictRole())
    app.add_directive("ledger", LedgerDirective)
    app.add_directive("sieecon-glossary", GlossaryDirective)
    app.add_directive("data-catalogue", DataCatalogueDirective)
    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", on_html_page_context, priority=900)
    app.connect("build-finished", on_build_finished)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["setup", "html"]
