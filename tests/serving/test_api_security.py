"""API keys, ownership, limits and bad requests: the right 4xx with a clear message, never a 500."""

from __future__ import annotations

import resource
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from serving.api.uploads import safe_name
from tests.serving.conftest import Served, client, start_api


def _wav(song: Path, name: str = "song.wav") -> list:
    return [("files", (name, song.read_bytes(), "audio/wav"))]


def test_keys_are_required_and_checked(keyed_api: Served) -> None:
    with client(keyed_api.url) as http:
        r = http.get("/v1/sessions")
        assert r.status_code == 401 and "Bearer" in r.json()["error"]["message"]
        assert r.headers["www-authenticate"] == "Bearer"
        assert http.get("/healthz").status_code == 200  # health needs no key
    with client(keyed_api.url, "key-mallory") as http:
        r = http.post("/v1/sessions")
        assert r.status_code == 401 and "not a valid API key" in r.json()["error"]["message"]


def test_one_key_cannot_read_list_or_delete_anothers_sessions(keyed_api: Served, song: Path) -> None:
    with client(keyed_api.url, "key-alice") as alice, client(keyed_api.url, "key-bob") as bob:
        sid = alice.post("/v1/sessions").json()["id"]
        turn = alice.post(f"/v1/sessions/{sid}/messages", data={"text": "keep this"}, files=_wav(song)).json()
        artifact = turn["artifacts"][0]["id"]
        assert bob.get("/v1/sessions").json()["sessions"] == []
        for r in (
            bob.get(f"/v1/sessions/{sid}/versions"),
            bob.get(f"/v1/artifacts/{artifact}"),
            bob.delete(f"/v1/sessions/{sid}"),
            bob.post(f"/v1/sessions/{sid}/undo"),
            bob.post(f"/v1/sessions/{sid}/messages", data={"text": "make it louder"}),
        ):
            assert r.status_code == 404, r.text
            # told exactly what an unknown id gets: nothing says the session exists
            assert r.json()["error"]["code"] in ("unknown_session", "not_an_artifact")
        assert [s["id"] for s in alice.get("/v1/sessions").json()["sessions"]] == [sid]
        assert alice.get(f"/v1/artifacts/{artifact}").content == song.read_bytes()


def test_declared_huge_upload_is_refused_before_it_is_read(keyed_api: Served) -> None:
    url = urlparse(keyed_api.url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        s.sendall(
            b"POST /v1/sessions/s-0000000000/messages HTTP/1.1\r\nHost: x\r\n"
            b"Authorization: Bearer key-alice\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 1000000000\r\n\r\n" + b"x" * 65536
        )
        head = b""
        while b"}}" not in head:
            chunk = s.recv(65536)
            if not chunk:
                break
            head += chunk
        head = head.decode("latin-1")
    assert head.startswith("HTTP/1.1 413"), head
    assert "upload limit" in head or "MB limit" in head


def test_streamed_upload_past_the_limit_is_cut_off(keyed_api: Served) -> None:
    sent = 0

    def body():
        nonlocal sent
        yield b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n'
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.wav"\r\n\r\n'
        for _ in range(1000):  # up to 1 GB, in 1 MB chunks: refused long before the end
            sent += 1 << 20
            yield b"\0" * (1 << 20)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with client(keyed_api.url, "key-alice") as http:
        sid = http.post("/v1/sessions").json()["id"]
        try:
            r = http.post(
                f"/v1/sessions/{sid}/messages", content=body(),
                headers={"Content-Type": "multipart/form-data; boundary=b"},
            )  # fmt: skip
        except Exception:  # the server may close the connection while the client still sends
            r = None
    if r is not None:
        assert r.status_code == 413, r.text
    # 1 GB went over the wire; the server (this process) never held it: peak memory barely moved
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    assert grew < 200 << 20, f"peak RSS grew by {grew / 1e6:.0f} MB"
    assert not any((keyed_api.home.parent / "uploads").glob("*/*/big.wav"))


def test_file_over_the_per_file_limit_and_wrong_types(keyed_api: Served, tmp_path: Path, song: Path) -> None:
    with client(keyed_api.url, "key-alice") as http:
        sid = http.post("/v1/sessions").json()["id"]
        big = http.post(
            f"/v1/sessions/{sid}/messages", data={"text": "hi"},
            files=[("files", ("big.wav", b"\0" * 1_500_000, "audio/wav"))],
        )  # fmt: skip
        assert big.status_code == 413 and "1 MB upload limit" in big.json()["error"]["message"]
        exe = http.post(f"/v1/sessions/{sid}/messages", data={"text": "hi"}, files=_wav(song, "run.sh"))
        assert exe.status_code == 415 and "'.sh' files" in exe.json()["error"]["message"]
        three = http.post(f"/v1/sessions/{sid}/messages", data={"text": "hi"}, files=_wav(song) * 3)
        assert three.status_code == 400 and three.json()["error"]["code"] == "too_many_files"
        as_json = http.post(f"/v1/sessions/{sid}/messages", json={"text": "hi"})
        assert as_json.status_code == 415 and "multipart/form-data" in as_json.json()["error"]["message"]
        bad_json = http.post(
            "/v1/sessions", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert bad_json.status_code == 400 and bad_json.json()["error"]["code"] == "bad_json"
    assert not any((tmp_path / "uploads").iterdir())  # refused uploads leave nothing behind


def test_traversal_in_upload_names_is_neutralised(keyed_api: Served, song: Path, tmp_path: Path) -> None:
    with client(keyed_api.url, "key-alice") as http:
        sid = http.post("/v1/sessions").json()["id"]
        r = http.post(
            f"/v1/sessions/{sid}/messages", data={"text": "keep this"},
            files=_wav(song, "../../../../tmp/evil/../owned.wav"),
        )  # fmt: skip
        assert r.status_code == 200, r.text
        assert r.json()["artifacts"][0]["label"] == "owned.wav"
    assert not (tmp_path / "owned.wav").exists() and not Path("/tmp/owned.wav").exists()
    assert safe_name("..\\..\\windows\\win.ini") == "win.ini"
    assert safe_name("../.hidden.wav") == "hidden.wav"
    assert safe_name("a\x00b\n.wav") == "ab.wav"
    assert safe_name("..") == "upload"


@pytest.mark.parametrize(
    "path",
    ["/v1/sessions/..%2F..%2Fetc/versions", "/v1/artifacts/..%2Fworkspace.db", "/v1/artifacts/a-nothere0000"],
)
def test_unknown_or_malformed_ids_are_4xx(api: Served, path: str) -> None:
    with client(api.url) as http:
        r = http.get(path)
    assert r.status_code in (404, 422), r.text
    assert r.json()["error"]["message"]


def test_rate_limit_per_key(tmp_path: Path) -> None:
    for served in start_api(tmp_path / "home", api_keys=["k1", "k2"], rate_per_minute=3):
        with client(served.url, "k1") as k1, client(served.url, "k2") as k2:
            codes = [k1.get("/v1/sessions").status_code for _ in range(4)]
            assert codes == [200, 200, 200, 429]
            limited = k1.get("/v1/sessions")
            assert (
                int(limited.headers["retry-after"]) >= 1 and "a minute" in limited.json()["error"]["message"]
            )
            assert k2.get("/v1/sessions").status_code == 200  # another key has its own budget


def test_binds_loopback_by_default() -> None:
    from serving.api.settings import ApiSettings

    assert ApiSettings.from_env().host == "127.0.0.1"
