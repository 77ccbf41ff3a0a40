// The build stamp `bulkhead --version` prints. Scripts/release writes stamp.generated.h (never committed) before it
// builds and touches this file so it is compiled again; every other build is a development build with no stamp.
// A C file rather than a Swift one: changing the stamp recompiles this one file, not the CLI.
#include "BulkheadBuildStamp.h"

#if __has_include("stamp.generated.h")
#include "stamp.generated.h"
#endif

#ifndef BULKHEAD_BUILD_COMMIT
#define BULKHEAD_BUILD_COMMIT ""
#endif
#ifndef BULKHEAD_BUILD_DATE
#define BULKHEAD_BUILD_DATE ""
#endif

const char *bulkhead_build_commit(void) { return BULKHEAD_BUILD_COMMIT; }

const char *bulkhead_build_date(void) { return BULKHEAD_BUILD_DATE; }
