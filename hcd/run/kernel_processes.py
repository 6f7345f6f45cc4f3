"""The project kernel's process: which kernel runs (hcd's own Python), where it talks, how it stops.

Whatever kernelspec a notebook was saved with ("hcd" from ``make lab``,
"python3", a colleague's "conda-env-cx-py"), hcd runs it on the Python that
runs hcd: :class:`ProjectKernelSpecManager` answers every kernel name with
:func:`project_kernel_spec`, so a fresh machine never sees "No such kernel".
Kernels talk over Unix sockets in a private temporary folder rather than TCP
ports (on POSIX), so many kernels started at once cannot race for the same
port. Public jupyter_client APIs only: ``KernelManager`` traits
(``kernel_spec_manager``, ``transport``, ``ip``, ``connection_file``,
``client_class``), its ``client`` method and ``KernelSpecManager.get_kernel_spec``.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from typing import Any

from jupyter_client import KernelClient, KernelManager
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_core.utils import run_sync

from hcd.run.manifests import process_alive

__all__ = ["project_kernel_spec", "ProjectKernelSpecManager", "ProjectKernelManager", "remove_stale_kernel_folders"]

log = logging.getLogger(__name__)


def project_kernel_spec() -> KernelSpec:
    """The kernel hcd runs notebooks on: ipykernel on this very Python.

    Examples
    --------
    >>> spec = project_kernel_spec()
    >>> spec.argv[1:3], spec.language
    (['-m', 'ipykernel_launcher'], 'python')
    """
    return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                      display_name="Python (hcd)", language="python", env={}, resource_dir="")


class ProjectKernelSpecManager(KernelSpecManager):
    """A kernelspec manager that answers every kernel name with :func:`project_kernel_spec`.

    Examples
    --------
    >>> ProjectKernelSpecManager().get_kernel_spec("conda-env-cx-py").display_name
    'Python (hcd)'
    """

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """The project kernel, whatever ``kernel_name``."""
        return project_kernel_spec()


_FOLDER_PREFIX = "hcd-kernel-"  # then the pid of the hcd process that made it


def remove_stale_kernel_folders(root: str | None = None) -> list[str]:
    """Remove kernel folders (sockets, connection file) left by hcd processes that died (``kill -9``).

    Returns the folders removed. A folder whose process still runs is kept.
    """
    root = root or tempfile.gettempdir()
    removed = []
    try:
        names = os.listdir(root)
    except OSError:
        return removed
    for name in names:
        pid = name[len(_FOLDER_PREFIX):].split("-", 1)[0] if name.startswith(_FOLDER_PREFIX) else ""
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            removed.append(os.path.join(root, name))
    return removed


class ProjectKernelManager(KernelManager):
    """The project kernel, talking over Unix sockets in a private folder; hands out async clients.

    The connection file (and, on POSIX, the sockets) live in a temporary folder
    of this manager's own, removed by :meth:`close`. Clients made by
    :meth:`client` (nbclient makes one per notebook and leaves it open when the
    kernel is not its own) are remembered so :meth:`stop_clients` can close them.
    """

    def __init__(self, **kwargs: Any) -> None:
        remove_stale_kernel_folders()
        folder = tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-")
        kwargs.setdefault("kernel_spec_manager", ProjectKernelSpecManager())
        kwargs.setdefault("client_class", "jupyter_client.asynchronous.AsyncKernelClient")  # what nbclient needs
        kwargs.setdefault("connection_file", os.path.join(folder, "kernel.json"))
        if os.name == "posix":
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(folder, "k"))
        super().__init__(**kwargs)
        self.folder = folder
        self.clients: list[KernelClient] = []

    def client(self, **kwargs: Any) -> KernelClient:
        """A client connected to this kernel (remembered, to be stopped by :meth:`stop_clients`)."""
        kc = super().client(**kwargs)
        self.clients.append(kc)
        return kc

    def stop_clients(self) -> None:
        """Stop the channels of every client :meth:`client` handed out."""
        while self.clients:
            self.clients.pop().stop_channels()

    def close(self) -> None:
        """Stop the kernel (at once: it may be stuck in a timed-out cell) and remove its folder.

        The kernel's process group is killed and the process waited for: done as soon as it has died (0.1 s
        sooner than ``shutdown_kernel(now=True)``, which polls every tenth of a second).
        """
        try:
            self.stop_clients()
            if self.has_kernel:
                run_sync(self._kill)()
                self.cleanup_resources(restart=False)
        except Exception as exc:  # a kernel that is already gone
            log.debug("kernel shutdown: %s", exc)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    async def _kill(self) -> None:
        provisioner = self.provisioner
        assert provisioner is not None
        await provisioner.kill()
        process = getattr(provisioner, "process", None)  # the local provisioner's Popen
        if process is not None:
            process.wait(timeout=5)
        await provisioner.wait()  # finds it ended; closes its pipes
