"""Rate limit and upload checks."""

from __future__ import annotations

import pytest

from bot.limits import RateLimiter, UploadRejected, check_upload, safe_filename, upload_path

ALLOWED = (".pdf", ".docx", ".html", ".htm", ".md", ".txt")


def test_rate_limit_slides():
    now = [1000.0]
    limiter = RateLimiter(limit=3, window=60, clock=lambda: now[0])
    assert [limiter.check(1) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.check(1) == pytest.approx(60.0)
    assert limiter.check(2) == 0.0  # per user
    now[0] += 30
    assert limiter.check(1) == pytest.approx(30.0)
    now[0] += 30.01
    assert limiter.check(1) == 0.0


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "/etc/passwd.pdf",
        "..\\..\\windows\\system.ini.txt",
        "evil\x00.pdf",
        "a\u2215..\u2215..\u2215b.pdf",  # division slash
        "a\uff0f..\uff0fb.pdf",  # fullwidth solidus
        "\u202eftp.pdf",  # right-to-left override
        "..",
        "line\nbreak.md",
        "C:\\temp\\x.docx",
    ],
)
def test_upload_names_stay_inside_the_minutes_folder(tmp_path, name):
    safe = safe_filename(name)
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe and not safe.startswith(".")
    assert all(ch.isprintable() for ch in safe)
    target = upload_path(tmp_path, safe)
    assert (tmp_path / "uploads").resolve() in target.parents


def test_existing_upload_is_never_overwritten(tmp_path):
    first = upload_path(tmp_path, "ks.pdf")
    first.parent.mkdir(parents=True)
    first.write_bytes(b"x")
    assert upload_path(tmp_path, "ks.pdf").name == "ks-2.pdf"


@pytest.mark.parametrize(
    "name, size, words",
    [("virus.exe", 10, ".exe"), ("noending", 10, "no file ending"), ("big.pdf", 30 * 10**6, "limit"), ("empty.txt", 0, "empty")],
)
def test_uploads_refused_by_type_and_size(name, size, words):
    with pytest.raises(UploadRejected, match=words):
        check_upload(name, size, ALLOWED, 25 * 10**6)


def test_accepted_upload_keeps_a_readable_name():
    assert check_upload("KS protokoll 2024-03-12.PDF", 1000, ALLOWED, 10**6) == "KS_protokoll_2024-03-12.PDF"
