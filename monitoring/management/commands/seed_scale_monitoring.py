"""Adds a large city's indicators with years of approved values, for the benchmarks."""

from learningcity.scale import ScaleCommand
from monitoring import scale


class Command(ScaleCommand):
    help = "Add N indicators, each with approved values for N years (--small: a small city's)."
    sizes = {"large": {"indicators": 100, "years": 10}, "small": {"indicators": 10, "years": 3}}
    done = "Added {indicators:,} indicators with {values:,} approved yearly values."

    def seed(self, **size):
        return scale.seed(**size)
