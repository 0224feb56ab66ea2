"""Settings for ``clusterplan serve``: a local, plain-HTTP run on 127.0.0.1 with DEBUG off.

The secret key is generated once and kept in ``var/secret-key`` (git-ignored).
"""

import os
import secrets
from pathlib import Path

_var = Path(os.environ.get("CLUSTERWEB_VAR_DIR", Path.cwd() / "var"))
_key_file = _var / "secret-key"
if "SECRET_KEY" not in os.environ:
    _var.mkdir(parents=True, exist_ok=True)
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        _key_file.chmod(0o600)
    os.environ["SECRET_KEY"] = _key_file.read_text(encoding="utf-8").strip()
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from clusterweb.conf.base import *  # noqa: E402,F403
