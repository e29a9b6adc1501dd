"""The network address printed at start (pgdash.web.banner): the project names the server's
address so Streamlit asks no outside service, and prints the local network's one itself."""

import asyncio

import pytest

from pgdash.web import banner
from pgdash.web.banner import network_url


@pytest.mark.parametrize(
    ("address", "ip", "url"),
    [
        ("", "10.1.2.3", "http://10.1.2.3:8501"),  # every interface, as `pgdash run`
        ("0.0.0.0", "192.168.0.7", "http://192.168.0.7:8501"),  # the Docker image
        ("127.0.0.1", "10.1.2.3", None),  # a replica behind HAProxy: loopback only
        ("", None, None),  # no network
        ("", "127.0.0.1", None),  # no route: Streamlit's fallback is loopback
    ],
)
def test_the_network_url_is_printed_only_where_others_can_open_it(address, ip, url) -> None:
    assert network_url(address, 8501, ip) == url


def test_the_lifespan_prints_it_once_at_start(monkeypatch, capsys) -> None:
    options = {"server.address": "", "server.port": 8765}
    monkeypatch.setattr(banner.config, "get_option", options.__getitem__)
    monkeypatch.setattr(banner.net_util, "get_internal_ip", lambda: "10.9.8.7")

    async def start() -> None:
        async with banner.announce(None):
            pass

    asyncio.run(start())
    assert capsys.readouterr().out.strip() == "Network URL: http://10.9.8.7:8765"
