"""``python -m strategy_lint``."""

import sys

from .cli import main

sys.exit(main())
