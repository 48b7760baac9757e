"""Adds a large city's calendar of events and registrations, for the benchmarks."""

from events import scale
from learningcity.scale import ScaleCommand


class Command(ScaleCommand):
    help = "Add N published events and N registrations for them (--small: a small city's)."
    sizes = {
        "large": {"events": 5000, "registrations": 200_000},
        "small": {"events": 200, "registrations": 4000},
    }
    done = "Added {events:,} events and {registrations:,} registrations."

    def seed(self, **size):
        return scale.seed(**size)
