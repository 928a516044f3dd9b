"""`python -m torchwhy ...` is the `torchwhy` command."""

from torchwhy.cli import main

if __name__ == "__main__":
    main()
