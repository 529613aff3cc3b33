"""``python -m foot_lib.handouts DEST [--paper Letter] [--overwrite]``: build the handout pack."""

import sys

from .pack import main

sys.exit(main())
