"""Values from a CSV file: upload, see the preview (or the rows' errors), confirm."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learningcity.permissions import rule_required
from monitoring import imports
from monitoring.forms import ImportForm

SALT = "monitoring.import"
# The preview's confirmation carries the file back, signed, for an hour.
PREVIEW_MAX_AGE = 3600


# A file of one total and one breakdown, shown under the form (data, not text to translate).
EXAMPLE = "indicator,period,dimension,category,value\n12,2026,,,1250\n12,2026,district,centro,400"


@rule_required("monitoring.enter_values")
def import_values(request):
    form = ImportForm()
    context = {}
    if request.method == "POST" and "payload" in request.POST:
        try:
            text = signing.loads(request.POST["payload"], salt=SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("The preview is too old: upload the file again."))
            return redirect("monitoring:import")
        batch = imports.read(text, user=request.user)
        if not batch.errors:
            try:
                periods = imports.store(batch, user=request.user)
            except ValidationError as error:
                # Changed by someone else between the check and the storing: nothing stored.
                batch.errors.append((None, " ".join(error.messages)))
                return render(request, "monitoring/import.html", {"form": form, "batch": batch})
            messages.success(
                request,
                ngettext(
                    "%(count)d period of values is submitted to city staff.",
                    "%(count)d periods of values are submitted to city staff.",
                    len(periods),
                )
                % {"count": len(periods)},
            )
            return redirect("monitoring:my-indicators")
        context["batch"] = batch
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data["file"]
            batch = imports.read(text, user=request.user)
            context["batch"] = batch
            if not batch.errors:
                context["payload"] = signing.dumps(text, salt=SALT, compress=True)
    return render(request, "monitoring/import.html", {"form": form, "example": EXAMPLE, **context})
