"""The demo city's learning provision: about forty community learning spaces across the
districts and three hundred opportunities, made deterministically from the small tables below
(the same names, places and dates relative to the day it is loaded, every time). Running it
again changes nothing."""

import random
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from learningcity.models import AccessibilityFeature, District, TargetGroup, User
from provision import learning_orgs, search, services
from provision.learning_org_models import ASSESSMENT_ITEMS, BarrierReport
from provision.models import (
    GuidancePoint,
    Language,
    LearningNeed,
    LearningSpace,
    Opportunity,
    Published,
    Rating,
    Resource,
    Subject,
    SupportRequest,
)
from provision.recognition_models import RecognitionApplication, RecognitionProcedure
from provision.reference import ensure_reference_lists
from stakeholders.demo import DISTRICTS
from stakeholders.models import Organisation

OPPORTUNITIES = 300

SUBJECTS = [
    ("literacy", "Alfabetización", "Literacy"),
    ("digital-skills", "Habilidades digitales", "Digital skills"),
    ("languages", "Idiomas", "Languages"),
    ("arts", "Artes y oficios", "Arts and crafts"),
    ("music", "Música", "Music"),
    ("health", "Salud y bienestar", "Health and well-being"),
    ("work", "Empleo y emprendimiento", "Work and enterprise"),
    ("environment", "Medio ambiente", "Environment"),
    ("reading", "Lectura", "Reading"),
    ("finance", "Finanzas personales", "Personal finance"),
    ("parenting", "Crianza y familia", "Parenting and family"),
    ("school-support", "Apoyo escolar", "Homework support"),
]

# subject | Spanish name | English name | description in Spanish | in English
COURSES = [
    ("literacy", "Aprender a leer y escribir", "Learning to read and write", "Grupos pequeños para personas adultas que quieren leer y escribir con confianza.", "Small groups for adults who want to read and write with confidence."),
    ("literacy", "Primaria para personas adultas", "Primary school for adults", "Termine la primaria a su ritmo, con asesoría y exámenes oficiales.", "Finish primary school at your own pace, with tutoring and official exams."),
    ("digital-skills", "Computación básica", "Computer basics", "Use el ratón y el teclado, escriba documentos y navegue por internet con seguridad.", "Use the mouse and keyboard, write documents and browse the internet safely."),
    ("digital-skills", "Trámites en línea", "Public services online", "Haga sus trámites, citas y pagos por internet sin salir de casa.", "Do your paperwork, appointments and payments online without leaving home."),
    ("digital-skills", "Programación para principiantes", "Coding for beginners", "Primeros pasos en programación con proyectos sencillos.", "First steps in coding with simple projects."),
    ("languages", "Inglés para principiantes", "English for beginners", "Conversación cotidiana en inglés para quien empieza desde cero.", "Everyday English conversation for complete beginners."),
    ("languages", "Español para personas migrantes", "Spanish for migrants", "Español para la vida diaria, el trabajo y los trámites.", "Spanish for daily life, work and paperwork."),
    ("languages", "Lengua de señas mexicana", "Mexican Sign Language", "Aprenda a comunicarse con personas sordas en su barrio.", "Learn to talk with deaf people in your neighbourhood."),
    ("languages", "Purépecha para todos", "Purépecha for everyone", "La lengua de la región, con hablantes de la comunidad.", "The region's language, taught by community speakers."),
    ("arts", "Taller de bordado", "Embroidery workshop", "Técnicas tradicionales de bordado y diseño propio.", "Traditional embroidery techniques and your own designs."),
    ("arts", "Fotografía con el celular", "Phone photography", "Saque mejores fotos con su teléfono y compártalas.", "Take better photos with your phone and share them."),
    ("arts", "Cerámica y alfarería", "Pottery", "Modele y cueza sus piezas con artesanos locales.", "Shape and fire your pieces with local craftspeople."),
    ("music", "Coro comunitario", "Community choir", "Cante en grupo; no hace falta experiencia.", "Sing together; no experience needed."),
    ("music", "Guitarra para principiantes", "Guitar for beginners", "Acordes básicos y canciones populares.", "Basic chords and popular songs."),
    ("health", "Nutrición para la familia", "Nutrition for the family", "Comida sana y económica para toda la familia.", "Healthy, affordable food for the whole family."),
    ("health", "Primeros auxilios", "First aid", "Qué hacer ante una emergencia hasta que llegue la ayuda.", "What to do in an emergency until help arrives."),
    ("health", "Yoga y memoria para personas mayores", "Yoga and memory for older adults", "Movimiento suave y ejercicios de memoria.", "Gentle movement and memory exercises."),
    ("work", "Cómo buscar empleo", "Finding a job", "Currículum, entrevistas y bolsas de trabajo.", "CVs, interviews and job boards."),
    ("work", "Emprenda su negocio", "Start your business", "De la idea al plan de negocio, con mentoría.", "From the idea to a business plan, with mentoring."),
    ("work", "Atención al cliente", "Customer service", "Habilidades para trabajar de cara al público.", "Skills for working with the public."),
    ("environment", "Huertos urbanos", "Urban gardening", "Cultive alimentos en patios, azoteas y balcones.", "Grow food in yards, roofs and balconies."),
    ("environment", "Reciclaje y compostaje", "Recycling and composting", "Reduzca la basura de su casa y haga composta.", "Cut your household waste and make compost."),
    ("reading", "Club de lectura", "Reading club", "Leemos y conversamos un libro al mes.", "We read and talk about one book a month."),
    ("reading", "Cuentacuentos en familia", "Family storytelling", "Cuentos y juegos para niñas, niños y sus familias.", "Stories and games for children and their families."),
    ("finance", "Finanzas para el hogar", "Household finances", "Presupuesto, ahorro y cómo evitar deudas.", "Budgeting, saving and avoiding debt."),
    ("parenting", "Escuela para madres y padres", "Parenting school", "Acompañe el aprendizaje de sus hijas e hijos.", "Support your children's learning."),
    ("school-support", "Tareas dirigidas", "Homework club", "Apoyo con las tareas escolares por las tardes.", "Help with homework in the afternoons."),
    ("school-support", "Preparación para el examen de bachillerato", "Getting ready for the upper-secondary exam", "Repaso de matemáticas y lectura con tutores.", "Maths and reading revision with tutors."),
]  # fmt: skip

# kind | Spanish name | English name, "{}" the neighbourhood | resources
SPACE_KINDS = [
    ("library", "Biblioteca {}", "{} Library", ["childrens-corner", "computers", "wifi", "study-rooms"]),
    ("community_centre", "Centro Comunitario {}", "{} Community Centre", ["meeting-rooms", "childrens-corner", "computers"]),
    ("school", "Escuela Abierta {}", "{} Open School", ["study-rooms", "computers", "garden"]),
    ("community_centre", "Casa de Cultura {}", "{} House of Culture", ["meeting-rooms", "toy-library", "wifi"]),
    ("other", "Plaza Comunitaria {}", "{} Community Learning Point", ["computers", "printing", "wifi"]),
    ("library", "Sala de Lectura {}", "{} Reading Room", ["childrens-corner", "study-rooms"]),
]  # fmt: skip

NEIGHBOURHOODS = {
    "centro": ["San Agustín", "Las Rosas"],
    "norte": ["El Porvenir", "Lomas del Norte"],
    "sur": ["La Huerta", "Santa María"],
    "oriente": ["Jardines", "La Soledad"],
    "poniente": ["Tenencia Morelos", "Camelinas"],
    "las-lomas": ["Mirador", "Las Lomas"],
    "rio-chico": ["Ribera", "El Molino"],
}

STREETS = ["Calle Hidalgo", "Avenida Morelos", "Calle Allende", "Calle Abasolo", "Avenida Madero", "Calle Guerrero"]  # fmt: skip

# A space's organisation, by kind, from the demo organisations.
RUN_BY = {
    "library": "biblioteca-publica-central",
    "community_centre": "dif-municipal",
    "school": "secretaria-de-educacion-municipal",
    "other": "plaza-comunitaria-del-instituto-de-educacion-para-adultos",
}
WEEKDAYS = [(1, 5), (2, 6)]

# district | Spanish name | English name | address | (latitude, longitude)
GUIDANCE_POINTS = [
    ("centro", "Punto de Orientación del Centro", "City Centre Guidance Point", "Portal Hidalgo 12, San Agustín", ("19.700000", "-101.190000")),
    ("norte", "Punto de Orientación del Norte", "North Guidance Point", "Avenida Morelos 310, El Porvenir", ("19.742000", "-101.195000")),
    ("oriente", "Punto de Orientación del Oriente", "East Guidance Point", "Calle Allende 88, Jardines", ("19.701000", "-101.128000")),
    ("sur", "Punto de Orientación del Sur", "South Guidance Point", "Calle Guerrero 45, La Huerta", ("19.658000", "-101.188000")),
]  # fmt: skip
WHEN = [
    ("Lunes y miércoles", "Mondays and Wednesdays"),
    ("Martes y jueves", "Tuesdays and Thursdays"),
    ("Sábados", "Saturdays"),
    ("Viernes", "Fridays"),
]


def seed():
    ensure_reference_lists(Resource, Language)
    staff = User.objects.filter(email="staff@example.org").first()
    if not (LearningSpace.objects.exists() or Opportunity.objects.exists()):
        rng = random.Random(15)
        subjects = _subjects()
        spaces = _spaces(rng, staff)
        _opportunities(rng, staff, subjects, spaces)
        search.reindex()
    if not GuidancePoint.objects.exists():
        _guidance_points(staff)
    if not Rating.objects.exists():
        _ratings(staff)
    if not LearningNeed.objects.exists():
        _needs(staff)
    if not RecognitionProcedure.objects.exists():
        _recognition()
    if not SupportRequest.objects.exists():
        _learning_orgs(staff)


# stars | what the learner wrote
OPINIONS = [
    (5, "Muy claro y con mucha paciencia. Lo recomiendo."),
    (4, "Me sirvió mucho; el horario me acomoda."),
    (5, ""),
    (3, "Bien, aunque el grupo era grande."),
    (4, "Buen ambiente y materiales útiles."),
    (2, "Empezó tarde varias veces."),
]


def _ratings(staff):
    """Ratings by the demo's people of opportunities that have started: most published, some
    waiting for the moderator, a few answered by the provider."""
    moderator = User.objects.filter(email="moderator@example.org").first() or staff
    people = list(User.objects.filter(is_active=True).order_by("pk")[:8])
    started = Opportunity.objects.public().filter(starts_on__lte=timezone.localdate())
    if moderator is None or not people:
        return
    for number, opportunity in enumerate(
        started.select_related("organization").order_by("pk")[:30]
    ):
        for turn in range(1 + number % 4):
            stars, comment = OPINIONS[(number + turn) % len(OPINIONS)]
            rating = services.rating_submit(
                opportunity=opportunity,
                author=people[(number + turn) % len(people)],
                stars=stars,
                comment=comment,
                attended=True,
            )
            if (number + turn) % 7 == 6:
                continue  # left for the moderator's queue
            rating = services.rating_moderate(rating=rating, approve=True, by=moderator)
            member = opportunity.organization.memberships.select_related("user").first()
            if comment and member and number % 3 == 0 and turn == 0:
                services.rating_respond(
                    rating=rating,
                    response="¡Gracias! Le esperamos en el próximo grupo.",
                    by=member.user,
                )


def _guidance_points(staff):
    districts = {d.slug: d for d in District.objects.all()}
    for slug, name_es, name_en, address, (latitude, longitude) in GUIDANCE_POINTS:
        services.guidance_point_save(
            point=GuidancePoint(
                name_es=name_es,
                name_en=name_en,
                description_es="Le escuchamos, le explicamos qué hay para aprender y le "
                "ayudamos a inscribirse. Sin cita.",
                description_en="We listen, explain what there is to learn and help you "
                "enrol. No appointment needed.",
                address=address,
                district=districts.get(slug),
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
                hours_es="Lunes a viernes, de 9:00 a 14:00 y de 16:00 a 19:00",
                hours_en="Monday to Friday, 9 am–2 pm and 4–7 pm",
                phone="443 310 2026",
                email="orientacion@example.org",
            ),
            by=staff,
        )


def _subjects():
    return {
        slug: Subject.objects.get_or_create(
            slug=slug, defaults={"name_es": name_es, "name_en": name_en}
        )[0]
        for slug, name_es, name_en in SUBJECTS
    }


def _point(rng, box):
    west, south, east, north = box
    margin = 0.004
    latitude = rng.uniform(south + margin, north - margin)
    longitude = rng.uniform(west + margin, east - margin)
    return Decimal(f"{latitude:.6f}"), Decimal(f"{longitude:.6f}")


def _spaces(rng, staff):
    districts = {d.slug: d for d in District.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    features = list(AccessibilityFeature.objects.order_by("slug"))
    resources = {r.slug: r for r in Resource.objects.all()}
    spaces = []
    for slug, _es, _en, _population, box in DISTRICTS:
        for number, (kind, name_es, name_en, offered) in enumerate(SPACE_KINDS):
            neighbourhood = NEIGHBOURHOODS[slug][number % 2]
            latitude, longitude = _point(rng, box)
            space = services.space_save(
                space=LearningSpace(
                    name_es=name_es.format(neighbourhood),
                    name_en=name_en.format(neighbourhood),
                    description_es="Un espacio abierto a todas las personas del barrio.",
                    description_en="A space open to everyone in the neighbourhood.",
                    kind=kind,
                    status=Published.PUBLISHED,
                    organization=organisations.get(RUN_BY[kind]),
                    address=f"{STREETS[(number + len(spaces)) % len(STREETS)]} {10 + rng.randrange(400)}, {neighbourhood}",
                    district=districts.get(slug),
                    latitude=latitude,
                    longitude=longitude,
                    phone=f"443 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
                    childcare="childrens-corner" in offered or "toy-library" in offered,
                    interpreters=number % 3 == 0,
                    easy_read=kind == LearningSpace.Kind.LIBRARY,
                ),
                by=staff,
            )
            space.accessibility_features.set(rng.sample(features, k=rng.randrange(1, 5)))
            space.resources.set([resources[r] for r in offered if r in resources])
            first, last = WEEKDAYS[number % 2]
            hours = [(day, time(9), time(14)) for day in range(first, last + 1)]
            hours += [(day, time(16), time(19)) for day in range(first, last + 1, 2)]
            services.opening_hours_set(space=space, hours=hours, by=staff)
            spaces.append(space)
    return spaces


def _opportunities(rng, staff, subjects, spaces):
    today = timezone.localdate()
    providers = list(Organisation.objects.filter(verified=True).order_by("slug")) or list(
        Organisation.objects.order_by("slug")
    )
    groups = list(TargetGroup.objects.order_by("slug"))
    languages = {language.slug: language for language in Language.objects.all()}
    formats = Opportunity.Format
    for number in range(OPPORTUNITIES):
        subject, name_es, name_en, description_es, description_en = COURSES[number % len(COURSES)]
        space = spaces[(number * 7) % len(spaces)]
        format_ = [formats.IN_PERSON] * 7 + [formats.ONLINE, formats.BLENDED, formats.BLENDED]
        format_ = format_[number % 10]
        starts_on = today + timedelta(days=rng.randrange(-60, 120)) if number % 9 else None
        free = number % 4 != 0
        recognised = number % 5 == 0
        slots = rng.choice([(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 0, 1), (0, 1, 1)])
        when_es, when_en = rng.choice(WHEN)
        opportunity = services.opportunity_save(
            opportunity=Opportunity(
                name_es=name_es,
                name_en=name_en,
                slug=f"{slugify(name_es)[:100]}-{number + 1}",
                description_es=description_es,
                description_en=description_en,
                status=Published.DRAFT if number % 20 == 19 else Published.PUBLISHED,
                organization=providers[number % len(providers)],
                format=format_,
                location=None if format_ == formats.ONLINE else space,
                url="" if format_ == formats.IN_PERSON else "https://example.org/aula-virtual",
                is_free=free,
                fees_description_es=""
                if free
                else f"{rng.choice([150, 300, 450])} pesos al mes; descuento para estudiantes.",
                fees_description_en="" if free else "Monthly fee; student discount.",
                mornings=bool(slots[0]),
                evenings=bool(slots[1]),
                weekends=bool(slots[2]),
                schedule_description_es=when_es,
                schedule_description_en=when_en,
                starts_on=starts_on,
                ends_on=starts_on + timedelta(weeks=rng.choice([4, 8, 12, 16]))
                if starts_on
                else None,
                recognition_available=recognised,
                recognition_es="Constancia con valor curricular" if recognised else "",
                recognition_en="Certificate recognised by employers" if recognised else "",
                # Flexible arrangements for marginalised groups on some of them.
                childcare=number % 6 == 1,
                interpreters=subject == "languages" or number % 13 == 2,
                easy_read=subject == "literacy" or number % 9 == 4,
                outreach=number % 11 == 3,
            ),
            by=staff,
        )
        opportunity.subjects.set([subjects[subject]])
        spoken = ["es"] + (["en"] if subject == "languages" and number % 3 == 0 else [])
        if "señas" in name_es:
            spoken.append("lsm")
        if "Purépecha" in name_es:
            spoken.append("tsz")
        opportunity.languages.set([languages[code] for code in spoken if code in languages])
        opportunity.target_groups.set(rng.sample(groups, k=rng.randrange(0, 3)) if groups else [])


# subject (or None) | in the person's words | details | target groups | barriers
NEEDS = [
    (
        "digital-skills",
        "",
        "Quiero hacer mis trámites del banco en el celular.",
        ["older-adults"],
        ["time"],
    ),
    (
        "languages",
        "",
        "Español para el trabajo, por las tardes.",
        ["migrant-families"],
        ["cost", "childcare"],
    ),
    (None, "Reparación de bicicletas", "", ["young-people", "unemployed"], ["cost"]),
    ("work", "", "Cómo abrir un pequeño negocio de comida.", ["unemployed"], ["cost", "transport"]),
    ("literacy", "", "", ["special-learning-needs"], ["disability", "transport"]),
    ("parenting", "", "Algo para madres y padres con bebés.", ["families"], ["childcare"]),
    (
        "school-support",
        "",
        "Apoyo con las tareas de secundaria.",
        ["migrant-families", "families"],
        ["language"],
    ),
    (None, "Lengua de señas para la familia", "", ["people-with-disabilities"], ["disability"]),
    ("health", "", "Cocina saludable con poco dinero.", [], ["cost", "other"]),
    ("finance", "", "", ["older-adults"], ["time"]),
]
ANSWER = (
    "Gracias por escribirnos. Encontramos estos cursos cerca de usted; si ninguno le acomoda, "
    "un punto de orientación le ayuda a inscribirse."
)


def _needs(staff):
    """Learning needs in every district: most answered with opportunities of their subject,
    the rest waiting in the staff's inbox, so the target-group pages show some gaps."""
    subjects = {subject.slug: subject for subject in Subject.objects.all()}
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    districts = list(District.objects.order_by("slug"))
    if not districts or not subjects:
        return
    for number in range(len(districts) * 4):
        subject, own_words, details, group_slugs, barriers = NEEDS[number % len(NEEDS)]
        district = districts[number % len(districts)]
        need = services.need_submit(
            need=LearningNeed(
                subject=subjects.get(subject),
                subject_other=own_words,
                details=details,
                district=district,
                mornings=number % 3 == 0,
                evenings=number % 3 == 1,
                weekends=number % 2 == 0,
                language="es",
                **{f"barrier_{code}": True for code in barriers},
            ),
            target_groups=[groups[slug] for slug in group_slugs if slug in groups],
        )
        if staff is None or number % 3 == 2 or subject is None:
            continue
        answers = (
            Opportunity.objects.public()
            .filter(subjects=need.subject, district=district)
            .order_by("pk")[:2]
        )
        services.need_respond(
            need=need,
            status=LearningNeed.Status.CLOSED if number % 5 == 4 else LearningNeed.Status.ANSWERED,
            response=ANSWER,
            opportunities=list(answers),
            by=staff,
        )


# Recognition of non-formal learning: two procedures of the stakeholder's library, which its
# admin assesses, with applications in every state and credentials issued, one withdrawn.
# slug | Spanish title | English title | level | credits | what is assessed (es) | (en)
PROCEDURES = [
    ("mediacion-de-lectura", "Mediación de lectura con familias", "Reading mediation with families",
     "Nivel 3 del Marco Nacional de Cualificaciones", Decimal("6.0"),
     "Preparar y conducir sesiones de lectura en voz alta para familias con niñas y niños pequeños.",
     "Preparing and leading read-aloud sessions for families with young children."),
    ("competencias-digitales", "Competencias digitales básicas", "Basic digital skills",
     "Nivel 2 del Marco Nacional de Cualificaciones", Decimal("4.0"),
     "Usar el correo, los trámites en línea y la navegación segura, y ayudar a otras personas.",
     "Using e-mail, online public services and safe browsing, and helping others do so."),
]  # fmt: skip
ASSESSMENT = (
    "Entrevista de 30 minutos y revisión de la evidencia por una persona asesora de la biblioteca.",
    "A 30-minute interview and a review of the evidence by an assessor of the library.",
)
# procedure | applicant's e-mail | what they learned | decision ("" = waiting) | reasons
APPLICATIONS = [
    (0, "moderator@example.org", "Dos años leyendo cuentos en la sala infantil los sábados.", "", ""),
    (0, "coordinator@example.org", "Coordino el club de lectura de mi colonia desde 2022.", "accept",
     "La evidencia muestra sesiones bien preparadas y la entrevista lo confirmó."),
    (0, "staff@example.org", "He leído a mis sobrinos muchas veces.", "reject",
     "Hace falta evidencia de sesiones con grupos de familias; puede volver a solicitarlo."),
    (1, "citizen@example.org", "Ayudo a personas mayores con sus trámites en línea en el centro comunitario.",
     "accept", "Domina los trámites y explica con paciencia; la observación lo confirmó."),
    (1, "moderator@example.org", "Uso el correo y las redes sociales todos los días.", "withdraw", ""),
    (1, "staff@example.org", "Curso en línea de seguridad digital.", "accept",
     "El certificado del curso y la entrevista muestran lo aprendido."),
    (1, "coordinator@example.org", "Enseño a mis vecinos a usar el teléfono.", "", ""),
]  # fmt: skip


def _recognition():
    # Imported here: provision.recognition imports the services, which import this module's.
    from provision import recognition

    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    assessor = people.get("stakeholder@example.org")
    coordinator = people.get("coordinator@example.org")
    library = Organisation.objects.filter(memberships__user=assessor, verified=True).first()
    if assessor is None or library is None:
        return
    procedures = []
    for slug, title_es, title_en, level, credits, assessed_es, assessed_en in PROCEDURES:
        procedure = RecognitionProcedure(
            provider=library,
            slug=slug,
            title_es=title_es,
            title_en=title_en,
            assessed_es=assessed_es,
            assessed_en=assessed_en,
            assessment_es=ASSESSMENT[0],
            assessment_en=ASSESSMENT[1],
            evidence_guidance_es="Fotos, constancias o un enlace a su trabajo.",
            evidence_guidance_en="Photos, certificates or a link to your work.",
            framework_level=level,
            credits=credits,
        )
        procedures.append(
            recognition.procedure_save(procedure=procedure, assessors=[assessor], by=assessor)
        )
    for number, email, statement, decision, reasons in APPLICATIONS:
        applicant = people.get(email)
        if applicant is None:
            continue
        application = recognition.application_submit(
            application=RecognitionApplication(
                statement=statement, evidence_url=f"https://example.org/portafolio/{applicant.pk}"
            ),
            procedure=procedures[number],
            by=applicant,
        )
        if decision == "withdraw":
            recognition.application_withdraw(application=application, by=applicant)
        elif decision:
            recognition.application_decide(
                application=application, accept=decision == "accept", reasons=reasons, by=assessor
            )
    withdrawn = (
        RecognitionApplication.objects.filter(
            applicant__email="staff@example.org", procedure=procedures[1], credential__isnull=False
        )
        .select_related("credential")
        .first()
    )
    if withdrawn is not None and coordinator is not None:
        recognition.credential_withdraw(
            credential=withdrawn.credential,
            reason="La constancia del curso presentada no era auténtica.",
            by=coordinator,
        )


# Learning organisations: the stakeholder's library and three more, each with a demo person as
# its admin (the stakeholders' demo gives only the library one), who acts for it.
LEARNING_ORGS = 4
COMMITMENT_SETS = [
    (["staff_learning_time", "mentoring", "open_premises"], "Dos horas a la semana de formación para todo el personal, mentoría para quien llega y salas abiertas al barrio por las tardes."),
    (["staff_learning_time", "mentoring"], "Cada persona del equipo tendrá un plan de aprendizaje y una mentora o un mentor antes de fin de año."),
    (["open_premises"], "Abrimos nuestra sala de computadoras a los grupos de la ciudad los sábados."),
    (["mentoring", "open_premises"], "Acompañamos a jóvenes aprendices y prestamos nuestro taller a cursos comunitarios."),
]  # fmt: skip
SUPPORT = [
    ("advice", "¿Cómo organizamos el tiempo de formación sin cerrar el servicio?", "submitted", ""),
    ("training", "Un taller de mentoría para diez personas del equipo.", "in_progress", "Lo programamos con el centro de formación municipal; le escribimos con las fechas."),
    ("partner", "Buscamos una organización con la que compartir cursos de computación.", "answered", "La Fundación Aprender Juntos busca lo mismo; les pusimos en contacto."),
    ("advice", "Modelo de plan de aprendizaje individual.", "closed", "Le enviamos el modelo y una guía para usarlo."),
]  # fmt: skip
# kind | what happened | status | answer | shown on the space's page
BARRIER_REPORTS = [
    ("access", "La rampa de la entrada está bloqueada por macetas.", "resolved", "Quitamos las macetas y pusimos una señal. Gracias por avisar.", True),
    ("information", "No hay ningún letrero que diga dónde es el taller.", "in_progress", "Estamos haciendo letreros nuevos para la entrada y los pasillos.", True),
    ("hours", "Cierran a las 14:00 y trabajo hasta las 15:00.", "closed", "Por ahora no podemos cambiar el horario; hay grupos por la tarde en el centro comunitario del barrio.", False),
    ("language", "Nadie pudo explicarme la inscripción en inglés.", "new", "", False),
    ("cost", "No me dijeron que los materiales se pagan aparte.", "new", "", False),
]  # fmt: skip


def _learning_admin(organisation, number):
    admin = (
        organisation.memberships.filter(role="admin").select_related("user").order_by("pk").first()
    )
    if admin is not None:
        return admin.user
    person, _created = User.objects.get_or_create(
        email=f"aprendizaje{number}@example.org",
        defaults={"full_name": f"Responsable de aprendizaje {number}", "preferred_language": "es"},
    )
    organisation.memberships.get_or_create(user=person, defaults={"role": "admin"})
    return person


def _learning_orgs(staff):
    """Pledged organisations with their self-assessments (this year and the last), reports,
    a request for support in every state, checklists on the library's spaces, and barriers
    people reported, answered or waiting."""
    if staff is None:
        return
    year = timezone.localdate().year
    first = Organisation.objects.filter(slug=RUN_BY["library"], verified=True)
    others = Organisation.objects.filter(verified=True).exclude(slug=RUN_BY["library"])
    chosen = list(first) + list(others.order_by("slug")[: LEARNING_ORGS - len(first)])
    for number, organisation in enumerate(chosen):
        admin = _learning_admin(organisation, number + 1)
        commitments, statement = COMMITMENT_SETS[number % len(COMMITMENT_SETS)]
        learning_orgs.pledge_save(
            organisation=organisation, commitments=commitments, statement=statement, by=admin
        )
        for past, when in enumerate((year - 1, year)):
            answers = {
                code: (
                    min(4, 1 + (index + number + past) % 4),
                    "Vamos avanzando." if index % 3 == 0 else "",
                )
                for index, (code, _label) in enumerate(ASSESSMENT_ITEMS)
            }
            learning_orgs.self_assessment_save(
                organisation=organisation, year=when, answers=answers, by=admin
            )
        learning_orgs.yearly_report_save(
            organisation=organisation,
            year=year - 1,
            text="Veinte personas del equipo tomaron cursos; abrimos la sala dos tardes por "
            "semana y recibimos a tres grupos de la ciudad.",
            by=admin,
        )
        kind, description, status, answer = SUPPORT[number % len(SUPPORT)]
        support = learning_orgs.support_request_submit(
            organisation=organisation, kind=kind, description=description, by=admin
        )
        if status != "submitted":
            learning_orgs.support_request_update(
                support_request=support, status=status, response=answer, by=staff
            )
    library = chosen[0] if chosen and chosen[0].slug == RUN_BY["library"] else None
    if library is not None:
        admin = _learning_admin(library, 1)
        for number, space in enumerate(library.learning_spaces.order_by("pk")[:4]):
            ticked = [
                "welcome",
                "signage",
                "hours",
                "languages",
                "accessibility",
                "costs_explained",
            ]
            learning_orgs.checklist_save(
                space=space,
                ticked=ticked[: 6 - number],
                note="Pregunte en el mostrador por la visita guiada." if number == 0 else "",
                by=admin,
            )
    spaces = list(LearningSpace.objects.public().order_by("pk")[:5])
    for space, (kind, description, status, answer, public) in zip(
        spaces, BARRIER_REPORTS, strict=False
    ):
        report = learning_orgs.barrier_submit(
            report=BarrierReport(
                space=space,
                kind=kind,
                description=description,
                email="" if kind == "cost" else "vecina@example.org",
                language="es",
            )
        )
        if status != "new":
            learning_orgs.barrier_respond(
                report=report, status=status, response=answer, is_public=public, by=staff
            )
