"""hcd: the discovery-sprint workbench for public-service customer experience.

Pipeline: ingest (validate, quarantine, redact) -> themes -> journeys ->
metrics -> action-plan draft -> rendered report. See README.md.
"""

from importlib import metadata

try:
    __version__ = metadata.version("hcd")
except metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
