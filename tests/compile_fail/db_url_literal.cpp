// SPDX-License-Identifier: MIT
// A default URL written in the source is checked at compile time (scheme://...).
// expect: modsdk_error_db_url_is_not_a_database_url_like_scheme_colon_slash_slash
#include <modsdk/db.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<modsdk::db::url> db_url{"db_url", "mysql://opensips@localhost/opensips"};
#else
modsdk::param<modsdk::db::url> db_url{"db_url", "mysql:/opensips@localhost/opensips"};
#endif
int main() { return db_url->empty() ? 1 : 0; }
