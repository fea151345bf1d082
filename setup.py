"""Build the optional cffi trap helper (winelike.cpu._fasttrap).

It is an *optional* extension: on a machine without a C compiler or Python
headers the install still succeeds and winelike runs on its pure-Python trap
path (`winelike info` says which one is active).
"""
from setuptools import setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    def run(self):
        try:
            super().run()
        except Exception as e:  # noqa: BLE001 - any build failure means "use the Python path"
            print(f"winelike: cffi trap helper not built ({e}); the pure-Python trap path will be used")

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as e:  # noqa: BLE001
            print(f"winelike: cffi trap helper not built ({e}); the pure-Python trap path will be used")


def extensions():
    try:
        import sys, os
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "winelike", "cpu"))
        from fasttrap_build import ffibuilder
        ext = ffibuilder.distutils_extension()
        ext.optional = True
        return [ext]
    except Exception as e:  # noqa: BLE001
        print(f"winelike: cannot prepare the cffi helper: {e}")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
