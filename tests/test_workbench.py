"""JupyterLab set-up: the hcd kernel, .py text notebooks opened and saved as notebooks, the lab command."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from hcd import workbench
from hcd.cli import main
from tests.conftest import ROOT


def test_the_kernel_the_notebooks_name_is_registered_for_this_python(tmp_path):
    spec_dir = workbench.register_kernel(tmp_path)
    assert spec_dir == tmp_path / "share" / "jupyter" / "kernels" / "hcd"
    spec = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == sys.executable and "ipykernel_launcher" in spec["argv"]
    assert spec["display_name"] == "Python (hcd)" and spec["language"] == "python"


def test_lab_opens_py_files_as_notebooks_in_this_environment(tmp_path):
    path = workbench.open_text_notebooks_in_lab(tmp_path)
    assert path == tmp_path / "settings" / "overrides.d" / "hcd.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}}}


def test_the_lab_command_allows_root_only_for_root(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    argv = workbench.lab_command(tmp_path, port=8899, no_browser=True)
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    assert argv[3:] == [f"--ServerApp.root_dir={tmp_path}", "--port=8899", "--no-browser", "--allow-root"]
    monkeypatch.setattr(os, "geteuid", lambda: 1000, raising=False)
    assert "--allow-root" not in workbench.lab_command(tmp_path) and "--no-browser" not in workbench.lab_command(
        tmp_path)
    assert workbench.default_lab_folder() == ROOT / "notebooks"  # a checkout opens its notebooks


def test_hcd_lab_sets_up_the_kernel_then_starts_lab_with_the_options_given(monkeypatch, tmp_path, capsys):
    calls = []
    monkeypatch.setattr(workbench, "set_up_lab", lambda: [tmp_path / "kernel.json", tmp_path / "hcd.json"])
    monkeypatch.setattr(subprocess, "call", lambda argv: calls.append(argv) or 0)
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    assert main(["lab", str(tmp_path), "--port", "8899", "--no-browser", "--jupyter=--ServerApp.ip=0.0.0.0"]) == 0
    assert calls == [[sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={tmp_path}", "--port=8899",
                      "--no-browser", "--allow-root", "--ServerApp.ip=0.0.0.0"]]
    assert "Jupyter kernel 'hcd' (Python (hcd)) registered" in capsys.readouterr().out


def test_hcd_lab_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["lab", str(tmp_path / "nowhere")]) == 2
    assert "folder not found" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(url: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None, method="PUT" if body
                                     else "GET", headers={"Authorization": f"token {token}",
                                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_jupyterlab_opens_a_text_notebook_and_saves_it_back_without_outputs(tmp_path):
    """A real JupyterLab server (as root here, so with --allow-root): it lists the .py files as notebooks,
    uses hcd's viewer setting, and a notebook saved with outputs writes back the same text file."""
    folder, app = tmp_path / "notebooks", tmp_path / "app"
    shutil.copytree(ROOT / "notebooks", folder)
    workbench.open_text_notebooks_in_lab(app)
    port, token = _free_port(), "hcd-test-token"
    argv = workbench.lab_command(folder, port=port, no_browser=True, extra=(
        f"--IdentityProvider.token={token}", f"--LabApp.app_settings_dir={app / 'settings'}",
        "--ServerApp.ip=127.0.0.1"))
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _api(f"{base}/api/status", token)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab stopped: {server.stderr.read()[-2000:]}")
                time.sleep(0.5)
        listing = _api(f"{base}/api/contents", token)
        assert {c["name"] for c in listing["content"] if c["type"] == "notebook"} >= {"01_ingest.py", "explore.py"}
        viewers = _api(f"{base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin", token)
        assert viewers["schema"]["properties"]["defaultViewers"]["default"]["python"] == "Jupytext Notebook"
        opened = _api(f"{base}/api/contents/02_themes.py?type=notebook&content=1", token)["content"]
        assert opened["metadata"]["kernelspec"]["name"] == "hcd"
        assert opened["cells"][1]["metadata"]["tags"] == ["parameters"]
        for i, cell in enumerate(opened["cells"]):  # as after Run All in Lab
            cell["metadata"]["scrolled"] = True
            if cell["cell_type"] == "code":
                cell.update(execution_count=i, outputs=[{"output_type": "stream", "name": "stdout", "text": "x\n"}])
        opened["metadata"]["language_info"] = {"name": "python", "version": "3.12.1"}
        _api(f"{base}/api/contents/02_themes.py", token, {"type": "notebook", "format": "json", "content": opened})
        assert (folder / "02_themes.py").read_bytes() == (ROOT / "notebooks" / "02_themes.py").read_bytes()
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in (ROOT / "notebooks").iterdir())
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_hcd_setup_registers_the_kernel_in_this_environment(monkeypatch, tmp_path, capsys):
    """The conda route: `conda env create -f environment.yml && conda activate hcd && hcd setup`."""
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    monkeypatch.setenv("JUPYTERLAB_DIR", str(tmp_path / "env" / "share" / "jupyter" / "lab"))
    assert main(["setup", "--no-download"]) == 0
    out = capsys.readouterr().out
    assert "Jupyter kernel 'hcd' (Python (hcd)) registered" in out
    assert (tmp_path / "env" / "share" / "jupyter" / "kernels" / "hcd" / "kernel.json").is_file()
    assert (tmp_path / "env" / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "hcd.json").is_file()
    assert main(["setup", "--no-download", "--no-kernel"]) == 0 and "kernel" not in capsys.readouterr().out
