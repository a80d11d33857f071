"""The hostile corpora (YAML) and the code that fills in their computed personal numbers."""
