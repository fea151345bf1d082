"""CPU layer: the only package that imports unicorn."""
from unicorn import x86_const as _X


def xmm_reg(n: int) -> int:
    return _X.UC_X86_REG_XMM0 + n
