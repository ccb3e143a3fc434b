#include <zlib.h>

// inflateInit2 and deflateInit2 are macros that pass ZLIB_VERSION and the stream size.
static inline int tdz_inflate_init2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
static inline int tdz_deflate_init2(z_streamp strm, int level, int windowBits) {
  return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
