"""The demo city's forum: a category per action area and one to share experiences, about forty
topics with their replies in Spanish and English, written over the past months by the demo
accounts and a few neighbours, with a pinned and a locked topic, a flag waiting for the
moderators and a post they hid.

Topics and posts go through stakeholders.forum.services like anyone's, then are moved back to the
day they were written (see `_backdate`). A topic already there (same category and title) is left
as it is, so loading the demo twice changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from learningcity.models import User
from stakeholders.forum import services
from stakeholders.forum.models import Category, Flag, Post, Topic
from stakeholders.models import Membership, Organisation

# slug | Spanish name | English name | Spanish description | English description
CATEGORIES = [
    ("planeacion", "Planeación", "Planning", "Los temas, objetivos y acciones del plan de la ciudad del aprendizaje, y cómo se construyen.", "The themes, objectives and actions of the learning city's plan, and how they are built."),
    ("participacion", "Participación", "Participation", "El comité, las alianzas con otras ciudades y cómo cada organización puede sumarse.", "The committee, partnerships with other cities and how every organisation can take part."),
    ("celebracion", "Celebración", "Celebration", "El Festival del Aprendizaje, las conferencias y las fiestas que celebran el aprendizaje.", "The Learning Festival, conferences and the celebrations of learning."),
    ("accesibilidad", "Accesibilidad", "Accessibility", "Dónde y cómo aprender en cada barrio: espacios, cursos, apoyos y reconocimiento de lo aprendido.", "Where and how to learn in every neighbourhood: places, courses, support and recognition of what you learned."),
    ("monitoreo-y-evaluacion", "Monitoreo y evaluación", "Monitoring and evaluation", "Indicadores, informes de avance y lecciones aprendidas.", "Indicators, progress reports and lessons learned."),
    ("financiamiento", "Financiamiento sostenible", "Sustainable funding", "Cómo se financia el aprendizaje en la ciudad y cómo compartir recursos.", "How learning in the city is funded and how to share resources."),
    ("comparta-su-experiencia", "Comparta su experiencia", "Share your experience", "Cuente lo que aprendió, dónde y con quién: aquí se comparten las experiencias.", "Tell what you learned, where and with whom: this is where experiences are shared."),
]  # fmt: skip

# Neighbours who write in the forum besides the demo accounts (they have no password: nobody
# logs in as them). e-mail | name | language | organisation | role there
PEOPLE = [
    ("lucia.hernandez@example.org", "Lucía Hernández", "es", "Centro Comunitario Río Chico", Membership.Role.MEMBER),
    ("jorge.mendoza@example.org", "Jorge Mendoza", "es", "Casa del Migrante San José", Membership.Role.ADMIN),
    ("samuel.joseph@example.org", "Samuel Joseph", "en", None, None),
    ("sarah.collins@example.org", "Sarah Collins", "en", "Universidad Autónoma de Villa Esperanza", Membership.Role.MEMBER),
    ("marisol.vega@example.org", "Marisol Vega", "es", "Asociación de Personas Mayores Nuevo Amanecer", Membership.Role.MEMBER),
    ("tomas.quispe@example.org", "Tomás Quispe", "es", "Radio Comunitaria La Voz", Membership.Role.MEMBER),
    ("daniela.ruiz@example.org", "Daniela Ruiz", "es", "Fundación Aprender Juntos", Membership.Role.ADMIN),
    ("priya.nair@example.org", "Priya Nair", "en", None, None),
    ("ricardo.pena@example.org", "Ricardo Peña", "es", None, None),
]  # fmt: skip

# Short names for the authors below.
AUTHORS = {
    "alicia": "citizen@example.org",
    "bruno": "stakeholder@example.org",
    "sergio": "staff@example.org",
    "monica": "moderator@example.org",
    "carolina": "coordinator@example.org",
    **{email.split(".")[0]: email for email, *_rest in PEOPLE},
}

LIBRARY = "Biblioteca Pública Central"
BARRIO_LIBRARY = "Biblioteca Barrial Río Chico"
COMMUNITY_CENTRE = "Centro Comunitario Río Chico"
MIGRANT_HOUSE = "Casa del Migrante San José"
UNIVERSITY = "Universidad Autónoma de Villa Esperanza"
ELDERS = "Asociación de Personas Mayores Nuevo Amanecer"
RADIO = "Radio Comunitaria La Voz"
FOUNDATION = "Fundación Aprender Juntos"
MOTHERS = "Red de Madres Lectoras"


@dataclass(frozen=True)
class R:
    """A reply: its author, language and text; `org` when written on behalf of one; `flag`
    (who, reason, note) leaves it in the moderators' queue; `hidden` is why a moderator hid it."""

    author: str
    language: str
    body: str
    org: str | None = None
    flag: tuple | None = None
    hidden: str = ""


@dataclass(frozen=True)
class T:
    """A topic: where, by whom, in which language, how many days ago; `about` names the
    organisation it discusses; `locked` is the moderator's reason for locking it."""

    category: str
    author: str
    language: str
    title: str
    body: str
    days_ago: int
    replies: tuple = ()
    org: str | None = None
    about: str | None = None
    pinned: bool = False
    locked: str = ""


TOPICS = [
    # Planeación
    T("planeacion", "carolina", "es", "¿Cómo se eligieron los temas del plan de acción?",
      "Varias personas nos han preguntado de dónde salen los cinco temas del plan. Salen de la consulta con líderes de barrio, bibliotecas, empresas y sindicatos: cada sector nombró los retos que vive y el comité los agrupó.\n\n¿Falta algún reto de su barrio? Cuéntenlo aquí.",
      128, (
          R("lucia", "es", "En Río Chico el reto más grande es que muchas personas adultas no terminaron la primaria. Me alegra ver el tema «Nadie se queda atrás»."),
          R("carolina", "es", "Gracias, Lucía. La alfabetización de adultos está en el objetivo de espacios comunitarios; la revisaremos en la próxima versión del plan."),
          R("sarah", "en", "From the university's side: the themes map well onto the *Key Features of Learning Cities*. It would help to say which feature each objective serves."),
      )),
    T("planeacion", "sergio", "es", "Talleres de capacitación para los sectores: fechas de marzo",
      "La Secretaría organiza talleres para que cada sector conozca el plan y prepare sus propias acciones:\n\n- Escuelas y universidades: martes 10\n- Empresas y sindicatos: jueves 12\n- Organizaciones sociales: sábado 14\n\nInscripciones en la página de talleres.",
      96, (
          R("bruno", "es", "La Biblioteca Pública Central puede prestar su auditorio para el taller del sábado (80 lugares).", org=LIBRARY),
          R("tomas", "es", "Desde la radio podemos anunciar los talleres en el noticiero de la mañana."),
          R("sergio", "es", "¡Gracias a los dos! El taller del sábado queda en la Biblioteca Central."),
      )),
    T("planeacion", "alicia", "en", "Feedback on the draft charter of actions",
      "I read the draft charter of the learning city. It is clear and short, which I like. Two suggestions: name who answers for each commitment, and add a line about people who do not read Spanish yet.",
      81, (
          R("carolina", "es", "Gracias, Alicia. Las dos ideas pasan a la comisión de redacción; la segunda nos parece muy importante."),
          R("sarah", "en", "+1 on naming who answers for each commitment. Charters in other GNLC cities that did this were easier to follow up."),
          R("alicia", "en", "Thank you both. I'm happy to help translate the final text."),
      )),
    T("planeacion", "marisol", "es", "Propuesta: las personas mayores en el tema de ciudad digital",
      "En nuestra asociación la mitad de las socias no usa internet, pero quieren aprender. Proponemos que el tema «Ciudad digital que aprende» tenga una acción dedicada a personas mayores, con clases lentas y en grupos pequeños.",
      62, (
          R("sergio", "es", "Muy buena propuesta. ¿Podrían escribirla en el banco de propuestas del plan para que el comité la puntúe?"),
          R("daniela", "es", "La Fundación puede aportar tabletas usadas para esas clases.", org=FOUNDATION),
          R("marisol", "es", "¡Ya la escribimos! Gracias, Daniela, las tabletas nos vendrían muy bien."),
      ), org=ELDERS),
    T("planeacion", "sergio", "es", "Inventario de lo que ya hacen las organizaciones",
      "Antes de proponer acciones nuevas queremos saber qué hace ya cada organización: cursos, clubes, talleres, préstamos de espacios. Registren sus actividades en el inventario del plan; el personal las revisa en una semana.",
      46, (
          R("bruno", "es", "Registramos el club de lectura, la alfabetización digital y el préstamo de computadoras.", org=LIBRARY),
          R("jorge", "es", "La Casa del Migrante registró sus clases de español y la orientación legal.", org=MIGRANT_HOUSE),
          R("priya", "en", "Does a volunteer group without legal status count as an organisation for the inventory?"),
          R("sergio", "es", "Sí, Priya: cualquier grupo puede registrarse; pedimos solo un contacto."),
      )),
    T("planeacion", "sarah", "en", "Medium- and long-term objectives: are they measurable?",
      "Some objectives in the plan say «improve» or «strengthen» without a number. Could each one have a baseline and a target, so that the monitoring reports can say whether we got there?",
      31, (
          R("carolina", "es", "Tienes razón. Cada objetivo tendrá un indicador con línea base y meta en la versión de enero."),
          R("sarah", "en", "Great. The university's statistics students could help compute the baselines."),
      ), org=UNIVERSITY),
    # Participación
    T("participacion", "carolina", "es", "Presentación del comité de la ciudad del aprendizaje",
      "El comité reúne a representantes de gobierno, universidades, escuelas, empresas, sindicatos, salud y sociedad civil. Sus acuerdos se publican en la página del comité. Este tema es para sus preguntas.",
      142, (
          R("tomas", "es", "¿Las sesiones del comité son abiertas al público? Nos gustaría transmitirlas por la radio."),
          R("carolina", "es", "Dos sesiones al año son abiertas; con gusto las transmiten."),
          R("alicia", "en", "Will there be a seat for citizens who are not part of an organisation?"),
      )),
    T("participacion", "daniela", "es", "¿Cómo puede mi organización sumarse al comité?",
      "Somos una fundación que trabaja con jóvenes y familias migrantes. ¿Cómo se eligen las organizaciones del comité y cuándo se renuevan los puestos?",
      71, (
          R("carolina", "es", "Cada sector elige a su representante cada dos años. La sociedad civil elige en enero; les enviaremos la convocatoria."),
          R("daniela", "es", "¡Gracias! Estaremos pendientes.", org=FOUNDATION),
      ), org=FOUNDATION),
    T("participacion", "sergio", "es", "Hermanamiento con Medellín: lo que aprendimos",
      "En el intercambio con Medellín vimos cómo organizan su festival en plazas públicas y cómo las bibliotecas se vuelven centros de barrio. Compartimos aquí las notas; ¿qué les parece más útil para Villa Esperanza?",
      52, (
          R("sarah", "en", "The idea of library parks is very strong. Our Río Chico library could be the first one here."),
          R("lucia", "es", "Me gustó que en Medellín los jóvenes del barrio guían las visitas. Aquí podríamos hacer lo mismo."),
      )),
    T("participacion", "priya", "en", "Volunteers wanted for the Saturday homework club",
      "The Río Chico neighbourhood library runs a homework club on Saturday mornings and we are short of volunteers, especially for maths. Two hours a week is enough. Spanish is needed, but it does not have to be perfect!",
      21, (
          R("alicia", "en", "I can come every other Saturday. Is there a short training first?"),
          R("bruno", "es", "La Biblioteca Central da una inducción para voluntarios el primer viernes de cada mes; Priya, pueden venir juntas."),
          R("priya", "en", "Perfect, see you on Friday!"),
      ), about=BARRIO_LIBRARY),
    T("participacion", "tomas", "es", "La Voz abre un espacio semanal para las organizaciones",
      "Cada miércoles a las 18:00 tenemos media hora para que una organización cuente lo que hace. Escriban aquí para reservar su fecha.",
      36, (
          R("jorge", "es", "Nos gustaría ir a hablar de las clases de español para migrantes.", org=MIGRANT_HOUSE),
          R("marisol", "es", "A nuestra asociación también. ¿Puede ser en diciembre?", org=ELDERS),
          R("tomas", "es", "Jorge el día 5 y Marisol el 12. ¡Los esperamos!", org=RADIO),
      ), org=RADIO),
    T("participacion", "carolina", "es", "Consulta pública sobre el borrador del plan",
      "El borrador del plan de acción está abierto a comentarios durante un mes. Escriban aquí lo que falte, sobre o deba cambiar.",
      112, (
          R("lucia", "es", "Falta transporte: muchas personas de Río Chico no pueden llegar a los cursos del centro."),
          R("alicia", "en", "Please publish the plan in English too: several families in my reading group read English better."),
          R("marisol", "es", "Pedimos horarios de mañana para las personas mayores."),
          R("carolina", "es", "Gracias a todas. La consulta terminó y el resumen de respuestas está en la página del plan."),
      ), locked="La consulta terminó; el resumen de las respuestas está publicado en la página del plan."),
    # Celebración
    T("celebracion", "sergio", "es", "Festival del Aprendizaje: ¡ideas para los talleres!",
      "El Festival del Aprendizaje vuelve a la Plaza de Armas. Cada organización puede ofrecer un taller práctico de una hora. ¿Qué les gustaría enseñar o aprender?",
      101, (
          R("bruno", "es", "Cuentacuentos para niñas y niños, y un taller para hacer libros cartoneros.", org=LIBRARY),
          R("tomas", "es", "Podemos transmitir en vivo desde la plaza y enseñar a hacer un programa de radio."),
          R("samuel", "en", "I would love to share Haitian cooking and music. Can a person without an organisation offer a workshop?"),
          R("sergio", "es", "¡Claro que sí, Samuel! Escríbenos y te damos un lugar en la carpa de cocina."),
          R("daniela", "es", "La Fundación se encarga del espacio infantil.", org=FOUNDATION),
      )),
    T("celebracion", "alicia", "en", "Volunteering at the Learning Festival: what to expect",
      "I signed up as a festival volunteer. For those who did it last year: how long are the shifts, and do we get lunch?",
      86, (
          R("sergio", "es", "Los turnos son de cuatro horas y hay comida para el voluntariado en la carpa de la Secretaría."),
          R("priya", "en", "I did the info desk last year. Bring water and a hat, the square gets hot at noon!"),
      )),
    T("celebracion", "tomas", "es", "Crónica del festival en la Plaza de Armas",
      "Más de 3 000 personas pasaron por la plaza el sábado. Los talleres de radio, huertos y libros cartoneros se llenaron. Dejamos la crónica completa y las entrevistas en nuestra página.",
      76, (
          R("marisol", "es", "Nuestras socias bailaron danzón y enseñaron a jugar lotería. ¡Fue un día precioso!"),
          R("lucia", "es", "Tres estudiantes de alfabetización leyeron en voz alta en el escenario. Muy emocionante."),
      ), org=RADIO),
    T("celebracion", "bruno", "es", "La Noche de las Bibliotecas: ¿la repetimos cada año?",
      "La primera Noche de las Bibliotecas abrió cinco bibliotecas hasta la medianoche con lecturas, música y visitas guiadas. Queremos hacerla cada año. ¿Qué cambiarían?",
      41, (
          R("alicia", "en", "Yes, please! Maybe start a bit earlier so families with small children can come."),
          R("carolina", "es", "La Secretaría puede incluirla en el calendario oficial de celebraciones."),
      ), org=LIBRARY),
    T("celebracion", "sarah", "en", "Exhibitor applications for the festival: deadline?",
      "The university would like to exhibit its open courses at the festival. Is there still time to apply as an exhibitor, and do we need to bring our own table?",
      26, (
          R("sergio", "es", "Las solicitudes cierran el día 30. Nosotros ponemos mesa, dos sillas y electricidad."),
          R("sarah", "en", "Thanks, we have applied.", org=UNIVERSITY),
      ), org=UNIVERSITY),
    T("celebracion", "carolina", "es", "Conferencia con las ciudades hermanas: temas propuestos",
      "En la conferencia con Medellín, Hamburgo y Puerto Claro queremos hablar de tres temas: bibliotecas de barrio, aprendizaje de personas migrantes e indicadores locales. ¿Qué otros temas propondrían?",
      16, (
          R("sarah", "en", "Funding: how each city shares costs with businesses and foundations."),
          R("jorge", "es", "Cómo reconocen otras ciudades lo que las personas migrantes ya saben hacer."),
      )),
    # Accesibilidad
    T("accesibilidad", "jorge", "es", "Clases de español para familias migrantes",
      "La Casa del Migrante San José ofrece clases de español gratuitas de lunes a jueves, de 17:00 a 19:00, con cuidado infantil. No se pide ningún documento para inscribirse.",
      131, (
          R("samuel", "en", "I started these classes in spring. The teachers are very patient and the childcare made it possible for my wife to come too."),
          R("daniela", "es", "La Fundación puede becar el transporte de las familias que vienen de lejos.", org=FOUNDATION),
          R("priya", "en", "Do you need volunteer teachers for the beginners' group?"),
          R("jorge", "es", "¡Sí, Priya! Los martes nos falta una persona para el grupo inicial.", org=MIGRANT_HOUSE),
      ), org=MIGRANT_HOUSE, about=MIGRANT_HOUSE),
    T("accesibilidad", "samuel", "en", "My first months learning Spanish in Villa Esperanza",
      "I came from Haiti with my family last year. I write in English because my Spanish is still small, but every week it grows. What helped me most: the classes at the Casa del Migrante, the radio, and talking with the neighbours at the market.",
      91, (
          R("jorge", "es", "¡Samuel, tu español ha mejorado muchísimo! Gracias por animar a otras familias."),
          R("alicia", "en", "Thank you for sharing this. Our reading group would love you to visit and tell your story."),
          R("lucia", "es", "En el centro comunitario hay conversación en español los viernes; estás invitado."),
      )),
    T("accesibilidad", "lucia", "es", "Alfabetización de adultos en Río Chico: ya somos 42",
      "El grupo de alfabetización del Centro Comunitario Río Chico empezó con 8 personas y hoy tiene 42. Nos reunimos por la tarde, después del trabajo. Buscamos más asesoras voluntarias.",
      66, (
          R("marisol", "es", "¡Qué gusto! Algunas de nuestras socias fueron maestras y podrían ayudar."),
          R("sergio", "es", "Los certificados se tramitan con la Plaza Comunitaria del Instituto de Educación para Adultos; les ayudamos con el trámite."),
          R("alicia", "en", "Congratulations! 42 people is wonderful."),
      ), org=COMMUNITY_CENTRE, about=COMMUNITY_CENTRE),
    T("accesibilidad", "marisol", "es", "¿Hay rampa y baño accesible en la Biblioteca Central?",
      "Dos de nuestras socias usan silla de ruedas. ¿La Biblioteca Pública Central tiene rampa y baño accesible?",
      56, (
          R("bruno", "es", "Sí: rampa por la calle Allende, elevador al primer piso y baño accesible en la planta baja. Si avisan antes, les reservamos lugar junto a la entrada.", org=LIBRARY),
          R("marisol", "es", "¡Muchas gracias, Bruno!"),
      ), about=LIBRARY),
    T("accesibilidad", "alicia", "en", "Is there a map of free courses for adults?",
      "A neighbour asked me where she can take a free computer course near the south of the city. Is there one place that lists them all?",
      29, (
          R("sergio", "es", "Sí: el mapa de oferta de aprendizaje del portal. Se puede filtrar por distrito, costo y horario."),
          R("alicia", "en", "Found it, thank you! The filter for «free» is very useful."),
      )),
    T("accesibilidad", "lucia", "es", "¿Cómo acreditar lo que aprendí trabajando?",
      "Trabajé veinte años como costurera y sé llevar las cuentas de un taller, pero no tengo ningún papel que lo diga. ¿Hay forma de que me reconozcan lo que sé?",
      13, (
          R("sergio", "es", "Sí: el Centro de Capacitación para el Trabajo evalúa saberes adquiridos en el trabajo y entrega un certificado oficial. En el portal está el procedimiento de reconocimiento."),
          R("lucia", "es", "Gracias, ya pedí la cita."),
      )),
    # Monitoreo y evaluación
    T("monitoreo-y-evaluacion", "carolina", "es", "Primer informe semestral de avance: comentarios",
      "Publicamos el primer informe de avance del plan. De 40 acciones, 12 van a tiempo, 5 están retrasadas y el resto aún no empieza. Esperamos sus comentarios.",
      106, (
          R("sarah", "en", "The report is clear. It would be good to show the figures by district, not only for the whole city."),
          R("daniela", "es", "¿Podrían explicar por qué se retrasaron las cinco acciones?"),
          R("carolina", "es", "Buena idea las dos cosas: el próximo informe tendrá datos por distrito y una nota por cada acción retrasada."),
      )),
    T("monitoreo-y-evaluacion", "sarah", "en", "Indicators on adult literacy: where does the data come from?",
      "The literacy indicator uses census figures from 2020. Could community centres report their own numbers each semester, so the indicator moves faster than the census?",
      73, (
          R("sergio", "es", "Sí: las organizaciones responsables pueden capturar mediciones en el portal. Lo abrimos para los centros comunitarios."),
          R("lucia", "es", "Nosotros podemos reportar cada seis meses cuántas personas terminan.", org=COMMUNITY_CENTRE),
      ), org=UNIVERSITY),
    T("monitoreo-y-evaluacion", "sergio", "es", "Encuesta de necesidades de aprendizaje en los barrios",
      "Durante este mes hay una encuesta sobre lo que la gente quiere aprender. Se puede contestar en el portal o en papel en bibliotecas y centros comunitarios.",
      49, (
          R("tomas", "es", "La leemos en la radio cada mañana para quienes no usan internet."),
          R("marisol", "es", "Llenamos 35 encuestas en papel con las socias. ¿Dónde las entregamos?"),
          R("sergio", "es", "En cualquier biblioteca o en la Secretaría. ¡Gracias!"),
      )),
    T("monitoreo-y-evaluacion", "bruno", "es", "Contamos asistentes con listas en papel: ¿hay una forma mejor?",
      "En la biblioteca seguimos contando a quienes vienen a los talleres con listas en papel y luego lo pasamos a mano. ¿Qué usan otras organizaciones?",
      23, (
          R("sergio", "es", "Los eventos del portal tienen registro y pase de lista; el conteo llega solo a los indicadores."),
          R("priya", "en", "At the homework club we use a simple tally sheet per session, then one person enters it once a month. Low tech, but it works."),
      ), org=LIBRARY),
    T("monitoreo-y-evaluacion", "alicia", "en", "Lessons learned from our reading group's first year",
      "The mothers' reading network finished its first year. What worked: meeting in the park, books lent for two weeks, and letting children choose. What did not: evening sessions, and asking people to sign up online.",
      11, (
          R("marisol", "es", "Nos pasa igual con las inscripciones en línea; ahora inscribimos por teléfono."),
          R("carolina", "es", "Estas lecciones son valiosas para el informe; ¿podemos citarlas?"),
          R("alicia", "en", "Of course!", org=MOTHERS),
      ), org=MOTHERS),
    # Financiamiento sostenible
    T("financiamiento", "lucia", "es", "Financiamiento de los centros comunitarios: ¿de dónde sale?",
      "El Centro Comunitario Río Chico vive de donaciones y de las cuotas voluntarias de los vecinos. ¿Cómo se financian los demás? ¿Hay apoyo del municipio?",
      126, (
          R("carolina", "es", "El municipio cubre renta y servicios de seis centros; el plan propone llegar a todos los distritos en 2028."),
          R("daniela", "es", "La Fundación tiene una convocatoria anual para equipamiento.", org=FOUNDATION),
          R("jorge", "es", "Nosotros combinamos fondos de una agencia internacional con voluntariado. Con gusto compartimos cómo lo hacemos."),
      )),
    T("financiamiento", "sarah", "en", "Businesses contributing 20 % of the budget: realistic?",
      "The committee wants businesses to provide a fifth of the budget. Has anyone asked the Chamber of Commerce whether that is realistic for small firms?",
      89, (
          R("carolina", "es", "La Cámara propone aportes en especie: horas de formación y aprendices. Cuentan para el 20 %."),
          R("tomas", "es", "En la radio varias empresas ya patrocinan los programas de aprendizaje."),
      )),
    T("financiamiento", "daniela", "es", "Convocatoria de becas de la Fundación Aprender Juntos",
      "Abrimos 50 becas para jóvenes y personas adultas que quieran terminar la preparatoria o un curso técnico. Se da prioridad a familias migrantes. Cierre: fin de mes.",
      59, (
          R("samuel", "en", "Can people who are still waiting for their residence papers apply?"),
          R("daniela", "es", "Sí, Samuel: no pedimos documentos migratorios.", org=FOUNDATION),
      ), org=FOUNDATION, about=FOUNDATION),
    T("financiamiento", "bruno", "es", "Compartir salones y equipos entre organizaciones",
      "La biblioteca tiene un auditorio y 20 computadoras que por las mañanas casi no se usan. ¿Qué otras organizaciones tienen espacios o equipos para compartir?",
      39, (
          R("lucia", "es", "El centro comunitario tiene un patio techado libre los fines de semana."),
          R("jorge", "es", "Tenemos un proyector y una impresora que podemos prestar.", org=MIGRANT_HOUSE),
      ), org=LIBRARY),
    T("financiamiento", "sergio", "es", "Análisis costo-beneficio del programa de alfabetización",
      "Estamos calculando el costo-beneficio del programa de alfabetización de adultos: costos de asesoras, materiales y espacios frente a beneficios en empleo e ingresos. Compartiremos el método antes de publicarlo.",
      19, (
          R("sarah", "en", "Please include the benefits for the learners' children too. The literature shows strong effects on school results."),
      )),
    T("financiamiento", "priya", "en", "Raising money for the Río Chico community centre's roof",
      "The rainy season damaged the roof of the Río Chico community centre, where the literacy group meets. We are collecting donations and looking for a builder who could give a discount.",
      6, (
          R("lucia", "es", "¡Gracias, Priya! Mientras tanto nos reunimos en la biblioteca barrial."),
          R("alicia", "en", "Our reading group will donate what we raised at the book fair."),
      )),
    # Comparta su experiencia
    T("comparta-su-experiencia", "monica", "es", "Normas de convivencia del foro",
      "Bienvenidas y bienvenidos al foro de Villa Esperanza, ciudad que aprende.\n\n1. Trate a las demás personas con respeto.\n2. No publique datos personales de nadie (teléfonos, direcciones).\n3. Nada de publicidad.\n4. Si algo no está bien, márquelo: el equipo de moderación lo revisa.\n\n*You may write in English too: everyone is welcome.*",
      151, (), pinned=True),
    T("comparta-su-experiencia", "bruno", "es", "El club de lectura de la Biblioteca Central cumple un año",
      "Hace un año empezamos el club de lectura de los jueves con seis personas. Hoy somos veinticinco, de 16 a 82 años. Este año leímos a Rulfo, a Elena Poniatowska y a autoras de la ciudad.",
      116, (
          R("marisol", "es", "Soy del club desde el principio. Me devolvió las ganas de leer."),
          R("alicia", "en", "I joined in May to practise Spanish. Everyone is very patient with me."),
          R("ricardo", "es", "Doy clases particulares de inglés a precio especial, escríbanme por mensaje privado para más información.", flag=("bruno", Flag.Reason.SPAM, "Publicidad de clases particulares; no tiene que ver con el club.")),
      ), org=LIBRARY, about=LIBRARY),
    T("comparta-su-experiencia", "marisol", "es", "Aprendí a usar el celular a los 70 años",
      "Mis nietos siempre me decían «abuela, es muy fácil», pero nunca tenían tiempo. En el taller de la biblioteca aprendí a hacer videollamadas y a leer las noticias. ¡Ahora les escribo yo!",
      69, (
          R("lucia", "es", "¡Qué bonito, Marisol! Esto hay que contarlo en la radio."),
          R("tomas", "es", "¡La invitamos al programa del miércoles!"),
          R("alicia", "en", "This made my day. My grandmother would love that workshop."),
      )),
    T("comparta-su-experiencia", "sarah", "en", "From Hamburg to Villa Esperanza: a teacher exchange",
      "I spent two weeks in Hamburg's adult education centres as part of the partnership. The most striking thing: every neighbourhood has a centre open in the evenings, and the courses are planned with the learners.",
      43, (
          R("carolina", "es", "Gracias por compartirlo, Sarah. ¿Podrías presentarlo en la próxima sesión del comité?"),
          R("bruno", "es", "La idea de planear los cursos con quienes aprenden nos gustaría probarla en la biblioteca."),
      )),
    T("comparta-su-experiencia", "lucia", "es", "Una madre y su hija terminaron la secundaria juntas",
      "Una de nuestras estudiantes y su hija de 17 años estudiaron juntas en las tardes y las dos recibieron su certificado de secundaria la misma semana. Nos pidieron contarlo para animar a otras familias.",
      9, (
          R("jorge", "es", "¡Felicidades! Si alguien quiere felicitarla, su teléfono es 443 555 0199 y vive en la calle del Río.", hidden="Publicaba el teléfono y la dirección de una estudiante sin su permiso; felicítenla aquí, en el foro."),
          R("daniela", "es", "¡Qué historia tan inspiradora! Felicidades a las dos."),
          R("samuel", "en", "This gives me hope. My daughter and I study together too."),
      ), org=COMMUNITY_CENTRE),
    T("comparta-su-experiencia", "priya", "en", "Learning to code at 45 at the Instituto Tecnológico",
      "I finished the Instituto Tecnológico's free evening course in programming. I was the oldest in the group and the only one who had never used a terminal. Twelve weeks later I built a small website for the homework club!",
      3, (
          R("sarah", "en", "Well done! Would you share the website here?"),
          R("carolina", "es", "¡Felicidades, Priya! Es un gran ejemplo de aprendizaje a lo largo de la vida."),
      )),
]  # fmt: skip

# Who follows what besides the topics they wrote in: category slug or topic title.
FOLLOWS = [
    ("carolina", "planeacion", None),
    ("sergio", "monitoreo-y-evaluacion", None),
    ("alicia", "accesibilidad", None),
    ("monica", "comparta-su-experiencia", None),
    ("bruno", None, "Clases de español para familias migrantes"),
    ("sarah", None, "Financiamiento de los centros comunitarios: ¿de dónde sale?"),
]

# Replies follow their topic by these many hours (the last ones stay in the past).
REPLY_HOURS = [4, 11, 27, 46, 70, 97]


def seed():
    categories = _categories()
    people = _people()
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    now = timezone.now()
    touched = set()
    for number, entry in enumerate(TOPICS):
        category = categories[entry.category]
        if Topic.objects.filter(category=category, title=entry.title).exists():
            continue
        _topic(entry, number, category, people, organisations, now)
        touched.add(category)
    for category in touched:
        services.recount_category(category)
    _follows(categories, people)


def _categories():
    categories = {}
    for order, (slug, name_es, name_en, description_es, description_en) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name_es": name_es,
                "name_en": name_en,
                "description_es": description_es,
                "description_en": description_en,
                "order": order,
            },
        )
    return categories


def _people():
    """The forum's authors. They joined before the forum's first topic, as they would have: an
    account younger than FORUM_NEW_ACCOUNT_DAYS would also meet the new accounts' limits."""
    joined = timezone.now() - timedelta(days=max(entry.days_ago for entry in TOPICS) + 30)
    for email, full_name, language, organisation, role in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, "preferred_language": language}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if organisation:
            Membership.objects.get_or_create(
                user=user,
                organisation=Organisation.objects.get(name=organisation),
                defaults={"role": role},
            )
    emails = set(AUTHORS.values())
    User.objects.filter(email__in=emails, date_joined__gt=joined).update(date_joined=joined)
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _topic(entry, number, category, people, organisations, now):
    def person(name):
        return people[AUTHORS[name]]

    # Spread over the day too, so that topics of the same day are not written at the same minute.
    started = now - timedelta(
        days=entry.days_ago, hours=(number * 7) % 10, minutes=number * 13 % 60
    )
    topic = services.topic_start(
        category=category,
        title=entry.title,
        body=entry.body,
        by=person(entry.author),
        language=entry.language,
        organisation=organisations.get(entry.org),
        about=organisations.get(entry.about),
    )
    _backdate(topic.posts.get(number=1), started)
    Topic.objects.filter(pk=topic.pk).update(created_at=started, last_activity_at=started)
    moderator = people[AUTHORS["monica"]]
    for position, reply in enumerate(entry.replies):
        written = min(
            started + timedelta(hours=REPLY_HOURS[position]),
            now - timedelta(minutes=30 * (len(entry.replies) - position)),
        )
        post = services.post_reply(
            topic=topic,
            body=reply.body,
            by=person(reply.author),
            language=reply.language,
            organisation=organisations.get(reply.org),
        )
        _backdate(post, written)
        if reply.flag:
            flagger, reason, note = reply.flag
            flag = services.post_flag(post=post, by=person(flagger), reason=reason, note=note)
            Flag.objects.filter(pk=flag.pk).update(created_at=written + timedelta(hours=2))
        if reply.hidden:
            services.post_hide(post=post, by=moderator, reason=reply.hidden)
    if entry.pinned:
        services.topic_moderate(topic=topic, by=moderator, action="pin")
    if entry.locked:
        services.topic_moderate(topic=topic, by=moderator, action="lock", reason=entry.locked)
    topic.refresh_from_db()
    services.recount_topic(topic)


def _backdate(post, written):
    """The services write a post as of now; a demo post was written `written`. Its followers
    count as told long ago: nobody is e-mailed about months-old demo posts when the demo loads."""
    Post.objects.filter(pk=post.pk).update(created_at=written, followers_notified_at=written)


def _follows(categories, people):
    for name, slug, title in FOLLOWS:
        user = people[AUTHORS[name]]
        if slug:
            services.follow(user=user, category=categories[slug])
        else:
            services.follow(user=user, topic=Topic.objects.get(title=title))
