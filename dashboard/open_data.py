"""Open data: the portal's public datasets, which each area registers through the registry
(`registry.register_datasets`, from its `datasets` module, discovered here), listed at /open-data/,
described in a DCAT catalogue (JSON-LD) that national portals harvest, and streamed as CSV or JSON.

A dataset's rows are what the public may see of it and nothing else: no draft, unapproved or
unverified rows, no personal data. Downloads carry `Last-Modified` and an `ETag` made from when
the data last changed, so a harvester polling with `If-None-Match` or `If-Modified-Since` is
answered 304 without the rows being read."""

import hashlib
import json
from itertools import chain

from django.urls import reverse
from django.utils.module_loading import autodiscover_modules

from learningcity import csv_export
from learningcity.registry import registry

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def discover():
    """Import every app's `datasets` module, where it registers its datasets."""
    autodiscover_modules("datasets")


def datasets():
    return registry.dataset_list()


def find(key):
    return next((dataset for dataset in datasets() if dataset.key == key), None)


def streamed(dataset):
    """The formats /open-data/ streams for `dataset` itself (its distributions without a URL)."""
    return [d.format for d in dataset.distributions if not d.url and d.format in MEDIA_TYPES]


def etag(dataset, form, modified):
    """Changes when the data does (`modified`) or the dataset's columns do."""
    token = f"{dataset.key}:{form}:{modified.isoformat() if modified else '-'}:{dataset.columns}"
    return '"' + hashlib.sha256(token.encode()).hexdigest()[:32] + '"'


class _Line:
    """What csv.writer writes to: hands each line back instead of keeping it."""

    def write(self, value):
        return value


def csv_lines(dataset):
    """The dataset as CSV lines: the column keys first, then one line per row, text cells a
    spreadsheet could read as a formula escaped, numbers left as numbers."""
    writer = csv_export.writer(_Line())
    yield csv_export.BOM + writer.writerow(dataset.columns)
    for row in dataset.rows():
        yield writer.writerow([row.get(column) for column in dataset.columns])


def json_chunks(dataset):
    """The dataset as a JSON array of objects, written row by row."""
    rows = (
        json.dumps({column: row.get(column) for column in dataset.columns}, ensure_ascii=False)
        for row in dataset.rows()
    )
    first = next(rows, None)
    if first is None:
        yield "[]"
        return
    yield "[\n" + first
    for row in rows:
        yield ",\n" + row
    yield "\n]"


def catalogue(datasets, *, city, licence_url, absolute):
    """The DCAT 2 catalogue (DCAT-AP terms) as JSON-LD: one dcat:Dataset per dataset, each
    distribution with its download URL and media type. `absolute(path)` makes a full URL."""
    page = reverse("open_data:index")
    publisher = {"@type": "foaf:Organization", "foaf:name": city.name or str(city)}
    if city.website:
        publisher["foaf:homepage"] = city.website
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "dct:license": {"@type": "@id"},
            "dcat:downloadURL": {"@type": "@id"},
            "dcat:accessURL": {"@type": "@id"},
            "foaf:homepage": {"@type": "@id"},
            "dct:modified": {"@type": "xsd:dateTime"},
        },
        "@id": absolute(reverse("open_data_files:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": f"{city.programme_name}: {city.name}" if city.name else city.programme_name,
        "dct:publisher": publisher,
        "dct:license": licence_url,
        "foaf:homepage": absolute(page),
        "dcat:dataset": [
            _dataset(dataset, modified, publisher, licence_url, absolute, page)
            for dataset, modified in datasets
        ],
    }


def _dataset(dataset, modified, publisher, licence_url, absolute, page):
    entry = {
        "@id": absolute(f"{page}#{dataset.key}"),
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.key,
        "dct:title": str(dataset.title),
        "dct:description": str(dataset.description),
        "dct:publisher": publisher,
        "dct:license": licence_url,
        "dcat:keyword": [str(word) for word in chain([dataset.area], dataset.keywords)],
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:format": distribution.format.upper(),
                "dcat:mediaType": distribution.media_type,
                "dcat:downloadURL": absolute(
                    distribution.url
                    or reverse("open_data_files:download", args=[dataset.key, distribution.format])
                ),
                "dcat:accessURL": absolute(page),
                "dct:license": licence_url,
            }
            for distribution in dataset.distributions
        ],
    }
    if modified:
        entry["dct:modified"] = modified.isoformat()
    return entry
