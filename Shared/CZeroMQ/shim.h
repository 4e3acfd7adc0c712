#ifndef KECHUANG_CZEROMQ_SHIM_H
#define KECHUANG_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
