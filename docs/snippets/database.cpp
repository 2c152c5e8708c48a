// SPDX-License-Identifier: MIT
// docs/howto/database.md: a module's database, its statements, results and startup work.
#include <modsdk/modsdk.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace app {
// snippet: db_row_type
struct contact_row {  // one field per column, named like the columns
  std::string caller;
  std::optional<std::string> greeting;  // a column that may be NULL
  int uses;
};
MODSDK_FIELDS(contact_row, caller, greeting, uses);
// snippet-end: db_row_type
}  // namespace app

namespace {
namespace db = modsdk::db;

// snippet: db_declare
modsdk::param<modsdk::db::url> db_url{"db_url", "sqlite:///var/lib/opensips/contacts.sqlite"};

modsdk::db::database contacts{db_url,
                              {.needs = db::cap::query | db::cap::insert | db::cap::update,
                               .tables = {{"contacts", 2}}}};  // version checked at startup
// snippet-end: db_declare

// snippet: db_statements
bool remember(modsdk::request&, std::string_view caller, int uses) {
  return contacts.insert_update("contacts", db::set("caller", caller), db::set("uses", uses),
                                db::set("seen", std::chrono::system_clock::now()),
                                db::set("greeting", std::optional<std::string_view>()));  // NULL
}
bool forget(modsdk::request&, std::string_view caller) {
  if (!contacts.update("contacts", db::col("caller") == caller, db::set("greeting", db::null)))
    return false;  // failed: the backend and modsdk logged why
  return contacts.delete_from("contacts", db::col("uses") < 1);
}
// snippet-end: db_statements

// snippet: db_select_by
// the names once, at compile time (as a C module's static str keys): per call only the values
constexpr auto uses_by_caller = db::select_by("contacts", db::columns("uses"), db::keys("caller"));

int uses_fast(modsdk::request&, std::string_view caller) {
  const db::result r = contacts.select<uses_by_caller>(caller);  // one value per key, in order
  if (auto row = r.first()) return row->get<int>(0);
  return r ? -2 : -1;  // no such caller / the statement failed (logged)
}
// snippet-end: db_select_by

// snippet: db_results
int uses_of(modsdk::request&, std::string_view caller) {
  db::result r = contacts.select("contacts", db::columns("uses", "photo"), db::col("caller") == caller,
                                 db::col("uses") >= 0, db::order_by("uses"));
  if (!r) return -1;         // the statement failed (logged)
  if (r.empty()) return -2;  // no such caller
  db::row row = *r.first();
  const int uses = row.get<int>("uses");  // not an int (or NULL): db::error, the function fails (-1)
  const std::optional<std::span<const std::byte>> photo = row.get<std::optional<std::span<const std::byte>>>(1);
  modsdk::log::info("{} used {} times, photo of {} bytes", caller, uses, photo ? photo->size() : 0);
  return uses > 0 ? uses : -3;
}
// snippet-end: db_results

// snippet: db_typed
int count_frequent(modsdk::request&) {
  int n = 0;
  // rows come 500 at a time when the backend can (DB_CAP_FETCH), all at once otherwise
  for (const app::contact_row& c :
       contacts.select<app::contact_row>("contacts", db::col("uses") > 10, db::chunks_of(500)))
    n += c.greeting ? 1 : 0;
  return n > 0 ? n : -1;
}
std::optional<app::contact_row> find(std::string_view caller) {  // copied out: the result is gone
  return contacts.select<app::contact_row>("contacts", db::col("caller") == caller).first();
}
// snippet-end: db_typed

// snippet: db_async
struct count_job {  // the callback's state: pkg memory, freed by the callback
  int min_uses;
};

int counted(modsdk::message&, db::result& rows, count_job* job) {  // rows: false when the query failed
  int n = 0;
  if (rows)
    for (db::row r : rows) n += r.get<int>("uses") >= job->min_uses ? 1 : 0;
  modsdk::pkg::free(job);
  return rows ? n + 1 : -1;  // $rc of the resume route
}

// async(count_async(5), after_count);
bool count_async(modsdk::message&, modsdk::async_context& ctx, int min_uses) {
  auto* job = static_cast<count_job*>(modsdk::pkg::malloc(sizeof(count_job)));
  if (!job) return false;
  job->min_uses = min_uses;
  if (contacts.async_raw_query<&counted>(ctx, "SELECT caller, uses FROM contacts", job)) return true;
  modsdk::pkg::free(job);  // not started (logged): the callback never runs, the job is still ours
  return false;
}
// snippet-end: db_async

// snippet: db_init
int greeted = 0;  // counted in mod_init, before the workers fork
bool load_greeted() {
  auto c = contacts.connect();  // a connection of its own, closed at the end of the scope
  for (const app::contact_row& row : c.select<app::contact_row>("contacts", db::col("greeting").is_not_null()))
    greeted += row.uses > 0 ? 1 : 0;
  return static_cast<bool>(c);
}
// snippet-end: db_init

bool greet_known(modsdk::request&, std::string_view caller) {
  if (auto c = find(caller)) return c->greeting.has_value();
  return false;
}
}  // namespace

// snippet: db_module
MODSDK_MODULE(contacts_module, modsdk::params(db_url),
              modsdk::databases(contacts),                                            // bind, connect, close
              modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)),  // the driver first
              modsdk::on_init(load_greeted),                                          // runs after the binding
              modsdk::functions(MODSDK_FN(remember), MODSDK_FN(forget), MODSDK_FN(uses_of), MODSDK_FN(uses_fast),
                                MODSDK_FN(count_frequent), MODSDK_FN(greet_known)),
              modsdk::async_functions(MODSDK_FN(count_async)));  // db.async_raw_query needs tm's async()
// snippet-end: db_module
