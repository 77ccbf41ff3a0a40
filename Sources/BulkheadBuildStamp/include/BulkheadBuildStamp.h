#ifndef BULKHEAD_BUILD_STAMP_H
#define BULKHEAD_BUILD_STAMP_H

/// The commit the binary was built from (`git describe`-style short hash, `+dirty` when the tree had changes), or
/// the empty string for a development build.
const char *bulkhead_build_commit(void);

/// The build date, UTC, YYYY-MM-DD, or the empty string for a development build.
const char *bulkhead_build_date(void);

#endif
