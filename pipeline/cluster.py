"""The engine the per-document stages run on: this machine's process pool, or a Dask cluster (`--cluster`).

`ingest` and `annotate` take an optional `concurrent.futures.Executor`: without one they run their
own process pool as before; given the `DaskExecutor` of a cluster they submit one task per document
to it and read the results back in document order, not knowing which engine runs them. `connect`
opens one from the `--cluster` option: "" (this machine, as without the option), "local:N" (a
`dask.distributed.LocalCluster` of N worker processes) or "tcp://HOST:PORT" (a running `dask scheduler`). dask and distributed are the
optional extra `cluster`; without them, `--cluster` gives `ClusterError` with the install command.

Every worker must see the same paths as the client (the inputs, the gazetteer and the output
folders: a shared folder), and import the same version of this package.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

INSTALL_HINT = "pip install -c constraints.txt -e '.[cluster]'  (or: pip install 'dask[distributed]==2026.8.0')"
# A task whose code raised (an I/O error on shared storage, say) runs this many more times; a task
# whose worker died is rescheduled by the scheduler itself (its `distributed.scheduler.allowed-failures`)
RETRIES = 1
# how long to wait for the scheduler to answer, and then for its first worker
CONNECT_TIMEOUT = "30s"

_ADDRESS = re.compile(r"(tcp|tls|ucx|inproc)://[^\s/]+")
_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(Exception):
    """A `--cluster` value that cannot be used, worded with the fix."""


@dataclass(frozen=True)
class ClusterSpec:
    """A parsed `--cluster` value: a scheduler's address, or a LocalCluster's size."""

    address: str | None = None
    local_workers: int | None = None


def parse_cluster(value: str | None) -> ClusterSpec | None:
    """`--cluster` → a spec; "" or None → None (this machine's pool, as without the option)."""
    value = (value or "").strip()
    if not value:
        return None
    if m := _LOCAL.fullmatch(value):
        n = int(m.group(1))
        if n < 1:
            raise ClusterError(f"--cluster {value}: a local cluster needs at least 1 worker process (local:2)")
        return ClusterSpec(local_workers=n)
    if _ADDRESS.fullmatch(value):
        return ClusterSpec(address=value)
    raise ClusterError(f"--cluster {value}: use tcp://HOST:PORT (a running `dask scheduler`, default port 8786) "
                       "or local:N (N worker processes on this machine)")


def require_distributed() -> None:
    """Raise ClusterError with the install command when dask.distributed is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError(f"--cluster needs dask.distributed, which is not installed. Install it: {INSTALL_HINT}") from None


class TaskFailed(RuntimeError):
    """A document's task failed on the cluster; the message is the same whichever worker ran it."""


class DaskExecutor(Executor):
    """A `concurrent.futures.Executor` over a `distributed.Client`: the seam the stages submit their tasks to.

    One task per call, retried on a raised error (`RETRIES`) and rescheduled by the scheduler when its
    worker dies; a task whose every worker died (Dask's KilledWorker: a memory limit, a crash) fails
    with a `TaskFailed` worded for the documents table, without the run's task key or worker address.
    """

    def __init__(self, client: Any) -> None:
        self.client = client
        self._live: set[Any] = set()  # Dask forgets a task whose future is dropped: hold them until done
        self._lock = threading.Lock()

    @property
    def workers(self) -> int:
        """Worker processes connected now."""
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {})) or 1

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """`fn(*args, **kwargs)` as one cluster task; Dask runs earlier submissions first, so documents go in order."""
        from distributed import KilledWorker

        done: Future = Future()
        done.set_running_or_notify_cancel()
        task = self.client.submit(fn, *args, pure=False, retries=RETRIES, **kwargs)
        with self._lock:
            self._live.add(task)

        def settle(task: Any) -> None:
            try:
                done.set_result(task.result())
            except KilledWorker as exc:
                done.set_exception(TaskFailed(
                    f"{exc.allowed_failures + 1} Dask workers died running it (over the worker's memory limit, or a "
                    "crash): the document may be damaged, far too large or a decompression bomb"))
            except BaseException as exc:  # the task's own error (after its retries), or a cancelled task
                done.set_exception(TaskFailed(f"{type(exc).__name__}: {exc}"))
            finally:
                with self._lock:
                    self._live.discard(task)

        task.add_done_callback(settle)
        return done

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Cancel the tasks still running (the client and the cluster belong to `connect`)."""
        with self._lock:
            live = list(self._live)
        if live:
            self.client.cancel(live)


@contextmanager
def connect(value: str | None) -> Iterator[DaskExecutor | None]:
    """The Dask executor named by `--cluster` for the length of the block (None: this machine's pool).

    "local:N" starts a LocalCluster of N single-threaded worker processes (with nannies: a worker that
    dies is restarted) and stops it afterwards; "tcp://..." connects to a running scheduler and leaves
    it running.
    """
    spec = parse_cluster(value)
    if spec is None:
        yield None
        return
    require_distributed()
    from distributed import Client, LocalCluster

    if spec.local_workers is not None:
        # one thread per worker: the stages are CPU-bound Python (the GIL), so processes are the parallelism
        # the scheduler serves HTTP (health, dashboard) on a free port: 8787 may belong to another cluster here
        with LocalCluster(n_workers=spec.local_workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield executor_for(client)
        return
    try:
        client = Client(spec.address, timeout=CONNECT_TIMEOUT)
    except OSError as e:
        raise ClusterError(f"--cluster {spec.address}: no Dask scheduler answers there ({e}). Start one with "
                           "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1` (docs/scaling.md)") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            raise ClusterError(f"--cluster {spec.address}: the scheduler has no worker. Start some with "
                               f"`dask worker {spec.address} --nthreads 1` (docs/scaling.md)") from None
        yield executor_for(client)


def executor_for(client: Any) -> DaskExecutor:
    """The executor of a connected `distributed.Client` (tests and benchmarks bring their own clusters)."""
    return DaskExecutor(client)
