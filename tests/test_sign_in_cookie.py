"""The sign-in cookie is set by the server, ``HttpOnly``, for a one-time code
(pgdash.supervision.handoff, pgdash.web.sign_in_cookie). In Chromium:
tests/test_supervision_browser.py."""

import pytest
from asgi_request import call

from pgdash.supervision.handoff import COOKIE, SIGN_IN, SIGN_OUT, Handoffs
from pgdash.web import sign_in_cookie
from pgdash.web.sign_in_cookie import SignInCookie


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_code_gives_its_token_once_and_only_while_fresh() -> None:
    clock = Clock()
    handoffs = Handoffs(lifetime=30, now=clock)
    first, second = handoffs.put("token-1"), handoffs.put("token-2")
    assert first != second and "token" not in first
    assert handoffs.take("a guessed code") is None
    assert handoffs.take(first) == "token-1"
    assert handoffs.take(first) is None  # once
    clock.now += 31
    assert handoffs.take(second) is None  # too late


def test_stale_codes_do_not_pile_up() -> None:
    clock = Clock()
    handoffs = Handoffs(lifetime=30, now=clock)
    for i in range(5):
        handoffs.put(f"never posted {i}")
    clock.now += 31
    handoffs.put("fresh")
    assert len(handoffs._waiting) == 1


def _request(
    route: SignInCookie, path: str, body: bytes = b"", method: str = "POST", **headers: str
) -> tuple[int, dict[bytes, bytes], list[dict]]:
    """(status, headers, scopes passed on) of one request through the middleware."""
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "scheme": "http",
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }
    sent, passed = call(route, scope, body)
    if not sent:
        return 0, {}, passed
    return sent[0]["status"], dict(sent[0]["headers"]), passed


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setattr(sign_in_cookie, "served_prefix", lambda: "")
    handoffs = Handoffs()
    return handoffs, SignInCookie(None, handoffs)


def test_a_posted_code_sets_its_token_as_an_httponly_session_cookie(served) -> None:
    handoffs, route = served
    code = handoffs.put("the-token")
    status, headers, passed = _request(route, SIGN_IN, code.encode(), host="127.0.0.1:8501")
    assert status == 204 and not passed
    cookie = headers[b"set-cookie"].decode()
    assert cookie.startswith(f"{COOKIE}=the-token;")
    attributes = {part.strip() for part in cookie.split(";")[1:]}
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= attributes
    assert not any(a.startswith(("Max-Age", "Expires")) for a in attributes)  # a session cookie
    assert "Secure" not in attributes
    assert headers[b"cache-control"] == b"no-store"
    status, headers, _ = _request(route, SIGN_IN, code.encode())  # the code is spent
    assert status == 403 and b"set-cookie" not in headers


@pytest.mark.parametrize(
    "proxy", [{"x_forwarded_proto": "https"}, {"forwarded": "for=192.0.2.1;proto=https"}]
)
def test_over_https_the_cookie_is_secure(served, proxy) -> None:
    handoffs, route = served
    code = handoffs.put("the-token")
    _, headers, _ = _request(route, SIGN_IN, code.encode(), **proxy)
    assert headers[b"set-cookie"].decode().endswith("; Secure")


@pytest.mark.parametrize(
    "headers",
    [
        # a browser that says where the request comes from decides (a proxy rewrote Host)
        {"sec_fetch_site": "same-origin", "origin": "https://dash.example", "host": "10.0.0.5"},
        # one too old to say: its Origin names the host, whatever the case or default port
        {"origin": "https://Dash.Example", "host": "dash.example:443"},
        {"origin": "http://dash.example:8501", "host": "dash.example:8501"},
    ],
)
def test_a_page_of_this_site_may_post_its_code(served, headers) -> None:
    handoffs, route = served
    code = handoffs.put("the-token")
    assert _request(route, SIGN_IN, code.encode(), **headers)[0] == 204


@pytest.mark.parametrize(
    "headers",
    [
        {"sec_fetch_site": "cross-site"},
        {"sec_fetch_site": "same-site"},
        {"origin": "https://elsewhere.example", "host": "127.0.0.1:8501"},
        {"origin": "null", "host": "127.0.0.1:8501"},
        {"origin": "https://dash.example", "host": "dash.example:8501"},  # another port
    ],
)
def test_another_site_cannot_post_a_code_and_does_not_spend_it(served, headers) -> None:
    handoffs, route = served
    code = handoffs.put("the-token")
    status, answer, _ = _request(route, SIGN_IN, code.encode(), **headers)
    assert status == 403 and b"set-cookie" not in answer
    assert handoffs.take(code) == "the-token"


def test_behind_a_proxy_that_rewrites_the_host_the_forwarded_host_counts(served) -> None:
    handoffs, route = served
    code = handoffs.put("the-token")
    headers = {"origin": "https://dash.example", "host": "127.0.0.1:8501"}
    forwarded = {"x_forwarded_host": "dash.example"}
    assert _request(route, SIGN_IN, code.encode(), **headers, **forwarded)[0] == 204


def test_signing_out_clears_the_cookie(served) -> None:
    _, route = served
    status, headers, _ = _request(
        route, SIGN_OUT, origin="http://127.0.0.1:8501", host="127.0.0.1:8501"
    )
    cookie = headers[b"set-cookie"].decode()
    assert status == 204 and cookie.startswith(f"{COOKIE}=;") and "Max-Age=0" in cookie
    assert "HttpOnly" in cookie


def test_only_a_post_is_answered(served) -> None:
    _, route = served
    status, headers, passed = _request(route, SIGN_IN, method="GET")
    assert status == 405 and headers[b"allow"] == b"POST" and not passed


def test_an_oversized_body_is_cut_not_read_whole(served) -> None:
    handoffs, route = served
    code = handoffs.put("the-token")
    status, _, _ = _request(route, SIGN_IN, code.encode() + b"x" * 10_000)
    assert status == 403
    assert handoffs.take(code) == "the-token"


@pytest.mark.parametrize("path", ["/", "/map", "/_stcore/health", "/pgdash" + SIGN_IN])
def test_everything_else_goes_to_streamlit(served, path) -> None:
    _, route = served
    status, _, passed = _request(route, path)
    assert status == 0 and [p["path"] for p in passed] == [path]


def test_the_routes_follow_the_base_path(monkeypatch) -> None:
    monkeypatch.setattr(sign_in_cookie, "served_prefix", lambda: "/pgdash")
    handoffs = Handoffs()
    route = SignInCookie(None, handoffs)
    code = handoffs.put("the-token")
    assert _request(route, SIGN_IN, code.encode())[2]  # passed on: not under the root
    status, headers, _ = _request(route, "/pgdash" + SIGN_IN, code.encode())
    assert status == 204 and b"the-token" in headers[b"set-cookie"]
