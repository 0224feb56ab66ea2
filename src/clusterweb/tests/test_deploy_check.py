"""Production settings pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _check_deploy(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A clean environment: the test settings (ci.py) put development defaults into os.environ.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update({"DJANGO_SETTINGS_MODULE": "clusterweb.conf.base", **extra_env})
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = _check_deploy(
        {
            "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "plan.example.nl",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_debug_on() -> None:
    result = _check_deploy(
        {
            "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "plan.example.nl",
            "DEBUG": "true",
        }
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr
