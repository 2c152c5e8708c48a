// SPDX-License-Identifier: MIT
// docs/howto/dialog.md: binding dialog, the created callback, per-dialog callbacks with state, values, profiles.
#include <modsdk/modsdk.hpp>

#include <ctime>
#include <string>
#include <string_view>

namespace {
// snippet: dialog_binding
modsdk::dialog::binding dlg;                                   // at namespace scope; bound in mod_init
modsdk::dialog::profile calls{dlg, "calls"};                   // modparam("dialog", "profiles_no_value", "calls")
modsdk::dialog::profile_with_value per_caller{dlg, "caller"};  // modparam("dialog", "profiles_with_value", ...)
// snippet-end: dialog_binding

// snippet: dialog_callbacks
struct call {  // per dialog, copied into shm: trivially copyable
  long started;
};
void on_end(const modsdk::dialog::dialog_event& e, call& c) {
  const modsdk::dialog::view d = e.dialog();
  modsdk::log::notice("call {} {} after {}s, {} calls now", d.call_id(),
                      e.type() == modsdk::dialog::event::expired ? "expired" : "ended", std::time(nullptr) - c.started,
                      calls.count());
}
void on_answer(const modsdk::dialog::dialog_event& e) {
  dlg.on<on_end>(e.dialog(), modsdk::dialog::event::terminated | modsdk::dialog::event::expired,
                 call{std::time(nullptr)});
}
void new_call(const modsdk::dialog::dialog_event& e) {  // every dialog created, in the INVITE's process
  dlg.on<on_answer>(e.dialog(), modsdk::dialog::event::confirmed);
  calls.set(e.dialog());
}
modsdk::dialog::on_created<new_call> created{dlg};  // registered by the binding in mod_init
// snippet-end: dialog_callbacks

// snippet: dialog_values
bool tag_call(modsdk::message&, std::string_view account) {  // after create_dialog() in the script
  auto d = dlg.current();
  if (!d) return false;
  if (per_caller.count(d->from_uri()) >= 2) return false;  // two calls per caller at most
  return dlg.set_value(*d, "account", account) && dlg.set_value(*d, "cseq_seen", 1) &&
         per_caller.set(*d, d->from_uri());
}
bool on_bye(modsdk::message&) {  // a sequential request, after loose_route()
  auto d = dlg.current();
  if (!d) return false;
  modsdk::log::notice("BYE for account {}", dlg.value<std::string>(*d, "account").value_or("(none)"));
  return true;
}
// snippet-end: dialog_values
}  // namespace

// snippet: dialog_module
MODSDK_MODULE(snippet_dialog,
              modsdk::functions(MODSDK_FN(tag_call, modsdk::route::request), MODSDK_FN(on_bye, modsdk::route::request)),
              modsdk::binds(dlg));  // dialog is initialised first; without dialog.so the start fails, saying so
// snippet-end: dialog_module
