"""Who may do what (DESIGN.md §4), answered in one place for every app.

Global roles are Django groups made by a data migration; organisation roles come from the user's
`Membership` rows. Apps register named rules (`"stakeholders.edit_organisation"`) with
`@rule(...)` in their `rules.py`; views ask through `RuleRequiredMixin` or `rule_required`,
templates through `{% can %}`. Nothing else checks `is_staff` or group names.
"""

from functools import wraps

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext_lazy as _

CITIZEN = "citizen"
MODERATOR = "moderator"
STAFF = "staff"
COORDINATOR = "coordinator"
GLOBAL_ROLES = (CITIZEN, MODERATOR, STAFF, COORDINATOR)
ROLE_LABELS = {
    CITIZEN: _("Citizen"),
    MODERATOR: _("Forum moderator"),
    STAFF: _("City staff"),
    COORDINATOR: _("Coordinator"),
}

# A coordinator has the staff's rights; every registered user has the citizen's.
IMPLIED_ROLES = {COORDINATOR: {STAFF}}

ORG_MEMBER = "member"
ORG_ADMIN = "admin"

_rules = {}


def rule(name):
    """Register a predicate `(user, obj) -> bool` under `name`."""

    def decorator(predicate):
        if name in _rules and _rules[name] is not predicate:
            raise ImproperlyConfigured(f"Permission rule {name!r} is registered twice.")
        _rules[name] = predicate
        return predicate

    return decorator


def roles(user):
    """The user's global roles, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_lc_roles", None)
    if cached is None:
        if user.is_superuser:
            names = set(GLOBAL_ROLES)
        else:
            names = set(user.groups.values_list("name", flat=True)) & set(GLOBAL_ROLES)
            names.add(CITIZEN)
        for role, implied in IMPLIED_ROLES.items():
            if role in names:
                names |= implied
        cached = user._lc_roles = frozenset(names)
    return cached


def has_role(user, role):
    if role not in GLOBAL_ROLES:
        raise ImproperlyConfigured(f"Unknown role {role!r}.")
    return role in roles(user)


def organisation_roles(user):
    """{organisation_id: "admin" | "member"}, read once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_lc_org_roles", None)
    if cached is None:
        cached = user._lc_org_roles = dict(user.memberships.values_list("organisation_id", "role"))
    return cached


def is_org_member(user, organisation):
    return organisation is not None and organisation.pk in organisation_roles(user)


def is_org_admin(user, organisation):
    return organisation is not None and organisation_roles(user).get(organisation.pk) == ORG_ADMIN


def forget(user):
    """Drop the cached roles, after the user's groups or memberships changed."""
    for attribute in ("_lc_roles", "_lc_org_roles"):
        user.__dict__.pop(attribute, None)


def can(user, action, obj=None):
    try:
        predicate = _rules[action]
    except KeyError:
        raise ImproperlyConfigured(f"No permission rule named {action!r}.") from None
    return bool(predicate(user, obj))


def deny(request):
    """Anonymous people are sent to log in; signed-in people without the right get a 403."""
    if not request.user.is_authenticated:
        # Imported here: auth's views import the user model, which imports this module.
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


class RuleRequiredMixin:
    """Class-based views: set `permission_action`; override `get_permission_object()`."""

    permission_action = None

    def get_permission_object(self):
        if hasattr(self, "get_object"):
            if not hasattr(self, "object") or self.object is None:
                self.object = self.get_object()
            return self.object
        return None

    def dispatch(self, request, *args, **kwargs):
        if self.permission_action is None:
            raise ImproperlyConfigured(f"{type(self).__name__} has no permission_action.")
        self.request, self.args, self.kwargs = request, args, kwargs
        if not can(request.user, self.permission_action, self.get_permission_object()):
            return deny(request)
        return super().dispatch(request, *args, **kwargs)


def rule_required(action, get_object=None):
    """Function views: `@rule_required("x.y", get_object=lambda request, **kw: ...)`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = get_object(request, **kwargs) if get_object else None
            if not can(request.user, action, obj):
                return deny(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def role_rule(name, role):
    """Register a rule that only asks for a global role."""
    rule(name)(lambda user, obj=None: has_role(user, role))


# Rules every app shares: access to the administration and the city profile.
role_rule("admin.access", STAFF)
role_rule("city.edit_profile", COORDINATOR)
role_rule("city.edit_reference_lists", STAFF)
role_rule("city.read_activity", STAFF)
role_rule("city.restore_activity", STAFF)
role_rule("city.read_missing_translations", STAFF)
role_rule("city.manage_people", COORDINATOR)
# Staff pick people in the administration (an organisation's members) without managing them.
role_rule("city.find_people", STAFF)


@rule("city.view_profile")
def view_profile(user, obj=None):
    return user.is_authenticated and user.is_active
