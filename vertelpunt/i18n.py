"""Languages: Dutch first, English second. The choice travels in the URL (``?lang=en``), not in a cookie,
so it works in in-app browsers that block cookies."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, has_request_context, request, url_for
from flask_babel import Babel, format_date, format_number, get_locale

LANGUAGES = ("nl", "en")
babel = Babel()


def select_locale() -> str:
    """The language asked for in the query string, else the configured default.

    Only the query string is read: the form body may be too large to parse, and its page must still
    render in the teller's language.
    """
    asked = request.args.get("lang") if has_request_context() else None
    if asked in LANGUAGES:
        return asked
    default: str = current_app.config["DEFAULT_LOCALE"]
    return default


def current_language() -> str:
    """The language of this request, as "nl" or "en"."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "nl"


def init_app(app: Flask) -> None:
    """Wire Flask-Babel and give templates the language helpers."""
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    app.jinja_env.globals["format_number"] = format_number
    app.jinja_env.globals["format_date"] = format_date

    @app.context_processor
    def language_helpers() -> dict[str, Any]:
        lang = current_language()
        other = "en" if lang == "nl" else "nl"
        return {
            "lang": lang,
            "lang_args": lang_args(),
            "other_lang": other,
            "switch_url": language_url(other),
        }


def lang_args() -> dict[str, str]:
    """URL arguments that keep this request's language in a link: none for the default language."""
    lang = current_language()
    return {} if lang == current_app.config["DEFAULT_LOCALE"] else {"lang": lang}


def language_url(lang: str) -> str:
    """This page's URL in another language (the story draft survives: it lives in the tab)."""
    if request.endpoint is None or request.url_rule is None:
        return f"?lang={lang}"
    return url_for(request.endpoint, **(request.view_args or {}), lang=lang)
