"""Named sources from ``sources.toml`` (or YAML): feeds, listing pages and article pages."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import MalformedInput


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    url: str
    kind: Literal["feed", "listing", "page", "auto"] = "auto"
    max_pages: int | None = Field(default=None, ge=1, description="listing pages to follow (default: settings)")
    schedule: str | None = Field(default=None, description="cron expression, for `claims status` and serve")


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: list[Source]


def load_sources(path: Path) -> list[Source]:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = tomllib.loads(text)
        return SourcesFile.model_validate(data).source
    except (OSError, UnicodeDecodeError) as err:
        raise MalformedInput(str(path), f"sources file cannot be read: {err}") from err
    except (tomllib.TOMLDecodeError, ValidationError, ValueError) as err:
        first = str(err).splitlines()[0]
        raise MalformedInput(str(path), f"sources file is not valid: {first}") from err


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def is_sources_file(value: str) -> bool:
    return value.endswith((".toml", ".yaml", ".yml")) and not is_url(value)
