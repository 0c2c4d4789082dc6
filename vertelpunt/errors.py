"""Friendly error pages in the visitor's language; no stack trace ever reaches a user."""

from __future__ import annotations

import logging

from flask import Flask, has_request_context, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

log = logging.getLogger(__name__)
PAGES = (400, 403, 404, 405, 410, 413, 500, 503)


def init_app(app: Flask) -> None:
    """Register the error pages."""
    for code in PAGES:
        app.register_error_handler(code, http_error)
    app.register_error_handler(Exception, unexpected_error)


def http_error(error: HTTPException) -> ResponseReturnValue:
    """Render an HTTP error with our own page."""
    code = error.code or 500
    return render_template("errors.html", code=code), code


def unexpected_error(error: Exception) -> ResponseReturnValue:
    """Log an unexpected error (type and traceback only; request bodies are never logged) and say sorry.

    A story that was being sent is shown back, so even an error we did not foresee loses no text.
    """
    if isinstance(error, HTTPException):
        return http_error(error)
    log.exception("unexpected error: %s", type(error).__name__)
    return render_template("errors.html", code=500, kept=typed_story()), InternalServerError.code


def typed_story() -> dict[str, str]:
    """Title and text a teller posted, so a page that refuses the story can still give them back."""
    if not has_request_context() or request.method != "POST":
        return {}
    try:
        return {"title": request.form.get("title", ""), "text": request.form.get("text", "")}
    except RequestEntityTooLarge:
        return {}
