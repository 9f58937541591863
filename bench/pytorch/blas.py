"""Which BLAS the PyTorch in this process runs on.

Debian's torch is built against the generic libblas.so.3 (torch.__config__.show() says
BLAS_INFO=generic whichever library serves it); the library actually loaded is whatever Debian's
alternatives point libblas.so.3 at, so it is read from this process's memory map.
"""

import re

import torch


def reported():
    """BLAS_INFO from torch.__config__.show(): what PyTorch was built against."""
    found = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return found.group(1) if found else "not reported"


def loaded():
    """The BLAS shared libraries mapped into this process (Linux), e.g. .../openblas-pthread/libopenblasp-r0.3.21.so."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        return []
    return sorted(paths)


def describe():
    """One line: 'BLAS_INFO=generic; loaded: ...'."""
    libraries = loaded()
    return f"BLAS_INFO={reported()}; loaded: {', '.join(libraries) if libraries else 'none found'}"


if __name__ == "__main__":
    print(f"torch {torch.__version__}, {describe()}")
