"""The sign-in cookie, set and cleared by the server so it can be ``HttpOnly``.

``POST <root>/_pgdash/sign-in`` with a one-time code in its body
(:mod:`pgdash.supervision.handoff`) answers 204 and sets the code's token as a session
cookie that no script can read; ``POST <root>/_pgdash/sign-out`` clears it (the script run
that signed out has already revoked the token). Requests another site sends are refused:
a browser names their origin (``Sec-Fetch-Site``, ``Origin``).
"""

from urllib.parse import urlsplit

from pgdash.supervision.handoff import COOKIE, HANDOFFS, SIGN_IN, SIGN_OUT, Handoffs
from pgdash.web.root import served_prefix

MAX_BODY = 256  # a code is 43 characters


def cookie_header(token: str, secure: bool) -> bytes:
    """``Set-Cookie`` for ``token`` (an empty token clears the cookie)."""
    parts = [f"{COOKIE}={token}", "Path=/", "HttpOnly", "SameSite=Strict"]
    if not token:
        parts.append("Max-Age=0")
    if secure:
        parts.append("Secure")
    return "; ".join(parts).encode("ascii")


def same_site(headers: dict[bytes, bytes]) -> bool:
    """Whether the request came from a page of this site (or from no page at all).

    A browser says so itself (``Sec-Fetch-Site``), and that alone decides; one too old to
    say must send an ``Origin`` naming the host it asked (or, behind a proxy that rewrites
    it, the host the proxy forwards), whatever the case or a default port."""
    fetch_site = headers.get(b"sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in (b"same-origin", b"none")
    origin = headers.get(b"origin")
    if origin is None:
        return True
    asked = {_host(headers.get(b"host", b"")), _host(headers.get(b"x-forwarded-host", b""))}
    parts = urlsplit(origin.decode("latin-1").strip())
    return bool(parts.hostname) and _host(parts.netloc.encode("latin-1")) in asked - {""}


def _host(value: bytes) -> str:
    """``Host``-style ``name[:port]`` (the first of a forwarded list), lower case, without
    a default port."""
    host = value.decode("latin-1").split(",")[0].strip().lower()
    return host.removesuffix(":80").removesuffix(":443")


def is_secure(scope: dict, headers: dict[bytes, bytes]) -> bool:
    """Whether the browser reached us over HTTPS (itself, or through a TLS proxy that says
    so in ``X-Forwarded-Proto`` or ``Forwarded``)."""
    forwarded = headers.get(b"x-forwarded-proto", b"").split(b",")[0].strip().lower()
    standard = headers.get(b"forwarded", b"").split(b",")[0].lower().replace(b" ", b"")
    return (
        scope.get("scheme") == "https"
        or forwarded == b"https"
        or b"proto=https" in standard.split(b";")
    )


class SignInCookie:
    """ASGI middleware: the two cookie routes under the server's root; the rest passes on."""

    def __init__(self, app, handoffs: Handoffs = HANDOFFS) -> None:
        self.app = app
        self.handoffs = handoffs
        self._routes: dict[str, str] | None = None

    def routes(self) -> dict[str, str]:
        """URL path → route; built at the first request, when Streamlit's configuration is
        loaded (every request passes here: none reads the configuration again)."""
        if self._routes is None:
            root = served_prefix()
            self._routes = {root + SIGN_IN: SIGN_IN, root + SIGN_OUT: SIGN_OUT}
        return self._routes

    async def __call__(self, scope, receive, send) -> None:
        route = self.routes().get(scope["path"]) if scope["type"] == "http" else None
        if route is None:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if scope["method"] != "POST":
            await _answer(send, 405, [(b"allow", b"POST")])
        elif not same_site(headers):
            await _answer(send, 403)
        else:
            token = ""  # signing out clears the cookie
            if route == SIGN_IN:
                code = (await _body(receive)).decode("ascii", "replace").strip()
                token = self.handoffs.take(code)
            if token is None:
                await _answer(send, 403)
            else:
                cookie = cookie_header(token, is_secure(scope, headers))
                await _answer(send, 204, [(b"set-cookie", cookie)])


async def _body(receive) -> bytes:
    """The request's body, up to :data:`MAX_BODY` bytes (the rest is read and dropped)."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")[: MAX_BODY - len(body)]
        if not message.get("more_body"):
            return body


async def _answer(send, status: int, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    base = [(b"cache-control", b"no-store"), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": status, "headers": base + (headers or [])})
    await send({"type": "http.response.body", "body": b""})
