import pytest
from django.urls import reverse

from gongkai.testing.factories import UserFactory


def test_login_page_and_successful_login(client, people):
    assert client.get(reverse("backoffice:login")).status_code == 200
    response = client.post(
        reverse("backoffice:login"),
        {"username": "eco_editor", "password": "Test-password-123"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302
    assert client.get(reverse("backoffice:dashboard")).status_code == 200


def test_wrong_password_shows_chinese_error(client, people):
    response = client.post(reverse("backoffice:login"), {"username": "eco_editor", "password": "wrong"})
    assert "用户名或密码错误" in response.content.decode()


def test_repeated_failures_lock_the_account(client, people, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("backoffice:login"), {"username": "eco_editor", "password": "wrong"})
    response = client.post(
        reverse("backoffice:login"), {"username": "eco_editor", "password": "Test-password-123"}
    )
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 302 and reverse("backoffice:login") in response["Location"]


def test_user_without_role_is_refused(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("backoffice:dashboard")).status_code == 403


def test_session_expires(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("username", ["eco_editor", "city_supervisor", "city_admin", "eco_office"])
def test_every_role_has_a_dashboard(client, people, username):
    client.force_login(getattr(people, username))
    html = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "我的岗位" in html


def test_menu_offers_only_what_the_role_may_open(client, people):
    client.force_login(people.eco_editor)
    html = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "起草信息" in html and "登记申请" not in html
    client.force_login(people.eco_office)
    html = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "登记申请" in html and "起草信息" in html  # the disclosure office may draft too (item_create)
