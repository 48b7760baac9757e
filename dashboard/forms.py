from django import forms

from dashboard.models import GNLC_CHALLENGES, GnlcProfile, ProgressReport


class ReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = [
            "title",
            "scope",
            "language",
            "period_start",
            "period_end",
            "summary",
            "lessons",
            "next_steps",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "lessons": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 6}),
        }


class GnlcProfileForm(forms.ModelForm):
    """The GNLC membership profile; `read_only` for city staff, who read it but do not keep it."""

    class Meta:
        model = GnlcProfile
        fields = [
            "population",
            "population_year",
            "area_km2",
            "area_year",
            "gdp_city_usd",
            "gdp_city_year",
            "gdp_country_usd",
            "gdp_country_year",
            "schooling_women",
            "schooling_men",
            "schooling_year",
            "motivation",
            "implementation",
            *GNLC_CHALLENGES,
            "mayor_name",
            "mayor_title",
            "mayor_email",
            "contact_name",
            "contact_title",
            "contact_email",
            "pledge",
            "pledge_date",
        ]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 8}),
            "implementation": forms.Textarea(attrs={"rows": 8}),
            "pledge_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, read_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in GNLC_CHALLENGES:
                field.widget = forms.Select(
                    choices=[("", "—"), *((n, str(n)) for n in range(1, 6))]
                )
            if read_only:
                field.disabled = True

    def challenge_fields(self):
        return [self[name] for name in GNLC_CHALLENGES]
