"""Loads the demo city. Running it again changes nothing."""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from learningcity.permissions import COORDINATOR, MODERATOR, STAFF
from stakeholders.models import (
    CityProfile,
    District,
    Membership,
    Organisation,
    Sector,
    TargetGroup,
    User,
)
from stakeholders.reference import ensure_reference_lists, ensure_roles

DEMO_PASSWORD = "demo-pass-2026"

CITY = {
    "name": "Villa Esperanza",
    "programme_name_es": "Villa Esperanza, ciudad que aprende",
    "programme_name_en": "Villa Esperanza, a learning city",
    "introduction_es": (
        "Villa Esperanza es una ciudad de demostración que construye una ciudad del aprendizaje: "
        "escuelas, bibliotecas, empresas, organizaciones sociales y gobierno trabajan juntos para "
        "que todas las personas aprendan a lo largo de toda la vida."
    ),
    "introduction_en": (
        "Villa Esperanza is a demonstration city building a learning city: schools, libraries, "
        "businesses, civil society and government work together so that everybody can learn "
        "throughout life."
    ),
    "country": "México",
    "country_code": "MX",
    "time_zone": "America/Mexico_City",
    "currency": "MXN",
    "default_language": "es",
    "map_center_lat": Decimal("19.702400"),
    "map_center_lon": Decimal("-101.192400"),
    "map_zoom": 13,
    "bbox_south": Decimal("19.620000"),
    "bbox_west": Decimal("-101.300000"),
    "bbox_north": Decimal("19.780000"),
    "bbox_east": Decimal("-101.080000"),
    "contact_email": "aprendizaje@example.org",
    "website": "https://example.org/",
    "logo_alt_text": "",
}

DISTRICTS = [
    ("centro", "Centro", "City centre"),
    ("norte", "Norte", "North"),
    ("sur", "Sur", "South"),
    ("oriente", "Oriente", "East"),
    ("poniente", "Poniente", "West"),
    ("las-lomas", "Las Lomas", "Las Lomas"),
    ("rio-chico", "Río Chico", "Río Chico"),
]

# name, sector slug, kind, district slug, description
ORGANISATIONS = [
    (
        "Biblioteca Pública Central",
        "culture",
        "library",
        "centro",
        "Préstamo de libros, clubes de lectura y talleres de alfabetización digital.",
    ),
    (
        "Escuela Secundaria Benito Juárez",
        "education",
        "school",
        "norte",
        "Escuela pública con talleres abiertos a las familias por las tardes.",
    ),
    (
        "Universidad Autónoma de Villa Esperanza",
        "higher-education",
        "university",
        "poniente",
        "Cursos de extensión universitaria y universidad para mayores.",
    ),
    (
        "Centro Comunitario Río Chico",
        "adult-education",
        "community",
        "rio-chico",
        "Alfabetización de adultos, huertos comunitarios y apoyo escolar.",
    ),
    (
        "Museo de la Ciudad",
        "culture",
        "museum",
        "centro",
        "Visitas guiadas, talleres para familias y exposiciones sobre la historia local.",
    ),
    (
        "Cámara de Comercio de Villa Esperanza",
        "business",
        "company",
        "centro",
        "Formación para pequeñas empresas y programas de aprendices.",
    ),
    (
        "Sindicato de Trabajadores de la Educación, Sección 18",
        "labour",
        "ngo",
        "sur",
        "Formación continua del personal docente.",
    ),
    (
        "Fundación Aprender Juntos",
        "civil-society",
        "ngo",
        "oriente",
        "Becas y mentorías para jóvenes y familias migrantes.",
    ),
    (
        "Secretaría de Educación Municipal",
        "public-administration",
        "public_body",
        "centro",
        "Coordina la oferta educativa del municipio.",
    ),
    (
        "Centro de Salud Las Lomas",
        "health",
        "public_body",
        "las-lomas",
        "Talleres de salud y nutrición para familias.",
    ),
    (
        "Radio Comunitaria La Voz",
        "media",
        "media",
        "oriente",
        "Programas de radio sobre aprendizaje y cultura local.",
    ),
    (
        "Colectivo Verde Esperanza",
        "environment",
        "ngo",
        "sur",
        "Educación ambiental y reciclaje en los barrios.",
    ),
]

DEMO_PEOPLE = [
    ("coordinator@example.org", "Carolina Coordinadora", "es", [COORDINATOR]),
    ("staff@example.org", "Sergio Personal", "es", [STAFF]),
    ("moderator@example.org", "Mónica Moderadora", "es", [MODERATOR]),
    ("stakeholder@example.org", "Bruno Biblioteca", "es", []),
    ("citizen@example.org", "Alicia Ciudadana", "en", []),
]


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
        ensure_roles(Group)
        ensure_reference_lists(Sector, TargetGroup)
        self.seed_city()
        districts = self.seed_districts()
        organisations = self.seed_organisations(districts)
        self.seed_people(organisations)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo city ready: {Organisation.objects.count()} organisations, "
                f"{User.objects.count()} accounts (password {DEMO_PASSWORD})."
            )
        )

    def seed_city(self):
        profile = CityProfile.objects.current()
        if profile.name:
            return
        for field, value in CITY.items():
            setattr(profile, field, value)
        profile.full_clean()
        profile.save()

    def seed_districts(self):
        districts = {}
        for slug, name_es, name_en in DISTRICTS:
            districts[slug], _created = District.objects.get_or_create(
                slug=slug, defaults={"name_es": name_es, "name_en": name_en}
            )
        return districts

    def seed_organisations(self, districts):
        sectors = {sector.slug: sector for sector in Sector.objects.all()}
        organisations = []
        for name, sector, kind, district, description in ORGANISATIONS:
            organisation, _created = Organisation.objects.get_or_create(
                slug=slugify(name)[:220],
                defaults={
                    "name": name,
                    "sector": sectors[sector],
                    "kind": kind,
                    "district": districts[district],
                    "description": description,
                    "verified": True,
                },
            )
            organisations.append(organisation)
        return organisations

    def seed_people(self, organisations):
        groups = {group.name: group for group in Group.objects.all()}
        for email, full_name, language, roles in DEMO_PEOPLE:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": full_name, "preferred_language": language}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                user.groups.set([groups["citizen"], *(groups[role] for role in roles)])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        library = organisations[0]
        stakeholder = User.objects.get(email="stakeholder@example.org")
        Membership.objects.get_or_create(
            user=stakeholder, organisation=library, defaults={"role": Membership.Role.ADMIN}
        )
