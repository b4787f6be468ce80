"""SHA-1 proved equal to its specifications (FIPS 180-4 §6.1)."""
