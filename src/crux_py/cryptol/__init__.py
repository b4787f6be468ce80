"""Cryptol, the specification language of Crux (DESIGN §7).

Front end: `lexer.py`, `layout.py` (Cryptol's layout rule), `unlit.py`
(literate Markdown), `grammar.lark` and `parser.py` produce the AST of
`syntax.py`. Semantics: `modules.py` (files, imports, functors), the
typechecker (`tc_*.py`, `sizes.py`, `unify.py`, `elaborate.py`) producing
sized core (`core.py`), and one evaluator (`eval.py`) over the concrete and
symbolic backends of `backends.py`. The Python interface is `pyapi.py`.
Nothing is imported here, so `import crux_py.cryptol` stays cheap.
"""
