"""Schema of profiles, tracked projects, eligibility tasks, ticks, points and claims.

Migrations here are registered through ``storage.migrations.migration`` with names
numbered after the core ones (0005_...).
"""

from __future__ import annotations
