import sys

from .world import main

if __name__ == "__main__":
    sys.exit(main())
