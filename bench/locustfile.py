"""Locust users for bench/load.py; pick one by class name on locust's command line.

bench/load.py sets LOAD_LINK (an invite link's token), LOAD_WORKSHOP (a workshop session's token) and
LOAD_SECRET (the server's SECRET_KEY, to sign fresh submission ids the way the form does); LOAD_PACE
paces SubmitUser.
"""

from __future__ import annotations

import os
import random
import re
import sys
import uuid
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, constant, constant_throughput, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.factories import story_form  # noqa: E402
from vertelpunt.services import issue_submission_token  # noqa: E402

LINK = os.environ.get("LOAD_LINK", "")
WORKSHOP = os.environ.get("LOAD_WORKSHOP", "")
SECRET = os.environ.get("LOAD_SECRET", "")
# Stories per second per user for SubmitUser; unset or 0: as fast as the server answers.
PACE = float(os.environ.get("LOAD_PACE") or 0)
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
FORM_HEADERS = {**SAME_ORIGIN, "Content-Type": "application/x-www-form-urlencoded"}
TOKEN_FIELD = re.compile(r'name="submission" type="hidden" value="([^"]+)"')
FIELD_NAME = re.compile(r'name="([^"]+)"')
STORY = story_form()
# One hexagon per participant about every 15 s keeps a 60-person, 60-second burst under the board's 400.
ADD_CHANCE = 1 / 15


class HelloUser(FastHttpUser):
    """The bare Flask hello-world, as fast as it answers."""

    wait_time = constant(0)

    @task
    def hello(self) -> None:
        self.client.get("/", name="hello GET")


class FormUser(FastHttpUser):
    """Opening the story form, as fast as it answers."""

    wait_time = constant(0)

    @task
    def form(self) -> None:
        self.client.get(f"/i/{LINK}", name="form GET")


def read_form(user: FastHttpUser) -> str:
    """GET the form once: check it asks what we will send and return its server-issued submission token."""
    with user.client.get(f"/i/{LINK}", name="form GET", catch_response=True) as response:
        html = response.text or ""
        token = TOKEN_FIELD.search(html)
        missing = {"prompt", "title", "text"} - set(FIELD_NAME.findall(html))
        if response.status_code != 200 or token is None or missing:
            response.failure(f"form: status {response.status_code}, fields missing {sorted(missing)}")
            raise StopUser
        return token.group(1)


def post_story(user: FastHttpUser, submission: str, name: str = "story POST") -> None:
    """POST one story; only the redirect to the thank-you page (303) counts as stored."""
    body = urlencode({"submission": submission, **STORY}, doseq=True)
    with user.client.post(
        f"/i/{LINK}", data=body, headers=FORM_HEADERS, name=name, allow_redirects=False, catch_response=True
    ) as response:
        if response.status_code != 303:
            response.failure(f"story: status {response.status_code}")


class SubmitUser(FastHttpUser):
    """Tellers sending stories: each POST carries a new submission id, as a fresh form would."""

    wait_time = constant_throughput(PACE) if PACE else constant(0)

    def on_start(self) -> None:
        self.first = read_form(self)

    @task
    def submit(self) -> None:
        token, self.first = self.first or issue_submission_token(SECRET), ""
        post_story(self, token)


class WorkshopUser(FastHttpUser):
    """A phone in a workshop: tells one story, then watches the board every second and adds hexagons."""

    wait_time = constant(1)

    def on_start(self) -> None:
        self.etag = ""
        post_story(self, read_form(self), name="burst story POST")
        self.client.get(f"/w/{WORKSHOP}", name="board GET")

    @task
    def poll(self) -> None:
        headers = {"If-None-Match": self.etag} if self.etag else {}
        with self.client.get(
            f"/w/{WORKSHOP}/state", headers=headers, name="state GET", catch_response=True
        ) as response:
            if response.status_code in (200, 304):
                self.etag = response.headers.get("ETag", self.etag)
                response.success()
            else:
                response.failure(f"state: status {response.status_code}")
        if random.random() < ADD_CHANCE:  # noqa: S311 - load pattern, not security
            self.add_hexagon()

    def add_hexagon(self) -> None:
        op = {
            "op": "add",
            "id": str(uuid.uuid4()),
            "kind": "observation",
            "text": "Wachten duurt lang",
            "q": random.randint(-20, 20),  # noqa: S311
            "r": random.randint(-20, 20),  # noqa: S311
            "link": None,
        }
        with self.client.post(
            f"/w/{WORKSHOP}/ops",
            json={"ops": [op]},
            headers=SAME_ORIGIN,
            name="ops POST",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"ops: status {response.status_code}")
