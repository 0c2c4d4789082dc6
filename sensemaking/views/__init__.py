"""Sensemaking screens (stories, patterns, themes), one module and blueprint per area.

They live under ``/coalitions/<slug>/`` and use ``coalitions.views.coalition_blueprint``, so sign-in
and coalition access are checked before every view exactly as on the coalition screens.
"""
