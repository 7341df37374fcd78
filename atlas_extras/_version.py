"""The SDK's version, read from the installed package's metadata (pyproject.toml is the one place it is set)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("atlas-control-plane-sdk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
