"""The only place that knows MkDocs: write a child config that INHERITs ours, and build it."""
