"""One audit trail of state changes: who did what to which object, when, and from which screen.

Every service that changes the state of something calls `record(...)` inside its transaction, so
the entry is written if and only if the change is. Apps name their action codes with the
sentence staff read (`register({"planning.plan_adopt": gettext_noop("Adopted a version of the
plan")})`); the sentence is stored untranslated and translated when shown.

Where the change comes from a request, `AuditSourceMiddleware` keeps the request's path in a
context variable and `record` stores it; Celery tasks pass `source="task"`.

An app whose edits staff may undo field by field registers a `Restorer` for the model: the
activity page then offers to put an entry's earlier value back, and `restore` does it through the
app's own service (validated, recorded as a new entry), never by saving here.
"""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from learningcity.content_languages import translated_fields
from learningcity.models import AuditEntry

_actions = {}
_source = ContextVar("audit_source", default="")


def register(actions):
    """`{code: untranslated sentence}` for the codes an app records."""
    _actions.update(actions)


def action_choices():
    return sorted(_actions.items())


def last_change(queryset, *fields, audited=()):
    """When the rows of `queryset` last changed: the latest of their `fields` (timestamps) and
    of the entries about rows of the `audited` models (every change made through the services is
    recorded here, edits and deletions that leave no timestamp of their own included). For the
    open data's Last-Modified; two queries at most."""
    found = queryset.aggregate(**{f"latest_{name}": Max(name) for name in fields}).values()
    moments = [moment for moment in found if moment]
    if audited:
        types = ContentType.objects.get_for_models(*audited).values()
        latest = AuditEntry.objects.filter(target_type__in=types).aggregate(latest=Max("when"))
        if latest["latest"]:
            moments.append(latest["latest"])
    return max(moments, default=None)


def editable_fields(instance):
    """The stored names (`objective_id`, not `objective`) of the fields a form could change; a
    text kept per language by its fields per language (`title_es`, `title_en`), not by the
    name that reads the active language's."""
    translated = translated_fields(type(instance))
    return [
        field.attname
        for field in instance._meta.concrete_fields
        if field.editable and not field.primary_key and field.attname not in translated
    ]


def diff(before, after, fields):
    """`{field: (before, after)}` for the `fields` whose value differs between two instances."""
    return {
        field: (getattr(before, field), getattr(after, field))
        for field in fields
        if getattr(before, field) != getattr(after, field)
        # A text not yet translated is stored as NULL and comes back from a form as "".
        and {getattr(before, field), getattr(after, field)} != {None, ""}
    }


def current_source():
    return _source.get()


class AuditSourceMiddleware:
    """Remembers the path of the request being answered, for the entries it leads to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _source.set(request.path)
        try:
            return self.get_response(request)
        finally:
            _source.reset(token)


def _value(value):
    """A changed value as JSON holds it: model instances and dates by their text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def record(*, actor, action, target, changes=None, source=""):
    """Write one entry. `changes` is `{field: (before, after)}` or `{field: value}`, stored as
    `{field: [before, after]}` (before is None for a value that was set)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    if changes:
        changes = {
            str(field): [_value(v) for v in value]
            if isinstance(value, tuple)
            else [None, _value(value)]
            for field, value in changes.items()
        }
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        summary=_actions.get(action, ""),
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        source=(source or current_source())[:255],
        changes=changes or {},
    )


class Restorer:
    """Puts an earlier value of one of a model's fields back through the app's service:
    `save(target=..., by=...)` validates, saves and records the change like any edit. Subclasses
    add keys that are not fields (an indicator's goals and values)."""

    # Counters and stamps the services keep themselves.
    not_restored = frozenset({"version", "created_at", "updated_at", "created_by_id"})

    def __init__(self, save, fields=None):
        self.save = save
        # The only ones `save` changes, when it changes only some: a function giving their
        # names, read when asked (the texts' fields per language are known once apps are ready).
        self.fields = fields

    def field(self, model, key):
        if self.fields is not None and key not in self.fields():
            return None
        for field in model._meta.concrete_fields:
            if field.attname == key and field.editable and not field.primary_key:
                return None if key in self.not_restored else field
        return None

    def handles(self, model, key):
        return self.field(model, key) is not None

    def restore(self, *, target, key, before, after, by):
        field = self.field(type(target), key)
        check_unchanged(getattr(target, key), field.to_python(after))
        setattr(target, key, field.to_python(before))
        self.save(target=target, by=by)


_restorers = {}


def register_restorer(model, restorer):
    _restorers[model] = restorer


def check_unchanged(current, expected):
    """Refuse to put back an earlier value over a later change nobody has looked at."""
    if current != expected:
        raise ValidationError(
            _(
                "This value has changed again since this entry: restore it from the latest "
                "entry about it, so no later change is lost unseen."
            ),
            code="changed_since",
        )


def _restorer_for(entry):
    model = entry.target_type.model_class() if entry.target_type_id else None
    return model, _restorers.get(model)


def restorable(entry):
    """The keys of `entry.changes` whose earlier value can be put back (no query)."""
    model, restorer = _restorer_for(entry)
    if restorer is None or not entry.target_id:
        return []
    return [
        key
        for key, (before, _after) in entry.changes.items()
        if before is not None and restorer.handles(model, key)
    ]


@transaction.atomic
def restore(*, entry, key, by):
    """Put back the value `key` had before `entry`, through the app's service."""
    if key not in restorable(entry):
        raise ValidationError(_("This change cannot be undone here."), code="not_restorable")
    model, restorer = _restorer_for(entry)
    try:
        target = model._default_manager.select_for_update().get(pk=entry.target_id)
    except (ObjectDoesNotExist, ValueError):
        raise ValidationError(
            _("%(object)s no longer exists.") % {"object": entry.target_repr}, code="gone"
        ) from None
    before, after = entry.changes[key]
    restorer.restore(target=target, key=key, before=before, after=after, by=by)
    return target
