"""Training on several processes with PyTorch's own distributed engine: ``torchrun``.

``torchrun --nproc-per-node N main.py train DATA.csv …`` starts N copies of the command (on one machine
or, with ``--nnodes``, on several). Each copy reads and prepares the CSV the same way (the same seed
draws the same split), joins the process group here, and trains the model wrapped in
``DistributedDataParallel`` on its own slice of every epoch's permutation (``shard``). DDP averages the
gradients in ``backward``, so every copy steps to the same weights; only rank 0 writes files and prints.
Without torchrun's variables everything here is a no-op and training runs as one process.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

import torch
import torch.distributed as dist
from torch import nn


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
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
    dist.init_process_group("nccl" if cuda else "gloo")
    try:
        yield
    finally:
        dist.destroy_process_group()


def replicated(model: nn.Module, device: torch.device) -> nn.Module:
    """The module to train through: ``DistributedDataParallel(model)`` inside a process group of more
    than one process (its constructor copies rank 0's weights to every rank), else the model itself."""
    if shard()[1] == 1:
        return model
    ids = [device.index if device.index is not None else torch.cuda.current_device()] \
        if device.type == "cuda" else None
    return nn.parallel.DistributedDataParallel(model, device_ids=ids)


def mean_across(value: float) -> float:
    """The mean of ``value`` over the ranks (NaN or infinite if it is on any rank), so that every rank
    takes the same decision on it: all stop on a non-finite loss, none waits in ``backward`` for one
    that stopped."""
    on = torch.device("cuda", torch.cuda.current_device()) if dist.get_backend() == "nccl" else None
    total = torch.tensor([value], dtype=torch.float64, device=on)  # (nccl reduces GPU tensors only)
    dist.all_reduce(total)
    return float(total) / dist.get_world_size()


def same_buffers(model: nn.Module) -> None:
    """Rank 0's buffers (BatchNorm's running statistics) copied to every rank. Each rank's last batch
    moved its own; DDP copies them only at the next forward, and the epoch's evaluation (and so early
    stopping's decision) must see the same model on every rank, or one rank stops while another
    waits for it."""
    for buffer in model.buffers():
        dist.broadcast(buffer, 0)
