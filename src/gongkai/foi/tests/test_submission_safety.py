"""Online submissions: a resent token never answers with another submission's secrets; identical submissions
at once create one application; submissions are rate-limited per client address."""

import threading
import uuid

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.foi import services
from gongkai.foi.models import Application
from gongkai.foi.tests.conftest import applicant_data


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_resent_token_with_another_person_or_text_gets_no_secrets(tree):
    token = uuid.uuid4()
    first = services.application_submit(org=tree.eco, data=applicant_data(), submission_token=token)
    again = services.application_submit(org=tree.eco, data=applicant_data(), submission_token=token)
    assert (again.application.pk, again.query_code, again.created) == (
        first.application.pk,
        first.query_code,
        False,
    )
    for changes in (
        {"applicant_name": "李四", "id_number": "110105194912310038"},
        {"info_title": "另一份文件"},
    ):
        with pytest.raises(ValidationError) as info:
            services.application_submit(org=tree.eco, data=applicant_data(**changes), submission_token=token)
        assert first.application.tracking_no not in str(info.value)
        assert first.query_code not in str(info.value)
    assert Application.objects.count() == 1


def test_over_http_a_resent_token_shows_no_other_receipt(client, tree):
    token = str(uuid.uuid4())
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    first = client.post(url, {**applicant_data(), "submission_token": token, "confirm": "on"})
    assert first.status_code == 200
    number = Application.objects.get().tracking_no
    other = client.post(
        url,
        {
            **applicant_data(applicant_name="李四", id_number="110105194912310038", info_title="别的"),
            "submission_token": token,
            "confirm": "on",
        },
    )
    assert other.status_code == 400
    assert number not in other.content.decode()
    response = client.post(
        "/api/v1/foi/applications",
        {**applicant_data(applicant_name="李四", id_number="110105194912310038"), "org": tree.eco.credit_code,
         "submission_token": token},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert number not in response.content.decode()


def test_submissions_are_rate_limited_per_client_address(client, tree, settings):
    settings.GONGKAI_FOI_SUBMISSIONS_PER_HOUR = 2
    url = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    for i in range(2):
        data = {
            **applicant_data(info_title=f"文件{i}"),
            "submission_token": str(uuid.uuid4()),
            "confirm": "on",
        }
        assert client.post(url, data, REMOTE_ADDR="203.0.113.1").status_code == 200
    data = {**applicant_data(info_title="文件9"), "submission_token": str(uuid.uuid4()), "confirm": "on"}
    refused = client.post(url, data, REMOTE_ADDR="203.0.113.1")
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    api = client.post(
        "/api/v1/foi/applications",
        {**applicant_data(info_title="文件10"), "org": tree.eco.credit_code},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.1",
    )
    assert api.status_code == 429 and "过于频繁" in api.json()["detail"]
    assert client.post(url, data, REMOTE_ADDR="203.0.113.2").status_code == 200  # another client
    assert Application.objects.count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_identical_submissions_at_once_create_one_application(tree):
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): twenty transactions really at once")
    n = 20
    barrier = threading.Barrier(n)
    created, refused, errors = [], [], []

    def worker():
        try:
            barrier.wait(timeout=30)
            created.append(
                services.application_submit(
                    org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4()
                )
            )
        except ValidationError as exc:
            refused.append(exc)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert Application.objects.count() == 1
    assert len(created) == 1 and len(refused) == n - 1
    assert all("请勿重复提交" in " ".join(e.messages) for e in refused)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_token_sent_to_several_organisations_at_once_is_refused_not_crashed(tree):
    """The organisation lock serialises one organisation's intake only: the same token sent at once to two
    organisations meets the token's unique index, which must end in the clear refusal, not a server error."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): transactions really at once")
    n = 10
    token = uuid.uuid4()
    barrier = threading.Barrier(n)
    created, refused, errors = [], [], []

    def worker(org):
        try:
            barrier.wait(timeout=30)
            created.append(
                services.application_submit(org=org, data=applicant_data(), submission_token=token)
            )
        except ValidationError as exc:
            refused.append(exc)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    orgs = [tree.eco, tree.finance] * (n // 2)
    threads = [threading.Thread(target=worker, args=(org,)) for org in orgs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert Application.objects.count() == 1
    winner = Application.objects.get()
    # The same organisation's resends get the receipt back (same submission); the other organisation's are
    # refused without another submission's secrets.
    assert all(c.application.pk == winner.pk for c in created)
    assert len(created) + len(refused) == n and refused
    assert all(winner.tracking_no not in " ".join(e.messages) for e in refused)
