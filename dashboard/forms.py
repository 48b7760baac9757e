from django import forms

from dashboard.models import ProgressReport


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
