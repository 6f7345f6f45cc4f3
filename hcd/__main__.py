"""``python -m hcd`` runs the command line."""

import sys

from hcd.cli import main

sys.exit(main())
