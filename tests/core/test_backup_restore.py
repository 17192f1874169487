"""deploy/backup.sh and deploy/restore.sh: a backup of the site restores into a fresh
database and media folder with every row and every file as they were; a damaged
backup, or a database that already has tables, is refused with a clear message."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections

BASE_DIR = Path(settings.BASE_DIR)
BACKUP = BASE_DIR / "deploy" / "backup.sh"
RESTORE = BASE_DIR / "deploy" / "restore.sh"

pytestmark = [
    # The site below is committed by a module fixture; the tests themselves read the
    # databases from other processes. The mark makes pytest-django set up the test
    # database.
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backups are of PostgreSQL"
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="needs pg_dump and pg_restore (postgresql-client)",
    ),
]


def database_url(name):
    config = connection.settings_dict
    user = quote(config["USER"] or "postgres")
    password = f":{quote(config['PASSWORD'])}" if config["PASSWORD"] else ""
    host = config["HOST"] or "127.0.0.1"
    port = config["PORT"] or 5432
    return f"postgresql://{user}{password}@{host}:{port}/{name}"


def drop_database(name):
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(script, *args):
    return subprocess.run(
        ["bash", str(script), *map(str, args)], capture_output=True, text=True
    )


def tables_and_sums(url):
    """{table: (rows, md5 of its rows)} for every table of the public schema."""
    found = {}
    with psycopg.connect(url) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        for name in names:
            found[name] = db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) "
                f"ORDER BY t::text), '')) FROM \"{name}\" t"
            ).fetchone()
    return found


def file_sums(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


# Run in a process of its own against the site's database: the demo site, a photo
# with a rendition, and donations.
FILL = """
import django
django.setup()
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from django.test import override_settings
from tests.donations.factories import DonationFactory
with override_settings(MEDIA_ROOT=MEDIA):
    call_command("load_demo_content", verbosity=0)
    image = get_image_model()(title="Portrait", file=get_test_image_file())
    image.save()
    image.get_rendition("fill-120x120")
    DonationFactory.create_batch(3)
"""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A database of its own (a copy of the migrated test database) holding the demo
    site, and its media folder; dropped at the end."""
    media = tmp_path_factory.mktemp("media")
    name = f"{connection.settings_dict['NAME']}_backup"
    drop_database(name)
    with django_db_blocker.unblock():
        connections.close_all()  # a template database must have no sessions
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            template = connection.settings_dict["NAME"]
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    env = dict(
        os.environ,
        DATABASE_URL=database_url(name),
        DJANGO_SETTINGS_MODULE="whitehelmets.settings.test",
    )
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "-c", f"MEDIA = {str(media)!r}\n" + FILL],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    yield {"url": database_url(name), "media": media}
    drop_database(name)


@pytest.fixture(scope="module")
def backup(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("backups")
    made = run(BACKUP, site["url"], site["media"], root)
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.strip().splitlines()[-1])


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    drop_database(name)
    yield name
    drop_database(name)


def test_backup_has_a_manifest_with_sizes_sums_and_date(backup):
    # Donors' data is in the dump: nobody but its owner may read it.
    assert (backup / "database.dump").stat().st_mode & 0o077 == 0
    manifest = (backup / "MANIFEST").read_text()
    assert "created: " in manifest
    for file in ("database.dump", "media.tar.gz"):
        assert f"size {file}: {(backup / file).stat().st_size}" in manifest
        digest = hashlib.sha256((backup / file).read_bytes()).hexdigest()
        assert f"sha256 {file}: {digest}" in manifest


def test_restore_into_a_fresh_database_gives_back_every_row_and_file(
    site, backup, fresh_database, tmp_path
):
    media = tmp_path / "media"
    restored = run(RESTORE, backup, database_url(fresh_database), media)
    assert restored.returncode == 0, restored.stderr

    original = tables_and_sums(site["url"])
    copy = tables_and_sums(database_url(fresh_database))
    assert original["wagtailcore_page"][0] > 5  # the demo site is really there
    assert original["donations_donation"][0] == 3
    assert copy == original
    files = file_sums(site["media"])
    assert any(name.startswith("original_images/") for name in files)
    assert any(name.startswith("images/") for name in files)  # the rendition
    assert file_sums(media) == files

    # Restoring again over what is now a full database is refused, unless told.
    again = run(RESTORE, backup, database_url(fresh_database), tmp_path / "other")
    assert again.returncode == 1
    assert "already has" in again.stderr and "--force" in again.stderr


def test_a_damaged_backup_is_refused_and_nothing_is_restored(
    backup, fresh_database, tmp_path
):
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    dump = damaged / "database.dump"
    data = bytearray(dump.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    dump.write_bytes(bytes(data))

    media = tmp_path / "media"
    refused = run(RESTORE, damaged, database_url(fresh_database), media)
    assert refused.returncode == 1
    assert "is damaged" in refused.stderr
    assert "nothing was restored" in refused.stderr
    with psycopg.connect(database_url("postgres")) as admin:
        assert not admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [fresh_database]
        ).fetchone()
    assert not media.exists()
