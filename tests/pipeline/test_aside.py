"""Work beside a build in forked processes (generator.pipeline.aside): values, errors and
deaths come back to the build; one aside never holds up another."""
from __future__ import annotations

import errno
import os
import signal
import time

import pytest

from generator.pipeline.aside import Aside, AsideFailed


def add(a, b):
    return a + b


def disk_full():
    raise OSError(errno.ENOSPC, "No space left on device", "site/x")


def dies():
    os.kill(os.getpid(), signal.SIGKILL)


class Unpicklable(Exception):
    def __init__(self, a, b):  # pickle rebuilds an exception from its args: this one cannot be
        super().__init__(f"{a}{b}")


def raises_unpicklable():
    raise Unpicklable("版面", "排不下")


def test_a_value_comes_back():
    assert Aside(add, 2, 3).result() == 5


def test_an_aside_that_waits_gets_the_rest_of_its_arguments_later():
    aside = Aside(add, "和平", waits=True)
    aside.send("里")
    assert aside.result() == "和平里"


def test_what_it_raised_is_raised_here_as_it_was():
    with pytest.raises(OSError) as raised:
        Aside(disk_full).result()
    assert raised.value.errno == errno.ENOSPC


def test_what_cannot_travel_comes_back_in_words():
    with pytest.raises(AsideFailed) as failed:
        Aside(raises_unpicklable).result()
    assert failed.value.reason == "Unpicklable: 版面排不下" and not failed.value.died


def test_a_death_is_reported_with_its_signal():
    with pytest.raises(AsideFailed) as failed:
        Aside(dies).result()
    assert failed.value.died and failed.value.reason == "信号 9"


def test_an_aside_started_later_does_not_hold_up_one_started_earlier():
    """The later child inherits the earlier one's request pipe unless it closes it: the earlier
    one would then wait for the end of its request until the later one ends."""
    first = Aside(add, "a", waits=True)
    later = Aside(time.sleep, 5)
    started = time.monotonic()
    first.send("b")
    assert first.result() == "ab"
    assert time.monotonic() - started < 3
    later.stop()


def test_an_aside_not_waited_for_is_stopped_and_reaped():
    aside = Aside(time.sleep, 30)
    pid = aside.pid
    aside.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert aside.ready()
