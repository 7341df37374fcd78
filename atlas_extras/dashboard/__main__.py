"""`python -m atlas_extras.dashboard`: the `atlas-dashboard` command."""

import sys

from .cli import main

sys.exit(main())
