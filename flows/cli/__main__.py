"""`python -m flows.cli`: the `plenary` command."""
from . import main

main()
