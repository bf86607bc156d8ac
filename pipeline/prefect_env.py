"""Prefect settings that must be in the environment before ``prefect`` is first imported."""

from __future__ import annotations

import os

from pipeline.settings import get_settings


def configure_prefect() -> None:
    defaults = {
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": str(get_settings().prefect_startup_timeout),
        # Flows run without a server: Prefect starts a temporary local API on SQLite.
        "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
