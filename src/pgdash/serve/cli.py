"""``pgdash serve``: several app servers behind HAProxy, for a room full of people."""

import argparse
import os
import signal
import sys
from types import FrameType

from pgdash.paths import SERVER
from pgdash.serve.haproxy import BALANCES


class Stopped(Exception):
    """SIGINT (Ctrl-C) or SIGTERM arrived: leave the ``with`` block so everything is stopped."""


def _on_signal(signum: int, frame: FrameType | None) -> None:
    raise Stopped


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def default_replicas() -> int:
    """One replica per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)))


def serve(args: argparse.Namespace) -> int:
    """Run the replicas behind HAProxy until Ctrl-C or SIGTERM (data/ is built already)."""
    from pgdash.serve.cluster import cluster  # not for every other command (40 ms)

    # Installed explicitly: a shell may start background jobs with SIGINT ignored.
    previous = {signum: signal.signal(signum, _on_signal) for signum in STOP_SIGNALS}
    try:
        with cluster(
            SERVER,
            args.replicas,
            args.port,
            args.address,
            args.data,
            balance=args.balance,
            haproxy_binary=args.haproxy,
            say=lambda line: print(line, flush=True),
        ) as running:
            print(
                f"serving {running.url}/ on {args.address}:{args.port} with "
                f"{args.replicas} replicas behind HAProxy (Ctrl-C stops)",
                flush=True,
            )
            running.watch()
    except Stopped:
        print("stopped", file=sys.stderr, flush=True)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0


def register(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` subcommand to the ``pgdash`` parser (its ``func`` serves)."""
    p = sub.add_parser(
        "serve",
        parents=parents,
        help="build data/ if stale, then run several app servers behind HAProxy",
    )
    p.add_argument(
        "--replicas",
        type=int,
        default=default_replicas(),
        help="app servers (default: one per core)",
    )
    p.add_argument("--port", type=int, default=8501, help="port HAProxy listens on (8501)")
    p.add_argument(
        "--address", default="0.0.0.0", help="address HAProxy listens on (all interfaces)"
    )
    p.add_argument("--balance", choices=BALANCES, default="leastconn", help="new-browser policy")
    p.add_argument("--haproxy", default=None, help="haproxy binary (default: found on PATH)")
    p.set_defaults(func=serve)
