"""Hexagon-board geometry: pointy-top hexagons in axial coordinates (q, r). Pure functions, no I/O.

The convention the board service and the browser share:

- a cell is ``(q, r)``; ``q`` grows to the right, ``r`` grows downwards (screen and SVG ``y`` point down);
- ``size`` is the distance from a hexagon's centre to a corner, in pixels (or any other unit);
- the centre of ``(q, r)`` is ``x = size * sqrt(3) * (q + r / 2)``, ``y = size * 1.5 * r``;
- a hexagon is ``sqrt(3) * size`` wide (flat side to flat side) and ``2 * size`` tall (point to point), so
  hexagons of the same size on neighbouring cells touch along a whole side.

Directions, and so :func:`neighbours` and every :func:`ring`, run clockwise on screen starting east:
east, south-east, south-west, west, north-west, north-east.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable

Cell = tuple[int, int]

SQRT3 = math.sqrt(3)
# Clockwise on screen (y down), starting east: E, SE, SW, W, NW, NE.
DIRECTIONS: tuple[Cell, ...] = ((1, 0), (0, 1), (-1, 1), (-1, 0), (0, -1), (1, -1))


def centre(q: int, r: int, size: float) -> tuple[float, float]:
    """The pixel centre of cell (q, r) for hexagons of ``size`` (centre to corner)."""
    return size * SQRT3 * (q + r / 2), size * 1.5 * r


def corners(q: int, r: int, size: float) -> list[tuple[float, float]]:
    """The six corners of cell (q, r), at -30°, 30°, 90°, 150°, 210° and 270° (y down: 270° is the top point)."""
    x, y = centre(q, r, size)
    points = []
    for i in range(6):
        angle = math.radians(60 * i - 30)
        points.append((x + size * math.cos(angle), y + size * math.sin(angle)))
    return points


def neighbours(q: int, r: int) -> list[Cell]:
    """The six cells that share a side with (q, r), clockwise on screen starting east."""
    return [(q + dq, r + dr) for dq, dr in DIRECTIONS]


def distance(a: Cell, b: Cell) -> int:
    """The number of steps between two cells (hex distance)."""
    dq, dr = a[0] - b[0], a[1] - b[1]
    return (abs(dq) + abs(dr) + abs(dq + dr)) // 2


def ring(q: int, r: int, radius: int) -> list[Cell]:
    """The cells exactly ``radius`` steps from (q, r), in a fixed order.

    The order starts at the cell ``radius`` steps east and goes clockwise on screen (via south-east,
    south-west, west, north-west, north-east). ``ring(q, r, 1) == neighbours(q, r)``; radius 0 is the
    cell itself; a negative radius is an empty ring.
    """
    if radius < 0:
        return []
    if radius == 0:
        return [(q, r)]
    cells = []
    cq, cr = q + radius, r  # the east corner of the ring
    # From the east corner, walking along the sides: SW, W, NW, NE, E, SE (each side `radius` steps).
    for dq, dr in DIRECTIONS[2:] + DIRECTIONS[:2]:
        for _step in range(radius):
            cells.append((cq, cr))
            cq, cr = cq + dq, cr + dr
    return cells


def nearest_free(occupied: Collection[Cell], q: int, r: int) -> Cell:
    """(q, r) when it is free, else the closest free cell: by hex distance, ties in :func:`ring` order."""
    if (q, r) not in occupied:
        return q, r
    # Among len(occupied) + 1 rings at least one cell is free: each ring holds at least one cell.
    for radius in range(1, len(occupied) + 2):
        for cell in ring(q, r, radius):
            if cell not in occupied:
                return cell
    raise AssertionError("unreachable: a finite set cannot fill every ring")  # pragma: no cover


def around(q: int, r: int, count: int, occupied: Collection[Cell]) -> list[Cell]:
    """``count`` distinct free cells as close as possible around (q, r), never (q, r) itself.

    Rings are filled from radius 1 outwards, each in :func:`ring` order, skipping occupied cells; used to
    seed a theme hexagon at (q, r) with its observations around it. ``occupied`` is not changed.
    """
    cells: list[Cell] = []
    radius = 1
    while len(cells) < count:
        cells.extend(cell for cell in ring(q, r, radius) if cell not in occupied)
        radius += 1
    return cells[: max(count, 0)]


def pixel_to_cell(x: float, y: float, size: float) -> Cell:
    """The cell whose hexagon contains pixel (x, y), by cube rounding."""
    fq = (SQRT3 / 3 * x - y / 3) / size
    fr = (2 / 3 * y) / size
    fs = -fq - fr
    # Halves round up, as JavaScript's Math.round does, so the browser and the server agree on boundaries.
    q, r, s = math.floor(fq + 0.5), math.floor(fr + 0.5), math.floor(fs + 0.5)
    dq, dr, ds = abs(q - fq), abs(r - fr), abs(s - fs)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return q, r


def bounds(cells: Iterable[Cell], size: float) -> tuple[float, float, float, float]:
    """``(min_x, min_y, max_x, max_y)`` over the corners of the cells' hexagons; all zero without cells."""
    points = [point for q, r in cells for point in corners(q, r, size)]
    if not points:
        return 0.0, 0.0, 0.0, 0.0
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)
