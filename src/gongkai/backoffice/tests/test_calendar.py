from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.workdays.models import CalendarYear


def _upload(text: str, name="2027.txt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def test_platform_admin_imports_a_year(client, people):
    client.force_login(people.city_admin)
    response = client.post(
        reverse("backoffice:calendar_list"), {"file": _upload("2027-01-01,holiday,元旦"), "source": "通知"}
    )
    assert response.status_code == 302
    assert CalendarYear.objects.filter(year=2027).exists()


def test_malformed_file_shows_line_and_saves_nothing(client, people):
    client.force_login(people.city_admin)
    response = client.post(
        reverse("backoffice:calendar_list"), {"file": _upload("2027-01-01,holiday\nbad line")}
    )
    assert "第2行" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_binary_upload_is_refused(client, people):
    client.force_login(people.city_admin)
    response = client.post(
        reverse("backoffice:calendar_list"), {"file": SimpleUploadedFile("x.bin", b"\xff\xfe\x00\x81")}
    )
    assert "UTF-8" in response.content.decode()


def test_county_admin_may_read_but_not_import(client, people):
    client.force_login(people.county_admin)
    assert client.get(reverse("backoffice:calendar_list")).status_code == 200
    response = client.post(reverse("backoffice:calendar_list"), {"file": _upload("2027-01-01,holiday")})
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()
