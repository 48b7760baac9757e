"""Every named route of the URL conf, and arguments for each from the demo city.

Shared by the tests that must cover every page as apps add them: the phone layout
(tests/browser/test_phone_layout.py), the permission matrix (tests/test_permission_matrix.py)
and the hostile input sweep (tests/test_fuzz_forms.py). The language-prefixed patterns are walked
once: the default language has no prefix, and the same view answers under /en/.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.translation import override

from dashboard.models import ProgressReport
from events.models import Event, Registration
from funding.models import (
    Allocation,
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostSharingAgreement,
    SharedResource,
)
from learningcity.models import AuditEntry
from learningcity.notifications import unsubscribe_token
from monitoring.assessment_services import kflc_assessment_start
from monitoring.models import (
    Bulletin,
    Feedback,
    Indicator,
    KflcAssessment,
    Period,
    StakeholderReport,
    Survey,
)
from planning import services as planning_services
from planning.models import (
    Action,
    ActionContact,
    ActionPlan,
    Charter,
    CommentPeriod,
    ConsultationParticipant,
    DraftComment,
    ProgressUpdate,
    StocktakeEntry,
    WorkshopParticipation,
)
from provision.models import (
    BarrierReport,
    LearningNeed,
    LearningSpace,
    Opportunity,
    Rating,
    SupportRequest,
)
from provision.recognition_models import Credential, RecognitionApplication
from stakeholders.forum.models import Flag
from stakeholders.models import Membership, Organisation, OrganisationInvitation

# The demo accounts of DESIGN.md §5 (password stakeholders.demo.DEMO_PASSWORD).
DEMO_ACCOUNTS = {
    "citizen": "citizen@example.org",
    "stakeholder": "stakeholder@example.org",
    "staff": "staff@example.org",
    "coordinator": "coordinator@example.org",
    "moderator": "moderator@example.org",
}

LONG_ADDRESS = (
    "https://www.biblioteca-publica-central.example.org/programas/aprendizaje-a-lo-largo-de-la-vida"
)


@dataclass(frozen=True)
class Route:
    name: str
    has_arguments: bool


def routes(patterns=None, namespace=""):
    """Every named route (`namespace:name`). Left out: Django's admin (Django's own) and the
    unnamed /media/ of the development server, which exists only when DEBUG is on at import."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield Route(f"{namespace}{pattern.name}", bool(pattern.pattern.regex.groupindex))


@dataclass
class DemoCity:
    """The objects the pages are about, and each route's arguments (`arguments[name]`)."""

    arguments: dict
    adopted: ActionPlan
    draft: ActionPlan
    organisation: Organisation
    reports: dict
    surveys: list
    action: Action

    def path(self, name, language="es"):
        """The route's path with its demo arguments (none for a route without)."""
        with override(language):
            return reverse(name, args=self.arguments.get(name, []))


def demo_city_objects():
    """Arguments for every route of the demo city (`seed_demo`), one object of each kind.

    Adds what the demo lacks for a page to exist: a draft version (for adopting and comparing), a
    closed comment period on it and on a charter ("what we heard"), a draft self-assessment and
    an invitation to the stakeholder's organisation. The routes' objects belong to the
    stakeholder's organisation where they belong to one.
    """
    adopted = ActionPlan.objects.adopted().first()
    indicator = (
        Indicator.objects.filter(dimensions__isnull=False, metric="").order_by("order").first()
    )
    draft = planning_services.plan_create_version(plan=adopted, by=adopted.adopted_by)
    # The demo's draft open for comments; this draft's period has closed, for "what we heard".
    commented = CommentPeriod.objects.filter(plan__isnull=False).order_by("pk").first().plan
    # Two days back: closed whatever the hour, here and in the city's time zone, which pages read.
    today = timezone.localdate()
    CommentPeriod.objects.create(
        plan=draft, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=2)
    )
    for comment in DraftComment.objects.filter(plan=commented):
        comment.pk, comment.plan = None, draft
        comment.save()
    # The demo's draft charter open for comments, and one whose period has closed.
    charter_draft = Charter.objects.get(published_on__isnull=True)
    charter_heard = Charter.objects.create(
        title=charter_draft.title, text=charter_draft.text, version=charter_draft.version + 1
    )
    CommentPeriod.objects.create(
        charter=charter_heard,
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=2),
    )
    for comment in DraftComment.objects.filter(charter=charter_draft):
        comment.pk, comment.charter = None, charter_heard
        comment.save()
    admin = Membership.objects.select_related("organisation", "user").get(
        user__email=DEMO_ACCOUNTS["stakeholder"], role="admin"
    )
    organisation = admin.organisation
    # Long words and addresses, as people type them, must wrap rather than widen the page.
    organisation.website = LONG_ADDRESS
    organisation.description = f"Véase {LONG_ADDRESS} o Donaudampfschifffahrtsgesellschaftskapitän."
    organisation.save(update_fields=["website", "description"])
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation, email="nueva@example.org", invited_by=admin.user
    )
    participation = (
        WorkshopParticipation.objects.filter(organisation=organisation).first()
        or WorkshopParticipation.objects.first()
    )
    # The library's action, with the stakeholder's colleagues as its contact persons.
    contact = (
        ActionContact.objects.filter(action__objective__plan=adopted, organisation=organisation)
        .order_by("pk")
        .first()
    )
    action = contact.action
    theme = draft.themes.order_by("pk").first()
    objective = draft.objectives.order_by("pk").first()
    participant = ConsultationParticipant.objects.select_related("consultation").first()
    consultation = participant.consultation
    flagged = Flag.objects.filter(resolved_at__isnull=True).select_related("post__topic").first()
    post, topic = flagged.post, flagged.post.topic
    returned = ProgressUpdate.objects.filter(status=ProgressUpdate.Status.RETURNED).first()
    pending = ProgressUpdate.objects.filter(status=ProgressUpdate.Status.PENDING).first()
    reports = {report.status: report.pk for report in ProgressReport.objects.all()}
    # The demo's last completed self-assessment, and a draft for the year after it.
    completed_kflc = KflcAssessment.objects.completed().order_by("-year").first()
    draft_kflc = kflc_assessment_start(year=completed_kflc.year + 1, by=adopted.adopted_by)
    surveys = list(Survey.objects.order_by("closes_on"))
    waiting = StakeholderReport.objects.waiting().get(organisation=organisation)
    answered = StakeholderReport.objects.exclude(pk=waiting.pk).order_by("pk").first()
    application = (
        RecognitionApplication.objects.filter(status="submitted").order_by("pk").first().key
    )
    credential = Credential.objects.order_by("pk").first().code
    opportunity = Opportunity.objects.filter(organization=organisation).order_by("pk").first()
    space = LearningSpace.objects.filter(organization=organisation).order_by("pk").first()
    proposed = Event.objects.exclude(status=Event.Status.PUBLISHED).order_by("pk").first()
    unverified = Organisation.objects.filter(verified=False).order_by("pk").first()
    arguments = {
        "activity_restore": [AuditEntry.objects.order_by("pk").first().pk],
        "reports:detail": [reports["published"]],
        "reports:edit": [reports["draft"]],
        **{
            f"reports:{name}": [reports["draft"]]
            for name in ("status", "generate", "publish", "pdf", "figures-json", "figures-csv")
        },
        "planning:plan-version": [draft.pk],
        "planning:plan-comments": [commented.pk],
        "planning:comment-period": [commented.pk],
        "planning:comment-answer": [DraftComment.objects.filter(plan=commented).first().pk],
        "planning:heard": [draft.pk],
        "planning:charter-comments": [charter_draft.pk],
        "planning:charter-comment-period": [charter_draft.pk],
        "planning:charter-heard": [charter_heard.pk],
        "planning:version-create": [adopted.pk],
        "planning:version-adopt": [draft.pk],
        "planning:version-print": [draft.pk],
        "planning:version-csv": [draft.pk],
        "planning:reorder": [draft.pk],
        "planning:plan-edit": [draft.pk],
        "planning:theme-new": [draft.pk],
        "planning:theme-edit": [draft.pk, theme.pk],
        "planning:objective-new": [draft.pk],
        "planning:objective-edit": [draft.pk, objective.pk],
        "planning:objective-actions": [action.objective_id],
        "planning:action-new": [draft.pk, objective.pk],
        "planning:action": [action.pk],
        "planning:action-edit": [action.pk],
        "planning:action-contacts": [action.pk],
        "planning:update-new": [action.pk],
        "planning:update-edit": [returned.action_id, returned.pk],
        "planning:update-review": [pending.pk],
        "planning:plan-settings": [adopted.pk],
        "planning:stocktake-decide": [StocktakeEntry.objects.order_by("pk").first().pk],
        "planning:consultation": [consultation.pk],
        "planning:consultation-act": [consultation.pk],
        "planning:consultation-invite": [consultation.pk],
        "planning:consultation-theme": [consultation.pk],
        "planning:consultation-join": [participant.token],
        "planning:workshop-place": [participation.workshop_id],
        "planning:workshop-evaluate": [participation.pk],
        "planning:workshop-attendance": [participation.workshop_id],
        "stakeholders:organisation": [organisation.slug],
        "stakeholders:organisation-edit": [organisation.slug],
        "stakeholders:members": [organisation.slug],
        "stakeholders:membership": [organisation.slug, admin.pk],
        "stakeholders:invitation": [invitation.token],
        "stakeholders:verification-decide": [unverified.slug],
        "forum:category": [topic.category.slug],
        "forum:category-follow": [topic.category.slug],
        "forum:topic-short": [topic.pk],
        "forum:topic": [topic.pk, topic.slug],
        "forum:topic-moderate": [topic.pk],
        "forum:topic-follow": [topic.pk],
        "forum:reply": [topic.pk],
        "forum:post": [post.pk],
        "forum:post-edit": [post.pk],
        "forum:post-flag": [post.pk],
        "forum:post-hide-own": [post.pk],
        "forum:post-history": [post.pk],
        "forum:moderation-post": [post.pk],
        "events:detail": ["festival-del-aprendizaje"],
        "events:register": ["festival-del-aprendizaje"],
        "events:attendees": ["festival-del-aprendizaje"],
        "events:revise": ["puertas-abiertas-biblioteca-central"],
        "events:review": [proposed.slug],
        "events:registration": [Registration.objects.order_by("pk").first().token],
        "events:check-in": ["club-de-lectura-en-voz-alta"],
        "events:exhibit": ["festival-del-aprendizaje"],
        "events:exhibitor-call": ["festival-del-aprendizaje"],
        "event_calendars:event": ["festival-del-aprendizaje"],
        "funding:analysis": [CostBenefitAnalysis.objects.order_by("pk").first().pk],
        "funding:booking_new": [
            SharedResource.objects.exclude(organisation=organisation).order_by("pk").first().pk
        ],
        "funding:booking_answer": [Booking.objects.filter(status="requested").first().pk],
        # Staff's forms for the books, each with one of the demo's entries.
        "funding:budget_line_edit": [BudgetLine.objects.order_by("pk").first().pk],
        "funding:budget_line_delete": [BudgetLine.objects.order_by("pk").first().pk],
        "funding:contribution_edit": [Contribution.objects.order_by("pk").first().pk],
        "funding:contribution_received": [
            Contribution.objects.filter(status="pledged").order_by("pk").first().pk
        ],
        "funding:allocation_take_back": [Allocation.objects.order_by("pk").first().pk],
        "funding:agreement_edit": [CostSharingAgreement.objects.order_by("pk").first().pk],
        "funding:analysis_edit": [CostBenefitAnalysis.objects.order_by("pk").first().pk],
        "provision:detail": [Opportunity.objects.public().order_by("pk").first().slug],
        "provision:rate": [Opportunity.objects.public().order_by("pk").first().slug],
        "provision:rating-moderate": [Rating.objects.order_by("pk").first().pk],
        "provision:rating-respond": [Rating.objects.order_by("pk").first().pk],
        "provision:space": [LearningSpace.objects.public().order_by("pk").first().slug],
        "provision:need": [LearningNeed.objects.order_by("pk").first().pk],
        "provision:for-group": ["migrant-families"],
        "provision:recognition-procedure": ["mediacion-de-lectura"],
        "provision:recognition-procedure-edit": ["mediacion-de-lectura"],
        "provision:recognition-apply": ["mediacion-de-lectura"],
        "provision:recognition-procedure-new": [organisation.slug],
        "provision:recognition-application": [application],
        "provision:recognition-application-withdraw": [application],
        "provision:recognition-evidence": [application],
        "provision:credential": [credential],
        "provision:credential-pdf": [credential],
        "provision:credential-withdraw": [credential],
        # The stakeholder's organisation keeps its own offer.
        "provision:opportunity-new": [organisation.slug],
        "provision:space-new": [organisation.slug],
        "provision:opportunity-edit": [opportunity.slug],
        "provision:space-edit": [space.slug],
        # The stakeholder's library is a learning organisation; its spaces have checklists.
        **{
            f"provision:learning-organisation{suffix}": [organisation.slug]
            for suffix in ("", "-manage", "-pledge", "-assessment", "-support", "-report")
        },
        "provision:support-request": [SupportRequest.objects.order_by("pk").first().pk],
        "provision:space-checklist": [space.slug],
        "provision:barrier-new": [LearningSpace.objects.public().order_by("pk").first().slug],
        "provision:barrier": [BarrierReport.objects.order_by("pk").first().pk],
        "provision_api:blank-tile": [0, 0, 0],
        # The library's indicator with breakdowns: the stakeholder enters its values.
        "monitoring:indicator": [indicator.pk],
        "monitoring:values": [indicator.pk],
        "monitoring:follow": [indicator.pk],
        "monitoring:values-csv": [indicator.pk],
        "monitoring:values-json": [indicator.pk],
        **{
            f"monitoring:period-{name}": [
                Period.objects.filter(indicator=indicator).order_by("pk").first().pk
            ]
            for name in ("submit", "review", "lock")
        },
        "monitoring:kflc-year": [completed_kflc.year],
        "monitoring:kflc-reopen": [completed_kflc.year],
        "monitoring:kflc-edit": [draft_kflc.year],
        "monitoring:feedback-moderate": [Feedback.objects.waiting().order_by("pk").first().pk],
        "monitoring:feedback-publish": [Feedback.objects.waiting().order_by("pk").first().pk],
        # The open survey's questions; the closed one's results.
        "monitoring:survey": [surveys[-1].pk],
        "monitoring:survey-results": [surveys[0].pk],
        "monitoring:survey-csv": [surveys[0].pk],
        # The request waiting for the stakeholder's organisation.
        "monitoring:report-request": [waiting.request_id],
        "monitoring:report-answer": [waiting.request_id, organisation.pk],
        "monitoring:report-tags": [answered.request_id, answered.pk],
        # A sent bulletin, and this month's draft.
        "monitoring:bulletin": [Bulletin.objects.sent().order_by("pk").first().pk],
        "monitoring:bulletin-edit": [Bulletin.objects.filter(sent_at=None).get().pk],
        "monitoring:bulletin-send": [Bulletin.objects.filter(sent_at=None).get().pk],
        "open_data_files:download": ["organisations", "csv"],
        "notifications_unsubscribe": [
            unsubscribe_token(user=admin.user, kinds=["stakeholders.organisation_verified"])
        ],
        "account_confirm_email": ["not-a-real-key"],
        "account_reset_password_from_key": ["0", "not-a-real-key"],
    }
    return DemoCity(
        arguments=arguments,
        adopted=adopted,
        draft=draft,
        organisation=organisation,
        reports=reports,
        surveys=surveys,
        action=action,
    )
