"""Fills the database with a city-sized amount of participation data, for the benchmarks."""

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learningcity.models import District, Sector, User
from stakeholders import demo
from stakeholders.models import (
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    CommitteeTerm,
    GoodPractice,
    Membership,
    Organisation,
)


class Command(BaseCommand):
    help = "Add N organisations (with members), committee history and good practices."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=3000)
        parser.add_argument("--allow-production", action="store_true")

    @transaction.atomic
    def handle(self, *args, organisations, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("seed_scale fills the database with made-up data; DEBUG=0 refuses.")
        demo.seed()
        start = Organisation.objects.filter(slug__startswith="scale-").count()
        sectors = list(Sector.objects.all())
        districts = list(District.objects.all())
        new = [
            Organisation(
                name=f"Organización de escala {number}",
                name_key=f"organizacion de escala {number}",
                slug=f"scale-{number}",
                sector=sectors[number % len(sectors)],
                district=districts[number % len(districts)],
                kind=Organisation.Kind.choices[number % len(Organisation.Kind.choices)][0],
                description="Organización creada para medir el rendimiento. " * 3,
                verified=number % 10 != 0,
            )
            for number in range(start, start + organisations)
        ]
        Organisation.objects.bulk_create(new, batch_size=1000)
        people = User.objects.bulk_create(
            [
                User(email=f"scale{number}@example.org", full_name=f"Persona {number}")
                for number in range(start, start + organisations)
            ],
            batch_size=1000,
        )
        created = Organisation.objects.filter(slug__in=[o.slug for o in new])
        Membership.objects.bulk_create(
            [
                Membership(user=person, organisation=organisation, role="admin")
                for person, organisation in zip(people, created, strict=False)
            ],
            batch_size=1000,
        )
        seats = [
            CommitteeSeat.objects.create(sector=sector, title=f"Escala {sector.slug}")
            for sector in sectors
        ]
        for seat in seats:
            for year in range(10):
                CommitteeTerm.objects.create(
                    seat=seat,
                    person_name=f"Titular {year}",
                    start=date(2016 + year, 1, 1),
                    end=date(2016 + year, 12, 31),
                )
        for number in range(100):
            meeting = CommitteeMeeting.objects.create(date=date(2020, 1, 1) + timedelta(number))
            CommitteeDecision.objects.create(
                meeting=meeting, topic="development", text="Decisión.", published=True
            )
        GoodPractice.objects.bulk_create(
            [
                GoodPractice(
                    title=f"Práctica {number}",
                    summary="Resumen de la práctica.",
                    source="city",
                    kind="case_study",
                    action_areas=["celebration", "planning"],
                )
                for number in range(1000)
            ]
        )
        self.stdout.write(
            f"Added {organisations} organisations; {Organisation.objects.count()} in all."
        )
