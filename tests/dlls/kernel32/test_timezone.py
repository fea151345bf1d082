"""GetTimeZoneInformation follows the host's zone (TZ), with Windows zone names and rules;
the expected lines are what Wine 8 prints for the same program and zone."""
from __future__ import annotations

import re

import pytest

from conftest import BIN, ARCHS

CASES = {
    "America/New_York": ["bias 300 std 'Eastern Standard Time' 11/1/0 2:00 sb 0 "
                         "dl 'Eastern Daylight Time' 3/2/0 2:00 db -60",
                         "key 'Eastern Standard Time'", "july 12:00Z -> 8:00", "jan 12:00Z -> 7:00"],
    "Australia/Sydney": ["bias -600 std 'AUS Eastern Standard Time' 4/1/0 3:00 sb 0 "
                         "dl 'AUS Eastern Daylight Time' 10/1/0 2:00 db -60",
                         "july 12:00Z -> 22:00", "jan 12:00Z -> 23:00"],
    "Asia/Kolkata": ["id 0 bias -330 std 'India Standard Time' 0/0/0 0:00 sb 0 "
                     "dl 'India Daylight Time' 0/0/0 0:00 db -60", "july 12:00Z -> 17:30"],
    "Etc/UTC": ["id 0 bias 0 std 'Coordinated Universal Time'", "key 'UTC'", "july 12:00Z -> 12:00"],
}


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("zone", sorted(CASES))
def test_GetTimeZoneInformation_host_zone(winelike, arch, zone):
    r = winelike("run", str(BIN / arch / "k32_tz.exe"), env={"TZ": zone})
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    for line in CASES[zone]:
        assert line in out, out
    m = re.search(r"^id (\d)", out, re.M)
    assert m and m.group(1) in "012"
