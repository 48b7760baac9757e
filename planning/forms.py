from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import fields_in_languages, widgets_in_languages
from learningcity.forms import (
    IdChoiceField,
    IdMultipleChoiceField,
    TextsInLanguagesMixin,
    id_formfield,
)
from learningcity.models import LONG_TEXT, SHORT_TEXT, Sector
from planning.models import (
    Action,
    ActionPlan,
    CommentPeriod,
    Consultation,
    DraftComment,
    Milestone,
    Objective,
    ProgressUpdate,
    Proposal,
    StocktakeEntry,
    Theme,
    WorkshopParticipation,
)
from stakeholders.models import Membership, Organisation


class ActionForm(TextsInLanguagesMixin, forms.ModelForm):
    # The version the editor started from, sent back to detect an edit made meanwhile.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        formfield_callback = id_formfield
        model = Action
        fields = fields_in_languages(
            Action,
            [
                "title",
                "description",
                "lead_organisation",
                "contact_people",
                "start",
                "end",
                "phase",
                "manual_progress",
                "status_override",
                "status_override_reason",
                "weight",
                "national_strategy",
                "ministry_contacts",
            ],
        )
        widgets = widgets_in_languages(
            Action,
            {
                "description": forms.Textarea(attrs={"rows": 4}),
                "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "status_override_reason": forms.Textarea(attrs={"rows": 2}),
                "ministry_contacts": forms.CheckboxSelectMultiple,
            },
        )
        labels = {"status_override": _("Status set by hand (leave empty to compute it)")}
        help_texts = {
            "manual_progress": _(
                "Only for an action without milestones. With milestones, progress is the share "
                "of milestones done and this figure is not used; a completed action counts as "
                "100 %."
            )
        }

    TRACKING_FIELDS = ("phase", "manual_progress", "status_override", "status_override_reason")

    def __init__(self, *args, tracking_only=False, **kwargs):
        """`tracking_only`: the action belongs to the adopted plan, where only implementation
        tracking changes (its structure changes in a draft); the other fields are shown, not
        editable."""
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = self.fields[
            "lead_organisation"
        ].queryset.filter(verified=True)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.tracking_only = tracking_only
        if tracking_only:
            for name, field in self.fields.items():
                if name not in self.TRACKING_FIELDS and name != "version":
                    field.disabled = True

    def clean(self):
        cleaned = super().clean()
        has_milestones = self.instance.pk and self.instance.milestones.exists()
        if cleaned.get("manual_progress") is not None and has_milestones:
            self.add_error(
                "manual_progress",
                _(
                    "This action has milestones, so its progress is counted from them "
                    "(%(progress)s %%). Leave this empty, or remove the milestones."
                )
                % {"progress": f"{self.instance.progress:.0f}"},
            )
        return cleaned


class MilestoneForm(TextsInLanguagesMixin, forms.ModelForm):
    pass


MilestoneFormSet = forms.inlineformset_factory(
    Action,
    Milestone,
    form=MilestoneForm,
    fields=fields_in_languages(Milestone, ["title", "due", "completed_on"]),
    widgets={
        "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        "completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    },
    extra=1,
    can_delete=True,
)


class VersionChoiceField(IdChoiceField):
    """Picks a version of the plan by its label: number, status and dates."""

    def label_from_instance(self, obj):
        return f"{obj.version_label} — {obj}"


class AdoptionForm(forms.Form):
    decision = forms.CharField(
        label=_("Adoption decision"),
        max_length=255,
        help_text=_("E.g. “City council session of 12 March 2026, agreement 45/2026”."),
    )
    drop_acknowledged = forms.BooleanField(
        label=_("I have seen what will be dropped"), required=False
    )


class StocktakeForm(forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = StocktakeEntry
        fields = [
            "organisation",
            "title",
            "description",
            "sector",
            "target_groups",
            "kflc_focuses",
            "reach",
            "since",
            "link",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.CheckboxSelectMultiple,
            "kflc_focuses": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only for an organisation the person belongs to (the rule is checked again on save).
        organisations = Organisation.objects.filter(memberships__user=user)
        self.fields["organisation"].queryset = organisations
        if not self.is_bound:
            # Most people belong to one organisation: start from it and its sector.
            only = list(organisations.only("pk", "sector_id")[:2])
            if len(only) == 1:
                self.initial.setdefault("organisation", only[0].pk)
                self.initial.setdefault("sector", only[0].sector_id)


class CharterSignForm(forms.Form):
    confirm = forms.BooleanField(
        error_messages={
            "required": _("Tick the box to confirm that you sign on behalf of the organisation.")
        }
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _("I sign on behalf of %(name)s") % {
            "name": organisation.name
        }


class CharterWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional, kept with the withdrawal)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=SHORT_TEXT,
    )


class StocktakeReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (StocktakeEntry.Status.ACCEPTED, _("Accept")),
            (StocktakeEntry.Status.MERGED, _("Merge into another entry")),
            (StocktakeEntry.Status.REJECTED, _("Reject")),
        ],
    )
    merge_into = IdChoiceField(
        label=_("Merge into"),
        queryset=StocktakeEntry.objects.filter(status=StocktakeEntry.Status.ACCEPTED),
        required=False,
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=SHORT_TEXT,
    )


class WorkshopEvaluationForm(forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = WorkshopParticipation
        fields = ["rating", "comment"]
        widgets = {
            "rating": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].required = True


class ConsultationForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = Consultation
        fields = fields_in_languages(Consultation, ["title", "question", "opens_on", "closes_on"])
        widgets = widgets_in_languages(
            Consultation,
            {
                "question": forms.Textarea(attrs={"rows": 3}),
                "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            },
        )


class ConsultationInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    sector = IdChoiceField(label=_("Sector represented"), queryset=Sector.objects.all())


class ProposalForm(forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = Proposal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )


class ThemeFromProposalsForm(forms.Form):
    plan = VersionChoiceField(
        label=_("Draft plan"), queryset=ActionPlan.objects.filter(status=ActionPlan.Status.DRAFT)
    )
    proposals = IdMultipleChoiceField(
        label=_("Proposals it comes from"),
        queryset=Proposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("Theme"), max_length=200)
    challenge = forms.CharField(
        label=_("Challenge behind it"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=LONG_TEXT,
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = consultation.proposals.all()


class PlanForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = ActionPlan
        fields = fields_in_languages(
            ActionPlan,
            ["title", "attractive_title", "vision", "start", "end", "national_alignment"],
        )
        widgets = widgets_in_languages(
            ActionPlan,
            {
                "vision": forms.Textarea(attrs={"rows": 3}),
                "national_alignment": forms.Textarea(attrs={"rows": 3}),
                "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            },
        )


class ThemeForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = Theme
        fields = fields_in_languages(Theme, ["title", "challenge", "named_by"])
        widgets = widgets_in_languages(Theme, {"challenge": forms.Textarea(attrs={"rows": 3})})


class ObjectiveForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = Objective
        fields = fields_in_languages(
            Objective,
            [
                "theme",
                "title",
                "description",
                "term",
                "kflc_focuses",
                "kflc_features",
                "means_of_evaluation",
            ],
        )
        widgets = widgets_in_languages(
            Objective,
            {
                "description": forms.Textarea(attrs={"rows": 3}),
                "means_of_evaluation": forms.Textarea(attrs={"rows": 2}),
                "kflc_focuses": forms.CheckboxSelectMultiple,
                "kflc_features": forms.CheckboxSelectMultiple,
            },
        )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["kflc_features"].queryset = self.fields[
            "kflc_features"
        ].queryset.select_related("focus")

    def clean(self):
        cleaned = super().clean()
        focuses = set(cleaned.get("kflc_focuses") or [])
        stray = [f for f in cleaned.get("kflc_features") or [] if f.focus not in focuses]
        if stray:
            self.add_error(
                "kflc_features", _("Choose the area of focus of each feature you choose.")
            )
        return cleaned


class NewActionForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = Action
        fields = fields_in_languages(
            Action, ["title", "description", "lead_organisation", "start", "end"]
        )
        widgets = widgets_in_languages(
            Action,
            {
                "description": forms.Textarea(attrs={"rows": 3}),
                "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            },
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(verified=True)


class CompareForm(forms.Form):
    older = VersionChoiceField(label=_("From version"), queryset=ActionPlan.objects.all())
    newer = VersionChoiceField(label=_("To version"), queryset=ActionPlan.objects.all())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["older"].queryset = self.fields["newer"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("older") and cleaned.get("older") == cleaned.get("newer"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned


class PlanSettingsForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["updates_need_review", "quiet_after_days"]


class MembershipChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.get_full_name() or obj.user.email} · {obj.organisation.name}"


class ContactForm(forms.Form):
    """Choose a contact person among the members of the organisations one may choose for."""

    membership = MembershipChoiceField(label=_("Person"), queryset=Membership.objects.none())

    def __init__(self, *args, organisations, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.filter(organisation__in=organisations)
            .exclude(user__in=action.contacts.values("person"))
            .filter(user__is_active=True)
            .select_related("user", "organisation")
            .order_by("organisation__name", "user__full_name", "pk")
        )


class ProgressUpdateForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "done", "next_steps", "obstacles"]
        widgets = {
            "reported_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "done": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_done(self):
        done = self.cleaned_data["done"].strip()
        if not done:
            raise forms.ValidationError(_("Say what was done."))
        return done

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        action = self.instance.action
        if day and day < action.start - timedelta(days=366):
            raise forms.ValidationError(
                _("The date is long before the action started (%(start)s).")
                % {"start": action.start}
            )
        return day


class UpdateReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and publish")), ("return", _("Return with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the organisation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=SHORT_TEXT,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what to change, so the organisation can correct it."))
        return data


class CommentPeriodForm(forms.ModelForm):
    class Meta:
        model = CommentPeriod
        fields = ["opens_on", "closes_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class DraftCommentForm(forms.Form):
    """A comment on a draft: `about` is "" for the whole draft, or "theme-<id>",
    "objective-<id>" or "action-<id>" for one of its parts."""

    about = forms.ChoiceField(label=_("About"), required=False)
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=SHORT_TEXT
    )

    def __init__(self, *args, outline, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = {}
        choices = [("", _("The whole draft"))]
        for theme, objectives in outline:
            if theme is not None:
                self.parts[f"theme-{theme.pk}"] = ("theme", theme)
                choices.append((f"theme-{theme.pk}", _("Theme: %(title)s") % {"title": theme}))
            for objective in objectives:
                self.parts[f"objective-{objective.pk}"] = ("objective", objective)
                choices.append(
                    (f"objective-{objective.pk}", _("Objective: %(title)s") % {"title": objective})
                )
                for action in objective.actions.all():
                    self.parts[f"action-{action.pk}"] = ("action", action)
                    choices.append(
                        (f"action-{action.pk}", _("Action: %(title)s") % {"title": action})
                    )
        self.fields["about"].choices = choices

    def target(self):
        """{"theme": theme} (or objective, action), empty for the whole draft."""
        about = self.cleaned_data.get("about")
        if not about:
            return {}
        kind, item = self.parts[about]
        return {kind: item}


class DraftCommentAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"), choices=DraftComment.Answer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )
