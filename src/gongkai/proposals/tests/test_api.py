"""The API: register (contacts accepted, never returned), assign, errors as Chinese JSON."""

from datetime import date

from gongkai.proposals.models import Proposal


def test_register_and_assign_through_the_api(client, who, session, tree, freeze):
    freeze(date(2026, 3, 16))
    client.force_login(who.assigner)
    payload = {"session": session.pk, "kind": "npc_suggestion", "number": "30", "title": "关于学校周边交通的建议",
               "proposers": [{"name": "陈代表", "contacts": "13600000000"}]}  # fmt: skip
    response = client.post("/api/v1/proposals/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "registered" and "13600000000" not in response.content.decode()
    again = client.post("/api/v1/proposals/", payload, content_type="application/json")
    assert again.status_code == 422 and "已有第30号" in again.json()["detail"]
    pk = body["id"]
    bad = client.post(
        f"/api/v1/proposals/{pk}/assign", {"lead": tree.other_dept.pk}, content_type="application/json"
    )
    assert bad.status_code == 422 and "单位不在" in bad.json()["detail"]
    ok = client.post(f"/api/v1/proposals/{pk}/assign", {"lead": tree.eco.pk}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["due_on"] == "2026-06-16"
    listed = client.get("/api/v1/proposals/").json()
    assert [i["number"] for i in listed["items"]] == ["30"]
    client.force_login(who.outsider)
    assert client.get(f"/api/v1/proposals/{pk}").status_code == 404
    assert Proposal.objects.count() == 1
