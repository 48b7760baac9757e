"""Every CSV the portal serves is written through this module, so that no cell runs as a formula
when the file is opened in a spreadsheet (CSV or formula injection, OWASP).

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is turned into text
with a leading apostrophe. Numbers stay numbers: ints, Decimals and floats are written as they
are, and so is text that is only a number ("-3.5", as the open data writes values), since a
spreadsheet reads it as that number and nothing else.

Excel needs a byte-order mark to read UTF-8 (otherwise "Acción" turns into "AcciÃ³n") and expects
CRLF line ends: `csv_response` starts the download with one, `writer` ends lines with CRLF.
"""

import csv
import re

from django.http import HttpResponse
from django.utils.functional import Promise

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text: sign, digits, at most one decimal point, an exponent.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value):
    """A text cell a spreadsheet will not read as a formula; other values as they are."""
    if isinstance(value, Promise):  # a lazy translation is text too
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer's writerow and writerows, each cell made safe first."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **{"lineterminator": "\r\n", **options})

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(SafeWriter):
    """csv.DictWriter's writeheader and writerow (dicts keyed by `fieldnames`), cells made safe."""

    def __init__(self, out, fieldnames, **options):
        super().__init__(out, **options)
        self.fieldnames = list(fieldnames)

    def writeheader(self):
        return super().writerow(self.fieldnames)

    def writerow(self, row):
        unknown = set(row) - set(self.fieldnames)
        if unknown:
            raise ValueError(f"dict contains fields not in fieldnames: {sorted(unknown)}")
        return super().writerow([row.get(name, "") for name in self.fieldnames])


def writer(out, **options):
    """A csv.writer on `out` (a file, a response, anything with `write`) that writes safe cells
    and CRLF line ends."""
    return SafeWriter(out, **options)


def dict_writer(out, fieldnames, **options):
    return SafeDictWriter(out, fieldnames, **options)


def csv_response(filename, *, bom=True):
    """An attachment download named `filename`, begun with the byte-order mark Excel needs."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if bom:
        response.write(BOM)
    return response
