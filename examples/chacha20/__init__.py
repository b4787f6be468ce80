"""ChaCha20 proved equal to its Cryptol specification (the Crux paper §2.4, Figures 5-7)."""
