"""Run a piece of a test in a forked child process, so that a crash of the process itself
(a segmentation fault in a C library such as SQLite) fails the test instead of killing pytest.

The child shares a copy of the parent's memory, so it sees the test database (also SQLite's
in-memory one) and the objects the test made; it only reads, and exits without cleaning up.
"""

import faulthandler
import os
import signal
import sys
import traceback


def run_forked(function):
    """Call ``function()`` in a child process; "ok", the exception's text or the signal's name."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        faulthandler.disable()  # the parent reports the crash; no stack dump of pytest's
        try:
            function()
            message = "ok"
        except BaseException:  # everything is reported to the parent
            message = traceback.format_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(write_end, message.encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _pid, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return b"".join(chunks).decode()
