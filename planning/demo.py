"""The demo plan "Ciudad que aprende 2026–2030": 5 themes, 10 objectives, 40 actions."""

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from learningcity.models import CityProfile, Sector, User
from learningcity.permissions import ORG_ADMIN
from planning.demo_english import seed_english
from planning.models import (
    Action,
    ActionContact,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    CommentPeriod,
    Consultation,
    ConsultationParticipant,
    DraftComment,
    KflcFocus,
    Milestone,
    Objective,
    PlanChange,
    ProgressUpdate,
    Proposal,
    ProposalScore,
    StocktakeEntry,
    Theme,
    Workshop,
    WorkshopMaterial,
    WorkshopParticipation,
)
from planning.services import plan_create_version
from stakeholders.models import Membership, MinistryContact, Organisation

THEMES = [
    ("Aprender en familia y en comunidad", "Muchas familias no encuentran espacios cercanos para aprender juntas.", "Consulta con líderes de barrio y bibliotecas"),
    ("Del aprendizaje al trabajo", "El desempleo juvenil supera el 15 % y las empresas no encuentran personal formado.", "Cámara de Comercio y sindicatos"),
    ("Nadie se queda atrás", "Las familias migrantes y las personas con necesidades especiales tienen menos acceso.", "Organizaciones de la sociedad civil"),
    ("Ciudad digital que aprende", "La mitad de las personas mayores no usa internet.", "Universidad y radio comunitaria"),
    ("Gobernanza y recursos para aprender", "La oferta está dispersa y sin coordinación ni financiamiento estable.", "Comité de la ciudad del aprendizaje"),
]  # fmt: skip

# theme index, title, term, KFLC focus codes, means of evaluation
OBJECTIVES = [
    (0, "Abrir espacios comunitarios de aprendizaje en todos los distritos", "medium", ["2.2"], "Número de espacios abiertos y personas que los usan"),
    (0, "Fomentar la lectura en familia", "long", ["2.2", "2.6"], "Préstamos a familias y asistencia a clubes de lectura"),
    (1, "Formar a jóvenes en oficios con demanda local", "medium", ["2.3", "1.2"], "Jóvenes certificados y empleados a los seis meses"),
    (1, "Convertir empresas en organizaciones que aprenden", "long", ["2.3"], "Empresas con plan de formación"),
    (2, "Ofrecer arreglos flexibles a grupos marginados", "medium", ["1.1", "2.1"], "Participación de grupos marginados en la oferta"),
    (2, "Reconocer el aprendizaje no formal", "long", ["2.5"], "Credenciales emitidas"),
    (3, "Alfabetización digital para personas mayores", "medium", ["2.4"], "Personas mayores que completan los cursos"),
    (3, "Aprendizaje para el desarrollo sostenible", "long", ["1.3"], "Actividades de educación ambiental en barrios"),
    (4, "Coordinar a todas las partes interesadas", "medium", ["3.2", "3.1"], "Reuniones del comité y acuerdos alcanzados"),
    (4, "Asegurar financiamiento sostenible", "long", ["3.3"], "Porcentaje del presupuesto cubierto por aliados"),
]  # fmt: skip

# Per objective, in the order of OBJECTIVES: four actions, each with its title, lead and partner
# organisations, description and the milestones it is tracked by.
ACTIONS = [
    [
        ("Mapa de espacios para aprender en cada distrito", "Secretaría de Educación Municipal", "Universidad Autónoma de Villa Esperanza",
         "Recorrer los siete distritos con vecinas y vecinos para ubicar bibliotecas, patios escolares, salones ejidales y centros comunitarios que puedan abrir por las tardes. El mapa resultante se publica en el portal y guía dónde abrir los nuevos espacios.",
         ["Recorridos terminados en los siete distritos", "Mapa publicado en el portal", "Prioridades acordadas con los comités de barrio"]),
        ("Convenio para abrir las escuelas por las tardes y los sábados", "Secretaría de Educación Municipal", "Escuela Secundaria Benito Juárez",
         "Acordar con las escuelas públicas el uso de aulas, patios y bibliotecas escolares fuera del horario de clases, con un responsable de apertura y un seguro de uso. Se empieza con cinco escuelas y se amplía a una por distrito.",
         ["Convenio firmado con la Secretaría de Educación", "Cinco escuelas abiertas los sábados", "Una escuela abierta en cada distrito"]),
        ("Centro Comunitario de Aprendizaje de Río Chico", "Centro Comunitario Río Chico", "Biblioteca Barrial Río Chico",
         "Rehabilitar la antigua casa ejidal de Río Chico como centro de aprendizaje con sala de cómputo, ludoteca y un aula para talleres de oficios. Lo administra el centro comunitario con un consejo de vecinos.",
         ["Proyecto ejecutivo aprobado por Obras Públicas", "Obra de rehabilitación terminada", "Inauguración con el primer ciclo de talleres"]),
        ("Bibliotecas móviles en las colonias sin biblioteca", "Biblioteca Pública Central", "DIF Municipal",
         "Una camioneta adaptada recorre cada semana las colonias de Las Lomas y el Oriente que no tienen biblioteca, con préstamo de libros, cuentacuentos y conexión a internet. Las rutas se ajustan según el uso registrado.",
         ["Camioneta equipada y rotulada", "Rutas semanales publicadas", "Primer informe de préstamos por colonia"]),
    ],
    [
        ("Clubes de lectura en familia en las bibliotecas barriales", "Biblioteca Barrial Río Chico", "Red de Madres Lectoras",
         "Cada biblioteca barrial forma un club que se reúne dos sábados al mes para leer en voz alta con niñas, niños y sus familias. Las mediadoras de la Red de Madres Lectoras conducen las sesiones.",
         ["Diez mediadoras de lectura formadas", "Clubes funcionando en tres bibliotecas", "Encuentro anual de clubes de lectura"]),
        ("Bebetecas en los centros de salud", "Centro de Salud Las Lomas", "Red de Madres Lectoras",
         "Instalar un rincón de libros para bebés en la sala de espera de los centros de salud, donde el personal recomienda leer desde los primeros meses. Se entrega un libro a cada familia en la consulta del niño sano.",
         ["Rincón de lectura instalado en Las Lomas", "Mil libros entregados en consultas", "Bebetecas en todos los centros de salud"]),
        ("Mochilas viajeras de libros entre escuela y casa", "Escuela Primaria Leona Vicario", "Biblioteca Pública Central",
         "Una mochila con cinco libros y una bitácora circula cada semana entre las familias de un grupo escolar. Las familias escriben en la bitácora lo que leyeron juntas y la escuela lo comparte al final del ciclo.",
         ["Cuarenta mochilas armadas con la biblioteca", "Mochilas circulando en todos los grupos de primaria", "Bitácoras reunidas y exhibidas al cierre del ciclo"]),
        ("Programa radial «Leemos en casa»", "Radio Comunitaria La Voz", "Red de Madres Lectoras",
         "Un programa semanal de media hora con lecturas en voz alta, entrevistas a autores locales y recomendaciones de las bibliotecas para leer en familia. Se retransmite en podcast para quien no puede escucharlo en vivo.",
         ["Programa piloto grabado", "Temporada de veinte emisiones al aire", "Episodios publicados como podcast"]),
    ],
    [
        ("Talleres de oficios con certificación para jóvenes", "Centro de Capacitación para el Trabajo", "Cámara de Comercio de Villa Esperanza",
         "Cursos de cuatro meses en electricidad, refrigeración, repostería y costura industrial para jóvenes de 16 a 29 años, con certificación de competencias al terminar. Las empresas de la Cámara ofrecen las prácticas.",
         ["Oferta de cursos acordada con las empresas", "Primera generación inscrita", "Primera generación certificada"]),
        ("Aprendices en pequeñas empresas del centro", "Cámara de Comercio de Villa Esperanza", "Panadería La Espiga",
         "Las pequeñas empresas reciben a jóvenes aprendices seis meses con un tutor dentro del negocio y una beca municipal. El programa empieza con panaderías, talleres mecánicos y comercios del centro.",
         ["Veinte empresas inscritas como formadoras", "Tutores de empresa capacitados", "Cien aprendices colocados"]),
        ("Feria del empleo y la formación", "Dirección de Desarrollo Económico", "Instituto Tecnológico Regional",
         "Una feria anual en la plaza principal donde las empresas presentan vacantes y las instituciones su oferta de cursos, con orientación vocacional y revisión de currículum en el lugar.",
         ["Sede y fecha confirmadas", "Expositores inscritos", "Feria realizada con registro de asistentes"]),
        ("Orientación vocacional en las preparatorias", "Preparatoria Técnica Número 3", "Universidad Autónoma de Villa Esperanza",
         "Sesiones de orientación en quinto y sexto semestre sobre carreras técnicas, universitarias y oficios con demanda en la ciudad, con visitas a empresas y testimonios de egresados.",
         ["Guía de orientación elaborada", "Sesiones impartidas en todas las preparatorias públicas", "Encuesta de seguimiento a egresados"]),
    ],
    [
        ("Diagnóstico de formación en las empresas locales", "Cámara de Comercio de Villa Esperanza", "Universidad Autónoma de Villa Esperanza",
         "Una encuesta a las empresas afiliadas identifica qué capacitan hoy, qué necesitan y qué les impide formar a su personal. Los resultados orientan la oferta de cursos para empresas.",
         ["Cuestionario validado con la Cámara", "Doscientas empresas encuestadas", "Informe de necesidades presentado al comité"]),
        ("Distintivo «Empresa que aprende»", "Dirección de Desarrollo Económico", "Cámara de Comercio de Villa Esperanza",
         "Un reconocimiento municipal para las empresas con un plan de formación para todo su personal, horas de estudio pagadas y alianzas con escuelas. Se entrega cada año durante el festival del aprendizaje.",
         ["Criterios del distintivo publicados", "Primera convocatoria abierta", "Primeros distintivos entregados"]),
        ("Mentorías entre cooperativas", "Cooperativa Textil Manos Unidas", "Fundación Aprender Juntos",
         "Las socias de la cooperativa textil acompañan a cooperativas nuevas en diseño, costos y administración, en sesiones mensuales. Cada par de cooperativas acuerda sus metas de aprendizaje.",
         ["Diez cooperativas en el programa", "Guía de mentoría publicada", "Evaluación de las primeras mentorías"]),
        ("Formación en finanzas para microempresas", "Dirección de Desarrollo Económico", "Instituto Tecnológico Regional",
         "Un curso nocturno de ocho semanas en contabilidad básica, precios y ventas en línea para dueñas y dueños de microempresas, con asesoría individual al terminar.",
         ["Temario acordado con el Instituto Tecnológico", "Primer grupo de microempresas graduado", "Asesorías individuales concluidas"]),
    ],
    [
        ("Clases de español para familias migrantes", "Casa del Migrante San José", "Universidad Autónoma de Villa Esperanza",
         "Clases de español en horario vespertino y con cuidado infantil para personas migrantes, impartidas por estudiantes universitarios en servicio social y acompañadas de orientación sobre trámites y servicios.",
         ["Grupo inicial de treinta personas inscrito", "Material didáctico adaptado", "Segundo grupo abierto en el Poniente"]),
        ("Horarios nocturnos y de fin de semana en la educación para adultos", "Plaza Comunitaria del Instituto de Educación para Adultos", "Sindicato de Trabajadores de la Educación, Sección 18",
         "Abrir la Plaza Comunitaria de 18:00 a 21:00 y los sábados para que las personas que trabajan puedan terminar la primaria y la secundaria, con asesores voluntarios del sindicato docente.",
         ["Asesores voluntarios asignados", "Horario nocturno en funcionamiento", "Primeros certificados de secundaria entregados"]),
        ("Talleres accesibles para personas con discapacidad", "DIF Municipal", "Casa de la Cultura del Oriente",
         "Adaptar los talleres de música y artes de la Casa de la Cultura con intérprete de lengua de señas, materiales táctiles y acceso para sillas de ruedas, y formar al personal en atención inclusiva.",
         ["Diagnóstico de accesibilidad de la Casa de la Cultura", "Personal formado en atención inclusiva", "Talleres con intérprete de lengua de señas"]),
        ("Escuela campesina itinerante", "Unión de Trabajadores del Campo", "Centro de Capacitación para el Trabajo",
         "Talleres de agroecología, conservación de suelos y comercialización que se imparten en las parcelas de Río Chico, al ritmo de la temporada de siembra, para jornaleros y sus familias.",
         ["Calendario acordado con la Unión", "Talleres en cinco parcelas demostrativas", "Encuentro de intercambio de semillas"]),
    ],
    [
        ("Catálogo municipal de cursos reconocidos", "Secretaría de Educación Municipal", "Centro de Capacitación para el Trabajo",
         "Reunir en un catálogo los cursos no formales que cumplen criterios de calidad —objetivos, horas, evaluación— para que sus constancias valgan ante empleadores y escuelas.",
         ["Criterios de reconocimiento aprobados", "Cincuenta cursos revisados", "Catálogo publicado en el portal"]),
        ("Constancias verificables en línea", "Secretaría de Educación Municipal", "Instituto Tecnológico Regional",
         "Cada constancia de un curso reconocido lleva un código que cualquier empleador puede verificar en el portal, sin llamar a la institución que la emitió.",
         ["Formato único de constancia acordado", "Verificación pública en funcionamiento", "Primeras mil constancias emitidas"]),
        ("Reconocimiento de saberes de oficio", "Centro de Capacitación para el Trabajo", "Cámara de Comercio de Villa Esperanza",
         "Evaluar y certificar lo que albañiles, costureras y mecánicos aprendieron trabajando, con una prueba práctica y un portafolio, para que puedan acreditarlo sin repetir un curso.",
         ["Evaluadores certificados", "Primeras evaluaciones prácticas", "Certificados entregados en ceremonia pública"]),
        ("Registro del voluntariado como aprendizaje", "Fundación Aprender Juntos", "Universidad Autónoma de Villa Esperanza",
         "Documentar las horas y competencias que las personas voluntarias desarrollan en las organizaciones de la sociedad civil, para que la universidad las reconozca como créditos de servicio social.",
         ["Formato de registro acordado", "Convenio de créditos con la universidad", "Primeros créditos reconocidos"]),
    ],
    [
        ("Cursos de computación para personas mayores", "Asociación de Personas Mayores Nuevo Amanecer", "Instituto Tecnológico Regional",
         "Cursos de seis semanas para usar el teléfono y la computadora: mensajes, videollamadas con la familia, banca en línea y citas médicas, con grupos pequeños y un ritmo pausado.",
         ["Aula equipada en la Asociación", "Tres grupos terminados", "Grupo avanzado de trámites en línea"]),
        ("Jóvenes que enseñan tecnología a sus abuelos", "Preparatoria Técnica Número 3", "Asociación de Personas Mayores Nuevo Amanecer",
         "Estudiantes de informática acompañan a personas mayores una vez por semana como parte de su servicio social, con una guía de actividades y un encuentro de cierre entre generaciones.",
         ["Guía para tutores jóvenes publicada", "Cuarenta parejas de tutoría formadas", "Encuentro intergeneracional de cierre"]),
        ("Puntos de internet gratuito en bibliotecas y plazas", "Biblioteca Pública Central", "Dirección de Desarrollo Económico",
         "Conexión inalámbrica gratuita y equipos de uso libre en las bibliotecas y en tres plazas públicas, con un asesor que ayuda a quien lo necesita los martes y jueves.",
         ["Conexión instalada en las bibliotecas", "Tres plazas con internet gratuito", "Asesores digitales en servicio"]),
        ("Prevención de fraudes en línea", "Diario El Observador", "Asociación de Personas Mayores Nuevo Amanecer",
         "Una serie de artículos y talleres sobre cómo reconocer llamadas, mensajes y páginas fraudulentas, preparada con personas mayores que compartieron lo que les pasó.",
         ["Serie de artículos publicada", "Talleres en los cinco distritos", "Guía impresa distribuida en los centros de salud"]),
    ],
    [
        ("Huertos escolares y comunitarios", "Escuela Primaria Leona Vicario", "Unión de Trabajadores del Campo",
         "Cada escuela participante cultiva un huerto con sus estudiantes y las familias, acompañada por promotores agroecológicos. Las cosechas se comparten en una feria de temporada.",
         ["Diez huertos escolares sembrados", "Promotores asignados a cada escuela", "Feria de la cosecha"]),
        ("Reciclaje y compostaje en los barrios", "DIF Municipal", "Centro Comunitario Río Chico",
         "Talleres en los centros comunitarios sobre separación de residuos y compostaje doméstico, con un punto de acopio por distrito y la medición de lo que se deja de enviar al relleno.",
         ["Puntos de acopio instalados", "Talleres en los siete distritos", "Primer informe de residuos separados"]),
        ("Rutas de educación ambiental por el río", "Museo de la Ciudad", "Escuela Secundaria Benito Juárez",
         "Recorridos guiados por la ribera del río Chico para escuelas y familias, sobre el agua, la flora local y la historia de la ciudad, con material para continuar en el aula.",
         ["Ruta señalizada", "Guías formados", "Recorridos para todas las secundarias"]),
        ("Semana del clima y el aprendizaje", "Radio Comunitaria La Voz", "Universidad Autónoma de Villa Esperanza",
         "Una semana de charlas, talleres y programas de radio sobre el cambio climático y lo que cada barrio puede hacer, organizada con la universidad y las organizaciones ambientales.",
         ["Programa de la semana acordado", "Semana realizada en los cinco distritos", "Memoria publicada en el portal"]),
    ],
    [
        ("Instalación del comité de la ciudad del aprendizaje", "Secretaría de Educación Municipal", "Universidad Autónoma de Villa Esperanza",
         "Conformar el comité con representantes de cada sector, aprobar su reglamento de funcionamiento y un calendario de sesiones trimestrales con actas públicas.",
         ["Integrantes designados por cada sector", "Reglamento aprobado por consenso", "Primera sesión ordinaria celebrada"]),
        ("Mesas de trabajo por eje del plan", "Secretaría de Educación Municipal", "Fundación Aprender Juntos",
         "Cinco mesas, una por tema del plan, reúnen cada dos meses a las organizaciones responsables de sus acciones para revisar avances, resolver obstáculos y proponer ajustes al comité.",
         ["Mesas instaladas", "Primer informe de avances de las mesas", "Ajustes propuestos al comité"]),
        ("Foro anual de la ciudad del aprendizaje", "Secretaría de Educación Municipal", "Museo de la Ciudad",
         "Un encuentro abierto en el que el comité rinde cuentas del avance del plan, las organizaciones presentan sus experiencias y la ciudadanía propone prioridades para el año siguiente.",
         ["Sede y programa del foro confirmados", "Foro realizado", "Relatoría publicada con las propuestas recogidas"]),
        ("Intercambio de experiencias con ciudades hermanas", "Secretaría de Educación Municipal", "Universidad Autónoma de Villa Esperanza",
         "Visitas e intercambios en línea con Puerto Claro, Medellín y Hamburgo para conocer sus prácticas en aprendizaje comunitario y compartir las de Villa Esperanza en la red mundial de la UNESCO.",
         ["Agenda de intercambio acordada", "Visita de la delegación de Puerto Claro", "Informe de prácticas aprendidas"]),
    ],
    [
        ("Presupuesto municipal etiquetado para el aprendizaje", "Secretaría de Educación Municipal", "Dirección de Desarrollo Económico",
         "Crear en el presupuesto de egresos una partida propia para las acciones del plan, con reglas de operación públicas y un informe anual de su ejercicio ante el cabildo.",
         ["Partida aprobada por el cabildo", "Reglas de operación publicadas", "Primer informe de ejercicio presentado"]),
        ("Fondo mixto con empresas y fundaciones", "Fundación Aprender Juntos", "Cámara de Comercio de Villa Esperanza",
         "Un fondo al que aportan empresas, fundaciones y el municipio para becas y equipamiento, administrado por un consejo mixto que publica cada convocatoria y sus resultados.",
         ["Contrato del fondo firmado", "Primeras aportaciones recibidas", "Primera convocatoria de becas resuelta"]),
        ("Uso compartido de aulas, equipos y voluntariado", "Secretaría de Educación Municipal", "Universidad Autónoma de Villa Esperanza",
         "Un registro en el portal donde las organizaciones ofrecen aulas, equipos y horas de voluntariado que otras pueden solicitar, para aprovechar lo que la ciudad ya tiene.",
         ["Registro de recursos abierto en el portal", "Cincuenta recursos ofrecidos", "Primer balance de préstamos entre organizaciones"]),
        ("Análisis costo-beneficio de los programas", "Universidad Autónoma de Villa Esperanza", "Dirección de Desarrollo Económico",
         "Estimar costos y beneficios de tres programas del plan —oficios para jóvenes, alfabetización digital y huertos— como evidencia para sostener su financiamiento.",
         ["Metodología acordada con el comité", "Datos de los tres programas reunidos", "Estudio publicado"]),
    ],
]  # fmt: skip


def seed():
    _plan()
    _contacts_and_updates()
    _change_log()
    seed_participation()
    _workshop_materials()
    _consultation()
    _proposal_to_act_on()
    _draft_for_comments()
    seed_english()
    # After the English: the draft charter copies the published one in both languages.
    _charter_draft_for_comments()


def _plan():
    if ActionPlan.objects.exists():
        return
    plan = ActionPlan.objects.create(
        title="Plan de acción de la ciudad del aprendizaje",
        attractive_title="Ciudad que aprende",
        vision="Una ciudad donde todas las personas aprenden a lo largo de la vida, en cada barrio.",
        start=date(2026, 1, 1),
        end=date(2030, 12, 31),
        national_alignment="Alineado con la Estrategia Nacional de Educación a lo Largo de la Vida.",
    )
    themes = [
        Theme.objects.create(plan=plan, title=title, challenge=challenge, named_by=who, order=n)
        for n, (title, challenge, who) in enumerate(THEMES)
    ]
    focuses = {focus.code: focus for focus in KflcFocus.objects.all()}
    organisations = list(Organisation.objects.filter(verified=True).order_by("pk"))
    by_name = {organisation.name: organisation for organisation in organisations}
    contact = MinistryContact.objects.order_by("pk").first()
    today = timezone.localdate()
    number = 0
    for order, (theme, title, term, codes, evaluation) in enumerate(OBJECTIVES):
        objective = Objective.objects.create(
            plan=plan,
            theme=themes[theme],
            title=title,
            term=term,
            means_of_evaluation=evaluation,
            order=order,
        )
        objective.kflc_focuses.set(focuses[code] for code in codes)
        for position, (title, lead, partner, description, milestones) in enumerate(ACTIONS[order]):
            fallback = organisations[number % len(organisations)]
            _action(
                objective,
                position,
                number,
                title=title,
                description=description,
                milestones=milestones,
                lead=by_name.get(lead, fallback),
                partner=by_name.get(partner, fallback),
                today=today,
                contact=contact,
            )
            number += 1
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    plan.status = ActionPlan.Status.ADOPTED
    plan.adopted_at = date(2026, 1, 20)
    plan.adopted_by = coordinator
    plan.adoption_decision = "Acuerdo de Cabildo 12/2026."
    plan.save()


# The people who keep the organisations' actions up to date, where an organisation has no member.
CONTACT_NAMES = ["Rosa Méndez", "Julián Ortega", "Patricia Lozano", "Héctor Salinas", "Lucía Navarro", "Andrés Cabrera", "Elena Ruiz", "Martín Aguilar", "Sofía Cárdenas", "Diego Paredes", "Verónica Ibarra", "Tomás Fuentes"]  # fmt: skip

# done, next, obstacles: a year of quarterly progress updates, oldest first.
UPDATES = [
    ("Formamos el equipo de la acción y acordamos el calendario con las organizaciones socias.", "Convocar a las primeras personas participantes.", ""),
    ("Realizamos las primeras sesiones con 35 personas participantes en dos distritos.", "Ampliar a un tercer distrito y evaluar con las personas participantes.", "La difusión en el distrito norte llegó tarde."),
    ("Evaluamos las sesiones: el 85 % de las personas las recomendaría. Ajustamos horarios a las tardes.", "Sumar una sede en el distrito sur.", "Falta personal facilitador los sábados."),
    ("Abrimos la sede del distrito sur y llegamos a 120 personas en total.", "Preparar el informe anual para el comité.", ""),
]  # fmt: skip
# Which of the actions under way has gone quiet: its last update is older than the plan's limit.
QUIET_ACTION = 2


def _contact_for(organisation, number):
    """A member of `organisation` to be its contact person: its admin, else any member, else a
    demo person made a member (without a password: they never log in)."""
    membership = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    if membership is not None:
        return membership.user
    person, created = User.objects.get_or_create(
        email=f"enlace.{organisation.slug}@example.org",
        defaults={"full_name": CONTACT_NAMES[number % len(CONTACT_NAMES)]},
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=person, organisation=organisation, defaults={"role": Membership.Role.MEMBER}
    )
    return person


def _contacts_and_updates():
    """Contact persons on every action of the adopted plan and a year of progress updates on
    those under way or done: most published, one pending review, one returned, one action quiet."""
    plan = ActionPlan.objects.adopted().first()
    if plan is None or ActionContact.objects.exists():
        return
    staff = User.objects.filter(email="staff@example.org").first()
    today = timezone.localdate()
    actions = Action.objects.filter(objective__plan=plan).select_related("lead_organisation")
    under_way = 0
    for number, action in enumerate(actions.order_by("objective__order", "order", "pk")):
        organisation = action.lead_organisation
        if organisation is None:
            continue
        person = _contact_for(organisation, number)
        ActionContact.objects.create(
            action=action, person=person, organisation=organisation, chosen_by=staff
        )
        if action.phase in (Action.Phase.NOT_STARTED, Action.Phase.PLANNING):
            continue
        rounds = UPDATES[:1] if under_way == QUIET_ACTION else UPDATES
        for step, (done, next_steps, obstacles) in enumerate(rounds):
            # Quarterly over the last year; the quiet action's only one is from 200 days ago.
            ago = 200 if under_way == QUIET_ACTION else 360 - 110 * step - number % 20
            reported = max(today - timedelta(days=ago), action.start)
            at = _noon(reported)
            ProgressUpdate.objects.create(
                action=action,
                organisation=organisation,
                author=person,
                reported_on=reported,
                done=done,
                next_steps=next_steps,
                obstacles=obstacles,
                status=ProgressUpdate.Status.PUBLISHED,
                reviewed_by=staff,
                reviewed_at=at,
                created_at=at,
                published_at=at,
            )
        under_way += 1
    _updates_waiting(plan, staff, today)


def _updates_waiting(plan, staff, today):
    """One update pending review (the library's, so the stakeholder sees it pending and staff
    in their inbox) and one returned with staff's comment."""
    contacts = ActionContact.objects.filter(action__objective__plan=plan).select_related(
        "action", "organisation", "person"
    )
    library = contacts.filter(person__email="stakeholder@example.org").first()
    other = contacts.exclude(organisation__memberships__role=ORG_ADMIN).first()
    for contact, status, comment in [
        (library, ProgressUpdate.Status.PENDING, ""),
        (
            other,
            ProgressUpdate.Status.RETURNED,
            "Indique cuántas personas participaron y en qué distritos, por favor.",
        ),
    ]:
        if contact is None:
            continue
        ProgressUpdate.objects.create(
            action=contact.action,
            organisation=contact.organisation,
            author=contact.person,
            reported_on=today - timedelta(days=3),
            done="Realizamos tres sesiones más con familias del barrio.",
            next_steps="Abrir un grupo los sábados.",
            status=status,
            review_message=comment,
            reviewed_by=staff if comment else None,
            reviewed_at=timezone.now() if comment else None,
        )


def _noon(day):
    return datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())


def _change_log():
    """The public change log of the demo plan, as the services would have written it: its
    adoption, phases and statuses changed, milestones reached and the updates published."""
    plan = ActionPlan.objects.adopted().first()
    if plan is None or PlanChange.objects.exists():
        return
    today = timezone.localdate()
    changes = [
        PlanChange(plan=plan, kind=PlanChange.Kind.ADOPTION, happened_at=_noon(plan.adopted_at))
    ]
    actions = Action.objects.filter(objective__plan=plan).prefetch_related("milestones")
    for action in actions.select_related("lead_organisation"):
        organisation = action.lead_organisation
        if action.phase in (Action.Phase.IMPLEMENTATION, Action.Phase.COMPLETED):
            changes.append(
                PlanChange(
                    plan=plan,
                    kind=PlanChange.Kind.PHASE,
                    action=action,
                    organisation=organisation,
                    before=Action.Phase.PLANNING,
                    after=Action.Phase.IMPLEMENTATION,
                    happened_at=_noon(min(action.start + timedelta(days=30), today)),
                )
            )
        if action.status_override:
            changes.append(
                PlanChange(
                    plan=plan,
                    kind=PlanChange.Kind.STATUS,
                    action=action,
                    before=Action.Status.ON_TIME,
                    after=action.status_override,
                    happened_at=_noon(today - timedelta(days=20)),
                )
            )
        changes += [
            PlanChange(
                plan=plan,
                kind=PlanChange.Kind.MILESTONE,
                action=action,
                organisation=organisation,
                milestone=milestone,
                happened_at=_noon(milestone.completed_on),
            )
            for milestone in action.milestones.all()
            if milestone.completed_on
        ]
    changes += [
        PlanChange(
            plan=plan,
            kind=PlanChange.Kind.UPDATE,
            action=update.action,
            organisation=update.organisation,
            update=update,
            happened_at=update.published_at,
        )
        for update in ProgressUpdate.objects.published().select_related("action")
    ]
    PlanChange.objects.bulk_create(changes)


PLAN_START, PLAN_END = date(2026, 1, 1), date(2030, 12, 31)


def _within_plan(day):
    return min(max(day, PLAN_START), PLAN_END)


def _schedule(phase, rank, today):
    """Start and end of an action in `phase`, around today so the phase reads true: not started
    ones begin later, completed ones have ended, the others are under way (some of them late)."""
    if phase == Action.Phase.NOT_STARTED:
        start = _within_plan(today + timedelta(days=60 + 30 * rank))
        return start, _within_plan(start + timedelta(days=540))
    if phase == Action.Phase.COMPLETED:
        end = _within_plan(today - timedelta(days=30 + 20 * rank))
        return _within_plan(end - timedelta(days=300)), end
    start = _within_plan(today - timedelta(days=90 + 40 * rank))
    if phase == Action.Phase.IMPLEMENTATION and rank in LATE:
        return start, max(start, _within_plan(today - timedelta(days=10)))
    return start, _within_plan(today + timedelta(days=400 + 30 * rank))


# Within each phase (ten actions each), which ones are late, set by hand and why.
LATE = {3, 8}
OVERRIDES = {
    (Action.Phase.NOT_STARTED, 3): (
        Action.Status.CANCELLED,
        "Se canceló: la acción se integró a otra del mismo objetivo.",
    ),
    (Action.Phase.NOT_STARTED, 7): (
        Action.Status.CANCELLED,
        "Se canceló por falta de una sede adecuada; se buscará otra en el próximo plan.",
    ),
    (Action.Phase.PLANNING, 2): (
        Action.Status.ON_HOLD,
        "En pausa hasta que el cabildo apruebe el presupuesto del próximo año.",
    ),
    (Action.Phase.PLANNING, 6): (
        Action.Status.ON_HOLD,
        "En pausa mientras se firma el convenio con la organización socia.",
    ),
    (Action.Phase.IMPLEMENTATION, 1): (
        Action.Status.AT_RISK,
        "Falta confirmar el financiamiento de la segunda etapa.",
    ),
    (Action.Phase.IMPLEMENTATION, 5): (
        Action.Status.AT_RISK,
        "La participación está por debajo de lo esperado; se revisa la difusión.",
    ),
}


def _action(
    objective, position, number, *, title, description, milestones, lead, partner, today, contact
):
    phases = Action.Phase.values
    phase = phases[number % len(phases)]
    rank = number // len(phases)
    start, end = _schedule(phase, rank, today)
    has_milestones = number % 3 != 0
    # Progress agrees with the phase: nothing done before starting, everything when completed.
    manual = {
        Action.Phase.NOT_STARTED: None,
        Action.Phase.PLANNING: 10,
        Action.Phase.IMPLEMENTATION: 40 + 5 * rank,
        Action.Phase.COMPLETED: 100,
    }[phase]
    action = Action.objects.create(
        objective=objective,
        title=title,
        description=description,
        lead_organisation=lead,
        contact_people="Coordinación de la ciudad del aprendizaje",
        start=start,
        end=end,
        phase=phase,
        manual_progress=None if has_milestones else manual,
        order=position,
    )
    override = OVERRIDES.get((phase, rank))
    if override:
        action.status_override, action.status_override_reason = override
        action.save()
    if contact and number % 10 == 0:
        action.ministry_contacts.add(contact)
    ActionRole.objects.create(
        action=action,
        organisation=lead,
        role="lead",
        responsibilities="Coordina la acción, convoca a las socias y rinde cuentas al comité.",
    )
    if partner != lead:
        ActionRole.objects.create(
            action=action,
            organisation=partner,
            role="partner",
            responsibilities="Aporta espacios, personas facilitadoras y difusión.",
        )
    if has_milestones:
        _milestones(action, milestones, phase, today)


def _milestones(action, titles, phase, today):
    span = (action.end - action.start).days
    for step, title in enumerate(titles):
        due = action.start + timedelta(days=span * (step + 1) // len(titles))
        if phase == Action.Phase.COMPLETED:
            done = True
        elif phase == Action.Phase.NOT_STARTED:
            done = False
        else:
            # Under way: what fell due is done, except the last milestone, which never is yet.
            done = due <= today and step < len(titles) - 1
        Milestone.objects.create(
            action=action,
            title=title,
            due=due,
            completed_on=min(due, today) if done else None,
        )


def seed_participation():
    """The charter with signatories, stock-taking entries and two workshops."""
    if Charter.objects.exists():
        return
    plan = ActionPlan.objects.adopted().first()
    organisations = list(Organisation.objects.filter(verified=True).order_by("pk"))
    admin = User.objects.filter(email="stakeholder@example.org").first()
    charter = Charter.objects.create(
        plan=plan,
        title="Carta de Villa Esperanza, ciudad que aprende",
        text=(
            "<p>Las organizaciones firmantes nos comprometemos a que todas las personas de la "
            "ciudad puedan aprender a lo largo de toda la vida.</p><ul>"
            "<li>Abrir nuestros espacios al aprendizaje comunitario.</li>"
            "<li>Reconocer lo que las personas aprenden fuera de la escuela.</li>"
            "<li>Rendir cuentas de nuestro avance cada año.</li></ul>"
        ),
        published_on=date(2026, 2, 1),
        national_strategy="Estrategia Nacional de Educación a lo Largo de la Vida",
        alignment="<p>Cada compromiso corresponde a un eje de la estrategia nacional.</p>",
    )
    if plan:
        charter.actions.set(Action.objects.filter(objective__plan=plan).order_by("pk")[:6])
    for organisation in organisations[1:9]:
        CharterSignature.objects.create(
            charter=charter, organisation=organisation, signed_by=admin, signed_on=date(2026, 2, 10)
        )
    focuses = {focus.code: focus for focus in KflcFocus.objects.all()}
    for number, (title, code, status, description) in enumerate(STOCKTAKE):
        organisation = organisations[number * 3]
        entry = StocktakeEntry.objects.create(
            organisation=organisation,
            submitted_by=admin,
            title=title,
            description=description,
            sector=organisation.sector,
            reach=50 * (number + 1),
            since=2018 + number,
            status=status,
        )
        entry.kflc_focuses.add(focuses[code])
    sectors = list(Sector.objects.order_by("pk"))
    # Workshops are at working hours where the city is, whatever the server's time zone.
    city_zone = zoneinfo.ZoneInfo(CityProfile.objects.current().time_zone)
    for number, (topic, day, hour, description) in enumerate(WORKSHOPS):
        workshop = Workshop.objects.create(
            topic=topic,
            description=description,
            starts_at=datetime.combine(day, hour, tzinfo=city_zone),
            place="Biblioteca Pública Central, sala de usos múltiples",
            facilitator="Instituto de la UNESCO para el Aprendizaje a lo Largo de Toda la Vida",
            materials="Presentación y guía de trabajo.",
        )
        workshop.audience_sectors.set(sectors[number * 4 : number * 4 + 6])
        for position, organisation in enumerate(organisations[number * 5 : number * 5 + 6]):
            WorkshopParticipation.objects.create(
                workshop=workshop,
                organisation=organisation,
                attended=position != 5,
                people=2 if position != 5 else 0,
                rating=4 if position % 2 else None,
            )
    # One to come, full, with a waiting list: the stakeholder's library may still ask.
    upcoming = Workshop.objects.create(
        topic="Financiar el plan entre todos",
        description=(
            "Fuentes de financiamiento, acuerdos de costos compartidos y recursos que las "
            "organizaciones ya tienen para las acciones del plan."
        ),
        starts_at=datetime.combine(date(2027, 3, 11), time(10, 0), tzinfo=city_zone),
        place="Biblioteca Pública Central, sala de usos múltiples",
        facilitator="Dirección de Planeación del municipio",
        capacity=4,
    )
    upcoming.audience_sectors.set(sectors)
    others = [o for o in organisations if not o.memberships.filter(user=admin).exists()]
    asked = timezone.now() - timedelta(days=10)
    for position, organisation in enumerate(others[:6]):
        WorkshopParticipation.objects.create(
            workshop=upcoming,
            organisation=organisation,
            attended=False,
            status="confirmed" if position < 4 else "waitlisted",
            requested_at=asked + timedelta(hours=position),
        )


# title, link: what each past workshop left for everyone.
MATERIALS = [
    ("Presentación del taller", "https://example.org/talleres/presentacion.pdf"),
    ("Guía de trabajo por sectores", "https://example.org/talleres/guia-por-sectores.pdf"),
]


def _workshop_materials():
    """The materials of the workshops already held, attached afterwards."""
    if WorkshopMaterial.objects.exists():
        return
    for workshop in Workshop.objects.filter(starts_at__lt=timezone.now()):
        for title, url in MATERIALS:
            WorkshopMaterial.objects.create(
                workshop=workshop, title=title, url=url, added_at=workshop.starts_at
            )


STOCKTAKE = [
    ("Club de lectura para familias", "2.2", "accepted", "Cada sábado a las 11:00 leemos en voz alta con niñas, niños y sus familias; prestamos los libros para continuar en casa."),
    ("Taller de oficios para jóvenes", "2.3", "accepted", "Cursos de electricidad y refrigeración de tres meses, con prácticas en talleres del barrio y constancia al terminar."),
    ("Huertos escolares", "1.3", "accepted", "Estudiantes y familias cultivan el huerto de la escuela con apoyo de promotores agroecológicos; la cosecha se reparte en la comunidad."),
    ("Cursos de computación para mayores", "2.4", "accepted", "Grupos de diez personas mayores aprenden a usar el teléfono y la computadora durante seis semanas, dos mañanas por semana."),
    ("Clases de español para migrantes", "1.1", "pending", "Clases por la tarde con cuidado infantil para personas migrantes recién llegadas, con orientación sobre trámites y servicios."),
]  # fmt: skip

# topic, day, local start time, description
WORKSHOPS = [
    ("¿Qué es una ciudad del aprendizaje?", date(2026, 3, 5), time(10, 0), "Las Características Fundamentales de las Ciudades del Aprendizaje y lo que cada sector puede aportar al plan de la ciudad."),
    ("Cómo medir el avance con las Características Fundamentales", date(2026, 5, 14), time(16, 30), "Elegir indicadores, fuentes de datos y metas para las acciones de cada organización, con ejercicios sobre el plan vigente."),
]  # fmt: skip


def _consultation():
    """The closed consultation whose proposals became the demo plan's themes."""
    if Consultation.objects.exists():
        return
    plan = ActionPlan.objects.order_by("pk").first()
    staff = User.objects.filter(email="staff@example.org").first()
    consultation = Consultation.objects.create(
        title="¿Qué desafíos debe resolver la ciudad que aprende?",
        question="Proponga los principales desafíos y prioridades de aprendizaje de la ciudad.",
        opens_on=date(2025, 9, 1),
        closes_on=date(2025, 10, 31),
        created_by=staff,
    )
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    people = [
        ("alcaldia@example.org", "public-administration"),
        ("rectoria@example.org", "higher-education"),
        ("camara@example.org", "business"),
        ("fundacion@example.org", "civil-society"),
    ]
    participants = [
        ConsultationParticipant.objects.create(
            consultation=consultation, email=email, sector=sectors[slug]
        )
        for email, slug in people
    ]
    themes = list(plan.themes.order_by("order")) if plan else []
    for number, theme in enumerate(themes):
        proposal = Proposal.objects.create(
            consultation=consultation,
            participant=participants[number % len(participants)],
            title=theme.challenge[:200],
        )
        proposal.themes.add(theme)
        for position, participant in enumerate(participants):
            ProposalScore.objects.create(
                proposal=proposal, participant=participant, points=5 - (number + position) % 3
            )


def _proposal_to_act_on():
    """A proposal of the demo consultation not yet turned into a theme: staff see it in their
    inbox."""
    consultation = Consultation.objects.order_by("pk").first()
    participant = consultation and consultation.participants.order_by("pk").last()
    if participant is None:
        return
    Proposal.objects.get_or_create(
        consultation=consultation,
        title="Espacios de aprendizaje abiertos por la noche",
        defaults={
            "participant": participant,
            "description": "Quienes trabajan de día no encuentran dónde aprender por la tarde.",
        },
    )


# The public's comments on the draft of the next version: (what it is about — None for the whole
# draft, else ("theme" | "objective" | "action", its position in the draft) —, the comment, the
# answer and its reason; no answer yet where the answer is empty).
DRAFT_COMMENTS = [
    (None, "El borrador es claro, pero faltan metas para las personas adultas mayores.", "taken_up", "Se agrega una meta para personas adultas mayores en el objetivo de aprendizaje en comunidad."),
    (("theme", 0), "Las familias migrantes necesitan horarios de fin de semana.", "taken_up", "Los círculos de lectura abrirán también los sábados."),
    (("theme", 1), "Las empresas pequeñas no pueden liberar horas de trabajo para capacitación.", "considered", "Se estudiará con la cámara de comercio un fondo para cubrir esas horas."),
    (("objective", 0), "¿Cómo se medirá el avance de este objetivo en cada colonia?", "taken_up", "El indicador se desagregará por distrito."),
    (("objective", 2), "Este objetivo repite lo que ya hace la red de bibliotecas.", "not_taken", "La red de bibliotecas es socia de este objetivo; no hay duplicación sino coordinación."),
    (("action", 0), "Propongo abrir los círculos en las escuelas por la tarde.", "taken_up", "Las escuelas de la zona norte ofrecen sus aulas por la tarde desde el próximo ciclo."),
    (("action", 3), "El presupuesto de esta acción parece muy bajo para tres años.", "considered", "Se revisará con la Dirección de Finanzas antes de adoptar el plan."),
    (("action", 7), "Sería útil que los talleres de oficios den una constancia reconocida.", "taken_up", "Los talleres se vinculan al procedimiento de reconocimiento de aprendizajes."),
    (("theme", 3), "Falta un tema sobre el aprendizaje digital de personas mayores.", "not_taken", "El aprendizaje digital ya forma parte del tema de inclusión; no se crea un tema aparte."),
    (("action", 12), "Los huertos escolares deberían abrirse también a los vecinos.", "considered", "Cada escuela decidirá según su seguridad; se propondrá en el comité."),
    (None, "Agradezco la consulta; ¿habrá reuniones presenciales en los barrios?", "", ""),
    (("objective", 4), "Pido que se incluya a las personas con discapacidad en la evaluación.", "", ""),
]  # fmt: skip


def _commenters():
    """The people who comment in the demo: members of organisations of different sectors, and
    the demo citizen (no organisation: sector and district unknown)."""
    people, sectors = [], set()
    for membership in Membership.objects.select_related("user", "organisation").order_by("pk"):
        if membership.organisation.sector_id not in sectors:
            sectors.add(membership.organisation.sector_id)
            people.append((membership.user, membership.organisation))
    citizen = User.objects.filter(email="citizen@example.org").first()
    if citizen is not None:
        people.append((citizen, None))
    return people


def _draft_for_comments():
    """A draft of the plan's next version open for public comments, with a dozen comments from
    several sectors and districts, most already answered by staff."""
    adopted = ActionPlan.objects.adopted().first()
    if adopted is None or CommentPeriod.objects.filter(plan__isnull=False).exists():
        return
    staff = User.objects.filter(email="staff@example.org").first()
    draft = plan_create_version(plan=adopted, by=staff)
    today = timezone.localdate()
    CommentPeriod.objects.create(
        plan=draft,
        opens_on=today - timedelta(days=14),
        closes_on=today + timedelta(days=16),
        opened_by=staff,
    )
    parts = {
        "theme": list(draft.themes.order_by("order", "pk")),
        "objective": list(draft.objectives.order_by("order", "pk")),
        "action": list(
            Action.objects.filter(objective__plan=draft).order_by("objective__order", "order", "pk")
        ),
    }
    people = _commenters()
    for number, (about, text, answer, reason) in enumerate(DRAFT_COMMENTS):
        person, organisation = people[number % len(people)]
        target = {}
        if about is not None:
            kind, position = about
            target = {kind: parts[kind][position % len(parts[kind])]}
        written = _noon(today - timedelta(days=13 - number))
        _comment(person, organisation, text, written, answer, reason, staff, plan=draft, **target)


def _comment(person, organisation, text, written, answer, reason, staff, **on):
    """A demo comment on a draft (`on`: its plan or charter, and the part it is about), answered
    by `staff` the next day when it has an answer."""
    DraftComment.objects.create(
        author=person,
        sector_id=organisation.sector_id if organisation else None,
        district_id=organisation.district_id if organisation else None,
        text=text,
        created_at=written,
        answer=answer,
        answer_reason=reason,
        answered_by=staff if answer else None,
        answered_at=written + timedelta(days=1) if answer else None,
        **on,
    )


CHARTER_COMMENTS = [
    ("Que la carta nombre a las personas mayores: también aprenden.", "taken_up",
     "Se añade al primer compromiso."),
    ("Pido un compromiso sobre el acceso digital en los barrios.", "considered",
     "Lo trata la acción de conectividad del plan; la carta lo menciona."),
    ("Rendir cuentas cada año está bien, pero ¿ante quién?", "", ""),
    ("Que las empresas firmantes ofrezcan horas de formación a su personal.", "", ""),
]  # fmt: skip


def _charter_draft_for_comments():
    """The charter's next version, unpublished, open for comments for a week now, with four
    comments, two answered by staff."""
    published = Charter.objects.published().order_by("-version").first()
    if published is None or Charter.objects.filter(published_on__isnull=True).exists():
        return
    staff = User.objects.filter(email="staff@example.org").first()
    draft = Charter.objects.create(
        plan=published.plan,
        title_es="Carta de Villa Esperanza, ciudad que aprende (revisión 2027)",
        title_en="Charter of Villa Esperanza, a city that learns (2027 revision)",
        text_es=published.text_es.replace(
            "</ul>", "<li>Llevar el aprendizaje a cada barrio, en línea y en persona.</li></ul>"
        ),
        text_en=(published.text_en or "").replace(
            "</ul>", "<li>Bring learning to every neighbourhood, online and in person.</li></ul>"
        ),
        version=published.version + 1,
        national_strategy=published.national_strategy,
        alignment_es=published.alignment_es,
        alignment_en=published.alignment_en,
    )
    today = timezone.localdate()
    CommentPeriod.objects.create(
        charter=draft,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=23),
        opened_by=staff,
    )
    people = _commenters()
    for number, (text, answer, reason) in enumerate(CHARTER_COMMENTS):
        person, organisation = people[(number * 2 + 1) % len(people)]
        written = _noon(today - timedelta(days=6 - number))
        _comment(person, organisation, text, written, answer, reason, staff, charter=draft)
