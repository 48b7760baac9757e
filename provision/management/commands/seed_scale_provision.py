"""Adds a large city's learning provision, for the benchmarks."""

from learningcity.scale import ScaleCommand
from provision import scale


class Command(ScaleCommand):
    help = (
        "Add N learning spaces and N opportunities held in them, published, to the demo city "
        "(--small: a small city's)."
    )
    sizes = {
        "large": {"spaces": 2000, "opportunities": 20_000},
        "small": {"spaces": 100, "opportunities": 1000},
    }
    done = "Added {spaces:,} learning spaces and {opportunities:,} opportunities."

    def seed(self, **size):
        spaces, opportunities = scale.seed(**size)
        return {"spaces": spaces, "opportunities": opportunities}
