"""Progress reports: Carol the coordinator makes a draft, reads it with today's figures, generates
its PDF (a Celery task, eager here) and publishes it; the published report is frozen and public.
The PDF is read back: its text has every section, in the report's language, and it is tagged."""

import csv
import io
import os
from datetime import date, timedelta

import pypdf
import pytest
from django.test import Client
from django.utils import timezone

from dashboard import services
from dashboard.models import ProgressReport
from monitoring.report_models import ReportTag
from planning.models import ActionPlan
from tests.monitoring.factories import (
    ReportRequestFactory,
    StakeholderReportFactory,
    completed_assessment,
)
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.queries import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

NEW = {
    "title": "Informe bienal para la GNLC 2025–2026",
    "scope": "gnlc",
    "language": "en",
    "period_start": "2025-01-01",
    "period_end": "2026-12-31",
    "summary": "Two years of learning in every district.",
    "lessons": "Libraries open in the evening reach more adults.",
    "next_steps": "Open two community learning spaces.",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plan():
    plan = ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, attractive_title="Ciudad que aprende"
    )
    objective = ObjectiveFactory(plan=plan, title="Más lectura", title_en="More reading")
    ActionFactory(objective=objective, manual_progress=40)
    ActionFactory(objective__plan=plan, objective__title="Solo en español", manual_progress=80)
    return plan


@pytest.fixture
def carol(carol):
    """Carol reads the portal in English (the pages below are checked in English)."""
    carol.preferred_language = "en"
    carol.save(update_fields=["preferred_language"])
    return carol


@pytest.fixture
def report(carol, plan):
    return services.report_create(
        by=carol,
        title=NEW["title"],
        scope="gnlc",
        language="en",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
        summary=NEW["summary"],
        lessons=NEW["lessons"],
        next_steps=NEW["next_steps"],
    )


def generate(report, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_generate(report=report, by=by)
    report.refresh_from_db()
    return report


def pdf_text(report):
    with report.pdf.open("rb") as file:
        reader = pypdf.PdfReader(io.BytesIO(file.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_a_coordinator_makes_a_draft_report_and_bad_input_is_refused(client_for, carol):
    client = client_for(carol)
    bad = client.post("/reports/new/", {**NEW, "period_end": "2024-12-31"})
    assert bad.status_code == 400 and "period_end" in bad.context["form"].errors
    assert bad.context["form"]["summary"].value() == NEW["summary"]  # nothing lost
    assert not ProgressReport.objects.exists()
    response = client.post("/reports/new/", NEW)
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert (report.status, report.created_by, report.language) == ("draft", carol, "en")


def test_blank_lessons_and_next_steps_start_from_the_stakeholders_reports_of_the_period(carol):
    first_half = ReportRequestFactory(period_start=date(2026, 1, 1), period_end=date(2026, 6, 30))
    long_ago = ReportRequestFactory(period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))
    answered = timezone.now()
    north = StakeholderReportFactory(
        request=first_half,
        organisation__name="Biblioteca Norte",
        lessons="Las tardes atraen a los adultos.",
        suggestions="Abrir los sábados.",
        answered_at=answered,
    )
    north.lesson_tags.add(ReportTag.objects.create(name="Horarios"))
    StakeholderReportFactory(
        request=first_half, organisation__name="Escuela Sur", lessons="", suggestions="Más becas.",
        answered_at=answered,
    )  # fmt: skip
    StakeholderReportFactory(request=long_ago, lessons="Otra época", answered_at=answered)
    StakeholderReportFactory(request=first_half, lessons="Aún sin enviar", answered_at=None)
    period = {"scope": "city", "language": "es", "period_start": date(2026, 1, 1),
              "period_end": date(2026, 12, 31)}  # fmt: skip

    blank = services.report_create(by=carol, title="Semestre", lessons="", next_steps="", **period)
    assert blank.lessons == "Biblioteca Norte (Horarios): Las tardes atraen a los adultos."
    assert blank.next_steps == "Biblioteca Norte: Abrir los sábados.\n\nEscuela Sur: Más becas."
    written = services.report_create(
        by=carol, title="Propio", lessons="Lo nuestro.", next_steps="", **period
    )
    assert written.lessons == "Lo nuestro." and written.next_steps.startswith("Biblioteca Norte")


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("alice", 403), ("sam", 403)])
def test_only_a_coordinator_makes_generates_or_publishes_reports(
    request, client, report, who, status
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.post("/reports/new/", NEW).status_code == status
    assert client.post(f"/reports/{report.pk}/generate/").status_code == status
    assert client.post(f"/reports/{report.pk}/publish/").status_code == status
    assert client.get(f"/reports/{report.pk}/edit/").status_code == status
    report.refresh_from_db()
    assert (report.pdf_status, report.status) == ("", "draft")
    assert ProgressReport.objects.count() == 1


def test_a_draft_is_for_staff_and_shows_todays_figures_in_the_reports_language(
    client_for, sam, report, plan
):
    assert Client().get(report.get_absolute_url()).status_code == 404
    assert Client().get("/reports/").content.decode().count(NEW["title"]) == 0
    page = client_for(sam).get(report.get_absolute_url()).content.decode()
    assert '<article lang="en">' in page
    assert "Plan: the action plan and its progress" in page
    assert "More reading" in page
    # A title without English shows in Spanish, marked as such.
    assert '<span lang="es">Solo en español</span>' in page


def test_the_pdf_has_every_section_in_the_reports_language_and_is_tagged(
    carol, report, django_capture_on_commit_callbacks
):
    report = generate(report, carol, django_capture_on_commit_callbacks)
    assert report.pdf_status == "done" and report.pdf.name == f"reports/report-{report.pk}.pdf"
    reader, text = pdf_text(report)
    for expected in [
        NEW["title"],
        "Contents",
        "Summary",
        "Plan: the action plan and its progress",
        "More reading",
        "Key Features of Learning Cities",
        "Participation: a coordinated structure with every stakeholder",
        "Celebration: learning festivals and events",
        "Lessons learned",
        NEW["lessons"],
        "Next steps",
        f"Page 2 of {len(reader.pages)}",
    ]:
        assert expected in text, f"{expected!r} is not in the PDF"
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]) == "en"
    assert report.snapshot["plan"]["action_total"] == 2


@pytest.mark.usefixtures("reference_data")
def test_the_report_shows_the_latest_self_assessment_of_its_period_against_the_one_before(
    client_for, carol, report, django_capture_on_commit_callbacks
):
    completed_assessment(2025, {"1.1": 2}, by=carol)
    completed_assessment(2026, {"1.1": 4}, by=carol)
    completed_assessment(2027, {"1.1": 5}, by=carol)  # after the report's period
    report = generate(report, carol, django_capture_on_commit_callbacks)
    kept = report.snapshot["kflc_assessment"]
    assert (kept["year"], kept["previous_year"]) == (2026, 2025)
    first = kept["focuses"][0]
    assert (first["code"], first["level"], first["previous_level"]) == ("1.1", 4, 2)
    figures = client_for(carol).get(f"/reports/{report.pk}/figures.csv", follow=True)
    table = list(csv.reader(io.StringIO(figures.content.decode())))
    assert [row for row in table if row[0] == "kflc.self_assessment"][:2] == [
        ["kflc.self_assessment", f"1.1 {first['name']['en']}", "level 2026", "4"],
        ["kflc.self_assessment", f"1.1 {first['name']['en']}", "level 2025", "2"],
    ]
    _reader, text = pdf_text(report)
    assert "The city's self-assessment" in text and "KFLC self-assessment 2026" in text
    preview = client_for(carol).get(report.get_absolute_url(), follow=True).content.decode()
    assert 'id="report-kflc-assessment-title"' in preview and "+2" in preview


def test_a_report_without_a_self_assessment_leaves_the_radar_out(client_for, sam, report):
    page = client_for(sam).get(report.get_absolute_url()).content.decode()
    assert "Key Features of Learning Cities" in page
    assert "The city's self-assessment" not in page


def test_a_published_report_is_frozen_and_public(
    client_for, carol, report, plan, django_capture_on_commit_callbacks
):
    report = generate(report, carol, django_capture_on_commit_callbacks)
    client = client_for(carol)
    assert client.post(f"/reports/{report.pk}/publish/").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.published_by) == ("published", carol)
    ActionFactory.create_batch(3, objective__plan=plan)
    public = Client()
    page = public.get(f"/en/reports/{report.pk}/").content.decode()
    assert "2 actions," in page
    assert NEW["title"] in public.get("/en/reports/").content.decode()
    pdf = public.get(f"/reports/{report.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # Nothing changes a published report.
    client.post(f"/reports/{report.pk}/generate/")
    client.post(f"/reports/{report.pk}/edit/", {**NEW, "title": "Otro"})
    report.refresh_from_db()
    assert report.title == NEW["title"] and report.snapshot["plan"]["action_total"] == 2
    with pytest.raises(services.ValidationError):
        services.report_update(report=report, by=carol, title="Otro")


def test_a_published_reports_body_is_rendered_once_a_drafts_every_time(
    client_for, carol, report, published_report, django_capture_on_commit_callbacks
):
    def bodies_rendered(client, pk):
        response = client.get(f"/reports/{pk}/", follow=True)
        assert response.status_code == 200
        return [t.name for t in response.templates].count("dashboard/_report_body.html")

    published = published_report(title="Informe publicado")
    public = Client()
    assert bodies_rendered(public, published.pk) == 1
    assert bodies_rendered(public, published.pk) == 0
    assert "Informe publicado" in public.get(f"/reports/{published.pk}/").content.decode()

    staff = client_for(carol)
    assert bodies_rendered(staff, report.pk) == 1
    assert bodies_rendered(staff, report.pk) == 1


def test_a_report_without_its_pdf_cannot_be_published(client_for, carol, report):
    client_for(carol).post(f"/reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.status == "draft"
    with pytest.raises(services.ValidationError):
        services.report_publish(report=report, by=carol)


def test_generating_twice_keeps_one_file(carol, report, django_capture_on_commit_callbacks):
    generate(report, carol, django_capture_on_commit_callbacks)
    generate(report, carol, django_capture_on_commit_callbacks)
    ProgressReport.objects.filter(pk=report.pk).update(pdf_status="queued")
    services.report_generate_run(report.pk)  # a task delivered twice
    report.refresh_from_db()
    folder = report.pdf.storage.path("reports")
    assert os.listdir(folder) == [f"report-{report.pk}.pdf"]


def test_a_failed_generation_shows_its_error_and_may_be_retried(
    client_for, carol, report, monkeypatch, django_capture_on_commit_callbacks
):
    import dashboard.pdf

    def broken(report, snapshot):
        raise OSError("no fonts")

    monkeypatch.setattr(dashboard.pdf, "render_pdf", broken)
    report = generate(report, carol, django_capture_on_commit_callbacks)
    assert report.pdf_status == "failed"
    page = client_for(carol).get(f"/en/reports/{report.pk}/").content.decode()
    assert "The PDF could not be generated. OSError: no fonts" in page
    monkeypatch.undo()
    report = generate(report, carol, django_capture_on_commit_callbacks)
    assert report.pdf_status == "done" and report.pdf_error == ""


def test_a_generation_running_too_long_shows_as_failed_and_may_be_started_again(
    client_for, carol, report, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_GENERATION_MINUTES = 15
    started = timezone.now() - timedelta(minutes=16)
    ProgressReport.objects.filter(pk=report.pk).update(pdf_status="running", pdf_started_at=started)
    report.refresh_from_db()
    assert report.generation_state == "failed" and not report.generating
    status = client_for(carol).get(f"/en/reports/{report.pk}/status/").content.decode()
    assert "hx-get" not in status and "It took too long" in status
    assert generate(report, carol, django_capture_on_commit_callbacks).pdf_status == "done"


def test_while_generating_the_status_asks_again_and_a_second_request_queues_nothing(
    client_for, carol, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_generate(report=report, by=carol)
        services.report_generate(report=report, by=carol)
    assert len(callbacks) == 1
    status = client_for(carol).get(f"/en/reports/{report.pk}/status/").content.decode()
    assert f'hx-get="/en/reports/{report.pk}/status/" hx-trigger="every 2s"' in status
    assert "being generated" in status


def test_a_drafts_pdf_is_for_staff_only(
    client_for, sam, carol, report, django_capture_on_commit_callbacks
):
    generate(report, carol, django_capture_on_commit_callbacks)
    assert Client().get(f"/reports/{report.pk}/pdf/").status_code == 404
    assert client_for(sam).get(f"/reports/{report.pk}/pdf/").status_code == 200


def test_the_list_of_reports_uses_the_same_queries_for_any_number(client, carol):
    def add(n):
        reports = [
            ProgressReport.objects.create(
                title=f"Informe {number}",
                scope="city",
                period_start=date(2025, 1, 1),
                period_end=date(2025, 12, 31),
                status="published",
                created_by=carol,
            )
            for number in range(n)
        ]
        return [report.title for report in reports]

    assert_constant_queries(client, "/reports/", add)


def test_the_demo_has_a_published_gnlc_report_with_its_pdf_and_a_draft_for_the_council(
    settings,
):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # loads once
    published = ProgressReport.objects.get(status="published")
    assert (published.scope, published.pdf_status) == ("gnlc", "done")
    assert published.snapshot["plan"]["action_total"] == 40
    _reader, text = pdf_text(published)
    assert "Lessons learned" in text
    assert ProgressReport.objects.filter(status="draft", scope="city").count() == 1


def test_a_pdf_task_whose_worker_dies_goes_back_to_the_queue(settings):
    from dashboard.tasks import generate_report_pdf_task

    assert generate_report_pdf_task.acks_late and generate_report_pdf_task.reject_on_worker_lost
    # A task taken by a vanished worker is handed out again after half an hour, not an hour.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == 30 * 60


def test_the_figures_export_as_json_and_csv_frozen_once_published(
    client_for, carol, report, plan, django_capture_on_commit_callbacks
):
    assert Client().get(f"/reports/{report.pk}/figures.json").status_code == 404
    report = generate(report, carol, django_capture_on_commit_callbacks)
    services.report_publish(report=report, by=carol)
    ActionFactory(objective__plan=plan)
    data = Client().get(f"/reports/{report.pk}/figures.json").json()
    assert data["report"]["scope"] == "gnlc"
    assert data["figures"]["plan"]["action_total"] == 2
    assert data["figures"]["plan"]["objectives"][0]["title"] == {
        "es": "Más lectura",
        "en": "More reading",
    }
    response = Client().get(f"/reports/{report.pk}/figures.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "item", "measure", "value"]
    assert ["plan", "Ciudad que aprende", "actions", "2"] in rows
    assert ["plan.objective", "More reading", "progress_percent", "40.0"] in rows
    assert ["plan.objective", "Solo en español", "on_track", "True"] in rows
    assert ["celebration", "", "events", "0"] in rows
