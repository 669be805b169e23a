"""A build that does nothing logs again the warnings of the build it kept.

The first SHOWN_AGAIN in full, with their own logger and level (so
`--fatal warnings` still stops on them), then one line counting the rest at
the highest level among them.
"""

from __future__ import annotations

import logging

from press_room.incremental import unchanged_build


def test_warnings_are_logged_again_then_counted(caplog):
    logged = [["press_room.generator", logging.WARNING, f"warning {number}"]
              for number in range(unchanged_build.SHOWN_AGAIN + 5)]
    logged[-1][1] = logging.ERROR
    with caplog.at_level(logging.WARNING):
        unchanged_build._log_again(logged)
    shown = [(record.name, record.levelno, record.getMessage()) for record in caplog.records]
    assert shown[:unchanged_build.SHOWN_AGAIN] == [tuple(entry) for entry in
                                                   logged[:unchanged_build.SHOWN_AGAIN]], shown
    assert len(shown) == unchanged_build.SHOWN_AGAIN + 1, shown
    name, level, message = shown[-1]
    assert level == logging.ERROR and "5 more warning(s)" in message, shown[-1]


def test_a_few_warnings_are_all_logged_again(caplog):
    logged = [["press_room.generator", logging.WARNING, "one"], ["pelican", logging.WARNING, "two"]]
    with caplog.at_level(logging.WARNING):
        unchanged_build._log_again(logged)
    assert [(r.name, r.getMessage()) for r in caplog.records] == \
        [("press_room.generator", "one"), ("pelican", "two")]
