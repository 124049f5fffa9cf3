"""Load a compiled detector module only while it is up to date with its source.

CPython prefers `features.cpython-311-*.so` over `features.py` in the same folder, so a build left
behind after the source changed would silently run old code. This finder, first on
`sys.meta_path`, hands out the extension only if it is newer than the module's .py and .pxd;
otherwise (or with HYDRAWATCH_PURE_PYTHON=1) it loads the .py. It serves the packages that
`install` names (`detectors`, and `streams` for its decoder and runtimes). Import machinery, not
detection.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys

# The modules setup.py compiles (HYDRAWATCH_COMPILE=1): the detection core, the decoder, and the
# runtimes that drive them per batch (the replay's and a worker's hot loop).
MODULES = ("detectors.features", "detectors.stages", "detectors.sequencer", "detectors.linking",
           "detectors.clusters", "detectors.population", "detectors.alerts", "detectors.calibration",
           "streams.decoder", "streams.runtimes")


def is_fresh(extension: str, sources: list[str]) -> bool:
    """True if `extension` exists and is at least as new as every existing source."""
    try:
        built = os.stat(extension).st_mtime_ns
    except OSError:
        return False
    return all(os.stat(s).st_mtime_ns <= built for s in sources if os.path.exists(s))


class _Finder:
    def __init__(self) -> None:
        self.folders: dict[str, str] = {}  # package -> its folder
        self.pure = os.environ.get("HYDRAWATCH_PURE_PYTHON") == "1"

    def find_spec(self, name, path=None, target=None):
        package, _, module = name.rpartition(".")
        folder = self.folders.get(package)
        if folder is None:
            return None
        source = os.path.join(folder, module + ".py")
        extensions = [os.path.join(folder, module + suffix)
                      for suffix in importlib.machinery.EXTENSION_SUFFIXES]
        extension = next((e for e in extensions if os.path.exists(e)), None)
        if extension is None or not os.path.exists(source):
            return None  # nothing compiled: the ordinary finders do
        if not self.pure and is_fresh(extension, [source, os.path.join(folder, module + ".pxd")]):
            loader = importlib.machinery.ExtensionFileLoader(name, extension)
            return importlib.util.spec_from_file_location(name, extension, loader=loader)
        loader = importlib.machinery.SourceFileLoader(name, source)
        return importlib.util.spec_from_file_location(name, source, loader=loader)


def install(folder: str, package: str = "detectors") -> None:
    """Serve `package`'s modules (in `folder`) through the finder (idempotent)."""
    finder = next((f for f in sys.meta_path if isinstance(f, _Finder)), None)
    if finder is None:
        finder = _Finder()
        sys.meta_path.insert(0, finder)
    finder.folders[package] = folder


def compiled(module) -> bool:
    """Whether `module` runs from a compiled extension."""
    return not module.__file__.endswith(".py")
