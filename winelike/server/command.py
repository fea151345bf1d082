"""`winelike server`: start, stop, wait for or query the server of a prefix."""
from __future__ import annotations

import os
import sys

from winelike.server import daemon
from winelike.server.daemon import DEFAULT_PERSISTENCE, ServerError
from winelike.server.protocol import VERSION, ProtocolError


def run_command(args) -> int:
    from winelike.prefix import Prefix, PrefixError
    prefix = Prefix(args.prefix)
    root = prefix.root
    err = sys.stderr.write
    try:
        if args.kill or args.wait or args.status:
            d = daemon.server_dir(root, create=False) if os.path.isdir(root) else None
            running = d is not None and daemon.lock_held(d)
            if args.status:
                return _status(root, d, running)
            if args.kill:
                if not running or daemon.kill_server(d) is None:
                    err(f"winelike: no server is running for {root}\n")
                    return 1
            if args.wait and running:
                daemon.wait_for_exit(d)
            return 0
        try:
            os.makedirs(root, exist_ok=True)     # the layout is `winelike run`'s business
        except OSError as e:
            raise PrefixError(f"cannot create prefix {root}: {e.strerror}") from None
        if args.persistent is None:
            persistent = DEFAULT_PERSISTENCE
        elif args.persistent < 0:
            persistent = None
        else:
            persistent = args.persistent
        rc = daemon.start(root, persistent=persistent, debug=args.debug, foreground=args.foreground)
        if rc == 2:
            d = daemon.server_dir(root, create=False)
            pid = daemon.server_pid(d)
            err(f"winelike: a server is already running for {root}" + (f" (pid {pid})" if pid else "") + "\n")
        return rc
    except (ServerError, PrefixError, ProtocolError) as e:
        err(f"winelike: {e}\n")
        return 1
    except KeyboardInterrupt:
        return 130


def _status(root: str, d: str | None, running: bool) -> int:
    if not running:
        print(f"no server is running for {root}")
        return 1
    from winelike.server.client import connect
    with connect(root, start=False) as conn:
        info = conn.get_server_info()
    print(f"server running for {root}: pid {info.pid}, protocol {VERSION:08x}, "
          f"{info.clients - 1} other clients, {info.processes} processes, {info.objects} named objects")
    print(f"socket: {daemon.socket_path(d)}")
    return 0
