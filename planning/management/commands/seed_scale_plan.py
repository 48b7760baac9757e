"""Grows the adopted plan to a large city's size, for the benchmarks."""

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from planning import demo
from planning.models import Action, ActionPlan, ActionRole, Milestone, Objective
from stakeholders.models import Organisation


class Command(BaseCommand):
    help = "Add objectives with N actions each (with milestones and roles) to the adopted plan."

    def add_arguments(self, parser):
        parser.add_argument("--objectives", type=int, default=30)
        parser.add_argument("--actions", type=int, default=10)

    @transaction.atomic
    def handle(self, *args, objectives, actions, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_scale_plan fills the database with made-up data; DEBUG=0 refuses."
            )
        demo.seed()
        plan = ActionPlan.objects.adopted().get()
        organisations = list(Organisation.objects.filter(verified=True)[:200])
        theme = plan.themes.first()
        for number in range(objectives):
            objective = Objective.objects.create(
                plan=plan, theme=theme, title=f"Objetivo de escala {number}"
            )
            made = Action.objects.bulk_create(
                Action(
                    objective=objective,
                    title=f"Acción de escala {number}.{position}",
                    lead_organisation=organisations[(number + position) % len(organisations)],
                    start=plan.start,
                    end=plan.end - timedelta(days=position),
                    phase=Action.Phase.values[position % 4],
                )
                for position in range(actions)
            )
            Milestone.objects.bulk_create(
                Milestone(action=action, title=f"Hito {step}", due=date(2027 + step, 1, 1))
                for action in made
                for step in range(3)
            )
            ActionRole.objects.bulk_create(
                ActionRole(action=action, organisation=organisations[-1], role="partner")
                for action in made
            )
        total = Action.objects.filter(objective__plan=plan).count()
        self.stdout.write(f"The adopted plan now has {total} actions.")
