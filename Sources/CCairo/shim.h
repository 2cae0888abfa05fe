#ifndef NETFRAMES_CCAIRO_SHIM_H
#define NETFRAMES_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
/* The fonts cairo's toy text API draws with come from fontconfig: asked directly, it
   says which installed family a requested one resolves to. */
#include <fontconfig/fontconfig.h>
#endif
