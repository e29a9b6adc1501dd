"""One request through an ASGI middleware, without a server (the index page, the cookie
routes)."""

import asyncio


def call(middleware, scope: dict, body: bytes = b"") -> tuple[list[dict], list[dict]]:
    """Run ``scope`` through ``middleware``: (messages it sent, scopes it passed on)."""
    sent, passed = [], []

    async def app(scope, receive, send):
        passed.append(scope)

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    middleware.app = app
    asyncio.run(middleware(scope, receive, send))
    return sent, passed
