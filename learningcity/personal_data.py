"""A person's data: download it all, or delete the account.

The core exports and deletes what it holds (the account, its e-mail addresses, the e-mails sent
to it, its traces in the audit trail and the administration's log); every app registers, from its
`AppConfig.ready()`, three hooks with the registry (DESIGN.md §2), so the core never imports them:

- `export_personal_data(user)` returns `{section: JSON-able data}` for the download;
- `personal_data_deletion_blockers(user)` returns sentences saying what the person must do
  before their account can go (an organisation's last admin hands it over first);
- `delete_personal_data(user, emails, names)` removes or anonymises the app's rows, inside the
  deletion's transaction and before the account row is deleted.

Deleting removes the account row: what pointed at it with `SET_NULL` (a stock-taking entry's
submitter, a charter signature's signer, an audit entry's actor, simple-history's
`history_user`) stays and is shown as "a former member"; what was the person's alone goes with
it. Public records stay, anonymised: their e-mail address is then in no table, their name
replaced wherever a table copied it.
"""

import re

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, gettext_noop

from learningcity import audit
from learningcity.models import AuditEntry, CityProfile, CityProfileManager, OutgoingEmail
from learningcity.permissions import GLOBAL_ROLES, ROLE_LABELS, roles
from learningcity.registry import registry

EXPORT_HOOK = "export_personal_data"
BLOCKERS_HOOK = "personal_data_deletion_blockers"
DELETE_HOOK = "delete_personal_data"

# What replaces a deleted person's name or address in texts that stay (the audit trail, e-mails
# to other people, an organisation's contact person), in the city's default language.
FORMER_MEMBER = gettext_lazy("a former member")

audit.register({"account.delete": gettext_noop("Deleted their account")})


class AccountCannotBeDeleted(ValidationError):
    """Something must be handed over first (see `deletion_blockers`); nothing was changed."""


def _iso(value):
    return value.isoformat() if value else None


def personal_data_export(*, user):
    """Everything the portal holds about `user`, as JSON-able data: the account, then a section
    from each app that registered one."""
    user_roles = roles(user)
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "roles": [str(ROLE_LABELS[role]) for role in GLOBAL_ROLES if role in user_roles],
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("email")
            ],
        },
    }
    for sections in registry.call_hooks(EXPORT_HOOK, user=user):
        data.update(sections)
    return data


def deletion_blockers(*, user):
    """What the person must do before their account can be deleted; empty when nothing."""
    return [
        blocker
        for blockers in registry.call_hooks(BLOCKERS_HOOK, user=user)
        for blocker in blockers
    ]


def former_member():
    """The words that replace a deleted person's name, in the city's default language."""
    with translation.override(CityProfile.objects.current().default_language):
        return str(FORMER_MEMBER)


def _replace(text, values, replacement):
    # Whole words only: the name "Ana" goes, "Banana" stays.
    for value in values:
        pattern = rf"(?<!\w){re.escape(value)}(?!\w)"
        text = re.sub(pattern, lambda _match: replacement, text, flags=re.IGNORECASE)
    return text


def scrub(queryset, fields, values, replacement=None):
    """Replace each of `values` (an address, a name), whatever its case, as a whole word in the
    text `fields` of the rows of `queryset`; an e-mail field holding one of them is emptied.
    Returns how many rows were looked at.

    For apps' `delete_personal_data` hooks, and their simple-history tables, which copy every
    field of every version."""
    values = [value for value in values if value and value.strip()]
    if not values:
        return 0
    replacement = former_member() if replacement is None else replacement
    model = queryset.model
    changed = {}
    for name in fields:
        field = model._meta.get_field(name)
        matches = models.Q()
        for value in values:
            matches |= models.Q(**{f"{name}__icontains": value})
        for row in queryset.filter(matches).exclude(pk__in=list(changed)):
            changed[row.pk] = row
        for row in changed.values():
            text = getattr(row, name) or ""
            if isinstance(field, models.EmailField):
                # One address a field: emptied when it is theirs, not when it merely contains it.
                if text.strip().lower() in {value.strip().lower() for value in values}:
                    setattr(row, name, "")
            else:
                setattr(row, name, _replace(text, values, replacement))
    if changed:
        model._base_manager.bulk_update(list(changed.values()), list(fields))
    return len(changed)


def text_fields(model, *names):
    """The concrete fields called `names`, with their copies per language (`description_es`...)
    where content translation keeps them."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if any(field.name == name or field.name.startswith(f"{name}_") for name in names)
        and isinstance(field, models.CharField | models.TextField)
    ]


def _scrub_json(value, values, replacement):
    if isinstance(value, str):
        return _replace(value, values, replacement)
    if isinstance(value, list):
        return [_scrub_json(item, values, replacement) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_json(item, values, replacement) for key, item in value.items()}
    return value


def _scrub_audit_trail(values, replacement):
    scrub(AuditEntry.objects.all(), ["target_repr"], values, replacement)
    as_text = AuditEntry.objects.annotate(changes_text=Cast("changes", models.TextField()))
    matches = models.Q()
    for value in values:
        matches |= models.Q(changes_text__icontains=value)
    entries = list(as_text.filter(matches))
    for entry in entries:
        entry.changes = _scrub_json(entry.changes, values, replacement)
    AuditEntry.objects.bulk_update(entries, ["changes"])


@transaction.atomic
def account_delete(*, user, by):
    """Delete `user`'s account and their personal data; raise AccountCannotBeDeleted, changing
    nothing, while `deletion_blockers` names something to hand over."""
    blockers = deletion_blockers(user=user)
    if blockers:
        raise AccountCannotBeDeleted(blockers, code="hand_over_first")
    emails = sorted(
        {user.email.lower()}
        | {
            email.lower()
            for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        }
    )
    names = [user.full_name.strip()] if user.full_name.strip() else []
    replacement = former_member()
    registry.call_hooks(DELETE_HOOK, user=user, emails=emails, names=names)
    # E-mails to the person are theirs alone; e-mails to others that name them stay, without it.
    to_them = models.Q()
    for email in emails:
        to_them |= models.Q(to__iexact=email)
    OutgoingEmail.objects.filter(to_them).delete()
    scrub(
        OutgoingEmail.objects.all(), ["subject", "body", "html_body"], emails + names, replacement
    )
    _scrub_audit_trail(emails + names, replacement)
    scrub(LogEntry.objects.all(), ["object_repr", "change_message"], emails + names, replacement)
    scrub(CityProfile.objects.all(), ["contact_email"], emails)
    scrub(CityProfile.history.all(), ["contact_email"], emails)
    cache.delete(CityProfileManager.CACHE_KEY)
    pk = user.pk
    user.full_name = ""
    audit.record(actor=by, action="account.delete", target=user, changes={"account": pk})
    user.delete()
