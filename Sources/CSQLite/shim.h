#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro over a cast of -1 that Swift cannot import.
static inline sqlite3_destructor_type tdsqlite_transient(void) { return SQLITE_TRANSIENT; }
