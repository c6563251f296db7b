#include <zlib.h>

/// inflateInit2 is a macro; this initialises a stream that reads gzip (and zlib) data.
static inline int orcha_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
