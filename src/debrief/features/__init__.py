"""The logic of each use case, over the ports the adapters provide."""
