"""Pure-Python stand-ins for standard-library classes implemented in C: the
simulator runs their source, as it runs the user's, where the program calls
the real class (`STDLIB_MODELS`)."""
