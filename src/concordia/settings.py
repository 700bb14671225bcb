"""Runtime configuration: one class, environment variables prefixed CONCORDIA_."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONCORDIA_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    node_id: str = "node-local"
    rules_dir: Path | None = None
    log_level: str = "INFO"
    # Threads running requests per worker process; None: 2 on SQLite, 1 on PostgreSQL
    # (run several workers): more threads only contend for the GIL (benchmarks/README).
    worker_threads: int | None = None

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the embedded SQLite database under the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'concordia.sqlite3').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
