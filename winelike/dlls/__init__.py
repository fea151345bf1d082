"""Built-in DLLs: one package per DLL, one module per area (see framework.py)."""
