"""SIGTERM stops the preview server, and only the server: what it forks keeps
the default, so that a process pool can end its idle workers (prefetch.py's
pool used to hang a cold build when its workers inherited the server's
handler)."""

from __future__ import annotations

import os
import signal
import time

from press_room.preview.__main__ import _interrupt, handle_sigterm


def test_the_server_handles_sigterm_and_its_forked_workers_die_of_it():
    previous = signal.getsignal(signal.SIGTERM)
    try:
        handle_sigterm()
        assert signal.getsignal(signal.SIGTERM) is _interrupt
        pid = os.fork()
        if pid == 0:  # the worker: wait to be ended (never back into pytest)
            try:
                time.sleep(30)
            finally:
                os._exit(0)
        time.sleep(0.2)
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("a forked worker outlived SIGTERM: it kept the server's handler")
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, (
            f"the worker ended with status {status}, not by SIGTERM")
    finally:
        signal.signal(signal.SIGTERM, previous)
