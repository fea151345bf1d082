import os
import sys

from winelike.cli import main

code = main()
# Everything worth keeping is done (streams flushed at ExitProcess, the server told the exit
# code, files closed): skip the interpreter's teardown, which costs a winelike process tens
# of milliseconds (every CreateProcess child pays it) and could wait on guest threads.
try:
    sys.stdout.flush()
    sys.stderr.flush()
finally:
    os._exit(code if isinstance(code, int) else 1)
