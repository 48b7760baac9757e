"""Forms of the KFLC self-assessment's pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from learningcity.models import SHORT_TEXT
from monitoring.assessment_services import evidence_from


class StartForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)


def links_text(evidence):
    return "\n".join(
        f"{item.title} | {item.url}" if item.title else item.url for item in evidence if item.url
    )


class RatingForm(forms.Form):
    """One area of focus, or one feature under it: its level, why, and its evidence."""

    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a level from 1 to 5.")},
    )
    note = forms.CharField(
        label=_("Why this level"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators that show it"), required=False, widget=forms.CheckboxSelectMultiple
    )
    actions = forms.MultipleChoiceField(
        label=_("Plan actions that show it"), required=False, widget=forms.CheckboxSelectMultiple
    )
    links = forms.CharField(
        label=_("Documents and web pages that show it"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: the address, or “title | address”."),
    )

    def __init__(self, *args, focus, feature, descriptors, indicators, actions, rating, **kwargs):
        if rating is not None:
            evidence = list(rating.evidence.all())
            kwargs["initial"] = {
                "level": rating.level,
                "note": rating.note,
                "indicators": [str(item.indicator_id) for item in evidence if item.indicator_id],
                "actions": [str(item.action_id) for item in evidence if item.action_id],
                "links": links_text(evidence),
            }
        super().__init__(*args, **kwargs)
        self.focus, self.feature, self.descriptors = focus, feature, descriptors
        self.fields["level"].choices = [("", _("Not rated"))] + [
            (level, f"{level}. {descriptors[level].name}" if level in descriptors else level)
            for level in range(1, 6)
        ]
        self._indicators = {str(indicator.pk): indicator for indicator in indicators}
        self._actions = {str(action.pk): action for action in actions}
        self.fields["indicators"].choices = [(k, str(v)) for k, v in self._indicators.items()]
        self.fields["actions"].choices = [(k, str(v)) for k, v in self._actions.items()]
        if not indicators:
            del self.fields["indicators"]
        if not actions:
            del self.fields["actions"]

    def clean_links(self):
        links = []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), 1):
            if not line.strip():
                continue
            title, _bar, url = line.rpartition("|")
            url = url.strip()
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise ValidationError(
                    _("Line %(number)d is not a web address (https://…).") % {"number": number}
                ) from None
            links.append((title.strip()[:200], url))
        return links

    def entry(self):
        data = self.cleaned_data
        return {
            "focus": self.focus,
            "feature": self.feature,
            "level": data["level"],
            "note": data["note"],
            "evidence": evidence_from(
                indicators=[self._indicators[pk] for pk in data.get("indicators", [])],
                actions=[self._actions[pk] for pk in data.get("actions", [])],
                links=data["links"],
            ),
        }
