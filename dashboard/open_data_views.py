"""/open-data/: the list of datasets, the DCAT catalogue and the streamed downloads."""

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from dashboard import open_data
from learningcity.models import CityProfile
from learningcity.models.city import DATA_LICENCES


def _with_modified():
    return [(dataset, dataset.modified()) for dataset in open_data.datasets()]


@require_GET
def index(request):
    city = CityProfile.objects.current()
    return render(
        request,
        "dashboard/open_data.html",
        {
            "datasets": _with_modified(),
            "licence": DATA_LICENCES[city.data_licence],
            "licence_url": city.data_licence_url,
        },
    )


@require_GET
def catalogue(request):
    city = CityProfile.objects.current()
    data = open_data.catalogue(
        _with_modified(),
        city=city,
        licence_url=city.data_licence_url,
        absolute=request.build_absolute_uri,
    )
    return JsonResponse(
        data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def download(request, key, form):
    dataset = open_data.find(key)
    if dataset is None or dataset.rows is None or form not in open_data.streamed(dataset):
        raise Http404
    modified = dataset.modified()
    etag = open_data.etag(dataset, form, modified)
    last_modified = int(modified.timestamp()) if modified else None
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is not None:
        return unchanged
    if form == "csv":
        response = StreamingHttpResponse(
            open_data.csv_lines(dataset), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            open_data.json_chunks(dataset), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{dataset.key}.{form}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response
