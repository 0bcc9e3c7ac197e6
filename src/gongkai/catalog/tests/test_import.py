"""import_items: rows become published items through the services; idempotent; row errors with line numbers;
gzip read directly; a line of ../shared/data/documents.jsonl.gz imports as it is."""

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.catalog.models import Item, Review, ReviewConclusion, Status
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent

SHARED = Path(__file__).resolve().parents[5] / "shared" / "data" / "documents.jsonl.gz"


def _write(path: Path, rows: list, *, gz: bool = False) -> Path:
    text = "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _run(path: Path, org) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_items", str(path), "--org", org.credit_code, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


GOOD = {
    "title": "抚顺市生态环境保护条例",
    "kind": "地方性法规",
    "issuer": "抚顺市",
    "history": ["2017年6月22日抚顺市第十五届人民代表大会常务委员会第三十八次会议通过"],
    "written_on": "2017-06-22",
    "body": "第一章 总则\n\n第一条 为了保护和改善环境，制定本条例。",
}


def test_good_rows_go_in_bad_rows_are_reported_with_line_numbers(tmp_path, tree):
    path = _write(
        tmp_path / "items.jsonl",
        [
            GOOD,
            '{"title": "断开的 JSON"',
            {"title": "", "written_on": "2020-01-01"},
            {"title": "日期错误", "written_on": "2020-02-30", "body": "x"},
            {"title": "未知字段", "written_on": "2020-01-01", "colour": "red"},
            {"title": "未知主题", "written_on": "2020-01-01", "topic": "9999"},
            {"title": "依申请公开无理由", "written_on": "2020-01-01", "disclosure": "withheld"},
            [1, 2, 3],
            {**GOOD, "id": "second", "title": "抚顺市政府工作报告", "kind": "政府工作报告", "written_on": "2024-01-10",
             "published_at": "2024-01-20T10:00:00+08:00", "doc_no": "抚政发[2024]1号", "topic": "0203"},
        ],
    )  # fmt: skip
    out, err = _run(path, tree.eco)
    assert "新增 2 条" in out and "错误 7 行" in out
    for lineno, text in [(2, "不是有效的 JSON"), (3, "缺少名称"), (4, "不是有效日期"), (5, "未知字段"),
                         (6, "主题分类"), (7, "不主动公开的理由"), (8, "JSON 对象")]:  # fmt: skip
        assert f"第{lineno}行：" in err and text in err.split(f"第{lineno}行：")[1].split("\n")[0], (
            lineno,
            err,
        )
    law = Item.objects.get(title="抚顺市生态环境保护条例")
    assert law.status == Status.PUBLISHED and law.index_no.startswith(f"{tree.eco.org_code}/2017-")
    assert law.genre.code == "regulation" and law.statutory_class == "a20_01"
    assert law.summary.startswith("2017年6月22日") and law.source_name == "抚顺市"
    assert law.body.startswith("<p>第一章 总则</p>") and not law.is_late
    review = Review.objects.get(item=law)
    assert review.conclusion == ReviewConclusion.IMPORTED and review.reviewer is None
    report = Item.objects.get(title="抚顺市政府工作报告")
    assert report.doc_no_normalized == "抚政发〔2024〕1号" and report.index_no.endswith("/2024-00001")
    assert AuditEvent.objects.filter(action="item.import", source="import").count() == 2


def test_imported_items_are_searchable_when_the_import_finishes(tmp_path, tree):
    from django.db import connection
    from django.urls import reverse

    from gongkai.catalog import services
    from gongkai.search import selectors
    from gongkai.search.models import SearchDocument

    # Dates out of order: the index writes a batch in key order (newest first), not in file order.
    rows = [
        {**GOOD, "id": f"r{i}", "title": f"第{i}号公告：關於{word}的通知", "written_on": f"20{17 + i % 7}-0{1 + i % 9}-1{i % 10}",
         "body": f"第一段。\n\n关于{word}工作的第{i}项安排（ＡＢＣ{i}）。"}
        for i, word in enumerate(["节能降耗", "车船税", "营商环境", "低保", "河长制", "放管服", "棚户区改造"])
    ]  # fmt: skip
    out, _ = _run(_write(tmp_path / "items.jsonl", rows), tree.eco)
    assert "新增 7 条" in out
    for i, word in enumerate(["节能降耗", "车船税", "营商环境", "低保", "河长制", "放管服", "棚户区改造"]):
        found = selectors.search(q=f"关于{word}")
        assert [hit.title for hit in found.items] == [rows[i]["title"]], word
        assert selectors.search(q=f"abc{i}").total == 1
    for doc in SearchDocument.objects.all():
        item = Item.objects.get(pk=doc.item_id)
        assert doc.url == reverse("portal:catalog_item", kwargs={"slug": item.slug})
        assert doc.index_no == item.index_no
    # What the import indexed is removed exactly (the contentless index replays the same text).
    services.item_withdraw(
        actor=System("测试"), item=Item.objects.get(title=rows[1]["title"]), reason="内容有误撤回"
    )
    assert selectors.search(q="车船税").total == 0
    assert selectors.search(q="关于营商环境").total == 1
    if connection.vendor == "sqlite":  # no posting of the withdrawn item is left in the full-text index
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", ['"车 船 税"'])
            assert cursor.fetchone()[0] == 0


def test_a_second_run_imports_nothing_twice(tmp_path, tree):
    path = _write(
        tmp_path / "items.jsonl.gz", [GOOD, {**GOOD, "title": "另一条", "written_on": "2018-01-02"}], gz=True
    )
    out, _ = _run(path, tree.eco)
    assert "新增 2 条" in out
    out, _ = _run(path, tree.eco)
    assert "新增 0 条" in out and "跳过 2 条" in out
    assert Item.objects.count() == 2


def test_duplicate_rows_in_one_file_are_imported_once(tmp_path, tree):
    path = _write(tmp_path / "dup.jsonl", [GOOD, GOOD])
    out, _ = _run(path, tree.eco)
    assert "新增 1 条" in out and "跳过 1 条" in out


def test_kept_index_numbers_and_rows_for_organisations_below(tmp_path, tree):
    rows = [
        {**GOOD, "index_no": f"{tree.eco.org_code}/2017-00110"},
        {**GOOD, "title": "县里的信息", "org": tree.county_dept.credit_code},
        {**GOOD, "title": "别处的信息", "org": tree.other_dept.credit_code},
    ]
    _, err = _run(_write(tmp_path / "x.jsonl", rows), tree.city)
    assert Item.objects.get(title=GOOD["title"]).index_no == f"{tree.eco.org_code}/2017-00110"
    assert Item.objects.get(title="县里的信息").org == tree.county_dept
    assert "第3行" in err and "不在 --org" in err


def test_bad_arguments_and_files(tmp_path, tree):
    with pytest.raises(CommandError, match="没有找到机构"):
        call_command("import_items", str(tmp_path / "x"), "--org", "NOPE")
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import_items", str(tmp_path / "missing.jsonl"), "--org", tree.eco.credit_code)
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"title": "标题"}\n'.encode("gb18030"))
    with pytest.raises(CommandError, match="没有导入任何一行"):
        call_command("import_items", str(latin), "--org", tree.eco.credit_code, stderr=StringIO())
    assert not Item.objects.exists()


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/documents.jsonl.gz is not available")
def test_lines_of_the_shared_documents_import_as_they_are(tmp_path, tree):
    with gzip.open(SHARED, "rt", encoding="utf-8") as f:
        lines = [next(f) for _ in range(30)]
    path = tmp_path / "sample.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(lines)
    out, err = _run(path, tree.eco)
    rows = [json.loads(line) for line in lines]
    expected = sum(1 for r in rows if r["written_on"] or any("年" in h for h in r["history"]))
    assert f"新增 {expected} 条" in out, (out, err)


@pytest.mark.postgres
def test_an_import_leaves_postgresql_statistics_current(tmp_path, tree):
    """The planner's row estimates of the loaded tables are right when the import returns (ANALYZE), not
    only once autovacuum gets to them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): planner statistics")
    tables = (Item._meta.db_table, "search_document", AuditEvent._meta.db_table)

    def figures(sql: str) -> dict[str, float]:
        found = {}
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(sql.format(t=table), [table])
                found[table] = float(cursor.fetchone()[0])
        return found

    estimates = "SELECT reltuples FROM pg_class WHERE oid = %s::regclass"
    # Statistics as of now (pg_class keeps them even when a test's transaction rolls back).
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
    before = figures(estimates)
    rows = [
        {**GOOD, "id": f"s{i}", "title": f"统计信息测试公告第{i}号", "body": f"第{i}项。"} for i in range(12)
    ]
    out, _ = _run(_write(tmp_path / "items.jsonl", rows), tree.eco)
    assert "新增 12 条" in out
    after = figures(estimates)
    assert after == figures("SELECT count(*) FROM {t} WHERE %s <> ''")
    assert all(after[t] > before[t] for t in tables)
