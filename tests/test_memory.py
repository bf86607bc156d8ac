"""glibc's malloc settings that keep a long run's memory from growing (pipeline/memory.py)."""

import json
import os
import subprocess
import sys

import pytest

from pipeline.memory import glibc

# In a fresh process, so that glibc's threshold starts from its default. A mapped block is what the tuning is
# for: freed, it goes back to the system instead of fragmenting the heap.
MAPPED_AFTER_A_LARGE_FREE = """
import ctypes, json, sys
from pipeline.memory import glibc, tune_malloc

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

libc = glibc()
libc.mallinfo2.restype = MallInfo2
libc.malloc.restype, libc.malloc.argtypes, libc.free.argtypes = ctypes.c_void_p, [ctypes.c_size_t], [ctypes.c_void_p]
tuned = tune_malloc(arenas=2, mmap_threshold_mb=1) if sys.argv[1] == "tuned" else {}
before = libc.mallinfo2().hblks
libc.free(libc.malloc(16 << 20))  # glibc's own rule: freeing a 16 MB mapping raises its threshold to 16 MB
block = libc.malloc(4 << 20)
print(json.dumps({"tuned": tuned, "mapped": libc.mallinfo2().hblks - before}))
"""


def mapped_blocks(mode: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MALLOC_")}
    done = subprocess.run([sys.executable, "-c", MAPPED_AFTER_A_LARGE_FREE, mode], env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    return json.loads(done.stdout)


@pytest.mark.skipif(glibc() is None, reason="glibc's malloc only")
def test_a_fixed_mmap_threshold_keeps_large_blocks_mapped_after_glibc_would_have_raised_it():
    default, tuned = mapped_blocks("default"), mapped_blocks("tuned")
    assert default["mapped"] == 0  # glibc alone: the 4 MB block comes from the heap
    assert tuned == {"tuned": {"arenas": True, "mmap_threshold": True}, "mapped": 1}


def test_settings_in_the_environment_win_and_zero_leaves_glibcs_default(monkeypatch):
    from pipeline.memory import tune_malloc

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert tune_malloc(arenas=2, mmap_threshold_mb=0) == {"arenas": False, "mmap_threshold": False}
