from django.contrib.auth.models import Group
from django.db import transaction

from learningcity import permissions
from stakeholders.models import OutgoingEmail


def email_queue(*, to, subject, body, html_body=""):
    """Store an e-mail and send it through Celery once the surrounding transaction commits."""
    from stakeholders.tasks import send_email_task

    email = OutgoingEmail(to=to, subject=subject.strip(), body=body, html_body=html_body or "")
    email.full_clean()
    email.save()
    transaction.on_commit(lambda: send_email_task.delay(email.pk))
    return email


@transaction.atomic
def user_set_roles(*, user, roles):
    """Give a person exactly these global roles (a subset of permissions.GLOBAL_ROLES)."""
    unknown = set(roles) - set(permissions.GLOBAL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    user.groups.set(Group.objects.filter(name__in=set(roles) | {permissions.CITIZEN}))
    permissions.forget(user)
