"""Backups of the database and the files, and their restore (docs/operations.md).

A backup is a folder `gongkai-backup-<UTC time>/` (or, encrypted, one file `gongkai-backup-<UTC time>.tar.age`):

    manifest.json         what the backup holds: tables (rows, SHA-256), sampled records, files, report figures
    db/gongkai.sqlite3    SQLite: a page copy made with the online backup API (consistent while others write)
    db/pgdump/            PostgreSQL: `pg_dump --format=directory`, taken in the same snapshot as the manifest
    files/media/…         MEDIA_ROOT (catalog attachments)
    files/private/…       GONGKAI_FOI_FILES_ROOT (application files and letters)

The database part is one consistent snapshot. Files are never changed in place (their names are random keys),
so a file copied after the snapshot can only be one the snapshot does not reference yet; every file the
snapshot references is checked to be in the backup (`missing_files` in the manifest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from gongkai.ops import snapshot
from gongkai.ops.snapshot import Comparison, Description

FORMAT = 1
MANIFEST = "manifest.json"
Say = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on: the message says why and what to do (Chinese, for operators)."""


# --- Databases ------------------------------------------------------------------------------------


@dataclass
class Database:
    """One database, from Django's settings dict or a DATABASE_URL."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, db: Mapping[str, Any]) -> Database:
        engine = db["ENGINE"]
        vendor = "sqlite" if engine.endswith("sqlite3") else "postgresql"
        name = str(db["NAME"])
        if vendor == "sqlite" and (name.startswith("file:memorydb") or name == ":memory:"):
            name = ":memory:"
        keep = {"sslmode", "sslrootcert", "sslcert", "sslkey"}
        opts = {k: v for k, v in (db.get("OPTIONS") or {}).items() if k in keep}
        return cls(
            vendor,
            name,
            str(db.get("HOST") or ""),
            str(db.get("PORT") or ""),
            str(db.get("USER") or ""),
            str(db.get("PASSWORD") or ""),
            opts,
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        import dj_database_url

        try:
            parsed = dj_database_url.parse(url)
        except ValueError as exc:
            raise BackupError(f"数据库地址无效：{exc}") from None
        if parsed["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
            raise BackupError("数据库地址须为 sqlite:///… 或 postgres://…")
        return cls.from_settings(parsed)

    @classmethod
    def default(cls) -> Database:
        from django.db import connections

        return cls.from_settings(connections["default"].settings_dict)

    @property
    def label(self) -> str:
        """The database without its password (for messages and the manifest)."""
        if self.vendor == "sqlite":
            return f"sqlite:{self.name}"
        return f"postgresql://{self.user}@{self.host or 'localhost'}:{self.port or 5432}/{self.name}"

    def connect(self):
        if self.vendor == "sqlite":
            if self.name == ":memory:":
                from django.db import connections

                connections["default"].ensure_connection()
                return _Borrowed(connections["default"].connection)
            return sqlite3.connect(self.name)
        import psycopg

        kwargs = {"dbname": self.name, "host": self.host or None, "port": self.port or None}
        kwargs |= {"user": self.user or None, "password": self.password or None, **self.options}
        try:
            return psycopg.connect(**{k: v for k, v in kwargs.items() if v is not None})
        except psycopg.OperationalError as exc:
            raise BackupError(f"无法连接数据库 {self.label}：{str(exc).strip()}") from None

    def client_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
            if key in self.options:
                env[var] = str(self.options[key])
        return env

    def client_args(self) -> list[str]:
        args = []
        if self.host:
            args += ["-h", self.host]
        if self.port:
            args += ["-p", self.port]
        if self.user:
            args += ["-U", self.user]
        return args


def reading_connection(db: Database):
    """A plain connection for reading a database's rows. Django's own connection (an in-memory database has no
    other) converts values by declared type, so its in-memory database is first copied to a temporary file."""
    conn = db.connect()
    if not isinstance(conn, _Borrowed):
        return conn
    fd, name = tempfile.mkstemp(suffix=".sqlite3")
    os.close(fd)
    copy = sqlite3.connect(name)
    conn.conn.backup(copy)
    copy.close()
    return _TempCopy(name)


class _TempCopy:
    def __init__(self, name: str) -> None:
        self.name = name
        self.conn = sqlite3.connect(name)

    def __getattr__(self, attr):
        return getattr(self.conn, attr)

    def close(self) -> None:
        self.conn.close()
        os.unlink(self.name)


class _Borrowed:
    """Django's own SQLite connection (an in-memory database has no other), which must not be closed here."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def close(self) -> None:
        pass


def size_of(db: Database) -> int:
    if db.vendor == "sqlite":
        return os.path.getsize(db.name) if db.name != ":memory:" and os.path.exists(db.name) else 0
    conn = db.connect()
    try:
        return int(
            snapshot.reader_for("postgresql", conn).scalar("SELECT pg_database_size(current_database())")
        )
    finally:
        conn.close()


def pg_tool(name: str, server_major: int) -> str:
    """The pg_dump/pg_restore able to read this server: the same major version or newer.

    Debian installs each client version under /usr/lib/postgresql/<major>/bin; GONGKAI_PG_BIN_DIR overrides.
    """
    candidates = []
    if getattr(settings, "GONGKAI_PG_BIN_DIR", ""):
        candidates.append(Path(settings.GONGKAI_PG_BIN_DIR) / name)
    lib = Path("/usr/lib/postgresql")
    if lib.is_dir():
        majors = sorted((int(p.name) for p in lib.iterdir() if p.name.isdigit()), reverse=True)
        candidates += [lib / str(m) / "bin" / name for m in majors]
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    found = []
    for path in candidates:
        if not path.exists():
            continue
        version = tool_major(path)
        found.append(f"{path}（{version}）")
        if version >= server_major:
            return str(path)
    raise BackupError(
        f"没有可用于 PostgreSQL {server_major} 的 {name}："
        + ("找到 " + "、".join(found) if found else "未安装 postgresql-client")
        + f"。请安装 postgresql-client-{server_major} 或更新版本（或用 GONGKAI_PG_BIN_DIR 指定目录）。"
    )


def tool_major(path: Path) -> int:
    out = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def server_major(reader: snapshot.Reader) -> int:
    return int(reader.scalar("SHOW server_version_num")) // 10000


# --- Files ----------------------------------------------------------------------------------------


def file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.GONGKAI_FOI_FILES_ROOT)}


def file_fields() -> list[tuple[str, str, str]]:
    """(table, column, root name) of every FileField: the files the records point at."""
    from django.apps import apps
    from django.db.models import FileField

    out = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if f.get_internal_type() == "FileField":
                assert isinstance(f, FileField) and f.column  # a concrete file field
                root = "private" if getattr(f.storage, "base_url", "") is None else "media"
                out.append((model._meta.db_table, f.column, root))
    return out


def referenced_files(reader: snapshot.Reader) -> list[str]:
    tables = set(reader.tables())
    names = []
    for table, column, root in file_fields():
        if table in tables:
            q = reader.quote
            for (value,) in reader.rows(f"SELECT {q(column)} FROM {q(table)} WHERE {q(column)} <> ''"):  # noqa: S608 (quoted catalog names)
                names.append(f"{root}/{value}")
    return sorted(names)


def copy_tree(src: Path, dst: Path, progress: Progress) -> None:
    for path in snapshot.walk(src):
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        progress.advance(path.stat().st_size)


# --- Progress -------------------------------------------------------------------------------------


class Progress:
    """A progress bar on standard error (tqdm) while `enabled`; nothing otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None

    def start(self, label: str, total: int | None, unit: str = "B") -> None:
        self.close()
        if self.enabled:
            from tqdm import tqdm

            scale = unit == "B"
            self.bar = tqdm(
                total=total, desc=label, unit=unit, unit_scale=scale, file=sys.stderr, leave=False
            )

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# --- Encryption (age, ADR 0006) -------------------------------------------------------------------


def parse_recipients(values: list[str]) -> list:
    import pyrage

    recipients = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            recipients.append(pyrage.x25519.Recipient.from_str(value))
        except pyrage.RecipientError:
            raise BackupError(f"不是有效的 age 公钥（应以 age1 开头）：{value[:12]}…") from None
    return recipients


def read_identities(path: str) -> list:
    import pyrage

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BackupError(f"无法读取私钥文件 {path}：{exc.strerror}") from None
    keys = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise BackupError(f"私钥文件 {path} 中没有 age 私钥（AGE-SECRET-KEY-…）。")
    try:
        return [pyrage.x25519.Identity.from_str(k) for k in keys]
    except pyrage.IdentityError:
        raise BackupError(f"私钥文件 {path} 中的私钥无效。") from None


def generate_identity(path: Path) -> str:
    """Write a new age identity (private key) to `path` (mode 0600) and return its public recipient."""
    import pyrage

    if path.exists():
        raise BackupError(f"{path} 已存在：不覆盖已有私钥。")
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise BackupError(f"无法写入 {path}：{exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"# created: {created}\n# public key: {recipient}\n{identity}\n")
    return recipient


def encrypt_folder(folder: Path, target: Path, recipients: list) -> None:
    """Stream `folder` as a tar archive through age into `target` (no second plain copy on disk)."""
    import pyrage

    rfd, wfd = os.pipe()
    errors: list[BaseException] = []

    def produce() -> None:
        try:
            with os.fdopen(wfd, "wb") as w, tarfile.open(fileobj=w, mode="w|") as tar:
                tar.add(folder, arcname=folder.name)
        except BaseException as exc:  # reported below, after the reader has finished
            errors.append(exc)

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    try:
        with os.fdopen(rfd, "rb") as reader, target.open("wb") as out:
            pyrage.encrypt_io(reader, out, recipients)
    finally:
        thread.join()
    if errors:
        raise errors[0]


def decrypt_archive(archive: Path, identities: list, into: Path) -> Path:
    import pyrage

    rfd, wfd = os.pipe()
    errors: list[BaseException] = []

    def produce() -> None:
        try:
            with os.fdopen(wfd, "wb") as w, archive.open("rb") as src:
                pyrage.decrypt_io(src, w, identities)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    try:
        with os.fdopen(rfd, "rb") as reader, tarfile.open(fileobj=reader, mode="r|") as tar:
            tar.extractall(into, filter="data")
    except tarfile.TarError:
        pass  # the decryption error below says why the stream ended
    finally:
        thread.join()
    if errors:
        if isinstance(errors[0], pyrage.DecryptError):
            raise BackupError(f"无法解密 {archive.name}：私钥不对，或文件已损坏。") from None
        raise errors[0]
    folders = [p for p in into.iterdir() if (p / MANIFEST).exists()]
    if len(folders) != 1:
        raise BackupError(f"{archive.name} 不是 Gongkai 备份（没有 {MANIFEST}）。")
    return folders[0]


# --- Backup ---------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    location: Path
    manifest: dict[str, Any]
    size_bytes: int
    started_at: dt.datetime
    finished_at: dt.datetime
    encrypted: bool
    manifest_sha256: str

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.manifest["tables"].values())


def check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".gongkai-write-test-"):
            pass
    except OSError as exc:
        raise BackupError(
            f"无法写入备份目录 {folder}：{exc.strerror or exc}。请检查路径、权限和磁盘。"
        ) from None


def check_space(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise BackupError(
            f"备份目录 {folder} 所在磁盘空间不足：约需 {needed / 2**20:,.0f} MB，只剩 {free / 2**20:,.0f} MB。"
        )


def create(
    *,
    output: Path,
    db: Database | None = None,
    recipients: list | None = None,
    include_files: bool = True,
    progress: Progress | None = None,
    say: Say = lambda s: None,
    workdir: Path | None = None,
) -> BackupResult:
    db = db or Database.default()
    progress = progress or Progress(False)
    started = dt.datetime.now(dt.UTC)
    name = f"gongkai-backup-{started:%Y%m%dT%H%M%SZ}"
    check_writable(output)
    roots = file_roots() if include_files else {}
    files_size = sum(p.stat().st_size for r in roots.values() for p in snapshot.walk(r))
    check_space(output, int((size_of(db) + files_size) * 1.1) + 2**20)
    final = output / (name + (".tar.age" if recipients else ""))
    if final.exists():
        raise BackupError(f"{final} 已存在。")
    if recipients:
        check_writable(workdir or Path(tempfile.gettempdir()))
        work_parent = Path(tempfile.mkdtemp(prefix="gongkai-backup-", dir=workdir))
        folder = work_parent / name
    else:
        work_parent = None
        folder = output / (name + ".partial")
    try:
        folder.mkdir(mode=0o700)
        (folder / "db").mkdir()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": started.isoformat(timespec="seconds"),
            "gongkai_version": _version(),
            "vendor": db.vendor,
            "database": db.label,
        }
        description = Description()
        if db.vendor == "sqlite":
            _sqlite_snapshot(db, folder / "db" / "gongkai.sqlite3", description, manifest, progress, say)
        else:
            _pg_snapshot(db, folder / "db" / "pgdump", description, manifest, progress, say)
        if include_files:
            say("复制文件…")
            progress.start("文件", files_size)
            for root_name, root in roots.items():
                copy_tree(root, folder / "files" / root_name, progress)
            progress.close()
            description.files = snapshot.describe_files({n: folder / "files" / n for n in roots})
            missing = sorted(set(manifest["referenced_files"]) - set(description.files))
            manifest["missing_files"] = missing
            if missing:
                say(f"警告：记录引用的 {len(missing)} 个文件不在磁盘上（见清单 missing_files）。")
        manifest["includes_files"] = include_files
        manifest.update(description.as_dict())
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        (folder / MANIFEST).write_bytes(data)
        if recipients:
            say("加密…")
            partial = final.with_name(final.name + ".partial")
            encrypt_folder(folder, partial, recipients)
            partial.rename(final)
            size = final.stat().st_size
        else:
            folder.rename(final)
            size = sum(p.stat().st_size for p in snapshot.walk(final))
    except OSError as exc:
        raise BackupError(f"写入备份失败（{exc.filename or output}）：{exc.strerror or exc}") from None
    finally:
        progress.close()
        if work_parent is not None:
            shutil.rmtree(work_parent, ignore_errors=True)
        elif folder.exists() and folder.name.endswith(".partial"):
            shutil.rmtree(folder, ignore_errors=True)
    return BackupResult(
        final,
        manifest,
        size,
        started,
        dt.datetime.now(dt.UTC),
        bool(recipients),
        hashlib.sha256(data).hexdigest(),
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gongkai")
    except PackageNotFoundError:
        return "unknown"


def _sqlite_snapshot(db, target, description, manifest, progress, say) -> None:
    say("数据库快照（SQLite 在线备份）…")
    src = db.connect()
    if isinstance(src, _Borrowed) and src.conn.in_transaction:
        # The backup API waits for a write transaction of the same connection forever.
        raise BackupError("数据库连接处于未提交的事务中，无法做一致的快照。")
    dst = sqlite3.connect(target)
    try:
        progress.start("数据库", None, unit="页")

        def step(status, remaining, total):
            if progress.bar is not None:
                progress.bar.total = total
                progress.bar.n = total - remaining
                progress.bar.refresh()

        src.backup(dst, pages=1024, progress=step)
    finally:
        dst.close()
        src.close()
        progress.close()
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        reader = snapshot.SqliteReader(conn)
        manifest["server_version"] = sqlite3.sqlite_version
        _describe(reader, description, manifest, progress, say)
    finally:
        conn.close()


def _pg_snapshot(db, target, description, manifest, progress, say) -> None:
    conn = db.connect()
    reader = snapshot.PostgresReader(conn)
    try:
        major = server_major(reader)
        tool = pg_tool("pg_dump", major)
        manifest["server_version"] = reader.scalar("SHOW server_version")
        conn.commit()
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snap = reader.scalar("SELECT pg_export_snapshot()")
        say("数据库快照（pg_dump 目录格式，与清单同一快照）…")
        cmd = [tool, "--format=directory", "--jobs=2", f"--snapshot={snap}", "--no-owner", "--no-privileges"]
        cmd += [*db.client_args(), "--file", str(target), db.name]
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(cmd, env=db.client_env(), stderr=err, stdout=subprocess.DEVNULL)  # noqa: S603
            try:
                _describe(reader, description, manifest, progress, say)
            finally:
                code = proc.wait()
            err.seek(0)
            message = err.read().decode(errors="replace").strip()
        if code != 0:
            raise BackupError(f"pg_dump 失败（退出码 {code}）：{message[-2000:]}")
        manifest["pg_dump"] = f"{Path(tool).name} {tool_major(Path(tool))}"
    finally:
        conn.rollback()
        conn.close()


def _describe(reader, description, manifest, progress, say) -> None:
    say("统计各表记录数与校验和…")
    tables = reader.tables()
    progress.start("校验", len(tables), unit="表")
    description.tables, description.samples = snapshot.describe_tables(
        reader, progress=lambda t, n: progress.advance()
    )
    progress.close()
    description.reports = snapshot.describe_reports(reader)
    manifest["referenced_files"] = referenced_files(reader)
    if "django_migrations" in description.tables:
        manifest["migrations"] = sorted(
            f"{app}.{name}" for app, name in reader.rows("SELECT app, name FROM django_migrations")
        )


# --- Restore --------------------------------------------------------------------------------------


def open_backup(path: Path, *, identities: list | None, workdir: Path | None) -> tuple[Path, Path | None]:
    """The backup's folder (decrypting an archive into a temporary folder), and that folder to remove."""
    if not path.exists():
        raise BackupError(f"备份不存在：{path}")
    if path.is_dir():
        if not (path / MANIFEST).exists():
            raise BackupError(f"{path} 不是 Gongkai 备份（没有 {MANIFEST}）。")
        return path, None
    if not identities:
        raise BackupError(f"{path.name} 已加密：请用 --identity-file 指定私钥文件。")
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-restore-", dir=workdir))
    try:
        return decrypt_archive(path, identities, tmp), tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"无法读取备份清单：{exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不受支持（本版本为 {FORMAT}）。")
    return manifest


def table_count(db: Database) -> int:
    if db.vendor == "sqlite" and db.name != ":memory:" and not os.path.exists(db.name):
        return 0
    conn = db.connect()
    try:
        return len(snapshot.reader_for(db.vendor, conn).tables())
    finally:
        conn.close()


def restore(
    *,
    folder: Path,
    db: Database | None = None,
    roots: dict[str, Path] | None = None,
    force: bool = False,
    include_files: bool = True,
    progress: Progress | None = None,
    say: Say = lambda s: None,
    before_overwrite: Callable[[Database], None] | None = None,
) -> Comparison:
    db = db or Database.default()
    progress = progress or Progress(False)
    manifest = read_manifest(folder)
    if manifest["vendor"] != db.vendor:
        raise BackupError(
            f"备份来自 {manifest['vendor']}，目标是 {db.vendor}：请恢复到同类数据库"
            "（在两类数据库之间迁移用 dumpdata/loaddata，见 docs/operations.md）。"
        )
    include_files = include_files and manifest.get("includes_files", True)
    roots = roots if roots is not None else file_roots()
    # Refuse before anything is written.
    tables = table_count(db)
    occupied = [f"{n}（{r}）" for n, r in roots.items() if include_files and snapshot.walk(r)]
    if (tables or occupied) and not force:
        what = []
        if tables:
            what.append(f"目标数据库 {db.label} 不是空的（已有 {tables} 张表）")
        if occupied:
            what.append("文件目录不是空的：" + "、".join(occupied))
        raise BackupError("；".join(what) + "。拒绝覆盖；确需覆盖时加 --force（会先备份现有数据）。")
    if tables and before_overwrite is not None:
        before_overwrite(db)
    if db.vendor == "sqlite":
        _sqlite_restore(folder / "db" / "gongkai.sqlite3", db, progress, say)
    else:
        _pg_restore(folder / "db" / "pgdump", db, bool(tables), say)
    if include_files:
        say("恢复文件…")
        total = sum(m["size"] for m in manifest["files"].values())
        progress.start("文件", total)
        for name, root in roots.items():
            src = folder / "files" / name
            if src.is_dir():
                root.mkdir(parents=True, exist_ok=True)
                copy_tree(src, root, progress)
        progress.close()
    say("核对…")
    return verify(manifest, db=db, roots=roots if include_files else None)


def _sqlite_restore(snapshot_file: Path, db: Database, progress: Progress, say: Say) -> None:
    say(f"恢复数据库到 {db.label}…")
    if db.name != ":memory:":
        Path(db.name).parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{snapshot_file}?mode=ro", uri=True)
    dst = db.connect()
    try:
        src.backup(dst if not isinstance(dst, _Borrowed) else dst.conn, pages=1024)
    except sqlite3.OperationalError as exc:
        raise BackupError(f"无法写入数据库 {db.label}：{exc}（是否有服务仍在使用它？）") from None
    finally:
        src.close()
        dst.close()


def _pg_restore(dump: Path, db: Database, replace: bool, say: Say) -> None:
    conn = db.connect()
    try:
        reader = snapshot.PostgresReader(conn)
        tool = pg_tool("pg_restore", server_major(reader))
        if replace:
            say(f"清空 {db.label} 的模式（已先备份）…")
            schema = reader.scalar("SELECT current_schema()")
            q = reader.quote(schema)
            conn.execute(f"DROP SCHEMA {q} CASCADE")
            conn.execute(f"CREATE SCHEMA {q}")
        conn.commit()
    finally:
        conn.close()
    say(f"恢复数据库到 {db.label}（pg_restore）…")
    cmd = [tool, "--jobs=2", "--no-owner", "--no-privileges", "--exit-on-error", *db.client_args()]
    cmd += ["--dbname", db.name, str(dump)]
    proc = subprocess.run(cmd, env=db.client_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if proc.returncode != 0:
        raise BackupError(f"pg_restore 失败（退出码 {proc.returncode}）：{proc.stderr.strip()[-2000:]}")


def verify(
    manifest: dict[str, Any], *, db: Database | None = None, roots: dict[str, Path] | None = None
) -> Comparison:
    """Compare a database (and the file roots, unless None) with a backup's manifest."""
    db = db or Database.default()
    conn = reading_connection(db)
    try:
        reader = snapshot.reader_for(db.vendor, conn)
        actual = Description()
        actual.tables, _ = snapshot.describe_tables(reader)
        actual.samples = snapshot.sample_actual(reader, manifest["samples"])
        actual.reports = snapshot.describe_reports(reader)
    finally:
        conn.close()
    if roots is not None:
        actual.files = snapshot.describe_files(roots)
    return snapshot.compare(manifest, actual, files=roots is not None)
