"""`python -m bench`: run the benchmark of one scale."""

from bench.cli import main

raise SystemExit(main())
