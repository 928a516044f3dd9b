"""Re-export: the user/library path verdict lives in `torchwhy.library_paths`, a leaf module
shared by the translator and the provenance tracer."""

from torchwhy.library_paths import LIBRARY_PATHS_ENV, add_library_paths, is_library_file

__all__ = ["LIBRARY_PATHS_ENV", "add_library_paths", "is_library_file"]
