"""Request limits that match what the forms say, enforced before the body is read or stored: a 4.9 MB identity
proof under the 5 MB limit is accepted (form and API); an oversized body is refused by its Content-Length with a
Chinese message on the form, or JSON in the API, without reading it."""

import base64
import uuid

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.foi.models import Application, ApplicationFile
from gongkai.foi.tests.conftest import applicant_data

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _proof(mb: float) -> bytes:
    return PNG + b"\x00" * (int(mb * 1024 * 1024) - len(PNG))


def test_a_4_9_mb_identity_proof_is_accepted_through_the_form(client, tree):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    data = {**applicant_data(), "submission_token": str(uuid.uuid4()), "confirm": "on"}
    data["attachments"] = [SimpleUploadedFile("身份证.png", _proof(4.9), content_type="image/png")]
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert ApplicationFile.objects.filter(application=Application.objects.get()).count() == 1


def test_a_4_9_mb_identity_proof_is_accepted_through_the_api(client, tree):
    payload = {
        **applicant_data(),
        "org": tree.eco.credit_code,
        "attachments": [{"name": "身份证.png", "content_base64": base64.b64encode(_proof(4.9)).decode()}],
    }
    response = client.post("/api/v1/foi/applications", payload, content_type="application/json")
    assert response.status_code == 201, response.content[:500]


def test_an_anonymous_oversized_body_is_refused_before_it_is_read(client, tree, settings):
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    huge = str(400 * 1024 * 1024)
    # The test client's payload holds a few bytes: reading past them would fail, so a refusal proves the body
    # was judged by its length alone.
    response = client.generic("POST", url, b"x" * 10, content_type="multipart/form-data; boundary=B",
                              CONTENT_LENGTH=huge)  # fmt: skip
    assert response.status_code == 413
    body = response.content.decode()
    assert "超过了每次提交" in body and 'name="applicant_name"' in body  # on the form, blank
    api = client.generic("POST", "/api/v1/foi/applications", b"{}", content_type="application/json",
                         CONTENT_LENGTH=huge)  # fmt: skip
    assert api.status_code == 413
    assert "超过了每次提交" in api.json()["detail"]
    other = client.generic("POST", "/apply/track/", b"x", content_type="application/x-www-form-urlencoded",
                           CONTENT_LENGTH=huge)  # fmt: skip
    assert other.status_code == 413 and "超过了每次提交" in other.content.decode()
    assert not Application.objects.exists()


def test_staff_get_the_larger_limit(client, people, settings):
    settings.GONGKAI_PUBLIC_REQUEST_MAX_MB = 1
    settings.GONGKAI_REQUEST_MAX_MB = 3
    two_mb = str(2 * 1024 * 1024)
    anonymous = client.generic("POST", "/api/v1/catalog/staff/items", b"{}", content_type="application/json",
                               CONTENT_LENGTH=two_mb)  # fmt: skip
    assert anonymous.status_code == 413
    client.force_login(people.eco_editor)
    staff = client.generic("POST", "/api/v1/catalog/staff/items", b"x" * 10, content_type="application/json",
                           CONTENT_LENGTH=str(4 * 1024 * 1024))  # fmt: skip
    assert staff.status_code == 413


def test_the_form_states_the_limits_that_are_enforced(client, tree, settings):
    """The file field's help says the per-file limit and count of the settings in force, and a file over it is
    refused on the form with that limit named."""
    from gongkai.foi.uploads import MAX_FILES

    settings.GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB = 2
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    page = client.get(url).content.decode()
    assert f"最多{MAX_FILES}个文件，每个不超过2MB" in page
    data = {**applicant_data(), "submission_token": str(uuid.uuid4()), "confirm": "on"}
    data["attachments"] = [SimpleUploadedFile("身份证.png", _proof(2.5), content_type="image/png")]
    refused = client.post(url, data)
    assert refused.status_code == 400 and "2MB" in refused.content.decode().replace(" ", "")
    assert not Application.objects.exists()
