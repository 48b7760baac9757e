"""Our source strings are English, so the English catalogue translates each one to itself.

Run by `make messages` after makemessages; the Spanish catalogue is translated by people.
"""

from pathlib import Path

import polib

catalogue = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
po = polib.pofile(str(catalogue))
for entry in po:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
po.save()
