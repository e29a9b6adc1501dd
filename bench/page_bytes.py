"""What each page sends over the websocket, by message and element type.

``python -m bench.page_bytes`` starts the app server (as ``pgdash run`` does) and opens each
page in a fresh session (as a new browser tab does), then reruns it once; prints, per page,
the bytes of the open and of the rerun, split by ForwardMsg type (deltas by element type:
``delta:html``, ``delta:deck_gl_json_chart`` …), and writes
``bench/results/tmp/page-bytes.json``.

The client keeps the frontend's message cache, so the rerun receives a ``ref_hash`` for each
large element it already holds. A second session then opens the page: each cacheable element
must have the same hash there (``same_hash``), or no browser's cache could ever hit it.
"""

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from bench.run import app_paths, page_path
from bench.server import serve
from bench.ws_client import StreamlitSession
from pgdash.paths import SERVER, seeds_dir
from pgdash.pipeline.write.build import build

PAGES = ("overview", "targets", "map", "sources", "tasks", "sectors", "presentation")
OUT = Path(__file__).resolve().parent / "results" / "tmp"


async def measure(url: str, paths: list[str]) -> dict:
    """Per page: total bytes and bytes by kind, for the open and the rerun."""
    out = {}
    for name in PAGES:
        path = page_path(paths, name)
        async with StreamlitSession(url, timeout=60) as session:
            first = await session.run(page_name=path)
            again = await session.run(page_name=path)
        async with StreamlitSession(url, timeout=60) as session:
            other = await session.run(page_name=path)
        out[name] = {
            "open_bytes": first.received_bytes,
            "rerun_bytes": again.received_bytes,
            "cacheable": len(first.cacheable),
            "rerun_cache_hits": again.cache_hits,
            "same_hash": sorted(first.cacheable) == sorted(other.cacheable),
            "rerun_by_kind": dict(sorted(again.bytes_by_kind.items(), key=lambda kv: -kv[1])),
            "open_by_kind": dict(sorted(first.bytes_by_kind.items(), key=lambda kv: -kv[1])),
            "messages": sum(1 for _ in first.elements),
        }
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pgdash-bytes-") as tmp:
        data = Path(tmp) / "data"
        build(seeds_dir(), data)
        with serve(SERVER, Path(tmp) / "server.log", {"PGDASH_DATA": str(data)}) as app:
            paths = asyncio.run(app_paths(app.url))
            result = asyncio.run(measure(app.url, paths))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "page-bytes.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for name, page in result.items():
        kinds = ", ".join(f"{k} {v:,}" for k, v in list(page["open_by_kind"].items())[:6])
        print(
            f"{name}: {page['messages']} elements, open {page['open_bytes']:,} B, "
            f"rerun {page['rerun_bytes']:,} B ({kinds}); {page['cacheable']} cacheable, "
            f"{page['rerun_cache_hits']} from the cache on the rerun, "
            f"same hashes in another session: {page['same_hash']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
