"""Training on several processes with PyTorch's own distributed engine: ``torchrun``.

``torchrun --nproc-per-node N main.py train DATA.csv …`` starts N copies of the command (on one machine
or, with ``--nnodes``, on several). Each copy reads and prepares the CSV the same way (the same seed
draws the same split), joins the process group here, and trains the model wrapped in
``DistributedDataParallel`` on its own slice of every epoch's permutation (``shard``). DDP averages the
gradients in ``backward``, so every copy steps to the same weights; only rank 0 writes files and prints.
Without torchrun's variables everything here is a no-op and training runs as one process.
The Trainer's stop and pause are a process's own (the window never trains under torchrun): a
rank stopped alone would leave the others waiting in the next gradient average.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Callable

import torch
import torch.distributed as dist
from torch import nn
from torch.distributed.algorithms.ddp_comm_hooks.default_hooks import allreduce_hook


def launched() -> bool:
    """Started by torchrun with more than one process (its variables are set)."""
    return "RANK" in os.environ and int(os.environ.get("WORLD_SIZE", "1")) > 1


def shard() -> tuple[int, int]:
    """(rank, world size) inside a process group; (0, 1) otherwise."""
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def is_main() -> bool:
    """The process that writes files and prints: rank 0, or the only one."""
    return shard()[0] == 0


@contextmanager
def process_group(device: str):
    """Joins torchrun's process group for the block (gloo on the CPU, nccl on CUDA, each process on
    the GPU of its local rank) and leaves it after; does nothing outside torchrun or inside a group."""
    if not launched() or (dist.is_available() and dist.is_initialized()):
        yield
        return
    cuda = device == "cuda" or (device == "auto" and torch.cuda.is_available())
    if cuda:
        # (% the GPUs this process sees: a scheduler may show each process its own GPU only)
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")) % torch.cuda.device_count())
    dist.init_process_group("nccl" if cuda else "gloo")
    try:
        yield
    finally:
        dist.destroy_process_group()


@contextmanager
def ready_together():
    """The block that gets every process ready (reading the CSV, preparing it, checking the settings)
    ends on all of them or fails on all of them, each saying why. Without it, when one fails alone (its
    machine lacks the file) the others meet its absence in DDP's first exchange: on gloo as "Connection
    closed by peer", a crash that names no cause; on nccl they may wait for the process group's timeout.
    Nothing outside a process group."""
    if shard()[1] == 1:
        yield
        return
    try:
        yield
    except BaseException:
        _failed_ranks(True)
        raise
    failed = _failed_ranks(False)
    if failed:
        from .errors import TrainingError
        raise TrainingError(f"Process(es) {', '.join(map(str, failed))} of the {shard()[1]} could not get "
                            "ready (their message says why), so none of them trains.")


def _failed_ranks(failed: bool) -> list[int]:
    rank, world = shard()
    flags = _message(*([0.0] * world))
    flags[rank] = float(failed)
    dist.all_reduce(flags)
    return [r for r in range(world) if flags[r] > 0]


def replicated(model: nn.Module, device: torch.device) -> tuple[nn.Module, Callable[[], bool] | None]:
    """(the module to train through, a check of the last backward's gradients). Inside a process group
    of more than one process: ``DistributedDataParallel(model)`` (its constructor copies rank 0's
    weights to every rank) and a function saying whether the averaged gradients were all finite, which
    is the same answer on every rank. A rank whose loss is not finite backpropagates NaN on purpose
    (``engine``), so every rank learns of it from the average and all stop at the same batch, with no
    message of their own (a message a batch cost 30 % of a batch-64 step here). Else (model, None)."""
    if shard()[1] == 1:
        return model, None
    ids = [device.index if device.index is not None else torch.cuda.current_device()] \
        if device.type == "cuda" else None
    net = nn.parallel.DistributedDataParallel(model, device_ids=ids)
    finite = [True]

    def averaged_and_checked(state, bucket):  # DDP's own averaging, then one look at the bucket
        def check(future):
            averaged = future.value()  # the whole bucket, averaged
            if not bool(torch.isfinite(averaged).all()):
                finite[0] = False
            return averaged
        return allreduce_hook(state, bucket).then(check)

    net.register_comm_hook(None, averaged_and_checked)

    def gradients_finite() -> bool:
        ok, finite[0] = finite[0], True
        return ok
    return net, gradients_finite


def mean_across(total: float, count: int) -> float:
    """Σ total / Σ count over the ranks: the epoch's training loss over every rank's batches, the
    same on each rank (early stopping without validation decides on it)."""
    sums = _message(total, count)
    dist.all_reduce(sums)
    return float(sums[0] / sums[1])


def from_rank0(value: float) -> float:
    """Rank 0's ``value`` on every rank. The validation loss decides the best epoch, early stopping
    and a plateau schedule; each rank computes it on the same rows, but other hardware (another
    machine) may round it differently, and one rank stopping alone would leave the others waiting."""
    held = _message(value)
    dist.broadcast(held, 0)
    return float(held)


def _message(*values: float) -> torch.Tensor:
    """Numbers to send to the other ranks: float64, on this process's GPU under nccl (which sends GPU
    tensors only), else on the CPU."""
    on = torch.device("cuda", torch.cuda.current_device()) if dist.get_backend() == "nccl" else None
    return torch.tensor(values, dtype=torch.float64, device=on)


def same_buffers(model: nn.Module) -> None:
    """Rank 0's buffers (BatchNorm's running statistics) copied to every rank. Each rank's last batch
    moved its own; DDP copies them only at the next forward, and the epoch's evaluation (and so early
    stopping's decision) must see the same model on every rank, or one rank stops while another
    waits for it."""
    for buffer in model.buffers():
        dist.broadcast(buffer, 0)
