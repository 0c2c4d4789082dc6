"""Security headers on every response, and the cookie-free same-origin check of the public form."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Request, Response, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: Flask-WTF's HTTPS referrer check on staff forms needs it.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


def init_app(app: Flask) -> None:
    """Add the security headers and cache rules to every response."""
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    """Set CSP, nosniff, referrer and framing rules; pages are never cached, static files may be."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def is_same_origin_post(req: Request) -> bool:
    """Whether a POST comes from our own pages, judged without cookies.

    Modern browsers send ``Sec-Fetch-Site``; older ones send ``Origin`` on POST. A request with neither
    (very old browsers, scripts) is let through: the form has no side effect an attacker could abuse
    beyond submitting a story, which anyone may do.
    """
    site = req.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = req.headers.get("Origin")
    if origin is None or origin == "null":
        return origin is None
    ours = urlsplit(req.host_url)
    theirs = urlsplit(origin)
    return (theirs.scheme, theirs.netloc) == (ours.scheme, ours.netloc)
