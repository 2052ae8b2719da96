"""The command line of sieecon.

``python -m sieecon data list``            the datasets, one a line
``python -m sieecon data show NAME``       a dataset's description and rows
``python -m sieecon data validate``        check every dataset against its schema
``python -m sieecon data package``         rewrite data/datapackage.json from the descriptors
``python -m sieecon replicate [--document 000]``
                                           recompute every published claim; exit 1 if a status
                                           differs from what the claims register expects
"""

from __future__ import annotations

import argparse
import sys


def _data(args: argparse.Namespace) -> int:
    from . import data

    if args.action == "list":
        for name in data.list_datasets(args.document):
            print(f"{name}\t{data.descriptor(name)['title']}")
        return 0
    if args.action == "show":
        if not args.name:
            print("data show needs a dataset name; `python -m sieecon data list` lists them", file=sys.stderr)
            return 2
        try:
            print(data.describe(args.name))
            print()
            print(data.load(args.name).to_string(index=False))
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        return 0
    if args.action == "validate":
        try:
            counts = data.validate_all()
        except data.DataError as exc:
            print(f"INVALID: {exc}", file=sys.stderr)
            return 1
        for name, n in counts.items():
            print(f"ok  {name} ({n} rows)")
        print(f"{len(counts)} datasets valid; datapackage.json is current")
        return 0
    if args.action == "package":
        print(data.write_datapackage())
        return 0
    return 2  # pragma: no cover


def _replicate(args: argparse.Namespace) -> int:
    from . import replication

    ledger = replication.ledger(document=args.document)
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.max_colwidth", 60, "display.width", 200):
        print(ledger[["claim", "printed", "recomputed", "difference", "status", "expected"]].to_string(index=False))
    changed = ledger[ledger["status"] != ledger["expected"]]
    print()
    print(replication.status_counts(ledger).to_string())
    if not changed.empty:
        print(f"\n{len(changed)} claim(s) changed status from what data/claims expects:", file=sys.stderr)
        for _, row in changed.iterrows():
            print(f"  {row['claim']}: expected {row['expected']!r}, now {row['status']!r}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sieecon", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_data = sub.add_parser("data", help="list, show and validate the datasets")
    p_data.add_argument("action", choices=["list", "show", "validate", "package"])
    p_data.add_argument("name", nargs="?")
    p_data.add_argument("--document", help="only datasets of this document (000 … 004)")
    p_data.set_defaults(func=_data)
    p_rep = sub.add_parser("replicate", help="recompute every published claim and print the ledger")
    p_rep.add_argument("--document", help="only claims of this document (000 … 004)")
    p_rep.set_defaults(func=_replicate)
    args = parser.parse_args(argv)
    return args.func(args)
