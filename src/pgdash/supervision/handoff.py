"""One-time codes that hand a sign-in's token from the page's script run to the server's
cookie route, so the token reaches the browser only as an ``HttpOnly`` cookie.

A sign-in happens in a Streamlit script run, which can write to the page but not set a
response header. It keeps the new token here under a random code and asks the page to post
that code to the server (:mod:`pgdash.web.sign_in_cookie`), which takes the token back once
and sets it as a cookie no script can read. The codes live in the process's memory for a
few seconds: the browser's requests reach the app server its session lives on (the proxy's
stickiness cookie), and a code lost in a restart only means the sign-in is not kept across
a reload.
"""

import secrets
import threading
import time
from collections.abc import Callable

COOKIE = "pgdash_sv"  # the sign-in's cookie
SIGN_IN = "/_pgdash/sign-in"  # under the server's root: post a code, get the cookie
SIGN_OUT = "/_pgdash/sign-out"  # clear the cookie
LIFETIME = 30.0  # seconds between a sign-in and its page posting the code
MAX_WAITING = 10_000  # sign-ins are argon2-bound; this only stops a runaway


class Handoffs:
    """Tokens waiting for their cookie, by one-time code."""

    def __init__(self, lifetime: float = LIFETIME, now: Callable[[], float] = time.monotonic):
        self.lifetime = lifetime
        self._now = now
        self._waiting: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def put(self, token: str) -> str:
        """Keep ``token`` for :attr:`lifetime` seconds; the code that takes it back once."""
        code = secrets.token_urlsafe(32)
        with self._lock:
            now = self._now()
            self._waiting = {c: kept for c, kept in self._waiting.items() if kept[1] > now}
            if len(self._waiting) >= MAX_WAITING:
                self._waiting.pop(next(iter(self._waiting)))
            self._waiting[code] = (token, now + self.lifetime)
        return code

    def take(self, code: str) -> str | None:
        """The token kept under ``code``, once, while it is fresh; else ``None``."""
        with self._lock:
            kept = self._waiting.pop(code, None)
        if kept is None or kept[1] <= self._now():
            return None
        return kept[0]


HANDOFFS = Handoffs()  # the process's own: the script runs and the route share it
