"""The machine-wide benchmark lock: every timing run on a shared machine holds it while it measures.

It is flock(2) on a file, the lock `flock /tmp/grn-bench.lock <command>` takes, so scripts and
shell users exclude each other. Hold it per case, for minutes at most, so others get their turn.
"""

import contextlib
import fcntl
import sys

DEFAULT = "/tmp/grn-bench.lock"


@contextlib.contextmanager
def held(path):
    """Holds the lock at `path` for the block (no lock when `path` is empty)."""
    if not path:
        yield
        return
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"  waiting for {path} (another benchmark holds it)", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
