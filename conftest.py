"""Root conftest: doctests of detectors/*.py run on the module as imported, which is the compiled
build when one is up to date (detectors/_compiled.py); pytest would otherwise refuse the
extension module's __file__ as an "import file mismatch"."""

import os

os.environ.setdefault("PY_IGNORE_IMPORTMISMATCH", "1")
