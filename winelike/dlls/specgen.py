"""Generate each built-in DLL's Wine-syntax .spec file from the typed signatures.

    python -m winelike.dlls.specgen          write winelike/dlls/<pkg>/<dll>.spec
    python -m winelike.dlls.specgen --check  exit 1 if any committed .spec is stale (CI runs this)
"""
from __future__ import annotations

import argparse
import os
import sys

from winelike.dlls import framework


def spec_files():
    here = os.path.dirname(os.path.abspath(__file__))
    seen = set()
    for name in framework.builtin_names():
        pkg = framework.BUILTIN_PACKAGES[name]
        if pkg in seen:
            continue
        seen.add(pkg)
        dll = framework.get_builtin(name)
        yield os.path.join(here, pkg, f"{dll.base_name}.spec"), dll.spec()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m winelike.dlls.specgen")
    ap.add_argument("--check", action="store_true", help="fail if a .spec file is out of date")
    args = ap.parse_args(argv)
    stale = []
    for path, text in spec_files():
        try:
            with open(path, encoding="utf-8") as f:
                old = f.read()
        except FileNotFoundError:
            old = None
        if old == text:
            continue
        if args.check:
            stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"wrote {os.path.relpath(path)}")
    if stale:
        for p in stale:
            print(f"stale: {os.path.relpath(p)} (run python -m winelike.dlls.specgen)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
