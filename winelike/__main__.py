import sys

from winelike.cli import main

sys.exit(main())
