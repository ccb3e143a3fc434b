#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro over a cast of -1 that Swift cannot import.
static inline sqlite3_destructor_type tdsqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global mutex around
// every allocation SQLite makes; TrailDeck never reads them.
static inline int tdsqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

// A virtual table and a cursor of TrailDeck's: SQLite's base structs first (SQLite hands back
// pointers to them), then the Swift object that answers for each.
typedef struct tdsqlite_vtab {
  sqlite3_vtab base;
  void *owner;
} tdsqlite_vtab;

typedef struct tdsqlite_cursor {
  sqlite3_vtab_cursor base;
  void *state;
} tdsqlite_cursor;

// A copy of `text` that SQLite may free (a virtual table's error message); sqlite3_mprintf is variadic.
static inline char *tdsqlite_strdup(const char *text) { return sqlite3_mprintf("%s", text); }

// glibc's memmem, which <string.h> declares only under _GNU_SOURCE (too late to define here, after
// SQLite's header included it): Lake's scan of requestParameters texts looks for a needle in blobs.
#include <stddef.h>
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
