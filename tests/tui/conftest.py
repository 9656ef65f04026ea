"""Fixtures shared by the wizard's Pilot tests."""

from __future__ import annotations

import pytest

from aktsomhetswizard import saving as saving_mod


@pytest.fixture
def fast_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """Autosave soon after a pause, and at the latest a moment after the last save."""
    monkeypatch.setattr(saving_mod, "AUTOSAVE_DELAY", 0.05)
    monkeypatch.setattr(saving_mod, "AUTOSAVE_MAX_WAIT", 0.2)
