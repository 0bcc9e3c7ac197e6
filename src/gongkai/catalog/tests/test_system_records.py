"""Records the system made (the demo, imports: no user behind them) open in the back office like any other."""

from django.urls import reverse

from gongkai.catalog import services
from gongkai.core.actors import System


def test_item_made_by_the_system_opens_in_the_back_office(client, tree, people, publish):
    item = publish(
        tree.eco
    )  # created, submitted and approved with actor=System("测试"), as the demo and imports do
    assert item.created_by is None
    for user in (people.eco_editor, people.eco_reviewer, people.city_admin):
        client.force_login(user)
        response = client.get(reverse("backoffice:catalog_item", args=[item.pk]))
        assert response.status_code == 200
        assert "<dd>系统</dd>" in response.content.decode()


def test_draft_made_by_the_system_opens_and_edits(client, tree, people, make_item):
    item = make_item(tree.eco)
    client.force_login(people.eco_editor)
    assert client.get(reverse("backoffice:catalog_item", args=[item.pk])).status_code == 200
    assert client.get(reverse("backoffice:catalog_item_edit", args=[item.pk])).status_code == 200
    services.item_submit(actor=System("测试"), item=item)
    client.force_login(people.eco_reviewer)
    assert client.get(reverse("backoffice:catalog_item", args=[item.pk])).status_code == 200
