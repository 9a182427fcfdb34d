from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def write_csv(tmp_path):
    """Write text (or bytes) to a file in the test's folder and return its path."""

    def write(name: str, content, encoding: str = "utf-8"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding, newline="")
        return path

    return write


@pytest.fixture
def run_command():
    """Call a management command; returns (stdout, stderr)."""

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        call_command(*args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run


ACTION_NETWORK = """uuid,first_name,last_name,email,zip_code,can2_phone
an-1,Margaret,Okafor,peggy.okafor@example.org,53703,(608) 555-0101
an-2,William,Tanaka,bill.t@example.org,53704,
an-3,José,Núñez,jose.nunez@example.org,53703,608-555-0199
an-4,Ana,Ruiz,ana.ruiz@example.org,53711,
"""
MOBILIZE = """Mobilize ID;First name;Last name;Email;Zip;Phone
m-10;Peggy;Okafor;PEGGY.OKAFOR@example.org;53703;
m-11;Bill;Tanaka;bill.t@example.org;53704-1234;6085550142
m-12;Jose;Nunez;;53703;+1 608 555 0199
m-13;Ana;Ruiz;ana.r@newmail.example;53711;
"""
EVERYACTION = """VANID\tFirstName\tLastName\tEmail\tZip5\tAddress
v-20\tMargaret\tOkafor\t\t53703\t12 Main Street
v-21\tChris\tLee\tchris.lee@example.org\t53705\t
"""


@pytest.fixture
def three_lists(write_csv):
    return (
        write_csv("action_network.csv", ACTION_NETWORK),
        write_csv("mobilize.csv", MOBILIZE),
        write_csv("everyaction.tsv", EVERYACTION),
    )
