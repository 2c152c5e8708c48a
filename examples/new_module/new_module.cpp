// SPDX-License-Identifier: MIT
// new_module: the seed module of the classic "write your own OpenSIPS module" article, the modsdk way -
// then a little more, to show each capability once. README.md shows the seed part (the lines between
// the snippet markers, without the skipped ones); docs/tutorial.md walks through the rest.
// snippet: readme
#include <modsdk/modsdk.hpp>
// snippet-skip: readme

#include <optional>
#include <string>
#include <utility>

// snippet: user_type
/// A final SIP status code for reply_with(): the script writes a number, modsdk checks it at startup.
struct final_code {
  int value;
};
template <>
struct modsdk::convert<final_code> {
  static constexpr std::string_view expected = "a final SIP status code from 300 to 699";
  static std::optional<final_code> from_int(int v) {
    if (v < 300 || v > 699) return std::nullopt;
    return final_code{v};
  }
};
// snippet-end: user_type
// snippet-resume: readme

namespace {
modsdk::param<std::string_view> new_param{"new_param", "Hello", [](std::string_view v) { return !v.empty(); }};
modsdk::param<modsdk::db::url> db_url{"db_url"};

bool new_function(modsdk::message& msg, std::string_view text) {  // any SIP message: request or reply
  modsdk::log::info("{} (a {})", text, msg.is_request() ? "request" : "reply");
  return true;
}
bool new_function(modsdk::message& msg) { return new_function(msg, *new_param); }
// snippet-skip: readme

// ---- more than the seed: one of each capability ------------------------------------------------------

// snippet: validated_param
// A validator returns bool, or an error message (nullptr when the value is fine).
modsdk::param<int> max_greetings{"max_greetings", 100,
                                 [](int n) -> const char* { return n >= 1 ? nullptr : "must be at least 1"; }};
// snippet-end: validated_param

// snippet: stat_counter
constinit modsdk::counter greetings{"greetings"};  // get_statistics new_module:greetings
// snippet-end: stat_counter

// snippet: database
/// A caller's own greeting, from the table `greetings` (greetings.sql) of the database db_url names.
struct greeting_row {
  std::string greeting;
};
MODSDK_FIELDS(greeting_row, greeting);

// Optional: without db_url the module runs on new_param alone.
modsdk::db::database greetings_db{db_url,
                                  {.needs = modsdk::db::cap::query, .tables = {{"greetings", 1}}, .optional = true}};

/// The caller's greeting from the database, or new_param when it has none (or there is no database).
std::string greeting_for(std::string_view caller) {
  namespace db = modsdk::db;
  if (greetings_db.enabled())
    if (auto row = greetings_db.select<greeting_row>("greetings", db::col("caller") == caller).first())
      return std::move(row->greeting);
  return std::string(*new_param);
}
// snippet-end: database

// snippet: output_variable
/// greet("$fU", $var(out)): writes "<greeting>, <name>" into the variable (the caller's greeting from
/// the database, or new_param); false once max_greetings greetings were made.
bool greet(modsdk::request&, std::string_view name, modsdk::writable_variable out) {
  if (greetings.value() >= static_cast<unsigned long>(*max_greetings)) {
    modsdk::log::warn("not greeting {}: max_greetings ({}) reached", name, *max_greetings);
    return false;
  }
  greetings.inc();
  modsdk::log::debug("greeting #{} for {}", greetings.value(), name);
  return out.set(greeting_for(name) + ", " + std::string(name));
}
// snippet-end: output_variable

// snippet: stateless_reply
/// reply_with(403[, "Not Today"]): a stateless reply through the sl module; the reason is optional.
bool reply_with(modsdk::request& req, final_code code, std::optional<std::string_view> reason) {
  return modsdk::send_reply(req, code.value, reason.value_or("Rejected by new_module"));
}
// snippet-end: stateless_reply

// snippet: mi_command
/// MI `greetings`: how many greetings were made, and the limit.
modsdk::mi_object show_greetings() {
  modsdk::mi_object out;
  out.add("greetings", static_cast<long long>(greetings.value())).add("max_greetings", *max_greetings);
  return out;
}
// snippet-end: mi_command
// snippet-resume: readme
}  // namespace

// snippet: full_module
MODSDK_MODULE(new_module,
              // snippet-skip: readme
              modsdk::stats(greetings),
              modsdk::mi(MODSDK_MI(greetings, show_greetings, "How many greetings greet() made, and the limit")),
              modsdk::databases(greetings_db),  // bound in mod_init, a connection per process from child_init
              modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)),  // the SQL driver starts first
              // snippet-resume: readme
              modsdk::functions(
                  // snippet-skip: readme
                  MODSDK_FN(greet), MODSDK_FN(reply_with),
                  // snippet-resume: readme
                  // the overload set becomes one export, new_function([text]); the seed allowed REQUEST and ONREPLY
                  // routes, a narrowing of what `message&` permits (widening it would not compile)
                  MODSDK_OVERLOADS(new_function, modsdk::route::request | modsdk::route::onreply,
                                   bool(modsdk::message&, std::string_view), bool(modsdk::message&))),
              modsdk::params(
                  // snippet-skip: readme
                  max_greetings,
                  // snippet-resume: readme
                  new_param, db_url));
// snippet-end: full_module
// snippet-end: readme
