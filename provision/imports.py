"""A provider's catalogue imported from a CSV file by city staff, as monitoring imports values
(monitoring/imports.py): every row checked first with its row number, a preview, then all of it
stored through the services in one transaction, or nothing.

Columns: `name_es` and `format` (in_person, online, blended) are required; `name_en`,
`description_es`, `description_en`, `space` (a space's address in the portal), `address`,
`latitude`, `longitude`, `cost` (empty when free), `subjects` and `languages` (codes separated
by `;`), `schedule` (mornings;evenings;weekends), `starts_on`, `ends_on` (YYYY-MM-DD) and `url`.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from provision import services
from provision.models import Language, LearningSpace, Opportunity, Published, Subject

REQUIRED = ["name_es", "format"]
COLUMNS = [
    "name_es", "name_en", "description_es", "description_en", "format", "space", "address",
    "latitude", "longitude", "cost", "subjects", "languages", "schedule", "starts_on", "ends_on",
    "url",
]  # fmt: skip
SLOTS = ("mornings", "evenings", "weekends")
# The example the import page shows: data, in the columns' own names, in no language.
EXAMPLE = (
    "name_es,name_en,format,space,address,latitude,longitude,cost,subjects,languages,schedule,"
    "starts_on,ends_on,url\n"
    "Taller de lectura,Reading workshop,in_person,,Calle Hidalgo 10,19.70,-101.19,,reading,es,"
    "evenings,2027-02-01,2027-03-31,"
)
MAX_ROWS = 2000


@dataclass
class Batch:
    """The opportunities a file holds (unsaved, with their subjects and languages), and the
    problems of its rows as (row number, message)."""

    rows: list = field(default_factory=list)  # (opportunity, subjects, languages)
    errors: list = field(default_factory=list)


def _codes(value, known, row_label):
    codes = [code.strip() for code in (value or "").split(";") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            _("unknown %(what)s: %(codes)s") % {"what": row_label, "codes": ", ".join(unknown)}
        )
    return [known[code] for code in codes]


def _date(value, label):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("%(column)s “%(value)s” is not a date (YYYY-MM-DD).")
            % {"column": label, "value": value[:20]}
        ) from None


def _number(value, label):
    if not value:
        return None
    try:
        return Decimal(value).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("%(column)s “%(value)s” is not a number.") % {"column": label, "value": value[:20]}
        ) from None


def _opportunity(row, organisation, spaces, subjects, languages):
    get = lambda name: (row.get(name) or "").strip()  # noqa: E731
    space = None
    if get("space"):
        space = spaces.get(get("space"))
        if space is None:
            raise ValidationError(_("no learning space has the address “%(slug)s”.") % {
                "slug": get("space")[:60]})  # fmt: skip
    slots = {slot.strip() for slot in get("schedule").split(";") if slot.strip()}
    if slots - set(SLOTS):
        raise ValidationError(
            _("schedule must name mornings, evenings or weekends, separated by “;”.")
        )
    cost = get("cost")
    opportunity = Opportunity(
        name_es=get("name_es"),
        name_en=get("name_en"),
        description_es=get("description_es"),
        description_en=get("description_en"),
        organization=organisation,
        status=Published.PUBLISHED,
        format=get("format"),
        location=space,
        address=get("address"),
        latitude=_number(get("latitude"), "latitude"),
        longitude=_number(get("longitude"), "longitude"),
        is_free=not cost,
        fees_description_es=cost,
        starts_on=_date(get("starts_on"), "starts_on"),
        ends_on=_date(get("ends_on"), "ends_on"),
        url=get("url"),
        **{slot: slot in slots for slot in SLOTS},
    )
    if space is not None:
        for name in services.PLACE_FIELDS:
            setattr(opportunity, name, getattr(space, name))
    opportunity.full_clean(exclude=["slug"])
    return (
        opportunity,
        _codes(get("subjects"), subjects, _("subjects")),
        _codes(get("languages"), languages, _("languages")),
    )


def message_of(error):
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def read(text, *, organisation):
    """A Batch of `text` for `organisation`'s catalogue; nothing is stored."""
    batch = Batch()
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [name.strip().lower() for name in reader.fieldnames or []]
    except csv.Error as error:
        batch.errors.append((1, str(error)))
        return batch
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        batch.errors.append((1, _("The first row must name the columns; missing: %(missing)s.")
                             % {"missing": ", ".join(missing)}))  # fmt: skip
        return batch
    reader.fieldnames = header
    spaces = {space.slug: space for space in LearningSpace.objects.all()}
    subjects = {subject.slug: subject for subject in Subject.objects.all()}
    languages = {language.slug: language for language in Language.objects.all()}
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                batch.errors.append((number, _("At most %(max)d rows a file.") % {"max": MAX_ROWS}))
                break
            try:
                batch.rows.append(_opportunity(row, organisation, spaces, subjects, languages))
            except ValidationError as error:
                batch.errors.append((number, message_of(error)))
    except csv.Error as error:
        batch.errors.append((reader.line_num, str(error)))
    if not batch.rows and not batch.errors:
        batch.errors.append((None, _("The file has no rows.")))
    return batch


@transaction.atomic
def store(batch, *, by):
    """Every opportunity of a checked batch, through the services, or none."""
    saved = []
    for opportunity, subjects, languages in batch.rows:
        services.opportunity_save(opportunity=opportunity, by=by)
        opportunity.subjects.set(subjects)
        opportunity.languages.set(languages)
        saved.append(opportunity)
    return saved
