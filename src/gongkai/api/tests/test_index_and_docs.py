"""The API's front door: an index at /api/v1/ and interactive docs that work offline (assets from the app)."""

import re

from django.contrib.staticfiles import finders


def test_index_lists_the_docs_and_every_path(client, db):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["docs"] == "/api/v1/docs" and data["openapi"] == "/api/v1/openapi.json"
    openapi = client.get("/api/v1/openapi.json").json()
    assert set(data["paths"]) == set(openapi["paths"]) and data["paths"]
    assert "/api/v1/" not in data["paths"]


def test_docs_load_their_assets_from_the_app(client, db):
    html = client.get("/api/v1/docs").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and not [u for u in urls if u.startswith(("http:", "https:", "//"))], urls
    for url in urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    assert '"validatorUrl": null' in html
