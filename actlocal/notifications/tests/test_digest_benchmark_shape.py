"""The digest benchmark's child process builds, marks and reports on a small population (shape only: speed
targets live in bench/, never in tests)."""

from bench.notifications import run_child


def test_the_benchmark_builds_one_digest_per_member_and_marks_every_owed_notification():
    result = run_child(60)
    assert result["emails"] == 60
    assert result["marked"] == result["pending_daily"] == 60 * 2 + 60 // 5
    assert result["build_s"] > 0 and result["naive_extrapolated_s"] > 0 and result["bytes"] > 0
