"""The demo city Villa Esperanza: its profile, organisations, people and partnerships.

Everything here is made with get_or_create on a natural key, so loading it twice changes nothing.
"""

from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from learningcity.models import (
    AccessibilityFeature,
    CityProfile,
    District,
    Notification,
    NotificationPreference,
    Sector,
    TargetGroup,
    User,
)
from learningcity.notifications import notify
from learningcity.permissions import COORDINATOR, MODERATOR, STAFF
from learningcity.reference import ensure_reference_lists, ensure_roles
from stakeholders import notifications
from stakeholders.demo_english import seed_english
from stakeholders.models import (
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    CommitteeTerm,
    Exchange,
    GnlcActivity,
    GoodPractice,
    Membership,
    MinistryContact,
    NetworkMembership,
    NetworkObligation,
    Organisation,
    OrganisationInvitation,
    PartnerCity,
)

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
}

# slug | Spanish name | English name | population (2020 census, invented) | boundary's box
# (west, south, east, north): a 3 × 3 grid of rectangles inside the city's limits.
DISTRICTS = [
    ("centro", "Centro", "City centre", 48_200, (-101.22, 19.68, -101.16, 19.72)),
    ("norte", "Norte", "North", 61_500, (-101.22, 19.72, -101.16, 19.76)),
    ("sur", "Sur", "South", 55_800, (-101.22, 19.64, -101.16, 19.68)),
    ("oriente", "Oriente", "East", 43_100, (-101.16, 19.68, -101.10, 19.72)),
    ("poniente", "Poniente", "West", 39_700, (-101.28, 19.68, -101.22, 19.72)),
    ("las-lomas", "Las Lomas", "Las Lomas", 18_400, (-101.28, 19.72, -101.22, 19.76)),
    ("rio-chico", "Río Chico", "Río Chico", 22_900, (-101.16, 19.64, -101.10, 19.68)),
]
POPULATION_YEAR = 2020

# name | sector | kind | district | what it does
ORGANISATIONS = """
Biblioteca Pública Central|culture|library|centro|Préstamo de libros, clubes de lectura y alfabetización digital.
Biblioteca Barrial Río Chico|culture|library|rio-chico|Tareas dirigidas, cuentacuentos y computadoras de uso libre.
Museo de la Ciudad|culture|museum|centro|Visitas guiadas, talleres para familias e historia local.
Casa de la Cultura del Oriente|culture|museum|oriente|Talleres de música, danza y artes plásticas.
Escuela Secundaria Benito Juárez|education|school|norte|Escuela pública con talleres abiertos a las familias.
Escuela Primaria Leona Vicario|education|school|sur|Escuela de tiempo completo con huerto escolar.
Preparatoria Técnica Número 3|education|school|poniente|Bachillerato técnico en informática y turismo.
Universidad Autónoma de Villa Esperanza|higher-education|university|poniente|Extensión universitaria y universidad para mayores.
Instituto Tecnológico Regional|higher-education|university|norte|Ingenierías y cursos abiertos de programación.
Centro Comunitario Río Chico|adult-education|community|rio-chico|Alfabetización de adultos y apoyo escolar.
Plaza Comunitaria del Instituto de Educación para Adultos|adult-education|public_body|sur|Primaria y secundaria para personas adultas.
Centro de Capacitación para el Trabajo|adult-education|public_body|oriente|Cursos de oficios certificados.
Cámara de Comercio de Villa Esperanza|business|company|centro|Formación para pequeñas empresas y aprendices.
Cooperativa Textil Manos Unidas|business|company|las-lomas|Cooperativa que forma a sus socias en diseño y finanzas.
Panadería La Espiga|business|company|norte|Empresa familiar con programa de aprendices.
Sindicato de Trabajadores de la Educación, Sección 18|labour|ngo|sur|Formación continua del personal docente.
Unión de Trabajadores del Campo|labour|ngo|rio-chico|Escuela campesina y formación agroecológica.
Fundación Aprender Juntos|civil-society|ngo|oriente|Becas y mentorías para jóvenes y familias migrantes.
Asociación de Personas Mayores Nuevo Amanecer|civil-society|community|las-lomas|Club de lectura y talleres de memoria.
Red de Madres Lectoras|civil-society|community|norte|Lectura en voz alta para la primera infancia.
Casa del Migrante San José|civil-society|ngo|poniente|Clases de español y orientación para familias migrantes.
Secretaría de Educación Municipal|public-administration|public_body|centro|Coordina la oferta educativa del municipio.
Dirección de Desarrollo Económico|public-administration|public_body|centro|Programas de empleo y emprendimiento.
DIF Municipal|public-administration|public_body|oriente|Desarrollo integral de la familia: talleres y guarderías.
Centro de Salud Las Lomas|health|public_body|las-lomas|Talleres de salud y nutrición para familias.
Hospital General de Villa Esperanza|health|public_body|poniente|Formación de cuidadores y educación para la salud.
Radio Comunitaria La Voz|media|media|oriente|Programas de radio sobre aprendizaje y cultura local.
Diario El Observador|media|media|centro|Periódico local con sección semanal de educación.
Colectivo Verde Esperanza|environment|ngo|sur|Educación ambiental y reciclaje en los barrios.
Jardín Botánico Municipal|environment|museum|poniente|Talleres de botánica y huertos urbanos.
"""

DEMO_PEOPLE = [
    ("coordinator@example.org", "Carolina Coordinadora", "es", [COORDINATOR]),
    ("staff@example.org", "Sergio Personal", "es", [STAFF]),
    ("moderator@example.org", "Mónica Moderadora", "es", [MODERATOR]),
    ("stakeholder@example.org", "Bruno Biblioteca", "es", []),
    ("citizen@example.org", "Alicia Ciudadana", "en", []),
]

# role, sector, title, holder (organisation name), person name
COMMITTEE = [
    ("chair", "public-administration", "Presidencia del comité", "Secretaría de Educación Municipal", "Rosa Martínez"),
    ("vice_chair", "higher-education", "Representación de las universidades", "Universidad Autónoma de Villa Esperanza", "Dr. Julián Ortega"),
    ("secretary", "culture", "Representación de bibliotecas y museos", "Biblioteca Pública Central", ""),
    ("member", "education", "Representación de las escuelas", "Escuela Secundaria Benito Juárez", "Mtra. Elena Cruz"),
    ("member", "business", "Representación de las empresas", "Cámara de Comercio de Villa Esperanza", "Luis Herrera"),
    ("member", "civil-society", "Representación de la sociedad civil", "Fundación Aprender Juntos", "Ana Beltrán"),
    ("member", "labour", "Representación de los sindicatos", "Sindicato de Trabajadores de la Educación, Sección 18", "Pedro Salas"),
    ("member", "health", "Representación del sector salud", "Centro de Salud Las Lomas", "Dra. Marta Ríos"),
]  # fmt: skip

PARTNERS = [
    ("Puerto Claro", "México", "national", "cooperation", date(2023, 3, 1), "Lic. Tomás Vega"),
    ("Hamburgo", "Alemania", "international", "memorandum", date(2024, 9, 15), "Dr. Petra Lang"),
    ("Medellín", "Colombia", "international", "twinning", date(2022, 5, 10), "Carolina Mejía"),
]


def seed(stdout=None):
    ensure_roles(Group)
    ensure_reference_lists(Sector, TargetGroup, AccessibilityFeature)
    _city()
    districts = _districts()
    organisations = _organisations(districts)
    people = _people(organisations)
    _committee(organisations, people)
    partners = _partners()
    _networks(people)
    _ministry(people)
    _good_practices(partners)
    _gnlc_activities()
    seed_english()
    _addresses(organisations)
    _invitations(organisations, people)
    _notifications(organisations, people)


def _city():
    profile = CityProfile.objects.current()
    if profile.name:
        return
    for field, value in CITY.items():
        setattr(profile, field, value)
    profile.full_clean()
    profile.save()


def _box(west, south, east, north):
    """A rectangle as a GeoJSON Polygon (longitude first, the ring closed)."""
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _districts():
    districts = {}
    for slug, name_es, name_en, population, box in DISTRICTS:
        district, _created = District.objects.get_or_create(
            slug=slug, defaults={"name_es": name_es, "name_en": name_en}
        )
        # Filled once: a demo city made before districts had figures gets them, and what
        # staff changed since is kept.
        if district.population is None and district.boundary is None:
            district.population = population
            district.population_year = POPULATION_YEAR
            district.boundary = _box(*box)
            district.full_clean()
            district.save()
        districts[slug] = district
    return districts


def _organisations(districts):
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    organisations = {}
    lines = [line for line in ORGANISATIONS.strip().splitlines() if line]
    for number, line in enumerate(lines):
        name, sector, kind, district, description = line.split("|")
        # Spread the places over the city's box, deterministically.
        latitude = Decimal("19.640000") + Decimal(number % 6) * Decimal("0.020000")
        longitude = Decimal("-101.270000") + Decimal(number // 6) * Decimal("0.035000")
        organisations[name], _created = Organisation.objects.get_or_create(
            slug=slugify(name)[:220],
            defaults={
                "name": name,
                "sector": sectors[sector],
                "kind": kind,
                "district": districts[district],
                "description": description,
                "email": f"contacto@{slugify(name)[:40]}.example.org",
                "latitude": latitude,
                "longitude": longitude,
                "verified": number < len(lines) - 2,
            },
        )
    return organisations


def _people(organisations):
    groups = {group.name: group for group in Group.objects.all()}
    people = {}
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
        people[email] = user
    Membership.objects.get_or_create(
        user=people["stakeholder@example.org"],
        organisation=organisations["Biblioteca Pública Central"],
        defaults={"role": Membership.Role.ADMIN},
    )
    Membership.objects.get_or_create(
        user=people["citizen@example.org"],
        organisation=organisations["Red de Madres Lectoras"],
        defaults={"role": Membership.Role.MEMBER},
    )
    return people


def _committee(organisations, people):
    if CommitteeSeat.objects.exists():
        return
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    start = date(2026, 1, 15)
    terms = []
    for order, (role, sector, title, organisation, person) in enumerate(COMMITTEE):
        seat = CommitteeSeat.objects.create(
            sector=sectors[sector], role=role, title=title, order=order
        )
        holder = (
            {"person_name": person} if person else {"person": people["stakeholder@example.org"]}
        )
        terms.append(
            CommitteeTerm.objects.create(
                seat=seat,
                organisation=organisations[organisation],
                start=start,
                end=date(2028, 1, 14),
                **holder,
            )
        )
    meeting = CommitteeMeeting.objects.create(
        date=date(2026, 2, 20), place="Sala de Cabildo", agenda="Principios del plan de acción."
    )
    meeting.present.set(terms)
    for topic, text, consensus in [
        ("development", "El plan se construye con consulta abierta a todos los sectores.", True),
        ("implementation", "Cada acción del plan tendrá una organización responsable.", True),
        ("monitoring", "Se publicará un informe de avance cada semestre.", True),
        ("funding", "Se buscará que las empresas aporten el 20 % del presupuesto.", False),
    ]:
        CommitteeDecision.objects.create(
            meeting=meeting, topic=topic, text=text, consensus=consensus, published=True
        )


def _partners():
    partners = {}
    for name, country, scope, agreement, since, contact in PARTNERS:
        partners[name], created = PartnerCity.objects.get_or_create(
            name=name,
            country=country,
            defaults={
                "scope": scope,
                "agreement": agreement,
                "since": since,
                "contact_name": contact,
            },
        )
        if created:
            Exchange.objects.create(
                partner=partners[name],
                date=since + timedelta(days=120),
                topic="Festivales del aprendizaje",
                description="Intercambio sobre cómo organizar un festival del aprendizaje.",
            )
    return partners


def _networks(people):
    gnlc, created = NetworkMembership.objects.get_or_create(
        network="Red Mundial de Ciudades del Aprendizaje de la UNESCO (GNLC)",
        defaults={
            "is_gnlc": True,
            "website": "https://uil.unesco.org/lifelong-learning/learning-cities",
            "since": date(2024, 9, 1),
            "status": NetworkMembership.Status.ACTIVE,
            "focal_point": people["coordinator@example.org"],
            "obligations": "Informe bienal de avance y participación en las conferencias.",
        },
    )
    if created:
        NetworkObligation.objects.create(
            membership=gnlc, title="Informe bienal de avance", due=date(2026, 12, 31)
        )
    NetworkMembership.objects.get_or_create(
        network="Red Mexicana de Ciudades del Aprendizaje",
        defaults={"since": date(2023, 6, 1), "status": NetworkMembership.Status.ACTIVE},
    )


def _ministry(people):
    MinistryContact.objects.get_or_create(
        ministry="Secretaría de Educación Pública",
        subject="Alineación del plan con la estrategia nacional de educación a lo largo de la vida",
        defaults={
            "person": "Dirección General de Educación de Adultos",
            "date": date(2026, 3, 10),
            "strategy": "Estrategia Nacional de Educación a lo Largo de la Vida",
            "follow_up": "Enviar el borrador del plan de acción.",
            "follow_up_due": timezone.localdate() + timedelta(days=20),
            "recorded_by": people["staff@example.org"],
        },
    )


def _good_practices(partners):
    for title, source, partner, kind, areas, subjects in [
        ("Festival del aprendizaje en plazas públicas", "partner", "Medellín", "case_study", ["celebration"], "festival, espacio público"),
        ("Guía para construir una ciudad del aprendizaje", "gnlc", None, "tool", ["planning", "participation"], "plan de acción, guía"),
        ("Bibliotecas como espacios comunitarios de aprendizaje", "city", None, "case_study", ["accessibility"], "bibliotecas, comunidad"),
        ("Indicadores locales de aprendizaje a lo largo de la vida", "partner", "Hamburgo", "research", ["monitoring"], "indicadores"),
    ]:  # fmt: skip
        GoodPractice.objects.get_or_create(
            title=title,
            defaults={
                "summary": title + ".",
                "source": source,
                "partner": partners.get(partner),
                "kind": kind,
                "action_areas": areas,
                "subjects": subjects,
                "published": date(2026, 4, 1),
            },
        )


def _gnlc_activities():
    GnlcActivity.objects.get_or_create(
        title="Intercambio entre pares sobre espacios comunitarios",
        defaults={
            "kind": GnlcActivity.Kind.PEER_LEARNING,
            "date": date(2025, 10, 8),
            "place": "En línea",
            "participants": "Carolina Coordinadora, Bruno Biblioteca",
            "learned": "Los espacios comunitarios funcionan mejor con horarios nocturnos.",
        },
    )


# (person, kind, frequency) chosen by the demo accounts; the rest keep each kind's default.
NOTIFICATION_CHOICES = [
    ("stakeholder@example.org", notifications.ORGANISATION_VERIFIED, "weekly"),
    ("stakeholder@example.org", notifications.ORGANISATION_REJECTED, "daily"),
    ("citizen@example.org", notifications.INVITED, "daily"),
]


def _notifications(organisations, people):
    """A few notifications on the site for the demo accounts, waiting for their digests (the
    choices above keep seeding from e-mailing anyone)."""
    for email, kind, frequency in NOTIFICATION_CHOICES:
        NotificationPreference.objects.get_or_create(
            user=people[email], kind=kind, defaults={"frequency": frequency}
        )
    bruno, alicia = people["stakeholder@example.org"], people["citizen@example.org"]
    library = organisations["Biblioteca Pública Central"]
    if not Notification.objects.filter(recipient=bruno).exists():
        for name in ["Biblioteca Pública Central", "Museo de la Ciudad"]:
            notify(
                recipient=bruno,
                kind=notifications.ORGANISATION_VERIFIED,
                template="stakeholders/email/organisation_verified",
                context={"organisation": organisations[name]},
                link=organisations[name].get_absolute_url(),
            )
        # The older one read already, as someone who visits the portal now and then would have.
        first = Notification.objects.filter(recipient=bruno).order_by("pk").first()
        Notification.objects.filter(pk=first.pk).update(read_at=timezone.now())
    if not Notification.objects.filter(recipient=alicia).exists():
        invitation = OrganisationInvitation.objects.create(
            organisation=library, email=alicia.email, invited_by=bruno
        )
        notify(
            recipient=alicia,
            kind=notifications.INVITED,
            template="stakeholders/email/invitation",
            context={
                "invitation": invitation,
                "organisation": library,
                "inviter": bruno,
                "days": OrganisationInvitation.VALID_DAYS,
            },
            link=invitation.get_absolute_url(),
        )


ADDRESSES = {
    "Biblioteca Pública Central": "Avenida Madero Poniente 150, Centro, 58000 Villa Esperanza",
    "Museo de la Ciudad": "Calle Allende 267, Centro, 58000 Villa Esperanza",
    "Centro Comunitario Río Chico": "Calle del Río 12, Río Chico, 58260 Villa Esperanza",
}


def _addresses(organisations):
    """A street address for a few organisations, shown as text beside their place on the map."""
    for name, address in ADDRESSES.items():
        Organisation.objects.filter(pk=organisations[name].pk, address="").update(address=address)


def _invitations(organisations, people):
    """Open invitations for the inbox: one the library's admin sent, one addressed to them.
    Invitations expire after 14 days, so an expired one is replaced by a new one."""
    library = organisations["Biblioteca Pública Central"]
    for organisation, email, invited_by in [
        (library, "voluntariado@example.org", people["stakeholder@example.org"]),
        (organisations["Fundación Aprender Juntos"], "stakeholder@example.org", None),
    ]:
        answered_or_open = OrganisationInvitation.objects.filter(
            Q(accepted_at__isnull=False) | Q(expires_at__gt=timezone.now()),
            organisation=organisation,
            email=email,
        )
        if not answered_or_open.exists():
            OrganisationInvitation.objects.create(
                organisation=organisation, email=email, invited_by=invited_by
            )
