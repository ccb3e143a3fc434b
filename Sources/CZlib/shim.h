#include <zlib.h>

// inflateInit2 is a macro that passes ZLIB_VERSION and the stream size. (Compression is libdeflate's.)
static inline int tdz_inflate_init2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
