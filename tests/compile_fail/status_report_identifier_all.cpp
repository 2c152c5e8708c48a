// SPDX-License-Identifier: MIT
// A status report's identifier must be one MI and sr_check_status() can name: "all" means every identifier
// of the group there, so an identifier called "all" could never be read on its own.
// expect: modsdk_status_report_error_identifier_must_be_1_to_64_characters_without_blanks_or_quotes_and_not_all
#include <modsdk/status_report.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::status_report r{"all_links"};
#else
constinit modsdk::status_report r{"all"};
#endif
int main() { return r.set(modsdk::status::ready) ? 0 : 1; }
