"""Forms of the forum. They check what a form can (required fields, choices); the services
check the rest (length, rate limits, locked topics) and their errors come back onto the form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from stakeholders.forum.models import TITLE_LENGTH, Flag
from stakeholders.forum.selectors import open_categories
from stakeholders.models import Organisation

BODY_HELP = _(
    "Markdown: **bold**, *italic*, [a link](https://example.org), lists with “- ”, quotes "
    "with “> ”. Be kind and stay on topic."
)


class PostFields(forms.Form):
    """The text of a post, its language and, for members of organisations, on whose behalf."""

    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
        max_length=settings.FORUM_POST_MAX_LENGTH,
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        choices=settings.LANGUAGES,
        help_text=_("Readers' browsers and screen readers read the message in this language."),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Only myself"),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", user.preferred_language)
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(memberships__user=user).order_by("name")
        if organisations.exists():
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]


class TopicForm(PostFields):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=open_categories(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH, min_length=5)
    field_order = ["category", "title", "body", "language", "organisation"]


class ReplyForm(PostFields):
    pass


class PostEditForm(PostFields):
    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH, min_length=5)
    field_order = ["title", "body", "language"]

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, user=post.author, **kwargs)
        self.fields.pop("organisation", None)
        if post.number != 1:
            del self.fields["title"]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
