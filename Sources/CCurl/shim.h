#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic: Swift cannot call them, so these
// typed wrappers do.
static inline CURLcode orcha_curl_setopt_long(CURL *h, CURLoption option, long value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode orcha_curl_setopt_string(CURL *h, CURLoption option, const char *value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode orcha_curl_setopt_pointer(CURL *h, CURLoption option, void *value) {
    return curl_easy_setopt(h, option, value);
}

typedef size_t (*orcha_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode orcha_curl_setopt_write(CURL *h, orcha_curl_write_callback callback, void *context) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, callback);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_WRITEDATA, context);
}

static inline long orcha_curl_response_code(CURL *h) {
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

/// The Content-Length of the response, or -1 when the server did not send one.
static inline long long orcha_curl_content_length(CURL *h) {
    curl_off_t length = -1;
    curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    return (long long)length;
}
