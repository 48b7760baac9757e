"""The forms moderators fill in: one per thing done to a post, one for a topic's tools.

Whether a reason is required is the services' rule (stakeholders/forum/services.py); these forms
only parse what was sent, and the views add the services' refusals to them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.forms import IdChoiceField
from stakeholders.forum.models import Category

REASON_LENGTH = 500


def _reason_field(label, *, required, help_text=""):
    # Not required in the form: the service says why when a reason is missing. The browser is
    # told, so that nobody sends an empty one by accident.
    attrs = {"rows": 2, "maxlength": REASON_LENGTH}
    if required:
        attrs["required"] = True
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs=attrs),
    )


class PostModerationForm(forms.Form):
    """What a moderator does to one post (`action`); field ids are unique per post and action,
    so that a page may hold the forms of many posts."""

    action = ""
    submit_label = ""

    def __init__(self, *args, post, **kwargs):
        kwargs.setdefault("auto_id", f"post-{post.pk}-{self.action}-%s")
        super().__init__(*args, **kwargs)
        self.post = post


class HideForm(PostModerationForm):
    action = "hide"
    submit_label = _("Hide the post")
    reason = _reason_field(
        _("Why hide it?"),
        required=True,
        help_text=_("The author and the other moderators read it."),
    )


class UnhideForm(PostModerationForm):
    action = "unhide"
    submit_label = _("Show it again")
    reason = _reason_field(_("Why show it again?"), required=True)


class KeepForm(PostModerationForm):
    action = "keep"
    submit_label = _("Keep the post")
    reason = _reason_field(
        _("Note for the log (optional)"),
        required=False,
        help_text=_("The flags are closed; the post stays as it is."),
    )


class ApproveForm(PostModerationForm):
    action = "approve"
    submit_label = _("Approve the post")


POST_FORMS = {form.action: form for form in (HideForm, UnhideForm, KeepForm, ApproveForm)}


def post_forms(post, *, flagged, bound=None):
    """The forms that fit the post as it stands, in the order offered; `bound` (a filled form
    that failed) takes the place of its blank one, so nothing typed is lost."""
    if post.status == post.Status.HIDDEN_BY_MODERATOR:
        actions = ["unhide"]
    elif post.status == post.Status.PENDING:
        actions = ["approve", "hide"]
    else:
        actions = ["hide"]
    if flagged and "keep" not in actions:
        actions.append("keep")
    if bound is not None and bound.action not in actions:
        actions.append(bound.action)
    return [
        bound if bound is not None and bound.action == action else POST_FORMS[action](post=post)
        for action in actions
    ]


class TopicModerationForm(forms.Form):
    ACTIONS = (
        ("lock", _("Lock")),
        ("unlock", _("Unlock")),
        ("pin", _("Pin")),
        ("unpin", _("Unpin")),
        ("move", _("Move")),
    )

    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS)
    category = IdChoiceField(
        label=_("Move to the category"), queryset=Category.objects.all(), required=False
    )
    reason = _reason_field(
        _("Reason (optional)"),
        required=False,
        help_text=_("Kept in the moderation log."),
    )

    def __init__(self, *args, topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic = topic

    def clean(self):
        data = super().clean()
        if data.get("action") != "move":
            return data
        category = data.get("category")
        if category is None:
            if "category" not in self.errors:
                self.add_error("category", _("Choose the category to move the topic to."))
        elif category.pk == self.topic.category_id:
            self.add_error(
                "category",
                _("The topic is already in “%(category)s”: choose another category.")
                % {"category": category},
            )
        return data
