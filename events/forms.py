from django import forms
from django.utils.translation import gettext_lazy as _


class GuestRegistrationForm(forms.Form):
    """A person without an account registers with a name and an e-mail address, confirmed by a
    link sent to it."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to it: the registration counts once you open it."),
    )
