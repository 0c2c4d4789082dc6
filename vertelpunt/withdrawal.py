"""The teller's one-time withdrawal code: made when a story is stored, shown once, kept only as a hash.

How the code reaches the thank-you page without being stored and without a cookie: the code is derived
with HMAC from the server's SECRET_KEY and the form's signed submission token (which only the teller's
browser holds). The redirect to the thank-you page carries a *ticket* in its query string: a short-lived
(``TICKET_MAX_AGE``) signed value holding a nonce from which, again, only the server can derive the code.
The code itself is in no URL, log, cookie or table; the story row keeps its sha256 (``withdraw_hash``).

A double submit (same submission token: a double click, a retry after a lost response) stores no second
story and makes no second code: it derives the very same code, checks it against the stored hash, and
shows it again. The first code therefore always keeps working.
"""

from __future__ import annotations

import hashlib
import hmac

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session, select

from coalitions.retention import delete_stories, scrub_sqlite_files
from coalitions.services import SHORT_CODE_ALPHABET
from vertelpunt.models import Story

CODE_LENGTH = 12
GROUP = 4
TICKET_MAX_AGE = 300  # seconds the thank-you page can show the code after the story was sent
TICKET_SALT = "vertelpunt.withdraw-ticket"
WAL_WAIT_MS = 250  # how long a withdrawal waits for readers before leaving the WAL checkpoint for later


def nonce_for(secret_key: str, submission_token: str) -> str:
    """The ticket nonce of one story form: the same for every (re)submission of that form."""
    digest = hmac.new(secret_key.encode(), b"withdraw-nonce:" + submission_token.encode(), "sha256")
    return digest.hexdigest()[:32]


def code_for(secret_key: str, nonce: str) -> str:
    """The withdrawal code belonging to a nonce: ``CODE_LENGTH`` characters of SHORT_CODE_ALPHABET."""
    number = int.from_bytes(
        hmac.new(secret_key.encode(), b"withdraw-code:" + nonce.encode(), "sha256").digest()
    )
    chars = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(SHORT_CODE_ALPHABET))
        chars.append(SHORT_CODE_ALPHABET[index])
    return "".join(chars)


def normalise(typed: str) -> str:
    """A typed code without spaces or dashes, lower case."""
    return "".join(typed.split()).replace("-", "").lower()


def code_hash(code: str) -> str:
    """What the story keeps: the sha256 (hex) of the normalised code."""
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def grouped(code: str) -> str:
    """The code as shown: groups of four, e.g. ``abcd efgh jkmn``."""
    return " ".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def ticket(secret_key: str, nonce: str) -> str:
    """The signed, timestamped value the redirect to the thank-you page carries."""
    return URLSafeTimedSerializer(secret_key, salt=TICKET_SALT).dumps(nonce)


def code_from_ticket(secret_key: str, value: str, *, max_age: int = TICKET_MAX_AGE) -> str | None:
    """The code a ticket stands for, or None when it is forged, mangled or older than ``max_age``."""
    try:
        nonce = URLSafeTimedSerializer(secret_key, salt=TICKET_SALT).loads(value, max_age=max_age)
    except BadSignature:  # SignatureExpired is a BadSignature
        return None
    return code_for(secret_key, str(nonce))


def has_code(session: Session, *, submission_id: str, code: str) -> bool:
    """Whether the story of this submission keeps ``code`` (a double submit may show it again)."""
    stored = session.exec(select(Story.withdraw_hash).where(Story.submission_id == submission_id)).first()
    return stored is not None and hmac.compare_digest(stored, code_hash(code))


def withdraw(session: Session, typed: str) -> bool:
    """Delete the story this code belongs to and everything derived from it; False for any unknown code.

    A code works once: its story, and with it the hash, is gone afterwards. Commits.
    """
    code = normalise(typed)
    if len(code) != CODE_LENGTH or any(c not in SHORT_CODE_ALPHABET for c in code):
        return False
    story_id = session.exec(select(Story.id).where(Story.withdraw_hash == code_hash(code))).first()
    if story_id is None:
        return False
    delete_stories(session, [story_id])
    session.commit()
    # Best effort within a web request: a busy reader leaves the old pages in SQLite's WAL until the
    # next purge-expired or checkpoint (the rows themselves are gone at once).
    scrub_sqlite_files(session.get_bind(), wait_ms=WAL_WAIT_MS)
    return True
