"""Heavy third-party modules bound at the top of a module but imported on first use.

Why: `python -m analysis check` and `import analysis` need none of pandas (with numpy and pyarrow,
about 0.35 s to import) until a table is built; a module writes `from ..base.lazy import pandas as
pd` where it would write `import pandas as pd`, and the first attribute read (`pd.DataFrame`)
imports pandas. After that the module's attributes are copied onto the stand-in, so reads cost
what they cost on pandas itself.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule(ModuleType):
    """A stand-in for the module `name`, imported when one of its attributes is first read."""

    def __getattr__(self, attr: str) -> Any:  # only called for attributes not yet copied
        module = importlib.import_module(self.__name__)
        self.__dict__.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


pandas = LazyModule("pandas")
