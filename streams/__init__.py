"""The stream side: Faust app, Kafka, Prometheus, the decoder. See detectors/_compiled.py for the
optional compiled build (the decoder is compiled too)."""

import os as _os

from detectors import _compiled

_compiled.install(_os.path.dirname(__file__), __name__)
