"""Keep Python's garbage collector off what an app server keeps for its whole life.

An app server holds some 380,000 objects that live as long as it does: the modules of
Streamlit, pandas and pydeck, pypinyin's phrase dictionary (195,000 lists, loaded to spell
a district's name in an address), the tables and what the pages computed from them. Every
full collection walks all of them: under fifty sessions at once one came every 70 runs or
so and held every session for 50–180 ms, which made the slowest runs of a page twice the
bare app's (``docs/profile-under-load.md``). ``gc.freeze()`` moves every object alive to a
permanent generation that no collection walks; objects made later are collected as before.

When: after a page's first run in a build (:func:`settle`), when it has imported and
computed what it keeps. Each time the earlier freeze is undone first and everything is
collected once (a pause of 0.1–0.2 s, nine pages a build at most), so what a freeze held
that has since become garbage (a closed session's cycles, the previous build) goes then.
``PGDASH_FREEZE=0`` turns it off (the tests do: their one process runs many builds, and
each page of each would pay a full collection).
"""

import gc
import os
import threading
from collections.abc import Hashable

_settled: set[Hashable] = set()
_lock = threading.Lock()


def enabled() -> bool:
    """Whether pages freeze what they keep (``PGDASH_FREEZE=0`` says no)."""
    return os.environ.get("PGDASH_FREEZE", "1").strip() != "0"


def settle(key: Hashable) -> bool:
    """The first time ``key`` (a page of a build) is seen in this process: collect the
    garbage, then freeze what is left; whether it did."""
    if key in _settled or not enabled():
        return False
    with _lock:
        if key in _settled:
            return False
        _settled.add(key)
        gc.unfreeze()  # what an earlier freeze held is looked at again
        gc.collect()
        gc.freeze()
    return True
