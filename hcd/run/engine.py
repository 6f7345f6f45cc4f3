"""hcd's papermill engine: papermill's nbclient engine, run on a kernel client that stays open.

papermill hands a notebook to an *engine* (papermill's extension point,
``papermill.engines``); its nbclient engine builds papermill's
``PapermillNotebookClient`` (an nbclient ``NotebookClient``), which connects a
new kernel client for every notebook. :class:`KeptClientEngine`, registered as
:data:`ENGINE` with ``papermill_engines.register`` when this module is imported,
takes the client a :class:`hcd.run.kernels.SprintKernel` keeps (``kc=``) and
hands it to nbclient, which uses a client it is given and leaves it open (it does
not own the kernel). Imported by :func:`hcd.run.kernels.execute_notebook` when a
notebook runs, so that starting a kernel does not wait for papermill to load.
"""

from __future__ import annotations

import logging
from typing import Any

from jupyter_client import KernelClient
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

__all__ = ["ENGINE", "KeptClientEngine"]

log = logging.getLogger(__name__)

ENGINE = "hcd-kept-client"


class KeptClientEngine(NBClientEngine):
    """papermill's nbclient engine, given the kernel client to run on (``kc=``).

    nbclient uses a client it is given and leaves it open (it does not own the
    kernel); its ``on_notebook_start`` hook, which it calls when it connects a
    client of its own, is called here.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                 execution_timeout: int | None = None, kc: KernelClient | None = None,
                                 **kwargs: Any) -> Any:
        kwargs.pop("input_path", None)
        kwargs.setdefault("log", log)
        client = PapermillNotebookClient(nb_man, timeout=execution_timeout, startup_timeout=start_timeout,
                                         kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file,
                                         stderr_file=stderr_file, **kwargs)
        if kc is not None:
            client.kc = kc
            if client.on_notebook_start is not None:
                client.on_notebook_start(notebook=client.nb)
        return client.execute()


papermill_engines.register(ENGINE, KeptClientEngine)
