"""Loads the demo city. Running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learningcity.models import User
from learningcity.registry import registry
from stakeholders import demo
from stakeholders.forum import demo as forum_demo
from stakeholders.models import Organisation


class Command(BaseCommand):
    help = "Load the demo city Villa Esperanza with its demo accounts (never in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even with DEBUG=0 (for a public demo site only).",
        )

    @transaction.atomic
    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates accounts with a published password; it refuses to run with "
                "DEBUG=0. Pass --allow-production for a public demo site."
            )
        demo.seed()
        forum_demo.seed()
        # Apps to the right of stakeholders add their demo data through this hook.
        registry.call_hooks("seed_demo")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo city ready: {Organisation.objects.count()} organisations, "
                f"{User.objects.count()} accounts (password {demo.DEMO_PASSWORD})."
            )
        )
