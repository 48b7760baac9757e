"""A large city's learning provision, made quickly for the benchmarks (`seed_scale_provision`):
learning spaces in every district and opportunities held in them, with their subjects,
languages and target groups, published. Rows go in with `bulk_create` in batches, bypassing the
services (this is made-up data, not the city's): search vectors are filled once at the end, as
the demo does. The same `seed` makes the same provision."""

import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from learningcity.models import District, TargetGroup
from provision import demo, search
from provision.models import Language, LearningSpace, Opportunity, Published, Subject
from stakeholders.models import Organisation

BATCH = 2000
FORMATS = [Opportunity.Format.IN_PERSON] * 6 + [Opportunity.Format.BLENDED] * 2


def seed(*, spaces, opportunities, seed=0):
    """Add `spaces` learning spaces and `opportunities` opportunities; returns both counts."""
    rng = random.Random(seed)
    districts = {d.slug: d for d in District.objects.all()}
    boxes = [(districts[slug], box) for slug, *_rest, box in demo.DISTRICTS if slug in districts]
    providers = list(Organisation.objects.filter(verified=True).order_by("pk")[:2000])
    if not boxes or not providers:
        raise ValueError("seed the demo city (districts and organisations) first")
    made_spaces = _spaces(rng, spaces, boxes, providers)
    _opportunities(rng, opportunities, made_spaces, providers)
    search.reindex()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE provision_learningspace, provision_opportunity")
    return len(made_spaces), opportunities


def _spaces(rng, count, boxes, providers):
    rows = []
    for number in range(count):
        district, box = boxes[number % len(boxes)]
        kind, name_es, name_en, _offered = demo.SPACE_KINDS[number % len(demo.SPACE_KINDS)]
        latitude, longitude = demo._point(rng, box)
        place = f"{district.name_es} {number}"
        rows.append(
            LearningSpace(
                name_es=name_es.format(place),
                name_en=name_en.format(place),
                slug=f"escala-espacio-{number}",
                kind=kind,
                status=Published.PUBLISHED,
                organization=providers[number % len(providers)],
                address=f"{demo.STREETS[number % len(demo.STREETS)]} {number}",
                district=district,
                latitude=latitude,
                longitude=longitude,
            )
        )
    return LearningSpace.objects.bulk_create(rows, batch_size=BATCH)


def _opportunities(rng, count, spaces, providers):
    subjects = {s.slug: s for s in Subject.objects.all()}
    languages = list(Language.objects.order_by("pk"))
    groups = list(TargetGroup.objects.order_by("pk"))
    today = timezone.localdate()
    Subjects = Opportunity.subjects.through
    Languages = Opportunity.languages.through
    Groups = Opportunity.target_groups.through
    for start in range(0, count, BATCH):
        rows = []
        for number in range(start, min(start + BATCH, count)):
            subject, name_es, name_en, text_es, text_en = demo.COURSES[number % len(demo.COURSES)]
            space = spaces[rng.randrange(len(spaces))] if spaces else None
            starts_on = today + timedelta(days=rng.randrange(-60, 120))
            rows.append(
                Opportunity(
                    name_es=f"{name_es} {number}",
                    name_en=f"{name_en} {number}",
                    description_es=text_es,
                    description_en=text_en,
                    slug=f"escala-{number}",
                    status=Published.PUBLISHED,
                    organization=space.organization if space else rng.choice(providers),
                    format=rng.choice(FORMATS),
                    location=space,
                    district_id=space.district_id if space else None,
                    latitude=space.latitude if space else None,
                    longitude=space.longitude if space else None,
                    is_free=rng.random() < 0.7,
                    mornings=rng.random() < 0.4,
                    evenings=rng.random() < 0.5,
                    weekends=rng.random() < 0.3,
                    starts_on=starts_on,
                    ends_on=starts_on + timedelta(days=rng.choice([30, 60, 90, 180])),
                    recognition_available=rng.random() < 0.2,
                )
            )
            rows[-1].subject = subjects.get(subject)
        made = Opportunity.objects.bulk_create(rows, batch_size=BATCH)
        Subjects.objects.bulk_create(
            [Subjects(opportunity=o, subject=o.subject) for o in made if o.subject],
            batch_size=BATCH,
        )
        if languages:
            Languages.objects.bulk_create(
                [Languages(opportunity=o, language=languages[0]) for o in made],
                batch_size=BATCH,
            )
        if groups:
            Groups.objects.bulk_create(
                [
                    Groups(opportunity=o, targetgroup=groups[rng.randrange(len(groups))])
                    for o in made
                    if rng.random() < 0.4
                ],
                batch_size=BATCH,
            )
