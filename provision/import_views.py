"""Staff import a provider's catalogue from CSV: upload, see the preview (or the rows' errors),
confirm; the same steps as monitoring's import of values (monitoring/import_views.py)."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learningcity.permissions import rule_required
from provision import imports
from provision.forms import CatalogueImportForm
from stakeholders.models import Organisation

SALT = "provision.import"
# The preview's confirmation carries the file back, signed, for an hour.
PREVIEW_MAX_AGE = 3600


@rule_required("provision.edit_provision")
def import_catalogue(request):
    form = CatalogueImportForm()
    context = {}
    if request.method == "POST" and "payload" in request.POST:
        try:
            data = signing.loads(request.POST["payload"], salt=SALT, max_age=PREVIEW_MAX_AGE)
            organisation = Organisation.objects.get(pk=data["organisation"])
        except (signing.BadSignature, Organisation.DoesNotExist):
            messages.error(request, _("The preview is too old: upload the file again."))
            return redirect("provision:import")
        batch = imports.read(data["text"], organisation=organisation)
        if not batch.errors:
            try:
                saved = imports.store(batch, by=request.user)
            except ValidationError as error:
                # Changed by someone else between the check and the storing: nothing stored.
                batch.errors.append((None, imports.message_of(error)))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d learning opportunity is imported.",
                        "%(count)d learning opportunities are imported.",
                        len(saved),
                    )
                    % {"count": len(saved)},
                )
                return redirect("provision:manage")
        context.update(batch=batch, organisation=organisation)
    elif request.method == "POST":
        form = CatalogueImportForm(request.POST, request.FILES)
        if form.is_valid():
            text, organisation = form.cleaned_data["file"], form.cleaned_data["organisation"]
            batch = imports.read(text, organisation=organisation)
            context.update(batch=batch, organisation=organisation)
            if not batch.errors:
                context["payload"] = signing.dumps(
                    {"text": text, "organisation": organisation.pk}, salt=SALT, compress=True
                )
    # Broken after each comma on a phone (<wbr>), as the page shows it.
    context["example_lines"] = [line.split(",") for line in imports.EXAMPLE.splitlines()]
    return render(request, "provision/import.html", {"form": form, **context})
