"""hcd: the discovery-sprint workbench for public-service customer experience.

Pipeline: ingest (validate, quarantine, redact) -> themes -> journeys ->
metrics -> action-plan draft -> rendered report. See README.md.
"""

import logging
from importlib import metadata

# A library logs; the application decides where it goes. Without this, Python's
# last-resort handler prints hcd's warnings into notebooks as stderr output cells.
logging.getLogger(__name__).addHandler(logging.NullHandler())

try:
    __version__ = metadata.version("hcd")
except metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
