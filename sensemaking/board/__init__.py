"""The hexagon board without Flask or a database: its geometry (cells, pixels, free places), its colours,
and its pictures (SVG, PNG and printable cards)."""
