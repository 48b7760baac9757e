"""Recognition of non-formal learning: who may do what, the writes (each in one transaction,
validated before saving, recorded in the audit trail with who made them), the reads the pages
use, and what provision registers for it (the account page's section, the assessors' inbox, the
notification a learner gets on a decision). See provision.recognition_models."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from learningcity import audit
from learningcity.content_languages import field_in
from learningcity.notifications import notify
from learningcity.pdf import write_pdf
from learningcity.permissions import (
    STAFF,
    can,
    has_role,
    is_org_admin,
    is_org_member,
    organisation_roles,
    rule,
)
from learningcity.registry import InboxEntry, InboxItem, registry
from provision.recognition_models import (
    Credential,
    RecognitionApplication,
    RecognitionProcedure,
)
from stakeholders.models import Membership

RECOGNITION_DECIDED = "provision.recognition_decided"
# Paths under /provision/recognition/ that a procedure's slug must not take.
RESERVED_SLUGS = {"assess", "manage", "applications"}

audit.register(
    {
        "provision.recognition_procedure_save": gettext_noop("Saved a recognition procedure"),
        "provision.recognition_apply": gettext_noop("Applied for recognition of their learning"),
        "provision.recognition_withdraw_application": gettext_noop(
            "Withdrew an application for recognition"
        ),
        "provision.recognition_decide": gettext_noop("Decided on an application for recognition"),
        "provision.credential_withdraw": gettext_noop("Withdrew a credential"),
    }
)


# Who may do what ---------------------------------------------------------------------------


@rule("provision.recognition_manage")
def recognition_manage(user, organisation):
    """Describing an organisation's procedures: whoever manages its learning offer."""
    return can(user, "provision.manage_for", organisation)


@rule("provision.recognition_decide")
def recognition_decide(user, application):
    """Only an assessor named on the procedure who is still a member of the provider: not city
    staff, not the provider's other people, not the applicant."""
    if application is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    procedure = application.procedure
    if application.applicant_id == user.pk or not is_org_member(user, procedure.provider):
        return False
    return procedure.assessors.filter(pk=user.pk).exists()


@rule("provision.recognition_view_application")
def recognition_view_application(user, application):
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    provider = application.procedure.provider
    return (
        application.applicant_id == user.pk
        or has_role(user, STAFF)
        or is_org_admin(user, provider)
        or recognition_decide(user, application)
    )


@rule("provision.credential_withdraw")
def credential_withdraw_rule(user, credential):
    """City staff, or an admin of the provider that issued it."""
    if credential is None:
        return False
    return has_role(user, STAFF) or is_org_admin(user, credential.application.procedure.provider)


# Writes -------------------------------------------------------------------------------------


def _free_slug(procedure):
    # Imported here: provision.services imports the models, which import this module's models.
    from provision.services import free_slug

    # From the title in the city's default language, whatever language the page is read in.
    title = getattr(procedure, field_in("title", settings.LANGUAGE_CODE)) or procedure.title
    slug = free_slug(RecognitionProcedure, title, exclude_pk=procedure.pk)
    if slug in RESERVED_SLUGS:
        slug = free_slug(RecognitionProcedure, f"{slug}-recognition", exclude_pk=procedure.pk)
    return slug


@transaction.atomic
def procedure_save(*, procedure, assessors, by):
    """A provider's people describe a procedure and name its assessors among its members."""
    if not can(by, "provision.recognition_manage", procedure.provider):
        raise PermissionDenied
    members = set(
        Membership.objects.filter(organisation=procedure.provider).values_list("user_id", flat=True)
    )
    outsiders = [person for person in assessors if person.pk not in members]
    if outsiders:
        raise ValidationError(
            {"assessors": _("Assessors must be members of the provider organisation.")}
        )
    created = procedure.pk is None
    if not procedure.slug:
        procedure.slug = _free_slug(procedure)
    procedure.full_clean()
    procedure.save()
    procedure.assessors.set(assessors)
    audit.record(
        actor=by,
        action="provision.recognition_procedure_save",
        target=procedure,
        changes={"created": created, "assessors": sorted(person.pk for person in assessors)},
    )
    return procedure


@transaction.atomic
def application_submit(*, application, procedure, by):
    """A signed-in learner applies, with a file or a link that shows what they learned. One
    application waiting or accepted per procedure and person."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied
    procedure = RecognitionProcedure.objects.select_for_update().get(pk=procedure.pk)
    if not RecognitionProcedure.objects.open().filter(pk=procedure.pk).exists():
        raise ValidationError(_("This procedure does not take applications now."))
    taken = RecognitionApplication.objects.filter(
        procedure=procedure,
        applicant=by,
        status__in=[
            RecognitionApplication.Status.SUBMITTED,
            RecognitionApplication.Status.ACCEPTED,
        ],
    )
    if taken.exists():
        raise ValidationError(_("You already have an application for this procedure."))
    application.procedure = procedure
    application.applicant = by
    application.status = RecognitionApplication.Status.SUBMITTED
    application.reasons, application.decided_by, application.decided_at = "", None, None
    application.statement = application.statement.strip()
    application.full_clean()
    application.save()
    audit.record(actor=by, action="provision.recognition_apply", target=application)
    return application


def _locked(application):
    # Only the application's own row: PostgreSQL cannot lock the nullable side of a join.
    return (
        RecognitionApplication.objects.select_for_update(of=("self",))
        .select_related("procedure__provider", "applicant")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_withdraw(*, application, by):
    """The learner takes back an application nobody has decided on yet."""
    application = _locked(application)
    if application.applicant_id != getattr(by, "pk", None):
        raise PermissionDenied
    if application.status != RecognitionApplication.Status.SUBMITTED:
        raise ValidationError(_("Only an application waiting for a decision can be withdrawn."))
    application.status = RecognitionApplication.Status.WITHDRAWN
    application.save(update_fields=["status"])
    audit.record(actor=by, action="provision.recognition_withdraw_application", target=application)
    return application


def _issue(application):
    procedure = application.procedure
    credential = Credential(
        application=application,
        holder_name=application.applicant.get_full_name() or application.applicant.email,
        provider_name=procedure.provider.name,
        framework_level=procedure.framework_level,
        credits=procedure.credits,
        issued_at=application.decided_at,
    )
    for language, _name in settings.LANGUAGES:
        name = field_in("title", language)
        setattr(credential, name, getattr(procedure, name))
    credential.full_clean()
    credential.save()
    return credential


@transaction.atomic
def application_decide(*, application, accept, reasons, by):
    """An assessor of the procedure accepts or rejects, with reasons the learner reads. An
    accepted application issues the credential. The learner is told either way."""
    application = _locked(application)
    if not can(by, "provision.recognition_decide", application):
        raise PermissionDenied
    if application.status != RecognitionApplication.Status.SUBMITTED:
        raise ValidationError(_("This application has already been decided or withdrawn."))
    application.status = (
        RecognitionApplication.Status.ACCEPTED if accept else RecognitionApplication.Status.REJECTED
    )
    application.reasons = (reasons or "").strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.full_clean()
    application.save(update_fields=["status", "reasons", "decided_by", "decided_at"])
    credential = _issue(application) if accept else None
    audit.record(
        actor=by,
        action="provision.recognition_decide",
        target=application,
        changes={"status": (RecognitionApplication.Status.SUBMITTED, application.status)},
    )
    notify(
        recipient=application.applicant,
        kind=RECOGNITION_DECIDED,
        template="provision/email/recognition_decided",
        context={"application": application, "credential": credential},
        link=credential.get_absolute_url() if credential else application.get_absolute_url(),
    )
    return application


@transaction.atomic
def credential_withdraw(*, credential, reason, by):
    """City staff or the provider's admin withdraw a credential, with the reason its public page
    shows from then on; the learner is told why."""
    credential = (
        Credential.objects.select_for_update(of=("self",))
        .select_related("application__procedure__provider")
        .get(pk=credential.pk)
    )
    if not can(by, "provision.credential_withdraw", credential):
        raise PermissionDenied
    if credential.is_withdrawn:
        raise ValidationError(_("This credential has already been withdrawn."))
    credential.withdrawal_reason = (reason or "").strip()
    credential.withdrawn_at = timezone.now()
    credential.withdrawn_by = by
    credential.full_clean()
    credential.save(update_fields=["withdrawal_reason", "withdrawn_at", "withdrawn_by"])
    audit.record(
        actor=by,
        action="provision.credential_withdraw",
        target=credential,
        changes={"reason": credential.withdrawal_reason},
    )
    notify(
        recipient=credential.application.applicant,
        kind=RECOGNITION_DECIDED,
        template="provision/email/credential_withdrawn",
        context={"credential": credential, "procedure": credential.application.procedure},
        link=credential.get_absolute_url(),
    )
    return credential


# Reads --------------------------------------------------------------------------------------


def open_procedures():
    return RecognitionProcedure.objects.open().select_related("provider")


def managed_procedures(user):
    """The procedures of the organisations `user` may describe procedures for."""
    if has_role(user, STAFF):
        return RecognitionProcedure.objects.select_related("provider")
    organisations = list(organisation_roles(user))
    return RecognitionProcedure.objects.filter(
        provider_id__in=organisations, provider__verified=True
    ).select_related("provider")


def procedure_for(user, slug):
    """An open procedure, or any procedure its provider's people or staff manage; None."""
    procedure = (
        RecognitionProcedure.objects.select_related("provider")
        .prefetch_related("assessors")
        .filter(slug=slug)
        .first()
    )
    if procedure is None:
        return None
    if (procedure.is_open and procedure.provider.verified) or can(
        user, "provision.recognition_manage", procedure.provider
    ):
        return procedure
    return None


def applications_to_decide(user):
    """What waits for `user`'s decision: submitted applications of procedures they assess, of
    providers they are still members of."""
    if not getattr(user, "is_authenticated", False):
        return RecognitionApplication.objects.none()
    return RecognitionApplication.objects.filter(
        status=RecognitionApplication.Status.SUBMITTED,
        procedure__assessors=user,
        procedure__provider_id__in=list(organisation_roles(user)),
    ).exclude(applicant=user)


def application_by_key(key):
    return (
        RecognitionApplication.objects.select_related(
            "procedure__provider", "applicant", "decided_by", "credential"
        )
        .filter(key=key)
        .first()
    )


def applications_of(user):
    return (
        RecognitionApplication.objects.filter(applicant=user)
        .select_related("procedure__provider", "credential")
        .order_by("-submitted_at", "-pk")
    )


def credential_by_code(code):
    return (
        Credential.objects.select_related("application__procedure__provider")
        .filter(code=code)
        .first()
    )


def certificate_pdf(credential, language):
    """The certificate of `credential` in `language`, a one-page tagged PDF."""
    with translation.override(language):
        html = render_to_string(
            "provision/recognition/certificate_pdf.html",
            {
                "credential": credential,
                "verify_url": settings.SITE_URL + credential.get_absolute_url(),
                "language": language,
            },
        )
    return write_pdf(
        html, language=language, stylesheet="provision/recognition/certificate_pdf.css"
    )


# What provision registers for recognition --------------------------------------------------


def _account(request, user):
    applications = list(applications_of(user))
    if not applications:
        return None
    return {"applications": applications}


def _assesses(user):
    return (
        getattr(user, "is_authenticated", False)
        and RecognitionProcedure.objects.filter(assessors=user).exists()
    )


def _inbox_items(user, limit):
    if not _assesses(user):
        return None
    waiting = applications_to_decide(user)
    count = waiting.count()
    first = waiting.select_related("procedure").order_by("submitted_at", "pk")[:limit]
    return InboxEntry(
        count=count,
        items=tuple(
            InboxItem(
                title=application.procedure.title,
                url=application.get_absolute_url(),
                detail=formats.date_format(
                    timezone.localtime(application.submitted_at), "SHORT_DATETIME_FORMAT"
                ),
            )
            for application in first
        ),
        url=reverse("provision:recognition-assess"),
    )


def _inbox_count(user):
    return applications_to_decide(user).count() if _assesses(user) else None


def register():
    # Imported here: provision.personal_data reads the core's helpers at import.
    from provision import personal_data

    registry.register_hook("export_personal_data", personal_data.export_recognition)
    registry.register_hook("delete_personal_data", personal_data.delete_recognition)
    registry.register_notification_kind(
        RECOGNITION_DECIDED,
        title=gettext_lazy("Decisions on your applications for recognition"),
        description=gettext_lazy(
            "An assessor accepted or rejected what you applied for, or a credential of yours was"
            " withdrawn."
        ),
    )
    registry.register_section(
        "account",
        "recognition_credentials",
        title=gettext_lazy("Your recognised learning"),
        template_name="provision/recognition/sections/account_credentials.html",
        get_context=_account,
        order=35,
    )
    registry.register_inbox(
        "provision_recognition",
        title=gettext_lazy("Applications for recognition to decide"),
        items=_inbox_items,
        count=_inbox_count,
        # Naming or removing an assessor changes who has this inbox at all.
        watches=(RecognitionApplication, RecognitionProcedure.assessors.through),
        order=77,
    )
