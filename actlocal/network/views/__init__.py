"""Pages of the Leaders Network, split by what they are about."""
