#ifndef NETFRAMES_CDEFLATE_SHIM_H
#define NETFRAMES_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
