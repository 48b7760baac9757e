"""One audit trail of state changes: who did what to which object, when, and from which screen.

Every service that changes the state of something calls `record(...)` inside its transaction, so
the entry is written if and only if the change is. Apps name their action codes with the
sentence staff read (`register({"planning.plan_adopt": gettext_noop("Adopted a version of the
plan")})`); the sentence is stored untranslated and translated when shown.

Where the change comes from a request, `AuditSourceMiddleware` keeps the request's path in a
context variable and `record` stores it; Celery tasks pass `source="task"`.
"""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

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
