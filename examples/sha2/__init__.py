"""SHA-256 proved equal to its specifications (the Crux paper §5.2, Figure 8)."""
