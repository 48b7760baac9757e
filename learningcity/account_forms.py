"""The sign-up form's extra field and the profile form (kept apart from `accounts`, which imports
allauth's adapter: allauth imports the sign-up form while it loads its own forms)."""

from django import forms
from django.utils.translation import gettext_lazy

from learningcity.models import User


class SignupExtraForm(forms.Form):
    """What allauth's sign-up asks beyond e-mail and password."""

    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=gettext_lazy("Shown beside what you post. You may leave it empty."),
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])
        from learningcity.accounts import user_set_roles

        user_set_roles(user=user, roles=[])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}
