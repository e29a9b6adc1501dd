"""Allow ``python -m pgdash``."""

from pgdash.cli import main

raise SystemExit(main())
