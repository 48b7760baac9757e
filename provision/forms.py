from django import forms
from django.utils.translation import gettext_lazy as _

from provision.models import Rating

STARS = [(number, str(number)) for number in range(5, 0, -1)]


class RatingForm(forms.ModelForm):
    stars = forms.TypedChoiceField(
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        label=_("How good was it, from 1 (poor) to 5 (excellent)?"),
    )

    class Meta:
        model = Rating
        fields = ["stars", "comment", "attended"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}
        labels = {"comment": _("A few words for other learners (optional)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].required = True
        self.fields["attended"].label = _("I took part in this learning opportunity")


class ResponseForm(forms.Form):
    response = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Your organisation's answer, shown under the rating"),
    )
