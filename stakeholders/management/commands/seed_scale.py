"""Fills the database with a city-sized amount of participation data (the forum included), for
the benchmarks."""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learningcity.models import District, Sector, User
from stakeholders import demo
from stakeholders.forum import scale as forum_scale
from stakeholders.models import (
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    CommitteeTerm,
    GoodPractice,
    Membership,
    Organisation,
)

# Each option's value for a large city (the default) and for a quick run (--small).
SIZES = {
    "large": {
        "organisations": 3000,
        "topics": 50_000,
        "posts": 500_000,
        "category_topics": 50_000,
        "topic_posts": 10_000,
    },
    "small": {
        "organisations": 300,
        "topics": 600,
        "posts": 6000,
        "category_topics": 500,
        "topic_posts": 500,
    },
}


class Command(BaseCommand):
    help = (
        "Add N organisations (with members), committee history, good practices and a forum of "
        "a large city's size (--small: a small city's)."
    )

    def add_arguments(self, parser):
        large = SIZES["large"]
        parser.add_argument("--small", action="store_true", help="a small city, for quick runs")
        parser.add_argument("--organisations", type=int, help=f"default {large['organisations']:,}")
        parser.add_argument("--topics", type=int, help=f"forum topics; default {large['topics']:,}")
        parser.add_argument(
            "--posts",
            type=int,
            help=f"forum posts, opening posts included; default {large['posts']:,}",
        )
        parser.add_argument(
            "--category-topics",
            type=int,
            help=f"topics of the one large category; default {large['category_topics']:,}",
        )
        parser.add_argument(
            "--topic-posts",
            type=int,
            help=f"posts of the one large topic; default {large['topic_posts']:,}",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="the same seed makes the same forum"
        )
        parser.add_argument("--allow-production", action="store_true")

    @transaction.atomic
    def handle(self, *args, small=False, seed=0, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("seed_scale fills the database with made-up data; DEBUG=0 refuses.")
        size = {
            name: options[name] if options.get(name) is not None else default
            for name, default in SIZES["small" if small else "large"].items()
        }
        organisations = size["organisations"]
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
        forum_scale.seed(
            topics=size["topics"],
            posts=size["posts"],
            category_topics=size["category_topics"],
            topic_posts=size["topic_posts"],
            rng=random.Random(seed),
            stdout=self.stdout,
        )
