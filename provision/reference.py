"""Rows every installation starts with: the resources spaces offer families and communities,
and the languages of teaching (ISO 639 codes). The data migration calls this with the historical
models; the demo and the tests call it again after a live-server flush."""

RESOURCES = [
    ("childrens-corner", "Rincón infantil", "Children's corner"),
    ("computers", "Computadoras de uso libre", "Computers for public use"),
    ("wifi", "Internet inalámbrico gratuito", "Free wi-fi"),
    ("study-rooms", "Salas de estudio", "Study rooms"),
    ("meeting-rooms", "Salas para grupos de la comunidad", "Rooms for community groups"),
    ("printing", "Impresión y escaneo", "Printing and scanning"),
    ("toy-library", "Ludoteca", "Toy library"),
    ("garden", "Huerto comunitario", "Community garden"),
]

LANGUAGES = [
    ("es", "Español", "Spanish"),
    ("en", "Inglés", "English"),
    ("fr", "Francés", "French"),
    ("nah", "Náhuatl", "Nahuatl"),
    ("tsz", "Purépecha", "Purépecha"),
    ("lsm", "Lengua de señas mexicana", "Mexican Sign Language"),
]


def ensure_reference_lists(resource_model, language_model):
    for model, rows in ((resource_model, RESOURCES), (language_model, LANGUAGES)):
        for slug, name_es, name_en in rows:
            model.objects.get_or_create(
                slug=slug, defaults={"name_es": name_es, "name_en": name_en}
            )
