"""SQLite storage through sqlite-utils: opening, pragmas, migrations, repositories."""
