"""``python -m sieecon``: the command line (see :mod:`sieecon.cli`)."""

from .cli import main

raise SystemExit(main())
