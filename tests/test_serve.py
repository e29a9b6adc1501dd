"""pgdash serve's parts: the HAProxy configuration, the deploy files, one-line errors."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pgdash.errors import PgdashError
from pgdash.paths import ROOT
from pgdash.serve import haproxy
from pgdash.serve.cluster import cluster, port_in_use
from pgdash.serve.replicas import ReplicaSet, free_port, replica_env

DEPLOY = ROOT / "deploy"


def haproxy_or_skip() -> Path:
    """Debian's haproxy; skip without it, except under CI=true, where its absence fails."""
    try:
        return haproxy.find_haproxy()
    except PgdashError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {exc}")
        pytest.skip(str(exc))


BACKENDS = [haproxy.Backend("r1", "127.0.0.1", 9101), haproxy.Backend("r2", "127.0.0.1", 9102)]


def test_config_names_every_replica_with_its_cookie_and_health_check() -> None:
    config = haproxy.render_config(BACKENDS, "127.0.0.1", 9100)
    assert "bind 127.0.0.1:9100" in config
    assert "server r1 127.0.0.1:9101 cookie r1" in config
    assert "server r2 127.0.0.1:9102 cookie r2" in config
    assert "cookie PGDASH insert indirect nocache" in config
    assert "option httpchk GET /_stcore/health" in config
    assert "timeout tunnel 8h" in config
    assert "balance leastconn" in config
    assert "$" not in config  # every placeholder filled


def test_config_is_valid_for_haproxy(tmp_path: Path) -> None:
    binary = haproxy_or_skip()
    for balance in haproxy.BALANCES:
        path = tmp_path / f"{balance}.cfg"
        path.write_text(haproxy.render_config(BACKENDS, "0.0.0.0", 9100, balance), "utf-8")
        haproxy.check_config(binary, path)  # raises on any complaint
        done = subprocess.run([str(binary), "-c", "-f", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "WARNING" not in done.stdout + done.stderr


def test_broken_config_is_one_line_error(tmp_path: Path) -> None:
    binary = haproxy_or_skip()
    path = tmp_path / "broken.cfg"
    path.write_text(
        haproxy.render_config(BACKENDS, "127.0.0.1", 9100).replace("balance", "balanse"), "utf-8"
    )
    with pytest.raises(PgdashError, match=r"HAProxy rejects the configuration: .*balanse") as err:
        haproxy.check_config(binary, path)
    assert "\n" not in str(err.value)


def test_compose_haproxy_config_is_valid() -> None:
    binary = haproxy_or_skip()
    done = subprocess.run(
        [str(binary), "-c", "-f", str(DEPLOY / "haproxy.cfg")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_bad_input_is_one_line_error() -> None:
    with pytest.raises(PgdashError, match="at least 1"):
        haproxy.render_config([], "127.0.0.1", 9100)
    with pytest.raises(PgdashError, match="unknown balance"):
        haproxy.render_config(BACKENDS, "127.0.0.1", 9100, balance="random")
    with pytest.raises(PgdashError, match="at least 1 replica"):
        ReplicaSet(ROOT / "app.py", 0, {})


def test_missing_haproxy_says_how_to_install_it() -> None:
    with pytest.raises(PgdashError, match="install Debian's haproxy"):
        haproxy.find_haproxy("/nonexistent/haproxy")


def test_port_in_use_is_refused_before_anything_starts(tmp_path: Path) -> None:
    haproxy_or_skip()
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert port_in_use("127.0.0.1", port)
        with (
            pytest.raises(PgdashError, match=f"port {port} on 127.0.0.1 is in use"),
            cluster(ROOT / "app.py", 1, port, "127.0.0.1", tmp_path) as _,
        ):
            pass  # not reached
    assert not port_in_use("127.0.0.1", free_port())


def test_replicas_share_one_cookie_secret_and_the_data(tmp_path: Path) -> None:
    env = replica_env(tmp_path, "s3cret", base={"PATH": "/usr/bin"})
    assert env == {
        "PATH": "/usr/bin",
        "PGDASH_DATA": str(tmp_path),
        "STREAMLIT_SERVER_COOKIE_SECRET": "s3cret",
    }


def test_cli_reports_missing_haproxy_in_one_line(tmp_path: Path, built_data: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pgdash", "--data", str(built_data), "serve", "--haproxy", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: haproxy not found (nope): install Debian's haproxy (apt-get install haproxy)"
    ]


def test_k8s_manifests_hold_the_settings_that_matter() -> None:
    ingress = (DEPLOY / "k8s" / "ingress.yaml").read_text(encoding="utf-8")
    for setting in (
        'affinity: "cookie"',
        'session-cookie-name: "PGDASH"',
        'proxy-read-timeout: "28800"',
        'proxy-send-timeout: "28800"',
    ):
        assert f"nginx.ingress.kubernetes.io/{setting}" in ingress
    deployment = (DEPLOY / "k8s" / "deployment.yaml").read_text(encoding="utf-8")
    assert deployment.count("path: /_stcore/health") == 2  # readiness and liveness
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in deployment and "PGDASH_DB_URL" in deployment


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_k8s_manifests_render_with_kustomize() -> None:
    done = subprocess.run(
        ["kubectl", "kustomize", str(DEPLOY / "k8s")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    kinds = sorted(
        line.split(":", 1)[1].strip()
        for line in done.stdout.splitlines()
        if line.startswith("kind:")
    )
    assert kinds == ["Deployment", "Ingress", "Service"]


def test_replica_that_keeps_dying_is_restarted_less_and_less_often(tmp_path: Path) -> None:
    now = [0.0]
    replicas = ReplicaSet(tmp_path / "app.py", 1, {}, say=lambda _: None, clock=lambda: now[0])
    starts: list[float] = []

    def start_and_die(replica) -> None:  # a replica whose app fails at once
        replica.process = subprocess.Popen(["true"])
        replica.process.wait()
        replica.started_at = now[0]
        starts.append(now[0])

    replicas.start = start_and_die  # type: ignore[method-assign]
    replicas.start_all()

    def watch_until(t: float) -> None:
        while now[0] < t:
            now[0] = round(now[0] + 0.1, 1)
            replicas.restart_dead()

    watch_until(10.0)
    assert starts == [0.0, 1.1, 3.2, 7.3]  # seen dead 0.1 s later, then 1, 2, 4 s of pause
    assert replicas.replicas[0].restarts == 3

    # One that is first seen dead 45 s after its start had a life: restarted at once.
    starts.clear()
    now[0] = 0.0
    again = ReplicaSet(tmp_path / "app.py", 1, {}, say=lambda _: None, clock=lambda: now[0])
    again.start = start_and_die  # type: ignore[method-assign]
    again.start_all()
    now[0] = 45.0
    again.restart_dead()
    assert starts == [0.0, 45.0] and again.replicas[0].quick_failures == 0
