"""Configuration: TOML file, environment, and one-line errors that name the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vertelpunt.app import create_app
from vertelpunt.config import ConfigError, normalise_database_url


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_values_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path,
        f'SECRET_KEY = "s3cret-value"\nDATABASE_URL = "sqlite:///{tmp_path}/x.sqlite"\n'
        "STORY_MAX_CHARS = 5000\n",
    )
    monkeypatch.setenv("VERTELPUNT_CONFIG", str(path))
    app = create_app()
    assert app.config["STORY_MAX_CHARS"] == 5000 and app.config["SECRET_KEY"] == "s3cret-value"
    app.extensions["engine"].dispose()


def test_environment_overrides_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, f'DATABASE_URL = "sqlite:///{tmp_path}/x.sqlite"\n')
    monkeypatch.setenv("VERTELPUNT_CONFIG", str(path))
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    app.extensions["engine"].dispose()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("STORY_MAX_CHARS = 'veel'\n", "STORY_MAX_CHARS must be a int"),
        ("RATELIMIT_ENABLED = 1\n", "RATELIMIT_ENABLED must be a bool"),
        ("database_url = 'x'\n", "unknown key database_url"),
        ("SECRET_KEY = \n", "not valid TOML"),
        ("ENV = 'staging'\n", "ENV must be one of"),
        ("ENV = 'production'\n", "SECRET_KEY is required in production"),
        ("ENV = 'production'\nSECRET_KEY = 'change-me'\n", "SECRET_KEY is a placeholder"),
        ("ENV = 'production'\nSECRET_KEY = 'a-long-random-value-123'\nDEBUG = true\n", "DEBUG must be false"),
    ],
)
def test_bad_file_names_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, named: str
) -> None:
    monkeypatch.setenv("VERTELPUNT_CONFIG", str(write(tmp_path, text)))
    with pytest.raises(ConfigError) as caught:
        create_app()
    assert named in str(caught.value) and "\n" not in str(caught.value)


def test_missing_named_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTELPUNT_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="VERTELPUNT_CONFIG: file not found"):
        create_app()


def test_command_prints_one_line_not_a_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "STORY_MAX_CHARS = 'veel'\n")
    result = subprocess.run(
        [sys.executable, "-c", "from vertelpunt.cli import main; main()", "init-db"],
        env={"VERTELPUNT_CONFIG": str(path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "STORY_MAX_CHARS" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
    ],
)
def test_database_urls_use_psycopg(url: str, expected: str) -> None:
    assert normalise_database_url(url) == expected
