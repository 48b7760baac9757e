from datetime import date

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin, RuleStackedInline, RuleTabularInline
from learningcity.content_languages import fields_in_languages
from stakeholders import services
from stakeholders.forms import OrganisationNameMixin
from stakeholders.models import (
    ActionArea,
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    CommitteeTerm,
    Exchange,
    GnlcActivity,
    GoodPractice,
    Membership,
    MinistryContact,
    NetworkMembership,
    NetworkObligation,
    Organisation,
    OrganisationInvitation,
    PartnerCity,
)


class MembershipFormSet(forms.BaseInlineFormSet):
    """The site's rule, here too: an organisation that has an administrator keeps one."""

    def clean(self):
        super().clean()
        had_admin = any(
            form.instance.pk and form.initial.get("role") == Membership.Role.ADMIN
            for form in self.initial_forms
        )
        if not had_admin:
            return
        admins = 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE") and data.get("role") == Membership.Role.ADMIN:
                admins += 1
        try:
            services.organisation_keeps_an_admin(admins=admins)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


class MembershipInline(RuleTabularInline):
    edit_rule = "stakeholders.verify_organisation"
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]


class OrganisationAdminForm(OrganisationNameMixin, forms.ModelForm):
    """The admin's form with the site's check of the name (the model and fields come from the
    admin)."""


class RejectionAdminForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Sent to the organisations' administrators."),
    )


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin, RuleModelAdmin, SimpleHistoryAdmin):
    """Verification happens through the actions, which call the services (who, when, e-mails);
    the fields that record it are read-only here."""

    edit_rule = "stakeholders.verify_organisation"
    form = OrganisationAdminForm
    list_display = ["name", "sector", "kind", "district", "verified", "created_at"]
    list_filter = ["verified", "sector", "kind", "district"]
    list_select_related = ["sector", "district"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        "verified",
        "verified_at",
        "verified_by",
        "rejected_at",
        "rejection_reason",
        "created_by",
        "created_at",
    ]
    inlines = [MembershipInline]
    actions = ["verify_organisations", "reject_organisations"]

    def save_model(self, request, obj, form, change):
        if change:
            services.organisation_update(organisation=obj, by=request.user)
        else:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Verify the chosen organisations and tell their administrators"))
    def verify_organisations(self, request, queryset):
        for organisation in queryset:
            services.organisation_verify(organisation=organisation, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation was verified.",
                "%(count)d organisations were verified.",
                len(queryset),
            )
            % {"count": len(queryset)},
        )

    @admin.action(description=_("Reject the chosen organisations, saying why"))
    def reject_organisations(self, request, queryset):
        form = RejectionAdminForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for organisation in queryset:
                services.organisation_reject(
                    organisation=organisation, by=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation was rejected; its administrators were told why.",
                    "%(count)d organisations were rejected; their administrators were told why.",
                    len(queryset),
                )
                % {"count": len(queryset)},
            )
            return None
        return TemplateResponse(
            request,
            "admin/stakeholders/organisation/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject organisations"),
                "opts": self.model._meta,
                "organisations": queryset,
                "form": form,
                "action": "reject_organisations",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(OrganisationInvitation)
class OrganisationInvitationAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.verify_organisation"
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "invited_by", "accepted_by", "accepted_at"]


class CommitteeTermFormSet(forms.BaseInlineFormSet):
    """Terms of one seat must not overlap each other either, saved or not."""

    def clean(self):
        super().clean()
        spans = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("start"):
                continue
            start, end = data["start"], data.get("end") or date.max
            for other_start, other_end in spans:
                if start <= other_end and other_start <= end:
                    raise forms.ValidationError(_("Two terms of this seat overlap."))
            spans.append((start, end))


class CommitteeTermInline(RuleTabularInline):
    edit_rule = "stakeholders.manage_committee"
    model = CommitteeTerm
    formset = CommitteeTermFormSet
    extra = 1
    autocomplete_fields = ["person", "organisation"]


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.manage_committee"
    list_display = ["__str__", "sector", "role", "order"]
    list_editable = ["order"]
    list_select_related = ["sector"]
    inlines = [CommitteeTermInline]


class CommitteeDecisionInline(TranslationStackedInline, RuleStackedInline):
    edit_rule = "stakeholders.manage_committee"
    model = CommitteeDecision
    extra = 1


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.manage_committee"
    list_display = ["date", "place"]
    date_hierarchy = "date"
    filter_horizontal = ["present"]
    inlines = [CommitteeDecisionInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "present":
            kwargs["queryset"] = CommitteeTerm.objects.select_related("seat__sector", "person")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ExchangeInline(TranslationStackedInline, RuleStackedInline):
    edit_rule = "stakeholders.manage_partnerships"
    model = Exchange
    extra = 0


@admin.register(PartnerCity)
class PartnerCityAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.manage_partnerships"
    list_display = ["name", "country", "scope", "agreement", "since"]
    list_filter = ["scope", "agreement"]
    search_fields = ["name", "country"]
    inlines = [ExchangeInline]


class NetworkObligationInline(RuleTabularInline):
    edit_rule = "stakeholders.manage_partnerships"
    model = NetworkObligation
    extra = 1


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.manage_partnerships"
    list_display = ["network", "is_gnlc", "status", "since", "focal_point"]
    autocomplete_fields = ["focal_point"]
    inlines = [NetworkObligationInline]


class GoodPracticeForm(forms.ModelForm):
    action_areas = forms.MultipleChoiceField(
        label=_("Action areas"), choices=ActionArea.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "summary",
            "source",
            "partner",
            "kind",
            "action_areas",
            "subjects",
            "link",
            "document",
            "published",
        ]


@admin.register(GoodPractice)
class GoodPracticeAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = "stakeholders.manage_partnerships"
    form = GoodPracticeForm
    list_display = ["title", "kind", "source", "published"]
    list_filter = ["kind", "source"]
    search_fields = fields_in_languages(GoodPractice, ["title", "summary", "subjects"])


@admin.register(GnlcActivity)
class GnlcActivityAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.manage_partnerships"
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "learned"]


@admin.register(MinistryContact)
class MinistryContactAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.view_ministry_liaison"
    list_display = ["date", "ministry", "subject", "follow_up_due", "follow_up_done"]
    list_filter = ["ministry", "follow_up_done"]
    search_fields = ["ministry", "subject", "person", "strategy"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


# The forum's administration, registered with the rest of the app's.
from stakeholders.forum import admin as forum_admin  # noqa: E402, F401
