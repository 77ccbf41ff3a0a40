// libpcap for `bulkhead monitor` (passive capture; Debian libpcap-dev). Nothing here transmits.
#include <pcap/pcap.h>
