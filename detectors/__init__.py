"""The detection core: plain Python + River. See detectors/_compiled.py for the optional compiled build."""

import os as _os

from detectors import _compiled

_compiled.install(_os.path.dirname(__file__))
