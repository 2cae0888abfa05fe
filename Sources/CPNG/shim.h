#ifndef NETFRAMES_CPNG_SHIM_H
#define NETFRAMES_CPNG_SHIM_H
#include <png.h>
#endif
