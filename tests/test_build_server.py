"""The build server (scripts/build_server.py): a forked child behaves as a fresh build process would."""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_server  # noqa: E402

sys.path.remove(str(ROOT / "scripts"))


@pytest.fixture
def private_dir(tmp_path, monkeypatch):
    folder = tmp_path / "servers"
    monkeypatch.setenv("SIEECON_BUILD_SERVER_DIR", str(folder))
    monkeypatch.delenv("SIEECON_BUILD_SERVER", raising=False)
    yield folder
    build_server.stop()


def _run(task, argv, **kwargs):
    r, w = os.pipe()
    try:
        code = build_server.request(task, argv, w, **kwargs)
    finally:
        os.close(w)
    with open(r, encoding="utf-8") as fh:
        return code, fh.read()


def test_a_child_runs_with_the_callers_folder_environment_arguments_and_exit_code(private_dir, tmp_path):
    env = {**os.environ, "SIEECON_PROBE": "hello", "PYTHONPATH": str(tmp_path)}
    code, out = _run("probe", ["3", "x"], env=env, cwd=str(tmp_path))
    assert code == 3
    seen = json.loads(out)
    assert seen["cwd"] == str(tmp_path) and seen["argv"] == ["3", "x"] and seen["env"] == "hello"
    assert seen["path0"][0] == str(tmp_path)  # PYTHONPATH comes first, as in a fresh interpreter
    # The server is reused: a second request is answered by another child of the same server.
    code2, out2 = _run("probe", ["0"], env=env, cwd=str(tmp_path))
    assert code2 == 0 and json.loads(out2)["pid"] != seen["pid"]
    sock = build_server.socket_path()
    assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
    assert build_server.stop() is True
    assert build_server.stop() is False


def test_jupyter_book_runs_through_the_server(private_dir):
    code, out = _run("jupyter-book", ["--version"], cwd=str(ROOT))
    assert code == 0 and "Jupyter Book" in out and "1.0.4" in out


def test_the_server_can_be_turned_off_or_left_unstarted(private_dir, monkeypatch):
    assert _run("probe", ["0"], start=False) == (None, "")
    monkeypatch.setenv("SIEECON_BUILD_SERVER", "0")
    assert _run("probe", ["0"]) == (None, "")


def test_an_idle_server_exits_and_removes_its_socket(private_dir, monkeypatch):
    monkeypatch.setenv("SIEECON_BUILD_SERVER_IDLE", "1")
    code, _ = _run("probe", ["0"])
    assert code == 0
    sock = build_server.socket_path()
    deadline = time.monotonic() + 20
    while sock.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not sock.exists()


def test_the_server_folder_must_be_private(tmp_path, monkeypatch):
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("SIEECON_BUILD_SERVER_DIR", str(folder))
    with pytest.raises(PermissionError, match="private"):
        build_server.runtime_dir()


@pytest.mark.parametrize(("raw", "message"), [("soon", "number of seconds"), ("0", "positive")])
def test_idle_time_is_validated(monkeypatch, raw, message):
    monkeypatch.setenv("SIEECON_BUILD_SERVER_IDLE", raw)
    with pytest.raises(ValueError, match=message):
        build_server.idle_seconds()


def test_the_key_changes_with_the_server_code(monkeypatch, tmp_path):
    copy = tmp_path / "build_server.py"
    copy.write_text(build_server.HERE.read_text() + "\n# changed\n")
    before = build_server.key()
    monkeypatch.setattr(build_server, "HERE", copy)
    assert build_server.key() != before


def test_the_server_preloads_no_book_code():
    assert not any(m.split(".")[0] == "sieecon" for m in build_server.PRELOAD)
