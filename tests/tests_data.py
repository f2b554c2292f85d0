"""Paths of the small fixtures the tests read."""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def seed_article() -> Path:
    return FIXTURES / "readers" / "russia-venezuela-deals-2024-11-08.txt"


def wikinews_sample() -> Path:
    """Two Wikinews articles (CC BY 2.5, Wikinews contributors)."""
    return FIXTURES / "readers" / "wikinews-sample.csv"
