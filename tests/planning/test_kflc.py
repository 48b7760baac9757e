import pytest

from planning.kflc import load_kflc
from planning.models import KflcArea, KflcFocus

pytestmark = pytest.mark.django_db


def test_the_data_migration_loads_3_areas_and_12_areas_of_focus():
    assert KflcArea.objects.count() == 3
    assert KflcFocus.objects.count() == 12
    assert KflcFocus.objects.get(code="2.2").area.code == "2"


def test_loading_again_changes_nothing():
    load_kflc(KflcArea, KflcFocus)
    assert (KflcArea.objects.count(), KflcFocus.objects.count()) == (3, 12)


def test_kflc_page_lists_every_area_of_focus_in_the_reader_language(client):
    spanish = client.get("/plan/kflc/").content.decode()
    english = client.get("/en/plan/kflc/").content.decode()
    for focus in KflcFocus.objects.all():
        assert focus.name_es in spanish
        assert focus.name_en in english
