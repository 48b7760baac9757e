"""The demo city's events: this year's learning festival, a conference with a partner city, a
monthly celebration series, a paid activity and past events. Dates follow the day the demo is
loaded, so there is always something to come. Running it again changes nothing."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from events import services
from events.models import (
    Event,
    EventSeries,
    ExhibitorApplication,
    MediaCoverage,
    Registration,
    Session,
    Speaker,
    city_zone,
)
from learningcity.models import AccessibilityFeature, District, User
from planning.models import Action
from stakeholders.models import Organisation, PartnerCity

# slug | kind | days from today | start hour | hours | Spanish title | English title | district |
# venue | address | latitude | longitude | capacity | price | organiser slugs | features
EVENTS = [
    ("festival-del-aprendizaje", "festival", 21, 10, 8,
     "Festival del Aprendizaje", "Learning Festival", "centro",
     "Plaza de Armas", "Plaza de Armas s/n, Centro", "19.700100", "-101.192400", None, None,
     ["biblioteca-publica-central", "museo-de-la-ciudad", "casa-de-la-cultura-del-oriente"],
     ["step-free", "accessible-toilet", "sign-language", "childcare"]),
    ("conferencia-ciudades-que-aprenden", "conference", 45, 9, 9,
     "Conferencia Ciudades que Aprenden", "Learning Cities Conference", "centro",
     "Teatro Municipal", "Avenida Juárez 120, Centro", "19.703200", "-101.187500", 150, None,
     ["biblioteca-publica-central"], ["step-free", "hearing-loop", "captions"]),
    ("club-de-lectura-en-voz-alta", "activity", 10, 18, 2,
     "Club de lectura en voz alta", "Reading aloud club", "rio-chico",
     "Biblioteca Barrial Río Chico", "Calle del Río 45, Río Chico", "19.660000", "-101.130000", 2,
     None, ["biblioteca-barrial-rio-chico"], ["step-free", "large-print"]),
    ("taller-de-cocina-tradicional", "activity", 17, 11, 3,
     "Taller de cocina tradicional", "Traditional cooking workshop", "oriente",
     "Casa de la Cultura del Oriente", "Calle Morelos 8, Oriente", "19.695000", "-101.140000", 20,
     "150.00", ["casa-de-la-cultura-del-oriente"], []),
    ("festival-del-aprendizaje-anterior", "festival", -210, 10, 8,
     "Festival del Aprendizaje del año pasado", "Last year's Learning Festival", "centro",
     "Plaza de Armas", "Plaza de Armas s/n, Centro", "19.700100", "-101.192400", None, None,
     ["biblioteca-publica-central", "museo-de-la-ciudad"], ["step-free", "childcare"]),
    ("dia-de-la-lectura", "celebration", -40, 10, 6,
     "Día de la lectura", "Reading Day", "norte",
     "Parque del Norte", "Avenida Norte 300, Norte", "19.740000", "-101.190000", None, None,
     ["biblioteca-publica-central"], ["step-free"]),
]  # fmt: skip

SUMMARIES = {
    "festival-del-aprendizaje": (
        "Un día para aprender en la plaza: las organizaciones de la ciudad muestran sus cursos y ofrecen actividades prácticas para todas las edades.",
        "A day of learning in the square: the city's organisations show their courses and offer hands-on activities for every age.",
    ),
    "conferencia-ciudades-que-aprenden": (
        "Ciudades hermanas comparten su experiencia construyendo ciudades del aprendizaje. También en línea.",
        "Twinned cities share their experience of building learning cities. Online too.",
    ),
}
PROGRAMMES = {
    "festival-del-aprendizaje": (
        "10:00 Apertura con la banda municipal\n11:00 Talleres prácticos en las carpas de las organizaciones\n13:00 Cuentacuentos para familias\n16:00 Reconocimiento a personas que aprenden\n18:00 Cierre",
        "10:00 Opening with the municipal band\n11:00 Hands-on workshops in the organisations' tents\n13:00 Storytelling for families\n16:00 Recognition of learners\n18:00 Closing",
    ),
    "conferencia-ciudades-que-aprenden": (
        "9:00 Bienvenida\n10:00 Panel: la ciudad que aprende en tres continentes\n12:00 Mesas de trabajo por sector\n16:00 Conclusiones y acuerdos",
        "9:00 Welcome\n10:00 Panel: learning cities on three continents\n12:00 Working groups by sector\n16:00 Conclusions and agreements",
    ),
}


def seed():
    if Event.objects.exists():
        return
    staff = User.objects.filter(email="staff@example.org").first()
    zone = city_zone()
    today = timezone.localdate(timezone=zone)
    districts = {d.slug: d for d in District.objects.all()}
    features = {f.slug: f for f in AccessibilityFeature.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for (slug, kind, days, hour, hours, title_es, title_en, district, venue, address, lat, lon,
         capacity, price, organisers, accessibility) in EVENTS:  # fmt: skip
        starts_at = datetime.combine(today + timedelta(days=days), time(hour), tzinfo=zone)
        summary_es, summary_en = SUMMARIES.get(slug, ("", ""))
        programme_es, programme_en = PROGRAMMES.get(slug, ("", ""))
        event = services.event_save(
            event=Event(
                slug=slug,
                kind=kind,
                status=Event.Status.PUBLISHED,
                title_es=title_es,
                title_en=title_en,
                summary_es=summary_es,
                summary_en=summary_en,
                description_es=programme_es,
                description_en=programme_en,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=hours),
                district=districts.get(district),
                venue_name=venue,
                address=address,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                capacity=capacity,
                is_free=price is None,
                price=Decimal(price) if price else None,
                online_url="https://example.org/en-vivo" if kind == "conference" else "",
            ),
            by=staff,
        )
        event.organisers.set([organisations[s] for s in organisers if s in organisations])
        event.accessibility_features.set([features[s] for s in accessibility if s in features])
    _series(staff, zone, today, districts, organisations, features)
    _registrations()
    _conference_sessions()
    _coverage(today)
    _exhibitors(zone, today)
    _links_to_partners_and_plan()
    _proposal_sent_back(staff, zone, today, organisations)


def _proposal_sent_back(staff, zone, today, organisations):
    """The central library proposed an open day; staff sent it back for its address."""
    library = organisations.get("biblioteca-publica-central")
    admin = User.objects.filter(email="stakeholder@example.org").first()
    if library is None or admin is None:
        return
    starts_at = datetime.combine(today + timedelta(days=30), time(10), tzinfo=zone)
    event = services.event_propose(
        event=Event(
            slug="puertas-abiertas-biblioteca-central",
            kind=Event.Kind.ACTIVITY,
            title_es="Puertas abiertas de la Biblioteca Central",
            title_en="Central Library open day",
            summary_es="Visitas guiadas por los depósitos y un taller de encuadernación.",
            summary_en="Guided tours of the stacks and a bookbinding workshop.",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=4),
            venue_name="Biblioteca Pública Central",
            district=District.objects.filter(slug="centro").first(),
        ),
        organisation=library,
        by=admin,
    )
    services.event_review(
        event=event,
        by=staff,
        publish=False,
        message="Falta la dirección del acceso para el taller y el cupo máximo de personas.",
    )


def _links_to_partners_and_plan():
    """The conference invites the partner cities; the festivals serve the plan's first action."""
    conference = Event.objects.get(slug="conferencia-ciudades-que-aprenden")
    conference.invited_cities.set(PartnerCity.objects.all())
    action = Action.objects.filter(objective__plan__status="adopted").order_by("pk").first()
    if action:
        for event in Event.objects.filter(kind="festival"):
            event.plan_actions.add(action)


# What exhibitors show and the hands-on activity they offer, in turn.
SHOWING = [
    ("Cursos de alfabetización digital y préstamo de tabletas.", "Cree su primer correo electrónico."),
    ("Talleres de oficios y certificación de competencias.", "Arme un circuito eléctrico sencillo."),
    ("Libros, clubes de lectura y cuentacuentos.", "Escuche un cuento y dibuje el final."),
    ("Programas de educación ambiental y huertos urbanos.", "Siembre una planta para llevar."),
    ("Clases de música y danza para todas las edades.", "Aprenda un paso de danza tradicional."),
]  # fmt: skip


def _exhibitors(zone, today):
    """This year's festival takes exhibitors for two more weeks; twenty are accepted already,
    one waits for review."""
    festival = Event.objects.get(slug="festival-del-aprendizaje")
    festival.exhibitors_until = datetime.combine(today + timedelta(days=14), time(23), tzinfo=zone)
    festival.save(update_fields=["exhibitors_until"])
    organisations = Organisation.objects.filter(verified=True).order_by("pk")
    for number, organisation in enumerate(organisations[:21]):
        showing, activity = SHOWING[number % len(SHOWING)]
        ExhibitorApplication.objects.create(
            event=festival,
            organisation=organisation,
            showing=showing,
            activity=activity,
            needs="Una mesa, dos sillas y una toma de corriente.",
            status="accepted" if number < 20 else "pending",
            reviewed_at=timezone.now() if number < 20 else None,
        )


# event slug, outlet, headline, days from today
COVERAGE = [
    ("festival-del-aprendizaje-anterior", "El Diario de Villa Esperanza", "Miles de familias aprendieron en la plaza", -209),
    ("festival-del-aprendizaje-anterior", "Radio Comunitaria La Voz", "Entrevista con las organizaciones del festival", -211),
    ("dia-de-la-lectura", "Canal 7 Noticias", "La ciudad lee en el parque", -40),
]  # fmt: skip


def _coverage(today):
    """What the media said of the past events."""
    for slug, outlet, title, days in COVERAGE:
        MediaCoverage.objects.create(
            event=Event.objects.get(slug=slug),
            outlet=outlet,
            title=title,
            published_on=today + timedelta(days=days),
            url="https://example.org/noticias",
        )


# Spanish title, English title, hour, minutes long, room, speakers (name, affiliation, partner city)
SESSIONS = [
    ("Bienvenida de la alcaldía", "Welcome from the mayor's office", 9, 30, "Sala principal", [("Laura Méndez", "Alcaldía de Villa Esperanza", None)]),
    ("Panel: la ciudad que aprende en tres continentes", "Panel: learning cities on three continents", 10, 90, "Sala principal", [("Carolina Mejía", "Secretaría de Educación de Medellín", "Medellín"), ("Petra Lang", "Behörde für Schule und Berufsbildung", "Hamburgo")]),
    ("Bibliotecas como centros comunitarios", "Libraries as community centres", 12, 60, "Sala 2", [("Tomás Vega", "Red de bibliotecas de Puerto Claro", "Puerto Claro")]),
    ("Mesas de trabajo por sector", "Working groups by sector", 14, 120, "Salas 2 y 3", []),
    ("Conclusiones y acuerdos", "Conclusions and agreements", 16, 60, "Sala principal", [("Laura Méndez", "Alcaldía de Villa Esperanza", None)]),
]  # fmt: skip


def _conference_sessions():
    """The conference's programme, with speakers from the twinned and partner cities."""
    conference = Event.objects.get(slug="conferencia-ciudades-que-aprenden")
    day = timezone.localtime(conference.starts_at, city_zone()).date()
    partners = {city.name: city for city in PartnerCity.objects.all()}
    speakers = {}
    for title_es, title_en, hour, minutes, room, people in SESSIONS:
        starts_at = datetime.combine(day, time(hour), tzinfo=city_zone())
        session = Session.objects.create(
            event=conference,
            title_es=title_es,
            title_en=title_en,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            room=room,
        )
        for name, affiliation, city in people:
            if name not in speakers:
                speakers[name] = Speaker.objects.create(
                    name=name, affiliation=affiliation, partner_city=partners.get(city)
                )
            session.speakers.add(speakers[name])


def _registrations():
    """The reading club is full: the citizen and a guest hold its two places, and another guest
    waits. Made as rows, without the e-mails the services would send."""
    club = Event.objects.get(slug="club-de-lectura-en-voz-alta")
    citizen = User.objects.filter(email="citizen@example.org").first()
    asked = timezone.now() - timedelta(days=3)
    people = [
        (citizen, "", "", Registration.Status.CONFIRMED),
        (None, "Rosa Pérez", "rosa.perez@example.org", Registration.Status.CONFIRMED),
        (None, "Tomás Ruiz", "tomas.ruiz@example.org", Registration.Status.WAITLISTED),
    ]
    for position, (user, name, email, status) in enumerate(people):
        if user is not None:
            name, email = user.full_name, user.email
        if not email:
            continue
        Registration.objects.create(
            event=club,
            user=user,
            name=name,
            email=email,
            status=status,
            language="es",
            requested_at=asked + timedelta(hours=position),
        )


def _series(staff, zone, today, districts, organisations, features):
    """The first Saturday of each month in the neighbourhood library: one past, six to come."""
    first_of_month = today.replace(day=1) - timedelta(days=40)
    first_of_month = first_of_month.replace(day=1)
    first_saturday = first_of_month + timedelta(days=(5 - first_of_month.weekday()) % 7)
    starts_at = datetime.combine(first_saturday, time(11), tzinfo=zone)
    series = services.series_save(
        series=EventSeries(
            slug="sabado-de-aprender",
            kind=EventSeries._meta.get_field("kind").default,
            title_es="Sábado de aprender en el barrio",
            title_en="Learning Saturday in the neighbourhood",
            summary_es="Cada primer sábado del mes, juegos, lectura y talleres para familias.",
            summary_en="Every first Saturday of the month, games, reading and workshops for families.",
            starts_at=starts_at,
            duration=timedelta(hours=3),
            rule="FREQ=MONTHLY;BYDAY=1SA",
        ),
        by=staff,
    )
    model = services.event_save(
        event=Event(
            slug=f"sabado-de-aprender-{first_saturday:%Y-%m-%d}",
            series=series,
            kind=series.kind,
            status=Event.Status.PUBLISHED,
            title_es=series.title_es,
            title_en=series.title_en,
            summary_es=series.summary_es,
            summary_en=series.summary_en,
            starts_at=starts_at,
            ends_at=starts_at + series.duration,
            district=districts.get("rio-chico"),
            venue_name="Biblioteca Barrial Río Chico",
            address="Calle del Río 45, Río Chico",
            latitude=Decimal("19.660000"),
            longitude=Decimal("-101.130000"),
        ),
        by=staff,
    )
    organiser = organisations.get("biblioteca-barrial-rio-chico")
    if organiser:
        model.organisers.set([organiser])
    model.accessibility_features.set(
        [f for s, f in features.items() if s in {"step-free", "childcare"}]
    )
    until = datetime.combine(today + timedelta(days=190), time(23), tzinfo=zone)
    services.series_schedule(series=series, model=model, until=until, by=staff)
