"""/robots.txt: the portal may be crawled; the back office, Django's admin and the query-code pages may not."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_allows_the_portal_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    for path in ("/manage/", "/django-admin/", "/apply/track/", "/apply/case/"):
        assert f"Disallow: {path}" in lines
    sitemap = [line for line in lines if line.startswith("Sitemap: ")]
    assert sitemap and sitemap[0].endswith("/sitemap.xml")
    assert client.get(sitemap[0].split(" ", 1)[1]).status_code == 200
    assert "Disallow: /catalog/" not in lines and "Disallow: /\n" not in response.content.decode()
