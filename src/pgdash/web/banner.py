"""The address other machines in the room open, printed when the server starts.

The project names ``browser.serverAddress`` (``.streamlit/config.toml``) so that a headless
start does not ask an outside service for the machine's external address; Streamlit then
prints that one name alone. This prints the local network's address beside it, found as
Streamlit finds it (the route a UDP socket would take: nothing is sent).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from streamlit import config, net_util

WILDCARDS = ("", "0.0.0.0", "::")  # listening on every interface


def network_url(address: str, port: int, internal_ip: str | None) -> str | None:
    """``http://<ip>:<port>`` when the server listens on every interface and the machine
    has a network address; ``None`` when bound to one address (loopback for the replicas)."""
    if address not in WILDCARDS or not internal_ip or internal_ip.startswith("127."):
        return None
    return f"http://{internal_ip}:{port}"


@asynccontextmanager
async def announce(_app: object) -> AsyncIterator[None]:
    """An ``st.App`` lifespan: print the network URL once the server starts."""
    url = network_url(
        config.get_option("server.address") or "",
        config.get_option("server.port"),
        net_util.get_internal_ip(),
    )
    if url:
        print(f"  Network URL: {url}\n", flush=True)
    yield
