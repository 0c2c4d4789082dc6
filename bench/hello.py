"""A bare Flask hello-world: the yardstick bench/load.py compares the story form's throughput with.

gunicorn -w 4 --threads 1 -b 127.0.0.1:8000 --chdir bench hello:app
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """The smallest page Flask can serve."""
    return "Hello, World!"
