"""Merge the schema branches of issues 5-8, developed side by side from ca3eea28c8ac.

Each branch only adds its own tables, so the order between them does not matter.

Revision ID: b7e1a0c4d2f9
Revises: 8a168bc281bb, 9e145a5a4e1c, 8ac0e5783145, 185bb1fb5fba, 2e8f9263e8d7
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "b7e1a0c4d2f9"
down_revision: tuple[str, ...] = (
    "8a168bc281bb",
    "9e145a5a4e1c",
    "8ac0e5783145",
    "185bb1fb5fba",
    "2e8f9263e8d7",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
