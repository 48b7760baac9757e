"""Hypothesis settings profiles: "ci" is reproducible and patient, "dev" quick.

Imported by tests/conftest.py; HYPOTHESIS_PROFILE=ci|dev picks one by hand, otherwise CI=true
loads "ci" and anything else "dev".
"""

import os

from hypothesis import settings

settings.register_profile("ci", deadline=None, max_examples=50, derandomize=True)
# No deadline: examples that touch the database vary with the machine's load.
settings.register_profile("dev", deadline=None, max_examples=25)

_in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci else "dev"))
