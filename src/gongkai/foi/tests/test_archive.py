"""Art. 45: a closed case's file exported as one archive package with a manifest and a retention period."""

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import EventKind

pytestmark = pytest.mark.django_db


def _closed(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="granted", facts="予以公开。"
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 3, 10))
    services.application_answer(actor=office.head, application=application)
    application.refresh_from_db()
    return application


def test_the_archive_package_holds_the_whole_file_with_a_manifest(register_case, office, freeze, settings):
    settings.GONGKAI_FOI_RETENTION_YEARS = 30
    application = register_case(date(2026, 3, 2))
    with pytest.raises(ValidationError):
        services.application_archive(actor=office.clerk, application=application)
    application = _closed(register_case, office, freeze)
    package = services.application_archive(actor=office.clerk, application=application)
    archive = zipfile.ZipFile(io.BytesIO(package.content))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["tracking_no"] == application.tracking_no and manifest["retain_until"] == "2056-12-31"
    paths = {m["path"] for m in manifest["members"]}
    assert {"application.json", "events.json", "records.json"} <= paths
    assert any(p.startswith("letters/") and p.endswith("-answer.docx") for p in paths)
    for member in manifest["members"]:
        assert hashlib.sha256(archive.read(member["path"])).hexdigest() == member["sha256"]
    assert set(archive.namelist()) == paths | {"manifest.json"}
    record = json.loads(archive.read("application.json"))
    assert record["outcome"] == "granted" and record["received_on"] == "2026-03-02"
    events = json.loads(archive.read("events.json"))
    assert events[0]["kind"] == "registered"
    assert application.events.filter(kind=EventKind.ARCHIVED).count() == 1
    assert AuditEvent.objects.filter(action="application.archive").count() == 1


def test_only_the_handling_office_exports_it(register_case, office, freeze, client):
    application = _closed(register_case, office, freeze)
    with pytest.raises(PermissionDenied):
        services.application_archive(actor=office.finance, application=application)
    client.force_login(office.clerk)
    response = client.post(reverse("backoffice:foi_archive", args=[application.tracking_no]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("manifest.json")
    api = client.post(f"/api/v1/foi/cases/{application.tracking_no}/archive")
    assert api.status_code == 200
    client.force_login(office.finance)
    assert client.post(f"/api/v1/foi/cases/{application.tracking_no}/archive").status_code == 404
