"""Production settings plus one bare page: the baseline every benchmarked page is compared to."""

from learningcity.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
