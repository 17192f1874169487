"""The Arabic interface catalogue is complete and compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUE = BASE_DIR / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def read_catalogue(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_every_arabic_interface_string_is_translated():
    catalogue = read_catalogue(CATALOGUE)
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            "fuzzy" in message.flags
            or not (
                message.string
                if isinstance(message.string, str)
                else all(message.string)
            )
        )
    ]
    assert untranslated == []


def test_arabic_catalogue_is_compiled():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "run `make messages`"
    assert compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime - 1


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_catalogue_holds_every_string_marked_in_the_code(tmp_path):
    """Extract the strings afresh in a copy of the project and compare."""
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "media", "staticfiles", "reports", "*.mo"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "ar",
            "--ignore",
            "tests/*",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "whitehelmets.settings.test",
        },
    )
    fresh = {
        message.id
        for message in read_catalogue(copy / CATALOGUE.relative_to(BASE_DIR))
        if message.id
    }
    kept = {message.id for message in read_catalogue(CATALOGUE) if message.id}
    assert fresh - kept == set()
