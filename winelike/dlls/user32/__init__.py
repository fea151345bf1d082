"""user32.dll: windows, messages, painting, input, controls, dialogs and MessageBox.

The window tree and message queues are process-local (state.py); hwnds, and messages to other
processes, go through the server (remote.py); pixels go through gdi32 and winelike/gui.  See
docs/gui.md.
"""
from winelike.dlls.framework import BuiltinDll

dll = BuiltinDll("user32.dll")

from . import wsprintf  # noqa: E402,F401
from . import (classes, win, message, paint, defwnd, input, sysparams, rect, controls, dialog,  # noqa: E402,F401
               msgbox, resource, chars, menu, misc, remote)

dll.on_attach.append(remote.prestart)
