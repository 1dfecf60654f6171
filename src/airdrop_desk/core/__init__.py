"""Qt-free core: domain types, the filter engine and services. Never imports PySide6."""
