"""Superset's configuration for `make bi` (statswh/bi.py points SUPERSET_CONFIG_PATH here).

Everything that varies lives in $STATSWH_BI_HOME (the ignored .bi/ folder): the metadata
database (SQLite) and the generated secret key, which never enters git.
"""

import os
from pathlib import Path

_home = Path(os.environ["STATSWH_BI_HOME"])

DATA_DIR = str(_home)
SECRET_KEY = (_home / "secret_key").read_text(encoding="utf-8").strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_home / 'superset.db'}?check_same_thread=false"

# No result cache: every chart query reads the release that is current when it runs, so
# an answer after a republish is never a cached copy of an older release.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
