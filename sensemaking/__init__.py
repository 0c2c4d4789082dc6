"""Sensemaking: the narrative database, patterns, themes, workshops and actions (later issues)."""
