"""Lighthouse, mobile profile: every category 1.00 on home and the INNOPARK page."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.lighthouse
def test_home_and_release_score_perfect_in_every_category(real_site, tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/lighthouse.py"), str(real_site.output),
         "--reports", str(tmp_path)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"Lighthouse below 1.00:\n{result.stdout}\n{result.stderr}"
    assert result.stdout.count("| 1.00 | 1.00 | 1.00 | 1.00 |") == 2, result.stdout
