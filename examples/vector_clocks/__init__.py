"""Vector clocks, the first example of the Crux paper (§2.1, Figures 1-2)."""
