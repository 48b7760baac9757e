"""Loads UNESCO's Key Features of Learning Cities (areas and areas of focus) from our copy."""

import json
from pathlib import Path

KFLC_FILE = Path(__file__).resolve().parent / "data" / "kflc.json"


def load_kflc(area_model, focus_model):
    """Create or update the 3 areas and 12 areas of focus. Safe to run again."""
    data = json.loads(KFLC_FILE.read_text(encoding="utf-8"))
    for area_data in data["areas"]:
        area, _created = area_model.objects.update_or_create(
            code=area_data["code"],
            defaults={"name_es": area_data["name_es"], "name_en": area_data["name_en"]},
        )
        for focus_data in area_data["focus"]:
            focus_model.objects.update_or_create(
                code=focus_data["code"],
                defaults={
                    "area": area,
                    "name_es": focus_data["name_es"],
                    "name_en": focus_data["name_en"],
                },
            )
