#ifndef TRANSPARENCE_CRENAMEAT_H
#define TRANSPARENCE_CRENAMEAT_H
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>

/// Atomically exchanges the two paths (both must exist). Returns 0, or -1 with errno set.
static inline int transparence_exchange(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}
#endif
