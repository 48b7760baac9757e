"""What the `seed_scale_*` commands share: a large city by default, `--small` for quick runs,
each size overridable, reproducible with `--seed`, one transaction, and never on production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class ScaleCommand(BaseCommand):
    """Subclasses set `sizes` ({"large": {...}, "small": {...}}), `seed` (a function taking the
    sizes and `seed` as keywords, raising ValueError when the city lacks what it needs) and
    `done` (a message formatted with what `seed` returns, a dict)."""

    sizes = {}
    done = ""

    def seed(self, **size):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--small", action="store_true", help="a small city, for quick runs")
        for name, default in self.sizes["large"].items():
            option = f"--{name.replace('_', '-')}"
            parser.add_argument(option, type=int, help=f"default {default:,}")
        parser.add_argument("--seed", type=int, default=0, help="the same seed, the same data")
        parser.add_argument("--allow-production", action="store_true")

    @transaction.atomic
    def handle(self, *args, small=False, seed=0, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                f"{self.name()} fills the database with made-up data; DEBUG=0 refuses."
            )
        size = {
            name: options[name] if options.get(name) is not None else default
            for name, default in self.sizes["small" if small else "large"].items()
        }
        try:
            made = self.seed(**size, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.done.format(**made))

    def name(self):
        return self.__module__.rsplit(".", 1)[-1]
