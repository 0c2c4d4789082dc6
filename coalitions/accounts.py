"""Staff accounts: passwords, sign-in tokens, one-time set-password links, and who may see which coalition."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import Session, col, select
from werkzeug.security import check_password_hash, generate_password_hash

from coalitions.models import AccountInvite, Coalition, Membership, User
from vertelpunt.db import saved_id
from vertelpunt.timeutil import utcnow

ROLES = ("admin", "facilitator", "member")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
INVITE_DAYS = 7
# The most common passwords and their Dutch favourites; a longer list can replace this set.
COMMON_PASSWORDS = frozenset(
    """
123456 123456789 12345678 1234567890 password password1 password123 qwerty qwerty123 qwertyuiop
111111 000000 1234567 123123 abc123 iloveyou welkom welkom01 welkom123 wachtwoord wachtwoord1
wachtwoord123 geheim geheim123 voetbal ajax feyenoord psv nederland holland amsterdam rotterdam
zomer2024 zomer2025 zomer2026 winter2025 lente2026 herfst2025 letmein monkey dragon sunshine
princess football baseball welcome welcome1 admin admin123 administrator changeme change-me
passw0rd p@ssw0rd trustno1 superman batman starwars master hello123 freedom whatever 1q2w3e4r
1qaz2wsx zaq12wsx asdfghjkl zxcvbnm 987654321 11111111 88888888 12341234 vertelpunt jeugdzorg
jeugdhulp gemeente
""".split()
)


class AccountError(ValueError):
    """An account cannot be created or changed as asked; the message says why (Dutch, shown to staff)."""


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why a password is not acceptable, or None. Long passphrases are welcome; no composition rules."""
    if len(password) < MIN_PASSWORD:
        return f"Gebruik minstens {MIN_PASSWORD} tekens. Een zin van een paar woorden werkt goed."
    if len(password) > MAX_PASSWORD:
        return f"Gebruik hooguit {MAX_PASSWORD} tekens."
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or lowered.rstrip("0123456789!") in COMMON_PASSWORDS:
        return "Dit wachtwoord wordt heel vaak gebruikt en is makkelijk te raden. Kies een ander."
    if email and lowered == email.lower():
        return "Gebruik niet je e-mailadres als wachtwoord."
    return None


def normalise_email(email: str) -> str:
    """E-mail addresses compare case-insensitively."""
    return email.strip().lower()


def get_user_by_email(session: Session, email: str) -> User | None:
    """The account with this e-mail address, or None."""
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def create_user(
    session: Session, *, email: str, role: str, name: str = "", password: str | None = None
) -> User:
    """Create an account; without a password it can only be used after a set-password link."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("Vul een geldig e-mailadres in.")
    if role not in ROLES:
        raise AccountError(f"Kies een rol: {', '.join(ROLES)}.")
    if get_user_by_email(session, email) is not None:
        raise AccountError("Er is al een account met dit e-mailadres.")
    user = User(email=email, role=role, name=name.strip())
    if password is not None:
        set_password(user, password)
    session.add(user)
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """Hash and store a new password (scrypt, memory-hard); sign out every existing session."""
    problem = password_problem(password, email=user.email)
    if problem:
        raise AccountError(problem)
    user.password_hash = generate_password_hash(password)
    user.session_token = None


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active account for these credentials with a fresh session token, or None."""
    user = get_user_by_email(session, email)
    if user is None or not user.active or not user.password_hash:
        # Spend the same time as a real check, so response times do not reveal which e-mails exist.
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    user.session_token = secrets.token_urlsafe(32)
    session.add(user)
    return user


_DUMMY_HASH = generate_password_hash("not-a-real-password-just-for-timing")


def sign_out(session: Session, user: User) -> None:
    """End every session of this account by dropping its session token."""
    user.session_token = None
    session.add(user)


def user_for_session(session: Session, token: str) -> User | None:
    """The active account a session token belongs to, or None."""
    if not token:
        return None
    return session.exec(select(User).where(User.session_token == token, col(User.active).is_(True))).first()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_invite(session: Session, user: User) -> str:
    """A one-time set-password token for ``user`` (valid for a week); only its hash is stored."""
    token = secrets.token_urlsafe(32)
    session.add(
        AccountInvite(
            user_id=saved_id(user), token_hash=_hash(token), expires_at=utcnow() + timedelta(days=INVITE_DAYS)
        )
    )
    session.flush()
    return token


def redeem_invite(session: Session, *, token: str, password: str | None = None) -> User | None:
    """The account of a valid, unused invite; with ``password`` the invite is used up and the password set."""
    invite = session.exec(select(AccountInvite).where(AccountInvite.token_hash == _hash(token))).first()
    if invite is None or invite.used_at is not None:
        return None
    expires = (
        invite.expires_at if invite.expires_at.tzinfo else invite.expires_at.replace(tzinfo=utcnow().tzinfo)
    )
    if expires < utcnow():
        return None
    user = session.get(User, invite.user_id)
    if user is None or password is None:
        return user
    set_password(user, password)
    invite.used_at = utcnow()
    session.add_all([user, invite])
    return user


def add_membership(
    session: Session, *, user: User, coalition: Coalition, is_lead: bool = False
) -> Membership:
    """Give ``user`` access to ``coalition`` (members belong to one coalition; facilitators to several)."""
    existing = session.exec(
        select(Membership).where(Membership.user_id == user.id, Membership.coalition_id == coalition.id)
    ).first()
    if existing is not None:
        existing.is_lead = existing.is_lead or is_lead
        session.add(existing)
        return existing
    if user.role == "member":
        other = session.exec(select(Membership).where(Membership.user_id == user.id)).first()
        if other is not None:
            raise AccountError("Een coalitielid hoort bij één coalitie.")
    membership = Membership(user_id=saved_id(user), coalition_id=saved_id(coalition), is_lead=is_lead)
    session.add(membership)
    session.flush()
    return membership


def visible_coalitions(session: Session, user: User) -> list[Coalition]:
    """The coalitions this account may see: all for administrators, else its memberships."""
    query = select(Coalition).order_by(Coalition.name)
    if user.role != "admin":
        query = query.join(Membership, col(Membership.coalition_id) == Coalition.id).where(
            Membership.user_id == user.id
        )
    return list(session.exec(query))


def coalition_for(session: Session, user: User, slug: str) -> Coalition | None:
    """The coalition with this slug if ``user`` may see it; None otherwise (callers answer 404)."""
    query = select(Coalition).where(Coalition.slug == slug)
    if user.role != "admin":
        query = query.join(Membership, col(Membership.coalition_id) == Coalition.id).where(
            Membership.user_id == user.id
        )
    return session.exec(query).first()


def is_lead(session: Session, user: User, coalition: Coalition) -> bool:
    """Whether ``user`` leads ``coalition`` (administrators count as leads everywhere)."""
    if user.role == "admin":
        return True
    membership = session.exec(
        select(Membership).where(Membership.user_id == user.id, Membership.coalition_id == coalition.id)
    ).first()
    return membership is not None and membership.is_lead


def members_of(session: Session, coalition: Coalition) -> list[tuple[User, Membership]]:
    """The coalition's accounts with their memberships, leads first."""
    rows = session.exec(
        select(User, Membership)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.coalition_id == coalition.id)
    ).all()
    return sorted(rows, key=lambda row: (not row[1].is_lead, row[0].email))
