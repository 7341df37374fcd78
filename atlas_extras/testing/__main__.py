"""``python -m atlas_extras.testing serve --port 8000``: see `atlas_extras.testing._cli`."""

import sys

from ._cli import main

sys.exit(main(prog="python -m atlas_extras.testing"))
