#include "CHeapStats.h"
#include <malloc.h>

size_t kechuang_heap_in_use(void) {
    return mallinfo2().uordblks;
}
