"""`python -m analysis ...`: the command line (`analysis.cli`)."""
import sys

from .cli import main

sys.exit(main())
