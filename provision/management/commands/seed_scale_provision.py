"""Adds a large city's learning provision, for the benchmarks."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from provision import scale

# A large city (the default) and a quick run (--small).
SIZES = {
    "large": {"spaces": 2000, "opportunities": 20_000},
    "small": {"spaces": 100, "opportunities": 1000},
}


class Command(BaseCommand):
    help = (
        "Add N learning spaces and N opportunities held in them, published, to the demo city "
        "(--small: a small city's)."
    )

    def add_arguments(self, parser):
        large = SIZES["large"]
        parser.add_argument("--small", action="store_true", help="a small city, for quick runs")
        parser.add_argument("--spaces", type=int, help=f"default {large['spaces']:,}")
        parser.add_argument("--opportunities", type=int, help=f"default {large['opportunities']:,}")
        parser.add_argument("--seed", type=int, default=0, help="the same seed, the same data")
        parser.add_argument("--allow-production", action="store_true")

    @transaction.atomic
    def handle(self, *args, small=False, seed=0, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_scale_provision fills the database with made-up data; DEBUG=0 refuses."
            )
        size = {
            name: options[name] if options.get(name) is not None else default
            for name, default in SIZES["small" if small else "large"].items()
        }
        try:
            spaces, opportunities = scale.seed(**size, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Added {spaces:,} learning spaces and {opportunities:,} opportunities.")
