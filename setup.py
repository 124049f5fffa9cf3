"""Optional compiled build of the detection core's modules (Cython, from the unchanged .py files).

`scripts/bootstrap.sh` runs `HYDRAWATCH_COMPILE=1 python setup.py build_ext --inplace`; the
extension modules sit beside their sources and `detectors/_compiled.py` loads one only while it
is newer than its .py and .pxd (otherwise, or with HYDRAWATCH_PURE_PYTHON=1, the source runs).
Without HYDRAWATCH_COMPILE (a plain `pip install`) nothing is compiled: the same code, slower.
"""

import os
import sys

from setuptools import setup

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from detectors._compiled import MODULES  # noqa: E402

COMPILED = [name.replace(".", "/") + ".py" for name in MODULES]

ext_modules = []
if os.environ.get("HYDRAWATCH_COMPILE") == "1":
    from Cython.Build import cythonize

    # annotation_typing off: type hints stay hints (no new runtime checks); types come from .pxd only.
    ext_modules = cythonize(COMPILED, compiler_directives={"language_level": 3, "annotation_typing": False},
                            nthreads=2, quiet=True)

setup(ext_modules=ext_modules)
