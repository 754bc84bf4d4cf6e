"""Data sources: every module of this package registers one :class:`Source`; nothing else
lists them."""

import importlib
import pkgutil

from pacspec.ingest.sources._registry import Source, open_source, pick, register, registered

__all__ = ["Source", "open_source", "pick", "register", "registered"]

for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")
