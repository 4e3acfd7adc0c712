#ifndef CHEAPSTATS_H
#define CHEAPSTATS_H
#include <stddef.h>

/// Bytes of heap in use by malloc (glibc's mallinfo2().uordblks), for memory-growth tests.
size_t kechuang_heap_in_use(void);

#endif
