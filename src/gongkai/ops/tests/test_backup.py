"""gongkai backup / restore: a consistent copy that restores to the same records and files, checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.ops import backup
from gongkai.ops.models import BackupRun

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("audit_removable"),
]


def _media_file(settings, name="catalog/2026/01/a.pdf", data=b"%PDF-1.4 demo"):
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def target(tmp_path):
    """An empty database of the suite's backend to restore into, with its own file folders."""
    roots = {"media": tmp_path / "t-media", "private": tmp_path / "t-private"}
    if connection.vendor == "sqlite":
        yield backup.Database("sqlite", str(tmp_path / "restored.sqlite3")), roots
        return
    name = connection.settings_dict["NAME"] + "_restored"
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    db = backup.Database.default()
    db.name = name
    yield db, roots
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_an_empty_database_reproduces_everything(
    settings, tmp_path, published_report, target
):
    _media_file(settings)
    result = backup.create(output=tmp_path / "out")
    manifest = result.manifest
    assert result.location.is_dir() and (result.location / "manifest.json").exists()
    assert manifest["tables"]["foi_application"]["rows"] >= 30
    assert manifest["reports"][str(published_report.pk)]["figures"] == 5
    assert "media/catalog/2026/01/a.pdf" in manifest["files"]
    # Every letter the records point at is in the backup.
    assert manifest["referenced_files"] and manifest["missing_files"] == []
    db, roots = target
    comparison = backup.restore(folder=result.location, db=db, roots=roots)
    assert comparison.ok, comparison.lines()
    assert comparison.compared["rows"] == sum(t["rows"] for t in manifest["tables"].values())
    assert comparison.compared["files"] == len(manifest["files"]) > 1
    assert comparison.compared["figures"] == 5
    assert (roots["media"] / "catalog/2026/01/a.pdf").read_bytes() == b"%PDF-1.4 demo"


def test_restore_refuses_a_database_that_is_not_empty_without_force(settings, tmp_path, small, target):
    result = backup.create(output=tmp_path / "out")
    db, roots = target
    assert backup.restore(folder=result.location, db=db, roots=roots).ok
    with pytest.raises(backup.BackupError, match=r"不是空的.*拒绝覆盖.*--force"):
        backup.restore(folder=result.location, db=db, roots=roots)
    saved = []
    comparison = backup.restore(
        folder=result.location, db=db, roots=roots, force=True, before_overwrite=saved.append
    )
    assert comparison.ok
    assert saved == [db]  # --force backs up what it replaces first


def test_restore_command_refuses_then_force_backs_up_first(settings, tmp_path, small, target):
    out = tmp_path / "out"
    call_command("backup", output=str(out), progress=False)
    folder = next(out.iterdir())
    db, roots = target
    args = [str(folder), "--media-root", str(roots["media"]), "--private-root", str(roots["private"])]
    url = f"sqlite:///{db.name}" if db.vendor == "sqlite" else _url(db)
    call_command("restore", *args, "--database-url", url)
    with pytest.raises(CommandError, match="拒绝覆盖"):
        call_command("restore", *args, "--database-url", url)
    call_command("restore", *args, "--database-url", url, "--force", "--safety-dir", str(tmp_path / "safety"))
    assert len(list((tmp_path / "safety").iterdir())) == 1


def _url(db: backup.Database) -> str:
    return f"postgres://{db.user}:{db.password}@{db.host or 'localhost'}:{db.port or 5432}/{db.name}"


def test_verify_names_every_difference(settings, tmp_path, small, target):
    result = backup.create(output=tmp_path / "out")
    db, roots = target
    assert backup.restore(folder=result.location, db=db, roots=roots).ok
    # Change one record and one file in the restored copy: both are found, and the record is named.
    conn = db.connect()
    cur = conn.cursor()
    cur.execute(
        "UPDATE orgs_organization SET name = 'changed' WHERE id = (SELECT MIN(id) FROM orgs_organization)"
    )
    conn.commit()
    conn.close()
    (roots["media"] / "catalog/2026/01/a.pdf").write_bytes(b"other")
    comparison = backup.verify(result.manifest, db=db, roots=roots)
    assert not comparison.ok
    assert comparison.differences["tables"] == ["orgs_organization：记录数相同但内容校验和不同"]
    assert any(d.startswith("orgs_organization 主键") for d in comparison.differences["samples"])
    assert comparison.differences["files"] == ["media/catalog/2026/01/a.pdf：内容不同"]
    assert comparison.differences["rows"] == []


def test_encrypted_backup_needs_the_operators_key(settings, tmp_path, small, target):
    key = tmp_path / "key.txt"
    recipient = backup.generate_identity(key)
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    result = backup.create(output=tmp_path / "out", recipients=backup.parse_recipients([recipient]))
    assert result.encrypted and result.location.name.endswith(".tar.age")
    assert [p.name for p in (tmp_path / "out").iterdir()] == [result.location.name]  # no plain copy left
    with pytest.raises(backup.BackupError, match="已加密"):
        backup.open_backup(result.location, identities=None, workdir=tmp_path)
    other = tmp_path / "other.txt"
    backup.generate_identity(other)
    with pytest.raises(backup.BackupError, match="私钥不对"):
        backup.open_backup(result.location, identities=backup.read_identities(str(other)), workdir=tmp_path)
    folder, _tmp = backup.open_backup(
        result.location, identities=backup.read_identities(str(key)), workdir=tmp_path
    )
    db, roots = target
    assert backup.restore(folder=folder, db=db, roots=roots).ok


def test_a_target_that_cannot_be_written_is_a_clear_error(tmp_path, db):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(backup.BackupError, match="无法写入备份目录"):
        backup.create(output=blocker / "backups")
    with pytest.raises(CommandError, match="无法写入备份目录"):
        call_command("backup", output=str(blocker / "backups"), progress=False)


def test_bad_public_key_is_refused(db):
    with pytest.raises(backup.BackupError, match="不是有效的 age 公钥"):
        backup.parse_recipients(["age1nonsense"])


def test_backup_command_records_the_run(settings, tmp_path, small):
    call_command("backup", output=str(tmp_path / "out"), progress=False)
    run = BackupRun.objects.get()
    assert run.rows > 10 and run.tables > 20 and run.files == 2 and not run.encrypted
    assert Path(run.location).is_dir()


def test_restore_across_backends_is_refused(tmp_path, small):
    result = backup.create(output=tmp_path / "out")
    other = "postgresql" if result.manifest["vendor"] == "sqlite" else "sqlite"
    with pytest.raises(backup.BackupError, match="请恢复到同类数据库"):
        backup.restore(folder=result.location, db=backup.Database(other, "x"), roots={})


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_snapshot_is_a_valid_database(tmp_path, small):
    result = backup.create(output=tmp_path / "out", include_files=False)
    conn = sqlite3.connect(result.location / "db" / "gongkai.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_pg_dump_must_be_as_new_as_the_server(tmp_path, settings):
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.9'\n")
    fake.chmod(0o755)
    settings.GONGKAI_PG_BIN_DIR = str(fake.parent)
    assert backup.pg_tool("pg_dump", 14) == str(fake)
    with pytest.raises(backup.BackupError, match=r"PostgreSQL 99.*postgresql-client-99"):
        backup.pg_tool("pg_dump", 99)
