"""Publishing a built site: the personal-data guard, the manifest, and its verification."""
