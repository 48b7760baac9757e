"""What planning holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data, which calls these through the registry)."""

from django.db.models import Q

from learningcity.personal_data import scrub, text_fields
from planning.models import (
    FORMER_MEMBER_DOMAIN,
    Action,
    ActionContact,
    CharterSignature,
    ConsultationParticipant,
    DraftComment,
    ProgressUpdate,
    Proposal,
    ProposalComment,
    ProposalScore,
    StocktakeEntry,
    Theme,
    WorkshopParticipation,
)


def _date(value):
    return value.isoformat() if value else None


def export(*, user):
    participants = ConsultationParticipant.objects.filter(user=user)
    proposals = Proposal.objects.filter(participant__in=participants).select_related("consultation")
    comments = ProposalComment.objects.filter(participant__in=participants).select_related(
        "proposal"
    )
    scores = ProposalScore.objects.filter(participant__in=participants).select_related("proposal")
    entries = StocktakeEntry.objects.filter(submitted_by=user).select_related("organisation")
    signatures = CharterSignature.objects.filter(
        Q(signed_by=user) | Q(withdrawn_by=user)
    ).select_related("charter", "organisation")
    places = WorkshopParticipation.objects.filter(
        organisation__memberships__user=user
    ).select_related("workshop", "organisation")
    contacts = ActionContact.objects.filter(person=user).select_related("action", "organisation")
    updates = ProgressUpdate.objects.filter(author=user).select_related("action", "organisation")
    draft_comments = DraftComment.objects.filter(author=user).select_related("plan", "charter")
    return {
        "action_contacts": [
            {
                "action": contact.action.title,
                "organisation": contact.organisation.name,
                "chosen": _date(contact.chosen_at),
            }
            for contact in contacts
        ],
        "progress_updates_written": [
            {
                "action": update.action.title,
                "organisation": update.organisation.name if update.organisation else None,
                "date": _date(update.reported_on),
                "done": update.done,
                "next_steps": update.next_steps,
                "obstacles": update.obstacles,
                "status": update.status,
            }
            for update in updates
        ],
        "consultations": [
            {
                "consultation": participant.consultation.title,
                "sector": str(participant.sector),
                "invited": _date(participant.invited_at),
            }
            for participant in participants.select_related("consultation", "sector")
        ],
        "consultation_proposals": [
            {
                "consultation": proposal.consultation.title,
                "title": proposal.title,
                "description": proposal.description,
                "proposed": _date(proposal.created_at),
            }
            for proposal in proposals
        ],
        "consultation_comments": [
            {
                "proposal": comment.proposal.title,
                "text": comment.text,
                "written": _date(comment.created_at),
            }
            for comment in comments
        ],
        "draft_comments": [
            {
                "on": str(comment.plan or comment.charter),
                "text": comment.text,
                "written": _date(comment.created_at),
                "answer": comment.answer,
                "reason": comment.answer_reason,
            }
            for comment in draft_comments
        ],
        "consultation_scores": [
            {"proposal": score.proposal.title, "points": score.points} for score in scores
        ],
        "stocktake_entries": [
            {
                "organisation": entry.organisation.name,
                "title": entry.title,
                "description": entry.description,
                "status": entry.status,
                "submitted": _date(entry.created_at),
            }
            for entry in entries
        ],
        "charter_signatures": [
            {
                "charter": str(signature.charter),
                "organisation": signature.organisation.name,
                "signed_by_you": signature.signed_by_id == user.pk,
                "signed": _date(signature.signed_on),
                "withdrawn": _date(signature.withdrawn_at),
                "withdrawn_by_you": signature.withdrawn_by_id == user.pk,
            }
            for signature in signatures
        ],
        "workshop_places_of_your_organisations": [
            {
                "workshop": place.workshop.topic,
                "organisation": place.organisation.name,
                "status": place.status,
                "asked": _date(place.requested_at),
                "asked_by_you": place.requested_by_id == user.pk,
                "attended": place.attended,
            }
            for place in places
        ],
    }


def delete(*, user, emails, names):
    """Proposals, comments and scores stay with their sector; the participant who made them
    loses the person and their address. What they wrote that stays (proposals, comments,
    progress updates, comments on drafts) loses their name and addresses where it holds them."""
    words = emails + names
    participants = ConsultationParticipant.objects.filter(user=user)
    for rows, fields in (
        (Proposal.objects.filter(participant__in=participants), ("title", "description")),
        (ProposalComment.objects.filter(participant__in=participants), ("text",)),
        (ProgressUpdate.objects.filter(author=user), ("done", "next_steps", "obstacles")),
        (DraftComment.objects.filter(author=user), ("text",)),
    ):
        scrub(rows, text_fields(rows.model, *fields), words)
    invited = Q(user=user)
    for email in emails:
        invited |= Q(email__iexact=email)
    for participant in ConsultationParticipant.objects.filter(invited):
        participant.user = None
        participant.email = f"participant-{participant.pk}@{FORMER_MEMBER_DOMAIN}"
        participant.save(update_fields=["user", "email"])
    # Their updates stay, under their organisation's name; they no longer keep any action.
    ActionContact.objects.filter(person=user).delete()
    # Free texts that may name the person as a contact.
    for rows in (Action.objects.all(), Action.history.all()):
        scrub(rows, text_fields(rows.model, "contact_people"), emails + names)
    for rows in (Theme.objects.all(), Theme.history.all()):
        scrub(rows, text_fields(rows.model, "named_by"), emails + names)
