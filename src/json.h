/*
 * Just enough JSON for provider APIs: validate a document and read one
 * scalar by path. Bounded depth; strings unescaped to ASCII.
 */
#ifndef NICUPDATE_JSON_H
#define NICUPDATE_JSON_H

#include <stddef.h>

/*
 * Find the value at path ("success", "result.0.id") in a JSON document.
 * A segment "[name=v&type=A]" selects the first element of an array whose
 * members match each value, without regard to case ("data.[domain=x.org].id").
 * Strings are copied unescaped (non-ASCII as '?'); true, false, null and
 * numbers as their text. Returns 0, or -1 if the document is not valid
 * JSON, the path is absent, or the value is an object or array.
 */
int json_get(const char *doc, size_t len, const char *path, char *out, size_t outlen);

#endif
