"""Recognition of non-formal learning: a provider describes a procedure, a learner applies with
evidence, only the provider's assessors decide, an accepted application issues a credential
anyone may verify by an unguessable code, with a PDF certificate; staff or the provider's admin
withdraw it with a reason; it is all the learner's personal data."""

import io
import re

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from learningcity.inbox import inbox_for
from learningcity.models import AuditEntry, Notification, OutgoingEmail
from learningcity.personal_data import account_delete, personal_data_export
from provision import recognition
from provision.recognition_models import Credential, RecognitionApplication, RecognitionProcedure
from tests.learningcity.test_personal_data import tables_holding
from tests.provision.factories import RecognitionApplicationFactory, RecognitionProcedureFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def client_for(client_for):
    def make(person):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
        return client_for(person)

    return make


@pytest.fixture
def alice(alice):
    """Alice, a citizen, reads English."""
    alice.preferred_language = "en"
    alice.save(update_fields=["preferred_language"])
    return alice


@pytest.fixture
def dana(db, organisation):
    """Dana, a member of the Biblioteca Central and an assessor of its procedure."""
    user = UserFactory(email="dana@example.org", full_name="Dana Asesora")
    MembershipFactory(user=user, organisation=organisation, role="member")
    return user


@pytest.fixture
def procedure(organisation, dana):
    return RecognitionProcedureFactory(
        provider=organisation,
        slug="mediacion",
        title_es="Mediación de lectura",
        title_en="Reading mediation",
        assessors=[dana],
    )


@pytest.fixture
def submitted(procedure, alice):
    return RecognitionApplicationFactory(procedure=procedure, applicant=alice)


def _main(response):
    return re.search(r"<main.*</main>", response.content.decode(), re.S)[0]


def en(obj):
    """The English page of `obj`."""
    with translation.override("en"):
        return obj.get_absolute_url()


def _accepted(application, by):
    recognition.application_decide(
        application=application, accept=True, reasons="Sesiones bien preparadas.", by=by
    )
    return Credential.objects.get(application=application)


# Providers describe procedures ----------------------------------------------------------------


def test_a_providers_admin_describes_a_procedure_and_names_an_assessor(client_for, bob, dana):
    client = client_for(bob)
    response = client.post(
        "/en/provision/recognition/manage/biblioteca-central/new/",
        {
            "title_es": "Atención en biblioteca",
            "title_en": "Library front desk",
            "assessed_es": "Atender al público.",
            "assessment_es": "Entrevista.",
            "framework_level": "Nivel 2",
            "credits": "3",
            "assessors": [dana.pk],
            "is_open": "on",
        },
    )
    procedure = RecognitionProcedure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/en/provision/recognition/atencion-en-biblioteca/"
    assert list(procedure.assessors.all()) == [dana]
    assert AuditEntry.objects.filter(action="provision.recognition_procedure_save").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Library front desk" in page and "Dana Asesora" in page


@pytest.mark.parametrize("assessor", ["99999999999999999999", "١٢", "x"])
def test_an_assessor_that_cannot_be_is_refused_without_a_500(client_for, bob, assessor):
    response = client_for(bob).post(
        "/en/provision/recognition/manage/biblioteca-central/new/",
        {"title_es": "Atención", "assessed_es": "Algo.", "assessment_es": "Entrevista.",
         "framework_level": "2", "assessors": [assessor]},
    )  # fmt: skip
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not RecognitionProcedure.objects.exists()


def test_a_procedure_without_level_or_credits_is_refused_and_nothing_saved(client_for, bob):
    response = client_for(bob).post(
        "/en/provision/recognition/manage/biblioteca-central/new/",
        {"title_es": "Sin nivel", "assessed_es": "Algo.", "assessment_es": "Entrevista."},
    )
    assert response.status_code == 200
    assert "Give the level in the national framework" in response.content.decode()
    assert not RecognitionProcedure.objects.exists()


def test_an_assessor_must_be_a_member_of_the_provider(bob, organisation, alice):
    with pytest.raises(ValidationError):
        recognition.procedure_save(
            procedure=RecognitionProcedure(
                provider=organisation, title_es="X", assessed_es="X", assessment_es="X",
                framework_level="1",
            ),
            assessors=[alice],
            by=bob,
        )  # fmt: skip
    assert not RecognitionProcedure.objects.exists()


def test_only_the_providers_people_and_staff_describe_its_procedures(client, client_for, alice):
    url = "/en/provision/recognition/manage/biblioteca-central/new/"
    OrganisationFactory(slug="biblioteca-central")
    assert client.get(url)["Location"].startswith("/en/accounts/login/")
    assert client_for(alice).get(url).status_code == 403


# Learners apply ------------------------------------------------------------------------------


def test_a_learner_applies_with_a_file_and_follows_the_application(client_for, alice, procedure):
    client = client_for(alice)
    response = client.post(
        "/en/provision/recognition/mediacion/apply/",
        {
            "statement": "Leo cuentos a familias cada sábado.",
            "evidence_file": SimpleUploadedFile("constancia.pdf", PDF, "application/pdf"),
        },
    )
    application = RecognitionApplication.objects.get()
    assert response.status_code == 302
    # Its address is random: no sequential id.
    assert response["Location"] == f"/en/provision/recognition/applications/{application.key}/"
    assert str(application.pk) not in response["Location"].split("/")
    assert application.status == "submitted" and application.applicant == alice
    # Stored among the private uploads (tests/learningcity/test_uploads.py: never served at
    # their media address) under a random folder, whatever the learner called it.
    assert re.fullmatch(
        r"private/recognition/evidence/[0-9a-f]{32}/evidence\.pdf", application.evidence_file.name
    )
    page = client.get(response["Location"]).content.decode()
    assert "Submitted" in page and "Withdraw my application" in page
    download = client.get(f"{response['Location']}evidence/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "notas.pdf",
            b"<html><script>alert(1)</script></html>",
            "This kind of file is not accepted",
        ),
        ("constancia.txt", PDF, "Rename it to end in .pdf"),
    ],
)
def test_evidence_is_accepted_by_content_type_only(client_for, alice, procedure, name, content,
                                                    message):  # fmt: skip
    response = client_for(alice).post(
        "/en/provision/recognition/mediacion/apply/",
        {
            "statement": "Algo.",
            "evidence_file": SimpleUploadedFile(name, content, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RecognitionApplication.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(client_for, alice, procedure, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = client_for(alice).post(
        "/en/provision/recognition/mediacion/apply/",
        {"statement": "Algo.", "evidence_file": SimpleUploadedFile("a.pdf", PDF + b" " * 200)},
    )
    assert "the largest accepted is 100" in response.content.decode()
    assert not RecognitionApplication.objects.exists()


def test_an_application_needs_evidence_and_what_was_learned(client_for, alice, procedure):
    response = client_for(alice).post("/en/provision/recognition/mediacion/apply/", {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Upload a file or give a link" in page and "This field is required" in page
    assert not RecognitionApplication.objects.exists()


def test_anonymous_people_log_in_before_applying(client, procedure):
    response = client.get("/en/provision/recognition/mediacion/apply/")
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_learner_applies_once_while_waiting_and_may_withdraw(client_for, alice, submitted):
    client = client_for(alice)
    response = client.post(
        "/en/provision/recognition/mediacion/apply/",
        {"statement": "Otra vez.", "evidence_url": "https://example.org/b"},
    )
    assert "You already have an application" in response.content.decode()
    withdrawn = client.post(f"{en(submitted)}withdraw/", follow=True)
    assert "Your application is withdrawn" in withdrawn.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"


def test_other_people_get_404_on_an_application_and_its_evidence(client_for, submitted):
    client = client_for(UserFactory())
    assert client.get(en(submitted)).status_code == 404
    assert client.get(f"{en(submitted)}evidence/").status_code == 404
    assert client.post(f"{en(submitted)}withdraw/").status_code == 404


# Only the provider's assessors decide --------------------------------------------------------


def test_an_assessor_accepts_with_reasons_and_the_learner_is_told(client_for, dana, submitted,
                                                                  alice):  # fmt: skip
    client = client_for(dana)
    queue = client.get("/en/provision/recognition/assess/").content.decode()
    assert "Reading mediation" in queue and "Alice Ciudadana" in queue
    response = client.post(en(submitted), {"decision": "accept", "reasons": "Muy buena evidencia."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decided_by) == ("accepted", dana)
    credential = submitted.credential
    assert credential.holder_name == "Alice Ciudadana"
    assert (credential.title_es, credential.title_en) == (
        "Mediación de lectura",
        "Reading mediation",
    )
    notification = Notification.objects.get(recipient=alice)
    assert "Your learning is recognised: Reading mediation" in notification.subject
    assert credential.code in notification.link
    assert "Muy buena evidencia." in OutgoingEmail.objects.get(to=alice.email).body


def test_an_assessor_rejects_and_must_give_reasons(client_for, dana, submitted):
    client = client_for(dana)
    response = client.post(en(submitted), {"decision": "reject", "reasons": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    client.post(en(submitted), {"decision": "reject", "reasons": "Falta evidencia."})
    submitted.refresh_from_db()
    assert submitted.status == "rejected"
    assert not Credential.objects.exists()


@pytest.mark.parametrize(
    "who",
    ["applicant", "staff", "coordinator", "provider_admin", "provider_member", "other_assessor",
     "former_member", "citizen"],
)  # fmt: skip
def test_nobody_but_the_providers_assessors_decides(client_for, who, submitted, bob, organisation,
                                                    dana, alice, sam, carol):  # fmt: skip
    if who == "other_assessor":
        person = UserFactory()
        RecognitionProcedureFactory(assessors=[person])
        MembershipFactory(user=person)
    elif who == "former_member":
        # Named an assessor, then left the organisation.
        dana.memberships.all().delete()
        person = dana
    else:
        person = {
            "applicant": alice,
            "staff": sam,
            "coordinator": carol,
            "provider_admin": bob,
            "provider_member": MembershipFactory(organisation=organisation).user,
            "citizen": UserFactory(),
        }[who]
    with pytest.raises(PermissionDenied):
        recognition.application_decide(application=submitted, accept=True, reasons="Sí.", by=person)
    response = client_for(person).post(en(submitted), {"decision": "accept", "reasons": "Sí."})
    assert response.status_code in (403, 404)
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and not Credential.objects.exists()


def test_anonymous_people_are_sent_to_log_in_to_decide(client, submitted):
    response = client.post(en(submitted), {"decision": "accept", "reasons": "Sí."})
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_decided_application_is_not_decided_again(submitted, dana):
    _accepted(submitted, dana)
    with pytest.raises(ValidationError):
        recognition.application_decide(application=submitted, accept=False, reasons="No.", by=dana)


# Credentials ---------------------------------------------------------------------------------


def test_a_credential_page_verifies_it_by_its_code(client, submitted, dana):
    credential = _accepted(submitted, dana)
    page = client.get(f"/en/provision/credentials/{credential.code}/").content.decode()
    assert "This credential is valid" in page
    assert "Alice Ciudadana" in page and "Reading mediation" in page and "Nivel 2" in page


def test_a_credential_code_cannot_be_guessed_or_counted(client, submitted, dana, alice):
    credential = _accepted(submitted, dana)
    another = RecognitionApplicationFactory(procedure=submitted.procedure)
    other = _accepted(another, dana)
    # ~128 random bits, URL-safe, nothing in common between two codes.
    assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", credential.code)
    assert credential.code[:8] != other.code[:8]
    missing = client.get(f"/en/provision/credentials/{credential.code[:-1]}x/")
    assert missing.status_code == 404
    for guess in (str(credential.pk), "1", credential.code.upper(), credential.code[:-1]):
        if guess == credential.code:
            continue
        response = client.get(f"/en/provision/credentials/{guess}/")
        assert response.status_code == 404
        # No hint: the site's page for any address that does not exist.
        assert _main(response) == _main(client.get("/en/provision/nothing-here/"))


def test_staff_or_the_providers_admin_withdraw_a_credential_and_the_learner_is_told(
    client_for, submitted, dana, bob, sam, django_capture_on_commit_callbacks
):
    credential = _accepted(submitted, dana)
    url = f"/en/provision/credentials/{credential.code}/"
    for person in (dana, submitted.applicant, UserFactory()):
        assert client_for(person).post(f"{url}withdraw/", {"reason": "No."}).status_code == 403
    client = client_for(bob)
    assert "Withdraw the credential" in client.get(url).content.decode()
    refused = client.post(f"{url}withdraw/", {"reason": ""})
    assert refused.status_code == 400
    credential.refresh_from_db()
    assert not credential.is_withdrawn
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}withdraw/", {"reason": "La evidencia no era auténtica."})
    credential.refresh_from_db()
    assert credential.is_withdrawn and credential.withdrawn_by == bob
    told = OutgoingEmail.objects.filter(to=submitted.applicant.email).latest("pk")
    assert "withdrawn" in told.subject or "revocada" in told.subject
    assert "La evidencia no era auténtica." in told.body and url.removeprefix("/en") in told.body
    page = client_for(sam).get(url).content.decode()
    assert "This credential has been withdrawn" in page
    assert "La evidencia no era auténtica." in page
    assert "This credential is valid" not in page


def test_anonymous_people_cannot_withdraw_a_credential(client, submitted, dana):
    credential = _accepted(submitted, dana)
    response = client.post(
        f"/en/provision/credentials/{credential.code}/withdraw/", {"reason": "x"}
    )
    assert response["Location"].startswith("/en/accounts/login/")


def test_the_certificate_pdf_says_who_learned_what_in_the_readers_language(client, submitted, dana):
    credential = _accepted(submitted, dana)
    response = client.get(f"/en/provision/credentials/{credential.code}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) == 1
    assert "Certificate of recognised learning" in text
    assert "Alice Ciudadana" in text and "Reading mediation" in text
    assert "biblioteca central" in text.lower() and "Nivel 2" in text
    assert credential.code in text.replace(" ", "")
    spanish = client.get(f"/provision/credentials/{credential.code}/pdf/")
    spanish_text = pypdf.PdfReader(io.BytesIO(spanish.content)).pages[0].extract_text()
    assert "Mediación de lectura" in spanish_text


# The account page and personal data ------------------------------------------------------------


def test_the_learner_sees_their_credentials_on_the_account_page(client_for, alice, submitted,
                                                                dana):  # fmt: skip
    credential = _accepted(submitted, dana)
    page = client_for(alice).get("/en/accounts/profile/").content.decode()
    assert "Your recognised learning" in page
    assert f"/en/provision/credentials/{credential.code}/" in page


def test_applications_and_credentials_are_in_the_export_and_go_with_the_account(submitted, dana,
                                                                                alice):  # fmt: skip
    submitted.evidence_file = SimpleUploadedFile("constancia.pdf", PDF)
    submitted.save()
    stored = submitted.evidence_file.name
    storage = submitted.evidence_file.storage
    credential = _accepted(submitted, dana)
    data = personal_data_export(user=alice)
    assert data["recognition_applications"][0]["what_you_learned"] == submitted.statement
    assert data["credentials"][0]["code"] == credential.code
    account_delete(user=alice, by=alice)
    assert not RecognitionApplication.objects.exists() and not Credential.objects.exists()
    assert not storage.exists(stored)
    assert tables_holding("Alice Ciudadana") == []


def test_an_assessors_name_leaves_the_reasons_when_they_delete_their_account(submitted, dana):
    recognition.application_decide(
        application=submitted, accept=False, reasons="Dana Asesora revisó la evidencia.", by=dana
    )
    account_delete(user=dana, by=dana)
    submitted.refresh_from_db()
    assert "Dana Asesora" not in submitted.reasons and submitted.decided_by is None


# Pages stay cheap, and the demo -----------------------------------------------------------------


def test_the_assessors_queue_makes_the_same_queries_however_long(client_for, dana, procedure):
    def add(count):
        return [
            RecognitionApplicationFactory(
                procedure=procedure, applicant=UserFactory(full_name=f"Persona {n}")
            ).applicant.full_name
            for n in range(count)
        ]

    assert_constant_queries(client_for(dana), "/en/provision/recognition/assess/", add)


def test_the_procedures_page_makes_the_same_queries_however_many(client, organisation):
    def add(count):
        return [RecognitionProcedureFactory(provider=organisation).title_en for _ in range(count)]

    assert_constant_queries(client, "/en/provision/recognition/", add)


def test_the_demo_has_two_procedures_with_applications_in_every_state(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    assert RecognitionProcedure.objects.count() == 2
    states = set(RecognitionApplication.objects.values_list("status", flat=True))
    assert states == {"submitted", "accepted", "rejected", "withdrawn"}
    assert Credential.objects.filter(withdrawn_at__isnull=True).count() >= 2
    assert Credential.objects.filter(withdrawn_at__isnull=False).exists()
    assert Credential.objects.filter(application__applicant__email="citizen@example.org").exists()


def test_what_waits_for_an_assessor_is_in_their_inbox_only(submitted, dana, bob, sam):
    def waiting(person):
        return {provider.key: entry.count for provider, entry in inbox_for(person)}.get(
            "provision_recognition"
        )

    assert waiting(dana) == 1
    assert waiting(bob) is None and waiting(sam) is None
    recognition.application_decide(application=submitted, accept=False, reasons="No.", by=dana)
    assert not waiting(dana)
